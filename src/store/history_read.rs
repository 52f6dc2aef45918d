//! Reading the history: every device's file, each line on its own. A line that does not parse
//! is skipped with a warning naming its file and line; it never hides the rest. A folder that
//! cannot be read is an error, never an empty history.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};

use crate::core::history::{SessionRecord, latest_believable};
use crate::core::stats::SessionFacts;
use crate::core::streaks::CountingSession;

use super::file_lines::{FileLines, MAX_LINE_BYTES};
use super::gather::{Gather, History, Session, history_files, open};
use super::history_cache::{Streaks, read_facts_renewing};
use super::paths::Paths;
use super::read::{Line, Lines};
use super::streak_cache::{self, Counting};

fn read<S: Session>(dir: &Path, now: Option<DateTime<FixedOffset>>) -> Result<History<S>> {
    let mut gather = Gather::as_of(now);
    for path in history_files(dir)? {
        let read_err = || format!("{}: cannot read", path.display());
        let (file, _) = match open(&path)? {
            Ok(opened) => opened,
            Err(warning) => {
                gather.skip_file(warning);
                continue;
            }
        };
        let mut lines = Lines::new(file, MAX_LINE_BYTES);
        let mut held = FileLines::<S>::default();
        let mut number = 0;
        while let Some(line) = lines.next_line().with_context(read_err)? {
            number += 1;
            held.take(number, &line);
        }
        gather.add(&path, held.sessions, held.cramps, &held.bad);
    }
    Ok(gather.finish())
}

/// Reads stats facts from the lines of `text`, numbering them from `first_line`, as the
/// readers do (for benchmarks and tests of the parser alone).
pub fn facts_of_lines(text: &str, first_line: usize) -> FileLines<SessionFacts> {
    let mut held = FileLines::default();
    for (i, line) in text.lines().enumerate() {
        let line = Line {
            text: Some(line.as_bytes()),
            raw: None,
            len: line.len() as u64 + 1,
            complete: true,
        };
        held.take(first_line + i, &line);
    }
    held
}

/// What stats need of every session, through the summary cache, whatever its date.
pub fn read_facts(paths: &Paths) -> Result<History<SessionFacts>> {
    super::history_cache::read_facts(paths, None)
}

/// What stats need of every session, read from the history files alone (no cache).
pub fn read_facts_uncached(paths: &Paths) -> Result<History<SessionFacts>> {
    read(&paths.history_dir(), None)
}

/// Every session in full, for listing and export, whatever its date.
pub fn read_records(paths: &Paths) -> Result<History<SessionRecord>> {
    read(&paths.history_dir(), None)
}

/// [`read_facts`] as of `now`, as every command reads: records dated more than a day after
/// it are skipped with a warning.
pub fn read_facts_as_of(
    paths: &Paths,
    now: DateTime<FixedOffset>,
) -> Result<History<SessionFacts>> {
    super::history_cache::read_facts(paths, Some(now))
}

/// [`read_records`] as of `now`, as every command reads (see [`read_facts_as_of`]).
pub fn read_records_as_of(
    paths: &Paths,
    now: DateTime<FixedOffset>,
) -> Result<History<SessionRecord>> {
    read(&paths.history_dir(), Some(now))
}

/// Every counting session as of `now`, each id once, and what was skipped: from the streak
/// cache when it is current, else from the history (which renews the cache). An unreadable
/// history is an error, as for `stats`.
pub fn read_counting(paths: &Paths, now: DateTime<FixedOffset>) -> Result<Counting> {
    let limit = latest_believable(now);
    // The cache keeps sessions whatever their date; one too far ahead of this now is skipped
    // by the full reader, with the warning every command gives. A current cache needs no
    // writing again; a missing or stale one is renewed.
    let ahead = |s: &CountingSession| limit.is_some_and(|limit| s.started_at > limit);
    let renew = match streak_cache::read(paths) {
        Some(counting) if !counting.sessions.iter().any(ahead) => return Ok(counting),
        Some(_) => Streaks::Keep,
        None => Streaks::Renew,
    };
    let history = read_facts_renewing(paths, renew, Some(now))?;
    Ok(Counting {
        sessions: history
            .sessions
            .iter()
            .filter_map(SessionFacts::counting)
            .collect(),
        warnings: history.warnings,
    })
}
