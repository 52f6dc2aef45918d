//! What a finished session means for tonight, in words: the summary screen's heading and
//! plain mode's last line both say it, so they can never disagree. It tells the truth: no
//! praise for a session that kept nothing.

use crate::core::history::Outcome;
use crate::core::stats::nights;

use super::session::{Recorded, Summary};

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
