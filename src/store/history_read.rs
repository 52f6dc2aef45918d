//! Reading the history: every device's file, each line on its own. A line that does not parse
//! is skipped with a warning naming its file and line; it never hides the rest. A folder that
//! cannot be read is an error, never an empty history.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::{self, File, Metadata};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::core::history::{CrampRecord, SessionRecord};
use crate::core::stats::SessionFacts;

use super::paths::Paths;
use super::read::{self, Lines, ReadError};

/// The most warnings about bad lines given for one file.
const WARNINGS_PER_FILE: usize = 3;

/// A history line longer than this is skipped unread: real ones are a few kilobytes.
pub const MAX_LINE_BYTES: u64 = read::MAX_BYTES;

/// The most characters of a parser's complaint kept: it can quote a whole line back.
const MAX_WHY_CHARS: usize = 200;

/// What the history holds, and what was skipped on the way.
#[derive(Debug)]
pub struct History<S> {
    /// Sessions, each id once, oldest first.
    pub sessions: Vec<S>,
    /// Morning diary lines, each id once.
    pub cramps: Vec<CrampRecord>,
    /// One line per skipped line (capped per file), naming file and line.
    pub warnings: Vec<String>,
}

impl<S> Default for History<S> {
    fn default() -> Self {
        Self {
            sessions: Vec::new(),
            cramps: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// A session line, read only as far as stats need, borrowing from the file's text.
#[derive(Deserialize)]
struct LineLite<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(default)]
    started_at: Option<DateTime<FixedOffset>>,
    #[serde(borrow, default)]
    routine_name: Cow<'a, str>,
    #[serde(borrow, default)]
    steps: Vec<StepLite<'a>>,
}

#[derive(Deserialize)]
struct StepLite<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    status: Cow<'a, str>,
}

#[derive(Deserialize)]
struct KindOnly<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
}

/// Why a line was skipped: the column (1-based) and what was wrong.
type LineError = (usize, String);

fn json_error(e: serde_json::Error) -> LineError {
    // serde_json ends its message with the position; the warning names it up front instead.
    let text = e.to_string();
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    let mut short: String = message.chars().take(MAX_WHY_CHARS).collect();
    if short.len() < message.len() {
        short.push('…');
    }
    (e.column(), short)
}

/// How to turn a session line into what the caller keeps.
trait SessionLine: Sized {
    fn parse(line: &str) -> Result<Option<(String, DateTime<FixedOffset>, Self)>, LineError>;
}

impl SessionLine for SessionFacts {
    fn parse(line: &str) -> Result<Option<(String, DateTime<FixedOffset>, Self)>, LineError> {
        let lite: LineLite = serde_json::from_str(line).map_err(json_error)?;
        if lite.kind != "session" {
            return Ok(None);
        }
        let missing = |key: &str| (1, format!("a session line needs `{key}`"));
        let id = lite.id.ok_or_else(|| missing("id"))?.into_owned();
        let started_at = lite.started_at.ok_or_else(|| missing("started_at"))?;
        let completed = lite
            .steps
            .iter()
            .filter(|s| s.status == "completed")
            .count() as u32;
        let skipped = lite
            .steps
            .iter()
            .filter(|s| s.status == "skipped")
            .map(|s| s.name.clone().into_owned())
            .collect();
        let facts = SessionFacts {
            id: id.clone(),
            routine_name: lite.routine_name.into_owned(),
            started_at,
            completed,
            planned: lite.steps.len() as u32,
            skipped,
        };
        Ok(Some((id, started_at, facts)))
    }
}

impl SessionLine for SessionRecord {
    fn parse(line: &str) -> Result<Option<(String, DateTime<FixedOffset>, Self)>, LineError> {
        let kind: KindOnly = serde_json::from_str(line).map_err(json_error)?;
        if kind.kind != "session" {
            return Ok(None);
        }
        let record: SessionRecord = serde_json::from_str(line).map_err(json_error)?;
        Ok(Some((record.id.clone(), record.started_at, record)))
    }
}

/// Every history file in the folder, sorted so the result does not depend on the file system.
/// Whether each is a regular file is checked when it is opened (see [`open`]).
pub fn history_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(e)
                .with_context(|| format!("{}: cannot read the history folder", dir.display()));
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("{}: cannot read the history folder", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Opens one history file; `Ok(Err(warning))` for a name that is not a regular file (a FIFO,
/// a device, a folder), which is skipped rather than waited on or read forever. Any other
/// failure is an error: an unreadable history is never taken for an empty one.
pub fn open(path: &Path) -> Result<Result<(File, Metadata), String>> {
    match read::open_regular(path) {
        Ok(opened) => Ok(Ok(opened)),
        Err(e @ ReadError::NotRegular(_)) => Ok(Err(format!("{}: skipped: {e}", path.display()))),
        Err(e) => Err(e).with_context(|| format!("{}: cannot read", path.display())),
    }
}

/// The bad line for a line over [`MAX_LINE_BYTES`], which is skipped without being kept.
pub fn too_long(number: usize, len: u64) -> BadLine {
    let why = format!(
        "the line is longer than {} ({len} bytes)",
        read::size(MAX_LINE_BYTES)
    );
    (number, 1, why)
}

fn read<S: SessionLine>(dir: &Path) -> Result<History<S>> {
    let mut history = History::default();
    let mut seen = HashSet::new();
    let mut dated = Vec::new();
    for path in history_files(dir)? {
        let read_err = || format!("{}: cannot read", path.display());
        let (file, _) = match open(&path)? {
            Ok(opened) => opened,
            Err(warning) => {
                history.warnings.push(warning);
                continue;
            }
        };
        let mut lines = Lines::new(file, MAX_LINE_BYTES);
        let mut bad = BadLines::default();
        let mut number = 0;
        while let Some(line) = lines.next_line().with_context(read_err)? {
            number += 1;
            let Some(bytes) = line.text else {
                bad.push(too_long(number, line.len));
                continue;
            };
            let line = String::from_utf8_lossy(bytes);
            if line.trim().is_empty() {
                continue;
            }
            match S::parse(&line) {
                Ok(Some((id, started_at, session))) => {
                    if seen.insert(id) {
                        dated.push((started_at, session));
                    }
                }
                Ok(None) => match serde_json::from_str::<KindOnly>(&line) {
                    Ok(k) if k.kind == "cramp" => {
                        match serde_json::from_str::<CrampRecord>(&line) {
                            Ok(cramp) if seen.insert(cramp.id.clone()) => {
                                history.cramps.push(cramp)
                            }
                            Ok(_) => {}
                            Err(e) => {
                                let (column, why) = json_error(e);
                                bad.push((number, column, why));
                            }
                        }
                    }
                    // Kinds this version does not know are someone else's; leave them be.
                    _ => {}
                },
                Err((column, why)) => bad.push((number, column, why)),
            }
        }
        history.warnings.extend(warnings_for(&path, &bad));
    }
    dated.sort_by_key(|(started_at, _)| *started_at);
    history.sessions = dated.into_iter().map(|(_, s)| s).collect();
    Ok(history)
}

/// A line skipped while reading: its number, column and why.
pub type BadLine = (usize, usize, String);

/// The skipped lines of one file: the first few, which are shown, and how many more there
/// were, so that a file of a million bad lines costs no more memory than one of three.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadLines {
    /// The first skipped lines, at most as many as are shown.
    pub first: Vec<BadLine>,
    /// How many more were skipped.
    pub more: usize,
}

impl BadLines {
    /// Counts a skipped line, keeping it only when it will be shown.
    pub fn push(&mut self, bad: BadLine) {
        if self.first.len() < WARNINGS_PER_FILE {
            self.first.push(bad);
        } else {
            self.more += 1;
        }
    }

    /// Counts every line of `other`, as if they were pushed after these.
    pub fn extend(&mut self, other: &BadLines) {
        for bad in &other.first {
            self.push(bad.clone());
        }
        self.more += other.more;
    }
}

/// Reads stats facts from the lines of `text`, numbering them from `first_line`.
pub fn facts_of_lines(text: &str, first_line: usize) -> (Vec<SessionFacts>, Vec<BadLine>) {
    let mut facts = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match facts_of_line(line) {
            Ok(Some(session)) => facts.push(session),
            Ok(None) => {}
            Err((column, why)) => bad.push((first_line + i, column, why)),
        }
    }
    (facts, bad)
}

/// Reads the stats facts of one line: `None` for a blank line or another kind.
pub fn facts_of_line(line: &str) -> Result<Option<SessionFacts>, (usize, String)> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    Ok(SessionFacts::parse(line)?.map(|(_, _, session)| session))
}

/// The warnings for one file's skipped lines, capped.
pub fn warnings_for(file: &Path, bad: &BadLines) -> Vec<String> {
    let mut warnings: Vec<String> = bad
        .first
        .iter()
        .take(WARNINGS_PER_FILE)
        .map(|(line, column, why)| {
            format!(
                "{}:{line}:{column}: skipped a line that is not a history record ({why})",
                file.display()
            )
        })
        .collect();
    let more = bad.more + bad.first.len().saturating_sub(WARNINGS_PER_FILE);
    if more > 0 {
        warnings.push(format!("{}: and {more} more skipped lines", file.display()));
    }
    warnings
}

/// What stats need of every session, through the summary cache.
pub fn read_facts(paths: &Paths) -> Result<History<SessionFacts>> {
    super::history_cache::read_facts(paths)
}

/// What stats need of every session, read from the history files alone (no cache).
pub fn read_facts_uncached(paths: &Paths) -> Result<History<SessionFacts>> {
    read(&paths.history_dir())
}

/// Every session in full, for listing and export.
pub fn read_records(paths: &Paths) -> Result<History<SessionRecord>> {
    read(&paths.history_dir())
}
