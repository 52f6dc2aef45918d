//! The terminal shell: the only code that knows ratatui and crossterm. It runs the session
//! screen, carries out the app's effects and gives the terminal back on every exit path.

pub mod compact_backend;
pub mod home_view;
pub mod keymap;
pub mod overlays;
pub mod session_view;
pub mod summary_view;
pub mod theme;

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;
use crossterm::event::{self, Event};
use filedescriptor::{POLLIN, pollfd};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::app::{Action, AppEffect, SessionApp};
use crate::clock::Clock;
use crate::core::history::SessionRecord;
use crate::core::session::{Moment, Phase};

use self::session_view::SessionView;
use self::theme::Theme;

/// Where input comes from: the real terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or `None` when `timeout` passes first.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// Events from the real terminal.
pub struct TerminalEvents {
    /// The terminal, waited on directly; see [`EventSource::next`] below for why.
    tty: Option<File>,
}

impl TerminalEvents {
    /// Opens the controlling terminal for waiting on input.
    pub fn new() -> Self {
        Self {
            tty: File::open("/dev/tty").ok(),
        }
    }
}

impl Default for TerminalEvents {
    fn default() -> Self {
        Self::new()
    }
}

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        // crossterm waits in whole milliseconds and spins through the remainder of its
        // timeout, which made an idle countdown cost ten times the CPU it should. So the wait
        // is one poll here, rounded up to the millisecond, and crossterm is asked only once
        // input is there. A resize still arrives, at the next wake.
        let timeout = Duration::from_millis(timeout.as_millis() as u64 + 1);
        let ready = match &self.tty {
            Some(tty) => {
                let mut fds = [pollfd {
                    fd: tty.as_raw_fd(),
                    events: POLLIN,
                    revents: 0,
                }];
                filedescriptor::poll(&mut fds, Some(timeout)).map_or(true, |n| n > 0)
            }
            None => true,
        };
        let wait = if self.tty.is_some() {
            Duration::from_millis(1)
        } else {
            timeout
        };
        let event = if ready && event::poll(wait)? {
            Some(event::read()?)
        } else {
            None
        };
        // A terminal that went away (a closed ssh connection, a killed tmux) polls as ready
        // and then reads as endless end-of-file rather than an error; asking its size is
        // what fails, so ask whenever the poll woke us.
        if ready && event.is_none() {
            crossterm::terminal::size()
                .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the terminal went away"))?;
        }
        Ok(event)
    }
}

/// Carries out the effects that touch the world outside the screen.
pub trait Shell {
    /// Ring the bell.
    fn bell(&mut self);
    /// Save progress; an error is shown on the status line and the session goes on.
    fn save(&mut self, record: &SessionRecord) -> Result<()>;
    /// Append the finished session; returns where it went.
    fn record(&mut self, record: &SessionRecord) -> Result<String>;
}

/// The longest the loop sleeps without looking at signals.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// Runs the session screen until it closes. Generic over the backend, the input and the
/// clock, so that a test can drive the whole screen with scripted keys and a manual clock.
/// `start` holds the effects of starting the session; they are carried out right after the
/// first frame, so that the screen never waits on the disk.
#[allow(clippy::too_many_arguments)]
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut SessionApp,
    start: Vec<AppEffect>,
    events: &mut impl EventSource,
    clock: &impl Clock,
    shell: &mut impl Shell,
    stop: &AtomicBool,
    theme: &Theme,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut drawn = None;
    let mut start = Some(start);
    loop {
        let now = clock.moment();
        let frame = frame_key(app, now);
        if drawn != Some(frame) {
            // Anything not in the frame key (overlay, status, pause) changes only on an event,
            // and an event always clears `drawn`.
            terminal.draw(|f| f.render_widget(SessionView { app, now, theme }, f.area()))?;
            drawn = Some(frame);
        }
        if let Some(effects) = start.take() {
            carry_out(app, effects, clock, shell);
        }
        if app.exit {
            return Ok(());
        }
        let wait = app
            .session
            .until_next_change(now)
            .map_or(SIGNAL_CHECK, |d| d.min(SIGNAL_CHECK));
        let event = events.next(wait)?;
        if event.is_some() {
            drawn = None;
        }
        let action = match event {
            Some(Event::Key(key)) => {
                keymap::action_for(key, app.overlay, app.session.outcome().is_some())
            }
            _ => None,
        };
        let action = if stop.load(Ordering::Relaxed) {
            Some(Action::Interrupt)
        } else {
            action
        };
        let now = clock.moment();
        let effects = app.update(action, now);
        carry_out(app, effects, clock, shell);
    }
}

/// Everything the screen shows that can change by itself; a redraw happens only when it does.
fn frame_key(app: &SessionApp, now: Moment) -> (Phase, u64, Option<(u32, u32)>, bool, u64) {
    let session = &app.session;
    let minutes_left = session_view::minutes_left(session.session_remaining(now).as_secs());
    (
        session.phase(),
        session.shown_secs(now),
        session.rep(now),
        app.exit,
        minutes_left,
    )
}

/// Carries out the app's effects; a failed save is shown, never fatal.
pub fn carry_out(
    app: &mut SessionApp,
    effects: Vec<AppEffect>,
    clock: &impl Clock,
    shell: &mut impl Shell,
) {
    for effect in effects {
        match effect {
            AppEffect::Bell => shell.bell(),
            AppEffect::SaveProgress => {
                let record = app.session.record(clock.wall());
                app.status = shell
                    .save(&record)
                    .err()
                    .map(|e| format!("Progress not saved: {e:#}"));
            }
            AppEffect::Record => {
                let record = app.session.record(clock.wall());
                app.recorded = Some(shell.record(&record).map_err(|e| format!("{e:#}")));
                app.status = None;
            }
            AppEffect::Exit => {}
        }
    }
}

/// Registers SIGTERM, SIGHUP and SIGINT to set `stop`, so that each ends the session
/// through the normal path: recorded as quit, terminal restored.
pub fn stop_on_signals() -> Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// The terminal the session draws on.
pub type SessionTerminal = Terminal<compact_backend::CompactBackend<CrosstermBackend<io::Stdout>>>;

/// Raw mode, the alternate screen, and a panic hook that gives the terminal back before the
/// panic message is printed. Undone by [`restore`].
pub fn init() -> io::Result<SessionTerminal> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    let backend = compact_backend::CompactBackend::new(CrosstermBackend::new(io::stdout()))?;
    Terminal::new(backend)
}

/// Leaves the alternate screen, shows the cursor and ends raw mode; safe to call twice.
pub fn restore() {
    // Never panics: the terminal may already be gone, and then there is nothing to restore.
    let _ = ratatui::try_restore();
    // ratatui's restore leaves the cursor to the terminal's drop, which a panic may skip.
    let _ = crossterm::execute!(io::stdout(), crossterm::cursor::Show);
}

/// Rings the terminal bell on standard output.
pub fn ring_bell() {
    let mut out = io::stdout();
    // A bell that cannot be rung is not worth stopping a session for.
    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
}
