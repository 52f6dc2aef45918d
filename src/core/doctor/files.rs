//! The checks of bedstretch's own files: where they are, this device's id, and each history
//! file (conflict copies, symbolic links, lines that cannot be read).

use std::path::{Path, PathBuf};

use crate::core::device_id::NextId;
use crate::core::sync_names::{ConflictCopy, SyncTool};

use super::finding::{Finding, count, grouped, headed};

/// The data folder, where the history and the device id are kept.
pub fn data(folder: &Path, exists: bool) -> Finding {
    if exists {
        Finding::ok("data", folder.display().to_string())
    } else {
        Finding::info(
            "data",
            format!(
                "{} is not there yet; the first session makes it",
                folder.display()
            ),
        )
    }
}

/// This device's id and the fingerprint of the machine and folder, read without writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// The id kept in the data folder, if there is one yet.
    pub id: Option<String>,
    /// What the next command that writes does with it.
    pub next: NextId,
    /// The fingerprint of this machine and folder now (a hash; never the machine's own id).
    pub fingerprint: String,
    /// What the machine is known by: a variable's name, a file's path, or "none".
    pub source: String,
}

/// The device id, as information: a copied data folder is handled by the next command.
pub fn device(device: &Device) -> Finding {
    let from = match device.source.as_str() {
        "none" => "no machine id found, so from the data folder's path alone".to_string(),
        source => format!("from {source} and the data folder's path"),
    };
    let print = format!("fingerprint {} ({from})", device.fingerprint);
    match &device.id {
        None => Finding::info(
            "device",
            format!("no id yet; the first session or diary entry makes one; {print}"),
        ),
        Some(id) if device.next == NextId::New => Finding::info(
            "device",
            format!(
                "{id} was made on another computer or in another folder; the next command that \
                 writes gives this one a new id, and history/{id}.jsonl is still read; {print}"
            ),
        ),
        Some(id) => match &device.next {
            NextId::BackTo(own) => Finding::ok(
                "device",
                format!(
                    "{own}, this computer's own id in a data folder it shares ({id} was the last \
                     used, by another computer or folder); the next command that writes goes \
                     back to {own}; {print}"
                ),
            ),
            NextId::Keeps | NextId::New => Finding::ok("device", format!("{id}, {print}")),
        },
    }
}

/// The history folder could not be listed: no file in it is read by any command.
pub fn history_unreadable(why: &str) -> Finding {
    Finding::problem(
        "history",
        why,
        "give yourself permission to read the folder; until then every command fails",
    )
}

/// One file of the history folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryFile {
    /// Where it is.
    pub path: PathBuf,
    /// True for the file this device appends to.
    pub this_device: bool,
    /// What it copies, when a sync tool left it as a conflict copy.
    pub conflict: Option<ConflictCopy>,
    /// Where it leads, when its name is a symbolic link (read like the file it leads to).
    pub link: Option<PathBuf>,
    /// Its lines, or why it was not read (a FIFO, a folder, a link to nothing).
    pub lines: Result<LineCount, String>,
}

/// How many lines a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCount {
    /// Every line, blank and torn ones included.
    pub lines: usize,
    /// The lines every reader skips with a warning.
    pub bad: usize,
}

/// The history folder in one line, then a line for each thing wrong with one of its files.
pub fn history(files: &[HistoryFile]) -> Vec<Finding> {
    let wrong: Vec<Finding> = files.iter().flat_map(history_file).collect();
    let lines: usize = files
        .iter()
        .filter_map(|f| f.lines.as_ref().ok())
        .map(|c| c.lines)
        .sum();
    let summary = if files.is_empty() {
        "no history files yet; the first session starts one".to_string()
    } else {
        format!("{}, {}", count(files.len(), "file"), count(lines, "line"))
    };
    headed("history", summary, wrong)
}

/// What is wrong with one history file, if anything.
fn history_file(file: &HistoryFile) -> Vec<Finding> {
    let name = file.path.file_name().map_or_else(
        || file.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut found = Vec::new();
    let counted = match &file.lines {
        Ok(counted) => *counted,
        Err(why) => {
            let fix = "move it out of the history folder; a history file is a regular file";
            return vec![Finding::problem("history", why.clone(), fix)];
        }
    };
    if let Some(target) = &file.link {
        found.push(link(&name, file.this_device, &target.display().to_string()));
    }
    if let Some(copy) = &file.conflict {
        let tool = match copy.tool {
            SyncTool::Syncthing => "Syncthing",
            SyncTool::Dropbox => "Dropbox (or Nextcloud)",
        };
        found.push(Finding::problem(
            "history",
            format!(
                "{name} is a conflict copy of {} left by {tool}: its records are read, each once",
                copy.original
            ),
            "once every device has synced, move it out of the history folder",
        ));
    }
    if counted.bad > 0 {
        found.push(Finding::problem(
            "history",
            format!(
                "{name}: {} of {} cannot be read and {} skipped",
                grouped(counted.bad),
                count(counted.lines, "line"),
                if counted.bad == 1 { "is" } else { "are" }
            ),
            "`bedstretch history` names each with its line number; mend or remove them",
        ));
    }
    found
}

/// A history file whose name is a symbolic link: read through, never written through.
fn link(name: &str, this_device: bool, target: &str) -> Finding {
    let fix = "put the file itself in place of the link";
    if this_device {
        Finding::problem(
            "history",
            format!(
                "{name}, this device's own file, is a symbolic link (to {target}): bedstretch \
                 never appends through a link, so new sessions and diary entries are not saved"
            ),
            fix,
        )
    } else {
        Finding::problem(
            "history",
            format!(
                "{name} is a symbolic link (to {target}): its records are read from there, but \
                 a sync tool may copy the link and not the records"
            ),
            fix,
        )
    }
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
