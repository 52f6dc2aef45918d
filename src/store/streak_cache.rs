//! A tiny cache for `bedstretch status`, which a shell prompt runs at every command line.
//!
//! The history summary (see `history_cache`) keeps every fact `stats` shows, about 750 KB for
//! ten years; reading it costs a prompt several milliseconds. A streak needs
//! only when each counting session started and how much of it was done, so this cache keeps
//! those, 24 bytes a session in a fixed binary layout, beside the stamps of the history files
//! they were read from. It is written by the same reader, at the same moments, as the summary;
//! it is believed only when every history file still has the stamp it names (with the same
//! distrust of files changed just before it was written), and only when its hash matches.
//! Anything else (missing, stale, truncated, from another version, written by a stranger) is
//! ignored, and `history_read::read_counting` reads the history through the summary, which
//! writes this cache again.
//!
//! Layout, little-endian: `MAGIC`, version (u32), xxh3 of everything after it (u64), file
//! count (u32), per file: name length (u16), name, length (u64), mtime and ctime in
//! nanoseconds (i128 each), inode (u64); warning count (u32), per warning: length (u32) and
//! its UTF-8 text; pause line count (u32), per line: length (u32) and its JSON text, read
//! back through the line parser; session count (u32), per session: start as Unix
//! seconds (i64) and nanoseconds (u32), its UTC offset in seconds (i32), completed and planned
//! step-sides (u32 each).

use std::fs;
use std::io::{Read, Write};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::core::pause::PauseRecord;
use crate::core::stats::{SessionFacts, completion};
use crate::core::streaks::CountingSession;

use super::atomic::write_derived;
use super::gather::history_files;
use super::paths::Paths;
use super::read;
use super::sealed;
use super::stamp::{Stamp, cache_limit, file_name, racy_after};

/// What every streak cache starts with.
const MAGIC: &[u8; 16] = b"bedstretch-strk\n";
/// Bumped whenever the layout changes; a cache of another version is rebuilt.
const VERSION: u32 = 3;
/// Bytes of one session.
const SESSION_BYTES: usize = 24;

/// Where the cache lives: beside the summary, and as safe to delete.
pub fn cache_path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("cache").join("streak-sessions.bin")
}

/// What status reads: the counting sessions, and the warnings every command gives.
#[derive(Debug, Default)]
pub struct Counting {
    /// Every counting session, each id once.
    pub sessions: Vec<CountingSession>,
    /// What was skipped on the way, as `stats` says it.
    pub warnings: Vec<String>,
    /// Every pause line, each once: paused nights bridge a streak.
    pub pauses: Vec<PauseRecord>,
}

/// The cached counting sessions and warnings, if the cache is there, whole, and current.
pub fn read(paths: &Paths) -> Option<Counting> {
    let mut current = Vec::new();
    let mut history_bytes = 0u64;
    for path in history_files(&paths.history_dir()).ok()? {
        // A FIFO, a device or a folder where a file should be: the full reader says what.
        let meta = fs::metadata(&path).ok().filter(fs::Metadata::is_file)?;
        history_bytes = history_bytes.saturating_add(meta.len());
        current.push((file_name(&path), Stamp::of(&meta)));
    }
    let (file, meta) = read::open_regular(&cache_path(paths)).ok()?;
    let limit = cache_limit(current.len(), history_bytes);
    if meta.len() > limit {
        return None;
    }
    let mut bytes = Vec::new();
    // Read through the one open file, so its time and its bytes belong together even if a
    // writer replaces it meanwhile.
    file.take(limit).read_to_end(&mut bytes).ok()?;
    parse(&bytes, &current, racy_after(&meta))
}

/// The sessions and warnings of a cache in `bytes` made from files with the `current` names
/// and stamps.
fn parse(bytes: &[u8], current: &[(String, Stamp)], racy_after: i128) -> Option<Counting> {
    let mut c = Cursor(sealed::open(MAGIC, VERSION, bytes)?);
    if usize::try_from(c.u32()?).ok()? != current.len() {
        return None;
    }
    for (name, stamp) in current {
        let len = usize::from(c.u16()?);
        let same_name = c.take(len)? == name.as_bytes();
        let cached = Stamp {
            len: c.u64()?,
            mtime_ns: c.i128()?,
            ctime_ns: c.i128()?,
            ino: c.u64()?,
        };
        if !same_name || cached != *stamp || !stamp.trusted(racy_after) {
            return None;
        }
    }
    let warnings = c.texts()?;
    let pauses = c
        .texts()?
        .iter()
        .map(|line| PauseRecord::parse(line).ok())
        .collect::<Option<_>>()?;
    let count = usize::try_from(c.u32()?).ok()?;
    if c.0.len() != count.checked_mul(SESSION_BYTES)? {
        return None;
    }
    let mut sessions = Vec::with_capacity(count);
    for _ in 0..count {
        let (secs, nanos, offset) = (c.i64()?, c.u32()?, c.i32()?);
        let (completed, planned) = (c.u32()?, c.u32()?);
        let started_at =
            DateTime::from_timestamp(secs, nanos)?.with_timezone(&FixedOffset::east_opt(offset)?);
        sessions.push(CountingSession {
            started_at,
            completion: completion(completed, planned),
        });
    }
    Some(Counting {
        sessions,
        warnings,
        pauses,
    })
}

/// What the cache is written from: the sessions and pause lines read (each once) and the
/// warnings given.
pub(super) struct Source<'a, I: Iterator<Item = &'a SessionFacts>> {
    /// Every session read, counting or not.
    pub sessions: I,
    /// Every pause line read.
    pub pauses: Vec<&'a PauseRecord>,
    /// The warnings that do not depend on now.
    pub warnings: &'a [String],
}

/// Writes the cache for history files with these names and stamps and what was `read` from
/// them. It only saves time: when it cannot be written, status reads the history instead.
pub(super) fn write<'a>(
    paths: &Paths,
    files: impl Iterator<Item = (&'a str, &'a Stamp)>,
    read: Source<'a, impl Iterator<Item = &'a SessionFacts>>,
) {
    if let Some(bytes) = encode(files, read) {
        let _ = write_derived(&cache_path(paths), |out| out.write_all(&bytes));
    }
}

/// The cache's bytes; `None` for what the layout cannot hold (a name over 64 KiB, more than
/// four billion sessions), which no history of bedstretch's has.
fn encode<'a>(
    files: impl Iterator<Item = (&'a str, &'a Stamp)>,
    read: Source<'a, impl Iterator<Item = &'a SessionFacts>>,
) -> Option<Vec<u8>> {
    let files: Vec<_> = files.collect();
    let counting: Vec<&SessionFacts> = read.sessions.filter(|s| s.counts).collect();
    let mut body = Vec::with_capacity(64 + counting.len() * SESSION_BYTES);
    body.extend(u32::try_from(files.len()).ok()?.to_le_bytes());
    for (name, stamp) in files {
        body.extend(u16::try_from(name.len()).ok()?.to_le_bytes());
        body.extend(name.as_bytes());
        body.extend(stamp.len.to_le_bytes());
        body.extend(stamp.mtime_ns.to_le_bytes());
        body.extend(stamp.ctime_ns.to_le_bytes());
        body.extend(stamp.ino.to_le_bytes());
    }
    put_texts(&mut body, read.warnings)?;
    let pauses: Result<Vec<String>, _> = read.pauses.iter().map(serde_json::to_string).collect();
    put_texts(&mut body, &pauses.ok()?)?;
    body.extend(u32::try_from(counting.len()).ok()?.to_le_bytes());
    for s in counting {
        body.extend(s.started_at.timestamp().to_le_bytes());
        body.extend(s.started_at.timestamp_subsec_nanos().to_le_bytes());
        body.extend(s.started_at.offset().local_minus_utc().to_le_bytes());
        body.extend(s.completed.to_le_bytes());
        body.extend(s.planned.to_le_bytes());
    }
    Some(sealed::seal(MAGIC, VERSION, &body))
}

/// Writes a count and each text with its length; `None` when one does not fit the layout.
fn put_texts(body: &mut Vec<u8>, texts: &[String]) -> Option<()> {
    body.extend(u32::try_from(texts.len()).ok()?.to_le_bytes());
    for text in texts {
        body.extend(u32::try_from(text.len()).ok()?.to_le_bytes());
        body.extend(text.as_bytes());
    }
    Some(())
}

/// A [`Cursor`] method per integer type, named after it, that reads one little-endian.
macro_rules! little_endian_readers {
    ($($int:ident),*) => {
        $(
            fn $int(&mut self) -> Option<$int> {
                self.array().map($int::from_le_bytes)
            }
        )*
    };
}

/// Reads fixed-size fields from the front of a byte slice; `None` when it runs out.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    little_endian_readers!(u16, u32, i32, u64, i64, i128);

    /// A count and as many texts, each with its length, as [`put_texts`] writes them.
    fn texts(&mut self) -> Option<Vec<String>> {
        let count = usize::try_from(self.u32()?).ok()?;
        let mut texts = Vec::with_capacity(count.min(self.0.len()));
        for _ in 0..count {
            let len = usize::try_from(self.u32()?).ok()?;
            texts.push(String::from_utf8(self.take(len)?.to_vec()).ok()?);
        }
        Some(texts)
    }
}

#[cfg(test)]
#[path = "streak_cache_tests.rs"]
mod tests;
