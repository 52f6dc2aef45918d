//! The report as CSV: one row per night of the period, oldest first, for a spreadsheet.
//! Weeks and the comparison are sums and words over these rows, so they are left to the
//! Markdown and HTML forms rather than squeezed into a table of another shape. A personal
//! trial's figures are about nights too: each night says its period, and carries that
//! period's cramps a night and, on the program's nights, the difference with its interval.

use std::fmt::{self, Write};

use chrono::NaiveDate;

use crate::core::report::{Night, Report};
use crate::core::text::{self, csv_field, hundredths};
use crate::core::trial_review::Review;

use super::{reasons_in_words, state_word};

/// The header row; `--help` lists the same columns.
pub const HEADER: &str = "night,evening,sessions,routines,severity,side,cramps,note,hurt,\
worth_discussing,trial_phase,trial_cramps_a_night,trial_difference,trial_ci95_low,\
trial_ci95_high,paused";

/// The whole report: the header and a row per night.
pub fn render(csv: &mut impl Write, r: &Report) -> fmt::Result {
    writeln!(csv, "{HEADER}")?;
    for night in &r.nights {
        let worth = r
            .worth_discussing
            .iter()
            .find(|(n, _)| *n == night.night)
            .map(|(_, reasons)| reasons_in_words(reasons))
            .unwrap_or_default();
        let mut fields: Vec<String> = row(night).iter().map(|f| csv_field(f)).collect();
        fields.push(csv_field(&text::clean_line(&worth)));
        // Figures of our own making, never text: written as numbers, a minus sign and all.
        fields.extend(
            r.trial
                .as_ref()
                .map_or_else(Vec::new, |t| trial(t, night.night)),
        );
        fields.resize(HEADER.split(',').count() - 1, String::new());
        // The pause's reason on a paused night ("paused" when none was given).
        let paused = r.paused_why(night.night).map(|why| match why {
            "" => "paused".to_string(),
            why => text::clean_line(why),
        });
        fields.push(csv_field(&paused.unwrap_or_default()));
        writeln!(csv, "{}", fields.join(","))?;
    }
    Ok(())
}

/// A night's trial fields: its period, that period's cramps a night, and on the program's
/// nights the difference and its interval, as `program review --json` rounds them.
fn trial(t: &Review, night: NaiveDate) -> Vec<String> {
    let (phase, period) = if (t.from..t.program_from).contains(&night) {
        ("baseline", &t.baseline)
    } else if (t.program_from..=t.last_night).contains(&night) {
        ("program", &t.program)
    } else {
        return Vec::new();
    };
    let mut fields = vec![
        phase.to_string(),
        period.cramps_per_night.map(hundredths).unwrap_or_default(),
    ];
    if let (Some(d), "program") = (&t.difference, phase) {
        fields.extend([d.cramps_per_night, d.ci95[0], d.ci95[1]].map(hundredths));
    }
    fields
}

/// A night's fields, before quoting. Lists are joined with "; ", and every field is kept to
/// one line so that each night is exactly one line of the file.
fn row(n: &Night) -> [String; 9] {
    let entry = n.entry.as_ref();
    let hurt: Vec<String> = n
        .hurt
        .iter()
        .map(|h| match &h.side {
            Some(side) => format!("{} ({side})", h.step),
            None => h.step.clone(),
        })
        .collect();
    let one_line = |items: &[String]| {
        items
            .iter()
            .map(|s| text::clean_line(s))
            .collect::<Vec<_>>()
            .join("; ")
    };
    [
        n.night.to_string(),
        state_word(n.state).to_string(),
        n.sessions.to_string(),
        one_line(&n.routines),
        entry.map(|e| e.severity.to_string()).unwrap_or_default(),
        entry
            .and_then(|e| e.side.as_deref())
            .map(text::clean_line)
            .unwrap_or_default(),
        entry
            .and_then(|e| e.count)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        entry
            .and_then(|e| e.note.as_deref())
            .map(text::clean_line)
            .unwrap_or_default(),
        one_line(&hurt),
    ]
}

#[cfg(test)]
mod tests {
    use super::HEADER;
    use crate::cli::help::REPORT_HELP;

    #[test]
    fn the_help_lists_every_column_in_order() {
        let help = REPORT_HELP.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(help.contains(&HEADER.replace(",trial_phase", ", trial_phase")));
    }
}
