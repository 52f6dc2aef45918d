//! This machine's device id, and the fingerprint of the machine and folder that made it.
//!
//! Each device appends only to `history/<id>.jsonl`, so a synced history folder never has two
//! writers on one file. A data folder copied to another computer carries the old id with it,
//! and two machines would then append to one file, which sync tools turn into conflict
//! copies (and git into merge conflicts). So beside `device` bedstretch keeps `device-machine`:
//! a short hash of the machine's id (or hostname) and of the data folder's own path. When it
//! no longer matches, this is another computer, or another folder, and it gets an id of its
//! own; the old file stays and is still read.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustix::fs::{FlockOperation, flock};
use twox_hash::XxHash3_64 as Xxh3;

use super::atomic::{create_atomic, open_no_follow, random_u64, write_atomic};
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

/// [`settle`] with the fingerprint of now given.
fn settle_as(paths: &Paths, now: &str) -> Result<Settled> {
    // The fingerprint before the id: a replacement writes the id first, so a fingerprint that
    // matches is never read beside the id it replaced.
    let kept = read_fingerprint(paths);
    if let (Some(kept), Some(id)) = (kept, read_device_id(&id_path(paths))?)
        && kept == now
    {
        return Ok(Settled { id, replaced: None });
    }
    // Anything else is decided by one process at a time, so that commands started together
    // on a copied folder agree on one new id. Where the folder takes no lock, each decides
    // alone, and a new id is made only where none is (create_atomic).
    let _lock = lock(paths);
    let replaced = match (read_device_id(&id_path(paths))?, read_fingerprint(paths)) {
        (Some(id), Some(kept)) if kept == now => return Ok(Settled { id, replaced: None }),
        // A folder from before fingerprints were kept: it is this machine's, as it always was.
        (Some(id), None) => {
            keep_fingerprint(paths, now)?;
            return Ok(Settled { id, replaced: None });
        }
        (Some(old), Some(_)) => Some(old),
        (None, _) => None,
    };
    let id = match &replaced {
        Some(old) => replace_id(paths, old)?,
        None => make_id(paths)?,
    };
    keep_fingerprint(paths, now)?;
    Ok(Settled { id, replaced })
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
    let path = id_path(paths);
    write_atomic(&path, format!("{id}\n").as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(id)
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

fn keep_fingerprint(paths: &Paths, now: &str) -> Result<()> {
    let path = fingerprint_path(paths);
    write_atomic(&path, format!("{now}\n").as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// The fingerprint kept; `None` when there is none, or it cannot be read (it is then written
/// anew, and an id is never replaced for a fingerprint that could not be read).
fn read_fingerprint(paths: &Paths) -> Option<String> {
    let bytes = read_capped(&fingerprint_path(paths), 64).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let hash = text.trim();
    (hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then(|| hash.to_string())
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
    /// The fingerprint kept in `device-machine`, if there is one.
    pub kept: Option<String>,
    /// The fingerprint now; an id whose kept fingerprint differs is replaced at the next
    /// command that writes.
    pub now: Fingerprint,
}

/// The device's id and fingerprints, read without writing anything.
pub fn facts(paths: &Paths) -> DeviceFacts {
    DeviceFacts {
        id: read_device_id(&id_path(paths)).ok().flatten(),
        kept: read_fingerprint(paths),
        now: fingerprint(paths),
    }
}

#[cfg(test)]
#[path = "device_tests.rs"]
mod tests;
