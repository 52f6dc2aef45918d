//! What the core's tests share: dates and moments from text, and a session's facts on an
//! evening. Compiled for tests only.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::history::CrampRecord;
use super::program::{DEFAULT_BASELINE, DEFAULT_ROUTINE, DEFAULT_WEEKS, Plan, ProgramRecord};
use super::stats::SessionFacts;

/// A calendar date, `2026-11-23`.
pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A moment with its offset, RFC 3339.
pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A counting session of `routine` at 22:00 on the evening of `night`, `completed` of 10
/// step-sides held.
pub fn evening_session(night: &str, routine: &str, completed: u32) -> SessionFacts {
    SessionFacts {
        id: format!("s-{night}-{routine}-{completed}"),
        routine_name: routine.into(),
        started_at: at(&format!("{night}T22:00:00+01:00")),
        completed,
        planned: 10,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts: true,
    }
}

/// The diary entry for `night`, noted at 07:00 the next morning, with `count` cramps.
pub fn diary_entry(night: NaiveDate, severity: u8, count: Option<u32>) -> CrampRecord {
    let morning = night.succ_opt().expect("a next day");
    CrampRecord {
        v: crate::core::history::FORMAT_VERSION,
        kind: Default::default(),
        id: format!("c-{night}"),
        night,
        severity,
        side: None,
        logged_at: at(&format!("{morning}T07:00:00+01:00")),
        count,
        note: None,
        minutes: None,
    }
}

/// The line that starts a trial of the default shape (the trial's routine, 14 nights, 6
/// weeks) from the night `from`, written at 21:00 that evening.
pub fn trial(from: &str) -> ProgramRecord {
    let plan = Plan {
        routine: DEFAULT_ROUTINE.into(),
        from: date(from),
        baseline_nights: DEFAULT_BASELINE,
        weeks: DEFAULT_WEEKS,
    };
    ProgramRecord::new(&plan, at(&format!("{from}T21:00:00+01:00")), 0)
}
