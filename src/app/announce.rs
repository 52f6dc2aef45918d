//! A session's moments in words: what plain mode prints one line at a time and what the
//! spoken cues say. Written for the ear and for screen readers: whole words, no symbols, the
//! step before the side ("Wall calf stretch, left foot, 30 seconds").
//!
//! The spoken words carry what the eyes would have read (the step a rest leads to, the foot a
//! switch goes to, the reps), since a person stretching in bed has them closed. Each cue has a
//! slot, the time before the next cue would cut it off, and is said in the longest of its
//! forms that fits there ([`super::spoken_length`]); plain mode's line is never shortened.
//!
//! Pure: made from the session and the phase that began.

use std::time::Duration;

use crate::core::routine::Step;
use crate::core::session::{Cue, Phase, Session};
use crate::core::text::capitalise;

use super::spoken_length::{estimate, fit};

/// The last seconds of a hold that are counted aloud.
pub const COUNT_FROM: u64 = 3;

/// How long the last words may go on once the session is over: the voice cuts them off then,
/// so that a hanging speaker never holds the exit for long.
pub const END_SLOT: Duration = Duration::from_secs(2);

/// The lead-in's words when there is no time to name the first step in them.
pub const GET_READY: &str = "Get ready";

/// What the first hold says once the lead-in has named it, so it is not said twice.
pub const GO: &str = "Go";

/// What kind of moment it is, for a speaker that treats some differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// The session starts with its get-ready countdown.
    GetReady,
    /// A step begins (its first side).
    Step,
    /// The same step, on its next side.
    Side,
    /// The pause to change sides.
    Switch,
    /// The rest before the next step.
    Rest,
    /// One of the last three seconds of a hold.
    Count(u64),
    /// A rep of a step that counts them begins (the second and later).
    Rep(u32),
    /// The countdown stopped: Space, or something that covers the screen.
    Paused,
    /// The countdown goes on.
    Resumed,
    /// The routine is over.
    Done,
}

/// One moment, as a line to read and as words to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    /// Which moment.
    pub moment: Moment,
    /// The whole line, for plain mode: "Rest 10 seconds. Next: Toe flexes".
    pub line: String,
    /// The words a speaker says, made to fit before the next cue: "Rest. Next: Toe flexes",
    /// or only "Rest" when the rest is short.
    pub spoken: String,
}

/// "left" reads as "Left foot"; other labels are shown as written, capitalised.
pub fn side_name(label: &str) -> String {
    match label.to_lowercase().as_str() {
        "left" => "Left foot".into(),
        "right" => "Right foot".into(),
        _ => capitalise(label),
    }
}

/// "left foot" inside a sentence; other labels as written.
fn side_in_sentence(label: &str) -> String {
    match label.to_lowercase().as_str() {
        "left" => "left foot".into(),
        "right" => "right foot".into(),
        _ => label.to_string(),
    }
}

/// "Switch to your right foot"; other labels as written, "Switch to right leg".
fn switch_to(label: &str) -> String {
    match label.to_lowercase().as_str() {
        "left" | "right" => format!("Switch to your {}", side_in_sentence(label)),
        _ => format!("Switch to {label}"),
    }
}

/// A duration in words: "1 second", "30 seconds", "1 minute 30 seconds".
pub fn duration_words(secs: u64) -> String {
    let unit = |n: u64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match (secs / 60, secs % 60) {
        (0, s) => unit(s, "second"),
        (m, 0) => unit(m, "minute"),
        (m, s) => format!("{} {}", unit(m, "minute"), unit(s, "second")),
    }
}

/// The step-side at `slot`: its step and side label.
fn slot_of(session: &Session, slot: usize) -> Option<(&Step, Option<&str>)> {
    let s = session.slots().get(slot)?;
    let step = session.routine().steps.get(s.step)?;
    let side = s.side.and_then(|i| step.sides.get(i)).map(String::as_str);
    Some((step, side))
}

/// "Wall calf stretch, left foot, 30 seconds" (and the reps, when the step counts them).
fn step_line(step: &Step, side: Option<&str>) -> String {
    let mut line = step.name.clone();
    if let Some(side) = side {
        line.push_str(&format!(", {}", side_in_sentence(side)));
    }
    line.push_str(&format!(", {}", duration_words(step.duration_secs)));
    if let Some(reps) = step.reps.filter(|r| *r > 1) {
        line.push_str(&format!(", {reps} times"));
    }
    line
}

/// "Wall calf stretch, left foot" for the ear.
fn step_spoken(step: &Step, side: Option<&str>) -> String {
    match side {
        Some(side) => format!("{}, {}", step.name, side_in_sentence(side)),
        None => step.name.clone(),
    }
}

/// The ways to say a step-side, longest first: with its reps ("Toe curls, 10 times"), then
/// without. The name is never dropped: it is what the eyes would have read.
fn step_forms(step: &Step, side: Option<&str>) -> Vec<String> {
    let name = step_spoken(step, side);
    match step.reps.filter(|r| *r > 1) {
        Some(reps) => vec![format!("{name}, {reps} times"), name],
        None => vec![name],
    }
}

/// The reps of the hold at `slot`, and how long each takes, when they are counted aloud:
/// the session divides a hold evenly into its reps (the screen's "rep 3 of 10"), so each
/// boundary is known; reps too short for their number to be said are not counted.
pub fn counted_reps(session: &Session, slot: usize) -> Option<(u32, Duration)> {
    let (step, _) = slot_of(session, slot)?;
    let reps = step.reps.filter(|r| *r > 1)?;
    let each = session.planned(Phase::Hold(slot)) / reps;
    (estimate(&rep_word(reps)) <= each).then_some((reps, each))
}

/// How long the words said as `phase` begins have before the next cue would cut them off.
pub fn slot(session: &Session, phase: Phase) -> Duration {
    let planned = session.planned(phase);
    match phase {
        Phase::Hold(slot) => match counted_reps(session, slot) {
            Some((_, each)) => each,
            None if planned > Duration::from_secs(COUNT_FROM) => {
                planned - Duration::from_secs(COUNT_FROM)
            }
            None => planned,
        },
        Phase::Done => END_SLOT,
        _ => planned,
    }
}

/// The step-side at `slot` by name, "Wall calf stretch, left foot", for plain mode's
/// countdown line.
pub fn hold_name(session: &Session, slot: usize) -> Option<String> {
    let (step, side) = slot_of(session, slot)?;
    Some(step_spoken(step, side))
}

/// The session's first words, as its get-ready countdown starts: the first step by name when
/// the lead-in is long enough to say it whole, else only [`GET_READY`] (and the hold names it).
pub fn get_ready(session: &Session) -> Option<Announcement> {
    let (step, side) = slot_of(session, 0)?;
    // Only the whole of it names the step: the first hold then says "Go" instead.
    let whole = step_forms(step, side).swap_remove(0);
    let forms = vec![format!("{GET_READY}. {whole}"), GET_READY.into()];
    Some(Announcement {
        moment: Moment::GetReady,
        line: format!("Get ready: {}", step_line(step, side)),
        spoken: fit(forms, slot(session, Phase::LeadIn)),
    })
}

/// The words for a cue as `phase` began; `None` for a cue that has nothing to say. The end
/// is not said here: its words wait for the record ([`super::verdict::end_words`]).
pub fn for_cue(session: &Session, cue: Cue, phase: Phase) -> Option<Announcement> {
    let room = slot(session, phase);
    let announcement = match (cue, phase) {
        (_, Phase::Done) | (Cue::Finished, _) => return None,
        (Cue::NextSide, Phase::Hold(slot)) => {
            let (step, side) = slot_of(session, slot)?;
            let side = side.map_or_else(|| step.name.clone(), side_name);
            Announcement {
                moment: Moment::Side,
                line: format!("{side}, {}", duration_words(step.duration_secs)),
                spoken: side,
            }
        }
        (_, Phase::Hold(slot)) => {
            let (step, side) = slot_of(session, slot)?;
            Announcement {
                moment: Moment::Step,
                line: step_line(step, side),
                spoken: fit(step_forms(step, side), room),
            }
        }
        (_, Phase::Switch(slot)) => {
            let (_, side) = slot_of(session, slot)?;
            let line = side.map_or_else(|| "Switch sides".to_string(), switch_to);
            Announcement {
                moment: Moment::Switch,
                spoken: fit(vec![line.clone(), "Switch".into()], room),
                line,
            }
        }
        (_, Phase::Rest(slot)) => {
            let (next, _) = slot_of(session, slot)?;
            let secs = session.planned(phase).as_secs();
            let forms = vec![format!("Rest. Next: {}", next.name), "Rest".into()];
            Announcement {
                moment: Moment::Rest,
                line: format!("Rest {}. Next: {}", duration_words(secs), next.name),
                spoken: fit(forms, room),
            }
        }
        (_, Phase::LeadIn) => return get_ready(session),
    };
    Some(announcement)
}

/// What is said when the countdown stops or goes on: the same for Space and for an overlay
/// such as the help, since a person with closed eyes cannot see which stopped it, only needs
/// to know whether the time runs.
pub fn paused(paused: bool) -> Announcement {
    let (moment, words) = if paused {
        (Moment::Paused, "Paused")
    } else {
        (Moment::Resumed, "Going on")
    };
    Announcement {
        moment,
        line: words.into(),
        spoken: words.into(),
    }
}

/// Rep `rep` of `reps` begins: "Rep 2 of 10" to read, "Two" to hear.
pub fn rep(rep: u32, reps: u32) -> Announcement {
    Announcement {
        moment: Moment::Rep(rep),
        line: format!("Rep {rep} of {reps}"),
        spoken: rep_word(rep),
    }
}

/// A rep's number as a word, up to twenty; past that, the digits, which a speaker reads.
fn rep_word(n: u32) -> String {
    const WORDS: [&str; 21] = [
        "Zero",
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "Eleven",
        "Twelve",
        "Thirteen",
        "Fourteen",
        "Fifteen",
        "Sixteen",
        "Seventeen",
        "Eighteen",
        "Nineteen",
        "Twenty",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// One of the last three seconds of a hold: "3", "2", "1".
pub fn count(secs: u64) -> Announcement {
    Announcement {
        moment: Moment::Count(secs),
        line: secs.to_string(),
        spoken: secs.to_string(),
    }
}

#[cfg(test)]
#[path = "announce_tests.rs"]
mod tests;
