//! `bedstretch run` and the home screen: the guided session in the terminal.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use crossterm::event::Event;

use crate::app::{Action, SessionApp, Summary};
use crate::clock::{Clock, SystemClock};
use crate::core::duration::format_secs;
use crate::core::history::{SessionRecord, session_id};
use crate::core::routine::Routine;
use crate::core::session::Session;
use crate::core::stats::{Stats, nights};
use crate::home::{HistoryState, HomeApp, HomeEffect, RoutineRow};
use crate::store::atomic::random_u64;
use crate::store::config::Config;
use crate::store::paths::Paths;
use crate::store::routines::{Catalog, Origin};
use crate::store::{history, history_read, progress};
use crate::tui::home_view::HomeView;
use crate::tui::{self, EventSource, SessionTerminal, Shell, TerminalEvents, keymap, theme::Theme};

use super::routine::resolve;

/// Carries out a session's effects against the real files and terminal.
struct StoreShell<'a> {
    paths: &'a Paths,
    config: &'a Config,
}

impl Shell for StoreShell<'_> {
    fn bell(&mut self) {
        tui::ring_bell();
    }

    fn save(&mut self, record: &SessionRecord) -> Result<()> {
        progress::save(self.paths, record)
    }

    fn record(&mut self, record: &SessionRecord) -> Result<String> {
        // Made (once per machine) only when first needed, so starting never waits for it.
        let device = history::device_id(self.paths)?;
        progress::finish(self.paths, &device, record)?;
        // The streak after this session, for the summary; the session is saved either way.
        let Ok(history) = history_read::read_facts(self.paths) else {
            return Ok("Saved to your history.".to_string());
        };
        let stats = Stats::compute(&history.sessions, &self.config.rules(), record.ended_at);
        let nights = nights(stats.current_streak);
        let tonight = if stats.tonight_kept {
            "tonight kept"
        } else {
            "tonight not kept yet"
        };
        Ok(format!("Saved. Streak: {nights}, {tonight}."))
    }
}

fn theme() -> Theme {
    Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
}

fn need_terminal() -> Result<()> {
    if !std::io::stdout().is_terminal() {
        bail!("the guided session needs a terminal, and standard output is not one");
    }
    Ok(())
}

/// Sets up the terminal, runs `body` in it, and gives the terminal back whatever happens.
fn in_terminal<T>(body: impl FnOnce(&mut SessionTerminal) -> Result<T>) -> Result<T> {
    let mut terminal = match tui::init() {
        Ok(terminal) => terminal,
        Err(e) => {
            tui::restore();
            return Err(e).context("cannot set up the terminal");
        }
    };
    let result = body(&mut terminal);
    tui::restore();
    result
}

/// `bedstretch run`: a session of the named routine, or of the default one, at once.
pub fn run(paths: &Paths, config: &Config, routine: Option<&str>) -> Result<ExitCode> {
    let (routine, _) = resolve(paths, routine.unwrap_or(&config.default_routine))?;
    need_terminal()?;
    let stop = tui::stop_on_signals()?;
    let record = in_terminal(|terminal| session(terminal, paths, config, routine, &stop))?;
    // Say what happened on the ordinary screen too, where it stays after the program ends.
    let summary = Summary::of(&record);
    // The terminal may be gone (that is one way a session ends); a lost line is no matter.
    let _ = writeln!(
        std::io::stderr(),
        "bedstretch: saved {}: {} of {} held to the end, {} stretching.",
        record.routine_name,
        summary.completed,
        summary.planned,
        format_secs(summary.held_secs)
    );
    Ok(ExitCode::SUCCESS)
}

/// One session in a terminal that is already set up; returns what was recorded.
fn session(
    terminal: &mut SessionTerminal,
    paths: &Paths,
    config: &Config,
    routine: Routine,
    stop: &AtomicBool,
) -> Result<SessionRecord> {
    let _lock = progress::try_lock(paths)?
        .ok_or_else(|| anyhow!("another bedstretch session is running; finish it first"))?;
    let clock = SystemClock::new();
    let id = session_id(clock.wall_precise(), random_u64() as u16);
    let (session, start_effects) = Session::start(routine, id, clock.wall(), clock.moment());
    let (mut app, effects) = SessionApp::new(session, config.bell, start_effects);
    let mut shell = StoreShell { paths, config };
    let result = tui::run_loop(
        terminal,
        &mut app,
        effects,
        &mut TerminalEvents::new(),
        &clock,
        &mut shell,
        stop,
        &theme(),
    );
    // If the loop failed (the terminal went away, say), record what was done now rather
    // than leave it to the next start's recovery.
    if app.session.outcome().is_none() {
        let effects = app.update(Some(Action::Interrupt), clock.moment());
        tui::carry_out(&mut app, effects, &clock, &mut shell);
    }
    result?;
    match app.recorded {
        Some(Err(problem)) => {
            bail!(
                "the session could not be saved ({problem}); it will be recovered at the next start"
            )
        }
        _ => Ok(app.session.record(clock.wall())),
    }
}

/// The routines as home lists them.
fn routine_rows(catalog: &Catalog) -> Vec<RoutineRow> {
    catalog
        .routines
        .iter()
        .map(|(routine, origin)| RoutineRow {
            id: routine.id.clone(),
            name: routine.name.clone(),
            total_secs: routine.total_secs(),
            mark: match origin {
                Origin::Bundled => "",
                _ => "yours",
            },
        })
        .collect()
}

/// Reads the history on another thread, so the first frame need not wait for it.
fn load_history(paths: &Paths) -> mpsc::Receiver<(HistoryState, Vec<String>)> {
    let (send, receive) = mpsc::channel();
    let paths = paths.clone();
    std::thread::spawn(move || {
        let loaded = match history_read::read_facts(&paths) {
            Ok(history) => (HistoryState::Loaded(history.sessions), history.warnings),
            Err(e) => (HistoryState::Failed(format!("{e:#}")), Vec::new()),
        };
        // The receiver is gone only when home has already closed.
        let _ = send.send(loaded);
    });
    receive
}

/// `bedstretch` with no arguments: the home screen.
pub fn home(paths: &Paths, config: &Config) -> Result<ExitCode> {
    need_terminal()?;
    let stop = tui::stop_on_signals()?;
    let clock = SystemClock::new();
    let catalog = Catalog::load(paths);
    let mut app = HomeApp::new(
        routine_rows(&catalog),
        &config.default_routine,
        config.rules(),
    );
    if let Some(broken) = catalog.broken.first() {
        // A file's problems may run to many lines; the status line shows the first.
        let first = broken
            .error
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        app.status = Some(format!("{first} (see `bedstretch routine list`)"));
    }
    let theme = theme();
    in_terminal(|terminal| {
        let mut history = load_history(paths);
        let mut events = TerminalEvents::new();
        let mut dirty = true;
        loop {
            if let Ok((state, warnings)) = history.try_recv() {
                app.set_history(state, clock.wall_precise());
                if !warnings.is_empty() {
                    app.status = Some(
                        "Some history lines could not be read and were skipped; \
                         `bedstretch stats` names them."
                            .to_string(),
                    );
                }
                dirty = true;
            }
            let before = app.stats.as_ref().map(|s| s.tonight);
            app.tick(clock.wall_precise());
            if dirty || before != app.stats.as_ref().map(|s| s.tonight) {
                terminal.draw(|f| {
                    f.render_widget(
                        HomeView {
                            app: &app,
                            theme: &theme,
                        },
                        f.area(),
                    )
                })?;
                dirty = false;
            }
            if stop.load(Ordering::Relaxed) {
                return Ok(ExitCode::SUCCESS);
            }
            // Wake often enough to see signals and the rollover, and at once when the history
            // being read in the background arrives.
            let wait = if app.history == HistoryState::Loading {
                5
            } else {
                250
            };
            let event = events.next(Duration::from_millis(wait))?;
            let Some(event) = event else { continue };
            dirty = true;
            let Event::Key(key) = event else { continue };
            let Some(action) = keymap::home_action_for(key, app.view) else {
                continue;
            };
            match app.update(action) {
                Some(HomeEffect::Exit) => return Ok(ExitCode::SUCCESS),
                Some(HomeEffect::Start(id)) => {
                    let routine = catalog.get(&id).map(|(r, _)| r.clone());
                    if let Some(routine) = routine {
                        if let Err(e) = session(terminal, paths, config, routine, &stop) {
                            app.status = Some(format!("{e:#}"));
                        }
                        terminal.clear()?;
                        history = load_history(paths);
                        app.history = HistoryState::Loading;
                    }
                    if stop.load(Ordering::Relaxed) {
                        return Ok(ExitCode::SUCCESS);
                    }
                }
                None => {}
            }
        }
    })
}
