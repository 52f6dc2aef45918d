//! `bedstretch run`: the guided session in the terminal.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};

use crate::app::{Action, SessionApp, Summary};
use crate::clock::{Clock, SystemClock};
use crate::core::duration::format_secs;
use crate::core::history::{SessionRecord, session_id};
use crate::core::session::Session;
use crate::store::atomic::random_u64;
use crate::store::config::Config;
use crate::store::paths::Paths;
use crate::store::{history, progress};
use crate::tui::{self, Shell, TerminalEvents, theme::Theme};

use super::routine::resolve;

/// Carries out effects against the real files and terminal.
struct StoreShell<'a> {
    paths: &'a Paths,
    device: String,
}

impl Shell for StoreShell<'_> {
    fn bell(&mut self) {
        tui::ring_bell();
    }

    fn save(&mut self, record: &SessionRecord) -> Result<()> {
        progress::save(self.paths, record)
    }

    fn record(&mut self, record: &SessionRecord) -> Result<String> {
        progress::finish(self.paths, &self.device, record).map(|path| path.display().to_string())
    }
}

/// Runs a session of the named routine, or of the default one.
pub fn run(paths: &Paths, config: &Config, routine: Option<&str>) -> Result<ExitCode> {
    let (routine, _) = resolve(paths, routine.unwrap_or(&config.default_routine))?;
    if !std::io::stdout().is_terminal() {
        bail!("the guided session needs a terminal, and standard output is not one");
    }
    let _lock = progress::try_lock(paths)?
        .ok_or_else(|| anyhow!("another bedstretch session is running; finish it first"))?;
    let device = history::device_id(paths)?;
    let clock = SystemClock::new();
    let id = session_id(clock.wall_precise(), random_u64() as u16);
    let (session, start_effects) = Session::start(routine, id, clock.wall(), clock.moment());
    let (mut app, effects) = SessionApp::new(session, config.bell, start_effects);
    let mut shell = StoreShell { paths, device };
    tui::carry_out(&mut app, effects, &clock, &mut shell);
    let stop = tui::stop_on_signals()?;
    let theme = Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));

    let mut terminal = match tui::init() {
        Ok(terminal) => terminal,
        Err(e) => {
            tui::restore();
            return Err(e).context("cannot set up the terminal");
        }
    };
    let result = tui::run_loop(
        &mut terminal,
        &mut app,
        &mut TerminalEvents,
        &clock,
        &mut shell,
        &stop,
        &theme,
    );
    tui::restore();
    // If the loop failed (the terminal went away, say), record what was done now rather
    // than leave it to the next start's recovery.
    if app.session.outcome().is_none() {
        let effects = app.update(Some(Action::Interrupt), clock.moment());
        tui::carry_out(&mut app, effects, &clock, &mut shell);
    }
    result?;

    // Say what happened on the ordinary screen too, where it stays after the program ends.
    let record = app.session.record(clock.wall());
    let summary = Summary::of(&record);
    match &app.recorded {
        Some(Ok(_)) => eprintln!(
            "bedstretch: saved {}: {} of {} held to the end, {} stretching.",
            record.routine_name,
            summary.completed,
            summary.planned,
            format_secs(summary.held_secs)
        ),
        Some(Err(problem)) => {
            bail!(
                "the session could not be saved ({problem}); it will be recovered at the next start"
            )
        }
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}
