//! The screens' models, one per screen, and the app that moves between them.
//!
//! Pure, like the core: keys arrive already mapped to messages, time arrives as [`Now`], and
//! whatever must happen outside (a bell, a save, a record, a session to start) leaves as an
//! [`Effect`] that carries its data. The results of effects come back as messages, so the
//! shell never writes into a model and never makes text for the screen.

pub mod announce;
pub mod cramp_stats;
pub mod diary;
pub mod editor;
#[cfg(test)]
mod fixtures;
pub mod home;
pub mod known;
pub mod plain;
pub mod routine_copy;
pub mod session;
pub mod spoken_length;
pub mod trial_line;
pub mod trial_page;
pub mod verdict;

use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use crate::core::history::SessionRecord;
use crate::core::routine::Routine;
use crate::core::session::Moment;
use crate::core::stats::Stats;

use self::announce::Announcement;
use self::diary::DiaryEffect;
use self::editor::{EditorAction, EditorApp, EditorEffect};
use self::home::{Drawn, HistoryState, HomeApp, HomeEffect, RoutineRow};
use self::session::{Action, SessionApp, SessionFrame};

pub use self::home::HomeAction;

/// The time as the shell read it for one update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Monotonic time, for countdowns: it never jumps, and a sleeping laptop does not move it.
    pub moment: Moment,
    /// The wall clock in the local offset, for "tonight".
    pub wall: DateTime<FixedOffset>,
}

/// A session the shell has made ready: the routine, and the id its record will carry.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The routine to run.
    pub routine: Routine,
    /// The record's id.
    pub id: String,
}

/// A routine's text for the editor, as the shell found it.
#[derive(Debug, Clone)]
pub struct EditorSource {
    /// The id it will be saved as.
    pub id: String,
    /// The TOML text to edit.
    pub text: String,
    /// True when the text is a bundled routine's: saving makes the person's own copy.
    pub bundled: bool,
    /// True when this text is what the routine already is, so leaving unchanged asks
    /// nothing; false for a new routine or a copy not yet saved.
    pub saved: bool,
    /// The bundled illustrations, as (name, picture), that `art` may name.
    pub art: &'static [(&'static str, &'static str)],
    /// The routines, as (id, TOML text), whose steps the step library offers.
    pub library: &'static [(&'static str, &'static str)],
    /// What the person's file of this id holds now; `None` when there is none.
    pub on_disk: Option<String>,
    /// True when the text is a draft kept from an edit that was not saved.
    pub draft: bool,
}

/// Something that happened, for [`App::update`].
#[derive(Debug)]
pub enum Msg {
    /// Time passed (or the screen changed size); nothing else.
    Tick,
    /// A key on the home screen.
    Home(HomeAction),
    /// A key in a session.
    Session(Action),
    /// Ctrl-C, or a signal that ends the program: a running session is recorded as quit.
    Quit,
    /// Ctrl-Z or SIGTSTP: the session pauses, then the process stops.
    Suspend,
    /// The process was stopped from outside (SIGSTOP) and has just been continued. The time
    /// since `last_seen`, the last moment the loop ran, was spent stopped.
    Continued {
        /// The last moment the loop saw before the stop.
        last_seen: Moment,
    },
    /// The session asked for by [`Effect::Start`] is ready, or could not be started.
    Started(Result<NewSession, String>),
    /// The progress was saved, or not.
    Saved(Result<(), String>),
    /// The finished session was appended to the history, with the stats after it when the
    /// history could be read back; or the reason it was not.
    Recorded(Result<Option<Stats>, String>),
    /// The history arrived (or failed), with any lines that were skipped.
    HistoryLoaded(HistoryState, Vec<String>),
    /// What the last frame of home had room for, for paging and scrolling.
    Drawn(Drawn),
    /// A key in the routine editor.
    Editor(EditorAction),
    /// The text asked for by [`Effect::OpenEditor`], or why it could not be read.
    EditorOpened(Result<EditorSource, String>),
    /// The routine was saved by [`Effect::SaveRoutine`], or not.
    RoutineSaved(Result<(), String>),
    /// The routines as they are now on disk, after [`Effect::ReloadRoutines`].
    RoutinesLoaded(Vec<RoutineRow>),
    /// The morning question's answer was written by [`Effect::Diary`], or not.
    DiaryWritten(Result<(), String>),
    /// The pause asked for by [`Effect::Pause`] was written, or not.
    Paused(Result<(), String>),
    /// The config's `on_session_end` failed after a session was saved: one line that says so.
    HookFailed(String),
}

/// What the shell must do; each carries what it needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Ring the bell.
    Bell,
    /// A moment of the session in words, for plain mode's lines and the spoken cues.
    Announce(Announcement),
    /// Save the session's progress (answered by [`Msg::Saved`]).
    Save(SessionRecord),
    /// Append the finished session to the history (answered by [`Msg::Recorded`]).
    Record(SessionRecord),
    /// Forget the session in progress: it ended with nothing done, so nothing is recorded.
    Discard,
    /// Make a session of this routine ready (answered by [`Msg::Started`]).
    Start(String),
    /// Read the history (answered by [`Msg::HistoryLoaded`]).
    LoadHistory,
    /// Give the terminal back and stop the process until it is continued.
    Suspend,
    /// Find the text to edit as routine `id`: the routine `from`'s, or a new routine's when
    /// `from` is `None` (answered by [`Msg::EditorOpened`]).
    OpenEditor {
        /// The id it will be saved as.
        id: String,
        /// The routine whose text to start from.
        from: Option<String>,
    },
    /// Write this text as the person's routine `id` (answered by [`Msg::RoutineSaved`]),
    /// unless the file no longer holds `expected`: then keep the text as the draft instead.
    SaveRoutine {
        /// The routine's id, its file stem.
        id: String,
        /// The whole file.
        text: String,
        /// What the file held when the editor read or last saved it; `None`: no file.
        expected: Option<String>,
    },
    /// Keep this unsaved text as the draft of routine `id`, as bedstretch is ending.
    KeepDraft {
        /// The routine's id.
        id: String,
        /// The whole file.
        text: String,
    },
    /// Let go of the draft of routine `id`.
    ForgetDraft(String),
    /// Read the routines again (answered by [`Msg::RoutinesLoaded`]).
    ReloadRoutines,
    /// Write the morning question's answer (answered by [`Msg::DiaryWritten`]).
    Diary(DiaryEffect),
    /// Append a pause of the nights `from` to `until` (answered by [`Msg::Paused`]).
    Pause {
        /// The first night paused.
        from: chrono::NaiveDate,
        /// The last night paused.
        until: chrono::NaiveDate,
    },
}

impl Effect {
    /// What home asks for, as the shell's work; leaving is the app's own (`None`).
    fn from_home(effect: HomeEffect) -> Option<Self> {
        match effect {
            HomeEffect::Start(id) => Some(Effect::Start(id)),
            HomeEffect::Edit { id, from } => Some(Effect::OpenEditor { id, from }),
            HomeEffect::Diary(diary) => Some(Effect::Diary(diary)),
            HomeEffect::Pause { from, until } => Some(Effect::Pause { from, until }),
            HomeEffect::Exit => None,
        }
    }
}

impl From<EditorEffect> for Effect {
    fn from(effect: EditorEffect) -> Self {
        match effect {
            EditorEffect::Save { id, text, expected } => Effect::SaveRoutine { id, text, expected },
            EditorEffect::ForgetDraft { id } => Effect::ForgetDraft(id),
        }
    }
}

/// What a session needs from the config.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionSettings {
    /// Ring the bell at each change.
    pub bell: bool,
    /// The share of step-sides that keeps a night.
    pub min_completion: f64,
}

/// Which screen shows, for the views and the keymap.
#[derive(Debug, Clone, Copy)]
pub enum Screen<'a> {
    /// The home screen.
    Home(&'a HomeApp),
    /// A session, and its summary.
    Session(&'a SessionApp),
    /// The routine editor.
    Editor(&'a EditorApp),
}

/// Everything on screen that can change with time alone; the loop redraws when it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Home: the night it shows, and whether the history is still being read.
    Home(Option<chrono::NaiveDate>, bool),
    /// A session.
    Session(SessionFrame),
    /// The editor, which changes only with keys.
    Editor,
}

/// The whole app: home (unless started by `bedstretch run`) and the session over it.
#[derive(Debug)]
pub struct App {
    /// The home screen; `None` for `bedstretch run`, which ends with its session.
    pub home: Option<HomeApp>,
    /// The session, while one runs or its summary shows; the last one after `run` ends.
    pub session: Option<SessionApp>,
    /// The routine editor, over home while it is open.
    pub editor: Option<EditorApp>,
    /// True once bedstretch should exit.
    pub exit: bool,
    /// Lines for home's status line that came while it was covered (or, for `run`, absent):
    /// told once home shows, or by the shell after the app ends.
    pub untold: Vec<String>,
    settings: SessionSettings,
}

impl App {
    /// The home screen, which first asks for the history.
    pub fn home(home: HomeApp, settings: SessionSettings) -> (Self, Vec<Effect>) {
        let app = Self {
            home: Some(home),
            session: None,
            editor: None,
            exit: false,
            untold: Vec::new(),
            settings,
        };
        (app, vec![Effect::LoadHistory])
    }

    /// A session started at once, as `bedstretch run` does; the app exits when it closes.
    pub fn session(new: NewSession, settings: SessionSettings, now: Now) -> (Self, Vec<Effect>) {
        let (session, effects) = SessionApp::start(new, settings, now);
        let app = Self {
            home: None,
            session: Some(session),
            editor: None,
            exit: false,
            untold: Vec::new(),
            settings,
        };
        (app, effects)
    }

    /// What shows.
    pub fn screen(&self) -> Option<Screen<'_>> {
        match (&self.session, &self.editor, &self.home) {
            (Some(session), _, _) => Some(Screen::Session(session)),
            (None, Some(editor), _) => Some(Screen::Editor(editor)),
            (None, None, Some(home)) => Some(Screen::Home(home)),
            (None, None, None) => None,
        }
    }

    /// Handles a message at `now`.
    pub fn update(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        let mut effects = match msg {
            Msg::Quit => self.quit(now),
            Msg::Tick => {
                if let Some(home) = self.home.as_mut() {
                    home.tick(now.wall);
                }
                self.session_msg(Msg::Tick, now)
            }
            Msg::Home(_)
            | Msg::DiaryWritten(_)
            | Msg::Paused(_)
            | Msg::Drawn(_)
            | Msg::HistoryLoaded(..)
            | Msg::RoutinesLoaded(_) => self.home_msg(msg, now),
            Msg::Editor(_) | Msg::EditorOpened(_) | Msg::RoutineSaved(_) => self.editor_msg(msg),
            Msg::Suspend
            | Msg::Continued { .. }
            | Msg::Started(_)
            | Msg::Session(_)
            | Msg::Saved(_)
            | Msg::Recorded(_) => self.session_msg(msg, now),
            Msg::HookFailed(line) => {
                self.untold.push(line);
                Vec::new()
            }
        };
        self.close_finished_session(&mut effects);
        if self.editor.as_ref().is_some_and(|e| e.closed) {
            self.editor = None;
        }
        self.tell_untold();
        effects
    }

    /// Ctrl-C, or a signal that ends the program: a running session is recorded as quit, and
    /// an unsaved edit is kept (a signal gives no time to ask).
    fn quit(&mut self, now: Now) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Some(session) = self.session.as_mut() {
            effects = session.update(Action::Interrupt, now);
        }
        if let Some(editor) = self.editor.as_ref().filter(|e| e.unsaved()) {
            effects.push(Effect::KeepDraft {
                id: editor.id.clone(),
                text: editor.text(),
            });
        }
        self.exit = true;
        effects
    }

    /// What the session (and its start) hears.
    fn session_msg(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        let session = self.session.as_mut();
        match (msg, session) {
            (Msg::Suspend, session) => {
                let mut effects = session.map(|s| s.pause(now)).unwrap_or_default();
                effects.push(Effect::Suspend);
                effects
            }
            // The time since the last moment the loop saw was spent stopped, not stretching.
            (Msg::Continued { last_seen }, Some(session)) => session.pause(Now {
                moment: last_seen.min(now.moment),
                ..now
            }),
            // One session at a time: a start while one runs would drop it unrecorded.
            (Msg::Started(Ok(_)), Some(_)) => Vec::new(),
            (Msg::Started(Ok(new)), None) => {
                let (session, start) = SessionApp::start(new, self.settings, now);
                self.session = Some(session);
                start
            }
            (Msg::Started(Err(problem)), _) => {
                self.tell_home(problem);
                Vec::new()
            }
            (Msg::Tick, Some(session)) => session.update_time(now),
            (Msg::Session(action), Some(session)) => session.update(action, now),
            (Msg::Saved(result), Some(session)) => {
                session.saved(result);
                Vec::new()
            }
            // The end is said once the history answers, so it can say truly whether tonight
            // is kept (an earlier session tonight may have kept it).
            (Msg::Recorded(result), Some(session)) => {
                session.recorded(result);
                verdict::end_words(session)
                    .map(Effect::Announce)
                    .into_iter()
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// What home hears; nothing while a session or the editor is over it, but what it reads
    /// in the background.
    fn home_msg(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        let covered = self.session.is_some() || self.editor.is_some();
        // The routine just edited stays selected, wherever the list puts it.
        let edited = self.editor.as_ref().map(|e| e.id.clone());
        let Some(home) = self.home.as_mut() else {
            return Vec::new();
        };
        match msg {
            Msg::Home(_) if covered => Vec::new(),
            Msg::Home(action) => match home.update(action) {
                Some(HomeEffect::Exit) => {
                    self.exit = true;
                    Vec::new()
                }
                Some(effect) => Effect::from_home(effect).into_iter().collect(),
                None => Vec::new(),
            },
            // Read back, so the stats and the comparison include the answer.
            Msg::DiaryWritten(Ok(())) => vec![Effect::LoadHistory],
            Msg::DiaryWritten(Err(problem)) => {
                home.status = Some(format!(
                    "Not noted: {problem}. `bedstretch cramp` can note it from the shell."
                ));
                Vec::new()
            }
            Msg::Paused(Ok(())) => {
                home.status = Some("Those nights are paused: your streak is whole.".into());
                vec![Effect::LoadHistory]
            }
            Msg::Paused(Err(problem)) => {
                home.status = Some(format!(
                    "Not paused: {problem}. `bedstretch pause` can set it from the shell."
                ));
                Vec::new()
            }
            Msg::RoutinesLoaded(rows) => {
                home.set_routines(rows, edited.as_deref());
                Vec::new()
            }
            Msg::Drawn(drawn) => {
                home.set_drawn(drawn);
                Vec::new()
            }
            Msg::HistoryLoaded(state, warnings) => {
                home.set_history(state, warnings, now.wall);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// What the editor hears: its text arriving, its keys, and the answers to its saves.
    fn editor_msg(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            // Home waits under the editor; one editor at a time.
            Msg::EditorOpened(Ok(_)) if self.editor.is_some() => Vec::new(),
            Msg::EditorOpened(Ok(source)) => {
                match EditorApp::open(
                    &source.id,
                    &source.text,
                    source.bundled,
                    source.saved,
                    source.art,
                ) {
                    Ok(editor) => {
                        let editor = editor
                            .with_library(source.library)
                            .with_disk(source.on_disk);
                        self.editor = Some(if source.draft {
                            editor.on_draft()
                        } else {
                            editor
                        });
                    }
                    Err(problem) => self.tell_home(problem),
                }
                Vec::new()
            }
            Msg::EditorOpened(Err(problem)) => {
                self.tell_home(problem);
                Vec::new()
            }
            Msg::Editor(action) => {
                let Some(editor) = self.editor.as_mut() else {
                    return Vec::new();
                };
                let effects = editor
                    .update(action)
                    .into_iter()
                    .map(Effect::from)
                    .collect();
                self.exit |= editor.quit;
                effects
            }
            Msg::RoutineSaved(result) => {
                let ok = result.is_ok();
                if let Some(editor) = self.editor.as_mut() {
                    editor.saved(result);
                }
                if ok {
                    vec![Effect::ReloadRoutines]
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }

    /// A line for home's status bar.
    fn tell_home(&mut self, problem: String) {
        if let Some(home) = self.home.as_mut() {
            home.status = Some(problem);
        }
    }

    /// What waited for home's status line, once home shows: after what it says already (a
    /// session's closing note), so neither hides the other.
    fn tell_untold(&mut self) {
        if self.untold.is_empty() || !matches!(self.screen(), Some(Screen::Home(_))) {
            return;
        }
        if let Some(home) = self.home.as_mut() {
            let told: Vec<String> = home
                .status
                .take()
                .into_iter()
                .chain(self.untold.drain(..))
                .collect();
            home.status = Some(told.join(" "));
        }
    }

    /// A closed session goes back to home (with the history read again), or ends the app.
    fn close_finished_session(&mut self, effects: &mut Vec<Effect>) {
        if !self.session.as_ref().is_some_and(|s| s.closed) {
            return;
        }
        match self.home.as_mut() {
            Some(home) if !self.exit => {
                if let Some(session) = self.session.take() {
                    home.status = session.closing_note();
                }
                home.history = HistoryState::Loading;
                effects.push(Effect::LoadHistory);
            }
            _ => self.exit = true,
        }
    }

    /// What the screen shows that changes with time alone.
    pub fn frame(&self, now: Moment) -> Frame {
        match self.screen() {
            Some(Screen::Session(session)) => Frame::Session(session.frame(now)),
            Some(Screen::Home(home)) => Frame::Home(
                home.stats.as_ref().map(|s| s.tonight),
                home.history == HistoryState::Loading,
            ),
            Some(Screen::Editor(_)) => Frame::Editor,
            None => Frame::Home(None, false),
        }
    }

    /// How long until [`App::frame`] may change by itself; `None` when only input changes it.
    /// Home has no countdown, but "tonight" rolls over, which the loop's regular wake sees.
    pub fn until_next_change(&self, now: Moment) -> Option<Duration> {
        match self.screen() {
            Some(Screen::Session(session)) => session.until_next_change(now),
            // The history is read on another thread; look for it often until it is here.
            Some(Screen::Home(home)) if home.history == HistoryState::Loading => {
                Some(Duration::from_millis(5))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
