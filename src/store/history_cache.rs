//! A derived summary of the history, so that stats over years of nights take milliseconds.
//!
//! The JSONL files stay the only source of truth; this cache is rebuilt whenever it is stale,
//! unreadable or from another version, and losing it loses nothing. Because history files are
//! only ever appended to, a file that grew is read from where the cache left off, after
//! checking (by hash, which is far cheaper than parsing) that every byte before that point is
//! unchanged; any other change (shorter, rewritten, replaced by a sync) reads that file again
//! from the start.

use std::fs::{self, File, Metadata};
use std::hash::Hasher;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use twox_hash::XxHash3_64 as Xxh3;

use crate::core::history::SessionRecord;
use crate::core::stats::{Hurt, SessionFacts};

use super::atomic::write_derived;
use super::file_lines::{FileLines, FromSessionLine, MAX_LINE_BYTES};
use super::gather::{
    Gather, Gathered, History, OpenFiles, Session, SessionSpot, history_files, open,
};
use super::line_batches::{Sink, take_all};
use super::paths::Paths;
use super::read::{self, Lines};
use super::sealed;
use super::stamp::{Stamp, cache_limit, file_name, racy_after};
use super::streak_cache;

/// Bumped whenever what is cached changes; a cache of another version is rebuilt.
const VERSION: u32 = 13;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    v: u32,
    files: Vec<FileSummary>,
}

/// [`Cache`] as it is written, from borrowed summaries.
#[derive(Serialize)]
struct CacheRef<'a> {
    v: u32,
    files: Vec<&'a FileSummary>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileSummary {
    name: String,
    /// The file when summarised; an equal stamp means unchanged.
    stamp: Stamp,
    /// End of the last complete line summarised, and how many lines came before it.
    offset: u64,
    lines: usize,
    /// A hash of every byte before `offset`, to tell an append from a rewrite.
    prefix_hash: u64,
    /// What the complete lines hold.
    body: FileLines<CachedSession>,
    /// What a torn last line (no line break yet) holds. Kept, so that an unchanged file is
    /// never read again for it, however long it is (a sparse gigabyte of zeros, say); it is
    /// read again only when the file changes.
    tail: FileLines<CachedSession>,
}

impl FileSummary {
    fn new(name: String, stamp: Stamp) -> Self {
        Self {
            name,
            stamp,
            offset: 0,
            lines: 0,
            prefix_hash: 0,
            body: FileLines::default(),
            tail: FileLines::default(),
        }
    }
}

/// One session's facts as the cache keeps them. The start is Unix time and offset, which
/// parse several times faster than an RFC 3339 text; see `Serialize` for the array.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct CachedSession {
    id: String,
    routine_name: String,
    start_secs: i64,
    start_nanos: u32,
    offset_secs: i32,
    completed: u32,
    planned: u32,
    skipped: Vec<String>,
    counts: bool,
    /// Step and side of each "this hurts", as pairs.
    hurt: Vec<(String, Option<String>)>,
    /// Where its line starts in its file, and the bytes it takes (for `history` to read it).
    offset: u64,
    len: u64,
}

/// Written as an array rather than an object: the names would double the cache of a long
/// history and slow every warm start. The derived `Deserialize` reads the array in field order.
impl Serialize for CachedSession {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (
            &self.id,
            &self.routine_name,
            self.start_secs,
            self.start_nanos,
            self.offset_secs,
            self.completed,
            self.planned,
            &self.skipped,
            self.counts,
            &self.hurt,
            self.offset,
            self.len,
        )
            .serialize(serializer)
    }
}

impl From<SessionRecord> for CachedSession {
    fn from(record: SessionRecord) -> Self {
        SessionFacts::from(record).into()
    }
}

impl FromSessionLine for CachedSession {
    fn from_session_line(line: &str) -> Option<Self> {
        SessionFacts::from_session_line(line).map(Self::from)
    }
    fn place(&mut self, offset: u64, len: u64) {
        (self.offset, self.len) = (offset, len);
    }
}

impl From<SessionFacts> for CachedSession {
    fn from(f: SessionFacts) -> Self {
        Self {
            start_secs: f.started_at.timestamp(),
            start_nanos: f.started_at.timestamp_subsec_nanos(),
            offset_secs: f.started_at.offset().local_minus_utc(),
            id: f.id,
            routine_name: f.routine_name,
            completed: f.completed,
            planned: f.planned,
            skipped: f.skipped,
            counts: f.counts,
            hurt: f.hurt.into_iter().map(|h| (h.step, h.side)).collect(),
            offset: 0,
            len: 0,
        }
    }
}

impl CachedSession {
    /// When it started; `None` only for a cache edited by hand into an impossible time.
    fn started_at(&self) -> Option<DateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(self.offset_secs)?;
        Some(DateTime::from_timestamp(self.start_secs, self.start_nanos)?.with_timezone(&offset))
    }

    /// Where its line lies in the `file`th of the files read.
    fn into_spot(self, file: usize) -> Option<SessionSpot> {
        Some(SessionSpot {
            started_at: self.started_at()?,
            id: self.id,
            file,
            offset: self.offset,
            len: self.len,
        })
    }

    /// The facts back; `None` only for a cache edited by hand into an impossible time.
    fn into_facts(self) -> Option<SessionFacts> {
        let started_at = self.started_at()?;
        Some(SessionFacts {
            id: self.id,
            routine_name: self.routine_name,
            started_at,
            completed: self.completed,
            planned: self.planned,
            skipped: self.skipped,
            counts: self.counts,
            hurt: self
                .hurt
                .into_iter()
                .map(|(step, side)| Hurt { step, side })
                .collect(),
        })
    }
}

fn cache_path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("cache").join("history-summary.bin")
}

/// What the summary cache was called when it was JSON (before version 9): removed when the
/// binary one is written, so that no stale copy lingers.
const OLD_JSON_NAME: &str = "history-summary.json";

/// What the summary cache starts with (see [`sealed`]); the summary follows in postcard.
const MAGIC: &[u8; 16] = b"bedstretch-summ\n";

/// The cache file's bytes for `cache`.
fn encode(cache: &CacheRef<'_>) -> Option<Vec<u8>> {
    let body = postcard::to_allocvec(cache).ok()?;
    Some(sealed::seal(MAGIC, VERSION, &body))
}

/// The summary in `bytes`, if they are a whole cache of this version.
fn decode(bytes: &[u8]) -> Option<Cache> {
    let body = sealed::open(MAGIC, VERSION, bytes)?;
    postcard::from_bytes::<Cache>(body)
        .ok()
        .filter(|cache| cache.v == VERSION)
}

/// The cache, if there is a believable one of this version.
fn load(path: &Path, limit: u64) -> Option<Cache> {
    let bytes = read::read_capped(path, limit).ok()?;
    decode(&bytes)
}

/// Stats facts of every session, each id once, oldest first; bad lines as warnings.
pub fn read_facts(
    paths: &Paths,
    now: Option<DateTime<FixedOffset>>,
) -> Result<History<SessionFacts>> {
    read_facts_renewing(paths, Streaks::IfChanged, now)
}

/// [`read_facts`], and the streak cache written as `streaks` says.
pub(super) fn read_facts_renewing(
    paths: &Paths,
    streaks: Streaks,
    now: Option<DateTime<FixedOffset>>,
) -> Result<History<SessionFacts>> {
    let read = summarised(paths, now, |s, _| s.into_facts())?;
    let write_streaks = match streaks {
        Streaks::IfChanged => read.changed,
        Streaks::Renew => true,
        Streaks::Keep => false,
    };
    let gathered = read.gathered;
    if let Some(stamps) = read.stamps.filter(|_| write_streaks) {
        // Sessions and warnings whatever the now of the command writing it: the sessions
        // dated too far ahead go in, and status checks them against its own now.
        let stamps = stamps.iter().map(|(name, stamp)| (name.as_str(), stamp));
        let history = &gathered.history;
        let read = streak_cache::Source {
            sessions: history.sessions.iter().chain(&gathered.ahead),
            pauses: history
                .pauses
                .iter()
                .chain(&gathered.ahead_pauses)
                .collect(),
            warnings: &history.warnings[..gathered.timeless_warnings],
        };
        streak_cache::write(paths, stamps, read);
    }
    Ok(gathered.history)
}

/// Where each session's line lies, as of `now`, through the summary, and the files read, open;
/// for `history`, which reads each line again as it lists it.
pub(super) fn read_spots(
    paths: &Paths,
    now: DateTime<FixedOffset>,
) -> Result<(History<SessionSpot>, OpenFiles)> {
    let read = summarised(paths, Some(now), CachedSession::into_spot)?;
    Ok((read.gathered.history, read.files))
}

/// What [`summarised`] read.
struct Summarised<S> {
    /// The history as of now, and what was skipped for its date.
    gathered: Gathered<S>,
    /// The files read, open, in the order `S` was told their places.
    files: OpenFiles,
    /// Each file's name and stamp, when every one is a regular file.
    stamps: Option<Vec<(String, Stamp)>>,
    /// Whether the summary was written anew.
    changed: bool,
}

/// Each history file as it was read: its summary and the file, still open, or why it was
/// skipped.
type FilesRead = Vec<(PathBuf, std::result::Result<(FileSummary, File), String>)>;

/// The history through the summary, renewed where it is stale, each session kept as `keep`
/// makes it from its summary and its file's place among those read.
fn summarised<S: Session>(
    paths: &Paths,
    now: Option<DateTime<FixedOffset>>,
    keep: impl Fn(CachedSession, usize) -> Option<S>,
) -> Result<Summarised<S>> {
    let cache_file = cache_path(paths);
    let (files, changed) = renew(paths, &cache_file)?;
    // Written before the summaries are taken apart for the sessions they hold, which saves
    // copying every session's strings on the usual run, where nothing changed.
    if changed {
        write_summary(&cache_file, &files);
    }
    // Only a history of regular files can be told current from stamps alone.
    let stamps: Option<Vec<(String, Stamp)>> = files
        .iter()
        .map(|(_, s)| {
            let (s, _) = s.as_ref().ok()?;
            Some((s.name.clone(), s.stamp.clone()))
        })
        .collect();
    let mut gather = Gather::as_of(now);
    let mut open_files = Vec::with_capacity(files.len());
    for (path, summary) in files {
        match summary {
            Ok((summary, file)) => {
                let place = open_files.len();
                let mut bad = summary.body.bad;
                bad.extend(&summary.tail.bad);
                let sessions = summary
                    .body
                    .sessions
                    .into_iter()
                    .chain(summary.tail.sessions);
                let cramps = summary.body.cramps.into_iter().chain(summary.tail.cramps);
                let programs = summary.body.programs.into_iter();
                let programs = programs.chain(summary.tail.programs);
                let pauses = summary.body.pauses.into_iter();
                let pauses = pauses.chain(summary.tail.pauses);
                let sessions = sessions.filter_map(|s| keep(s, place));
                gather.add(&path, sessions, cramps, (programs, pauses), &bad);
                open_files.push((path, file));
            }
            Err(warning) => gather.skip_file(warning),
        }
    }
    Ok(Summarised {
        gathered: gather.finish_with_ahead(),
        files: open_files,
        stamps,
        changed,
    })
}

/// Every history file summarised: from the cache where its stamp is trusted, read (again,
/// or from where its summary ends) where not. True when the summary must be written anew.
fn renew(paths: &Paths, cache_file: &Path) -> Result<(FilesRead, bool)> {
    let paths_read = history_files(&paths.history_dir())?;
    let history_bytes = paths_read
        .iter()
        .map(|path| fs::metadata(path).map_or(0, |m| m.len()))
        .fold(0, u64::saturating_add);
    let loaded = load(cache_file, cache_limit(paths_read.len(), history_bytes));
    // A missing, broken or oversized cache is replaced, even when there is nothing to read.
    let mut changed = loaded.is_none();
    let mut old = loaded.unwrap_or_default();
    // A file changed within the timestamp granularity of the cache's own writing may look
    // unchanged when it is not (git calls this "racily clean"); such files are read again.
    let racy_after = fs::metadata(cache_file).map_or(0, |m| racy_after(&m));
    let mut files = Vec::new();
    for path in paths_read {
        let (mut file, meta) = match open(&path)? {
            Ok(opened) => opened,
            Err(warning) => {
                files.push((path, Err(warning)));
                continue;
            }
        };
        let name = file_name(&path);
        let cached = old
            .files
            .iter()
            .position(|f| f.name == name && f.stamp.trusted(racy_after))
            .map(|i| old.files.swap_remove(i));
        // Rewriting the cache after a racy read moves its time on, so the next read trusts it.
        changed |= cached.is_none();
        let (summary, fresh) = summarise(&mut file, &meta, &path, name, cached)?;
        changed |= fresh;
        files.push((path, Ok((summary, file))));
    }
    // Summaries left over belong to files that are gone.
    changed |= !old.files.is_empty();
    Ok((files, changed))
}

/// Writes the summaries of the files read. The cache only saves time; when it cannot be
/// written, the next run reads again.
fn write_summary(cache_file: &Path, files: &FilesRead) {
    let summaries = files
        .iter()
        .filter_map(|(_, s)| s.as_ref().ok().map(|(s, _)| s));
    let cache = CacheRef {
        v: VERSION,
        files: summaries.collect(),
    };
    if let Some(bytes) = encode(&cache) {
        let _ = write_derived(cache_file, |out| out.write_all(&bytes));
        if let Some(dir) = cache_file.parent() {
            let _ = fs::remove_file(dir.join(OLD_JSON_NAME));
        }
    }
}

/// When [`read_facts_renewing`] writes the streak cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Streaks {
    /// When the summary changed.
    IfChanged,
    /// Always: the caller found it missing or stale.
    Renew,
    /// Never: the caller found it current (only a session dated ahead of its now sent it here).
    Keep,
}

/// The summary of one file: the cached one if the file is unchanged, extended if it grew by
/// appending, made anew otherwise; then whether anything was read. The file is streamed a
/// line at a time, so memory stays bounded whatever its size.
fn summarise(
    file: &mut File,
    meta: &Metadata,
    path: &Path,
    name: String,
    cached: Option<FileSummary>,
) -> Result<(FileSummary, bool)> {
    let read_err = || format!("{}: cannot read", path.display());
    let stamp = Stamp::of(meta);
    let cached = match cached {
        Some(c) if c.stamp == stamp => return Ok((c, false)),
        other => other,
    };
    // Only growth can be an append, and only if every byte summarised before is unchanged.
    let mut hasher = Xxh3::new();
    let appended = match &cached {
        Some(c) if stamp.len > c.stamp.len && c.offset <= stamp.len => {
            hash_prefix(file, c.offset, &mut hasher).with_context(read_err)? == c.prefix_hash
        }
        _ => false,
    };
    let mut summary = match (appended, cached) {
        (true, Some(mut c)) => {
            // The old torn tail is part of what is read next, complete or not.
            c.tail = FileLines::default();
            c
        }
        _ => {
            hasher = Xxh3::new();
            FileSummary::new(name, stamp.clone())
        }
    };
    file.seek(SeekFrom::Start(summary.offset))
        .with_context(read_err)?;
    // Set when a complete line over the cap was read: its bytes were not kept to hash.
    let mut rehash = false;
    let mut lines = Lines::new(&mut *file, MAX_LINE_BYTES);
    let (mut count, mut offset) = (summary.lines, summary.offset);
    let sink = Sink {
        body: &mut summary.body,
        tail: &mut summary.tail,
    };
    let left = stamp.len.saturating_sub(offset);
    take_all(&mut lines, (count, offset), left, sink, |line| {
        count += 1;
        offset += line.len;
        match line.raw {
            Some(raw) => hasher.write(raw),
            None => rehash = true,
        }
    })
    .with_context(read_err)?;
    drop(lines);
    (summary.lines, summary.offset) = (count, offset);
    // The hash covers complete lines only, so a torn tail (a sparse gigabyte, say) is never
    // hashed. A complete line over the cap is hashed by reading the prefix again: once, and
    // only for a file that changed and holds such a line.
    summary.prefix_hash = if rehash {
        hash_prefix(file, summary.offset, &mut Xxh3::new()).with_context(read_err)?
    } else {
        hasher.finish()
    };
    summary.stamp = stamp;
    Ok((summary, true))
}

/// Hashes the first `len` bytes of the file into `hasher`, and returns the hash so far.
fn hash_prefix(file: &mut File, len: u64, hasher: &mut Xxh3) -> std::io::Result<u64> {
    file.seek(SeekFrom::Start(0))?;
    let mut left = len;
    let mut buf = vec![0; 64 * 1024];
    while left > 0 {
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        file.read_exact(&mut buf[..want])?;
        hasher.write(&buf[..want]);
        left -= want as u64;
    }
    Ok(hasher.finish())
}

#[cfg(test)]
#[path = "history_cache_tests.rs"]
mod tests;
