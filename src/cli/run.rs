//! `bedstretch run` and the home screen: the screens in the terminal, run through
//! [`StoreShell`].

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap_complete::engine::ArgValueCandidates;

use crate::app::home::HomeApp;
use crate::app::session::{Recorded, SessionApp};
use crate::app::{App, Effect, NewSession, Now};
use crate::clock::{Clock, SystemClock};
use crate::core::config::Config;
use crate::core::duration::format_secs;
use crate::core::history::session_id;
use crate::hook::Hooks;
use crate::store::atomic::random_u64;
use crate::store::paths::Paths;
use crate::store::routines::Catalog;
use crate::tui;
use crate::tui::event_loop::Io;
use crate::tui::input::TerminalEvents;

use super::completions;
use super::routine::resolve;
use super::run_plain::{self, need_terminal, settings};
use super::screen_theme::{LAST_CALL, ScreenTheme};
use super::store_shell::{StoreShell, lock, print_unsaved, routine_rows, sounds};

/// Sets up the terminal, runs `app` in it, and gives the terminal back whatever happens;
/// then prints, whole, any finished session that could not be added to the history, and what
/// home could not tell. Gives back the hooks still running, to be waited for last.
fn run_app(
    app: &mut App,
    start: Vec<Effect>,
    shell: StoreShell,
    config: &Config,
    clock: SystemClock,
) -> Result<Hooks> {
    let screen_theme = ScreenTheme::first(config, true, clock.wall().date_naive());
    let mut events = TerminalEvents::new().context("cannot catch signals")?;
    let terminal = match tui::init() {
        Ok(terminal) => terminal,
        Err(e) => {
            tui::restore();
            return Err(e).context("cannot set up the terminal");
        }
    };
    // Asked before the first frame and never waited for; a terminal that cannot take the
    // question simply gets none of its answer.
    let asked_at = clock.moment();
    if screen_theme.ask {
        let _ = events.ask_background();
    }
    let mut io = Io {
        terminal,
        events,
        clock,
        shell,
        theme: screen_theme.theme(),
        background: None,
    };
    let result = io.run(app, start);
    // Still in raw mode, so that an answer on its way is read here, not by the shell.
    if let Ok(Some(rgb)) = io.events.last_answer(&io.clock, asked_at + LAST_CALL) {
        io.background = Some(rgb);
    }
    tui::restore();
    let asked_for = io.clock.moment().saturating_sub(asked_at);
    screen_theme.remember(io.background, asked_for);
    print_unsaved(io.shell.paths, &io.shell.unsaved);
    // Under the full screen it would have been hidden; home has shown a missing speaker
    // already, so this is one that `run` found missing or that stopped working.
    let mut err = std::io::stderr();
    let said = [io.shell.voice.problem(), io.shell.sound.problem()];
    for problem in said.into_iter().flatten() {
        let _ = writeln!(err, "bedstretch: {problem}");
    }
    for line in app.untold.drain(..) {
        let _ = writeln!(err, "bedstretch: {line}");
    }
    let hooks = std::mem::take(&mut io.shell.hooks);
    result.map(|()| hooks)
}

/// What `bedstretch run` takes.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// A routine id (see `routine list`) or the path of a .toml file.
    #[arg(add = ArgValueCandidates::new(completions::routine_ids))]
    pub routine: Option<String>,
    /// Speak the cues (the step and side, the foot to switch to, the rest and the step
    /// after it, the reps or the last three seconds, a pause, whether tonight is kept),
    /// even when the config's voice is false.
    #[arg(long)]
    pub voice: bool,
    /// Play the soft bundled sounds at each moment (a hold starts, switch sides, rest, the
    /// last three seconds, the end) in place of the bell, even when the config's sound is
    /// false or the session runs over ssh; without a player, says so every time.
    #[arg(long, conflicts_with = "no_sound")]
    pub sound: bool,
    /// No sounds this time: the terminal bell, if on, marks the moments.
    #[arg(long)]
    pub no_sound: bool,
    /// No full screen: one line per moment, for screen readers, logs and simple terminals.
    ///
    /// Each moment is one line, such as "Switch to your right foot" or "Rest 10 seconds.
    /// Next: Toe flexes", and the last line says what was held and whether tonight is
    /// kept. In a terminal, a countdown line under them rewrites itself and the session
    /// keys work; in a pipe or a file there are only the lines. Needs no terminal at all
    /// (a pipe, nohup, a script); what you do is recorded exactly as in the full screen.
    /// Chosen by itself, with a note, when TERM is dumb or not set or the terminal is
    /// smaller than 30x8.
    #[arg(long)]
    pub plain: bool,
}

/// `bedstretch run`: a session of the named routine, or of the default one, at once. It takes
/// over `hooks`, which may already be running (for a session recovered at start).
pub fn run(
    paths: &Paths,
    config: &Config,
    args: &RunArgs,
    problems: &[String],
    hooks: &mut Hooks,
) -> Result<ExitCode> {
    // `--voice` turns the voice on; the config's voice_command still chooses the speaker.
    let config = &Config {
        voice: config.voice || args.voice,
        ..config.clone()
    };
    // Neither flag: the config decides, and over ssh the bell stands in.
    let sound = (args.sound || args.no_sound).then_some(args.sound);
    let (routine, plain) = (args.routine.as_deref(), args.plain);
    let (routine, _) = resolve(paths, routine.unwrap_or(&config.default_routine))?;
    let plain = run_plain::plain_mode(plain)?;
    let session_lock = lock(paths)?;
    let clock = SystemClock::new();
    let now = Now {
        moment: clock.moment(),
        wall: clock.wall(),
    };
    let new = NewSession {
        routine,
        id: session_id(clock.wall(), random_u64() as u16),
    };
    let mut shell = StoreShell::new(paths, config);
    shell.sound = sounds(config, sound);
    shell.lock = session_lock;
    shell.hooks = std::mem::take(hooks);
    if plain {
        return run_plain::run(new, config, shell, clock, problems);
    }
    let (mut app, start) = App::session(new, settings(config), now);
    if let Some(session) = app.session.as_mut() {
        session.unspoken = shell.voice.problem();
    }
    let mut hooks = run_app(&mut app, start, shell, config, clock)?;
    // Said on the ordinary screen too, where it stays after the program ends; the problems
    // found at start as well, which the alternate screen had hidden.
    let mut err = std::io::stderr();
    for problem in problems {
        let _ = writeln!(err, "bedstretch: {problem}");
    }
    let code = match app.session.as_ref() {
        Some(session) => report(session),
        None => Ok(ExitCode::SUCCESS),
    };
    // After the line that says the session is saved: the wait for a hook may take a while.
    hooks.tell();
    code
}

/// One line on standard error for what the session left in the history.
fn report(session: &SessionApp) -> Result<ExitCode> {
    let summary = session.summary();
    let name = &session.session.routine().name;
    let line = match &session.recorded {
        Recorded::Nothing => {
            format!("{name}: stopped before the first stretch; nothing was recorded.")
        }
        // What happened, and how to add it, was printed just before.
        Recorded::Failed(_) => return Ok(ExitCode::FAILURE),
        Recorded::Saved(_) | Recorded::Pending => format!(
            "saved {name}: {} of {} held to the end, {} stretching.",
            summary.completed,
            summary.planned,
            format_secs(summary.held_secs)
        ),
    };
    // The terminal may be gone (that is one way a session ends); a lost line is no matter.
    let _ = writeln!(std::io::stderr(), "bedstretch: {line}");
    Ok(ExitCode::SUCCESS)
}

/// `bedstretch` with no arguments: the home screen. It takes over `hooks`, which may already
/// be running (for a session recovered at start); a failure shows on home's status line.
pub fn home(
    paths: &Paths,
    config: &Config,
    problems: Vec<String>,
    catalog: Catalog,
    hooks: &mut Hooks,
) -> Result<ExitCode> {
    if let Some(why) = run_plain::why_not_full_screen() {
        // Starting a session nobody asked for would surprise more than a line that says
        // how to start one.
        bail!(
            "this terminal cannot show the home screen ({why}); \
             `bedstretch run --plain` runs tonight's routine line by line"
        );
    }
    need_terminal()?;
    let clock = SystemClock::new();
    let mut home = HomeApp::new(
        routine_rows(&catalog),
        &config.default_routine,
        config.rules(),
    )
    .with_morning_ends_at(config.morning_ends_at);
    let mut shell = StoreShell::new(paths, config);
    shell.sound = sounds(config, None);
    shell.hooks = std::mem::take(hooks);
    home.problems = problems;
    // On home's screen, before any session: the person learns it with eyes open.
    home.problems.extend(shell.voice.problem());
    home.problems.extend(shell.sound.problem());
    home.problems.extend(catalog.warnings.iter().cloned());
    home.problems
        .extend(catalog.broken.iter().map(|b| b.error.to_string()));
    let (mut app, start) = App::home(home, settings(config));
    shell.catalog = Some(catalog);
    run_app(&mut app, start, shell, config, clock)?.tell();
    Ok(ExitCode::SUCCESS)
}
