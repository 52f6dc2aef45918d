//! `bedstretch stats`: the streak, and what the cramp diary says about stretching, in words
//! or JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, FixedOffset};
use serde_json::json;

use crate::core::config::Config;
use crate::core::cramps::{self, Comparison};
use crate::core::stats::{Stats, nights};
use crate::core::text;
use crate::store::history_read;
use crate::store::paths::Paths;

/// The long help of `bedstretch stats`: how the comparison is made, and what it cannot show.
pub const HELP: &str = "\
Your streak and nights kept, and what your cramp diary says about stretching.

A night is kept when one of its sessions holds min_completion (80 % by default) of its
stretches; the night ends at day_starts_at (04:00 by default), and rest days neither break
nor extend a streak.

The cramp comparison looks at the 90 nights before tonight. Each night with a diary entry
(`bedstretch cramp`; the latest entry for a night wins, from any device) goes into one of
two groups: nights that followed a kept routine, and the others. Rest days and nights
without an entry are left out, and so are the nights before your first session or diary
entry; their numbers are said. For each group it gives the
share of nights with a cramp; then the difference in percentage points, with a 95 %
interval from a bootstrap of 2000 resamples drawn with a fixed seed, so the same diary
always gives the same words. It says nothing until each group has 7 nights.

\"Rarer\" means the whole interval is on the side of fewer cramps after stretching, and
\"more common\" the whole of it on the side of more; \"about as common\" means the interval
reaches from fewer to more, which is not the same as stretching doing nothing. Either way
it is an association, not a trial: you may stretch on nights you already feel well, and
other things change cramps too (other treatments, exercise, hydration, medication, sleep).
Below it are the steps you stopped most often with \"this hurts\" in those nights, each
side on its own.";

/// How many of the steps stopped with "this hurts" the words name.
const HURT_STEPS_SHOWN: usize = 3;

/// Warnings quote file names and values from synced files: cleaned here, where they leave.
pub(super) fn warn_all(warnings: &[String]) {
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
    let history = history_read::read_facts_as_of(paths, as_of)?;
    warn_all(&history.warnings);
    let rules = config.rules().paused_by(&history.pauses);
    let s = Stats::compute(&history.sessions, &rules, as_of);
    let comparison = cramps::compare(
        &history.sessions,
        &history.cramps,
        &rules,
        s.tonight,
        cramps::DEFAULT_WINDOW_NIGHTS,
    );
    if as_json {
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
    write_rows(out, &s.in_words())?;
    writeln!(out, "\nHow it counts: {}.\n", s.rule_in_words())?;
    write_rows(out, &comparison_in_words(&comparison))?;
    writeln!(
        out,
        "\nHow it compares: an association, not a trial; `bedstretch stats --help` says how."
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Label and value rows, the labels in one column. A step name comes from a history line,
/// which may be a stranger's: every value is cleaned here, where it leaves.
fn write_rows(out: &mut impl Write, rows: &[(&str, String)]) -> Result<()> {
    for (label, value) in rows {
        writeln!(
            out,
            "{:<17}{}",
            format!("{label}:"),
            text::clean_line(value)
        )?;
    }
    Ok(())
}

/// The comparison as rows under the streak's: its sentence, the nights it left out, and the
/// steps stopped most often with "this hurts" (none said when there were none).
fn comparison_in_words(c: &Comparison) -> Vec<(&'static str, String)> {
    let mut rows = vec![("Cramps", c.sentence.clone()), ("Left out", left_out(c))];
    let hurts: Vec<String> = c
        .hurt_steps
        .iter()
        .take(HURT_STEPS_SHOWN)
        .map(|h| {
            let times = match h.times {
                1 => "once".to_string(),
                n => format!("{n} times"),
            };
            match &h.side {
                Some(side) => format!("{}, {side} ({times})", h.step),
                None => format!("{} ({times})", h.step),
            }
        })
        .collect();
    if !hurts.is_empty() {
        rows.push(("\"This hurts\"", hurts.join("; ")));
    }
    rows
}

/// "13 of the last 90 nights: 11 without a diary entry, 2 rest days".
fn left_out(c: &Comparison) -> String {
    let mut parts = Vec::new();
    if c.nights_without_entry > 0 {
        parts.push(format!("{} without a diary entry", c.nights_without_entry));
    }
    match c.rest_nights {
        0 => {}
        1 => parts.push("1 rest day".into()),
        n => parts.push(format!("{n} rest days")),
    }
    if c.paused_nights > 0 {
        parts.push(format!("{} paused", c.paused_nights));
    }
    if c.nights_before_first_use > 0 {
        parts.push(format!(
            "{} before the first session or diary entry",
            c.nights_before_first_use
        ));
    }
    let window = nights(c.window_nights);
    let total =
        c.nights_without_entry + c.rest_nights + c.paused_nights + c.nights_before_first_use;
    if total == 0 {
        format!("none of the last {window}")
    } else {
        format!("{total} of the last {window}: {}", parts.join(", "))
    }
}
