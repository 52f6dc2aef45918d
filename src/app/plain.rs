//! Plain mode's words: a session told one line per event, for screen readers, logs, pipes
//! and terminals that cannot show the full screen.
//!
//! The lines are the announcements the spoken cues use, plus what only a key changes (a
//! pause, the quit question, a stretch that hurt), found by comparing what the session was
//! with what it is: a key that changed nothing prints nothing, and a change is told once.
//!
//! The lines carry every word the voice says, and more where the voice is shortened to fit
//! before the next cue ("Rest 10 seconds. Next: Toe curls" where a short rest says "Rest").
//! The last three seconds of a hold ("3", "2", "1") and a step's reps ("Two", "Three") are for
//! the ear alone. In a terminal the countdown line already shows the time and the rep; in a
//! log or a pipe a line per second would bury what happened. "Paused" and "Going on" come with
//! what a key can do about them. The spoken end gives way to the closing lines, which say the
//! same (how it ended, and whether tonight is kept) and more.
//!
//! Pure: made from the session screen's model and the effects of one update.

use crate::core::history::Outcome;
use crate::core::session::{Cue, Moment, Phase};

use super::Effect;
use super::announce::{self, Moment as Said};
use super::session::{Action, Overlay, Recorded, SessionApp};
use super::verdict::{saved_line, verdict};

/// What plain mode has told so far, so that each change is told once.
#[derive(Debug, Clone)]
pub struct PlainLines {
    /// The keys, in words, when keys can be read; `None` without a terminal to read them.
    keys: Option<String>,
    paused: bool,
    overlay: Overlay,
    skipped: usize,
    hurt: usize,
    save_problem: Option<String>,
}

impl PlainLines {
    /// Starts from the session as it is now. `keys` lists the session keys in words, for the
    /// help; `None` when there are no keys (no terminal), so no line asks for one.
    pub fn new(app: &SessionApp, keys: Option<String>) -> Self {
        let summary = app.summary();
        Self {
            keys,
            paused: app.session.is_paused(),
            overlay: app.overlay,
            skipped: summary.skipped,
            hurt: summary.hurt,
            save_problem: app.save_problem.clone(),
        }
    }

    /// The lines for one update, given the `effects` it returned. `action` is the key or
    /// signal behind it, if any: going back restarts a stretch without a cue, so only the
    /// key can tell it.
    pub fn lines(
        &mut self,
        app: &SessionApp,
        action: Option<Action>,
        effects: &[Effect],
    ) -> Vec<String> {
        let mut lines = Vec::new();
        let summary = app.summary();
        if summary.hurt > self.hurt {
            lines.push("Stopped: it hurt".to_string());
        } else if summary.skipped > self.skipped {
            lines.push("Skipped".to_string());
        }
        (self.skipped, self.hurt) = (summary.skipped, summary.hurt);
        let mut announced = false;
        for effect in effects {
            let Effect::Announce(words) = effect else {
                continue;
            };
            match words.moment {
                // For the ear alone, or told below with what a key can do about it.
                Said::Count(_) | Said::Rep(_) | Said::Done | Said::Paused | Said::Resumed => {}
                _ => {
                    announced = true;
                    lines.push(words.line.clone());
                }
            }
        }
        let finished = app.session.outcome().is_some();
        if action == Some(Action::Back) && !announced && !finished {
            lines.extend(again(app));
        }
        if !finished {
            lines.extend(self.pause_line(app));
        }
        (self.paused, self.overlay) = (app.session.is_paused(), app.overlay);
        if app.save_problem != self.save_problem {
            self.save_problem = app.save_problem.clone();
            if let Some(problem) = &self.save_problem {
                lines.push(format!("Progress not saved: {problem}"));
            }
        }
        lines
    }

    /// The words for a pause, a resume or a question that opened or closed.
    fn pause_line(&self, app: &SessionApp) -> Option<String> {
        let paused = app.session.is_paused();
        let line = match (self.overlay == app.overlay, app.overlay) {
            (true, _) if paused == self.paused => return None,
            (false, Overlay::ConfirmQuit) => {
                "Quit? Press y to quit and save what you did, n to keep going".to_string()
            }
            (false, Overlay::Help) => match &self.keys {
                Some(keys) => format!("{keys}. Paused; any key goes on"),
                None => "Paused".to_string(),
            },
            _ if paused => match self.keys {
                Some(_) => "Paused. Press Space to go on".to_string(),
                None => "Paused".to_string(),
            },
            _ => "Going on".to_string(),
        };
        Some(line)
    }
}

/// "Again: Wall calf stretch, left foot, 30 seconds", after going back.
fn again(app: &SessionApp) -> Option<String> {
    let session = &app.session;
    match session.phase() {
        phase @ Phase::Hold(_) => announce::for_cue(session, Cue::NextStep, phase)
            .map(|words| format!("Again: {}", words.line)),
        Phase::LeadIn => announce::get_ready(session).map(|words| words.line),
        _ => None,
    }
}

/// The last lines: how it ended, what it keeps, and whether it reached the history.
pub fn closing(app: &SessionApp) -> Vec<String> {
    if matches!(app.recorded, Recorded::Nothing) {
        return app.closing_note().into_iter().collect();
    }
    let summary = app.summary();
    let tonight_kept = match &app.recorded {
        Recorded::Saved(Some(stats)) => Some(stats.tonight_kept),
        _ => None,
    };
    let (heading, _) = verdict(&summary, tonight_kept);
    let ended = match summary.outcome {
        Outcome::Completed => "Done",
        _ => "Stopped",
    };
    let mut held = format!("{} of {} held", summary.completed, summary.planned);
    if summary.skipped > 0 {
        held.push_str(&format!(", {} skipped", summary.skipped));
    }
    if summary.hurt > 0 {
        held.push_str(&format!(", {} stopped because it hurt", summary.hurt));
    }
    let mut lines = vec![format!("{ended}: {held}. {heading}")];
    lines.extend(saved_line(&app.recorded));
    lines
}

/// The line a terminal rewrites in place: where the session is and the time left, as
/// "Wall calf stretch, left foot: 0:23 left". `None` once the session is over.
pub fn countdown(app: &SessionApp, now: Moment) -> Option<String> {
    let session = &app.session;
    let time = clock(session.shown_secs(now));
    let line = match session.phase() {
        Phase::LeadIn => format!("Get ready: {time}"),
        Phase::Hold(slot) => {
            let name = announce::hold_name(session, slot)?;
            match session.rep(now) {
                Some((rep, reps)) if reps > 1 => {
                    format!("{name}: {time} left, rep {rep} of {reps}")
                }
                _ => format!("{name}: {time} left"),
            }
        }
        Phase::Switch(_) => format!("Switch sides: {time}"),
        Phase::Rest(_) => format!("Rest: {time}"),
        Phase::Done => return None,
    };
    Some(if session.is_paused() {
        format!("Paused. {line}")
    } else {
        line
    })
}

/// Seconds as a clock reads them: "0:23", "1:30", "1:02:03".
fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
#[path = "plain_tests.rs"]
mod tests;
