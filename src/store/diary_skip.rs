//! The night the person chose to say nothing about, so home's morning question is not asked
//! again for it. One date in `$XDG_DATA_HOME/bedstretch/diary-skipped`, on this device only:
//! a skip is a choice about this screen, not a diary entry, so it never enters the history.

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::atomic::write_atomic;
use super::paths::Paths;
use super::read::read_capped;

fn path(paths: &Paths) -> std::path::PathBuf {
    paths.data_dir.join("diary-skipped")
}

/// The night last skipped; `None` when there is none or the file is not one date. Anything
/// else there (a FIFO, a huge file, garbage) only means the question may be asked again.
pub fn skipped_night(paths: &Paths) -> Option<NaiveDate> {
    let bytes = read_capped(&path(paths), 64).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Remembers `night` as skipped, in place of any earlier one.
pub fn skip_night(paths: &Paths, night: NaiveDate) -> Result<()> {
    let path = path(paths);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    write_atomic(&path, format!("{night}\n").as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))
}

#[cfg(test)]
#[path = "diary_skip_tests.rs"]
mod tests;
