//! Writing the person's routines: the id rule, new files that never replace one, and the
//! trash that `routine rm` moves files to, so that no command can lose a working routine.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::core::routine_file::MAX_FILE_BYTES;

use super::super::atomic::{link_refused, random_u64};
use super::super::bundled;
use super::super::paths::Paths;
use super::super::read::{ReadError, read_capped};

/// The most characters in the id of a new routine.
pub const MAX_ID_CHARS: usize = 40;

/// The folder inside the routines folder where removed routines wait to be put back.
pub const TRASH: &str = ".trash";

/// An id that cannot name a new routine, with one that could.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{given}` cannot be a routine id: an id is 1 to 40 lowercase letters (a-z), digits and \
     dashes, and begins with a letter or digit"
)]
pub struct BadId {
    /// The id as given.
    pub given: String,
    /// The nearest id that follows the rule.
    pub suggestion: String,
}

/// Checks the id of a routine about to be written: lowercase letters, digits and dashes, 1 to
/// 40 characters, not beginning with a dash. Anything else (`../x`, `My Routine`, `-x`) is
/// refused with a suggestion, as the id becomes a file name and is typed on the command line,
/// where `-x` would be read as an option.
pub fn check_new_id(id: &str) -> Result<(), BadId> {
    let fits = (1..=MAX_ID_CHARS).contains(&id.len())
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if fits {
        return Ok(());
    }
    Err(BadId {
        given: id.to_string(),
        suggestion: suggest_id(id),
    })
}

/// The id closest to what was typed that follows the rule: `My Routine` gives `my-routine`.
pub fn suggest_id(given: &str) -> String {
    let mut id = String::new();
    for c in given.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
        if id.len() >= MAX_ID_CHARS {
            break;
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "my-routine".to_string()
    } else {
        id.to_string()
    }
}

/// The file of the person's routine with this id, if the id can name a file in the routines
/// folder at all. Looser than [`check_new_id`], so that a file made by hand (`Calves.toml`)
/// can still be shown, edited and removed; but never a path out of the folder or a dot-file.
pub fn user_file(paths: &Paths, id: &str) -> Option<PathBuf> {
    let plain = !id.is_empty()
        && !id.starts_with('.')
        && !id.contains(['/', '\\', '\0'])
        && id.len() <= 200;
    plain.then(|| paths.routines_dir().join(format!("{id}.toml")))
}

/// The TOML text of the bundled routine with this id.
pub fn bundled_text(id: &str) -> Option<&'static str> {
    bundled::ROUTINES
        .iter()
        .find(|(bundled_id, _)| *bundled_id == id)
        .map(|(_, text)| *text)
}

/// Reads a routine file whole, as careful as every other read of the person's folders.
pub fn read_routine_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_capped(path, MAX_FILE_BYTES)
}

/// Writes a new file, failing with `AlreadyExists` when the name is taken, and never leaving
/// a half-written file under it: the text goes to a temporary file first, which is then
/// linked in (a link, unlike a rename, refuses to replace).
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".new-{:016x}.tmp", random_u64()));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    let linked = written.and_then(|()| fs::hard_link(&temp, path));
    let _ = fs::remove_file(&temp);
    match linked {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists && !path.exists() => {
            // Some file systems (FAT, some network mounts) have no links: write in place,
            // still refusing to replace anything.
            let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
            file.write_all(bytes)?;
            file.sync_all()
        }
        other => {
            let _ = File::open(dir).and_then(|d| d.sync_all());
            other
        }
    }
}

/// Moves a routine file into the trash folder beside it as `ID-<n>.toml`, the first number
/// not taken, so that an earlier removal of the same id is never replaced. Returns where.
pub fn move_to_trash(path: &Path) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let trash = dir.join(TRASH);
    // A trash linked elsewhere would take the person's routine out of the config folder.
    if fs::symlink_metadata(&trash).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other(format!(
            "{}: {}",
            trash.display(),
            link_refused(&trash)
        )));
    }
    fs::create_dir_all(&trash)?;
    let stem = super::file_id(path);
    for n in 1..=10_000u32 {
        let to = trash.join(format!("{stem}-{n}.toml"));
        // A link refuses to replace, where a rename would not; the original goes once the
        // trash holds it.
        match fs::hard_link(path, &to) {
            Ok(()) => {
                fs::remove_file(path)?;
                return Ok(to);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) if !to.exists() => {
                fs::rename(path, &to)?;
                return Ok(to);
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{} is full: empty it, then try again",
        trash.display()
    )))
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
