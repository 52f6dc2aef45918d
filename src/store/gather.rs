//! The history's files, and what they hold put together the one way every reader does (the
//! plain read and the summary cache alike): warnings per file in file order, each id once,
//! sessions oldest first, records dated too far ahead skipped with a warning.

use std::collections::HashSet;
use std::fs::{self, File, Metadata};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use rustix::io::Errno;
use twox_hash::XxHash3_64 as Xxh3;

use crate::core::history::{CrampRecord, SessionRecord, latest_believable, latest_per_night};
use crate::core::pause::PauseRecord;
use crate::core::program::ProgramRecord;
use crate::core::stats::SessionFacts;

use super::file_lines::{BadLines, warnings_for};
use super::read::{self, ReadError};

/// What the history holds, and what was skipped on the way.
#[derive(Debug)]
pub struct History<S> {
    /// Sessions, each id once, oldest first.
    pub sessions: Vec<S>,
    /// Morning diary lines: for each night its latest entry, nights in order.
    pub cramps: Vec<CrampRecord>,
    /// Program lines, each id once, in the order read (the latest written wins).
    pub programs: Vec<ProgramRecord>,
    /// Pause lines, each pause and each cancelling line once, in the order read.
    pub pauses: Vec<PauseRecord>,
    /// One line per skipped line (capped per file), naming file and line.
    pub warnings: Vec<String>,
}

impl<S> Default for History<S> {
    fn default() -> Self {
        Self {
            sessions: Vec::new(),
            cramps: Vec::new(),
            programs: Vec::new(),
            pauses: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// What a reader keeps of a session: the whole record, or the facts stats need.
pub trait Session {
    /// Its id, for counting it once.
    fn id(&self) -> &str;
    /// When it started, for putting sessions in order.
    fn started_at(&self) -> DateTime<FixedOffset>;
}

impl Session for SessionRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn started_at(&self) -> DateTime<FixedOffset> {
        self.started_at
    }
}

/// A session as `history` first reads it: what places it in the listing, and where its line
/// lies, to read it whole when it is listed.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSpot {
    /// Its id.
    pub id: String,
    /// When it started.
    pub started_at: DateTime<FixedOffset>,
    /// Its file's place among those read ([`OpenFiles`]).
    pub file: usize,
    /// Where its line starts in that file.
    pub offset: u64,
    /// The bytes its line takes, line break included.
    pub len: u64,
}

impl Session for SessionSpot {
    fn id(&self) -> &str {
        &self.id
    }
    fn started_at(&self) -> DateTime<FixedOffset> {
        self.started_at
    }
}

/// The history files read, each with its name, kept open.
pub type OpenFiles = Vec<(PathBuf, File)>;

impl Session for SessionFacts {
    fn id(&self) -> &str {
        &self.id
    }
    fn started_at(&self) -> DateTime<FixedOffset> {
        self.started_at
    }
}

/// Puts the files of a history together the one way every reader does: warnings per file in
/// file order, each id once (its first line wins), sessions oldest first.
#[derive(Debug)]
pub struct Gather<S> {
    history: History<S>,
    seen: HashSet<String, IdHash>,
    /// Records dated after this are skipped with a warning (see [`latest_believable`]).
    limit: Option<DateTime<FixedOffset>>,
    /// The sessions skipped for their date, kept for the streak cache, which must not depend
    /// on the "now" of the command that wrote it.
    ahead: Vec<S>,
    /// The pause lines skipped for their date, kept for the streak cache likewise.
    ahead_pauses: Vec<PauseRecord>,
    /// The warnings about records skipped for their date, given after the others.
    ahead_warnings: Vec<String>,
}

/// What [`Gather::finish_with_ahead`] gives: the history as of now, and what the streak cache
/// keeps, which must not depend on that now.
#[derive(Debug)]
pub struct Gathered<S> {
    /// The history, records dated too far ahead skipped with a warning.
    pub history: History<S>,
    /// The sessions skipped for their date.
    pub ahead: Vec<S>,
    /// The pause lines skipped for their date.
    pub ahead_pauses: Vec<PauseRecord>,
    /// How many of the history's warnings, from the first, do not depend on now.
    pub timeless_warnings: usize,
}

impl<S: Session> Default for Gather<S> {
    fn default() -> Self {
        Self {
            history: History::default(),
            seen: HashSet::with_hasher(IdHash::new()),
            limit: None,
            ahead: Vec::new(),
            ahead_pauses: Vec::new(),
            ahead_warnings: Vec::new(),
        }
    }
}

/// Hashes ids with xxh3 under a seed drawn for each run: several times faster than the
/// standard SipHash on ids of thirty bytes (a tenth of a warm `stats` went on hashing them),
/// and as unpredictable to a stranger writing a synced file full of chosen ids.
#[derive(Debug, Clone)]
pub struct IdHash {
    seed: u64,
}

impl IdHash {
    /// A fresh random seed, from the standard library's own.
    pub fn new() -> Self {
        Self {
            seed: RandomState::new().hash_one(0u8),
        }
    }
}

impl Default for IdHash {
    fn default() -> Self {
        Self::new()
    }
}

impl BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher {
            seed: self.seed,
            state: 0,
        }
    }
}

/// See [`IdHash`]: each write is hashed whole, chained through the state.
#[derive(Debug)]
pub struct IdHasher {
    seed: u64,
    state: u64,
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.state = Xxh3::oneshot_with_seed(self.seed ^ self.state, bytes);
    }
    fn write_u8(&mut self, byte: u8) {
        // The end mark `str` hashes after its bytes: mixed in without a second pass.
        self.state = self.state.rotate_left(8) ^ u64::from(byte);
    }
    fn finish(&self) -> u64 {
        self.state
    }
}

impl<S: Session> Gather<S> {
    /// Gathers as of `now`: a record dated more than a day after it is skipped with a warning,
    /// the same from every command. `None` keeps every record, whatever its date.
    pub fn as_of(now: Option<DateTime<FixedOffset>>) -> Self {
        Self {
            limit: now.and_then(latest_believable),
            ..Self::default()
        }
    }

    /// A file that was not read at all, and why.
    pub fn skip_file(&mut self, warning: String) {
        self.history.warnings.push(warning);
    }

    /// One file's sessions, diary entries, program and pause lines, and skipped lines.
    pub fn add(
        &mut self,
        file: &Path,
        sessions: impl IntoIterator<Item = S>,
        cramps: impl IntoIterator<Item = CrampRecord>,
        (programs, pauses): (
            impl IntoIterator<Item = ProgramRecord>,
            impl IntoIterator<Item = PauseRecord>,
        ),
        bad: &BadLines,
    ) {
        self.history.warnings.extend(warnings_for(file, bad));
        let sessions = sessions.into_iter();
        let more = sessions.size_hint();
        self.history.sessions.reserve(more.1.unwrap_or(more.0));
        self.seen.reserve(more.1.unwrap_or(more.0));
        for session in sessions {
            if self.seen.insert(session.id().to_string()) {
                if self.limit.is_some_and(|limit| session.started_at() > limit) {
                    self.ahead_warnings
                        .push(ahead_warning(file, "session", session.id()));
                    self.ahead.push(session);
                } else {
                    self.history.sessions.push(session);
                }
            }
        }
        for cramp in cramps {
            if self.seen.insert(cramp.id.clone()) {
                // Before each night's latest entry is chosen: one dated in 9999 would
                // otherwise hide the entry it seems to replace.
                let ahead = self.limit.is_some_and(|limit| {
                    cramp.logged_at > limit || cramp.night > limit.date_naive()
                });
                if ahead {
                    self.ahead_warnings
                        .push(ahead_warning(file, "diary entry", &cramp.id));
                } else {
                    self.history.cramps.push(cramp);
                }
            }
        }
        for program in programs {
            if self.seen.insert(program.id.clone()) {
                if self.is_ahead(file, "program line", &program.id, program.logged_at) {
                    continue;
                }
                self.history.programs.push(program);
            }
        }
        for pause in pauses {
            // A cancelling line shares its pause's id: each is counted once on its own.
            let key = format!(
                "{}{}",
                pause.id,
                if pause.cancelled { " cancelled" } else { "" }
            );
            if self.seen.insert(key) {
                if self.is_ahead(file, "pause line", &pause.id, pause.logged_at) {
                    self.ahead_pauses.push(pause);
                } else {
                    self.history.pauses.push(pause);
                }
            }
        }
    }

    /// True, with a warning, when a line written at `logged_at` is dated too far ahead.
    fn is_ahead(
        &mut self,
        file: &Path,
        what: &str,
        id: &str,
        logged_at: DateTime<FixedOffset>,
    ) -> bool {
        let ahead = self.limit.is_some_and(|limit| logged_at > limit);
        if ahead {
            self.ahead_warnings.push(ahead_warning(file, what, id));
        }
        ahead
    }

    /// The history, sessions oldest first (a stable sort: equal starts keep file order), and
    /// the diary with each night's latest entry only.
    pub fn finish(self) -> History<S> {
        self.finish_with_ahead().history
    }

    /// [`Gather::finish`], and what was skipped for being dated too far ahead.
    pub fn finish_with_ahead(mut self) -> Gathered<S> {
        self.history.sessions = oldest_first(std::mem::take(&mut self.history.sessions));
        self.history.cramps = latest_per_night(std::mem::take(&mut self.history.cramps));
        let timeless_warnings = self.history.warnings.len();
        self.history.warnings.append(&mut self.ahead_warnings);
        Gathered {
            history: self.history,
            ahead: self.ahead,
            ahead_pauses: self.ahead_pauses,
            timeless_warnings,
        }
    }
}

/// The one warning for a record dated more than a day after now: the same words from every
/// command, whatever its now, so that `history`, `stats`, `status` and `report` agree.
fn ahead_warning(file: &Path, what: &str, id: &str) -> String {
    format!(
        "{}: skipped the {what} {id}: it is dated more than a day ahead of now",
        file.display()
    )
}

/// Sessions in order of their start, equal starts in their given order (a stable sort). The
/// small keys are sorted and the sessions moved once, rather than moving whole sessions at
/// every step of the sort (most of a warm read's sorting time over ten years).
fn oldest_first<S: Session>(sessions: Vec<S>) -> Vec<S> {
    let mut keys: Vec<(i64, u32, usize)> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = s.started_at();
            (at.timestamp(), at.timestamp_subsec_nanos(), i)
        })
        .collect();
    if keys.is_sorted() {
        return sessions;
    }
    keys.sort_unstable();
    let mut slots: Vec<Option<S>> = sessions.into_iter().map(Some).collect();
    // Sized at once: collected through the filter it would grow by doubling, up to twice the
    // memory of every session at the peak of a cold read.
    let mut sorted = Vec::with_capacity(keys.len());
    sorted.extend(
        keys.iter()
            .filter_map(|&(_, _, i)| slots.get_mut(i).and_then(Option::take)),
    );
    sorted
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
        // A link to nothing, or a loop of links, is a synced stranger's name like a FIFO is:
        // skipped, not a reason to read nothing at all.
        Err(ReadError::Io(e)) if is_broken_link(path, &e) => Ok(Err(format!(
            "{}: skipped: it is a symbolic link that leads to no file ({e})",
            path.display()
        ))),
        Err(e) => Err(e).with_context(|| format!("{}: cannot read", path.display())),
    }
}

/// True when `path` is a symbolic link that dangles or loops, as `error` found it.
fn is_broken_link(path: &Path, error: &io::Error) -> bool {
    let dangles = error.kind() == io::ErrorKind::NotFound
        || error.raw_os_error() == Some(Errno::LOOP.raw_os_error());
    dangles && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}
