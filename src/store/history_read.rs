//! Reading the history: every device's file, each line on its own. A line that does not parse
//! is skipped with a warning naming its file and line; it never hides the rest. A folder that
//! cannot be read is an error, never an empty history.

use std::os::unix::fs::FileExt;
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset};

use crate::core::history::{HistoryLine, SessionRecord, latest_believable, parse_line};
use crate::core::stats::SessionFacts;
use crate::core::streaks::CountingSession;

use super::file_lines::{FileLines, FromSessionLine, MAX_LINE_BYTES};
use super::gather::{Gather, History, OpenFiles, Session, SessionSpot, history_files, open};
use super::history_cache::{Streaks, read_facts_renewing};
use super::line_batches::{Sink, take_all};
use super::paths::Paths;
use super::read::{Line, Lines};
use super::streak_cache::{self, Counting};

/// The history in `dir` as of `now`, read from the files alone (no summary).
fn read<S: Session + FromSessionLine + Send>(
    dir: &Path,
    now: Option<DateTime<FixedOffset>>,
) -> Result<History<S>> {
    let mut gather = Gather::as_of(now);
    for path in history_files(dir)? {
        let (file, meta) = match open(&path)? {
            Ok(opened) => opened,
            Err(warning) => {
                gather.skip_file(warning);
                continue;
            }
        };
        let mut lines = Lines::new(file, MAX_LINE_BYTES);
        let (mut held, mut tail) = (FileLines::<S>::default(), FileLines::<S>::default());
        let sink = Sink {
            body: &mut held,
            tail: &mut tail,
        };
        take_all(&mut lines, (0, 0), meta.len(), sink, |_| {})
            .with_context(|| format!("{}: cannot read", path.display()))?;
        held.sessions.extend(tail.sessions);
        held.cramps.extend(tail.cramps);
        held.programs.extend(tail.programs);
        held.pauses.extend(tail.pauses);
        held.bad.extend(&tail.bad);
        let dated = (held.programs, held.pauses);
        gather.add(&path, held.sessions, held.cramps, dated, &held.bad);
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

/// The history as of `now` (see [`read_facts_as_of`]) for listing, through the summary
/// cache: each session is kept as where its line lies, and read whole only when it is
/// listed, so that memory does not grow with the records' steps however long the history.
pub fn list_as_of(paths: &Paths, now: DateTime<FixedOffset>) -> Result<Listing> {
    let (history, files) = super::history_cache::read_spots(paths, now)?;
    Ok(Listing { history, files })
}

/// What [`list_as_of`] read: the sessions' places, the diary, the warnings, and the files.
#[derive(Debug)]
pub struct Listing {
    /// Sessions (where their lines lie), each id once, oldest first; the diary; warnings.
    pub history: History<SessionSpot>,
    files: OpenFiles,
}

impl Listing {
    /// The whole record of `spot`, read again from its line in the file still open.
    pub fn record(&self, spot: &SessionSpot) -> Result<SessionRecord> {
        let (path, file) = self
            .files
            .get(spot.file)
            .context("a session of a file that was not read")?;
        let read_err = || format!("{}: cannot read", path.display());
        let len = usize::try_from(spot.len).with_context(read_err)?;
        let mut bytes = vec![0; len];
        file.read_exact_at(&mut bytes, spot.offset)
            .with_context(read_err)?;
        // The text the first reading parsed: without its line break (see `Lines`).
        let text = match bytes.strip_suffix(b"\n") {
            Some(line) => line.strip_suffix(b"\r").unwrap_or(line),
            None => &bytes,
        };
        match parse_line(&String::from_utf8_lossy(text)) {
            HistoryLine::Session(record) if record.id == spot.id => Ok(record),
            _ => bail!(
                "{}: the file changed while it was read; run the command again",
                path.display()
            ),
        }
    }
}

/// Every counting session as of `now`, each id once, and what was skipped: from the streak
/// cache when it is current, else from the history (which renews the cache). An unreadable
/// history is an error, as for `stats`.
pub fn read_counting(paths: &Paths, now: DateTime<FixedOffset>) -> Result<Counting> {
    let limit = latest_believable(now);
    // The cache keeps sessions whatever their date; one too far ahead of this now is skipped
    // by the full reader, with the warning every command gives. A current cache needs no
    // writing again; a missing or stale one is renewed.
    let ahead = |at: DateTime<FixedOffset>| limit.is_some_and(|limit| at > limit);
    let any_ahead = |c: &Counting| {
        c.sessions
            .iter()
            .any(|s: &CountingSession| ahead(s.started_at))
            || c.pauses.iter().any(|p| ahead(p.logged_at))
    };
    let renew = match streak_cache::read(paths) {
        Some(counting) if !any_ahead(&counting) => return Ok(counting),
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
        pauses: history.pauses,
    })
}
