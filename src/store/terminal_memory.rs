//! What each terminal did when asked for its background, in `$XDG_CACHE_HOME/bedstretch/
//! terminals`: one line per terminal, `day`, `night` or `silent DATE`, a tab, and who it is.
//! The first frame of the next start uses it, and a silent terminal is not asked again for
//! [`SILENT_FOR`] days. Losing the file costs one question.

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::core::background::{Remembered, Shade};
use crate::core::text::clean_line;

use super::atomic::write_derived;
use super::read::read_capped;

/// More terminals than anyone uses; the oldest go first.
const KEEP: usize = 32;
/// The file is small; a larger one is not ours, and is read as empty.
const MAX_BYTES: u64 = 16 * 1024;
/// A terminal that stayed silent is asked again after this many days: whatever did not
/// answer (mosh, an editor's terminal with another's TERM) may have been only one of several
/// with the same identity, or may answer since an update. A `silent` line without its date,
/// written before the dates were, counts as that old: it was kept under a coarser identity.
pub const SILENT_FOR: i64 = 30;

/// The variables that tell terminal programs apart where TERM and TERM_PROGRAM do not: GNOME
/// Terminal and the other VTE ones, Konsole, the JetBrains terminal, Emacs's terminals.
const PROGRAMS: [&str; 4] = [
    "VTE_VERSION",
    "KONSOLE_VERSION",
    "TERMINAL_EMULATOR",
    "INSIDE_EMACS",
];

/// Where it lives, in the cache folder `dir`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join("terminals")
}

/// Who the terminal is, as far as the environment tells (`var` reads a variable): its
/// `TERM` and the program behind it (and its version, where the program names itself in a
/// variable of its own), and whether tmux, screen or ssh stand between, since each of those
/// answers (or stays silent) in its own way. Windows Terminal is known by `WT_SESSION` being
/// set: its value differs in every tab.
pub fn identity(var: impl Fn(&str) -> Option<String>) -> String {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    let mut words = Vec::new();
    for name in ["TERM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION"] {
        words.push(format!("{name}={}", var(name).unwrap_or_default()));
    }
    for name in PROGRAMS {
        words.extend(set(name).map(|value| format!("{name}={value}")));
    }
    let between = [("WT_SESSION", "wt"), ("TMUX", "tmux"), ("STY", "screen")];
    for (name, through) in between.into_iter().chain([("SSH_TTY", "ssh")]) {
        if set(name).is_some() {
            words.push(through.to_string());
        }
    }
    // One line, without tabs or control characters: it is a field of the file.
    clean_line(&words.join(" "))
}

/// What the terminal `identity` did last time, if it was asked before; a silence older than
/// [`SILENT_FOR`] days on `today` is forgotten.
pub fn recall(dir: &Path, identity: &str, today: NaiveDate) -> Option<Remembered> {
    lines(dir)
        .into_iter()
        .find(|line| line.who == identity)
        .filter(|line| line.current(today))
        .map(|line| line.what)
}

/// Keeps what the terminal `identity` did on `today`, in place of what it did before.
pub fn remember(dir: &Path, identity: &str, what: Remembered, today: NaiveDate) -> io::Result<()> {
    let mut lines = lines(dir);
    // A silence from before the dates never counts, and goes.
    lines.retain(|line| {
        line.who != identity && (line.on.is_some() || line.what != Remembered::Silent)
    });
    let who = identity.to_string();
    let on = Some(today);
    lines.insert(0, Line { who, what, on });
    lines.truncate(KEEP);
    std::fs::create_dir_all(dir)?;
    write_derived(&path(dir), |out| {
        use std::io::Write;
        for line in &lines {
            let (what, who) = (word(line.what), &line.who);
            match (line.what, line.on) {
                (Remembered::Silent, Some(on)) => writeln!(out, "{what} {on}\t{who}")?,
                _ => writeln!(out, "{what}\t{who}")?,
            }
        }
        Ok(())
    })
}

/// One line of the file.
struct Line {
    who: String,
    what: Remembered,
    /// When a silence was seen; none for an answer, or a silence from before the dates.
    on: Option<NaiveDate>,
}

impl Line {
    /// Whether it still counts on `today`: an answer always, a silence for [`SILENT_FOR`] days.
    fn current(&self, today: NaiveDate) -> bool {
        match self.what {
            Remembered::Answered(_) => true,
            Remembered::Silent => self
                .on
                .is_some_and(|on| (today - on).num_days() < SILENT_FOR),
        }
    }

    fn parse(line: &str) -> Option<Self> {
        let (what, who) = line.split_once('\t')?;
        let (what, on) = match what.split_once(' ') {
            Some(("silent", on)) => (Remembered::Silent, Some(on.parse().ok()?)),
            Some(_) => return None,
            None => (
                match what {
                    "day" => Remembered::Answered(Shade::Day),
                    "night" => Remembered::Answered(Shade::Night),
                    "silent" => Remembered::Silent,
                    _ => return None,
                },
                None,
            ),
        };
        let who = who.to_string();
        Some(Self { who, what, on })
    }
}

fn word(what: Remembered) -> &'static str {
    match what {
        Remembered::Answered(shade) => shade.name(),
        Remembered::Silent => "silent",
    }
}

/// The file's lines that can be read, newest first; none when there is no such file.
fn lines(dir: &Path) -> Vec<Line> {
    let Ok(bytes) = read_capped(&path(dir), MAX_BYTES) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(Line::parse)
        .take(KEEP)
        .collect()
}

#[cfg(test)]
#[path = "terminal_memory_tests.rs"]
mod tests;
