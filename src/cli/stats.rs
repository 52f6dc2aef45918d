//! `bedstretch stats` and `bedstretch history`: the streak and the sessions, in words, JSON
//! or CSV.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::json;

use crate::core::cramps;
use crate::core::history::{SessionRecord, Status};
use crate::core::stats::{Stats, night_of};
use crate::core::text;
use crate::store::config::Config;
use crate::store::history_read;
use crate::store::paths::Paths;

/// Warnings quote file names and values from synced files: cleaned here, where they leave.
fn warn_all(warnings: &[String]) {
    for warning in warnings {
        eprintln!("bedstretch: {}", text::clean_line(warning));
    }
}

/// `bedstretch stats`.
pub fn stats(
    paths: &Paths,
    config: &Config,
    as_of: DateTime<FixedOffset>,
    as_json: bool,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let history = history_read::read_facts(paths)?;
    warn_all(&history.warnings);
    let rules = config.rules();
    let s = Stats::compute(&history.sessions, &rules, as_of);
    if as_json {
        let comparison = cramps::compare(
            &history.sessions,
            &history.cramps,
            &rules,
            s.tonight,
            cramps::DEFAULT_WINDOW_NIGHTS,
        );
        let value = json!({
            "as_of": as_of.to_rfc3339(),
            "tonight": s.tonight.to_string(),
            "tonight_kept": s.tonight_kept,
            "current_streak": s.current_streak,
            "longest_streak": s.longest_streak,
            "nights_kept": s.nights_kept,
            "nights_kept_7d": s.nights_kept_7d,
            "nights_kept_30d": s.nights_kept_30d,
            "sessions": s.sessions,
            "last_kept_night": s.last_kept_night.map(|n| n.to_string()),
            "completion_rate_30d": s.completion_rate_30d.map(|r| (r * 1000.0).round() / 1000.0),
            "most_skipped": s.most_skipped.as_ref().map(|(name, count)| json!({"step": name, "times": count})),
            "cramps": comparison,
        });
        writeln!(out, "{}", text::escape_json_controls(&value.to_string()))?;
        return Ok(ExitCode::SUCCESS);
    }
    // A step name comes from a history line, which may be a stranger's.
    for (label, value) in s.in_words() {
        writeln!(
            out,
            "{:<17}{}",
            format!("{label}:"),
            text::clean_line(&value)
        )?;
    }
    writeln!(out, "\nHow it counts: {}.", s.rule_in_words())?;
    Ok(ExitCode::SUCCESS)
}

/// The output forms of `bedstretch history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people.
    Table,
    /// One JSON array of session records.
    Json,
    /// A header and one row per session.
    Csv,
}

/// Which sessions `bedstretch history` lists, and in what order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Only sessions from this night on.
    pub since: Option<NaiveDate>,
    /// Only sessions of this routine id.
    pub routine: Option<String>,
    /// At most this many, newest (or, reversed, oldest) first.
    pub limit: Option<usize>,
    /// Oldest first instead of newest first.
    pub reverse: bool,
}

/// `bedstretch history`.
pub fn history(
    paths: &Paths,
    config: &Config,
    query: &Query,
    format: Format,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let history = history_read::read_records(paths)?;
    warn_all(&history.warnings);
    let rollover = config.rules().day_starts_at;
    let mut sessions: Vec<&SessionRecord> = history
        .sessions
        .iter()
        .filter(|s| {
            query
                .since
                .is_none_or(|d| night_of(s.started_at, rollover) >= d)
        })
        .filter(|s| query.routine.as_ref().is_none_or(|id| s.routine == *id))
        .collect();
    // Newest first, as a person looks back; the same order in every format.
    sessions.sort_by_key(|s| s.started_at);
    if !query.reverse {
        sessions.reverse();
    }
    sessions.truncate(query.limit.unwrap_or(usize::MAX));
    let row = |s: &SessionRecord| {
        let done = s
            .steps
            .iter()
            .filter(|x| x.status == Status::Completed)
            .count();
        let held: u64 = s.steps.iter().map(|x| x.done_secs).sum();
        (night_of(s.started_at, rollover), done, s.steps.len(), held)
    };
    match format {
        Format::Json => {
            let json = serde_json::to_string(&sessions).context("cannot write JSON")?;
            writeln!(out, "{}", text::escape_json_controls(&json))?;
        }
        Format::Csv => {
            writeln!(
                out,
                "id,night,started_at,ended_at,routine,routine_name,outcome,done,planned,held_secs"
            )?;
            for s in sessions {
                let (night, done, planned, held) = row(s);
                let outcome = s.outcome.as_str();
                let fields = [
                    s.id.clone(),
                    night.to_string(),
                    s.started_at.to_rfc3339(),
                    s.ended_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                    s.routine.clone(),
                    s.routine_name.clone(),
                    outcome.to_string(),
                    done.to_string(),
                    planned.to_string(),
                    held.to_string(),
                ];
                let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", fields.join(","))?;
            }
        }
        Format::Table => {
            if sessions.is_empty() {
                if history.sessions.is_empty() {
                    writeln!(out, "No sessions yet. Start one with `bedstretch run`.")?;
                } else {
                    writeln!(out, "No sessions match.")?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            writeln!(
                out,
                "{:<10}  {:<5}  {:<24}  {:<11}  {:>7}  {:>6}",
                "NIGHT", "TIME", "ROUTINE", "OUTCOME", "DONE", "HELD"
            )?;
            for s in sessions {
                let (night, done, planned, held) = row(s);
                // An outcome this version does not know is a stranger's text.
                let outcome = text::clean_line(s.outcome.as_str());
                let name = text::pad(&text::clean_line(&s.routine_name), 24);
                // The time of day in the session's own offset, where it was lived.
                let time = s.started_at.format("%H:%M");
                writeln!(
                    out,
                    "{night}  {time}  {name}  {outcome:<11}  {:>7}  {:>6}",
                    format!("{done}/{planned}"),
                    format!("{}:{:02}", held / 60, held % 60)
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One CSV field, cleaned of controls (it may well be shown on a terminal) and quoted as
/// RFC 4180 asks when it holds a comma, a quote or a line break.
fn csv_field(field: &str) -> String {
    let field = text::clean_multiline(field);
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("Bedtime feet"), "Bedtime feet");
        assert_eq!(csv_field("Calves, toes"), "\"Calves, toes\"");
        assert_eq!(csv_field("The \"quick\" one"), "\"The \"\"quick\"\" one\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("a\u{1b}]0;x\u{7}\u{9b}b"), "a]0;xb");
    }
}
