//! Writing a file so that a crash or a full disk leaves either the old content or the new,
//! never a truncated mix; and never through a symbolic link planted where bedstretch writes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use rustix::fs::OFlags;

/// Opens `path` with `options`, never following a symbolic link at the name itself: a link
/// planted there (by a stranger's sync, say) would have bedstretch write wherever it points,
/// outside its own folders. A link is refused with [`refuse_link`]'s words. A FIFO opened
/// here never waits for a reader.
pub fn open_no_follow(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    options
        .custom_flags(
            (OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY)
                .bits()
                .cast_signed(),
        )
        .open(path)
        .map_err(|e| refuse_link(path, e))
}

/// `error` in plain words when `path` is a symbolic link (which `O_NOFOLLOW` reports as a
/// loop), else `error` as it was.
pub fn refuse_link(path: &Path, error: io::Error) -> io::Error {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => link_refused(path),
        _ => error,
    }
}

/// Why bedstretch writes nothing through the link at `path`, and what to do.
pub fn link_refused(path: &Path) -> io::Error {
    let target = fs::read_link(path)
        .map(|to| format!(" (to {})", to.display()))
        .unwrap_or_default();
    io::Error::other(format!(
        "it is a symbolic link{target}, and bedstretch never writes through one, lest it \
         change a file outside its own folders; put the file itself in place of the link"
    ))
}

/// A new temporary file at `temp`, never through a link planted under its name: whatever was
/// there (a stale one, a link) is removed first, and the file is made only where none is.
fn create_temp(temp: &Path) -> io::Result<File> {
    let _ = fs::remove_file(temp);
    open_no_follow(temp, OpenOptions::new().write(true).create_new(true))
}

/// Replaces `path` with `bytes`: a temporary file beside it, fsync, rename, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, true, |file| file.write_all(bytes))
}

/// Replaces a derived file (a cache) with what `write` writes into it: a temporary file
/// beside it and a rename, so a reader never sees half of it, but without waiting for the
/// disk. After a crash the cache may be old, empty or garbage; its reader checks it and reads
/// the history instead, and losing it loses nothing. The two fsyncs were a few milliseconds
/// of every cold `stats` on an SSD, and more on a slow disk. Writing straight to the file
/// (buffered) keeps the cache's bytes out of memory.
pub fn write_derived(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, false, |file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.flush()
    })
}

fn replace(
    path: &Path,
    durable: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let (dir, temp) = temp_beside(path, "tmp")?;
    let result = (|| {
        let mut file = create_temp(&temp)?;
        write(&mut file)?;
        if durable {
            file.sync_all()?;
        }
        fs::rename(&temp, path)?;
        // Make the rename itself durable; some file systems cannot sync a folder, so a
        // failure here is not worth losing the write over.
        if durable {
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Creates `path` holding `bytes`, whole, unless it already exists (an error of kind
/// `AlreadyExists` then): a temporary file beside it, fsync, then a hard link into place. Two
/// processes making the same file at once agree on one content, which [`write_atomic`]'s
/// rename, where the last writer wins, cannot give.
pub fn create_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, temp) = temp_beside(path, "new")?;
    let result = (|| {
        let mut file = create_temp(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::hard_link(&temp, path)?;
        let _ = File::open(dir).and_then(|d| d.sync_all());
        Ok(())
    })();
    let _ = fs::remove_file(&temp);
    result
}

/// The folder `path` goes in, made if missing, and a temporary file beside it that only this
/// process uses: `.<name>.<pid>.<ending>`.
fn temp_beside<'p>(path: &'p Path, ending: &str) -> io::Result<(&'p Path, PathBuf)> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.{ending}", std::process::id()));
    Ok((dir, temp))
}

/// A short random number from the standard library's per-process random hash keys, enough
/// for a device id or an id suffix without pulling in a random-number crate.
pub fn random_u64() -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(std::process::id())
}

#[cfg(test)]
#[path = "atomic_tests.rs"]
mod tests;
