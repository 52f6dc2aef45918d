//! The session in progress: `current.json`, rewritten atomically after every step-side, and
//! the lock that tells other bedstretch processes a session is running.
//!
//! `current.json` always holds the very line that would be appended if the program died at
//! that moment (outcome `interrupted`), so recovering it is a plain append.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rustix::fs::{FlockOperation, flock};
use rustix::io::Errno;

use crate::core::history::{SessionRecord, parse_session};

use super::atomic::{open_no_follow, write_atomic};
use super::history;
use super::paths::Paths;
use super::read;

/// The most bytes of `current.json` read: a session of a hundred steps takes a few kilobytes.
const MAX_CURRENT_BYTES: u64 = read::MAX_BYTES;

/// Held for as long as a session runs; the operating system drops it if the process dies.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
}

fn lock_path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("session.lock")
}

/// Where the session in progress is kept.
pub fn current_path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("current.json")
}

/// Takes the session lock, or `None` when another bedstretch session holds it.
pub fn try_lock(paths: &Paths) -> Result<Option<SessionLock>> {
    let path = lock_path(paths);
    fs::create_dir_all(&paths.data_dir)
        .with_context(|| format!("{}: cannot create", paths.data_dir.display()))?;
    let file = open_no_follow(
        &path,
        OpenOptions::new().create(true).truncate(false).write(true),
    )
    .with_context(|| format!("{}: cannot open", path.display()))?;
    match flock(&file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(Some(SessionLock { _file: file })),
        Err(Errno::WOULDBLOCK) => Ok(None),
        Err(e) => {
            Err(io::Error::from(e)).with_context(|| format!("{}: cannot lock", path.display()))
        }
    }
}

/// True when a bedstretch session is running right now (another process holds its lock).
/// Looks without creating anything: no lock file, no session.
pub fn running(paths: &Paths) -> bool {
    let Ok(file) = open_no_follow(&lock_path(paths), OpenOptions::new().read(true)) else {
        return false;
    };
    flock(&file, FlockOperation::NonBlockingLockShared) == Err(Errno::WOULDBLOCK)
}

/// Saves the session's progress so that a crash loses at most the step-side in progress.
pub fn save(paths: &Paths, record: &SessionRecord) -> Result<()> {
    let path = current_path(paths);
    let json = serde_json::to_vec(record).context("cannot encode progress")?;
    write_atomic(&path, &json).with_context(|| format!("{}: cannot save progress", path.display()))
}

/// Appends the finished session to this device's history, then removes the progress file.
/// If the append fails, the progress file stays, so the next start can still recover it.
pub fn finish(paths: &Paths, device: &str, record: &SessionRecord) -> Result<PathBuf> {
    let file = history::device_file(paths, device);
    history::append(&file, record)?;
    // The session is saved now. Should the progress file refuse to go, the next start appends
    // it again under the same id, which every reader counts once (the first line wins).
    let _ = remove(&current_path(paths));
    Ok(file)
}

/// `current.json.bad-<when it was last written>` beside it, made unique if need be.
fn aside_path(path: &Path) -> PathBuf {
    let written = fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .map(|t| {
            chrono::DateTime::<chrono::Utc>::from(t)
                .format("%Y%m%dT%H%M%SZ")
                .to_string()
        })
        .unwrap_or_else(|_| "unknown".to_string());
    let name = |n: u32| {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        path.with_file_name(format!("current.json.bad-{written}{suffix}"))
    };
    (0..1000)
        .map(name)
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| name(1000))
}

/// Refuses a new session while `current.json` holds one that could not be recovered: the new
/// session's first save would write over it. Call it holding the session lock.
pub fn ensure_clear(paths: &Paths) -> Result<()> {
    let path = current_path(paths);
    if fs::symlink_metadata(&path).is_ok() {
        bail!(
            "{} holds an interrupted session that could not be added to your history, and a \
             new session would write over it; see the problem reported above, then move the file \
             away or make the history folder writable, and start again",
            path.display()
        );
    }
    Ok(())
}

/// Where a finished session that could not be appended was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// In `current.json`, which the next start appends.
    Progress(PathBuf),
    /// In a file in the temporary folder, because the data folder took nothing.
    Fallback(PathBuf),
    /// Nowhere on disk: only the line printed when bedstretch closes.
    Nowhere,
}

/// Keeps a finished session whose record could not be appended: in `current.json`, where the
/// next start appends it; failing that, in a file in the temporary folder.
pub fn keep(paths: &Paths, record: &SessionRecord) -> Kept {
    if save(paths, record).is_ok() {
        return Kept::Progress(current_path(paths));
    }
    let Ok(json) = serde_json::to_vec(record) else {
        return Kept::Nowhere;
    };
    let fallback = fallback_path(&record.id);
    match write_atomic(&fallback, &json) {
        Ok(()) => {
            // What current.json still holds is an older copy of this session, saved before
            // the disk failed, under the same id. Recovered at the next start, it would reach
            // the history first and hide the whole record added after it (readers keep the
            // first line of an id). The fallback holds it all; a folder that refuses even
            // this removal is no worse off.
            let _ = remove(&current_path(paths));
            Kept::Fallback(fallback)
        }
        Err(_) => Kept::Nowhere,
    }
}

/// Where [`keep`] puts the session `id` when the data folder takes nothing.
fn fallback_path(id: &str) -> PathBuf {
    let safe: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    std::env::temp_dir().join(format!("bedstretch-unsaved-{safe}.json"))
}

/// The whole session [`keep`] put in the temporary folder for this progress, if it is there.
fn kept_whole(progress: &SessionRecord) -> Option<(SessionRecord, PathBuf)> {
    let path = fallback_path(&progress.id);
    let bytes = read::read_capped(&path, MAX_CURRENT_BYTES).ok()?;
    let record = parse_session(&String::from_utf8_lossy(&bytes)).ok()?;
    (record.id == progress.id).then_some((record, path))
}

/// Removes the progress of a session that ended with nothing done, which is not recorded.
pub fn discard(paths: &Paths) -> Result<()> {
    remove(&current_path(paths))
}

fn remove(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("{}: cannot remove", path.display()))
        }
        _ => Ok(()),
    }
}

/// Appends a session left behind by a program that died, as `interrupted`. Does nothing when
/// there is none, or when another bedstretch is running it right now.
pub fn recover(paths: &Paths) -> Result<Option<SessionRecord>> {
    let path = current_path(paths);
    // The cheap look first, so that a command on a fresh machine creates nothing; the answer
    // that counts is the one read under the lock below.
    if fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let Some(_lock) = try_lock(paths)? else {
        return Ok(None);
    };
    // A FIFO or a link to a device here would hang or flood every command; it is left where it
    // is and reported until someone looks.
    let bytes = match read::read_capped(&path, MAX_CURRENT_BYTES) {
        Ok(bytes) => bytes,
        // A session that finished between the look and the lock left nothing to recover.
        Err(_) if fs::symlink_metadata(&path).is_err() => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| {
                format!("{}: cannot read the interrupted session", path.display())
            });
        }
    };
    // Read by the same parser as every history line, so that what is appended is a line
    // every reader keeps.
    let record = match parse_session(&String::from_utf8_lossy(&bytes)) {
        Ok(record) => record,
        Err(fault) => {
            // Never destroy what cannot be read: set it aside for a person to look at, under a
            // name that says when it was written, so a second one never replaces the first.
            let aside = aside_path(&path);
            fs::rename(&path, &aside)
                .with_context(|| format!("{}: cannot set aside", path.display()))?;
            bail!(
                "{}: an interrupted session could not be read (column {}: {}); it was kept as {}",
                path.display(),
                fault.column,
                fault.why,
                aside.display()
            );
        }
    };
    // A folder that turned read-only mid-session kept the older progress here, and the whole
    // session in the temporary folder: that one goes in. The progress, reaching the history
    // first under the same id, would hide the whole record for good.
    let (record, kept) = match kept_whole(&record) {
        Some((whole, path)) => (whole, Some(path)),
        None => (record, None),
    };
    let device = history::device_id(paths)?;
    finish(paths, &device, &record)?;
    if let Some(kept) = kept {
        // In the history now; a copy left behind would only be clutter.
        let _ = fs::remove_file(kept);
    }
    Ok(Some(record))
}
