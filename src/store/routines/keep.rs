//! What is kept of the person's routines besides the routines themselves: the draft of an
//! edit that could not be saved, and the copies in the trash that `routine rm` left.
//!
//! A draft is `.ID.toml.draft` in the routines folder: a dot-file, so never loaded as a
//! routine, and one per routine, replaced by the next edit that cannot be saved and removed
//! by the next one that is.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::super::atomic::{link_refused, write_atomic};
use super::super::paths::Paths;
use super::super::read::ReadError;
use super::write::{TRASH, read_routine_bytes, user_file};

/// The draft of routine `id`, if the id can name a file at all.
pub fn draft_file(paths: &Paths, id: &str) -> Option<PathBuf> {
    user_file(paths, id).map(|_| paths.routines_dir().join(format!(".{id}.toml.draft")))
}

/// Keeps `bytes` as the draft of routine `id`, replacing an older draft; returns where.
pub fn keep_draft(paths: &Paths, id: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let path = draft_file(paths, id)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a routine id"))?;
    write_atomic(&path, bytes)?;
    Ok(path)
}

/// The draft of routine `id` and where it is, when there is one.
pub fn read_draft(paths: &Paths, id: &str) -> Result<Option<(PathBuf, Vec<u8>)>, ReadError> {
    let Some(path) = draft_file(paths, id) else {
        return Ok(None);
    };
    match read_routine_bytes(&path) {
        Ok(bytes) => Ok(Some((path, bytes))),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Removes the draft of routine `id`, once what it held is saved or was let go.
pub fn forget_draft(paths: &Paths, id: &str) {
    if let Some(path) = draft_file(paths, id) {
        let _ = fs::remove_file(path);
    }
}

/// One copy of a routine in the trash: `.trash/ID-N.toml`, the Nth removal of that id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashCopy {
    /// The routine's id.
    pub id: String,
    /// Which removal of that id it was; the highest is the newest.
    pub number: u32,
    /// The file.
    pub path: PathBuf,
}

/// The copies in the trash, of routine `id` or of every routine, newest first within an id.
pub fn trash_copies(paths: &Paths, id: Option<&str>) -> io::Result<Vec<TrashCopy>> {
    let dir = paths.routines_dir().join(TRASH);
    // A trash linked elsewhere would bring a stranger's file into the config folder.
    if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        let refused = link_refused(&dir);
        return Err(io::Error::other(format!("{}: {refused}", dir.display())));
    }
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut copies: Vec<TrashCopy> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let (stem, number) = name.strip_suffix(".toml")?.rsplit_once('-')?;
            let number = number.parse().ok()?;
            Some(TrashCopy {
                id: stem.to_string(),
                number,
                path: entry.path(),
            })
        })
        .filter(|copy| id.is_none_or(|id| copy.id == id))
        .collect();
    copies.sort_by(|a, b| a.id.cmp(&b.id).then(b.number.cmp(&a.number)));
    Ok(copies)
}

/// Why a routine could not be put back.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The trash holds no copy of it.
    #[error("the trash holds no copy of `{0}`")]
    NotInTrash(String),
    /// A routine of that id exists, and a restore never replaces one.
    #[error("{} already exists and was left as it is", .0.display())]
    Exists(PathBuf),
    /// The move failed.
    #[error("cannot move {} back: {source}", from.display())]
    Io {
        /// The copy in the trash.
        from: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

/// Puts the newest copy of routine `id` back from the trash, never over a routine of that
/// id; returns the copy taken and the routine's file.
pub fn restore(paths: &Paths, id: &str) -> Result<(PathBuf, PathBuf), RestoreError> {
    let to = user_file(paths, id).ok_or_else(|| RestoreError::NotInTrash(id.to_string()))?;
    let copies = trash_copies(paths, Some(id)).map_err(|source| RestoreError::Io {
        from: paths.routines_dir().join(TRASH),
        source,
    })?;
    let Some(newest) = copies.into_iter().next() else {
        return Err(RestoreError::NotInTrash(id.to_string()));
    };
    put_back(&newest.path, &to)?;
    Ok((newest.path, to))
}

/// A link refuses to replace, where a rename would not; the copy leaves the trash once the
/// routine is back.
fn put_back(from: &Path, to: &Path) -> Result<(), RestoreError> {
    let io_error = |source| RestoreError::Io {
        from: from.to_path_buf(),
        source,
    };
    if to.exists() || to.is_symlink() {
        return Err(RestoreError::Exists(to.to_path_buf()));
    }
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from).map_err(io_error),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(RestoreError::Exists(to.to_path_buf()))
        }
        // Some file systems have no links; the check above is then all there is.
        Err(_) => fs::rename(from, to).map_err(io_error),
    }
}

#[cfg(test)]
#[path = "keep_tests.rs"]
mod tests;
