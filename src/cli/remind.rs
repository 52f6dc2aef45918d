//! `bedstretch remind`: once, now, decide whether tonight needs a reminder and send it as a
//! desktop notification; `remind status` says what the reminder can see. A timer runs the
//! one-shot every few minutes, so it must be quick and quiet when there is nothing to say.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Datelike, FixedOffset};

use crate::app::session::minutes_left;
use crate::core::config::Config;
use crate::core::remind::{Quiet, Sent, Tonight, decide, message};
use crate::core::streaks::Streaks;
use crate::core::text::clean_line;
use crate::store::paths::Paths;
use crate::store::routines::Catalog;
use crate::store::{history_read, progress, remind_sent};

use super::desktop;
use super::stats::warn_all;

/// What `bedstretch remind` does besides reminding.
#[derive(Debug, Clone, PartialEq, Eq, clap::Subcommand)]
pub enum RemindCommand {
    /// Have the system run `bedstretch remind` every 5 minutes (systemd, launchd or cron).
    Install,
    /// Remove what `remind install` set up.
    Uninstall,
    /// What is installed, when it looks next, the last notification sent, and whether a
    /// notification service answers.
    Status,
}

/// `bedstretch remind` and its subcommands; `now` is the command's own `--as-of` or the clock.
pub fn run(
    paths: &Paths,
    config: &Config,
    catalog: &Catalog,
    command: Option<RemindCommand>,
    dry_run: bool,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    match command {
        None => remind(paths, config, catalog, now, dry_run, out),
        Some(RemindCommand::Status) => status(paths, config, out),
        Some(RemindCommand::Install) => super::remind_install::install(paths, out),
        Some(RemindCommand::Uninstall) => super::remind_install::uninstall(paths, out),
    }
}

/// `bedstretch remind`: a notification when one is due, else nothing; with `dry_run`, a line
/// that says what it would send or why it stays quiet, and nothing sent or written.
pub fn remind(
    paths: &Paths,
    config: &Config,
    catalog: &Catalog,
    now: DateTime<FixedOffset>,
    dry_run: bool,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let tonight = tonight(paths, config, now)?;
    let last = remind_sent::read(paths);
    let due = decide(
        &tonight,
        config.remind_at,
        config.remind_again_secs,
        config.day_starts_at,
        now,
        last.as_ref(),
    );
    let line = match due {
        Err(quiet) => return quietly(&quiet, dry_run, out),
        Ok(()) => words(config, catalog, tonight.streak)?,
    };
    let (title, body) = (clean_line(&line.0), clean_line(&line.1));
    if dry_run {
        writeln!(out, "would send: {title} · {body}").context("cannot write to standard output")?;
        return Ok(ExitCode::SUCCESS);
    }
    // Tonight's earlier notification is replaced, one of another night is left alone.
    let replaces = last
        .filter(|sent| sent.night == tonight.night)
        .map(|sent| sent.id);
    let id = desktop::notify(&title, &body, replaces)?;
    let sent = Sent {
        night: tonight.night,
        at: now,
        id,
    };
    // It was shown; not remembering it costs at worst a second one beside it later.
    if let Err(e) = remind_sent::write(paths, &sent) {
        eprintln!("bedstretch: {}", clean_line(&format!("{e:#}")));
    }
    Ok(ExitCode::SUCCESS)
}

/// Nothing to send: silent, or the reason after "quiet: " in a dry run.
fn quietly(quiet: &Quiet, dry_run: bool, out: &mut impl Write) -> Result<ExitCode> {
    if dry_run {
        writeln!(out, "quiet: {}", quiet.words()).context("cannot write to standard output")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Tonight from the streak summary, as cheaply as `bedstretch status` reads it. A history
/// that cannot be read is an error: a reminder for a night that may be kept is worse than
/// none.
fn tonight(paths: &Paths, config: &Config, now: DateTime<FixedOffset>) -> Result<Tonight> {
    let counting = history_read::read_counting(paths, now)?;
    warn_all(&counting.warnings);
    let rules = config.rules().paused_by(&counting.pauses);
    let streaks = Streaks::as_of(counting.sessions, &rules, now);
    Ok(Tonight {
        night: streaks.tonight,
        kept: streaks.tonight_kept,
        rest_day: rules.rest_days.contains(&streaks.tonight.weekday()),
        paused: rules.paused.contains(streaks.tonight),
        streak: streaks.current_streak,
        in_session: progress::running(paths),
    })
}

/// The title and body, with the default routine's name and its minutes as home shows them.
fn words(config: &Config, catalog: &Catalog, streak: u32) -> Result<(String, String)> {
    let (routine, _) = catalog
        .get(&config.default_routine)
        .or_else(|| catalog.routines.first())
        .ok_or_else(|| anyhow!("no routine to remind of: every routine has problems"))?;
    let minutes = minutes_left(std::time::Duration::from_secs(routine.total_secs()));
    Ok(message(&routine.name, minutes, streak))
}

/// `bedstretch remind status`: one line for each thing the reminder depends on, in order.
/// Exits 0 when a notification service answers, 1 when none does.
pub fn status(paths: &Paths, config: &Config, out: &mut impl Write) -> Result<ExitCode> {
    let service = desktop::server_information();
    let lines = [
        service_line(&service),
        settings_line(config),
        last_sent_line(remind_sent::read(paths).as_ref()),
    ]
    .into_iter()
    .chain(super::remind_install::installed(paths));
    for line in lines {
        writeln!(out, "{}", clean_line(&line)).context("cannot write to standard output")?;
    }
    Ok(if service.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn service_line(service: &Result<String>) -> String {
    match service {
        Ok(server) => format!("notifications: {server}"),
        Err(e) => format!("notifications: {e:#}"),
    }
}

fn settings_line(config: &Config) -> String {
    let Some(at) = config.remind_at else {
        return format!("reminder: {}", Quiet::Off.words());
    };
    let again = match config.remind_again_secs {
        0 => "once a night".to_string(),
        secs => format!("again every {} min until the night is kept", secs / 60),
    };
    format!(
        "reminder: from {} on a night not kept, {again}",
        at.format("%H:%M")
    )
}

fn last_sent_line(last: Option<&Sent>) -> String {
    match last {
        Some(sent) => format!(
            "last sent: {} (for the night of {}, notification {})",
            sent.at.format("%Y-%m-%d %H:%M %:z"),
            sent.night,
            sent.id
        ),
        None => "last sent: none on this device".to_string(),
    }
}
