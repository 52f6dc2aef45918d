//! What tells whether a history file changed since a cache described it, without reading
//! it: one rule for both caches (the history summary and the streak cache), so neither can
//! trust a file the other would read again; and, by one measure, how large a cache may be
//! and still be believed.

use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// How close to the cache's own time a file change must be to be distrusted.
const RACY_NS: i128 = 2_000_000_000;
/// Room in a cache for each file's name, warnings and framing.
const CACHE_BYTES_PER_FILE: u64 = 64 * 1024;

/// What identifies one version of a file without reading it. Size and mtime alone miss a
/// same-size rewrite with its mtime put back (`touch -r`, a sync tool); the inode tells a
/// replaced file, and the ctime, which no user can set, tells any other change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Its length in bytes.
    pub len: u64,
    /// Its modification time, in nanoseconds since the epoch.
    pub mtime_ns: i128,
    /// Its status change time, in nanoseconds since the epoch.
    pub ctime_ns: i128,
    /// Its inode.
    pub ino: u64,
}

impl Stamp {
    /// The stamp of the file `meta` describes.
    pub fn of(meta: &Metadata) -> Self {
        let ns = |secs: i64, nsecs: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsecs);
        Self {
            len: meta.len(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
        }
    }

    /// Whether a cache written when `racy_after` (see [`racy_after`]) was made may trust
    /// this stamp: a file changed within the timestamp granularity of the cache's own
    /// writing may look unchanged when it is not (git calls this "racily clean").
    pub fn trusted(&self, racy_after: i128) -> bool {
        // The later of the two change times: either can be the one that moved.
        self.mtime_ns.max(self.ctime_ns) < racy_after
    }
}

/// The moment after which a file change is too close to the writing of the cache that `meta`
/// describes to trust a stamp (see [`Stamp::trusted`]); a cache of unknown age trusts none.
pub fn racy_after(meta: &Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128 - RACY_NS)
}

/// A history file's name as the caches know it.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The largest cache believed for `files` history files of `bytes` bytes in all. A cache
/// keeps less of each line than the line itself (and only the first few bad lines), so
/// anything larger was not written by bedstretch; reading it would cost more than the
/// history it claims to save reading.
pub fn cache_limit(files: usize, bytes: u64) -> u64 {
    let framing = CACHE_BYTES_PER_FILE.saturating_mul(files as u64 + 1);
    framing.saturating_add(bytes.saturating_mul(2))
}
