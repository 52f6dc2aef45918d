//! Kept nights and the runs they make: the part of the stats a shell prompt needs. `Stats`
//! and `bedstretch status` both count streaks here, so that they cannot disagree, while
//! status pays only for the start and completion of each session, not for names and ids.
//! Pure: "now" is an argument.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use super::calendar::{Rules, WEEK, back, night_of, try_night_of};
use super::pause::{MAX_NIGHTS, nights_between};

/// Per night, the best completion of its counting sessions.
pub type Best = BTreeMap<NaiveDate, f64>;

/// Notes one counting session's completion on its night.
pub fn keep(best: &mut Best, night: NaiveDate, completion: f64) {
    let entry = best.entry(night).or_insert(0.0);
    *entry = entry.max(completion);
}

/// What streaks need of one session that counts (`counts` true): when it started and how
/// much of it was done.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountingSession {
    /// When it started, in the offset of the moment.
    pub started_at: DateTime<FixedOffset>,
    /// Completed over planned step-sides.
    pub completion: f64,
}

/// Tonight and the streaks as of one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Streaks {
    /// Tonight, as of the moment.
    pub tonight: NaiveDate,
    /// Whether tonight is already kept.
    pub tonight_kept: bool,
    /// The run of kept nights ending tonight, or last night while tonight is open.
    pub current_streak: u32,
    /// The longest run ever.
    pub longest_streak: u32,
}

impl Streaks {
    /// The streaks as of `as_of`, from the start and completion of every counting session
    /// (`counts` true), each id once; sessions started after `as_of` are left out here, so
    /// the answer is the one `Stats::compute` gives for the same sessions and moment.
    pub fn as_of(
        counting: impl IntoIterator<Item = CountingSession>,
        rules: &Rules,
        as_of: DateTime<FixedOffset>,
    ) -> Self {
        let mut best = Best::new();
        for session in counting {
            if session.started_at > as_of {
                continue;
            }
            // A night that cannot be placed cannot keep a streak, as in `Stats::compute`.
            if let Some(night) = try_night_of(session.started_at, rules.day_starts_at) {
                keep(&mut best, night, session.completion);
            }
        }
        Self::of(&best, rules, night_of(as_of, rules.day_starts_at))
    }

    /// The streaks of nights whose best completions are `best`, with `tonight` still open.
    pub fn of(best: &Best, rules: &Rules, tonight: NaiveDate) -> Self {
        let nights = Nights { best, rules };
        let tonight_kept = nights.is_kept(tonight);
        let current_streak = nights.run_ending(if tonight_kept {
            tonight
        } else {
            back(tonight, 1)
        });
        Self {
            tonight,
            tonight_kept,
            current_streak,
            longest_streak: nights.longest().max(current_streak),
        }
    }
}

/// The fewest kept nights a run must have had for home to offer pausing the nights since it
/// broke: a night or two missed after a night or two kept is not a streak lost.
pub const MIN_LOST_RUN: u32 = 3;

/// A streak that broke lately: the run that ended, and the nights missed since, to last night.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Broken {
    /// Kept nights in the run that ended.
    pub after: u32,
    /// The first night missed.
    pub from: NaiveDate,
    /// Last night.
    pub until: NaiveDate,
}

/// Nights and their best completions, read under the rules.
#[derive(Debug, Clone, Copy)]
pub struct Nights<'a> {
    /// Per night, the best completion of its counting sessions.
    pub best: &'a Best,
    /// The rules that make a night kept or a rest day.
    pub rules: &'a Rules,
}

impl Nights<'_> {
    /// Whether `night` is one of the rest days.
    pub fn is_rest(&self, night: NaiveDate) -> bool {
        self.rules.rest_days.contains(&night.weekday())
    }

    /// Whether `night` is paused by a pause line.
    pub fn is_paused(&self, night: NaiveDate) -> bool {
        self.rules.paused.contains(night)
    }

    /// Whether a session of `night` reached `min_completion`.
    pub fn is_kept(&self, night: NaiveDate) -> bool {
        self.best
            .get(&night)
            .is_some_and(|c| *c >= self.rules.min_completion)
    }

    /// The streak that broke lately, as of `tonight`: a run of at least [`MIN_LOST_RUN`] kept
    /// nights ended, nothing was kept since (tonight neither), and the nights since, to last
    /// night, are at most a pause's [`MAX_NIGHTS`]. `None` otherwise: then there is nothing a
    /// pause of those nights could make whole.
    pub fn broken(&self, tonight: NaiveDate) -> Option<Broken> {
        if self.is_kept(tonight) {
            return None;
        }
        let last = tonight.pred_opt()?;
        let (kept, _) = self
            .best
            .range(..=last)
            .rev()
            .find(|(_, c)| **c >= self.rules.min_completion)?;
        let from = kept.succ_opt()?;
        let after = self.run_ending(*kept);
        let lost = !self.only_bridges(Some(from), last);
        (lost && after >= MIN_LOST_RUN && nights_between(from, last) <= MAX_NIGHTS).then_some(
            Broken {
                after,
                from,
                until: last,
            },
        )
    }

    /// Kept nights in the run ending at `last`; rest days and paused nights bridge it without
    /// counting. Walks from kept night to kept night, never day by day, so a history that
    /// spans the whole calendar costs no more than its nights.
    fn run_ending(&self, last: NaiveDate) -> u32 {
        let mut count = 0;
        let mut until = Some(last);
        let counted = self
            .best
            .range(..=last)
            .rev()
            .filter(|(night, c)| **c >= self.rules.min_completion && !self.is_rest(**night))
            .map(|(night, _)| *night);
        for night in counted {
            // Every night after this one, up to where the run has reached, must bridge it.
            let Some(end) = until else { break };
            if !self.only_bridges(night.succ_opt(), end) {
                break;
            }
            count += 1;
            until = night.pred_opt();
        }
        count
    }

    /// The longest run of kept nights, rest days and paused nights bridging without counting.
    fn longest(&self) -> u32 {
        let (mut best, mut run) = (0, 0);
        let mut previous: Option<NaiveDate> = None;
        let kept = self
            .best
            .iter()
            .filter(|(night, c)| **c >= self.rules.min_completion && !self.is_rest(**night))
            .map(|(night, _)| *night);
        for night in kept {
            let bridged = previous
                .is_some_and(|p| self.only_bridges(p.succ_opt(), night.pred_opt().unwrap_or(p)));
            run = if bridged { run + 1 } else { 1 };
            best = best.max(run);
            previous = Some(night);
        }
        best
    }

    /// True when every night from `from` to `to`, both included, is a rest day or paused;
    /// true for none at all (`from` after `to`, or no `from`).
    fn only_bridges(&self, from: Option<NaiveDate>, to: NaiveDate) -> bool {
        // A week or more holds every weekday: when all are rest days, every gap is bridged.
        if WEEK.iter().all(|d| self.rules.rest_days.contains(d)) {
            return true;
        }
        // Each step passes a rest day or a whole paused run, and at most six rest days come
        // in a row, so the walk is bounded by the pauses, never by the length of the gap.
        let mut night = from;
        while let Some(n) = night.filter(|n| *n <= to) {
            night = match self.rules.paused.run_end(n) {
                Some(end) => end.succ_opt(),
                None if self.is_rest(n) => n.succ_opt(),
                None => return false,
            };
        }
        true
    }
}
