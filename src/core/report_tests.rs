//! The report on hand-worked fixtures: three weeks of known kept nights and diary entries.

use chrono::{Duration, Weekday};

use super::*;
use crate::core::history::FORMAT_VERSION;

use crate::core::fixtures::{at, date, evening_session as session};

/// Monday 23 November, morning: last night is Sunday 22, three whole weeks after Monday 2.
const AS_OF: &str = "2026-11-23T09:00:00+01:00";

/// The diary entry for `night`, noted at `time` the next morning.
fn entry(night: &str, severity: u8, side: Option<&str>, time: &str) -> CrampRecord {
    let night = date(night);
    let morning = night + Duration::days(1);
    CrampRecord {
        v: FORMAT_VERSION,
        kind: Default::default(),
        id: format!("c-{night}-{time}"),
        night,
        severity,
        side: side.map(String::from),
        logged_at: at(&format!("{morning}T{time}:00+01:00")),
        count: None,
        note: None,
        minutes: None,
    }
}

/// Week 1 (2–8 Nov): kept Mon–Wed. Week 2 (9–15): kept every night but Thursday, which has
/// a session held only halfway; Tuesday's "Quick calves" stopped on "Wall calf stretch",
/// left. Week 3 (16–22): kept Mon–Fri. Tonight (23rd) has a kept session, outside the period.
fn three_weeks() -> (Vec<SessionFacts>, Vec<CrampRecord>) {
    let mut sessions = Vec::new();
    for night in ["2026-11-02", "2026-11-03", "2026-11-04"] {
        sessions.push(session(night, "Bedtime feet", 10));
    }
    for day in [9, 10, 11, 13, 14, 15] {
        sessions.push(session(&format!("2026-11-{day:02}"), "Bedtime feet", 9));
    }
    let mut hurt = session("2026-11-10", "Quick calves", 4);
    hurt.hurt.push(Hurt {
        step: "Wall calf stretch".into(),
        side: Some("left".into()),
    });
    sessions.push(hurt);
    sessions.push(session("2026-11-12", "Bedtime feet", 5));
    for day in 16..=20 {
        sessions.push(session(&format!("2026-11-{day:02}"), "Bedtime feet", 10));
    }
    sessions.push(session("2026-11-23", "Bedtime feet", 10));
    let mut noted = entry("2026-11-05", 6, Some("left"), "07:00");
    noted.count = Some(2);
    noted.note = Some("<b>& calf".into());
    let cramps = vec![
        entry("2026-11-03", 0, None, "07:00"),
        noted,
        entry("2026-11-12", 4, Some("right"), "07:00"),
        entry("2026-11-20", 2, Some("both"), "07:00"),
        // Noted again later that morning: this one stands.
        entry("2026-11-20", 3, Some("both"), "08:30"),
    ];
    (sessions, cramps)
}

fn report(since: Option<&str>) -> Report {
    let (sessions, cramps) = three_weeks();
    build(
        &sessions,
        &cramps,
        &Rules::default(),
        at(AS_OF),
        since.map(date),
        None,
    )
    .expect("report")
}

#[test]
fn each_week_counts_its_kept_nights_and_sessions() {
    let r = report(Some("2026-11-02"));
    let weeks: Vec<(String, String, u32, u32, u32)> = r
        .weeks
        .iter()
        .map(|w| {
            (
                w.first.to_string(),
                w.last.to_string(),
                w.tally.kept,
                w.tally.due,
                w.tally.sessions,
            )
        })
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-11-02".into(), "2026-11-08".into(), 3, 7, 3),
            ("2026-11-09".into(), "2026-11-15".into(), 6, 7, 8),
            ("2026-11-16".into(), "2026-11-22".into(), 5, 7, 5),
        ]
    );
    assert_eq!(r.totals.kept, 14);
    assert_eq!(r.totals.due, 21);
    assert_eq!(r.totals.sessions, 16);
    assert_eq!(r.first_night, date("2026-11-02"));
    assert_eq!(r.last_night, date("2026-11-22"));
    assert_eq!(r.nights.len(), 21);
}

#[test]
fn a_week_cut_by_the_period_holds_only_its_nights_in_it() {
    let r = report(Some("2026-11-13"));
    let first = &r.weeks[0];
    assert_eq!(
        (first.first, first.last),
        (date("2026-11-13"), date("2026-11-15"))
    );
    assert_eq!((first.tally.kept, first.tally.nights), (3, 3));
}

#[test]
fn the_diary_holds_each_nights_latest_entry_on_its_night() {
    let r = report(Some("2026-11-02"));
    let diary: Vec<(String, NightState, u8)> = r
        .nights
        .iter()
        .filter_map(|n| {
            n.entry
                .as_ref()
                .map(|e| (n.night.to_string(), n.state, e.severity))
        })
        .collect();
    assert_eq!(
        diary,
        [
            ("2026-11-03".into(), NightState::Kept, 0),
            ("2026-11-05".into(), NightState::Missed, 6),
            ("2026-11-12".into(), NightState::Partly, 4),
            ("2026-11-20".into(), NightState::Kept, 3),
        ]
    );
    let noted = r.nights[3].entry.as_ref().expect("5 Nov");
    assert_eq!(noted.note.as_deref(), Some("<b>& calf"));
    assert_eq!(noted.count, Some(2));
    assert_eq!((r.totals.entries, r.totals.cramp_nights), (4, 3));
}

#[test]
fn routines_and_hurt_steps_are_counted_over_the_period_only() {
    let r = report(Some("2026-11-02"));
    assert_eq!(
        r.routines,
        [
            RoutineUse {
                name: "Bedtime feet".into(),
                sessions: 15
            },
            RoutineUse {
                name: "Quick calves".into(),
                sessions: 1
            },
        ]
    );
    assert_eq!(
        r.hurt_steps,
        [HurtStep {
            step: "Wall calf stretch".into(),
            side: Some("left".into()),
            times: 1
        }]
    );
    let tuesday = &r.nights[8];
    assert_eq!(tuesday.night, date("2026-11-10"));
    assert_eq!(tuesday.routines, ["Bedtime feet", "Quick calves"]);
    assert_eq!(tuesday.hurt.len(), 1);
}

#[test]
fn the_comparison_covers_the_same_nights() {
    let r = report(Some("2026-11-02"));
    assert_eq!(r.comparison.first_night, Some(r.first_night));
    assert_eq!(r.comparison.last_night, Some(r.last_night));
    assert_eq!(
        r.comparison.sentence,
        "Not enough nights yet to compare: 2 with stretching, 2 without; 7 of each are needed."
    );
}

#[test]
fn by_default_the_period_is_the_comparisons_ninety_nights() {
    let r = report(None);
    assert_eq!(r.first_night, date("2026-08-25"));
    assert_eq!(r.nights.len(), 90);
    assert_eq!(r.comparison.window_nights, 90);
    // Before 2 November nothing had started: those nights are not counted as missed.
    assert_eq!(r.totals.not_started, 69);
    assert_eq!((r.totals.kept, r.totals.due), (14, 21));
}

#[test]
fn a_since_that_has_not_ended_or_is_too_far_back_is_refused_with_an_example() {
    let (sessions, cramps) = three_weeks();
    let build_since = |since: &str| {
        build(
            &sessions,
            &cramps,
            &Rules::default(),
            at(AS_OF),
            Some(date(since)),
            None,
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    };
    assert_eq!(
        build_since("2026-11-23"),
        Err(
            "--since: the night of 2026-11-23 has not ended yet; a report covers nights up to \
             last night, such as --since 2026-11-22"
                .into()
        )
    );
    assert_eq!(
        build_since("2016-11-14"),
        Err(
            "--since: 2016-11-14 is more than 3660 nights ago; a report covers at most that \
             many, such as --since 2016-11-15"
                .into()
        )
    );
    assert_eq!(build_since("2016-11-15"), Ok(()));
    assert_eq!(build_since("2026-11-22"), Ok(()));
}

#[test]
fn rest_days_are_not_due_unless_kept() {
    let (sessions, cramps) = three_weeks();
    let rules = Rules {
        rest_days: vec![Weekday::Sun, Weekday::Thu],
        ..Rules::default()
    };
    let r = build(
        &sessions,
        &cramps,
        &rules,
        at(AS_OF),
        Some(date("2026-11-02")),
        None,
    )
    .expect("ok");
    let weeks: Vec<(u32, u32, u32)> = r
        .weeks
        .iter()
        .map(|w| (w.tally.kept, w.tally.due, w.tally.rest))
        .collect();
    // A kept rest day is due and kept (Sunday 15, Thursday 19), and still one of the week's
    // two rest days; Thursday 12, half done on a rest day, is a rest day.
    assert_eq!(weeks, [(3, 5, 2), (6, 6, 2), (5, 6, 2)]);
    assert_eq!(r.nights[10].state, NightState::Rest);
    // One count of rest days: the summary's is the comparison's.
    assert_eq!((r.totals.rest, r.totals.rest_kept), (6, 2));
    assert_eq!(r.totals.rest, r.comparison.rest_nights);
}

#[test]
fn the_weeks_start_at_the_week_of_the_first_record() {
    // The period reaches 90 nights back, to 25 August; the history begins on 2 November.
    let r = report(None);
    let firsts: Vec<NaiveDate> = r.weeks.iter().map(|w| w.first).collect();
    assert_eq!(
        firsts,
        [date("2026-11-02"), date("2026-11-09"), date("2026-11-16")]
    );
    // A first record mid-week brings in its whole week, as far as the period goes.
    let cramps = [entry("2026-11-04", 0, None, "07:00")];
    let r = build(&[], &cramps, &Rules::default(), at(AS_OF), None, None).expect("ok");
    assert_eq!(r.weeks[0].first, date("2026-11-02"));
    assert_eq!(r.weeks[0].tally.nights, 7);
    // --since later than the first record still bounds them.
    let r = report(Some("2026-11-11"));
    assert_eq!(r.weeks[0].first, date("2026-11-11"));
    assert_eq!(r.weeks.len(), 2);
}

#[test]
fn an_empty_history_gives_a_report_of_nights_not_started() {
    let r = build(&[], &[], &Rules::default(), at(AS_OF), None, None).expect("report");
    assert_eq!(r.nights.len(), 90);
    assert!(r.weeks.is_empty());
    assert_eq!(r.totals.not_started, 90);
    assert_eq!(r.totals.share_kept(), None);
    assert!(r.routines.is_empty() && r.hurt_steps.is_empty());
    assert!(r.comparison.sentence.starts_with("Not enough nights yet"));
}

#[test]
fn with_enough_nights_the_sentence_says_which_way_and_never_proves() {
    // Fourteen kept nights without a cramp, seven missed nights each with one.
    let first = date("2026-11-02");
    let mut sessions = Vec::new();
    let mut cramps = Vec::new();
    for i in 0..21 {
        let night = (first + Duration::days(i)).to_string();
        if i % 3 != 2 {
            sessions.push(session(&night, "Bedtime feet", 10));
            cramps.push(entry(&night, 0, None, "07:00"));
        } else {
            cramps.push(entry(&night, 5, Some("left"), "07:00"));
        }
    }
    let r = build(
        &sessions,
        &cramps,
        &Rules::default(),
        at(AS_OF),
        Some(first),
        None,
    )
    .expect("ok");
    assert!(
        r.comparison.sentence.starts_with(
            "On nights you stretched, cramps were rarer: 0 % of 14 nights against 100 % of 7 \
             (difference 100 points"
        ),
        "{}",
        r.comparison.sentence
    );
    assert!(!r.comparison.sentence.contains("prove"));
}
