//! The names sync tools give a history file they could not merge. Two machines that wrote one
//! file (a data folder copied to a new computer, before it made its own device id) leave
//! Syncthing's `abcd1234.sync-conflict-20261206-101500-ABCDEFG.jsonl` or Dropbox's (and
//! Nextcloud's) `abcd1234 (conflicted copy 2026-12-06).jsonl` beside `abcd1234.jsonl`. Such a
//! copy is read like any history file (each record counted once by id); this names it, so
//! that the person can be told which device file it copies.

/// The sync tool whose naming a conflict copy follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncTool {
    /// `NAME.sync-conflict-DATE-TIME-DEVICE.jsonl`.
    Syncthing,
    /// `NAME (conflicted copy DATE).jsonl`, or `NAME (Someone's conflicted copy DATE).jsonl`;
    /// Nextcloud and ownCloud name theirs the same way.
    Dropbox,
}

/// A history file that a sync tool left as a conflict copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    /// The file name it copies, `abcd1234.jsonl`.
    pub original: String,
    /// Whose naming it follows.
    pub tool: SyncTool,
}

/// What the file named `name` (a name, not a path) copies, when it is a conflict copy of a
/// history file; `None` for a device's own file or any other name.
pub fn conflict_copy(name: &str) -> Option<ConflictCopy> {
    let stem = name.strip_suffix(".jsonl")?;
    let (original, tool) = syncthing(stem)
        .map(|o| (o, SyncTool::Syncthing))
        .or_else(|| dropbox(stem).map(|o| (o, SyncTool::Dropbox)))?;
    (!original.is_empty()).then(|| ConflictCopy {
        original: format!("{original}.jsonl"),
        tool,
    })
}

/// `abcd1234.sync-conflict-20261206-101500-ABCDEFG` → `abcd1234`.
fn syncthing(stem: &str) -> Option<&str> {
    const MARK: &str = ".sync-conflict-";
    let at = stem.rfind(MARK)?;
    let tail = &stem[at + MARK.len()..];
    let mut parts = tail.splitn(3, '-');
    let date = parts.next()?;
    let time = parts.next()?;
    let device = parts.next()?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    (digits(date, 8) && digits(time, 6) && !device.is_empty()).then(|| &stem[..at])
}

/// `abcd1234 (conflicted copy 2026-12-06)` or `abcd1234 (Ann's conflicted copy 2026-12-06 (1))`
/// → `abcd1234`.
fn dropbox(stem: &str) -> Option<&str> {
    let mark = stem.rfind("conflicted copy")?;
    let open = stem[..mark].rfind(" (")?;
    // Only a name's own words may stand between the parenthesis and the mark.
    let between = &stem[open + 2..mark];
    let named = between.is_empty() || between.ends_with("'s ") || between.ends_with("’s ");
    (named && stem.ends_with(')')).then(|| &stem[..open])
}

#[cfg(test)]
#[path = "sync_names_tests.rs"]
mod tests;
