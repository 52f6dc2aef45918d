//! What the stats screen's second page shows of a personal trial: the review of its two
//! periods, or, before the review opens, when it opens and where the person stands. Worked
//! out with the cramp comparison, when tonight changes or the history is read again: the
//! review draws two thousand bootstrap resamples.

use chrono::NaiveDate;

use crate::core::calendar::Rules;
use crate::core::program::Program;
use crate::core::text::hundredths;
use crate::core::trial_review::{self, Review};

use super::known::Known;

/// Which page of the stats screen shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatsPage {
    /// The cramp comparison, the strip and the streak in words.
    #[default]
    Cramps,
    /// The personal trial's review, when there is a trial.
    Trial,
}

/// The trial's page as of one night.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialPage {
    /// The review, with its figures and verdict.
    pub review: Review,
    /// Where the person stands tonight, in one line.
    pub standing: String,
    /// False before the review opens (the program's second week): the page then says when
    /// it opens, and no figure yet.
    pub open: bool,
    /// Cramps a night, week by week, for the chart.
    pub weeks: Vec<WeekBar>,
}

/// One week of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekBar {
    /// "Before 1", "Week 3".
    pub label: String,
    /// True for the routine's weeks, false for the baseline's.
    pub in_program: bool,
    /// What the diary says of it.
    pub mark: WeekMark,
}

/// What a week of the chart holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WeekMark {
    /// The mean cramps a night over its nights noted.
    Cramps(f64),
    /// Its nights have begun, and none was noted.
    NoEntries,
    /// Its first night is tonight or later.
    ToCome,
}

impl TrialPage {
    /// The page of the trial that stands, as of `tonight`; `None` when no program line was
    /// ever written.
    pub fn compute(known: &Known, rules: &Rules, tonight: NaiveDate) -> Option<Self> {
        let program = Program::latest(&known.programs, rules.day_starts_at)?;
        let review = trial_review::review(&program, &known.sessions, &known.cramps, rules, tonight);
        let standing = trial_review::standing(&program, &review, tonight);
        let open = review.complete || tonight >= review.opens_on;
        let weeks = review
            .weeks
            .iter()
            .map(|week| WeekBar {
                label: week.label.clone(),
                in_program: week.first_night >= review.program_from,
                mark: match week.cramps_per_night {
                    Some(mean) => WeekMark::Cramps(mean),
                    None if week.first_night >= tonight => WeekMark::ToCome,
                    None => WeekMark::NoEntries,
                },
            })
            .collect();
        Some(Self {
            review,
            standing,
            open,
            weeks,
        })
    }

    /// The verdict without the two means, for a narrow screen: "Cramps were less frequent:
    /// -1.95 a night (95 % interval -2.50 to -1.43)." The whole verdict when there is no
    /// difference to give.
    pub fn short_verdict(&self) -> String {
        let Some(d) = &self.review.difference else {
            return self.review.verdict.clone();
        };
        let lead = if self.review.complete {
            "Cramps were"
        } else {
            "So far, cramps were"
        };
        format!(
            "{lead} {}: {} a night (95 % interval {} to {}).",
            d.direction(),
            hundredths(d.cramps_per_night),
            hundredths(d.ci95[0]),
            hundredths(d.ci95[1])
        )
    }

    /// The shortest verdict, for the smallest screen: "Cramps less frequent: -1.95 a night."
    pub fn tiny_verdict(&self) -> String {
        match &self.review.difference {
            Some(d) => format!(
                "Cramps {}: {} a night.",
                d.direction(),
                hundredths(d.cramps_per_night)
            ),
            None => self.review.verdict.clone(),
        }
    }
}
