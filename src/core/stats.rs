//! Nights and streaks, exactly as DESIGN.md states them. Pure: "now" is an argument, and days
//! are stepped as calendar dates, never as 86,400 seconds.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use super::calendar::{Rules, back, night_of, try_night_of};
use super::streaks::{Best, Broken, CountingSession, Nights, Streaks, keep};

/// What stats need of one session.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SessionFacts {
    /// Its id, for counting each session once.
    pub id: String,
    /// The routine's name when it ran.
    #[serde(default)]
    pub routine_name: String,
    /// When it started, in the offset of the moment.
    pub started_at: DateTime<FixedOffset>,
    /// Step-sides held to the end.
    pub completed: u32,
    /// Step-sides planned.
    pub planned: u32,
    /// Names of the steps skipped in it (once per skipped side).
    pub skipped: Vec<String>,
    /// Where "this hurts" stopped it: each step once, with the side it was pressed on.
    #[serde(default)]
    pub hurt: Vec<Hurt>,
    /// False for a session of a `counts = false` routine, which never keeps a night.
    #[serde(default = "crate::core::history::counts_by_default")]
    pub counts: bool,
}

/// A step stopped with "this hurts", and the side it was on (none for a step without sides).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hurt {
    /// The step's name.
    pub step: String,
    /// The side that hurt, if the step has sides.
    pub side: Option<String>,
}

impl SessionFacts {
    /// Completed over planned; a session that planned nothing counts as nothing done.
    pub fn completion(&self) -> f64 {
        completion(self.completed, self.planned)
    }

    /// The session as streaks see it; `None` for one of a `counts = false` routine, which
    /// never keeps a night.
    pub fn counting(&self) -> Option<CountingSession> {
        self.counts.then(|| CountingSession {
            started_at: self.started_at,
            completion: self.completion(),
        })
    }
}

/// Completed over planned step-sides; a session that planned nothing counts as nothing done.
pub fn completion(completed: u32, planned: u32) -> f64 {
    if planned == 0 {
        0.0
    } else {
        f64::from(completed) / f64::from(planned)
    }
}

/// "1 night", "3 nights": the unit streaks are counted in, said the same everywhere.
pub fn nights(n: u32) -> String {
    if n == 1 {
        "1 night".into()
    } else {
        format!("{n} nights")
    }
}

/// How a night looks on the heatmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NightState {
    /// At least one session counted.
    Kept,
    /// Something was done, but no session reached the threshold.
    Partly,
    /// Nothing, on a night that counts.
    Missed,
    /// A rest day with nothing kept.
    Rest,
    /// A night of a pause with nothing kept, past or ahead: neither breaks nor extends.
    Paused,
    /// Tonight, not kept yet: still open until the rollover.
    Open,
    /// After tonight.
    Future,
    /// Before the first session ever: not missed, just not started yet.
    BeforeStart,
}

/// Everything the stats command and home screen show, as of one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Tonight, as of the moment.
    pub tonight: NaiveDate,
    /// Whether tonight is already kept.
    pub tonight_kept: bool,
    /// The run of kept nights ending tonight, or last night while tonight is open.
    pub current_streak: u32,
    /// The longest run ever.
    pub longest_streak: u32,
    /// Nights with at least one counting session.
    pub nights_kept: u32,
    /// Kept nights among the last 7 (tonight included).
    pub nights_kept_7d: u32,
    /// Kept nights among the last 30 (tonight included).
    pub nights_kept_30d: u32,
    /// Sessions started at or before the moment, each id once.
    pub sessions: u32,
    /// The most recent kept night.
    pub last_kept_night: Option<NaiveDate>,
    /// Completed over planned step-sides in sessions of the last 30 nights.
    pub completion_rate_30d: Option<f64>,
    /// The step skipped most often, and how often.
    pub most_skipped: Option<(String, u32)>,
    /// Per night: the best completion of its sessions.
    best: Best,
    rules: Rules,
}

impl Stats {
    /// Computes everything as of `as_of`, counting only sessions that started by then.
    /// Sessions with the same id count once.
    pub fn compute(sessions: &[SessionFacts], rules: &Rules, as_of: DateTime<FixedOffset>) -> Self {
        let tonight = night_of(as_of, rules.day_starts_at);
        let mut seen = std::collections::HashSet::with_capacity(sessions.len());
        let mut best = Best::new();
        let mut skipped: BTreeMap<&str, u32> = BTreeMap::new();
        let (mut done_30, mut planned_30) = (0u64, 0u64);
        let month_start = back(tonight, 29);
        for s in sessions {
            if s.started_at > as_of || !seen.insert(s.id.as_str()) {
                continue;
            }
            // A night that cannot be placed cannot keep a streak; the readers warn about it.
            let Some(night) = try_night_of(s.started_at, rules.day_starts_at) else {
                continue;
            };
            // Cramp relief at 3 a.m. is not bedtime stretching: it is counted as a session,
            // but its night is kept, or not, by the others alone.
            if s.counts {
                keep(&mut best, night, s.completion());
            }
            if night >= month_start {
                done_30 += u64::from(s.completed);
                planned_30 += u64::from(s.planned);
            }
            for name in &s.skipped {
                *skipped.entry(name.as_str()).or_default() += 1;
            }
        }
        let kept: BTreeSet<NaiveDate> = best
            .iter()
            .filter(|(_, c)| **c >= rules.min_completion)
            .map(|(n, _)| *n)
            .collect();
        let streaks = Streaks::of(&best, rules, tonight);
        let in_last = |days: u64| kept.range(back(tonight, days - 1)..=tonight).count() as u32;
        let most_skipped = skipped
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(name, n)| (name.to_string(), *n));
        Self {
            tonight,
            tonight_kept: streaks.tonight_kept,
            current_streak: streaks.current_streak,
            longest_streak: streaks.longest_streak,
            nights_kept: kept.len() as u32,
            nights_kept_7d: in_last(7),
            nights_kept_30d: in_last(30),
            sessions: seen.len() as u32,
            last_kept_night: kept.iter().next_back().copied(),
            completion_rate_30d: (planned_30 > 0).then(|| done_30 as f64 / planned_30 as f64),
            most_skipped,
            best,
            rules: rules.clone(),
        }
    }

    /// Tonight and the streaks alone, as `bedstretch status` gives them.
    pub fn streaks(&self) -> Streaks {
        Streaks {
            tonight: self.tonight,
            tonight_kept: self.tonight_kept,
            current_streak: self.current_streak,
            longest_streak: self.longest_streak,
        }
    }

    fn is_rest(&self, night: NaiveDate) -> bool {
        self.nights().is_rest(night)
    }

    fn is_kept(&self, night: NaiveDate) -> bool {
        self.nights().is_kept(night)
    }

    fn is_paused(&self, night: NaiveDate) -> bool {
        self.nights().is_paused(night)
    }

    fn nights(&self) -> Nights<'_> {
        Nights {
            best: &self.best,
            rules: &self.rules,
        }
    }

    /// The streak that broke lately, if one did (see [`Nights::broken`]).
    pub fn broken(&self) -> Option<Broken> {
        self.nights().broken(self.tonight)
    }

    /// How a night shows on the heatmap.
    pub fn night_state(&self, night: NaiveDate) -> NightState {
        // A pause set ahead shows on the nights it covers; a kept night inside one shows kept.
        if night > self.tonight {
            if self.is_paused(night) {
                NightState::Paused
            } else {
                NightState::Future
            }
        } else if self.is_kept(night) {
            NightState::Kept
        } else if night == self.tonight {
            NightState::Open
        } else if self.is_paused(night) {
            NightState::Paused
        } else if self.best.keys().next().is_none_or(|first| night < *first) {
            NightState::BeforeStart
        } else if self.best.get(&night).is_some_and(|c| *c > 0.0) {
            NightState::Partly
        } else if self.is_rest(night) {
            NightState::Rest
        } else {
            NightState::Missed
        }
    }

    /// The heatmap: `weeks` columns of seven nights, Monday first, the last column holding
    /// tonight.
    pub fn heatmap(&self, weeks: u32) -> Vec<[(NaiveDate, NightState); 7]> {
        let this_monday = back(
            self.tonight,
            u64::from(self.tonight.weekday().num_days_from_monday()),
        );
        (0..weeks)
            .rev()
            .map(|w| {
                let monday = back(this_monday, u64::from(w) * 7);
                std::array::from_fn(|d| {
                    // At the calendar's far end a night past it repeats the last one.
                    let night = monday
                        .checked_add_days(chrono::Days::new(d as u64))
                        .unwrap_or(monday);
                    (night, self.night_state(night))
                })
            })
            .collect()
    }

    /// The stats in words, as (label, value) rows, for the stats command and screen.
    pub fn in_words(&self) -> Vec<(&'static str, String)> {
        let tonight = if self.tonight_kept {
            "kept".to_string()
        } else {
            match self.last_kept_night {
                Some(last) => format!("not yet (last kept: {})", last.format("%a %-d %b")),
                None => "not yet".to_string(),
            }
        };
        let mut rows = vec![
            ("Current streak", nights(self.current_streak)),
            ("Longest streak", nights(self.longest_streak)),
            ("Tonight", tonight),
            ("Last 7 nights", format!("{} kept", self.nights_kept_7d)),
            ("Last 30 nights", format!("{} kept", self.nights_kept_30d)),
        ];
        if let Some(rate) = self.completion_rate_30d {
            rows.push((
                "Completion",
                format!(
                    "{} of stretches held to the end (30 nights)",
                    super::text::percent(rate)
                ),
            ));
        }
        if let Some((step, times)) = &self.most_skipped {
            let times = if *times == 1 {
                "once".to_string()
            } else {
                format!("{times} times")
            };
            rows.push(("Most skipped", format!("{step} ({times})")));
        }
        rows.push(("Sessions", self.sessions.to_string()));
        rows
    }

    /// The rule in plain words, for people.
    pub fn rule_in_words(&self) -> String {
        let percent = (self.rules.min_completion * 100.0).round();
        let mut words = format!(
            "a night counts when you finish {percent} % of a routine; the night ends at {}",
            self.rules.day_starts_at.format("%H:%M")
        );
        if !self.rules.rest_days.is_empty() {
            let days: Vec<String> = self.rules.rest_days.iter().map(|d| d.to_string()).collect();
            words.push_str(&format!(
                "; rest days ({}) neither break nor extend it",
                days.join(", ")
            ));
        }
        words
    }
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
