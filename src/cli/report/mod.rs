//! `bedstretch report`: the period's report in Markdown, CSV or HTML. The figures come from
//! [`crate::core::report`]; this module reads the history and holds the words the three
//! forms share, so that they say the same thing the same way.

mod csv;
mod html;
mod markdown;
mod svg;
mod xml;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::core::config::Config;
use crate::core::cramps::Figures;
use crate::core::program::Program;
use crate::core::report::{self, Tally, Week};
use crate::core::stats::{NightState, nights};
use crate::core::text;
use crate::core::trial_review::Review;
use crate::store::history_read;
use crate::store::paths::Paths;

/// The forms `bedstretch report` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown: readable as it is in a terminal, and pasted into a letter or a document.
    Md,
    /// One row per night, for a spreadsheet.
    Csv,
    /// One self-contained page with charts, to print on A4 or send.
    Html,
}

/// Why the comparison is not proof; said with it in every form that shows it.
pub const CAVEAT: &str = "This is an association in one person's own diary, not a trial: \
nights were not chosen at random. People often stretch on the nights they feel well, and \
cramps also change with other treatments, medication, sleep, exercise, hydration and the \
weather. Read it as a question worth discussing, not as an answer.";

/// Said in place of the weeks when the history has no session nor diary entry yet.
const NO_RECORDS: &str = "No sessions or diary entries yet.";

/// `bedstretch report`.
pub fn report(
    paths: &Paths,
    config: &Config,
    as_of: DateTime<FixedOffset>,
    since: Option<NaiveDate>,
    format: Format,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let history = history_read::read_facts_as_of(paths, as_of)?;
    // Warnings quote file names and values from synced files: cleaned where they leave.
    for warning in &history.warnings {
        eprintln!("bedstretch: {}", text::clean_line(warning));
    }
    let rules = config.rules().paused_by(&history.pauses);
    let program = Program::latest(&history.programs, rules.day_starts_at);
    let report = report::build(
        &history.sessions,
        &history.cramps,
        &rules,
        as_of,
        since,
        program.as_ref(),
    )?
    .with_pauses(&history.pauses);
    let mut page = String::new();
    match format {
        Format::Md => markdown::render(&mut page, &report),
        Format::Csv => csv::render(&mut page, &report),
        Format::Html => html::render(&mut page, &report),
    }?;
    out.write_all(page.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A night's state in a word or two, as the diary and the CSV say it.
fn state_word(state: NightState) -> &'static str {
    match state {
        NightState::Kept => "kept",
        NightState::Partly => "partly",
        NightState::Missed => "missed",
        NightState::Rest => "rest day",
        NightState::Paused => "paused",
        NightState::BeforeStart => "not started",
        NightState::Open => "open",
        NightState::Future => "to come",
    }
}

/// A date as people read it: "Mon 2 Nov 2026".
fn day(night: NaiveDate) -> String {
    night.format("%a %-d %b %Y").to_string()
}

/// A week's span, short: "2 Nov – 8 Nov".
fn week_span(week: &Week) -> String {
    if week.first == week.last {
        return week.first.format("%-d %b").to_string();
    }
    format!(
        "{} – {}",
        week.first.format("%-d %b"),
        week.last.format("%-d %b")
    )
}

/// The heading line: which nights, and when the report was made.
fn period(r: &report::Report) -> String {
    format!(
        "Nights of {} to {} ({}), made {}.",
        day(r.first_night),
        day(r.last_night),
        nights(r.nights.len() as u32),
        r.as_of.format("%a %-d %b %Y %H:%M %:z")
    )
}

/// "3 of 7", or "none due" for a run with no due nights.
fn kept_of_due(tally: &Tally) -> String {
    if tally.due == 0 {
        "none due".into()
    } else {
        format!("{} of {}", tally.kept, tally.due)
    }
}

/// A share as a whole percentage, or a dash when there is none.
fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".into(), text::percent)
}

/// A mean to one decimal, or a dash.
fn mean(value: Option<f64>) -> String {
    value.map_or_else(|| "–".into(), |v| format!("{v:.1}"))
}

/// The summary lines every form opens with.
fn summary(r: &report::Report) -> Vec<String> {
    let t = &r.totals;
    let kept = match t.share_kept() {
        Some(share) => format!("{} ({})", kept_of_due(t), percent(Some(share))),
        None => kept_of_due(t),
    };
    let mut lines = vec![format!("Nights kept: {kept}")];
    match (t.rest, t.rest_kept) {
        (0, _) => {}
        (rest, 0) => lines.push(format!("Rest days: {rest}")),
        (rest, kept) => lines.push(format!("Rest days: {rest}, {kept} of them kept")),
    }
    if t.not_started > 0 {
        lines.push(format!(
            "Before the first session: {}",
            nights(t.not_started)
        ));
    }
    lines.push(format!("Sessions: {}", t.sessions));
    lines.push(format!(
        "Diary entries: {}, {} with a cramp",
        t.entries, t.cramp_nights
    ));
    lines
}

/// One row of the comparison's figures: the group's name, nights, nights with a cramp (and
/// the share), mean severity, mean cramps.
fn figures_row(name: &str, nights: u32, f: &Figures) -> [String; 5] {
    [
        name.to_string(),
        nights.to_string(),
        format!("{} ({})", f.nights_with_cramp, percent(f.share_with_cramp)),
        mean(f.mean_severity),
        mean(f.mean_cramps),
    ]
}

/// The comparison's two rows, to go with [`FIGURES_COLUMNS`].
fn comparison_rows(r: &report::Report) -> Vec<Vec<String>> {
    let c = &r.comparison;
    [
        figures_row("After stretching", c.stretched.nights, &c.stretched.all),
        figures_row("Other nights", c.other.nights, &c.other.all),
    ]
    .into_iter()
    .map(Vec::from)
    .collect()
}

/// The routines table's rows, raw text from the files: each form escapes it its own way.
fn routine_rows(r: &report::Report) -> Vec<Vec<String>> {
    r.routines
        .iter()
        .map(|u| vec![u.name.clone(), u.sessions.to_string()])
        .collect()
}

/// The hurt steps table's rows, raw text from the files: each form escapes it its own way.
fn hurt_rows(r: &report::Report) -> Vec<Vec<String>> {
    r.hurt_steps
        .iter()
        .map(|s| vec![s.step.clone(), side(s.side.as_deref()), s.times.to_string()])
        .collect()
}

/// A table column: its heading, and whether it holds figures (ranged right) or words.
#[derive(Debug, Clone, Copy)]
struct Column {
    name: &'static str,
    figures: bool,
}

const fn words(name: &'static str) -> Column {
    Column {
        name,
        figures: false,
    }
}

const fn figures(name: &'static str) -> Column {
    Column {
        name,
        figures: true,
    }
}

/// The weeks table, to go with [`week_row`].
const WEEK_COLUMNS: [Column; 6] = [
    words("Week"),
    figures("Kept"),
    figures("Share"),
    figures("Rest days"),
    figures("Sessions"),
    figures("Cramp nights (of entries)"),
];

/// The comparison's table, to go with [`comparison_rows`].
const FIGURES_COLUMNS: [Column; 5] = [
    words(""),
    figures("Nights"),
    figures("With a cramp"),
    figures("Mean severity"),
    figures("Mean cramps"),
];

/// The routines table, to go with [`routine_rows`].
const ROUTINE_COLUMNS: [Column; 2] = [words("Routine"), figures("Sessions")];

/// The hurt steps table, to go with [`hurt_rows`].
const HURT_COLUMNS: [Column; 3] = [words("Step"), words("Side"), figures("Times")];

/// The pauses table, to go with [`pause_rows`].
const PAUSE_COLUMNS: [Column; 4] = [
    words("From"),
    words("Until"),
    figures("Nights"),
    words("Why"),
];

/// The pauses' rows, the reasons raw from the files: each form escapes them its own way.
fn pause_rows(r: &report::Report) -> Vec<Vec<String>> {
    let row = |p: &crate::core::pause::PauseRecord| {
        let why = p.why.clone().unwrap_or_default();
        vec![day(p.from), day(p.until), p.nights().to_string(), why]
    };
    r.pauses.iter().map(row).collect()
}

/// What a report says when no pause covers a night of its period.
const NO_PAUSES: &str = "No nights paused in this period.";

/// The diary table, to go with [`diary_rows`].
const DIARY_COLUMNS: [Column; 6] = [
    words("Night"),
    words("Evening"),
    figures("Severity"),
    words("Side"),
    figures("Cramps"),
    words("Note"),
];

/// A week's row of the weeks table.
fn week_row(w: &Week) -> Vec<String> {
    vec![
        week_span(w),
        kept_of_due(&w.tally),
        percent(w.tally.share_kept()),
        w.tally.rest.to_string(),
        w.tally.sessions.to_string(),
        format!("{} of {}", w.tally.cramp_nights, w.tally.entries),
    ]
}

/// The diary's rows, raw text from the files: each form escapes it its own way.
fn diary_rows(r: &report::Report) -> Vec<Vec<String>> {
    r.nights
        .iter()
        .filter_map(|n| {
            let e = n.entry.as_ref()?;
            Some(vec![
                day(n.night),
                state_word(n.state).to_string(),
                e.severity.to_string(),
                side(e.side.as_deref()),
                e.count.map(|c| c.to_string()).unwrap_or_default(),
                e.note.clone().unwrap_or_default(),
            ])
        })
        .collect()
}

/// What the comparison left out, and how the interval was drawn.
fn comparison_notes(r: &report::Report) -> String {
    let c = &r.comparison;
    let mut parts = vec![
        rest_days(c.rest_nights),
        format!("{} without a diary entry", nights(c.nights_without_entry)),
    ];
    if c.paused_nights > 0 {
        parts.push(format!("{} paused", nights(c.paused_nights)));
    }
    if c.nights_before_first_use > 0 {
        parts.push(format!(
            "{} before the first session or diary entry",
            nights(c.nights_before_first_use)
        ));
    }
    let mut words = format!("Left out: {}.", in_a_list(&parts));
    if let Some(d) = &c.difference {
        words.push_str(&format!(
            " The 95 % interval comes from {} bootstrap resamples of these nights.",
            d.resamples
        ));
    }
    words
}

/// "1 rest day", "13 rest days": the one word for them wherever they are counted.
fn rest_days(n: u32) -> String {
    if n == 1 {
        "1 rest day".into()
    } else {
        format!("{n} rest days")
    }
}

/// "a, b and c".
fn in_a_list(parts: &[String]) -> String {
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The trial's side-by-side table, to go with [`trial_rows`].
const TRIAL_COLUMNS: [Column; 3] = [words(""), figures("Before"), figures("During")];

/// The trial's weeks, to go with [`trial_week_rows`].
const TRIAL_WEEK_COLUMNS: [Column; 4] = [
    words("Week"),
    words("From"),
    figures("Nights noted"),
    figures("Cramps a night"),
];

/// The nights worth discussing, to go with [`worth_rows`].
const WORTH_COLUMNS: [Column; 2] = [words("Night"), words("Why")];

/// The two periods side by side, in the rows `program review` shows.
fn trial_rows(t: &Review) -> Vec<Vec<String>> {
    super::trial_words::rows()
        .into_iter()
        .map(|(label, value)| {
            vec![
                text::capitalise(label),
                value(&t.baseline),
                value(&t.program),
            ]
        })
        .collect()
}

/// Cramps a night, week by week.
fn trial_week_rows(t: &Review) -> Vec<Vec<String>> {
    t.weeks
        .iter()
        .map(|w| {
            vec![
                w.label.clone(),
                w.first_night.format("%-d %b").to_string(),
                w.nights.to_string(),
                w.cramps_per_night
                    .map_or_else(|| "–".into(), text::hundredths),
            ]
        })
        .collect()
}

/// The difference with its interval, when the review has one.
fn trial_difference(t: &Review) -> Option<String> {
    let d = t.difference.as_ref()?;
    Some(format!(
        "Difference in cramps a night, during less before: {} (95 % interval {} to {}, from \
         {} bootstrap resamples of the nights).",
        text::hundredths(d.cramps_per_night),
        text::hundredths(d.ci95[0]),
        text::hundredths(d.ci95[1]),
        d.resamples
    ))
}

/// The nights worth discussing, each with its reasons; raw text from the files (a note):
/// each form escapes it its own way.
fn worth_rows(r: &report::Report) -> Vec<Vec<String>> {
    r.worth_discussing
        .iter()
        .map(|(night, reasons)| vec![day(*night), reasons_in_words(reasons)])
        .collect()
}

/// A night's reasons, joined with "; ".
fn reasons_in_words(reasons: &[crate::core::worth_discussing::Reason]) -> String {
    let words: Vec<String> = reasons.iter().map(|r| r.words()).collect();
    words.join("; ")
}

/// A hurt step's side, or a dash for a step without sides.
fn side(side: Option<&str>) -> String {
    side.map_or_else(|| "–".into(), text::clean_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_rounds_half_away_from_zero_like_every_other_percentage() {
        // 9 of 40 is 22.5 %: the comparison's sentence says 23 %, so the table must too.
        assert_eq!(percent(Some(9.0 / 40.0)), "23 %");
        assert_eq!(percent(None), "–");
    }

    #[test]
    fn the_caveat_calls_it_an_association_and_never_proof() {
        assert!(CAVEAT.contains("association"));
        assert!(CAVEAT.contains("not a trial"));
        assert!(!CAVEAT.to_lowercase().contains("prove"));
    }
}
