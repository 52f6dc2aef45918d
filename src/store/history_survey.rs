//! The history files one by one, as a look at the folder (`bedstretch doctor`) shows them:
//! which is this device's, which a sync tool's conflict copy and of what, which a symbolic
//! link and to where, and how many lines each holds and how many of them are skipped.

use std::fs;

use anyhow::{Context, Result};

pub use crate::core::doctor::files::{HistoryFile, LineCount};
use crate::core::stats::SessionFacts;
use crate::core::sync_names::conflict_copy;

use super::device;
use super::file_lines::{FileLines, MAX_LINE_BYTES};
use super::gather::{history_files, open};
use super::paths::Paths;
use super::read::Lines;

/// Every history file, in the order the readers read them; writes nothing. An unreadable
/// folder or file is an error, as for every reader.
pub fn survey(paths: &Paths) -> Result<Vec<HistoryFile>> {
    let facts = device::facts(paths);
    let mine = facts
        .own_id()
        .map(|id| super::history::device_file(paths, id));
    let mut files = Vec::new();
    for path in history_files(&paths.history_dir())? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        files.push(HistoryFile {
            this_device: mine.as_ref() == Some(&path),
            conflict: name.as_deref().and_then(conflict_copy),
            // Fails, for a name that is not a link.
            link: fs::read_link(&path).ok(),
            lines: count(&path)?,
            path,
        });
    }
    Ok(files)
}

/// The lines of one file, each sorted by the one line parser every reader uses.
fn count(path: &std::path::Path) -> Result<Result<LineCount, String>> {
    let (file, _) = match open(path)? {
        Ok(opened) => opened,
        Err(warning) => return Ok(Err(warning)),
    };
    let mut lines = Lines::new(file, MAX_LINE_BYTES);
    let mut held = FileLines::<SessionFacts>::default();
    let mut number = 0;
    while let Some(line) = lines
        .next_line()
        .with_context(|| format!("{}: cannot read", path.display()))?
    {
        number += 1;
        held.take(number, &line);
    }
    Ok(Ok(LineCount {
        lines: number,
        bad: held.bad.first.len() + held.bad.more,
    }))
}

#[cfg(test)]
#[path = "history_survey_tests.rs"]
mod tests;
