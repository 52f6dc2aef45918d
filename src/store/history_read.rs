//! Reading the history: every device's file, each line on its own. A line that does not parse
//! is skipped with a warning naming its file and line; it never hides the rest. A folder that
//! cannot be read is an error, never an empty history.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use crate::core::history::{CrampRecord, SessionRecord};
use crate::core::stats::SessionFacts;

use super::paths::Paths;

/// The most warnings about bad lines given for one file.
const WARNINGS_PER_FILE: usize = 3;

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
        .map_or(text.as_str(), |(m, _)| m)
        .to_string();
    (e.column(), message)
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

fn read<S: SessionLine>(dir: &Path) -> Result<History<S>> {
    let mut history = History::default();
    let mut seen = HashSet::new();
    let mut dated = Vec::new();
    for file in history_files(dir)? {
        let bytes = fs::read(&file).with_context(|| format!("{}: cannot read", file.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let mut bad = Vec::new();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match S::parse(line) {
                Ok(Some((id, started_at, session))) => {
                    if seen.insert(id) {
                        dated.push((started_at, session));
                    }
                }
                Ok(None) => match serde_json::from_str::<KindOnly>(line) {
                    Ok(k) if k.kind == "cramp" => match serde_json::from_str::<CrampRecord>(line) {
                        Ok(cramp) if seen.insert(cramp.id.clone()) => history.cramps.push(cramp),
                        Ok(_) => {}
                        Err(e) => bad.push((number + 1, json_error(e))),
                    },
                    // Kinds this version does not know are someone else's; leave them be.
                    _ => {}
                },
                Err(e) => bad.push((number + 1, e)),
            }
        }
        for (line, (column, why)) in bad.iter().take(WARNINGS_PER_FILE) {
            history.warnings.push(format!(
                "{}:{line}:{column}: skipped a line that is not a history record ({why})",
                file.display()
            ));
        }
        if bad.len() > WARNINGS_PER_FILE {
            let more = bad.len() - WARNINGS_PER_FILE;
            history
                .warnings
                .push(format!("{}: and {more} more skipped lines", file.display()));
        }
    }
    dated.sort_by_key(|(started_at, _)| *started_at);
    history.sessions = dated.into_iter().map(|(_, s)| s).collect();
    Ok(history)
}

/// A line skipped while reading: its number, column and why.
pub type BadLine = (usize, usize, String);

/// Reads stats facts from the lines of `text`, numbering them from `first_line`.
pub fn facts_of_lines(text: &str, first_line: usize) -> (Vec<SessionFacts>, Vec<BadLine>) {
    let mut facts = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match SessionFacts::parse(line) {
            Ok(Some((_, _, session))) => facts.push(session),
            Ok(None) => {}
            Err((column, why)) => bad.push((first_line + i, column, why)),
        }
    }
    (facts, bad)
}

/// The warnings for one file's skipped lines, capped.
pub fn warnings_for(file: &Path, bad: &[BadLine]) -> Vec<String> {
    let mut warnings: Vec<String> = bad
        .iter()
        .take(WARNINGS_PER_FILE)
        .map(|(line, column, why)| {
            format!(
                "{}:{line}:{column}: skipped a line that is not a history record ({why})",
                file.display()
            )
        })
        .collect();
    if bad.len() > WARNINGS_PER_FILE {
        let more = bad.len() - WARNINGS_PER_FILE;
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
