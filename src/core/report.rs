//! The report a person hands to a clinician: a period of nights ending last night, with
//! adherence week by week, every night's sessions and diary entry, the routines used, the
//! steps stopped with "this hurts", and the cramp comparison over the same nights.
//!
//! Every night's verdict is asked of [`Stats`] and the comparison of [`cramps::compare`], so
//! the report can never disagree with the streak or with `bedstretch stats`; a personal
//! trial's review is [`trial_review::review`]'s, as `program review` gives it, and the nights
//! worth discussing are [`worth_discussing::nights`]'. Pure: the shell reads the history and
//! the clock, and renders the result as Markdown, CSV or HTML.

use super::pause::{PauseRecord, pauses};
use std::fmt;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate};

use super::calendar::{Rules, try_night_of};
use super::cramps::{self, Comparison, HurtStep, MAX_WINDOW_NIGHTS};
use super::history::{CrampRecord, latest_per_night};
use super::program::Program;
use super::stats::{Hurt, NightState, SessionFacts, Stats};
use super::trial_review::{self, Review};
use super::worth_discussing::{self, Reason};

/// Everything the report shows, in the order a reader meets it.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The moment the report was made as of.
    pub as_of: DateTime<FixedOffset>,
    /// The first night of the period.
    pub first_night: NaiveDate,
    /// The last night of the period: last night, as seen from tonight.
    pub last_night: NaiveDate,
    /// How a night counts, in words, so the reader knows what "kept" means.
    pub rule: String,
    /// The whole period's figures.
    pub totals: Tally,
    /// Monday-to-Sunday weeks, oldest first, from the week of the first session or diary
    /// entry; the first and last may be cut by the period. None for a history with neither.
    pub weeks: Vec<Week>,
    /// Every night of the period, oldest first.
    pub nights: Vec<Night>,
    /// Each routine by the name it ran under, most sessions first.
    pub routines: Vec<RoutineUse>,
    /// Step-sides stopped with "this hurts" in the period, most often first.
    pub hurt_steps: Vec<HurtStep>,
    /// Nights after a kept routine against the others, over the same period.
    pub comparison: Comparison,
    /// The review of the latest personal trial, when there is one, as of tonight.
    pub trial: Option<Review>,
    /// The period's diary nights worth showing a doctor, oldest first, with their reasons.
    pub worth_discussing: Vec<(NaiveDate, Vec<Reason>)>,
    /// The pauses that cover a night of the period and stand, oldest first; see
    /// [`Report::with_pauses`].
    pub pauses: Vec<PauseRecord>,
}

/// One night of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Night {
    /// The night.
    pub night: NaiveDate,
    /// Kept, partly, missed, a rest day, or before the first session ever.
    pub state: NightState,
    /// Sessions that started on it (a `counts = false` one included).
    pub sessions: u32,
    /// The routine name of each of those sessions, in the order they started.
    pub routines: Vec<String>,
    /// Where "this hurts" stopped its sessions.
    pub hurt: Vec<Hurt>,
    /// The morning diary's entry for it (the latest, when it was noted twice).
    pub entry: Option<CrampRecord>,
    /// A rest day from the first use on, whatever was done on it: the rest days the
    /// comparison leaves out, so that the report counts them once.
    pub rest_day: bool,
}

/// A week of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    /// Its first night in the period (a Monday, unless the period starts mid-week).
    pub first: NaiveDate,
    /// Its last night in the period (a Sunday, unless the period ends mid-week).
    pub last: NaiveDate,
    /// Its figures.
    pub tally: Tally,
}

/// Figures over a run of nights.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Nights in the run.
    pub nights: u32,
    /// Nights that were due: not a rest day (unless kept all the same), and not before the
    /// first session ever, which would count weeks not yet started as missed.
    pub due: u32,
    /// Nights kept, rest days included.
    pub kept: u32,
    /// Rest days from the first use on, kept or not, as the comparison counts them.
    pub rest: u32,
    /// Of those, the ones kept all the same (and so counted as due and kept).
    pub rest_kept: u32,
    /// Nights before the first session ever.
    pub not_started: u32,
    /// Sessions started in the run.
    pub sessions: u32,
    /// Nights with a diary entry.
    pub entries: u32,
    /// Nights whose entry says there was a cramp (severity above 0).
    pub cramp_nights: u32,
}

/// How often a routine ran in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineUse {
    /// The routine's name when it ran.
    pub name: String,
    /// Sessions of it.
    pub sessions: u32,
}

/// Why a `--since` cannot make a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceError {
    /// The night has not ended yet, so it has nothing to report.
    NotEnded {
        /// The night asked for.
        since: NaiveDate,
        /// The latest night that would do.
        last_night: NaiveDate,
    },
    /// Further back than [`MAX_WINDOW_NIGHTS`], which the comparison cannot cover.
    TooFarBack {
        /// The night asked for.
        since: NaiveDate,
        /// The earliest night that would do.
        earliest: NaiveDate,
    },
    /// Tonight sits at the calendar's very start: there is no night before it.
    NoNights,
}

impl fmt::Display for SinceError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            SinceError::NotEnded { since, last_night } => write!(
                f,
                "--since: the night of {since} has not ended yet; a report covers nights \
                 up to last night, such as --since {last_night}"
            ),
            SinceError::TooFarBack { since, earliest } => write!(
                f,
                "--since: {since} is more than {MAX_WINDOW_NIGHTS} nights ago; a report \
                 covers at most that many, such as --since {earliest}"
            ),
            SinceError::NoNights => write!(f, "--since: there is no night before tonight"),
        }
    }
}

impl std::error::Error for SinceError {}

impl Tally {
    /// Kept over due, 0 to 1; `None` when no night was due.
    pub fn share_kept(&self) -> Option<f64> {
        (self.due > 0).then(|| f64::from(self.kept) / f64::from(self.due))
    }

    fn add(&mut self, night: &Night) {
        self.nights += 1;
        match night.state {
            NightState::Kept => {
                self.due += 1;
                self.kept += 1;
            }
            NightState::BeforeStart => self.not_started += 1,
            NightState::Rest => {}
            _ => self.due += 1,
        }
        if night.rest_day {
            self.rest += 1;
            self.rest_kept += u32::from(night.state == NightState::Kept);
        }
        self.sessions += night.sessions;
        if let Some(entry) = &night.entry {
            self.entries += 1;
            if entry.severity > 0 {
                self.cramp_nights += 1;
            }
        }
    }
}

/// The report as of `as_of` for the nights from `since` (by default the comparison's usual
/// [`cramps::DEFAULT_WINDOW_NIGHTS`] before tonight) up to last night, with the review of
/// `program` when there is one. Tonight is left out: it is still open, and its diary entry
/// comes tomorrow morning.
pub fn build(
    sessions: &[SessionFacts],
    cramps: &[CrampRecord],
    rules: &Rules,
    as_of: DateTime<FixedOffset>,
    since: Option<NaiveDate>,
    program: Option<&Program>,
) -> Result<Report, SinceError> {
    let stats = Stats::compute(sessions, rules, as_of);
    let tonight = stats.tonight;
    let last_night = tonight.pred_opt().ok_or(SinceError::NoNights)?;
    let earliest = tonight
        .checked_sub_days(Days::new(u64::from(MAX_WINDOW_NIGHTS)))
        .unwrap_or(NaiveDate::MIN);
    let first_night = match since {
        Some(since) if since > last_night => {
            return Err(SinceError::NotEnded { since, last_night });
        }
        Some(since) if since < earliest => return Err(SinceError::TooFarBack { since, earliest }),
        Some(since) => since,
        None => tonight
            .checked_sub_days(Days::new(u64::from(cramps::DEFAULT_WINDOW_NIGHTS)))
            .unwrap_or(earliest)
            .max(earliest),
    };
    // At most MAX_WINDOW_NIGHTS, by the checks above.
    let window = (tonight - first_night).num_days().max(0) as u32;
    let comparison = cramps::compare(sessions, cramps, rules, tonight, window);
    let began = cramps::first_use(sessions, cramps, rules);
    let nights = nights(
        sessions,
        cramps,
        rules,
        &stats,
        as_of,
        (first_night, last_night),
        began,
    );
    let mut totals = Tally::default();
    let mut weeks: Vec<Week> = Vec::new();
    for night in &nights {
        totals.add(night);
        match weeks.last_mut() {
            Some(week) if week.first.iso_week() == night.night.iso_week() => {
                week.last = night.night;
                week.tally.add(night);
            }
            _ => {
                let mut week = Week {
                    first: night.night,
                    last: night.night,
                    tally: Tally::default(),
                };
                week.tally.add(night);
                weeks.push(week);
            }
        }
    }
    // A young history's weeks start at its first record, not 90 nights back.
    weeks.retain(|week| began.is_some_and(|began| week.last >= began));
    Ok(Report {
        as_of,
        first_night,
        last_night,
        rule: stats.rule_in_words(),
        totals,
        weeks,
        routines: routines(&nights),
        hurt_steps: cramps::hurt_steps(sessions, rules, first_night, last_night),
        nights,
        comparison,
        trial: program.map(|p| trial_review::review(p, sessions, cramps, rules, tonight)),
        worth_discussing: worth_discussing_in(cramps, first_night, last_night),
        pauses: Vec::new(),
    })
}

impl Report {
    /// The report, with the pauses among `records` that cover a night of its period and were
    /// not cancelled, oldest first.
    pub fn with_pauses(mut self, records: &[PauseRecord]) -> Self {
        let period = self.first_night..=self.last_night;
        let mut standing: Vec<PauseRecord> = pauses(records)
            .into_iter()
            .filter(|p| !p.cancelled && p.from <= *period.end() && p.until >= *period.start())
            .collect();
        standing.reverse();
        self.pauses = standing;
        self
    }

    /// The reason of the pause that covers `night`, if one does ("" for none given).
    pub fn paused_why(&self, night: NaiveDate) -> Option<&str> {
        let pause = self
            .pauses
            .iter()
            .find(|p| (p.from..=p.until).contains(&night))?;
        Some(pause.why.as_deref().unwrap_or(""))
    }
}

/// The nights of `first..=last` worth discussing, judged on the whole diary as read (one
/// entry a night), so that severe nights just before the period still count.
fn worth_discussing_in(
    cramps: &[CrampRecord],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, Vec<Reason>)> {
    let diary = latest_per_night(cramps.iter().cloned());
    worth_discussing::nights(&diary)
        .into_iter()
        .filter(|(night, _)| (first..=last).contains(night))
        .collect()
}

/// Every night from `first` to `last`, with what was done and noted on it; `began` is the
/// night of the first use.
fn nights(
    sessions: &[SessionFacts],
    cramps: &[CrampRecord],
    rules: &Rules,
    stats: &Stats,
    as_of: DateTime<FixedOffset>,
    (first, last): (NaiveDate, NaiveDate),
    began: Option<NaiveDate>,
) -> Vec<Night> {
    let mut nights: Vec<Night> = first
        .iter_days()
        .take_while(|night| *night <= last)
        .map(|night| Night {
            night,
            state: state(stats, rules, night),
            sessions: 0,
            routines: Vec::new(),
            hurt: Vec::new(),
            entry: None,
            rest_day: rules.rest_days.contains(&night.weekday())
                && began.is_some_and(|began| night >= began),
        })
        .collect();
    let index = |night: NaiveDate| usize::try_from((night - first).num_days()).ok();
    let mut ordered: Vec<&SessionFacts> = sessions.iter().collect();
    ordered.sort_by_key(|s| s.started_at);
    let mut seen = std::collections::HashSet::new();
    for session in ordered {
        // As of the moment, like the streak; each id once, like every reader.
        if session.started_at > as_of || !seen.insert(session.id.as_str()) {
            continue;
        }
        let Some(night) = try_night_of(session.started_at, rules.day_starts_at)
            .filter(|n| (first..=last).contains(n))
            .and_then(index)
            .and_then(|i| nights.get_mut(i))
        else {
            continue;
        };
        night.sessions += 1;
        night.routines.push(session.routine_name.clone());
        night.hurt.extend(session.hurt.iter().cloned());
    }
    for entry in latest_per_night(cramps.iter().cloned()) {
        if let Some(night) = index(entry.night).and_then(|i| nights.get_mut(i))
            && night.night == entry.night
        {
            night.entry = Some(entry);
        }
    }
    nights
}

/// The streak's verdict on a night, except that a rest day with only a partial session is a
/// rest day: rest days neither break nor extend a streak, so it was never due.
fn state(stats: &Stats, rules: &Rules, night: NaiveDate) -> NightState {
    match stats.night_state(night) {
        NightState::Partly if rules.rest_days.contains(&night.weekday()) => NightState::Rest,
        state => state,
    }
}

/// Sessions per routine name, most first; ties by name so the order is stable.
fn routines(nights: &[Night]) -> Vec<RoutineUse> {
    let mut counts: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    for name in nights.iter().flat_map(|n| &n.routines) {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    let mut used: Vec<RoutineUse> = counts
        .into_iter()
        .map(|(name, sessions)| RoutineUse {
            name: name.to_owned(),
            sessions,
        })
        .collect();
    used.sort_by_key(|r| std::cmp::Reverse(r.sessions));
    used
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
