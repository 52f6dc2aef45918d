//! A session's moments in words: what plain mode prints one line at a time and what the
//! spoken cues say. Written for the ear and for screen readers: whole words, no symbols, the
//! step before the side ("Wall calf stretch, left foot, 30 seconds").
//!
//! Pure: made from the session and the phase that began.

use crate::core::routine::Step;
use crate::core::session::{Cue, Phase, Session};
use crate::core::text::capitalise;

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
    /// The few words a speaker says: "Rest".
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

/// The step-side at `slot` by name, "Wall calf stretch, left foot", for plain mode's
/// countdown line.
pub fn hold_name(session: &Session, slot: usize) -> Option<String> {
    let (step, side) = slot_of(session, slot)?;
    Some(step_spoken(step, side))
}

/// The session's first words, as its get-ready countdown starts.
pub fn get_ready(session: &Session) -> Option<Announcement> {
    let (step, side) = slot_of(session, 0)?;
    Some(Announcement {
        moment: Moment::GetReady,
        line: format!("Get ready: {}", step_line(step, side)),
        spoken: format!("Get ready. {}", step_spoken(step, side)),
    })
}

/// The words for a cue as `phase` began; `None` for a cue that has nothing to say.
pub fn for_cue(session: &Session, cue: Cue, phase: Phase) -> Option<Announcement> {
    let announcement = match (cue, phase) {
        (_, Phase::Done) | (Cue::Finished, _) => Announcement {
            moment: Moment::Done,
            line: "Done.".into(),
            spoken: "Done".into(),
        },
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
                spoken: step_spoken(step, side),
            }
        }
        (_, Phase::Switch(slot)) => {
            let (_, side) = slot_of(session, slot)?;
            let line = match side {
                Some(side) => format!("Switch to the {}", side_in_sentence(side)),
                None => "Switch sides".to_string(),
            };
            Announcement {
                moment: Moment::Switch,
                line,
                spoken: "Switch sides".into(),
            }
        }
        (_, Phase::Rest(slot)) => {
            let (next, _) = slot_of(session, slot)?;
            let secs = session.planned(Phase::Rest(slot)).as_secs();
            Announcement {
                moment: Moment::Rest,
                line: format!("Rest {}. Next: {}", duration_words(secs), next.name),
                spoken: "Rest".into(),
            }
        }
        (_, Phase::LeadIn) => return get_ready(session),
    };
    Some(announcement)
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
