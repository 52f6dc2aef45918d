//! The one loop every screen runs through: read the clock, let time pass, draw when something
//! visible changed, wait for the next input or change, map it to a message, carry out the
//! effects and feed their results back. Generic over the backend, the input and the clock, so
//! that a test drives the whole app on `TestBackend` with scripted input and a manual clock.

use std::cell::Cell;
use std::collections::VecDeque;
use std::time::Duration;

use anyhow::Result;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

use crate::app::announce::Announcement;
use crate::app::diary::DiaryEffect;
use crate::app::home::RoutineRow;
use crate::app::{App, EditorSource, Effect, Frame, Msg, NewSession, Now};
use crate::clock::Clock;
use crate::core::background::{Rgb, shade_of};
use crate::core::history::SessionRecord;
use crate::core::stats::Stats;

use super::input::{EventSource, Input};
use super::instructions_box::InstructionsBox;
use super::theme::Theme;
use super::view::AppView;

/// The longest the loop waits without looking at the clock, so that "tonight" rolls over on
/// an idle home screen. Keys, resizes and signals wake it at once, whatever the wait.
pub(crate) const LONGEST_WAIT: Duration = Duration::from_secs(1);

/// A wake this much later than asked means the process was stopped in between.
pub(crate) const STOPPED_GAP: Duration = Duration::from_secs(2);

/// Carries out the effects that touch the world outside the screen.
pub trait Shell {
    /// Ring the bell.
    fn bell(&mut self);
    /// A moment of the session in words: the spoken cues, when they are on.
    fn announce(&mut self, announcement: &Announcement);
    /// Save a session's progress.
    fn save(&mut self, record: &SessionRecord) -> Result<(), String>;
    /// Append a finished session; the stats after it when the history can be read back.
    fn record(&mut self, record: &SessionRecord) -> Result<Option<Stats>, String>;
    /// Forget the session in progress, which ended with nothing done.
    fn discard(&mut self);
    /// Make a session of this routine ready.
    fn start(&mut self, routine: &str, now: Now) -> Result<NewSession, String>;
    /// Start reading the history; its answer comes from [`Shell::poll`].
    fn load_history(&mut self);
    /// A message that arrived from work done in the background, if any.
    fn poll(&mut self) -> Option<Msg>;
    /// Give the terminal back and stop the process; returns once it is continued.
    fn suspend(&mut self);
    /// Set the terminal up again after the process was stopped and continued.
    fn reclaim(&mut self);
    /// The text to edit as routine `id`: routine `from`'s file (the person's own if they
    /// have one, else the bundled one), or a new routine's when `from` is `None`.
    fn routine_source(&mut self, id: &str, from: Option<&str>) -> Result<EditorSource, String>;
    /// Write `text` as the person's routine `id`, replacing the file it had, when that file
    /// still holds `expected` (`None`: no file). Otherwise nothing is replaced, `text` is kept
    /// as the routine's draft, and the answer says so.
    fn save_routine(&mut self, id: &str, text: &str, expected: Option<&str>) -> Result<(), String>;
    /// Keep `text` as the draft of routine `id`.
    fn keep_draft(&mut self, id: &str, text: &str);
    /// Let go of the draft of routine `id`.
    fn forget_draft(&mut self, id: &str);
    /// Read the routines again, and list them as home does.
    fn reload_routines(&mut self) -> Vec<RoutineRow>;
    /// Write the morning question's answer at `now`: a diary line, or the skipped night.
    fn diary(&mut self, effect: &DiaryEffect, now: Now) -> Result<(), String>;
    /// Appends a pause of the nights `from` to `until`, set at `now`.
    fn pause(&mut self, from: NaiveDate, until: NaiveDate, now: Now) -> Result<(), String>;
}

/// Everything the loop works with.
pub struct Io<B: Backend, E, C, S> {
    /// Where frames are drawn.
    pub terminal: Terminal<B>,
    /// Keys, resizes and signals.
    pub events: E,
    /// The time.
    pub clock: C,
    /// The world outside the screen.
    pub shell: S,
    /// The palette.
    pub theme: Theme,
    /// The background the terminal answered with, once it has; the palette follows it.
    pub background: Option<Rgb>,
}

impl<B, E, C, S> Io<B, E, C, S>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: EventSource,
    C: Clock,
    S: Shell,
{
    /// Runs `app` until it exits. `start` holds the effects of making it; they are carried
    /// out right after the first frame, so that the screen never waits on the disk. Should the
    /// terminal fail, or the program panic, a running session is still recorded as quit before
    /// the error returns or the panic goes on: otherwise what was held would wait in
    /// `current.json` for the next start, and come back `interrupted`.
    pub fn run(&mut self, app: &mut App, start: Vec<Effect>) -> Result<()> {
        // The panic hook has given the terminal back already; only the record is left to do.
        // Should the app itself be what panicked, a second panic here leaves current.json for
        // the next start, as before.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.run_until_exit(app, start)
        }));
        if !matches!(result, Ok(Ok(()))) {
            let effects = app.update(Msg::Quit, self.now());
            self.carry_out(app, effects);
        }
        match result {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    fn now(&self) -> Now {
        Now {
            moment: self.clock.moment(),
            wall: self.clock.wall(),
        }
    }

    fn run_until_exit(&mut self, app: &mut App, start: Vec<Effect>) -> Result<()> {
        let mut drawn: Option<Frame> = None;
        let mut start = Some(start);
        // The view's own state: the instructions' text box, while the editor shows them.
        let mut writing = InstructionsBox::default();
        loop {
            while let Some(msg) = self.shell.poll() {
                drawn = None;
                self.handle(app, msg);
            }
            let now = self.now();
            self.handle(app, Msg::Tick);
            if app.exit {
                return Ok(());
            }
            let frame = app.frame(now.moment);
            if drawn != Some(frame) {
                writing.follow(app.editor.as_ref());
                let theme = &self.theme;
                let before = app.home.as_ref().map(|home| home.drawn());
                let room = Cell::new(before.unwrap_or_default());
                self.terminal.draw(|f| {
                    f.render_widget(
                        AppView {
                            app,
                            now: now.moment,
                            theme,
                            room: &room,
                            writing: &writing,
                        },
                        f.area(),
                    );
                })?;
                drawn = Some(frame);
                if before.is_some_and(|before| before != room.get()) {
                    self.handle(app, Msg::Drawn(room.get()));
                }
            }
            if let Some(effects) = start.take() {
                self.carry_out(app, effects);
                continue;
            }
            let wait = app
                .until_next_change(now.moment)
                .map_or(LONGEST_WAIT, |d| d.min(LONGEST_WAIT));
            let last_seen = self.clock.moment();
            let input = self.events.next(wait)?;
            if self.clock.moment().saturating_sub(last_seen) > wait + STOPPED_GAP {
                // Stopped from outside (SIGSTOP) and continued: that time was not stretching.
                drawn = None;
                self.handle(app, Msg::Continued { last_seen });
            }
            let Some(input) = input else { continue };
            drawn = None;
            let msg = match input {
                Input::Key(key) => writing.msg_for(key, app),
                Input::Resize => None,
                Input::Background(rgb) => self.follow_background(rgb),
                Input::Quit => Some(Msg::Quit),
                Input::Suspend => Some(Msg::Suspend),
                Input::Continue => {
                    self.shell.reclaim();
                    self.repaint()?;
                    Some(Msg::Continued { last_seen })
                }
            };
            if let Some(msg) = msg {
                self.handle(app, msg);
            }
            if app.exit {
                // One last frame is not needed: the screen is about to be given back.
                return Ok(());
            }
        }
    }

    /// Takes the palette the terminal's background asks for; the next frame is drawn in it.
    fn follow_background(&mut self, rgb: Rgb) -> Option<Msg> {
        self.background = Some(rgb);
        self.theme = Theme::new(shade_of(rgb));
        None
    }

    /// Updates the app with `msg` and carries out what follows.
    fn handle(&mut self, app: &mut App, msg: Msg) {
        let effects = app.update(msg, self.now());
        self.carry_out(app, effects);
    }

    /// Carries out effects in order; the answers go back to the app, whose own effects join
    /// the queue.
    fn carry_out(&mut self, app: &mut App, effects: Vec<Effect>) {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            let reply = match effect {
                Effect::Suspend => {
                    self.shell.suspend();
                    self.events.resumed();
                    self.shell.reclaim();
                    // The screen may have been used by anything while stopped: draw it all.
                    // A failure shows at the next draw, which returns it.
                    let _ = self.repaint();
                    None
                }
                effect => {
                    let now = self.now();
                    answer(&mut self.shell, effect, now)
                }
            };
            if let Some(msg) = reply {
                queue.extend(app.update(msg, self.now()));
            }
        }
    }

    /// Forgets what the terminal shows, so the next frame is drawn whole. Unlike
    /// `Terminal::clear`, this never asks the terminal where its cursor is, a question some
    /// terminals never answer.
    fn repaint(&mut self) -> Result<()> {
        let size = self.terminal.size()?;
        self.terminal
            .resize(Rect::from((Default::default(), size)))?;
        Ok(())
    }
}

/// Has the shell carry out an effect that needs no screen, and gives the app's message with
/// its answer, if it has one. Every loop (the full screen's and plain mode's) carries out
/// effects through here, so a session does the same to the files whichever shows it. A
/// suspend needs the screen, so each loop does its own; here it is nothing.
pub fn answer<S: Shell>(shell: &mut S, effect: Effect, now: Now) -> Option<Msg> {
    match effect {
        Effect::Bell => {
            shell.bell();
            None
        }
        Effect::Announce(words) => {
            shell.announce(&words);
            None
        }
        Effect::Save(record) => Some(Msg::Saved(shell.save(&record))),
        Effect::Record(record) => Some(Msg::Recorded(shell.record(&record))),
        Effect::Discard => {
            shell.discard();
            None
        }
        Effect::Start(routine) => Some(Msg::Started(shell.start(&routine, now))),
        Effect::LoadHistory => {
            shell.load_history();
            None
        }
        Effect::OpenEditor { id, from } => Some(Msg::EditorOpened(
            shell.routine_source(&id, from.as_deref()),
        )),
        Effect::SaveRoutine { id, text, expected } => Some(Msg::RoutineSaved(shell.save_routine(
            &id,
            &text,
            expected.as_deref(),
        ))),
        Effect::KeepDraft { id, text } => {
            shell.keep_draft(&id, &text);
            None
        }
        Effect::ForgetDraft(id) => {
            shell.forget_draft(&id);
            None
        }
        Effect::ReloadRoutines => Some(Msg::RoutinesLoaded(shell.reload_routines())),
        Effect::Diary(diary) => Some(Msg::DiaryWritten(shell.diary(&diary, now))),
        Effect::Pause { from, until } => Some(Msg::Paused(shell.pause(from, until, now))),
        Effect::Suspend => None,
    }
}
