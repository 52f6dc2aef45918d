//! Pauses (`bedstretch pause`): nights the person was away, in hospital or without a floor to
//! stretch on. Paused nights neither break nor extend a streak, as rest days do; a night kept
//! inside a pause still counts. This file holds the `pause` line, the pauses as the history
//! has them (a cancelling line undoes its pause), and the paused nights as the streaks read
//! them.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::record::{FORMAT_VERSION, LineFault, session_id};

/// The most nights one pause may cover: a long trip or a stay in hospital. Longer breaks are
/// several pauses, each said on purpose.
pub const MAX_NIGHTS: u32 = 30;
/// The most characters of the reason a pause line may carry.
pub const MAX_WHY_CHARS: usize = 80;

/// The marker that makes a line a pause line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseKind {
    /// The only value: `"kind":"pause"`.
    #[default]
    Pause,
}

/// A `pause` line of the history: nights from `from` to `until`, both included, or (with
/// `cancelled`) the undoing of the pause with the same id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PauseRecord {
    /// Format version, 1.
    #[serde(default = "super::record::format_version")]
    pub v: u32,
    /// Always `pause`.
    #[serde(default)]
    pub kind: PauseKind,
    /// The pause's id; a cancelling line carries the id of the pause it undoes.
    pub id: String,
    /// The first paused night.
    pub from: NaiveDate,
    /// The last paused night.
    pub until: NaiveDate,
    /// Why, in the person's words, if said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// When it was written.
    pub logged_at: DateTime<FixedOffset>,
    /// True on the line that undoes the pause.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

impl PauseRecord {
    /// The line that pauses the nights `from` to `until`, written at `logged_at`.
    pub fn new(
        from: NaiveDate,
        until: NaiveDate,
        why: Option<String>,
        logged_at: DateTime<FixedOffset>,
        random: u16,
    ) -> Self {
        Self {
            v: FORMAT_VERSION,
            kind: PauseKind::Pause,
            id: session_id(logged_at, random),
            from,
            until,
            why: why.filter(|w| !w.is_empty()),
            logged_at,
            cancelled: false,
        }
    }

    /// The line that undoes this pause, written at `logged_at`: the same id, marked cancelled.
    pub fn cancel(&self, logged_at: DateTime<FixedOffset>) -> Self {
        Self {
            logged_at,
            cancelled: true,
            ..self.clone()
        }
    }

    /// Nights paused, both ends included.
    pub fn nights(&self) -> u32 {
        nights_between(self.from, self.until)
    }

    /// Reads a pause line, refusing one that ends before it starts, covers more than
    /// [`MAX_NIGHTS`], or gives a longer reason than [`MAX_WHY_CHARS`].
    pub fn parse(line: &str) -> Result<Self, LineFault> {
        let record: Self = serde_json::from_str(line)?;
        check(record.from, record.until)
            .and_then(|()| check_why(record.why.as_deref()))
            .map_err(|why| LineFault { column: 1, why })?;
        Ok(record)
    }
}

/// Nights from `from` to `until`, both included; 0 when `until` is before `from`.
pub fn nights_between(from: NaiveDate, until: NaiveDate) -> u32 {
    u32::try_from((until - from).num_days() + 1).unwrap_or(0)
}

/// Why the nights `from` to `until` cannot be one pause, or `Ok` when they can.
pub fn check(from: NaiveDate, until: NaiveDate) -> Result<(), String> {
    if until < from {
        return Err(format!("until {until} is before from {from}"));
    }
    let nights = nights_between(from, until);
    if nights > MAX_NIGHTS {
        return Err(format!(
            "a pause covers at most {MAX_NIGHTS} nights, {from} to {until} is {nights}"
        ));
    }
    // Kept away from the calendar's ends, so that stepping a night past either is safe.
    if from.pred_opt().is_none() || until.checked_add_days(Days::new(1)).is_none() {
        return Err(format!("{from} to {until} is at the calendar's end"));
    }
    Ok(())
}

/// Why a reason cannot be kept, or `Ok` when it can.
pub fn check_why(why: Option<&str>) -> Result<(), String> {
    let chars = why.map_or(0, |w| w.chars().count());
    if chars > MAX_WHY_CHARS {
        return Err(format!(
            "why is at most {MAX_WHY_CHARS} characters, got {chars}"
        ));
    }
    Ok(())
}

/// Every pause of `records`, each id once, newest first (by time set, then id, so that the
/// order device files were read in cannot change it): the earliest line of its id that is not
/// a cancelling one, marked `cancelled` when another line undid it. An id with only
/// cancelling lines is no pause at all.
pub fn pauses(records: &[PauseRecord]) -> Vec<PauseRecord> {
    let mut by_id: std::collections::BTreeMap<&str, PauseRecord> =
        std::collections::BTreeMap::new();
    for r in records.iter().filter(|r| !r.cancelled) {
        let earlier = by_id
            .get(r.id.as_str())
            .is_some_and(|p| p.logged_at <= r.logged_at);
        if !earlier {
            by_id.insert(&r.id, r.clone());
        }
    }
    for r in records.iter().filter(|r| r.cancelled) {
        if let Some(pause) = by_id.get_mut(r.id.as_str()) {
            pause.cancelled = true;
        }
    }
    let mut list: Vec<PauseRecord> = by_id.into_values().collect();
    list.sort_by(|a, b| (b.logged_at, &b.id).cmp(&(a.logged_at, &a.id)));
    list
}

/// The paused nights of a history: the pauses that stand, as runs of nights in order, runs
/// that touch or overlap made one. Overlapping pauses are harmless: a night is paused or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paused {
    /// First and last night of each run, in order, never touching.
    runs: Vec<(NaiveDate, NaiveDate)>,
}

impl Paused {
    /// The nights of every pause of `records` that was not undone.
    pub fn of(records: &[PauseRecord]) -> Self {
        let standing = pauses(records).into_iter().filter(|p| !p.cancelled);
        Self::from_runs(standing.map(|p| (p.from, p.until)))
    }

    /// The nights of these runs (first and last night each), in any order.
    pub fn from_runs(runs: impl IntoIterator<Item = (NaiveDate, NaiveDate)>) -> Self {
        let mut runs: Vec<_> = runs.into_iter().filter(|(f, u)| f <= u).collect();
        runs.sort();
        let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(runs.len());
        for (from, until) in runs {
            match merged.last_mut() {
                Some(last) if from <= last.1.succ_opt().unwrap_or(last.1) => {
                    last.1 = last.1.max(until);
                }
                _ => merged.push((from, until)),
            }
        }
        Self { runs: merged }
    }

    /// Whether no night is paused.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Whether `night` is paused.
    pub fn contains(&self, night: NaiveDate) -> bool {
        self.run_end(night).is_some()
    }

    /// The last night of the paused run that holds `night`, or `None` when it is not paused.
    pub fn run_end(&self, night: NaiveDate) -> Option<NaiveDate> {
        let after = self.runs.partition_point(|(from, _)| *from <= night);
        let (_, until) = self.runs[..after].last()?;
        (night <= *until).then_some(*until)
    }

    /// The runs, first and last night each, in order.
    pub fn runs(&self) -> &[(NaiveDate, NaiveDate)] {
        &self.runs
    }
}

#[cfg(test)]
#[path = "pause_tests.rs"]
mod tests;
