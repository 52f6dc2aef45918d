//! What the lines of one history file hold: sessions, diary entries, programs, pauses and the lines skipped,
//! sorted by the one line parser. Every reader and the summary cache keep lines this way.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::history::{CrampRecord, HistoryLine, LineFault, SessionRecord, parse_line};
use crate::core::history_facts::session_facts;
use crate::core::pause::PauseRecord;
use crate::core::program::ProgramRecord;
use crate::core::stats::SessionFacts;

use super::read::{self, Line};

/// The most warnings about bad lines given for one file.
const WARNINGS_PER_FILE: usize = 3;

/// A history line longer than this is skipped unread: real ones are a few kilobytes.
pub const MAX_LINE_BYTES: u64 = read::MAX_BYTES;

/// How a reader makes what it keeps of a session line.
pub trait FromSessionLine: From<SessionRecord> {
    /// A good session line read straight into what is kept, or `None` for the one line
    /// parser to say what the line is. Only a quicker way: it must keep exactly the lines
    /// that parser keeps, as it would keep them.
    fn from_session_line(_line: &str) -> Option<Self> {
        None
    }

    /// Notes where its line lies in its file: the line's offset and length. Only what is
    /// read again from its line (a session `history` lists) keeps it.
    fn place(&mut self, _offset: u64, _len: u64) {}
}

impl FromSessionLine for SessionRecord {}

impl FromSessionLine for SessionFacts {
    fn from_session_line(line: &str) -> Option<Self> {
        session_facts(line)
    }
}

/// What some lines of one file hold, in file order: sessions, diary entries and the lines
/// skipped. Kinds this version does not know and blank lines leave no trace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileLines<S> {
    /// Sessions, in file order, duplicates included.
    pub sessions: Vec<S>,
    /// Diary entries, in file order.
    #[serde(with = "crate::store::cramp_rows")]
    pub cramps: Vec<CrampRecord>,
    /// Program lines, in file order.
    #[serde(with = "crate::store::cramp_rows::as_lines")]
    pub programs: Vec<ProgramRecord>,
    /// Pause lines, in file order.
    #[serde(with = "crate::store::cramp_rows::as_lines")]
    pub pauses: Vec<PauseRecord>,
    /// The lines skipped.
    pub bad: BadLines,
}

impl<S> Default for FileLines<S> {
    fn default() -> Self {
        // Not derived: that would ask a `Default` of every kind of session kept.
        let (sessions, cramps, programs, pauses) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        Self {
            sessions,
            cramps,
            programs,
            pauses,
            bad: BadLines::default(),
        }
    }
}

impl<S> FileLines<S> {
    /// [`FileLines::take`], and a session placed at `offset`, where the line starts.
    pub fn take_placed(&mut self, number: usize, offset: u64, line: &Line<'_>)
    where
        S: FromSessionLine,
    {
        let before = self.sessions.len();
        self.take(number, line);
        if self.sessions.len() > before
            && let Some(session) = self.sessions.last_mut()
        {
            session.place(offset, line.len);
        }
    }

    /// Sorts line `number` of a file into what it holds, through the one line parser.
    pub fn take(&mut self, number: usize, line: &Line<'_>)
    where
        S: FromSessionLine,
    {
        let Some(bytes) = line.text else {
            self.bad.push(too_long(number, line.len));
            return;
        };
        // The same text as `from_utf8_lossy`, but a valid line (nearly all of them) is checked
        // by the standard library's fast validator: the lossy one's was 8 % of a cold read.
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        if let Some(session) = S::from_session_line(&text) {
            self.sessions.push(session);
            return;
        }
        match parse_line(&text) {
            HistoryLine::Session(record) => self.sessions.push(record.into()),
            HistoryLine::Cramp(cramp) => self.cramps.push(cramp),
            HistoryLine::Program(program) => self.programs.push(program),
            HistoryLine::Pause(pause) => self.pauses.push(pause),
            HistoryLine::Blank | HistoryLine::OtherKind => {}
            HistoryLine::Bad(LineFault { column, why }) => self.bad.push(BadLine {
                line: number,
                column,
                why,
            }),
        }
    }
}

/// A line skipped while reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadLine {
    /// Its number in the file, from 1.
    pub line: usize,
    /// The column where the trouble is, from 1.
    pub column: usize,
    /// What was wrong.
    pub why: String,
}

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

/// The bad line for a line over [`MAX_LINE_BYTES`], which is skipped without being kept.
pub fn too_long(number: usize, len: u64) -> BadLine {
    let why = format!(
        "the line is longer than {} ({len} bytes)",
        read::size(MAX_LINE_BYTES)
    );
    BadLine {
        line: number,
        column: 1,
        why,
    }
}

/// The warnings for one file's skipped lines, capped.
pub fn warnings_for(file: &Path, bad: &BadLines) -> Vec<String> {
    let mut warnings: Vec<String> = bad
        .first
        .iter()
        .take(WARNINGS_PER_FILE)
        .map(|BadLine { line, column, why }| {
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
