//! The session state machine: lead-in, each step and side, switch pauses, rests, the end.
//!
//! Time is never counted in ticks. A phase keeps the moment it started and the time banked
//! before a pause; what remains is `planned - (banked + now - started)`. A late tick, a busy
//! machine or a resumed laptop therefore cannot make the countdown drift, and a pause is exact.
//! `now` is a [`Moment`]: monotonic time since an origin the caller chooses.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use super::history::{FORMAT_VERSION, Outcome, SessionKind, SessionRecord, Status, StepRecord};
use super::routine::Routine;

/// Monotonic time since an origin chosen by the caller.
pub type Moment = Duration;

/// Going back within this much of a step-side restarts it; earlier, it goes to the one before.
pub const BACK_RESTARTS_AFTER: Duration = Duration::from_secs(3);

/// What the person asks of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Nothing but the passing of time.
    Tick,
    /// Pause, or resume when paused.
    TogglePause,
    /// End this step-side (or pause) now and go on.
    Skip,
    /// Restart this step-side, or go to the previous one near its start.
    Back,
    /// Stop this step because it hurts; its other sides are stopped too (`hurt`, 0 s), so
    /// that nothing counts them as skips the person chose.
    Hurt,
    /// End the session, keeping what was done.
    Quit,
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The get-ready countdown before the first step.
    LeadIn,
    /// Holding a step-side (an index into the planned step-sides).
    Hold(usize),
    /// The pause before a step's next side.
    Switch(usize),
    /// The rest before the next step's first side.
    Rest(usize),
    /// Over: completed or quit.
    Done,
}

/// Something the machine asks its shell to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Tell the person the phase changed (bell, voice, a visible flash), and which phase
    /// began: a late tick can pass through several phases in one call.
    Cue(Cue, Phase),
    /// Save progress now, so that a crash loses at most the step-side in progress.
    SaveProgress,
    /// The session is over: append its record and remove the progress file.
    Finished(Outcome),
}

/// The kinds of phase change worth a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A new step begins.
    NextStep,
    /// The same step, on its next side.
    NextSide,
    /// Time to switch sides.
    Switch,
    /// A rest begins.
    Rest,
    /// The routine is over.
    Finished,
}

/// One planned step-side: which step, which of its sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Index into the routine's steps.
    pub step: usize,
    /// Index into the step's sides, if it has any.
    pub side: Option<usize>,
}

/// A session in progress, or finished.
#[derive(Debug, Clone)]
pub struct Session {
    routine: Routine,
    id: String,
    started_at: DateTime<FixedOffset>,
    slots: Vec<Slot>,
    done: Vec<(Status, u64)>,
    phase: Phase,
    phase_start: Moment,
    banked: Duration,
    paused: bool,
    outcome: Option<Outcome>,
}

impl Session {
    /// Starts a session at `now`. `id` and `started_at` go into its record unchanged.
    pub fn start(
        routine: Routine,
        id: String,
        started_at: DateTime<FixedOffset>,
        now: Moment,
    ) -> (Self, Vec<Effect>) {
        let slots: Vec<Slot> = routine
            .steps
            .iter()
            .enumerate()
            .flat_map(|(step, s)| {
                let sides: Vec<Option<usize>> = match s.sides.len() {
                    0 => vec![None],
                    n => (0..n).map(Some).collect(),
                };
                sides.into_iter().map(move |side| Slot { step, side })
            })
            .collect();
        let mut session = Self {
            done: vec![(Status::NotReached, 0); slots.len()],
            routine,
            id,
            started_at,
            slots,
            phase: Phase::LeadIn,
            phase_start: now,
            banked: Duration::ZERO,
            paused: false,
            outcome: None,
        };
        let mut effects = vec![Effect::SaveProgress];
        if session.planned(Phase::LeadIn).is_zero() {
            session.enter(Phase::Hold(0), now, &mut effects);
        }
        (session, effects)
    }

    /// True when no step-side has been reached yet: nothing held, nothing skipped, so a
    /// session quit now is not worth a line of history.
    pub fn nothing_done(&self) -> bool {
        self.done
            .iter()
            .all(|(status, _)| *status == Status::NotReached)
    }

    /// Applies a command at `now`, after first letting any finished phases end.
    pub fn apply(&mut self, command: Command, now: Moment) -> Vec<Effect> {
        let mut effects = Vec::new();
        self.advance(now, &mut effects);
        if self.phase == Phase::Done {
            return effects;
        }
        match command {
            Command::Tick => {}
            Command::TogglePause if self.paused => {
                self.paused = false;
                self.phase_start = now;
            }
            Command::TogglePause => {
                self.banked = self.elapsed(now);
                self.paused = true;
            }
            Command::Skip => match self.phase {
                Phase::Hold(slot) => {
                    self.finish_slot(slot, Status::Skipped, now);
                    effects.push(Effect::SaveProgress);
                    let next = self.after_hold(slot);
                    self.enter(next, now, &mut effects);
                }
                Phase::LeadIn => self.enter(Phase::Hold(0), now, &mut effects),
                Phase::Switch(slot) | Phase::Rest(slot) => {
                    self.enter(Phase::Hold(slot), now, &mut effects)
                }
                Phase::Done => {}
            },
            Command::Back => {
                let target = match self.phase {
                    Phase::Hold(slot) if slot > 0 && self.elapsed(now) <= BACK_RESTARTS_AFTER => {
                        self.done[slot] = (Status::NotReached, 0);
                        Phase::Hold(slot - 1)
                    }
                    Phase::Switch(slot) | Phase::Rest(slot) => Phase::Hold(slot - 1),
                    phase => phase,
                };
                if let Phase::Hold(slot) = target {
                    self.done[slot] = (Status::NotReached, 0);
                }
                self.restart(target, now);
            }
            Command::Hurt => {
                if let Phase::Hold(slot) = self.phase {
                    self.finish_slot(slot, Status::Hurt, now);
                    let step = self.slots[slot].step;
                    let mut last = slot;
                    while self.slots.get(last + 1).is_some_and(|s| s.step == step) {
                        last += 1;
                        self.done[last] = (Status::Hurt, 0);
                    }
                    let next = self.after_hold(last);
                    effects.push(Effect::SaveProgress);
                    self.enter(next, now, &mut effects);
                }
            }
            Command::Quit => {
                if let Phase::Hold(slot) = self.phase {
                    self.finish_slot(slot, Status::Partial, now);
                }
                self.end(Outcome::Quit, &mut effects);
            }
        }
        effects
    }

    /// Ends every phase whose time is up, each next one starting exactly when the last ended.
    fn advance(&mut self, now: Moment, effects: &mut Vec<Effect>) {
        while !self.paused && self.phase != Phase::Done {
            let elapsed = self.elapsed(now);
            let planned = self.planned(self.phase);
            if elapsed < planned {
                break;
            }
            let ended_at = now.saturating_sub(elapsed - planned);
            let next = match self.phase {
                Phase::LeadIn => Phase::Hold(0),
                Phase::Hold(slot) => {
                    self.done[slot] = (Status::Completed, planned.as_secs());
                    effects.push(Effect::SaveProgress);
                    self.after_hold(slot)
                }
                Phase::Switch(slot) | Phase::Rest(slot) => Phase::Hold(slot),
                Phase::Done => Phase::Done,
            };
            self.enter(next, ended_at, effects);
        }
    }

    /// The phase that follows holding `slot`.
    fn after_hold(&self, slot: usize) -> Phase {
        match self.slots.get(slot + 1) {
            None => Phase::Done,
            Some(next) if next.step == self.slots[slot].step => Phase::Switch(slot + 1),
            Some(_) => Phase::Rest(slot + 1),
        }
    }

    /// Enters a phase starting at `at`, passing straight through any of zero length.
    fn enter(&mut self, phase: Phase, at: Moment, effects: &mut Vec<Effect>) {
        if phase == Phase::Done {
            effects.push(Effect::Cue(Cue::Finished, Phase::Done));
            self.end(Outcome::Completed, effects);
            return;
        }
        self.restart(phase, at);
        let cue = match phase {
            Phase::Hold(slot) if slot > 0 && self.slots[slot - 1].step == self.slots[slot].step => {
                Cue::NextSide
            }
            Phase::Hold(_) | Phase::LeadIn => Cue::NextStep,
            Phase::Switch(_) => Cue::Switch,
            Phase::Rest(_) => Cue::Rest,
            Phase::Done => Cue::Finished,
        };
        if self.planned(phase).is_zero() {
            let next = match phase {
                Phase::Switch(slot) | Phase::Rest(slot) => Phase::Hold(slot),
                // Only a routine built by hand holds for no time (the parser refuses 0 s):
                // done at once, and on to what follows it, never back to the first step.
                Phase::Hold(slot) => {
                    self.done[slot] = (Status::Completed, 0);
                    effects.push(Effect::SaveProgress);
                    self.after_hold(slot)
                }
                _ => Phase::Hold(0),
            };
            self.enter(next, at, effects);
        } else {
            effects.push(Effect::Cue(cue, phase));
        }
    }

    fn restart(&mut self, phase: Phase, at: Moment) {
        self.phase = phase;
        self.phase_start = at;
        self.banked = Duration::ZERO;
    }

    fn finish_slot(&mut self, slot: usize, status: Status, now: Moment) {
        let planned = self.planned(Phase::Hold(slot));
        let held = self.elapsed(now).min(planned).as_secs();
        self.done[slot] = (status, held);
    }

    fn end(&mut self, outcome: Outcome, effects: &mut Vec<Effect>) {
        self.phase = Phase::Done;
        self.paused = false;
        self.outcome = Some(outcome);
        effects.push(Effect::Finished(outcome));
    }

    /// How long the current phase has run, pauses excluded.
    pub fn elapsed(&self, now: Moment) -> Duration {
        let running = if self.paused {
            Duration::ZERO
        } else {
            now.saturating_sub(self.phase_start)
        };
        self.banked + running
    }

    /// How long a phase is planned to take.
    pub fn planned(&self, phase: Phase) -> Duration {
        let step_of = |slot: usize| &self.routine.steps[self.slots[slot].step];
        let secs = match phase {
            Phase::LeadIn => self.routine.lead_in_secs,
            Phase::Hold(slot) => step_of(slot).duration_secs,
            Phase::Switch(slot) => step_of(slot).switch_secs,
            Phase::Rest(slot) => step_of(slot - 1).rest_secs,
            Phase::Done => 0,
        };
        Duration::from_secs(secs)
    }

    /// Time left in the current phase; never negative.
    pub fn remaining(&self, now: Moment) -> Duration {
        self.planned(self.phase).saturating_sub(self.elapsed(now))
    }

    /// Time left in the whole session: this phase and every one after it.
    pub fn session_remaining(&self, now: Moment) -> Duration {
        let later: Duration = match self.phase {
            Phase::Done => Duration::ZERO,
            Phase::LeadIn => self.phases_from(0),
            Phase::Hold(slot) => self.phases_from(slot) - self.planned(Phase::Hold(slot)),
            Phase::Switch(slot) | Phase::Rest(slot) => self.phases_from(slot),
        };
        self.remaining(now) + later
    }

    /// Every phase from holding `slot` to the end, with the pauses between them.
    fn phases_from(&self, slot: usize) -> Duration {
        (slot..self.slots.len())
            .map(|s| {
                let pause = match self.after_hold(s) {
                    next @ (Phase::Switch(_) | Phase::Rest(_)) => self.planned(next),
                    _ => Duration::ZERO,
                };
                self.planned(Phase::Hold(s)) + pause
            })
            .sum()
    }

    /// The seconds shown on screen: whole seconds left, rounded up, so "0" means over.
    pub fn shown_secs(&self, now: Moment) -> u64 {
        let remaining = self.remaining(now);
        remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0)
    }

    /// How long until the screen would show something different, for the input wait.
    /// `None` while paused or done: nothing changes until a key arrives.
    pub fn until_next_change(&self, now: Moment) -> Option<Duration> {
        if self.paused || self.phase == Phase::Done {
            return None;
        }
        let remaining = self.remaining(now);
        let fraction = Duration::new(0, remaining.subsec_nanos());
        Some(if fraction.is_zero() {
            Duration::from_secs(1).min(remaining)
        } else {
            fraction
        })
    }

    /// The current rep and the number of reps, for a step with reps that is being held.
    pub fn rep(&self, now: Moment) -> Option<(u32, u32)> {
        let Phase::Hold(slot) = self.phase else {
            return None;
        };
        let reps = self.routine.steps[self.slots[slot].step].reps?;
        let per_rep = self.planned(self.phase).as_secs_f64() / f64::from(reps);
        let rep = (self.elapsed(now).as_secs_f64() / per_rep).floor() as u32 + 1;
        Some((rep.min(reps), reps))
    }

    /// The current phase.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// True while paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// When the session started, by the wall clock.
    pub fn started_at(&self) -> DateTime<FixedOffset> {
        self.started_at
    }

    /// The routine being run.
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// Every planned step-side, in order.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// How it ended, once it has.
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }

    /// The session's record as of `at`: the final one once it has ended, otherwise the one
    /// that stands if the program dies now (outcome `interrupted`).
    pub fn record(&self, at: DateTime<FixedOffset>) -> SessionRecord {
        let steps = self
            .slots
            .iter()
            .zip(&self.done)
            .map(|(slot, (status, done_secs))| {
                let step = &self.routine.steps[slot.step];
                StepRecord {
                    name: step.name.clone(),
                    side: slot.side.map(|i| step.sides[i].clone()),
                    planned_secs: step.duration_secs,
                    done_secs: *done_secs,
                    status: (*status).into(),
                }
            })
            .collect();
        SessionRecord {
            v: FORMAT_VERSION,
            kind: SessionKind::Session,
            id: self.id.clone(),
            routine: self.routine.id.clone(),
            routine_name: self.routine.name.clone(),
            started_at: self.started_at,
            ended_at: Some(at),
            outcome: self.outcome.unwrap_or(Outcome::Interrupted).into(),
            steps,
            counts: self.routine.counts,
        }
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
