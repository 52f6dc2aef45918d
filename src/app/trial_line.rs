//! The personal trial in one line for home: where the person stands in it tonight, in the
//! words of `bedstretch program` ("Trial · Baseline, night 5 of 14: just note cramps each
//! morning"), and, on a night of the routine's weeks not yet kept, the routine to run. The
//! line comes in several wordings, longest first, so that the view can take the first that
//! fits its columns; it is gone a week after the trial ended.
//!
//! Pure: the history arrives as [`Known`], tonight as a date.

use chrono::{Days, NaiveDate};

use crate::core::calendar::Rules;
use crate::core::program::{Phase, Program};
use crate::core::trial_review::{review, standing};

use super::known::Known;

/// Nights after a trial's last one that home still speaks of it.
pub const SHOWN_AFTER_END: u64 = 7;

/// What the wordings need to know of tonight besides the trial.
#[derive(Debug, Clone, Copy)]
struct Tonight<'a> {
    night: NaiveDate,
    /// True when a session has kept it.
    kept: bool,
    /// The name of the trial's routine, when it is among the routines.
    routine_name: Option<&'a str>,
}

/// The trial's line on `night` (kept by a session or not) in every wording, longest first;
/// empty when there is no trial or it ended more than [`SHOWN_AFTER_END`] nights ago.
/// `name_of` gives a routine's name by its id, `None` when it is not listed.
pub fn trial_line<'a>(
    known: &Known,
    rules: &Rules,
    night: NaiveDate,
    kept: bool,
    name_of: impl Fn(&str) -> Option<&'a str>,
) -> Vec<String> {
    let Some(program) = Program::latest(&known.programs, rules.day_starts_at) else {
        return Vec::new();
    };
    let hidden_from = program
        .last_night()
        .checked_add_days(Days::new(SHOWN_AFTER_END))
        .unwrap_or(NaiveDate::MAX);
    if night > hidden_from {
        return Vec::new();
    }
    let tonight = Tonight {
        night,
        kept,
        routine_name: name_of(&program.plan.routine),
    };
    let review = review(&program, &known.sessions, &known.cramps, rules, night);
    wordings(&program, &standing(&program, &review, night), tonight)
}

/// The wordings of `standing` for `tonight`: with the routine when one is due, then without;
/// whole, then cut at its colon; "Trial · " before a phase that does not say "trial" itself.
fn wordings(program: &Program, standing: &str, tonight: Tonight) -> Vec<String> {
    let phase = program.phase(tonight.night);
    let lead = match phase {
        Phase::Baseline { .. } | Phase::Program { .. } => "Trial · ",
        Phase::NotYet | Phase::Done => "",
    };
    let due = match (phase, tonight.kept, tonight.routine_name) {
        (Phase::Program { .. }, false, Some(name)) => Some(format!(" · {name} tonight")),
        _ => None,
    };
    let head = standing.split(':').next().unwrap_or(standing);
    let mut forms = Vec::new();
    for words in [standing, head] {
        if let Some(due) = &due {
            forms.push(format!("{lead}{words}{due}"));
        }
        forms.push(format!("{lead}{words}"));
    }
    if !lead.is_empty() {
        forms.push(head.to_string());
    }
    forms.dedup();
    forms
}

#[cfg(test)]
#[path = "trial_line_tests.rs"]
mod tests;
