//! A derived summary of the history, so that stats over years of nights take milliseconds.
//!
//! The JSONL files stay the only source of truth; this cache is rebuilt whenever it is stale,
//! unreadable or from another version, and losing it loses nothing. Because history files are
//! only ever appended to, a file that grew is read from where the cache left off, after
//! checking (by hash, which is far cheaper than parsing) that every byte before that point is
//! unchanged; any other change (shorter, rewritten, replaced by a sync) reads that file again
//! from the start.

use std::collections::HashSet;
use std::fs::{self, File};
use std::hash::Hasher;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use twox_hash::XxHash3_64 as Xxh3;

use crate::core::stats::SessionFacts;

use super::atomic::write_atomic;
use super::history_read::{BadLine, History, facts_of_lines, history_files, warnings_for};
use super::paths::Paths;

const VERSION: u32 = 4;
/// How close to the cache's own time a file change must be to be distrusted.
const RACY_NS: u128 = 2_000_000_000;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    v: u32,
    files: Vec<FileSummary>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileSummary {
    name: String,
    /// Size and modification time when summarised; both equal means unchanged.
    len: u64,
    mtime_ns: u128,
    /// End of the last complete line summarised, and how many lines came before it.
    offset: u64,
    lines: usize,
    /// A hash of every byte before `offset`, to tell an append from a rewrite.
    prefix_hash: u64,
    sessions: Vec<Cached>,
    bad: Vec<BadLine>,
}

/// One session's facts as the cache keeps them: an array rather than an object, and the
/// start as Unix seconds and offset, which parse several times faster than names and text.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached(String, String, i64, i32, u32, u32, Vec<String>);

impl From<SessionFacts> for Cached {
    fn from(f: SessionFacts) -> Self {
        let offset = f.started_at.offset().local_minus_utc();
        Cached(
            f.id,
            f.routine_name,
            f.started_at.timestamp(),
            offset,
            f.completed,
            f.planned,
            f.skipped,
        )
    }
}

impl Cached {
    fn facts(&self) -> Option<SessionFacts> {
        let offset = FixedOffset::east_opt(self.3)?;
        let started_at = DateTime::from_timestamp(self.2, 0)?.with_timezone(&offset);
        Some(SessionFacts {
            id: self.0.clone(),
            routine_name: self.1.clone(),
            started_at,
            completed: self.4,
            planned: self.5,
            skipped: self.6.clone(),
        })
    }
}

fn cache_path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("cache").join("history-summary.json")
}

fn load(path: &Path) -> Cache {
    fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
        .filter(|cache| cache.v == VERSION)
        .unwrap_or_default()
}

/// Stats facts of every session, each id once, oldest first; bad lines as warnings.
pub fn read_facts(paths: &Paths) -> Result<History<SessionFacts>> {
    let cache_file = cache_path(paths);
    let mut old = load(&cache_file);
    // A file changed within the timestamp granularity of the cache's own writing may look
    // unchanged when it is not (git calls this "racily clean"); such files are read again.
    let racy_after = fs::metadata(&cache_file)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos().saturating_sub(RACY_NS));
    let mut changed = false;
    let mut files = Vec::new();
    for path in history_files(&paths.history_dir())? {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let cached = old
            .files
            .iter()
            .position(|f| f.name == name && f.mtime_ns < racy_after)
            .map(|i| old.files.swap_remove(i));
        // Rewriting the cache after a racy read moves its time on, so the next read trusts it.
        changed |= cached.is_none();
        let (summary, torn, fresh) = summarise(&path, name, cached)?;
        changed |= fresh;
        files.push((path, summary, torn));
    }
    // Summaries left over belong to files that are gone.
    changed |= !old.files.is_empty();

    let mut history = History::default();
    let mut seen = HashSet::new();
    for (path, summary, (torn_sessions, torn_bad)) in &files {
        let mut bad = summary.bad.clone();
        bad.extend(torn_bad.iter().cloned());
        history.warnings.extend(warnings_for(path, &bad));
        let cached = summary.sessions.iter().filter_map(Cached::facts);
        for session in cached.chain(torn_sessions.iter().cloned()) {
            if seen.insert(session.id.clone()) {
                history.sessions.push(session);
            }
        }
    }
    history.sessions.sort_by_key(|s| s.started_at);
    if changed {
        let cache = Cache {
            v: VERSION,
            files: files.into_iter().map(|(_, summary, _)| summary).collect(),
        };
        // The cache only saves time; when it cannot be written, the next run reads again.
        if let Ok(json) = serde_json::to_vec(&cache) {
            let _ = write_atomic(&cache_file, &json);
        }
    }
    Ok(history)
}

/// What a torn last line (no newline yet) holds: read every time, never cached.
type Torn = (Vec<SessionFacts>, Vec<BadLine>);

/// The summary of one file: the cached one if the file is unchanged, extended if it grew by
/// appending, made anew otherwise; then the torn tail, if any; then whether anything new was
/// read.
fn summarise(
    path: &Path,
    name: String,
    cached: Option<FileSummary>,
) -> Result<(FileSummary, Torn, bool)> {
    let read_err = || format!("{}: cannot read", path.display());
    let mut file = File::open(path).with_context(read_err)?;
    let meta = file.metadata().with_context(read_err)?;
    let len = meta.len();
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let unchanged = |c: &FileSummary| c.len == len && c.mtime_ns == mtime_ns && c.offset == len;
    let cached = match cached {
        Some(c) if unchanged(&c) => return Ok((c, Torn::default(), false)),
        other => other,
    };
    // Only growth can be an append, and only if every byte summarised before is unchanged.
    let mut hasher = Xxh3::new();
    let appended = match &cached {
        Some(c) if len > c.len && c.offset <= len => {
            hash_prefix(&mut file, c.offset, &mut hasher).with_context(read_err)? == c.prefix_hash
        }
        _ => false,
    };
    let mut summary = match (appended, cached) {
        (true, Some(c)) => c,
        _ => {
            hasher = Xxh3::new();
            FileSummary {
                name,
                len: 0,
                mtime_ns: 0,
                offset: 0,
                lines: 0,
                prefix_hash: 0,
                sessions: Vec::new(),
                bad: Vec::new(),
            }
        }
    };
    file.seek(SeekFrom::Start(summary.offset))
        .with_context(read_err)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).with_context(read_err)?;
    // Only complete lines go into the summary; a torn last line is read again next time.
    let complete = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let text = String::from_utf8_lossy(&bytes[..complete]);
    let (sessions, bad) = facts_of_lines(&text, summary.lines + 1);
    summary
        .sessions
        .extend(sessions.into_iter().map(Cached::from));
    summary.bad.extend(bad);
    summary.lines += text.lines().count();
    summary.offset += complete as u64;
    hasher.write(&bytes[..complete]);
    summary.prefix_hash = hasher.finish();
    summary.len = len;
    summary.mtime_ns = mtime_ns;
    // A torn tail is reported every time, but never cached.
    let tail = String::from_utf8_lossy(&bytes[complete..]);
    let torn = facts_of_lines(&tail, summary.lines + 1);
    Ok((summary, torn, true))
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
