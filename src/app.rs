//! The session screen's model: the session plus what the person sees around it (the quit
//! question, the help, the summary). Keys arrive already mapped to actions; `update` returns
//! effects for the shell to carry out, so all of this runs in tests without a terminal.

use crate::core::history::{Outcome, SessionRecord, Status};
use crate::core::session::{Command, Cue, Effect, Moment, Session};

/// What a key (or a signal) asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Pause or resume.
    TogglePause,
    /// Skip the step-side or pause.
    Skip,
    /// Restart, or go back one.
    Back,
    /// This hurts: stop the step.
    Hurt,
    /// Ask to quit.
    Quit,
    /// Show the keys.
    Help,
    /// Yes to the question shown (or close the summary).
    Yes,
    /// No to the question shown, or close the help.
    No,
    /// Quit at once, recording what was done: Ctrl-C, SIGTERM, SIGHUP.
    Interrupt,
}

/// What covers the session screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing.
    None,
    /// "Quit? What you did is saved."
    ConfirmQuit,
    /// The list of keys.
    Help,
}

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppEffect {
    /// Ring the terminal bell.
    Bell,
    /// Save the session's progress.
    SaveProgress,
    /// Append the finished session to the history.
    Record,
    /// Leave the screen.
    Exit,
}

/// The session screen's whole state.
#[derive(Debug)]
pub struct SessionApp {
    /// The session being run.
    pub session: Session,
    /// What covers it, if anything.
    pub overlay: Overlay,
    /// A problem to show on the status line, such as a failed save.
    pub status: Option<String>,
    /// Where the finished session was recorded, once it was.
    pub recorded: Option<Result<String, String>>,
    /// True once the screen should close.
    pub exit: bool,
    bell: bool,
    /// Whether closing the overlay resumes the countdown it paused.
    resume_on_close: bool,
}

impl SessionApp {
    /// Wraps a started session; `start_effects` are the ones `Session::start` returned.
    pub fn new(session: Session, bell: bool, start_effects: Vec<Effect>) -> (Self, Vec<AppEffect>) {
        let app = Self {
            session,
            overlay: Overlay::None,
            status: None,
            recorded: None,
            exit: false,
            bell,
            resume_on_close: false,
        };
        let effects = app.translate(start_effects);
        (app, effects)
    }

    /// Handles an action, or the passing of time when `action` is `None`.
    pub fn update(&mut self, action: Option<Action>, now: Moment) -> Vec<AppEffect> {
        let finished = self.session.outcome().is_some();
        let command = match (action, self.overlay) {
            (None, _) => Some(Command::Tick),
            (Some(Action::Interrupt), _) => {
                self.exit = true;
                (!finished).then_some(Command::Quit)
            }
            _ if finished => {
                if matches!(action, Some(Action::Yes | Action::No | Action::Quit)) {
                    self.exit = true;
                }
                None
            }
            (Some(Action::Yes | Action::Quit), Overlay::ConfirmQuit) => {
                self.overlay = Overlay::None;
                Some(Command::Quit)
            }
            (Some(_), Overlay::Help) | (Some(Action::No), Overlay::ConfirmQuit) => {
                self.close_overlay()
            }
            (Some(_), Overlay::ConfirmQuit) => None,
            (Some(Action::Quit), Overlay::None) => self.open_overlay(Overlay::ConfirmQuit, now),
            (Some(Action::Help), Overlay::None) => self.open_overlay(Overlay::Help, now),
            (Some(Action::TogglePause), Overlay::None) => Some(Command::TogglePause),
            (Some(Action::Skip), Overlay::None) => Some(Command::Skip),
            (Some(Action::Back), Overlay::None) => Some(Command::Back),
            (Some(Action::Hurt), Overlay::None) => Some(Command::Hurt),
            (Some(Action::Yes | Action::No), Overlay::None) => None,
        };
        let mut effects = match command {
            Some(command) => {
                let effects = self.session.apply(command, now);
                self.translate(effects)
            }
            None => Vec::new(),
        };
        if self.exit {
            effects.push(AppEffect::Exit);
        }
        effects
    }

    /// The overlay pauses the countdown while it is open, and remembers to resume it.
    fn open_overlay(&mut self, overlay: Overlay, now: Moment) -> Option<Command> {
        self.overlay = overlay;
        self.resume_on_close = !self.session.is_paused();
        if self.resume_on_close {
            self.session.apply(Command::TogglePause, now);
        }
        None
    }

    fn close_overlay(&mut self) -> Option<Command> {
        self.overlay = Overlay::None;
        std::mem::take(&mut self.resume_on_close).then_some(Command::TogglePause)
    }

    fn translate(&self, effects: Vec<Effect>) -> Vec<AppEffect> {
        effects
            .into_iter()
            .filter_map(|effect| match effect {
                Effect::Cue(Cue::Rest) => None,
                Effect::Cue(_) => self.bell.then_some(AppEffect::Bell),
                Effect::SaveProgress => Some(AppEffect::SaveProgress),
                Effect::Finished(_) => Some(AppEffect::Record),
            })
            .collect()
    }
}

/// The numbers the summary shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// How it ended.
    pub outcome: Outcome,
    /// Step-sides held to the end.
    pub completed: usize,
    /// Step-sides skipped.
    pub skipped: usize,
    /// Step-sides stopped because they hurt.
    pub hurt: usize,
    /// Step-sides planned.
    pub planned: usize,
    /// Seconds actually held.
    pub held_secs: u64,
}

impl Summary {
    /// Counts a session record.
    pub fn of(record: &SessionRecord) -> Self {
        let count = |status| record.steps.iter().filter(|s| s.status == status).count();
        Self {
            outcome: record.outcome,
            completed: count(Status::Completed),
            skipped: count(Status::Skipped),
            hurt: count(Status::Hurt),
            planned: record.steps.len(),
            held_secs: record.steps.iter().map(|s| s.done_secs).sum(),
        }
    }
}
