//! What a finished session means for tonight, in words: the summary screen's heading and
//! plain mode's last line both say it, so they can never disagree. It tells the truth: no
//! praise for a session that kept nothing.

use crate::core::history::Outcome;
use crate::core::session::Phase;
use crate::core::stats::nights;

use super::announce::{self, Announcement, Moment};
use super::session::{Recorded, SessionApp, Summary};
use super::spoken_length::fit;

/// The summary's heading and the sentence under it. `tonight_kept` is what the history says
/// once this session is in it, when that is known: an earlier session may have kept the
/// night already, and then saying "not kept yet" would be untrue.
pub fn verdict(summary: &Summary, tonight_kept: Option<bool>) -> (&'static str, String) {
    let held = format!("{} of {}", summary.completed, summary.planned);
    if !summary.counts {
        return (
            "This routine does not count toward your streak.",
            format!("You held {held} stretches; the session is in your history."),
        );
    }
    if !summary.keeps_the_night && tonight_kept == Some(true) {
        return (
            "Tonight was already kept.",
            format!(
                "This time you held {held} stretches; {} of them keep a night.",
                summary.needed()
            ),
        );
    }
    match (summary.keeps_the_night, summary.outcome) {
        (true, _) if summary.hurt > 0 => (
            "Tonight is kept. Go gently with what hurt.",
            format!("You held {held} stretches."),
        ),
        (true, Outcome::Completed) => (
            "Tonight is kept. Sleep well.",
            format!("You held {held} stretches."),
        ),
        (true, _) => (
            "Stopped early, and tonight is still kept.",
            format!("You held {held} stretches."),
        ),
        (false, _) => (
            "Tonight is not kept yet.",
            format!(
                "You held {held} stretches; {} of them keep a night.",
                summary.needed()
            ),
        ),
    }
}

/// Whether the session reached the history, and the streak after it: the last words of the
/// summary screen and of plain mode. `None` while that is not known yet, or when nothing was
/// recorded (the closing note says so).
pub fn saved_line(recorded: &Recorded) -> Option<String> {
    match recorded {
        Recorded::Saved(Some(stats)) => {
            let tonight = if stats.tonight_kept {
                "tonight kept"
            } else {
                "tonight not kept yet"
            };
            Some(format!(
                "Saved. Streak: {}, {tonight}.",
                nights(stats.current_streak)
            ))
        }
        Recorded::Saved(None) => Some("Saved to your history.".to_string()),
        Recorded::Failed(problem) => Some(format!("Not in your history yet: {problem}.")),
        Recorded::Pending | Recorded::Nothing => None,
    }
}

/// The last spoken words of a session that ran to its end, once the history has answered:
/// whether tonight is kept, as the summary says it, made to fit before the voice is cut off.
/// `None` for a session that was quit (the person pressed the keys and knows) or whose record
/// is not answered yet.
pub fn end_words(app: &SessionApp) -> Option<Announcement> {
    if app.session.outcome() != Some(Outcome::Completed) {
        return None;
    }
    let summary = app.summary();
    let held = format!("Done. {} of {} held", summary.completed, summary.planned);
    let forms = match &app.recorded {
        Recorded::Pending | Recorded::Nothing => return None,
        _ if !summary.counts => vec!["Done.".to_string()],
        Recorded::Failed(_) => vec!["Done. Not saved.".to_string()],
        Recorded::Saved(stats) => {
            let tonight_kept = stats.as_ref().map(|s| s.tonight_kept);
            match (summary.keeps_the_night, tonight_kept) {
                (true, _) | (_, Some(true)) => vec!["Done. Tonight is kept.".to_string()],
                (false, Some(false)) => vec![
                    format!("{held}; tonight is not kept yet."),
                    "Done. Tonight is not kept yet.".to_string(),
                    "Done. Not kept yet.".to_string(),
                ],
                // The history could not be read back: an earlier session may have kept it.
                (false, None) => vec![format!("{held}."), "Done.".to_string()],
            }
        }
    };
    let spoken = fit(forms, announce::slot(&app.session, Phase::Done));
    Some(Announcement {
        moment: Moment::Done,
        line: spoken.clone(),
        spoken,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(completed: usize, outcome: Outcome) -> Summary {
        Summary {
            outcome,
            completed,
            skipped: 0,
            hurt: 0,
            planned: 10,
            held_secs: 0,
            keeps_the_night: completed >= 8,
            counts: true,
            min_completion: 0.8,
        }
    }

    #[test]
    fn a_routine_that_does_not_count_says_so_and_never_claims_the_night() {
        let relief = Summary {
            counts: false,
            keeps_the_night: false,
            ..summary(10, Outcome::Completed)
        };
        let (heading, sentence) = verdict(&relief, Some(false));
        assert_eq!(heading, "This routine does not count toward your streak.");
        assert_eq!(
            sentence,
            "You held 10 of 10 stretches; the session is in your history."
        );
    }

    #[test]
    fn the_heading_never_praises_a_night_that_is_not_kept() {
        let (heading, _) = verdict(&summary(10, Outcome::Completed), Some(true));
        assert_eq!(heading, "Tonight is kept. Sleep well.");
        let (heading, sentence) = verdict(&summary(3, Outcome::Completed), Some(false));
        assert_eq!(heading, "Tonight is not kept yet.");
        assert_eq!(
            sentence,
            "You held 3 of 10 stretches; 8 of them keep a night."
        );
        let (heading, _) = verdict(&summary(3, Outcome::Quit), None);
        assert_eq!(heading, "Tonight is not kept yet.");
        let (heading, _) = verdict(&summary(3, Outcome::Quit), Some(true));
        assert_eq!(
            heading, "Tonight was already kept.",
            "an earlier session kept it"
        );
    }
}
