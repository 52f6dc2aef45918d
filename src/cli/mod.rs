//! The command line: clap definitions and dispatch to each command.

mod args;
mod completions;
mod config;
mod cramp;
mod desktop;
mod doctor;
mod doctor_facts;
mod editor_files;
mod help;
mod history;
mod man;
mod pause;
mod program;
mod remind;
pub mod remind_install;
mod report;
mod routine;
mod routine_edit;
mod routine_files;
mod routine_trash;
mod run;
mod run_plain;
pub mod screen_theme;
mod stats;
mod status;
mod store_shell;
mod trial_words;

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::engine::ArgValueCandidates;

use self::args::{parse_date, parse_time};
use self::help::{CONFIG_HELP, CRAMP_HELP, DOCTOR_HELP, REMIND_HELP, REPORT_HELP, STATUS_HELP};
use self::remind::RemindCommand;
use crate::clock::{Clock, SystemClock};
use crate::core::config::Loaded;
use crate::core::history::{Outcome, Recorded};
use crate::hook::Hooks;
use crate::store::paths::Paths;
use crate::store::routines::Catalog;
use crate::store::{config as config_file, progress};

/// A session left behind by a program that died goes into the history at the next start of
/// any command, and the config's `on_session_end` runs for it as for any session. Returns
/// what to tell the person about it, cleaned of controls: it quotes the routine's name, or a
/// parser quoting the file.
fn recover_interrupted(paths: &Paths, hooks: &mut Hooks) -> Option<String> {
    let note = match progress::recover(paths) {
        Ok(Some(record)) => {
            if let Ok(line) = serde_json::to_string(&record) {
                hooks.start(line);
            }
            // A finished session kept aside when the history could not take it comes back
            // whole; only a session cut short was interrupted.
            let what = match record.outcome {
                Recorded::Known(Outcome::Interrupted) => "recovered an interrupted session",
                _ => "added a session that could not be saved at the time",
            };
            format!(
                "{what} ({}, started {}); it is in your history",
                record.routine_name,
                record.started_at.format("%Y-%m-%d %H:%M")
            )
        }
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
~/.config/bedstretch/routines). Make one of your own from a bundled one with
`bedstretch routine new mine --from bedtime-feet`, then `bedstretch routine edit mine`.")]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a guided session now (the default routine unless you name one).
    Run(run::RunArgs),
    /// List, show, check, make, edit, remove and share routines.
    #[command(subcommand)]
    Routine(RoutineCommand),
    /// Your streak, nights kept, completion, the step you skip most, and how cramps compare.
    #[command(long_about = stats::HELP)]
    Stats {
        /// Print JSON for other programs instead of words.
        #[arg(long)]
        json: bool,
        /// Answer as of this moment (RFC 3339, e.g. 2026-11-24T07:00:00+01:00), in its offset.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// Tonight in one line for a shell prompt: exit 0 when kept, 1 when not.
    #[command(long_about = STATUS_HELP)]
    Status {
        /// short ("🦶 12"), long ("Tonight is kept · streak 12 nights") or json.
        #[arg(long, value_enum, default_value = "short")]
        format: status::Format,
        /// Answer as of this moment (RFC 3339, e.g. 2026-11-24T07:00:00+01:00), in its offset.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// Print the script that gives SHELL tab completion (routine ids included).
    #[command(after_help = "\
bash: add `source <(bedstretch completions bash)` to ~/.bashrc
zsh:  add `source <(bedstretch completions zsh)` to ~/.zshrc
fish: bedstretch completions fish > ~/.config/fish/completions/bedstretch.fish")]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        #[arg(value_enum)]
        shell: completions::Shell,
    },
    /// Print the manual page (e.g. `bedstretch man | man -l -`).
    Man,
    /// Show your settings and where each comes from; `config check` checks the file.
    #[command(long_about = CONFIG_HELP)]
    Config {
        #[command(subcommand)]
        command: Option<ConfigCommand>,
    },
    /// Note last night's cramps: severity 0 (none) to 10, e.g. `bedstretch cramp 6 --side left`.
    #[command(long_about = CRAMP_HELP)]
    Cramp {
        #[command(flatten)]
        entry: cramp::Entry,
        /// Note it as of this moment (RFC 3339), in its offset. Hidden: it is for tests, which
        /// must not depend on the wall clock, and it would let an entry be dated falsely.
        #[arg(long, value_name = "TIME", value_parser = parse_time, hide = true)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// Every session and cramp diary entry, newest first, placed by night.
    History {
        #[command(flatten)]
        query: history::Query,
        /// One JSON array of the records as written, each with its kind.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// A header and one row per record; a kind column tells sessions and entries apart.
        /// A text that begins with =, +, - or @ gets a leading ' so that no spreadsheet takes
        /// it for a formula.
        #[arg(long)]
        csv: bool,
        /// List as of this moment (RFC 3339, e.g. 2026-11-24T07:00:00+01:00): a record dated
        /// more than a day after it is skipped with a warning, as every command does.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// Your own trial: a baseline of diary nights, then weeks of a routine, and the review.
    #[command(long_about = program::HELP)]
    Program {
        #[command(subcommand)]
        command: Option<program::ProgramCommand>,
        /// Say where you stand as of this moment (RFC 3339), in its offset.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// Pause the streak for nights away: `pause --from 2026-12-10 --until 2026-12-14 --why travel`.
    #[command(long_about = pause::HELP)]
    Pause {
        #[command(flatten)]
        args: pause::Args,
    },
    /// A report to hand a clinician: adherence by week, the diary, routines, "hurt" steps.
    #[command(long_about = REPORT_HELP)]
    Report {
        /// The first night to report (YYYY-MM-DD); by default the 90 nights before tonight.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// md (Markdown), csv (one row per night) or html (a page to print on A4).
        #[arg(long, value_name = "FORMAT", value_enum, default_value = "md")]
        format: report::Format,
        /// Report as of this moment (RFC 3339, e.g. 2026-11-24T07:00:00+01:00), in its offset.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// A desktop notification when it is time to stretch and tonight is not kept yet.
    #[command(long_about = REMIND_HELP)]
    Remind {
        #[command(subcommand)]
        command: Option<RemindCommand>,
        /// Print what it would send, or why it stays quiet; send nothing, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Decide as of this moment (RFC 3339), in its offset. Hidden: it is for tests,
        /// which must not depend on the wall clock.
        #[arg(long, value_name = "TIME", value_parser = parse_time, hide = true)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// Check the setup, one line per finding with what to do; exit 1 on a problem.
    #[command(long_about = DOCTOR_HELP)]
    Doctor {
        /// One JSON object: the paths, the device and every check with its status.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Check config.toml: `ok` and exit status 0, or every problem on stderr and status 1.
    Check,
}

/// Commands that only read, so they must not write either: not even the recovery of an
/// interrupted session, which appends to the history.
fn writes_nothing(command: &Option<Command>) -> bool {
    matches!(
        command,
        Some(
            Command::Config { .. }
                | Command::Doctor { .. }
                | Command::Status { .. }
                | Command::Completions { .. }
                | Command::Man
                | Command::Routine(
                    RoutineCommand::List
                        | RoutineCommand::Show { .. }
                        | RoutineCommand::Path { .. }
                        | RoutineCommand::Export { .. }
                        | RoutineCommand::Validate { .. }
                        | RoutineCommand::Restore { list: true, .. }
                )
                | Command::Remind {
                    command: None,
                    dry_run: true,
                    ..
                }
                | Command::Remind {
                    command: Some(RemindCommand::Status),
                    ..
                }
        )
    )
}

/// Commands that start or name the default routine, and so must know whether it exists;
/// the others do not pay for reading every routine.
fn needs_routines(command: &Option<Command>) -> bool {
    matches!(
        command,
        None | Some(
            Command::Run(run::RunArgs { routine: None, .. })
                | Command::Config { .. }
                | Command::Doctor { .. }
                | Command::Remind { command: None, .. }
        )
    )
}

#[derive(Debug, Subcommand)]
enum RoutineCommand {
    /// List every routine with its steps and total time.
    List,
    /// Show every step of a routine, with times, sides and reps; `--toml` prints its file.
    Show {
        /// A routine id (see `routine list`) or the path of a .toml file.
        #[arg(add = ArgValueCandidates::new(completions::routine_ids))]
        routine: String,
        /// Print the routine's file exactly, e.g. `routine show quick --toml > mine.toml`.
        #[arg(long)]
        toml: bool,
    },
    /// Check routine files and explain any problem with its line and column.
    Validate {
        /// One or more .toml files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<std::path::PathBuf>,
    },
    /// Make a routine of your own: a copy of another (`--from`) or a commented template.
    #[command(after_help = "\
Ids are 1 to 40 lowercase letters, digits and dashes, beginning with a letter or
digit. A copy whose name another routine has is named apart: \"Quick (my copy)\".
Then change it with `bedstretch routine edit ID` and run it with
`bedstretch run ID`.")]
    New {
        /// The new routine's id, which is its file name: `mine` is routines/mine.toml.
        id: String,
        /// Start from a copy of this routine (bundled or yours) instead of the template.
        #[arg(long, value_name = "ID", add = ArgValueCandidates::new(completions::routine_ids))]
        from: Option<String>,
    },
    /// Print where a routine's file is (or would be, for a bundled routine).
    Path {
        /// A routine id (see `routine list`).
        #[arg(add = ArgValueCandidates::new(completions::routine_ids))]
        id: String,
    },
    /// Open a routine in your editor ($VISUAL, $EDITOR, or editor, nano, vi) and check it.
    #[command(long_about = "\
Open a routine in your editor and check it when the editor closes. The editor works on a
copy: the routine is replaced only when the result is valid, so a slip never breaks it.
With problems, each is shown with its line and column and you are asked to edit again.
A bundled routine is saved as your own copy; the bundled one stays as it is.

The editor is $VISUAL, else $EDITOR, else the first of editor, nano, vi on the PATH.")]
    Edit {
        /// A routine id (see `routine list`).
        #[arg(add = ArgValueCandidates::new(completions::routine_ids))]
        id: String,
    },
    /// Move a routine of yours to the trash folder, from where it can be put back.
    Rm {
        /// A routine id of yours (see `routine list`).
        #[arg(add = ArgValueCandidates::new(completions::routine_ids))]
        id: String,
        /// Do not ask first.
        #[arg(long, short)]
        yes: bool,
    },
    /// Put back a routine that `routine rm` moved to the trash (the newest copy of it).
    #[command(after_help = "\
`bedstretch routine restore --list` shows what the trash holds. A routine is never put back
over one of the same id: move that one aside first.")]
    Restore {
        /// The id the routine had (see `routine restore --list`).
        #[arg(required_unless_present = "list")]
        id: Option<String>,
        /// List the copies in the trash (of ID only, when given), newest first.
        #[arg(long)]
        list: bool,
    },
    /// Check a shared routine file and copy it into your routines, byte for byte.
    Import {
        /// The file, or `-` for standard input.
        file: std::path::PathBuf,
        /// The id to give it (by default the file's name without .toml).
        #[arg(long = "as", value_name = "ID")]
        as_id: Option<String>,
        /// Replace a routine of yours with that id (the old one goes to the trash).
        #[arg(long)]
        force: bool,
    },
    /// Print a routine's file exactly, to share it (the same as `show --toml`).
    Export {
        /// A routine id (see `routine list`).
        #[arg(add = ArgValueCandidates::new(completions::routine_ids))]
        id: String,
    },
}

/// The command line as clap sees it, for completions and the manual page.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Answers a shell's completion request and exits, if this run is one; see
/// [`completions::answer_if_asked`].
pub fn answer_completion_request() {
    completions::answer_if_asked();
}

/// Parses the arguments and runs the command; the exit code says whether it worked.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<ExitCode> {
    let cli = Cli::parse_from(args);
    let paths = Paths::from_env()?;
    let (loaded, catalog, notes, mut hooks) = prepare(&paths, &cli.command);
    let config = &loaded.config;
    let mut out = std::io::stdout().lock();
    let now = || SystemClock::new().wall();
    // A recovered session's hook: the screens tell how it went, the others after the command.
    let hooks = &mut hooks;
    let result = match cli.command {
        None => run::home(&paths, config, notes, catalog.unwrap_or_default(), hooks),
        Some(Command::Run(args)) => run::run(&paths, config, &args, &notes, hooks),
        Some(Command::Config { command: None }) => config::show(&loaded, &mut out),
        Some(Command::Config {
            command: Some(ConfigCommand::Check),
        }) => config::check(&loaded, &mut out),
        Some(Command::Routine(command)) => routine_command(&paths, command, &mut out),
        Some(Command::Stats { json, as_of }) => {
            stats::stats(&paths, config, as_of.unwrap_or_else(now), json, &mut out)
        }
        Some(Command::Completions { shell }) => completions::completions(shell, &mut out),
        Some(Command::Man) => man::man(&mut out),
        Some(Command::Status { format, as_of }) => {
            status::status(&paths, config, as_of.unwrap_or_else(now), format, &mut out)
        }
        Some(Command::Cramp { entry, as_of }) => {
            cramp::cramp(&paths, config, entry, as_of.unwrap_or_else(now), &mut out)
        }
        Some(Command::History {
            query,
            json,
            csv,
            as_of,
        }) => {
            let format = history::Format::from_flags(json, csv);
            let as_of = as_of.unwrap_or_else(now);
            history::history(&paths, config, &query, format, as_of, &mut out)
        }
        Some(Command::Report {
            since,
            format,
            as_of,
        }) => report::report(
            &paths,
            config,
            as_of.unwrap_or_else(now),
            since,
            format,
            &mut out,
        ),
        Some(Command::Program { command, as_of }) => {
            program::program(&paths, config, command, as_of.unwrap_or_else(now), &mut out)
        }
        Some(Command::Pause { args }) => pause::pause(&paths, config, args, now(), &mut out),
        Some(Command::Remind {
            command,
            dry_run,
            as_of,
        }) => {
            let catalog = catalog.unwrap_or_default();
            let now = as_of.unwrap_or_else(now);
            remind::run(&paths, config, &catalog, command, dry_run, now, &mut out)
        }
        Some(Command::Doctor { json }) => {
            let catalog = catalog.unwrap_or_default();
            doctor::doctor(&paths, &loaded, &catalog, json, &mut out)
        }
    };
    hooks.tell();
    result
}

/// What every command starts with: the config read, a device id made on another machine
/// replaced and a session left behind recovered (unless the command only reads) and its hook
/// started, and the routines read when the command needs them. Returns the config, the
/// routines, the notes to tell and the hooks; a full screen would hide the notes behind it,
/// so home shows them itself, `run` repeats them once the screen is gone, `config` and
/// `doctor` print their own, and every other command prints them here.
fn prepare(
    paths: &Paths,
    command: &Option<Command>,
) -> (Loaded, Option<Catalog>, Vec<String>, Hooks) {
    let mut loaded = config_file::load(paths);
    let mut hooks = Hooks::new(loaded.config.on_session_end.clone());
    // The device first: a session recovered into the history goes to this machine's own file.
    let (moved, recovered) = if writes_nothing(command) {
        (None, None)
    } else {
        let moved = crate::store::device::replaced_notice(paths);
        (moved, recover_interrupted(paths, &mut hooks))
    };
    let catalog = needs_routines(command).then(|| Catalog::load(paths));
    if let Some(catalog) = &catalog {
        loaded.check_default_routine(catalog.ids());
    }
    let problems = loaded.problems.iter().map(ToString::to_string);
    let notes: Vec<String> = moved.into_iter().chain(recovered).chain(problems).collect();
    if !matches!(
        command,
        None | Some(Command::Run(_) | Command::Config { .. } | Command::Doctor { .. })
    ) {
        for note in &notes {
            eprintln!("bedstretch: {note}");
        }
    }
    (loaded, catalog, notes, hooks)
}

/// `bedstretch routine …`.
fn routine_command(
    paths: &Paths,
    command: RoutineCommand,
    out: &mut impl std::io::Write,
) -> Result<ExitCode> {
    match command {
        RoutineCommand::List => routine::list(paths, out),
        RoutineCommand::Show {
            routine,
            toml: false,
        } => routine::show(paths, &routine, out),
        RoutineCommand::Show {
            routine: id,
            toml: true,
        }
        | RoutineCommand::Export { id } => routine_files::show_toml(paths, &id, out),
        RoutineCommand::New { id, from } => routine_files::new(paths, &id, from.as_deref(), out),
        RoutineCommand::Path { id } => routine_files::path(paths, &id, out),
        RoutineCommand::Edit { id } => routine_edit::edit(paths, &id, out),
        RoutineCommand::Rm { id, yes } => routine_files::rm(paths, &id, yes, out),
        RoutineCommand::Restore { id, list: true } => {
            routine_trash::list(paths, id.as_deref(), out)
        }
        RoutineCommand::Restore { id, list: false } => {
            routine_trash::restore(paths, id.as_deref().unwrap_or_default(), out)
        }
        RoutineCommand::Import { file, as_id, force } => {
            routine_files::import(paths, &file, as_id.as_deref(), force, out)
        }
        RoutineCommand::Validate { files } => routine::validate(&files, out),
    }
}
