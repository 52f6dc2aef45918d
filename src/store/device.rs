//! This machine's device id, and the fingerprint of the machine and folder that made it.
//!
//! Each device appends only to `history/<id>.jsonl`, so a synced history folder never has two
//! writers on one file. A data folder copied to another computer carries the old id with it,
//! and two machines would then append to one file, which sync tools turn into conflict
//! copies (and git into merge conflicts). So beside `device` bedstretch keeps `device-machine`:
//! for every fingerprint this data folder has seen (a short hash of the machine's id, or
//! hostname, and of the data folder's own path), newest first and at most [`MAX_SEEN`], a line
//! `FINGERPRINT ID`. A fingerprint seen before takes its own id again, quietly: a folder shared
//! by several machines (an NFS home, a folder synced whole, or `BEDSTRETCH_MACHINE_ID` set in a
//! shell but not for the reminder's timer) switches between ids without making new ones. A
//! fingerprint never seen is another computer, or another folder, and gets an id of its own,
//! said once; the old file stays and is still read. The one-line form written before, a bare
//! fingerprint, belongs to the id in `device`.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustix::fs::{FlockOperation, flock};
use twox_hash::XxHash3_64 as Xxh3;

use super::atomic::{create_atomic, open_no_follow, random_u64, write_atomic};
use crate::core::device_id::NextId;

use super::paths::Paths;
use super::read::{ReadError, read_capped};

/// Set it to name the machine yourself: for a container whose hostname changes with every
/// start, and for tests.
pub const MACHINE_ID_VAR: &str = "BEDSTRETCH_MACHINE_ID";

/// Where the machine's id is looked for, in order; the first that holds one wins.
const MACHINE_FILES: [&str; 5] = [
    "/etc/machine-id",
    "/var/lib/dbus/machine-id",
    "/etc/hostid",
    "/proc/sys/kernel/hostname",
    "/etc/hostname",
];

/// Mixed into the hash, so that the fingerprint is bedstretch's own and says nothing another
/// program's hash of the machine id would match (as systemd's app-specific ids do).
const SEED: u64 = 0x6265_6473_7472_6574;

/// How many fingerprints `device-machine` keeps; the oldest beyond it is forgotten (and gets
/// a new id, should it come back).
pub const MAX_SEEN: usize = 16;

/// A fingerprint seen in this data folder, and the id it was given.
type Seen = (String, String);

/// What the machine is known by now, hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Sixteen hex digits: the hash of the source and of the data folder's path. The raw
    /// machine id is private, and never written.
    pub hash: String,
    /// What was hashed with the folder: the variable, a file's path, or "none".
    pub source: String,
}

/// The fingerprint of this machine and of `paths`' data folder, as it is now.
pub fn fingerprint(paths: &Paths) -> Fingerprint {
    let (machine, source) = machine();
    let folder = fs::canonicalize(&paths.data_dir).unwrap_or_else(|_| paths.data_dir.clone());
    Fingerprint {
        hash: hash(&machine, &folder),
        source,
    }
}

/// The machine's id and where it came from; empty where none is found (macOS keeps none in a
/// file, and its hostname follows the network, so only the folder tells machines apart).
fn machine() -> (Vec<u8>, String) {
    if let Some(id) = std::env::var_os(MACHINE_ID_VAR).filter(|v| !v.is_empty()) {
        return (id.into_encoded_bytes(), MACHINE_ID_VAR.to_string());
    }
    for file in MACHINE_FILES {
        if let Ok(bytes) = read_capped(Path::new(file), 256) {
            let id = bytes.trim_ascii();
            if !id.is_empty() {
                return (id.to_vec(), file.to_string());
            }
        }
    }
    (Vec::new(), "none".to_string())
}

/// The machine's id and the folder's path, hashed together.
fn hash(machine: &[u8], folder: &Path) -> String {
    let mut bytes = machine.to_vec();
    bytes.push(0);
    bytes.extend_from_slice(folder.as_os_str().as_encoded_bytes());
    format!("{:016x}", Xxh3::oneshot_with_seed(SEED, &bytes))
}

/// The device id, and the id it replaces when this turned out to be another machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// The id this device appends under.
    pub id: String,
    /// The id kept before, made on another machine or in another folder.
    pub replaced: Option<String>,
}

impl Settled {
    /// What to tell the person, once, when the id was replaced.
    pub fn notice(&self) -> Option<String> {
        self.replaced.as_ref().map(|old| {
            format!(
                "this looks like another computer (or another folder) than the one that made \
                 device id {old}: new records go to history/{}.jsonl; the old file is still read",
                self.id
            )
        })
    }
}

/// This machine's id, made once and kept in `$XDG_DATA_HOME/bedstretch/device`, so that each
/// machine appends only to its own history file and a synced folder never conflicts.
pub fn device_id(paths: &Paths) -> Result<String> {
    settle(paths).map(|settled| settled.id)
}

/// [`device_id`], and whether it had to be replaced (see [`Settled::notice`]).
pub fn settle(paths: &Paths) -> Result<Settled> {
    fs::create_dir_all(&paths.data_dir)
        .with_context(|| format!("{}: cannot create", paths.data_dir.display()))?;
    settle_as(paths, &fingerprint(paths).hash)
}

/// When a device id is kept already: [`settle`], and the words for the person when it was
/// replaced. Makes nothing on a machine that has no id yet (it is made when first needed),
/// and says nothing on failure (the append that needs the id says it).
pub fn replaced_notice(paths: &Paths) -> Option<String> {
    if fs::symlink_metadata(id_path(paths)).is_err() {
        return None;
    }
    settle(paths).ok()?.notice()
}

/// What the next command does with the id, decided from the id kept, the fingerprints seen
/// and the fingerprint now.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// The id stays; `record` when the fingerprint now is not kept beside it yet.
    Keep { id: String, record: bool },
    /// Back to the id this fingerprint was given before.
    Back(String),
    /// A new id in place of this one, which another computer (or folder) made.
    Replace(String),
    /// The first id of this data folder.
    First,
}

fn next(id: Option<String>, seen: &[Seen], now: &str) -> Next {
    let Some(id) = id else { return Next::First };
    match seen.iter().find(|(print, _)| print == now) {
        Some((_, known)) if *known == id => Next::Keep { id, record: false },
        Some((_, known)) => Next::Back(known.clone()),
        // A folder from before fingerprints were kept (or with none readable): it is this
        // machine's, as it always was.
        None if seen.is_empty() => Next::Keep { id, record: true },
        None => Next::Replace(id),
    }
}

/// [`settle`] with the fingerprint of now given.
fn settle_as(paths: &Paths, now: &str) -> Result<Settled> {
    // The fingerprints before the id: a switch writes the id first, and a fingerprint's id
    // never changes once kept, so a pair that matches is never read beside an id it replaced.
    // The bare one-line form is left to the lock, as it names no id of its own.
    let text = read_seen_text(paths);
    let id = read_device_id(&id_path(paths))?;
    if let Next::Keep { id, record: false } = next(id, &parse_seen(&text, None), now) {
        return Ok(Settled { id, replaced: None });
    }
    // Anything else is decided by one process at a time, so that commands started together
    // on a copied folder agree on one new id. Where the folder takes no lock, each decides
    // alone, and a new id is made only where none is (create_atomic).
    let _lock = lock(paths);
    let id = read_device_id(&id_path(paths))?;
    let seen = parse_seen(&read_seen_text(paths), id.as_deref());
    let settled = match next(id, &seen, now) {
        Next::Keep { id, record: false } => return Ok(Settled { id, replaced: None }),
        Next::Keep { id, .. } => Settled { id, replaced: None },
        Next::Back(id) => {
            write_id(paths, &id)?;
            Settled { id, replaced: None }
        }
        Next::Replace(old) => Settled {
            id: replace_id(paths, &old)?,
            replaced: Some(old),
        },
        Next::First => Settled {
            id: make_id(paths)?,
            replaced: None,
        },
    };
    keep_seen(paths, &seen, now, &settled.id)?;
    Ok(settled)
}

fn id_path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("device")
}

fn fingerprint_path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("device-machine")
}

/// Held while the id is decided; `None` where the folder takes no lock.
fn lock(paths: &Paths) -> Option<File> {
    let path = paths.data_dir.join("device.lock");
    let file = open_no_follow(
        &path,
        OpenOptions::new().create(true).truncate(false).write(true),
    )
    .ok()?;
    flock(&file, FlockOperation::LockExclusive).ok()?;
    Some(file)
}

/// A new id in place of `old`, which another machine (or folder) made.
fn replace_id(paths: &Paths, old: &str) -> Result<String> {
    let id = loop {
        let id = new_id();
        if id != old {
            break id;
        }
    };
    write_id(paths, &id)?;
    Ok(id)
}

fn write_id(paths: &Paths, id: &str) -> Result<()> {
    let path = id_path(paths);
    write_atomic(&path, format!("{id}\n").as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// The first id of this data folder.
fn make_id(paths: &Paths) -> Result<String> {
    let path = id_path(paths);
    let id = new_id();
    let line = format!("{id}\n");
    // Made only where none is yet: bedstretch commands started together on a fresh machine
    // would otherwise each keep an id of their own for a moment, and leave a history file
    // apiece behind.
    match create_atomic(&path, line.as_bytes()) {
        Ok(()) => return Ok(id),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if let Some(theirs) = read_device_id(&path)? {
                return Ok(theirs);
            }
            // Something that is no id (a FIFO, a device, a huge file): replaced below.
        }
        // A file system without hard links: made the plain way below.
        Err(_) => {}
    }
    write_atomic(&path, line.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(id)
}

fn new_id() -> String {
    format!("{:08x}", random_u64() as u32)
}

/// `seen` with `now` and its id first, and at most [`MAX_SEEN`] lines.
fn keep_seen(paths: &Paths, seen: &[Seen], now: &str, id: &str) -> Result<()> {
    let mut text = format!("{now} {id}\n");
    for (print, theirs) in seen.iter().filter(|(print, _)| print != now) {
        text.push_str(&format!("{print} {theirs}\n"));
    }
    let text: String = text.split_inclusive('\n').take(MAX_SEEN).collect();
    let path = fingerprint_path(paths);
    write_atomic(&path, text.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// What `device-machine` holds; empty when there is nothing, or it cannot be read (it is then
/// written anew, and an id is never replaced for fingerprints that could not be read).
fn read_seen_text(paths: &Paths) -> String {
    read_capped(&fingerprint_path(paths), 4096)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// The fingerprints seen and their ids, newest first, each once. A bare fingerprint (the
/// one-line form written before) is `id`'s, and is left out without one; lines that are
/// neither are left out.
fn parse_seen(text: &str, id: Option<&str>) -> Vec<Seen> {
    let mut seen: Vec<Seen> = Vec::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let pair = match (words.next(), words.next(), words.next()) {
            (Some(print), Some(theirs), None) if is_device_id(theirs) => (print, theirs),
            (Some(print), None, None) if id.is_some() => (print, id.unwrap_or_default()),
            _ => continue,
        };
        let is_print = pair.0.len() == 16 && pair.0.bytes().all(|b| b.is_ascii_hexdigit());
        if is_print && !seen.iter().any(|(print, _)| print == pair.0) {
            seen.push((pair.0.to_string(), pair.1.to_string()));
        }
    }
    seen.truncate(MAX_SEEN);
    seen
}

/// The id kept in `path`; `None` when there is none, or something that is no id at all.
fn read_device_id(path: &Path) -> Result<Option<String>> {
    // Through the careful reader: a FIFO or a link to a device here must not hang a session's
    // last save. An id is a few bytes.
    match read_capped(path, 64) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            Ok(is_device_id(text.trim()).then(|| text.trim().to_string()))
        }
        // Missing, or something that is no id at all (a FIFO, a device, a huge file): a new
        // id replaces it.
        Err(e) if e.is_not_found() || !matches!(e, ReadError::Io(_)) => Ok(None),
        Err(e) => Err(e).with_context(|| format!("{}: cannot read", path.display())),
    }
}

/// Letters, digits, `-` and `_` only: so a device's own file is never named like a sync
/// tool's conflict copy (which has spaces, brackets or dots), and never appended to as one.
fn is_device_id(text: &str) -> bool {
    (1..=32).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What is kept about this device and what it is now, for a look that changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceFacts {
    /// The id kept in `device`, if there is one.
    pub id: Option<String>,
    /// What the next command that writes does with it.
    pub next: NextId,
    /// The fingerprint now.
    pub now: Fingerprint,
}

impl DeviceFacts {
    /// The id whose file the next command appends to, if it is known yet.
    pub fn own_id(&self) -> Option<&str> {
        match &self.next {
            NextId::BackTo(own) => Some(own),
            NextId::Keeps | NextId::New => self.id.as_deref(),
        }
    }
}

/// The device's id and fingerprints, read without writing anything.
pub fn facts(paths: &Paths) -> DeviceFacts {
    let now = fingerprint(paths);
    let (id, next) = next_facts(paths, &now.hash);
    DeviceFacts { id, next, now }
}

/// The id kept, and what the next command that writes with the fingerprint `now` does with it.
fn next_facts(paths: &Paths, now: &str) -> (Option<String>, NextId) {
    let id = read_device_id(&id_path(paths)).ok().flatten();
    let seen = parse_seen(&read_seen_text(paths), id.as_deref());
    match next(id.clone(), &seen, now) {
        Next::Back(known) => (id, NextId::BackTo(known)),
        Next::Replace(_) => (id, NextId::New),
        Next::Keep { .. } | Next::First => (id, NextId::Keeps),
    }
}

#[cfg(test)]
#[path = "device_tests.rs"]
mod tests;
