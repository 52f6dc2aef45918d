//! The last bedtime notification this device sent: `$XDG_DATA_HOME/bedstretch/remind-sent.json`.
//! On this device only, never synced as history: the id belongs to this desktop's
//! notification service, and a repeat passes it back so that it replaces the notification
//! rather than stacking a second one.

use anyhow::{Context, Result};

use crate::core::remind::Sent;

use super::atomic::write_atomic;
use super::paths::Paths;
use super::read::read_capped;

/// Where it lives.
pub fn path(paths: &Paths) -> std::path::PathBuf {
    paths.data_dir.join("remind-sent.json")
}

/// The last notification sent; `None` when there is none. A file that is not one (garbage,
/// a folder, a FIFO, a huge file) counts as none: the worst it costs is one reminder more.
pub fn read(paths: &Paths) -> Option<Sent> {
    let bytes = read_capped(&path(paths), 4096).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Remembers `sent` in place of the last.
pub fn write(paths: &Paths, sent: &Sent) -> Result<()> {
    let path = path(paths);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    let mut json = serde_json::to_vec(sent).context("cannot encode the notification sent")?;
    json.push(b'\n');
    write_atomic(&path, &json).with_context(|| format!("{}: cannot write", path.display()))
}

#[cfg(test)]
#[path = "remind_sent_tests.rs"]
mod tests;
