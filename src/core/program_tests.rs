//! Where a person stands in a trial, night by night, and which program line wins.

use chrono::NaiveTime;

use super::*;
use crate::core::fixtures::{at, date};

fn record(from: &str, logged_at: &str, id: &str) -> ProgramRecord {
    let plan = Plan {
        routine: DEFAULT_ROUTINE.into(),
        from: date(from),
        baseline_nights: 14,
        weeks: 6,
    };
    ProgramRecord {
        id: id.into(),
        ..ProgramRecord::new(&plan, at(logged_at), 0)
    }
}

fn four() -> NaiveTime {
    NaiveTime::from_hms_opt(4, 0, 0).expect("04:00")
}

#[test]
fn the_phases_follow_the_plan_night_by_night() {
    let program = Program::latest(
        &[record("2026-12-07", "2026-12-07T21:00:00+01:00", "a")],
        four(),
    )
    .expect("a program");
    let phase = |night: &str| program.phase(date(night));
    assert_eq!(phase("2026-12-06"), Phase::NotYet);
    assert_eq!(phase("2026-12-07"), Phase::Baseline { night: 1, of: 14 });
    assert_eq!(phase("2026-12-20"), Phase::Baseline { night: 14, of: 14 });
    assert_eq!(phase("2026-12-21"), Phase::Program { week: 1, of: 6 });
    assert_eq!(phase("2026-12-28"), Phase::Program { week: 2, of: 6 });
    assert_eq!(phase("2027-01-31"), Phase::Program { week: 6, of: 6 });
    assert_eq!(phase("2027-02-01"), Phase::Done);
    assert_eq!(program.program_from(), date("2026-12-21"));
    assert_eq!(program.planned_end(), date("2027-01-31"));
}

#[test]
fn the_latest_line_wins_and_a_stop_ends_the_night_before() {
    let start = record("2026-12-07", "2026-12-07T21:00:00+01:00", "a");
    let stop = start.stop(at("2026-12-30T21:30:00+01:00"), 1);
    assert!(stop.stopped && stop.id != start.id);
    let program = Program::latest(&[stop.clone(), start.clone()], four()).expect("a program");
    assert_eq!(program.stopped_after, Some(date("2026-12-29")));
    assert_eq!(program.last_night(), date("2026-12-29"));
    assert_eq!(program.phase(date("2026-12-30")), Phase::Done);
    // A new trial after the stop is the one that stands.
    let again = record("2027-01-04", "2027-01-04T20:00:00+01:00", "b");
    let program = Program::latest(&[start, stop, again], four()).expect("a program");
    assert_eq!(
        (program.plan.from, program.stopped_after),
        (date("2027-01-04"), None)
    );
    assert_eq!(Program::latest(&[], four()), None);
}

#[test]
fn a_line_round_trips_and_bad_lengths_are_refused_by_rule() {
    let line = serde_json::to_string(&record("2026-12-07", "2026-12-07T21:00:00+01:00", "a"))
        .expect("json");
    assert!(!line.contains("stopped"), "{line}");
    assert!(line.contains(r#""design":"before-after""#), "{line}");
    assert_eq!(
        ProgramRecord::parse(&line).map(|r| r.baseline_nights),
        Ok(14)
    );
    let bad = line.replace(r#""weeks":6"#, r#""weeks":400"#);
    assert_eq!(
        ProgramRecord::parse(&bad).map_err(|f| f.why),
        Err("weeks must be 2 to 12, got 400".to_string())
    );
    let bad = line.replace(r#""baseline_nights":14"#, r#""baseline_nights":0"#);
    assert!(ProgramRecord::parse(&bad).is_err());
}
