//! `bedstretch completions SHELL`: tab completion for every command, with routine ids
//! completed as they are at the moment of pressing Tab (a routine added later completes too).
//!
//! The script a shell sources only calls back into bedstretch (`COMPLETE=bash bedstretch --
//! …`), and clap works out the candidates from the real command definitions, so the script
//! never goes stale. This is clap_complete's environment-driven completion.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use crate::store::paths::Paths;
use crate::store::routines::Catalog;

/// The environment variable that asks bedstretch for candidates instead of running.
pub const VAR: &str = "COMPLETE";

/// The shells there are scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    /// GNU bash.
    Bash,
    /// zsh.
    Zsh,
    /// fish.
    Fish,
    /// elvish.
    Elvish,
    /// PowerShell.
    Powershell,
}

impl Shell {
    fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Elvish => "elvish",
            Shell::Powershell => "powershell",
        }
    }
}

/// The values of `cramp --side`. The flag keeps its own parser, for its plainer error; these
/// are what Tab offers.
pub fn sides() -> Vec<CompletionCandidate> {
    ["left", "right", "both"]
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// The values of `history --kind`, as Tab offers them (the parser is its own, as for sides).
pub fn kinds() -> Vec<CompletionCandidate> {
    ["session", "cramp"]
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// Answers a completion request and exits, when the shell's script made one; otherwise
/// returns at once. Called first thing, before anything is written.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(super::command)
        .var(VAR)
        .complete();
}

/// Prints the script that `SHELL` sources to complete bedstretch.
pub fn completions(shell: Shell, out: &mut impl Write) -> Result<ExitCode> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(shell.name())
        .with_context(|| format!("no completions for {}", shell.name()))?;
    let mut script = Vec::new();
    completer
        .write_registration(VAR, "bedstretch", "bedstretch", "bedstretch", &mut script)
        .context("cannot write the completion script")?;
    out.write_all(&script)
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// Every routine id, each with its name, for Tab after `run`, `routine show` and the like.
/// A broken setup completes nothing rather than print an error into the command line.
pub fn routine_ids() -> Vec<CompletionCandidate> {
    let Ok(paths) = Paths::from_env() else {
        return Vec::new();
    };
    let catalog = Catalog::load(&paths);
    catalog
        .routines
        .iter()
        .map(|(routine, _)| {
            CompletionCandidate::new(routine.id.clone())
                .help(Some(crate::core::text::clean_line(&routine.name).into()))
        })
        .collect()
}
