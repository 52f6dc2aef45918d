//! What the stats page shows of the cramp diary: the comparison of stretched nights against
//! the others, and twelve weeks of nights with their diary entries beside whether each was
//! kept; and the personal trial's page when there is one. Worked out when tonight changes or
//! the history is read again, never per frame: the comparison draws two thousand bootstrap
//! resamples.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::core::calendar::Rules;
use crate::core::cramps::{self, Comparison};
use crate::core::stats::{NightState, Stats};

use super::known::Known;
use super::trial_page::TrialPage;

/// Weeks the strip shows, tonight's week last, as the heatmap does.
pub const STRIP_WEEKS: u32 = 12;
/// The worst severity the diary knows; a larger byte from a stranger's file is read as this.
pub const MAX_SEVERITY: u8 = 10;

/// One night of the strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StripNight {
    /// The night.
    pub night: NaiveDate,
    /// Whether it was kept, as the streak sees it.
    pub state: NightState,
    /// What the diary says of it.
    pub diary: Diary,
}

impl StripNight {
    /// Nothing to show: before the history began, or still to come.
    pub fn is_blank(&self) -> bool {
        matches!(self.state, NightState::BeforeStart | NightState::Future)
            && self.diary == Diary::NotDue
    }
}

/// The diary's word on one night.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diary {
    /// Noted, with its severity: 0 (no cramp) to [`MAX_SEVERITY`].
    Noted(u8),
    /// A night that could have been noted and was not.
    Missing,
    /// Nothing to note yet or ever: tonight (its entry comes in the morning), the future, and
    /// the nights before the first session.
    NotDue,
}

/// The comparison and the strip, as of one night.
#[derive(Debug, Clone, PartialEq)]
pub struct CrampStats {
    /// Stretched nights against the others over [`cramps::DEFAULT_WINDOW_NIGHTS`].
    pub comparison: Comparison,
    /// [`STRIP_WEEKS`] weeks of seven nights, Monday first, the last holding tonight.
    pub weeks: Vec<[StripNight; 7]>,
    /// The personal trial's page, when a program line was ever written.
    pub trial: Option<TrialPage>,
}

impl CrampStats {
    /// The comparison up to last night, the strip around tonight and the trial's review, from
    /// what home read.
    pub fn compute(known: &Known, stats: &Stats, rules: &Rules) -> Self {
        let comparison = cramps::compare(
            &known.sessions,
            &known.cramps,
            rules,
            stats.tonight,
            cramps::DEFAULT_WINDOW_NIGHTS,
        );
        // `Known` holds each night's latest entry already; should a night come twice, the
        // later one in the list wins, as it does when the diary is read.
        let severity: BTreeMap<NaiveDate, u8> = known
            .cramps
            .iter()
            .map(|entry| (entry.night, entry.severity.min(MAX_SEVERITY)))
            .collect();
        let weeks = stats
            .heatmap(STRIP_WEEKS)
            .into_iter()
            .map(|week| {
                week.map(|(night, state)| {
                    let diary = match severity.get(&night) {
                        Some(severity) => Diary::Noted(*severity),
                        None if night >= stats.tonight || state == NightState::BeforeStart => {
                            Diary::NotDue
                        }
                        None => Diary::Missing,
                    };
                    StripNight {
                        night,
                        state,
                        diary,
                    }
                })
            })
            .collect();
        let trial = TrialPage::compute(known, rules, stats.tonight);
        Self {
            comparison,
            weeks,
            trial,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration, FixedOffset};

    use super::*;
    use crate::app::home::{HistoryState, HomeApp};
    use crate::core::cramps::Verdict;
    use crate::core::history::{CrampKind, CrampRecord};
    use crate::core::stats::SessionFacts;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("time")
    }

    /// Thirty evenings up to last night (Sunday 22 November), every other one kept; the diary
    /// says a cramp after each missed one and none after each kept one.
    fn month(with_diary: bool) -> Known {
        let last = at("2026-11-22T22:00:00+01:00");
        let mut known = Known::default();
        for back in (0..30).rev() {
            let started_at = last - Duration::days(back);
            let kept = back % 2 == 0;
            if kept {
                known.sessions.push(SessionFacts {
                    id: format!("s{back}"),
                    routine_name: "Bedtime feet".into(),
                    started_at,
                    completed: 5,
                    planned: 5,
                    skipped: Vec::new(),
                    hurt: Vec::new(),
                    counts: true,
                });
            }
            if with_diary {
                known.cramps.push(CrampRecord {
                    v: 1,
                    kind: CrampKind::Cramp,
                    id: format!("c{back}"),
                    night: started_at.date_naive(),
                    severity: if kept { 0 } else { 7 },
                    side: None,
                    logged_at: started_at + Duration::hours(9),
                    count: None,
                    note: None,
                    minutes: None,
                });
            }
        }
        known
    }

    fn verdict(home: &HomeApp) -> Option<Verdict> {
        home.cramps.as_ref().map(|c| c.comparison.verdict)
    }

    #[test]
    fn the_comparison_is_worked_out_again_when_the_history_is_read_again() {
        let now = at("2026-11-23T21:00:00+01:00");
        let mut home = HomeApp::new(Vec::new(), "", Rules::default());
        assert_eq!(verdict(&home), None, "nothing before the history is read");
        home.set_history(HistoryState::Loaded(month(false)), Vec::new(), now);
        assert_eq!(verdict(&home), Some(Verdict::NotEnough));
        // The same night: only a reload may change it, as a tick must not redo the work.
        home.set_history(HistoryState::Loaded(month(true)), Vec::new(), now);
        assert_eq!(verdict(&home), Some(Verdict::Rarer));
        home.set_history(HistoryState::Failed("gone".into()), Vec::new(), now);
        assert_eq!(
            verdict(&home),
            None,
            "never kept from a history now unreadable"
        );
    }

    #[test]
    fn the_strip_holds_each_nights_entry_and_rolls_over_with_tonight() {
        let mut home = HomeApp::new(Vec::new(), "", Rules::default());
        home.set_history(
            HistoryState::Loaded(month(true)),
            Vec::new(),
            at("2026-11-23T21:00:00+01:00"),
        );
        let strip = |home: &HomeApp| home.cramps.as_ref().expect("strip").weeks.clone();
        let weeks = strip(&home);
        assert_eq!(weeks.len(), STRIP_WEEKS as usize);
        let night = |weeks: &[[StripNight; 7]], day: u32| {
            let date = NaiveDate::from_ymd_opt(2026, 11, day).expect("date");
            weeks
                .iter()
                .flatten()
                .find(|n| n.night == date)
                .copied()
                .expect("in the strip")
        };
        // Sunday 22nd was kept with no cramp, Saturday 21st missed with one.
        assert_eq!(night(&weeks, 22).diary, Diary::Noted(0));
        assert_eq!(night(&weeks, 22).state, NightState::Kept);
        assert_eq!(night(&weeks, 21).diary, Diary::Noted(7));
        assert_eq!(
            night(&weeks, 23).diary,
            Diary::NotDue,
            "tonight is noted tomorrow"
        );
        // Past the rollover, Monday 23rd has become last night, with nothing noted.
        home.tick(at("2026-11-24T04:00:00+01:00"));
        assert_eq!(night(&strip(&home), 23).diary, Diary::Missing);
    }
}
