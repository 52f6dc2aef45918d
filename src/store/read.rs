//! The one careful way to read a file that came from outside: regular files only, never a
//! wait on a FIFO or a device, and never more than a cap in memory, whatever the file holds.
//!
//! Data folders are synced from other machines, so any name in them may be a FIFO (an open
//! waits for a writer forever), a link to `/dev/zero` (endless), a folder, or a sparse file
//! of a gigabyte. A symlink is followed: to a regular file it is read like one; to anything
//! else it is refused like the thing it points to.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use rustix::fs::OFlags;

/// The most bytes kept of a small file read whole (a routine, `current.json`) or of one
/// history line: far more than any real one needs.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// How much of an over-long line is read at a time while skipping it.
const SKIP_CHUNK: u64 = 64 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not a regular file once symlinks are followed.
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    /// Larger than the cap; none of it was kept.
    #[error("it is larger than {} ({bytes} bytes)", size(*max))]
    TooLarge {
        /// Its size, as far as it was seen.
        bytes: u64,
        /// The cap.
        max: u64,
    },
    /// What the system said.
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl ReadError {
    /// True when there is no file at all.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// A cap in words: `1 MiB`, `64 KiB`, `300 bytes`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// What a thing that is not a regular file is, in the person's words.
fn not_regular(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a folder")
    } else if kind.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        Some("something other than a file")
    }
}

/// Opens a regular file for reading, refusing anything else before it can block or flood.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    // Looking first means a device is never opened at all (opening some has side effects).
    if let Some(kind) = not_regular(&fs::metadata(path)?) {
        return Err(ReadError::NotRegular(kind));
    }
    // Should the name be swapped for a FIFO between the look and the open, O_NONBLOCK makes
    // the open return at once instead of waiting for a writer; the second look catches it.
    // On a regular file it changes nothing.
    let file = OpenOptions::new()
        .read(true)
        .custom_flags((OFlags::NONBLOCK | OFlags::NOCTTY).bits().cast_signed())
        .open(path)?;
    let meta = file.metadata()?;
    if let Some(kind) = not_regular(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    Ok((file, meta))
}

/// Reads a whole regular file of at most `max` bytes.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > max {
        return Err(ReadError::TooLarge {
            bytes: meta.len(),
            max,
        });
    }
    let mut bytes = Vec::new();
    // The file can grow between the look and the read; never read more than the cap.
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

/// One line, as [`Lines`] gives it.
#[derive(Debug)]
pub struct Line<'a> {
    /// Its bytes without the line break; `None` when longer than the cap (none were kept).
    pub text: Option<&'a [u8]>,
    /// Its bytes as read, line break included; `None` when longer than the cap.
    pub raw: Option<&'a [u8]>,
    /// The bytes it takes in the file, line break included.
    pub len: u64,
    /// False for a last line with no line break yet (torn, or still being written).
    pub complete: bool,
}

/// A file read line by line, keeping at most the cap of any one line in memory, so that
/// memory stays bounded whatever the size of the file or of its lines.
pub struct Lines<R> {
    reader: BufReader<R>,
    max: u64,
    buf: Vec<u8>,
}

impl<R: Read> Lines<R> {
    /// Lines of `inner`, each kept only when at most `max` bytes long.
    pub fn new(inner: R, max: u64) -> Self {
        Self {
            reader: BufReader::with_capacity(64 * 1024, inner),
            max,
            buf: Vec::new(),
        }
    }

    /// The next line, or `None` at the end.
    pub fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        self.buf.clear();
        // Room for the line, a carriage return and the line break.
        let room = self.max + 2;
        let read = (&mut self.reader)
            .take(room)
            .read_until(b'\n', &mut self.buf)?;
        if read == 0 {
            return Ok(None);
        }
        let mut len = read as u64;
        let mut complete = self.buf.last() == Some(&b'\n');
        if !complete && read as u64 == room {
            // Too long: read on to its end a chunk at a time, keeping none of it.
            loop {
                self.buf.clear();
                let read = (&mut self.reader)
                    .take(SKIP_CHUNK)
                    .read_until(b'\n', &mut self.buf)?;
                if read == 0 {
                    break;
                }
                len += read as u64;
                if self.buf.last() == Some(&b'\n') {
                    complete = true;
                    break;
                }
            }
            self.buf.clear();
            return Ok(Some(Line {
                text: None,
                raw: None,
                len,
                complete,
            }));
        }
        let mut end = self.buf.len();
        if complete {
            end -= 1;
            if end > 0 && self.buf[end - 1] == b'\r' {
                end -= 1;
            }
        }
        let kept = end as u64 <= self.max;
        Ok(Some(Line {
            text: kept.then(|| &self.buf[..end]),
            raw: kept.then_some(&self.buf[..]),
            len,
            complete,
        }))
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
