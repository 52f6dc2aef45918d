//! `bedstretch cramp`: the morning diary, one line in this device's history.
//!
//! "Last night" follows the rollover: before `day_starts_at` it is the night still running,
//! after it the night that has just ended. Either way it is the calendar day before today, so
//! at 02:00 and at 07:00 on the 24th it is the night of the 23rd.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::core::calendar::{self, night_of};
use crate::core::config::Config;
use crate::core::history::CrampNote;
use crate::core::text;
use crate::core::worth_discussing;
use crate::store::history::{self, NotNoted, note_cramp};
use crate::store::history_read;
use crate::store::paths::Paths;

use clap_complete::engine::ArgValueCandidates;

use super::args::parse_date;
use super::completions;
use super::store_shell::add_it_yourself;

/// The longest note kept, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// What the person said about a night, as the command line gave it. (The doc comments on
/// the fields are `cramp --help`'s.)
#[derive(Debug, Clone, clap::Args)]
pub struct Entry {
    /// 0 for a night without cramps, 1 (barely) to 10 (the worst).
    #[arg(value_name = "SEVERITY", allow_negative_numbers = true, value_parser = parse_severity)]
    pub severity: u8,
    /// Which foot: left, right or both.
    #[arg(long, value_name = "SIDE", value_parser = parse_side,
          add = ArgValueCandidates::new(completions::sides))]
    pub side: Option<String>,
    /// The night it is about (YYYY-MM-DD), if not last night.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub night: Option<NaiveDate>,
    /// How many cramps that night (1 when left out and severity is above 0).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parse_count)]
    pub count: Option<u32>,
    /// A few words of your own, at most 500 characters.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = parse_note)]
    pub note: Option<String>,
    /// How long the longest cramp lasted, in minutes (1 to 600).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parse_minutes)]
    pub minutes: Option<u32>,
}

/// `SEVERITY`: a whole number from 0 to 10.
pub fn parse_severity(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| *n <= 10)
        .ok_or_else(|| "a severity is a whole number from 0 (no cramps) to 10, such as 6".into())
}

/// `--side`: left, right or both.
pub fn parse_side(text: &str) -> Result<String, String> {
    match text {
        "left" | "right" | "both" => Ok(text.to_string()),
        _ => Err("a side is left, right or both, such as --side left".into()),
    }
}

/// `--count`: a whole number from 1 to 100.
pub fn parse_count(text: &str) -> Result<u32, String> {
    whole_in(text, 1..=100).ok_or_else(|| {
        "a count is the number of cramps that night, from 1 to 100, such as --count 2".into()
    })
}

/// `--minutes`: a whole number from 1 to 600.
pub fn parse_minutes(text: &str) -> Result<u32, String> {
    whole_in(text, 1..=600).ok_or_else(|| {
        "minutes is how long the longest cramp lasted, from 1 to 600, such as --minutes 3".into()
    })
}

/// A whole number within `range`, or `None`.
fn whole_in(text: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
}

/// `--note`: control characters removed, at most [`MAX_NOTE_CHARS`] characters.
pub fn parse_note(text: &str) -> Result<String, String> {
    let cleaned = text::clean_line(text);
    let chars = cleaned.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(format!(
            "a note is at most {MAX_NOTE_CHARS} characters (this one has {chars}), such as --note \"left calf, woke at 3\""
        ));
    }
    Ok(cleaned)
}

/// The night "last night" means at `now`; see the module documentation.
pub fn last_night(now: DateTime<FixedOffset>, config: &Config) -> NaiveDate {
    calendar::last_night(now, config.rules().day_starts_at)
}

/// Refuses a night that has not been slept yet: tonight in the evening (it is over at the
/// rollover of the next day) and any later one. Before the rollover, the night still running
/// is "last night", as a plain `cramp` notes it: a cramp that wakes the person at 02:00 is
/// real, and naming its night changes nothing.
fn check_over(night: NaiveDate, now: DateTime<FixedOffset>, config: &Config) -> Result<()> {
    let rollover = config.rules().day_starts_at;
    let last = last_night(now, config);
    if night <= last {
        return Ok(());
    }
    let when = night.format("%a %-d %b %Y");
    let instead = format!("give last night or an earlier one, such as --night {last}");
    if night > night_of(now, rollover) {
        bail!("--night: the night of {when} has not begun yet; {instead}");
    }
    let ends = night.succ_opt().map_or_else(String::new, |next| {
        format!(
            " (it ends at {} on {})",
            rollover.format("%H:%M"),
            next.format("%a %-d %b")
        )
    });
    bail!("--night: the night of {when} is not over yet{ends}; {instead}");
}

/// Records the entry as a `cramp` line and says in one line what was noted.
pub fn cramp(
    paths: &Paths,
    config: &Config,
    entry: Entry,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let last = last_night(now, config);
    let night = entry.night.unwrap_or(last);
    check_over(night, now, config)?;
    if entry.severity == 0 && entry.count.is_some() {
        bail!(
            "--count: a night without cramps (severity 0) has no count; leave --count out, or give a severity from 1 to 10, such as `cramp 6 --count 2`"
        );
    }
    if entry.severity == 0 && entry.minutes.is_some() {
        bail!(
            "--minutes: a night without cramps (severity 0) has no cramp to time; leave --minutes out, or give a severity from 1 to 10, such as `cramp 6 --minutes 3`"
        );
    }
    let note = CrampNote {
        night,
        severity: entry.severity,
        side: entry.side,
        count: entry.count,
        note: entry.note,
        minutes: entry.minutes,
    };
    // Only to say so: nothing is rewritten, the new line simply wins when read. A history
    // that cannot be read here is not a reason to lose the note.
    let diary = history_read::read_records(paths)
        .map(|h| h.cramps)
        .unwrap_or_default();
    let earlier = diary.iter().find(|c| c.night == night).cloned();
    let record = note_cramp(paths, note, now).map_err(|not| not_noted(paths, &not))?;
    let when = if night == last {
        format!("last night ({})", night.format("%a %-d %b"))
    } else {
        format!("the night of {}", night.format("%a %-d %b %Y"))
    };
    let mut said = if record.severity == 0 {
        "no cramps".to_string()
    } else {
        format!("severity {}", record.severity)
    };
    if let Some(side) = &record.side {
        said.push_str(&format!(", {side}"));
    }
    if let Some(n) = record.count.filter(|n| *n > 1) {
        said.push_str(&format!(", {n} cramps"));
    }
    if let Some(m) = record.minutes {
        said.push_str(&format!(", the longest {m} min"));
    }
    if record.note.is_some() {
        said.push_str(", with a note");
    }
    if let Some(earlier) = earlier {
        said.push_str(&format!(
            "; this replaces the entry noted {}",
            earlier.logged_at.format("%a %-d %b at %H:%M")
        ));
    }
    writeln!(out, "Noted: {when}, {said}.").context("cannot write to standard output")?;
    // The diary as it now stands: this entry in place of any earlier one for its night.
    let mut now_noted: Vec<_> = diary.into_iter().filter(|c| c.night != night).collect();
    now_noted.push(record);
    let this_night = worth_discussing::nights(&now_noted)
        .iter()
        .any(|(flagged, _)| *flagged == night);
    if this_night || worth_discussing::lately(&now_noted, last) {
        writeln!(out, "{}", worth_discussing::LINE).context("cannot write to standard output")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The error for an entry the history could not take: why, and the entry to add by hand.
fn not_noted(paths: &Paths, not: &NotNoted) -> anyhow::Error {
    let Ok(line) = serde_json::to_string(&not.record) else {
        return anyhow::anyhow!(
            "{}; the entry was not noted",
            text::clean_line(&not.to_string())
        );
    };
    let device = history::device_id(paths).unwrap_or_else(|_| "this-machine".to_string());
    let file = history::device_file(paths, &device);
    anyhow::anyhow!(
        "{}; the entry was not noted. {}",
        text::clean_line(&not.to_string()),
        add_it_yourself(&line, &file)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn night(now: &str) -> String {
        let now = DateTime::parse_from_rfc3339(now).expect("time");
        last_night(now, &Config::default()).to_string()
    }

    #[test]
    fn last_night_is_the_running_night_before_the_rollover_and_the_ended_one_after() {
        assert_eq!(night("2026-11-24T02:00:00+01:00"), "2026-11-23");
        assert_eq!(night("2026-11-24T07:00:00+01:00"), "2026-11-23");
        assert_eq!(night("2026-11-24T23:30:00+01:00"), "2026-11-23");
    }

    #[test]
    fn a_note_is_cleaned_before_it_is_measured() {
        assert_eq!(parse_note("a\u{1b}b\u{202e}c").expect("kept"), "abc");
        assert!(parse_note(&"x".repeat(500)).is_ok());
        assert!(parse_note(&format!("{}\u{7}", "x".repeat(500))).is_ok());
        assert!(parse_note(&"x".repeat(501)).is_err());
    }
}
