//! The command line: clap definitions and dispatch to each command.

mod routine;
mod run;

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::store::paths::Paths;
use crate::store::{config, progress};

/// A session left behind by a program that died goes into the history at the next start of
/// any command.
fn recover_interrupted(paths: &Paths) {
    match progress::recover(paths) {
        Ok(Some(record)) => eprintln!(
            "bedstretch: recovered an interrupted session ({}, started {}); it is in your history",
            record.routine_name,
            record.started_at.format("%Y-%m-%d %H:%M")
        ),
        Ok(None) => {}
        Err(e) => eprintln!("bedstretch: {e:#}"),
    }
}

/// A calm bedtime stretch coach for calves, toes and ankles.
///
/// A few minutes of calf stretches, toe flexes and ankle rotations before bed make night-time
/// foot cramps rarer. bedstretch guides them with a countdown you can read from across the
/// room, using routines you can read and change as TOML files.
#[derive(Debug, Parser)]
#[command(name = "bedstretch", version, about, long_about)]
#[command(
    after_help = "Your own routines live in $XDG_CONFIG_HOME/bedstretch/routines/*.toml \
(usually ~/.config/bedstretch/routines). Start from `bedstretch routine show bedtime-feet`."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a guided session now (the default routine unless you name one).
    Run {
        /// A routine id (see `routine list`) or the path of a .toml file.
        routine: Option<String>,
    },
    /// List, show and check routines.
    #[command(subcommand)]
    Routine(RoutineCommand),
}

#[derive(Debug, Subcommand)]
enum RoutineCommand {
    /// List every routine with its steps and total time.
    List,
    /// Show every step of a routine, with times, sides and reps.
    Show {
        /// A routine id (see `routine list`) or the path of a .toml file.
        routine: String,
    },
    /// Check routine files and explain any problem with its line and column.
    Validate {
        /// One or more .toml files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<std::path::PathBuf>,
    },
}

/// Parses the arguments and runs the command; the exit code says whether it worked.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<ExitCode> {
    let cli = Cli::parse_from(args);
    let paths = Paths::from_env()?;
    recover_interrupted(&paths);
    let (config, warning) = config::load(&paths);
    if let Some(warning) = warning {
        eprintln!("bedstretch: {warning}");
    }
    let mut out = std::io::stdout().lock();
    match cli.command {
        // Until the home screen exists, a bare `bedstretch` starts the default routine.
        None => run::run(&paths, &config, None),
        Some(Command::Run { routine }) => run::run(&paths, &config, routine.as_deref()),
        Some(Command::Routine(RoutineCommand::List)) => routine::list(&paths, &mut out),
        Some(Command::Routine(RoutineCommand::Show { routine })) => {
            routine::show(&paths, &routine, &mut out)
        }
        Some(Command::Routine(RoutineCommand::Validate { files })) => {
            routine::validate(&files, &mut out)
        }
    }
}
