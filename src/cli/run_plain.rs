//! `bedstretch run --plain`: whether a session runs plainly (asked, or the terminal cannot
//! show the full screen), and running it so with the same shell as the full screen's, so
//! that records, progress, recovery and unsaved sessions behave exactly alike. The settings
//! and the terminal check that both modes share live here, beneath `run`, which picks one.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::app::session::Recorded;
use crate::app::{App, NewSession, Now, SessionSettings};
use crate::clock::{Clock, SystemClock};
use crate::core::config::Config;
use crate::tui;

use super::store_shell::{StoreShell, print_unsaved};

/// The session settings from the config, the same for the full screen and plain mode.
pub(super) fn settings(config: &Config) -> SessionSettings {
    SessionSettings {
        bell: config.bell,
        min_completion: config.min_completion,
    }
}

/// An error that says how to run without a terminal, when standard output is not one.
pub(super) fn need_terminal() -> Result<()> {
    if !std::io::stdout().is_terminal() {
        bail!(
            "the full screen needs a terminal, and standard output is not one; \
             `bedstretch run --plain` runs a session line by line without one"
        );
    }
    Ok(())
}

/// Why the full screen cannot show in this terminal, if it cannot.
pub(super) fn why_not_full_screen() -> Option<String> {
    let term = std::env::var("TERM").ok();
    tui::plain::why_not_full_screen(term.as_deref(), tui::line_terminal::terminal_size())
}

/// Whether the session runs plainly: when asked, or, with a one-line note, when the
/// terminal cannot show the full screen. Without a terminal and without a reason, the
/// error says how to run without one.
pub(super) fn plain_mode(asked: bool) -> Result<bool> {
    if asked {
        return Ok(true);
    }
    if let Some(why) = why_not_full_screen() {
        let _ = writeln!(
            std::io::stderr(),
            "bedstretch: this terminal cannot show the full screen ({why}); \
             running plainly, line by line"
        );
        return Ok(true);
    }
    need_terminal()?;
    Ok(false)
}

/// A session in plain mode: the problems found at start first (no screen hides them),
/// then a line per moment, and the closing lines on standard output. Any session that could
/// not be added to the history is printed whole after it, as after the full screen.
pub(super) fn run(
    new: NewSession,
    config: &Config,
    mut shell: StoreShell,
    clock: SystemClock,
    problems: &[String],
) -> Result<ExitCode> {
    let mut err = std::io::stderr();
    // Before the first moment: the person learns why they hear the bell with eyes open.
    for problem in problems.iter().cloned().chain(shell.sound.problem()) {
        let _ = writeln!(err, "bedstretch: {problem}");
    }
    // A bell in a pipe or a log is a stray control character, not a sound.
    let settings = SessionSettings {
        bell: config.bell && std::io::stdout().is_terminal(),
        ..settings(config)
    };
    let now = Now {
        moment: clock.moment(),
        wall: clock.wall(),
    };
    let (mut app, start) = App::session(new, settings, now);
    let (mut shell, result) = tui::plain::run(&mut app, start, shell, clock);
    print_unsaved(shell.paths, &shell.unsaved);
    // A speaker or a player that could not start, or stopped working, said once at the end.
    for problem in [shell.voice.problem(), shell.sound.problem()]
        .into_iter()
        .flatten()
    {
        let _ = writeln!(err, "bedstretch: {problem}");
    }
    // After the closing lines, which say the session is saved: the hook may take a while.
    shell.hooks.tell();
    result?;
    let failed = app
        .session
        .as_ref()
        .is_some_and(|s| matches!(s.recorded, Recorded::Failed(_)));
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
