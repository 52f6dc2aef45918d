//! The command line: clap definitions and dispatch to each command.

mod routine;
mod run;
mod stats;

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::{Parser, Subcommand};

use crate::clock::{Clock, SystemClock};
use crate::store::paths::Paths;
use crate::store::{config, progress};

/// A session left behind by a program that died goes into the history at the next start of
/// any command. Returns what to tell the person about it, cleaned of controls: it quotes the
/// routine's name, or a parser quoting the file.
fn recover_interrupted(paths: &Paths) -> Option<String> {
    let note = match progress::recover(paths) {
        Ok(Some(record)) => format!(
            "recovered an interrupted session ({}, started {}); it is in your history",
            record.routine_name,
            record.started_at.format("%Y-%m-%d %H:%M")
        ),
        Ok(None) => return None,
        Err(e) => format!("{e:#}"),
    };
    Some(crate::core::text::clean_line(&note))
}

/// A calm bedtime stretch coach for calves, toes and ankles.
///
/// A few minutes of calf stretches, toe flexes and ankle rotations before bed make night-time
/// foot cramps rarer. bedstretch guides them with a countdown you can read from across the
/// room, using routines you can read and change as TOML files.
#[derive(Debug, Parser)]
#[command(name = "bedstretch", version, about, long_about)]
#[command(after_help = "\
Without a command, bedstretch opens the home screen: Enter starts tonight's routine,
↑↓ Home End PgUp PgDn choose, s stats, ! problems found at start, ? help, q quit.

Keys in a session: Space pause, → or n skip, ← or p back, h this hurts, q quit, ? help.
Anywhere: Ctrl-C quits at once (what you held is saved), Ctrl-Z suspends (a session pauses).

Your own routines live in $XDG_CONFIG_HOME/bedstretch/routines/*.toml (usually
~/.config/bedstretch/routines). Start from `bedstretch routine show bedtime-feet`.")]
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
    /// Your streak, nights kept, completion and the step you skip most.
    Stats {
        /// Print JSON for other programs instead of words.
        #[arg(long)]
        json: bool,
        /// Answer as of this moment (RFC 3339, e.g. 2026-11-24T07:00:00+01:00), in its offset.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// Every session you have done, newest last.
    History {
        /// Only sessions from this night on (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// One JSON array of the sessions as recorded.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// A header and one row per session.
        #[arg(long)]
        csv: bool,
    },
}

fn parse_time(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| format!("{e}; expected a time like 2026-11-24T07:00:00+01:00"))
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
    let recovered = recover_interrupted(&paths);
    let (config, warning) = config::load(&paths);
    let notes: Vec<String> = recovered.into_iter().chain(warning).collect();
    // A full screen would hide these behind it: home shows them itself, and `run` repeats
    // them once the screen is gone.
    if !matches!(cli.command, None | Some(Command::Run { .. })) {
        for note in &notes {
            eprintln!("bedstretch: {note}");
        }
    }
    let mut out = std::io::stdout().lock();
    match cli.command {
        None => run::home(&paths, &config, notes),
        Some(Command::Run { routine }) => run::run(&paths, &config, routine.as_deref(), &notes),
        Some(Command::Routine(RoutineCommand::List)) => routine::list(&paths, &mut out),
        Some(Command::Stats { json, as_of }) => {
            let as_of = as_of.unwrap_or_else(|| SystemClock::new().wall());
            stats::stats(&paths, &config, as_of, json, &mut out)
        }
        Some(Command::History { since, json, csv }) => {
            let format = match (json, csv) {
                (true, _) => stats::Format::Json,
                (_, true) => stats::Format::Csv,
                _ => stats::Format::Table,
            };
            stats::history(&paths, &config, since, format, &mut out)
        }
        Some(Command::Routine(RoutineCommand::Show { routine })) => {
            routine::show(&paths, &routine, &mut out)
        }
        Some(Command::Routine(RoutineCommand::Validate { files })) => {
            routine::validate(&files, &mut out)
        }
    }
}
