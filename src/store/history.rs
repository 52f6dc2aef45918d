//! The history: one JSON Lines file per device, appended to and never rewritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustix::fs::{FlockOperation, flock};

use crate::core::history::{CrampNote, CrampRecord, SessionRecord};
use crate::core::pause::PauseRecord;
use crate::core::program::ProgramRecord;

use super::atomic::{open_no_follow, random_u64};
use super::paths::Paths;

pub use super::device::device_id;

/// The history file this device appends to.
pub fn device_file(paths: &Paths, device: &str) -> PathBuf {
    paths.history_dir().join(format!("{device}.jsonl"))
}

/// Appends one session line: a single write and fsync, under an exclusive lock on the file.
pub fn append(path: &Path, record: &SessionRecord) -> Result<()> {
    let line = serde_json::to_string(record).context("cannot encode the session")?;
    append_line(path, &line)
        .with_context(|| format!("{}: cannot append the session", path.display()))
}

/// Notes `note` in this device's history at `now`, and gives back the line written; or, when
/// the history cannot take it, the entry with why, so that what the person said is not lost.
pub fn note_cramp(
    paths: &Paths,
    note: CrampNote,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<CrampRecord, NotNoted> {
    let record = note.record(now, random_u64() as u16);
    let appended =
        device_id(paths).and_then(|device| append_cramp(&device_file(paths, &device), &record));
    match appended {
        Ok(()) => Ok(record),
        Err(problem) => Err(NotNoted {
            record: Box::new(record),
            problem,
        }),
    }
}

/// A diary entry the history could not take, and why.
#[derive(Debug)]
pub struct NotNoted {
    /// The entry, whole, for the person to add by hand.
    pub record: Box<CrampRecord>,
    /// What the history said.
    pub problem: anyhow::Error,
}

impl std::fmt::Display for NotNoted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.problem)
    }
}

/// Appends one diary line, the same way as a session: one write and fsync, under the lock.
pub fn append_cramp(path: &Path, record: &CrampRecord) -> Result<()> {
    let line = serde_json::to_string(record).context("cannot encode the diary entry")?;
    append_line(path, &line)
        .with_context(|| format!("{}: cannot append the diary entry", path.display()))
}

/// Appends one program line to this device's history, the same way.
pub fn append_program(paths: &Paths, record: &ProgramRecord) -> Result<()> {
    append_to_device(paths, record, "program line")
}

/// Appends one pause line (a pause, or its cancelling) to this device's history, the same way.
pub fn append_pause(paths: &Paths, record: &PauseRecord) -> Result<()> {
    append_to_device(paths, record, "pause line")
}

/// Appends `record`, a `what`, as one line of this device's history file.
fn append_to_device(paths: &Paths, record: &impl serde::Serialize, what: &str) -> Result<()> {
    let path = device_file(paths, &device_id(paths)?);
    let line =
        serde_json::to_string(record).with_context(|| format!("cannot encode the {what}"))?;
    append_line(&path, &line)
        .with_context(|| format!("{}: cannot append the {what}", path.display()))
}

fn append_line(path: &Path, line: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    // Never through a link: this device's file linked elsewhere would take bedstretch's
    // lines outside its folder, while the readers keep reading what it points to.
    let mut file = open_no_follow(
        path,
        OpenOptions::new().read(true).append(true).create(true),
    )?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(
            "it is not a regular file, and bedstretch appends only to one",
        ));
    }
    flock(&file, FlockOperation::LockExclusive)?;
    let len = file.metadata()?.len();
    // A crash in an earlier write can leave a torn last line; start on a fresh one so this
    // record is never glued to it.
    let lead = if ends_with_newline(&mut file, len)? {
        ""
    } else {
        "\n"
    };
    let written = file
        .write_all(format!("{lead}{line}\n").as_bytes())
        .and_then(|()| file.sync_data());
    if let Err(e) = written {
        // A full disk takes the start of a line and refuses the rest. Take the start back:
        // the caller keeps the record elsewhere and says so, and a torn line left here would
        // be warned about at every start, for ever. Still under the lock, so no other
        // writer's line can be cut.
        let _ = file.set_len(len).and_then(|()| file.sync_data());
        return Err(e);
    }
    Ok(flock(&file, FlockOperation::Unlock)?)
}

fn ends_with_newline(file: &mut File, len: u64) -> io::Result<bool> {
    if len == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
