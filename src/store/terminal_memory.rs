//! What each terminal did when asked for its background, in `$XDG_CACHE_HOME/bedstretch/
//! terminals`: one line per terminal, `day`, `night` or `silent`, a tab, and who it is. The
//! first frame of the next start uses it, and a silent terminal is not asked again. Losing
//! the file costs one question.

use std::io;
use std::path::{Path, PathBuf};

use crate::core::background::{Remembered, Shade};
use crate::core::text::clean_line;

use super::atomic::write_derived;
use super::read::read_capped;

/// More terminals than anyone uses; the oldest go first.
const KEEP: usize = 32;
/// The file is small; a larger one is not ours, and is read as empty.
const MAX_BYTES: u64 = 16 * 1024;

/// Where it lives, in the cache folder `dir`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join("terminals")
}

/// Who the terminal is, as far as the environment tells (`var` reads a variable): its
/// `TERM` and the program behind it, and whether tmux, screen or ssh stand between, since
/// each of those answers (or stays silent) in its own way.
pub fn identity(var: impl Fn(&str) -> Option<String>) -> String {
    let mut words = Vec::new();
    for name in ["TERM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION"] {
        words.push(format!("{name}={}", var(name).unwrap_or_default()));
    }
    for (name, through) in [("TMUX", "tmux"), ("STY", "screen"), ("SSH_TTY", "ssh")] {
        if var(name).is_some_and(|v| !v.is_empty()) {
            words.push(through.to_string());
        }
    }
    // One line, without tabs or control characters: it is a field of the file.
    clean_line(&words.join(" "))
}

/// What the terminal `identity` did last time, if it was asked before.
pub fn recall(dir: &Path, identity: &str) -> Option<Remembered> {
    lines(dir)
        .into_iter()
        .find(|(who, _)| who == identity)
        .map(|(_, what)| what)
}

/// Keeps what the terminal `identity` did, in place of what it did before.
pub fn remember(dir: &Path, identity: &str, what: Remembered) -> io::Result<()> {
    let mut lines = lines(dir);
    lines.retain(|(who, _)| who != identity);
    lines.insert(0, (identity.to_string(), what));
    lines.truncate(KEEP);
    std::fs::create_dir_all(dir)?;
    write_derived(&path(dir), |out| {
        use std::io::Write;
        for (who, what) in &lines {
            writeln!(out, "{}\t{who}", word(*what))?;
        }
        Ok(())
    })
}

fn word(what: Remembered) -> &'static str {
    match what {
        Remembered::Answered(shade) => shade.name(),
        Remembered::Silent => "silent",
    }
}

/// The file's lines that can be read, newest first; none when there is no such file.
fn lines(dir: &Path) -> Vec<(String, Remembered)> {
    let Ok(bytes) = read_capped(&path(dir), MAX_BYTES) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|line| {
            let (what, who) = line.split_once('\t')?;
            let what = match what {
                "day" => Remembered::Answered(Shade::Day),
                "night" => Remembered::Answered(Shade::Night),
                "silent" => Remembered::Silent,
                _ => return None,
            };
            Some((who.to_string(), what))
        })
        .take(KEEP)
        .collect()
}

#[cfg(test)]
#[path = "terminal_memory_tests.rs"]
mod tests;
