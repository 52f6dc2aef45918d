//! A personal trial (`bedstretch program`): a baseline of nights with the diary alone, then
//! some weeks of one routine each night, as the before/after design of the trial behind
//! bedstretch did. This file holds the line that starts or stops one, and where a person
//! stands in it on a given night; the review of the two periods is in `trial_review`.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::night_of;
use super::record::{FORMAT_VERSION, LineFault, session_id};

/// The routine a trial uses unless the person names another: the trial's own stretches.
pub const DEFAULT_ROUTINE: &str = "calf-hamstring";
/// Baseline nights unless the person says otherwise: two weeks of the diary alone.
pub const DEFAULT_BASELINE: u32 = 14;
/// Weeks of the routine unless the person says otherwise: as long as the trial ran.
pub const DEFAULT_WEEKS: u32 = 6;
/// The fewest and most baseline nights a line may say: fewer than 7 cannot be compared, and
/// a line saying more is a stranger's.
pub const BASELINE_NIGHTS: std::ops::RangeInclusive<u32> = 7..=60;
/// The fewest and most weeks a line may say.
pub const WEEKS: std::ops::RangeInclusive<u32> = 2..=12;

/// The marker that makes a line a program line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgramKind {
    /// The only value: `"kind":"program"`.
    #[default]
    Program,
}

/// A `program` line of the history: a trial started, or (with `stopped`) ended early. The
/// latest line wins, whichever device wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramRecord {
    /// Format version, 1.
    #[serde(default = "super::record::format_version")]
    pub v: u32,
    /// Always `program`.
    #[serde(default)]
    pub kind: ProgramKind,
    /// Unique id of this line.
    pub id: String,
    /// The routine of the program's weeks.
    pub routine: String,
    /// The first night of the baseline.
    pub from: NaiveDate,
    /// Nights of the baseline.
    pub baseline_nights: u32,
    /// Weeks of the routine after it.
    pub weeks: u32,
    /// Always `before-after` so far.
    #[serde(default = "before_after")]
    pub design: String,
    /// When it was written.
    pub logged_at: DateTime<FixedOffset>,
    /// True on the line that ends the trial early.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stopped: bool,
}

fn before_after() -> String {
    "before-after".to_string()
}

impl ProgramRecord {
    /// The line that starts a trial of `plan`, written at `logged_at`.
    pub fn new(plan: &Plan, logged_at: DateTime<FixedOffset>, random: u16) -> Self {
        Self {
            v: FORMAT_VERSION,
            kind: ProgramKind::Program,
            id: session_id(logged_at, random),
            routine: plan.routine.clone(),
            from: plan.from,
            baseline_nights: plan.baseline_nights,
            weeks: plan.weeks,
            design: before_after(),
            logged_at,
            stopped: false,
        }
    }

    /// The line that stops this trial early, written at `logged_at`.
    pub fn stop(&self, logged_at: DateTime<FixedOffset>, random: u16) -> Self {
        Self {
            id: session_id(logged_at, random),
            logged_at,
            stopped: true,
            ..self.clone()
        }
    }

    /// Reads a program line, refusing lengths outside [`BASELINE_NIGHTS`] and [`WEEKS`].
    pub fn parse(line: &str) -> Result<Self, LineFault> {
        let record: Self = serde_json::from_str(line)?;
        let fault = |why: String| Err(LineFault { column: 1, why });
        for (name, range, value) in [
            ("baseline_nights", BASELINE_NIGHTS, record.baseline_nights),
            ("weeks", WEEKS, record.weeks),
        ] {
            if !range.contains(&value) {
                let (low, high) = range.into_inner();
                return fault(format!("{name} must be {low} to {high}, got {value}"));
            }
        }
        if record.from.checked_add_days(Days::new(500)).is_none() {
            return fault(format!("from {} is past the calendar's end", record.from));
        }
        Ok(record)
    }
}

/// A trial's shape: which routine, from which night, how long each period is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The routine of the program's weeks.
    pub routine: String,
    /// The first night of the baseline.
    pub from: NaiveDate,
    /// Nights of the baseline.
    pub baseline_nights: u32,
    /// Weeks of the routine.
    pub weeks: u32,
}

/// The trial as the history has it: its plan, and the night it was stopped, if it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// Its shape.
    pub plan: Plan,
    /// The last night it ran, when it was stopped early.
    pub stopped_after: Option<NaiveDate>,
}

/// Where a person stands on a night.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The baseline starts on a later night.
    NotYet,
    /// Night `night` of `of` of the baseline.
    Baseline {
        /// From 1.
        night: u32,
        /// Baseline nights.
        of: u32,
    },
    /// Week `week` of `of` of the routine.
    Program {
        /// From 1.
        week: u32,
        /// Weeks of the program.
        of: u32,
    },
    /// Every week is behind, or it was stopped.
    Done,
}

impl Program {
    /// The trial of the latest program line (by time written, then id, so that the order
    /// device files were read in cannot change it); `None` when there is none. A stop line
    /// ends its trial on the night it was written, which is then the last night it ran.
    pub fn latest(records: &[ProgramRecord], day_starts_at: chrono::NaiveTime) -> Option<Self> {
        let latest = records
            .iter()
            .max_by(|a, b| (a.logged_at, &a.id).cmp(&(b.logged_at, &b.id)))?;
        let plan = Plan {
            routine: latest.routine.clone(),
            from: latest.from,
            baseline_nights: latest.baseline_nights,
            weeks: latest.weeks,
        };
        let stopped_after = latest.stopped.then(|| {
            // The night it was stopped on does not count: it was stopped before the routine.
            let night = night_of(latest.logged_at, day_starts_at);
            night.pred_opt().unwrap_or(night)
        });
        Some(Self {
            plan,
            stopped_after,
        })
    }

    /// The first night of the routine's weeks.
    pub fn program_from(&self) -> NaiveDate {
        self.after(self.plan.baseline_nights)
    }

    /// The last night of the trial as planned.
    pub fn planned_end(&self) -> NaiveDate {
        self.after(self.plan.baseline_nights + 7 * self.plan.weeks - 1)
    }

    /// The last night that belongs to it: the planned end, or the night before it was stopped.
    pub fn last_night(&self) -> NaiveDate {
        let end = self.planned_end();
        self.stopped_after.map_or(end, |stopped| stopped.min(end))
    }

    /// The night `nights` after the first; the parser keeps these far from the calendar's end.
    fn after(&self, nights: u32) -> NaiveDate {
        let from = self.plan.from;
        from.checked_add_days(Days::new(u64::from(nights)))
            .unwrap_or(from)
    }

    /// Where a person stands on `night`.
    pub fn phase(&self, night: NaiveDate) -> Phase {
        if night > self.last_night() {
            return Phase::Done;
        }
        if night < self.plan.from {
            return Phase::NotYet;
        }
        let since = (night - self.plan.from).num_days().max(0) as u32;
        if since < self.plan.baseline_nights {
            return Phase::Baseline {
                night: since + 1,
                of: self.plan.baseline_nights,
            };
        }
        Phase::Program {
            week: (since - self.plan.baseline_nights) / 7 + 1,
            of: self.plan.weeks,
        }
    }
}

#[cfg(test)]
#[path = "program_tests.rs"]
mod tests;
