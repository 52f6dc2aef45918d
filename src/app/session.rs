//! The session screen's model: the session plus what the person sees around it (the quit
//! question, the help, a passing notice, the summary). Keys arrive already mapped to actions;
//! every update returns effects that carry their data, so all of this runs in tests without a
//! terminal or a disk.

use std::time::Duration;

use crate::core::history::{Outcome, SessionRecord, Status};
use crate::core::session::{Command, Cue, Effect as SessionEffect, Moment, Phase, Session};
use crate::core::stats::Stats;

use super::announce::{self, Announcement, COUNT_FROM, GET_READY, GO};
use super::spoken_length::estimate;
use super::{Effect, NewSession, Now, SessionSettings};

/// How long a notice such as "Stopped: it hurt" stays on screen.
pub const NOTICE_FOR: Duration = Duration::from_secs(4);

/// What a key asks of the session screen.
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
    /// Quit at once, recording what was done: Ctrl-C, SIGTERM, SIGHUP, SIGINT, SIGQUIT.
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

/// A short message that shows for a moment after a key, so the key is seen to have worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// `h`: the step was stopped because it hurt.
    Hurt,
}

/// Whether the finished session reached the history.
#[derive(Debug, Clone, PartialEq)]
pub enum Recorded {
    /// Not yet answered.
    Pending,
    /// Appended; with the stats after it when the history could be read back.
    Saved(Option<Stats>),
    /// Not appended; the reason. The progress file stays for the next start to recover.
    Failed(String),
    /// Ended before anything was held, so nothing was recorded.
    Nothing,
}

/// Everything on the session screen that changes with time alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionFrame {
    phase: Phase,
    shown_secs: u64,
    rep: Option<(u32, u32)>,
    minutes_left: u64,
    notice: bool,
    /// Whether the record is saved yet, so "Saved" is drawn when the answer comes.
    recorded: std::mem::Discriminant<Recorded>,
}

/// The session screen's whole state.
#[derive(Debug)]
pub struct SessionApp {
    /// The session being run.
    pub session: Session,
    /// What covers it, if anything.
    pub overlay: Overlay,
    /// Why the last progress save failed, while it stands.
    pub save_problem: Option<String>,
    /// Why the cues are not spoken (no speaker found), when voice was asked for: said on
    /// screen, where a person who asked for a voice and hears none will look.
    pub unspoken: Option<String>,
    /// Whether the finished session was recorded.
    pub recorded: Recorded,
    /// A notice and the moment it goes.
    pub notice: Option<(Notice, Moment)>,
    /// True once the screen should close.
    pub closed: bool,
    settings: SessionSettings,
    /// The moment the session started, so records end at `started_at` plus monotonic time.
    origin: Moment,
    /// Whether closing the overlay resumes the countdown it paused.
    resume_on_close: bool,
    /// The last second counted aloud, so each of the last three is said once.
    counted: Option<(Phase, u64)>,
    /// The last rep seen in a hold that counts them, so each is said once as it begins.
    rep_seen: Option<(Phase, u32)>,
    /// When the lead-in's words that name the first step end: a first hold that begins
    /// after that says only "Go", not the name again.
    named_until: Option<Moment>,
    /// The finished session's record, held until the summary has been drawn once: appending
    /// it (and reading the history back for the streak) takes tens of milliseconds, which
    /// must not come between the last second of the countdown and the screen that says so.
    /// Any next update hands it over, and [`SessionApp::until_next_change`] asks for one at once.
    to_record: Option<SessionRecord>,
}

impl SessionApp {
    /// Starts a session of `new` at `now`; the effects save its first progress.
    pub fn start(new: NewSession, settings: SessionSettings, now: Now) -> (Self, Vec<Effect>) {
        let (session, effects) = Session::start(new.routine, new.id, now.wall, now.moment);
        let mut app = Self {
            session,
            overlay: Overlay::None,
            save_problem: None,
            unspoken: None,
            recorded: Recorded::Pending,
            notice: None,
            closed: false,
            settings,
            origin: now.moment,
            resume_on_close: false,
            counted: None,
            rep_seen: None,
            named_until: None,
            to_record: None,
        };
        let mut effects = app.translate(effects, now.moment);
        if app.session.phase() == Phase::LeadIn
            && let Some(words) = announce::get_ready(&app.session)
        {
            if words.spoken != GET_READY {
                app.named_until = Some(now.moment + estimate(&words.spoken));
            }
            effects.push(Effect::Announce(words));
        }
        (app, effects)
    }

    /// The passing of time: phases that are over end, a notice that is over goes.
    pub fn update_time(&mut self, now: Now) -> Vec<Effect> {
        if self.notice.is_some_and(|(_, until)| now.moment >= until) {
            self.notice = None;
        }
        self.apply(Command::Tick, now.moment)
    }

    /// Handles a key (or a signal mapped to an action).
    pub fn update(&mut self, action: Action, now: Now) -> Vec<Effect> {
        let mut effects = self.update_time(now);
        let now = now.moment;
        let finished = self.session.outcome().is_some();
        let command = match (action, self.overlay) {
            (Action::Interrupt, _) => {
                self.closed = true;
                (!finished).then_some(Command::Quit)
            }
            _ if finished => {
                if matches!(action, Action::Yes | Action::No | Action::Quit) {
                    self.closed = true;
                }
                None
            }
            (Action::Yes | Action::Quit, Overlay::ConfirmQuit) => {
                self.overlay = Overlay::None;
                Some(Command::Quit)
            }
            (_, Overlay::Help) | (Action::No, Overlay::ConfirmQuit) => self.close_overlay(),
            (_, Overlay::ConfirmQuit) => None,
            (Action::Quit, Overlay::None) => {
                effects.extend(self.open_overlay(Overlay::ConfirmQuit, now));
                None
            }
            (Action::Help, Overlay::None) => {
                effects.extend(self.open_overlay(Overlay::Help, now));
                None
            }
            (Action::TogglePause, Overlay::None) => Some(Command::TogglePause),
            (Action::Skip, Overlay::None) => Some(Command::Skip),
            (Action::Back, Overlay::None) => Some(Command::Back),
            (Action::Hurt, Overlay::None) => {
                if matches!(self.session.phase(), Phase::Hold(_)) {
                    self.notice = Some((Notice::Hurt, now + NOTICE_FOR));
                }
                Some(Command::Hurt)
            }
            (Action::Yes | Action::No, Overlay::None) => None,
        };
        if let Some(command) = command {
            effects.extend(self.apply(command, now));
        }
        if self.closed {
            // Nothing will be drawn or updated after this: record now.
            effects.extend(self.to_record.take().map(Effect::Record));
        }
        effects
    }

    /// Pauses the countdown (if it runs) as of `now`, for a suspend.
    pub fn pause(&mut self, now: Now) -> Vec<Effect> {
        let mut effects = self.apply(Command::Tick, now.moment);
        if self.session.outcome().is_none() && !self.session.is_paused() {
            effects.extend(self.apply(Command::TogglePause, now.moment));
        }
        effects
    }

    /// A progress save was answered.
    pub fn saved(&mut self, result: Result<(), String>) {
        self.save_problem = result.err();
    }

    /// The record was answered.
    pub fn recorded(&mut self, result: Result<Option<Stats>, String>) {
        self.recorded = match result {
            Ok(stats) => Recorded::Saved(stats),
            Err(problem) => Recorded::Failed(problem),
        };
        self.save_problem = None;
    }

    /// What home's status line says once this session has closed, if anything.
    pub fn closing_note(&self) -> Option<String> {
        match &self.recorded {
            Recorded::Nothing => {
                Some("Stopped before the first stretch; nothing was recorded.".to_string())
            }
            Recorded::Failed(problem) => Some(format!(
                "The session could not be added to your history: {problem}."
            )),
            Recorded::Pending | Recorded::Saved(_) => None,
        }
    }

    /// The session's record as it stands now: its end is its start plus the monotonic time
    /// it ran, so a wall clock that jumps cannot bend it.
    pub fn record(&self, now: Moment) -> SessionRecord {
        // To the millisecond, as records are (DESIGN.md); finer digits would only be noise.
        let ran = now.saturating_sub(self.origin).as_millis();
        let ran = chrono::Duration::milliseconds(i64::try_from(ran).unwrap_or(i64::MAX));
        let started = self.session.started_at();
        self.session
            .record(started.checked_add_signed(ran).unwrap_or(started))
    }

    /// The numbers the summary shows.
    pub fn summary(&self) -> Summary {
        // The counts do not depend on when the record ends.
        let record = self.session.record(self.session.started_at());
        Summary::of(&record, self.settings.min_completion)
    }

    /// What on screen changes with time alone.
    pub fn frame(&self, now: Moment) -> SessionFrame {
        let session = &self.session;
        SessionFrame {
            phase: session.phase(),
            shown_secs: session.shown_secs(now),
            rep: session.rep(now),
            minutes_left: minutes_left(session.session_remaining(now)),
            notice: self.notice.is_some_and(|(_, until)| now < until),
            recorded: std::mem::discriminant(&self.recorded),
        }
    }

    /// How long until the screen would show something different.
    pub fn until_next_change(&self, now: Moment) -> Option<Duration> {
        if self.to_record.is_some() {
            return Some(Duration::ZERO);
        }
        let notice = self
            .notice
            .map(|(_, until)| until.saturating_sub(now))
            .filter(|d| !d.is_zero());
        match (self.session.until_next_change(now), notice) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn apply(&mut self, command: Command, now: Moment) -> Vec<Effect> {
        let held = self.to_record.take().map(Effect::Record);
        let was_paused = self.session.is_paused();
        let effects = self.session.apply(command, now);
        let mut effects: Vec<Effect> = held
            .into_iter()
            .chain(self.translate(effects, now))
            .collect();
        let paused = self.session.is_paused();
        if paused != was_paused && self.session.outcome().is_none() {
            // Said over whatever was being said: the lead-in's naming may be cut off.
            self.named_until = self.named_until.filter(|end| now >= *end);
            effects.push(Effect::Announce(announce::paused(paused)));
        }
        effects.extend(self.count(now).map(Effect::Announce));
        effects
    }

    /// For the ear: each rep of a hold that counts them as it begins, or else each of the last
    /// three seconds of a hold, once; not for holds of three seconds or less, which would be
    /// nothing but counting. Reps are the count where there are both: a "3" over "Nine" and
    /// "Ten" would muddle both.
    fn count(&mut self, now: Moment) -> Option<Announcement> {
        let phase = self.session.phase();
        let Phase::Hold(slot) = phase else {
            return None;
        };
        if self.session.is_paused() {
            return None;
        }
        if announce::counted_reps(&self.session, slot).is_some() {
            let (rep, reps) = self.session.rep(now)?;
            let seen = self.rep_seen.replace((phase, rep));
            return (rep > 1 && seen != Some((phase, rep))).then(|| announce::rep(rep, reps));
        }
        if self.session.planned(phase) <= Duration::from_secs(COUNT_FROM) {
            return None;
        }
        let secs = self.session.shown_secs(now);
        if !(1..=COUNT_FROM).contains(&secs) || self.counted == Some((phase, secs)) {
            return None;
        }
        self.counted = Some((phase, secs));
        Some(announce::count(secs))
    }

    /// The overlay pauses the countdown while it is open, and remembers to resume it.
    fn open_overlay(&mut self, overlay: Overlay, now: Moment) -> Vec<Effect> {
        self.overlay = overlay;
        self.resume_on_close = !self.session.is_paused();
        if self.resume_on_close {
            self.apply(Command::TogglePause, now)
        } else {
            Vec::new()
        }
    }

    fn close_overlay(&mut self) -> Option<Command> {
        self.overlay = Overlay::None;
        std::mem::take(&mut self.resume_on_close).then_some(Command::TogglePause)
    }

    fn translate(&mut self, effects: Vec<SessionEffect>, now: Moment) -> Vec<Effect> {
        let mut out = Vec::new();
        for effect in effects {
            match effect {
                SessionEffect::Cue(cue, phase) => {
                    if self.settings.bell && cue != Cue::Rest {
                        out.push(Effect::Bell);
                    }
                    let mut words = announce::for_cue(&self.session, cue, phase);
                    if let (Some(words), Phase::Hold(0)) = (words.as_mut(), phase)
                        && self.named_until.take().is_some_and(|end| now >= end)
                    {
                        words.spoken = GO.into();
                    }
                    out.extend(words.map(Effect::Announce));
                }
                SessionEffect::SaveProgress => out.push(Effect::Save(self.record(now))),
                SessionEffect::Finished(_) if self.session.nothing_done() => {
                    // Quit during the get-ready countdown: nothing was held, so nothing is
                    // recorded and there is no summary to read.
                    self.recorded = Recorded::Nothing;
                    self.closed = true;
                    out.push(Effect::Discard);
                }
                // Handed over at the next update, once the summary is on screen.
                SessionEffect::Finished(_) => self.to_record = Some(self.record(now)),
            }
        }
        out
    }
}

/// Whole minutes left, rounded up, so that "1 min left" shows until the very end and a
/// routine's first "min left" matches its total on the home screen.
pub fn minutes_left(left: Duration) -> u64 {
    left.as_secs()
        .saturating_add(u64::from(left.subsec_nanos() > 0))
        .div_ceil(60)
}

/// The numbers the summary shows.
#[derive(Debug, Clone, PartialEq)]
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
    /// True when this session keeps the night: its routine counts and enough of it was held.
    pub keeps_the_night: bool,
    /// False for a session of a `counts = false` routine (cramp relief), which keeps no night.
    pub counts: bool,
    /// The share of step-sides that keeps a night, for saying what was missing.
    pub min_completion: f64,
}

impl Summary {
    /// How many step-sides held to the end keep a night.
    pub fn needed(&self) -> usize {
        // The same comparison as `keeps_the_night`, counted up from the smallest share.
        (0..=self.planned)
            .find(|n| *n as f64 / self.planned as f64 >= self.min_completion)
            .unwrap_or(self.planned)
    }

    /// Counts a session record against the share that keeps a night.
    pub fn of(record: &SessionRecord, min_completion: f64) -> Self {
        let count = |status| record.steps.iter().filter(|s| s.status == status).count();
        let completed = count(Status::Completed);
        let planned = record.steps.len();
        Self {
            // A record this session made always knows its outcome.
            outcome: record.outcome.known().unwrap_or(Outcome::Interrupted),
            completed,
            skipped: count(Status::Skipped),
            hurt: count(Status::Hurt),
            planned,
            held_secs: record.steps.iter().map(|s| s.done_secs).sum(),
            keeps_the_night: record.counts
                && planned > 0
                && completed as f64 / planned as f64 >= min_completion,
            counts: record.counts,
            min_completion,
        }
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
