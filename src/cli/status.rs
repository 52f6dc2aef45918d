//! `bedstretch status`: tonight in one line for a shell prompt or a status bar, with an exit
//! status a script can test: 0 when tonight is kept, 1 when not, 2 when it cannot tell.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};

use crate::core::config::Config;
use crate::core::status::status as tonight;
use crate::core::streaks::Streaks;
use crate::core::text;
use crate::store::history_read;
use crate::store::paths::Paths;

use super::stats::warn_all;

/// How much `status` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// "🦶 12", "stretch tonight · 12" or "time to stretch · 12": for a prompt.
    Short,
    /// "Tonight is kept · streak 12 nights": for a status bar.
    Long,
    /// Every figure as one JSON object, for other programs.
    Json,
}

/// The exit status when the history could not be read: neither kept nor not.
const UNKNOWN: u8 = 2;

/// `bedstretch status`.
pub fn status(
    paths: &Paths,
    config: &Config,
    now: DateTime<FixedOffset>,
    format: Format,
    out: &mut impl Write,
) -> Result<ExitCode> {
    // A prompt runs this at every command line: a history it cannot read says so on stderr
    // and gives no line, rather than a line that looks like a broken streak.
    let counting = match history_read::read_counting(paths, now) {
        Ok(counting) => {
            // What was skipped is said as every command says it: a prompt that hides it with
            // `2>/dev/null` chooses to.
            warn_all(&counting.warnings);
            counting
        }
        Err(e) => {
            eprintln!("bedstretch: {}", text::clean_line(&format!("{e:#}")));
            return Ok(ExitCode::from(UNKNOWN));
        }
    };
    let rules = config.rules().paused_by(&counting.pauses);
    let streaks = Streaks::as_of(counting.sessions, &rules, now);
    let s = tonight(&streaks, config.remind_at, rules.day_starts_at, now);
    let line = match format {
        Format::Short => s.short.clone(),
        Format::Long => s.long.clone(),
        Format::Json => serde_json::to_string(&s).context("cannot encode the status")?,
    };
    writeln!(out, "{line}").context("cannot write to standard output")?;
    Ok(if s.tonight_kept {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
