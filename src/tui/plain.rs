//! Plain mode's loop: the same app, keys, clock and shell as the full screen, but a line on
//! standard output for each moment instead of frames, and a countdown line that rewrites
//! itself only where standard output is a terminal. It runs without any terminal (a pipe,
//! `nohup`, CI); with one, the session keys work in cbreak mode.
//!
//! Effects go through [`event_loop::answer`], as the full screen's do, so a plain session
//! is saved, recorded, recovered and spoken exactly like a full-screen one.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};

use anyhow::Result;
use crossterm::event::KeyCode;

use crate::app::plain::{PlainLines, closing, countdown};
use crate::app::session::Action;
use crate::app::{App, Effect, Msg, Now};
use crate::clock::Clock;

use super::cbreak::{self, Cbreak};
use super::event_loop::{self, LONGEST_WAIT, STOPPED_GAP, Shell};
use super::input::{EventSource, Input, SignalEvents, TerminalEvents};
use super::keymap;
use super::line_terminal::LineTerminal;
use super::plain_out::LineOut;
use super::widgets::{MIN_HEIGHT, MIN_WIDTH};

/// Everything plain mode works with.
pub struct PlainIo<W, E, C, S, T> {
    /// Where the lines go.
    pub out: LineOut<W>,
    /// Keys (when there are any) and signals.
    pub events: E,
    /// The time.
    pub clock: C,
    /// The world outside: the same shell as the full screen's.
    pub shell: S,
    /// The terminal, or a stand-in.
    pub terminal: T,
    /// Standard output is a terminal that can clear a line, so the countdown line rewrites
    /// itself there; a pipe, a file or a dumb terminal gets the lines alone, with no `\r` to
    /// spoil a log.
    pub countdown: bool,
    /// Keys can be read; without them, no line asks for one, and a suspended session goes
    /// on by itself when it is continued.
    pub keys: bool,
}

impl<W, E, C, S, T> PlainIo<W, E, C, S, T>
where
    W: Write,
    E: EventSource,
    C: Clock,
    S: Shell,
    T: LineTerminal,
{
    /// Runs the session of `app` until it is over, then prints how it ended. `start` holds
    /// the effects of starting it. Should the output or the input fail, or the program
    /// panic, the session is still recorded (as quit) before the error returns or the panic
    /// goes on, as on the full screen.
    pub fn run(&mut self, app: &mut App, start: Vec<Effect>) -> Result<()> {
        let Some(session) = app.session.as_ref() else {
            return Ok(());
        };
        let mut lines = PlainLines::new(session, self.keys.then(keys_in_words));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.run_until_over(app, &mut lines, start)
        }));
        if app
            .session
            .as_ref()
            .is_some_and(|s| s.session.outcome().is_none())
        {
            self.handle(app, &mut lines, None, Msg::Quit);
        }
        self.rewrite(None);
        if let Some(session) = app.session.as_ref() {
            for line in closing(session) {
                self.out.say(&line);
            }
        }
        result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        self.out.take_error().map_or(Ok(()), |e| Err(e.into()))
    }

    /// [`PlainIo::run`], then gives the shell back, for what it kept.
    pub fn run_to_end(mut self, app: &mut App, start: Vec<Effect>) -> (S, Result<()>) {
        let result = self.run(app, start);
        (self.shell, result)
    }

    fn now(&self) -> Now {
        Now {
            moment: self.clock.moment(),
            wall: self.clock.wall(),
        }
    }

    fn run_until_over(
        &mut self,
        app: &mut App,
        lines: &mut PlainLines,
        start: Vec<Effect>,
    ) -> Result<()> {
        if self.keys {
            self.out.say(&keys_in_words());
        }
        self.print(app, lines, None, &start);
        self.carry_out(app, lines, start);
        loop {
            self.handle(app, lines, None, Msg::Tick);
            if let Some(e) = self.out.take_error() {
                return Err(e.into());
            }
            let Some(session) = app.session.as_ref().filter(|_| !app.exit) else {
                return Ok(());
            };
            let now = self.clock.moment();
            if session.session.outcome().is_some() {
                // A finished session hands its record over at the next wake (the full screen
                // draws its summary first); there is nothing to draw here, so wake at once.
                if app.until_next_change(now) == Some(std::time::Duration::ZERO) {
                    continue;
                }
                return Ok(());
            }
            if self.countdown {
                self.rewrite(countdown(session, now).as_deref());
            }
            let wait = app
                .until_next_change(now)
                .map_or(LONGEST_WAIT, |d| d.min(LONGEST_WAIT));
            let last_seen = self.clock.moment();
            let input = self.events.next(wait)?;
            if self.clock.moment().saturating_sub(last_seen) > wait + STOPPED_GAP {
                // Stopped from outside (SIGSTOP) and continued: that time was not stretching.
                self.handle(app, lines, None, Msg::Continued { last_seen });
                self.go_on_without_keys(app, lines);
            }
            let Some(input) = input else { continue };
            let msg = match input {
                Input::Key(key) => keymap::msg_for(key, app),
                // Plain mode never asks.
                Input::Background(_) => None,
                Input::Resize => {
                    self.out.forget();
                    None
                }
                Input::Quit => Some(Msg::Quit),
                Input::Suspend => Some(Msg::Suspend),
                Input::Continue => {
                    self.terminal.reclaim();
                    Some(Msg::Continued { last_seen })
                }
            };
            let continued = matches!(msg, Some(Msg::Continued { .. }));
            if let Some(msg) = msg {
                let action = match msg {
                    Msg::Session(action) => Some(action),
                    _ => None,
                };
                self.handle(app, lines, action, msg);
            }
            if continued {
                self.go_on_without_keys(app, lines);
            }
        }
    }

    /// Without keys nothing could resume a session paused by a stop, so it goes on as soon
    /// as the process does.
    fn go_on_without_keys(&mut self, app: &mut App, lines: &mut PlainLines) {
        let paused = app.session.as_ref().is_some_and(|s| s.session.is_paused());
        if !self.keys && paused {
            let action = Action::TogglePause;
            self.handle(app, lines, Some(action), Msg::Session(action));
        }
    }

    /// Updates the app with `msg`, prints what it says, and carries out what follows.
    fn handle(&mut self, app: &mut App, lines: &mut PlainLines, action: Option<Action>, msg: Msg) {
        let effects = app.update(msg, self.now());
        self.print(app, lines, action, &effects);
        self.carry_out(app, lines, effects);
    }

    fn print(
        &mut self,
        app: &App,
        lines: &mut PlainLines,
        action: Option<Action>,
        effects: &[Effect],
    ) {
        if let Some(session) = app.session.as_ref() {
            for line in lines.lines(session, action, effects) {
                self.out.say(&line);
            }
        }
    }

    /// Carries out effects in order; the answers go back to the app, whose own effects
    /// join the queue.
    fn carry_out(&mut self, app: &mut App, lines: &mut PlainLines, effects: Vec<Effect>) {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            let reply = match effect {
                Effect::Suspend => {
                    self.rewrite(None);
                    self.terminal.suspend();
                    self.events.resumed();
                    self.terminal.reclaim();
                    self.go_on_without_keys(app, lines);
                    None
                }
                effect => {
                    let now = self.now();
                    event_loop::answer(&mut self.shell, effect, now)
                }
            };
            if let Some(msg) = reply {
                let more = app.update(msg, self.now());
                self.print(app, lines, None, &more);
                queue.extend(more);
            }
        }
    }

    /// Shows the countdown line, or clears it, in the terminal's width less a column, so a
    /// terminal that wraps at its last column never does.
    fn rewrite(&mut self, text: Option<&str>) {
        let room = self
            .terminal
            .width()
            .map_or(usize::MAX, |w| usize::from(w).saturating_sub(1));
        self.out.rewrite(text, room);
    }
}

/// The session keys in words, from the keymap the full screen uses: "Keys: Space pause,
/// → or n skip, …".
pub fn keys_in_words() -> String {
    let keys: Vec<String> = keymap::SESSION
        .iter()
        .map(|binding| {
            let mut names = vec![binding.label.to_string()];
            for key in binding.keys {
                if let KeyCode::Char(c) = key
                    && *c != ' '
                    && c.to_string() != binding.label
                {
                    names.push(c.to_string());
                }
            }
            format!("{} {}", names.join(" or "), binding.hint)
        })
        .collect();
    format!("Keys: {}", keys.join(", "))
}

/// Why this terminal cannot show the full screen, if it cannot: `TERM` is `dumb` or not set,
/// or the terminal is smaller than the screen's minimum.
pub fn why_not_full_screen(term: Option<&str>, size: Option<(u16, u16)>) -> Option<String> {
    if is_dumb(term) {
        return Some(match term {
            Some("dumb") => "TERM=dumb".to_string(),
            _ => "TERM is not set".to_string(),
        });
    }
    let (cols, rows) = size?;
    (cols < MIN_WIDTH || rows < MIN_HEIGHT)
        .then(|| format!("it is {cols}x{rows}, smaller than {MIN_WIDTH}x{MIN_HEIGHT}"))
}

/// True for a terminal that says it can do nothing but print: `TERM` is `dumb` or not set.
fn is_dumb(term: Option<&str>) -> bool {
    matches!(term, None | Some("" | "dumb"))
}

/// Runs the session of `app` in plain mode on the real standard output, with keys when
/// standard input is a terminal, and gives the terminal its settings back whatever
/// happens. Returns the shell, for what it kept, with the result.
pub fn run<S: Shell, C: Clock>(
    app: &mut App,
    start: Vec<Effect>,
    shell: S,
    clock: C,
) -> (S, Result<()>) {
    let keys = io::stdin().is_terminal();
    // A dumb terminal (an editor's shell buffer, say) may not know how to clear a line, so
    // it gets the lines alone, as a pipe does.
    let term = std::env::var("TERM").ok();
    let countdown = io::stdout().is_terminal() && !is_dumb(term.as_deref());
    let cannot = |e: io::Error, what: &str| Err(anyhow::Error::new(e).context(what.to_string()));
    if !keys {
        let events = match SignalEvents::new() {
            Ok(events) => events,
            Err(e) => return (shell, cannot(e, "cannot catch signals")),
        };
        return on_stdout(events, clock, shell, keys, countdown).run_to_end(app, start);
    }
    let events = match TerminalEvents::new() {
        Ok(events) => events,
        Err(e) => return (shell, cannot(e, "cannot catch signals")),
    };
    if let Err(e) = cbreak::enter() {
        return (shell, cannot(e, "cannot set up the terminal"));
    }
    let (shell, result) = on_stdout(events, clock, shell, keys, countdown).run_to_end(app, start);
    cbreak::leave();
    (shell, result)
}

/// Plain mode on the real standard output and terminal, with these events.
fn on_stdout<E, C, S>(
    events: E,
    clock: C,
    shell: S,
    keys: bool,
    countdown: bool,
) -> PlainIo<io::Stdout, E, C, S, Cbreak> {
    PlainIo {
        out: LineOut::new(io::stdout()),
        events,
        clock,
        shell,
        terminal: Cbreak { keys },
        countdown,
        keys,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_screen_gives_way_for_dumb_unset_and_small_terminals() {
        let why = |term, size| why_not_full_screen(term, size);
        assert_eq!(
            why(Some("dumb"), Some((80, 24))).as_deref(),
            Some("TERM=dumb")
        );
        assert_eq!(why(None, None).as_deref(), Some("TERM is not set"));
        assert_eq!(why(Some(""), None).as_deref(), Some("TERM is not set"));
        assert_eq!(
            why(Some("xterm-256color"), Some((29, 24))).as_deref(),
            Some("it is 29x24, smaller than 30x8")
        );
        assert_eq!(
            why(Some("xterm-256color"), Some((30, 7))).as_deref(),
            Some("it is 30x7, smaller than 30x8")
        );
        assert_eq!(why(Some("xterm-256color"), Some((30, 8))), None);
        assert_eq!(
            why(Some("screen"), None),
            None,
            "no terminal: its size is not the reason"
        );
    }

    #[test]
    fn the_keys_are_named_as_the_full_screen_names_them() {
        assert_eq!(
            keys_in_words(),
            "Keys: Space pause, → or n skip, ← or p back, h hurts, q quit, ? help"
        );
    }
}
