//! The night and streak rules, case by case, and their properties.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Weekday};
use chrono_tz::{America::New_York, Europe::Berlin};
use proptest::prelude::*;

use super::*;
use crate::core::calendar::{WEEK, try_night_of};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn session(id: &str, started: &str, completed: u32, planned: u32) -> SessionFacts {
    SessionFacts {
        id: id.into(),
        routine_name: String::new(),
        started_at: at(started),
        completed,
        planned,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts: true,
    }
}

/// A fully completed session at 22:00 (+01:00) on each given date.
fn evenings(dates: &[&str]) -> Vec<SessionFacts> {
    dates
        .iter()
        .map(|d| session(d, &format!("{d}T22:00:00+01:00"), 10, 10))
        .collect()
}

fn stats(sessions: &[SessionFacts], as_of: &str) -> Stats {
    Stats::compute(sessions, &Rules::default(), at(as_of))
}

#[test]
fn night_of_subtracts_the_rollover_in_the_sessions_own_offset() {
    let four = Rules::default().day_starts_at;
    for (moment, night) in [
        ("2026-11-24T03:59:59+01:00", "2026-11-23"),
        ("2026-11-24T04:00:00+01:00", "2026-11-24"),
        ("2026-11-24T00:30:00+01:00", "2026-11-23"),
        ("2026-11-23T23:59:00-08:00", "2026-11-23"),
        ("2026-11-24T03:00:00+09:00", "2026-11-23"),
    ] {
        assert_eq!(night_of(at(moment), four), date(night), "{moment}");
    }
    let midnight = NaiveTime::MIN;
    assert_eq!(
        night_of(at("2026-11-24T00:30:00+01:00"), midnight),
        date("2026-11-24")
    );
}

#[test]
fn the_threshold_is_inclusive() {
    for (completed, planned, kept) in [
        (8, 10, true),
        (4, 5, true),
        (7, 9, false),
        (10, 10, true),
        (0, 0, false),
    ] {
        let s = stats(
            &[session(
                "a",
                "2026-11-23T22:00:00+01:00",
                completed,
                planned,
            )],
            "2026-11-23T23:00:00+01:00",
        );
        assert_eq!(s.tonight_kept, kept, "{completed}/{planned}");
    }
}

#[test]
fn tonight_is_open_until_the_rollover() {
    let history = evenings(&["2026-11-20", "2026-11-21", "2026-11-22"]);
    // 23 November, 21:00: tonight is open, the streak of the three nights before stands.
    let s = stats(&history, "2026-11-23T21:00:00+01:00");
    assert_eq!((s.tonight_kept, s.current_streak), (false, 3));
    assert_eq!(s.night_state(s.tonight), NightState::Open);
    // 03:59 the next morning is still the 23rd's night.
    let s = stats(&history, "2026-11-24T03:59:00+01:00");
    assert_eq!((s.tonight, s.current_streak), (date("2026-11-23"), 3));
    // At 04:00 the 23rd is over and missed.
    let s = stats(&history, "2026-11-24T04:00:00+01:00");
    assert_eq!(
        (s.tonight, s.current_streak, s.longest_streak),
        (date("2026-11-24"), 0, 3)
    );
    assert_eq!(s.night_state(date("2026-11-23")), NightState::Missed);
}

#[test]
fn keeping_tonight_extends_the_streak_and_a_session_at_half_past_midnight_is_tonights() {
    let mut history = evenings(&["2026-11-21", "2026-11-22"]);
    history.push(session("late", "2026-11-24T00:30:00+01:00", 10, 10));
    let s = stats(&history, "2026-11-24T00:45:00+01:00");
    assert_eq!(
        (s.tonight, s.tonight_kept, s.current_streak),
        (date("2026-11-23"), true, 3)
    );
}

#[test]
fn rest_days_bridge_a_run_without_counting() {
    // 21 Nov 2026 is a Saturday.
    let rules = Rules {
        rest_days: vec![Weekday::Sat],
        ..Rules::default()
    };
    let compute = |dates: &[&str], as_of: &str| Stats::compute(&evenings(dates), &rules, at(as_of));
    // Inside a run: Fri, (Sat rest), Sun.
    let s = compute(&["2026-11-20", "2026-11-22"], "2026-11-22T23:00:00+01:00");
    assert_eq!((s.current_streak, s.longest_streak), (2, 2));
    assert_eq!(s.night_state(date("2026-11-21")), NightState::Rest);
    // At the end of a run: Thu, Fri, then tonight is the rest day and open.
    let s = compute(&["2026-11-19", "2026-11-20"], "2026-11-21T23:00:00+01:00");
    assert_eq!(s.current_streak, 2);
    assert_eq!(s.night_state(date("2026-11-21")), NightState::Open);
    // ...and the day after it, still open: Sat bridges back to Fri.
    let s = compute(&["2026-11-19", "2026-11-20"], "2026-11-22T23:00:00+01:00");
    assert_eq!(s.current_streak, 2);
    // Before a run: the rest day before it adds nothing.
    let s = compute(&["2026-11-22", "2026-11-23"], "2026-11-23T23:00:00+01:00");
    assert_eq!(s.current_streak, 2);
    // A session on a rest day does not extend the streak.
    let s = compute(
        &["2026-11-20", "2026-11-21", "2026-11-22"],
        "2026-11-22T23:00:00+01:00",
    );
    assert_eq!(s.current_streak, 2);
    assert_eq!(s.night_state(date("2026-11-19")), NightState::BeforeStart);
    assert_eq!(s.night_state(date("2026-11-21")), NightState::Kept);
}

#[test]
fn a_miss_breaks_the_run_and_the_longest_is_kept() {
    let s = stats(
        &evenings(&[
            "2026-11-01",
            "2026-11-02",
            "2026-11-03",
            "2026-11-04",
            "2026-11-06",
            "2026-11-07",
        ]),
        "2026-11-07T23:00:00+01:00",
    );
    assert_eq!(
        (s.current_streak, s.longest_streak, s.nights_kept),
        (2, 4, 6)
    );
    assert_eq!(s.last_kept_night, Some(date("2026-11-07")));
}

#[test]
fn as_of_counts_only_sessions_started_by_then() {
    let history = evenings(&["2026-11-20", "2026-11-21", "2026-11-22"]);
    let s = stats(&history, "2026-11-21T21:59:59+01:00");
    assert_eq!(
        (s.sessions, s.current_streak, s.tonight_kept),
        (1, 1, false)
    );
}

#[test]
fn the_same_session_twice_counts_once() {
    let mut history = evenings(&["2026-11-22"]);
    history.extend(evenings(&["2026-11-22"]));
    let s = stats(&history, "2026-11-22T23:00:00+01:00");
    assert_eq!((s.sessions, s.nights_kept), (1, 1));
}

fn nightly_in(
    tz: &impl TimeZone,
    first: NaiveDate,
    nights: u32,
    hour: u32,
    minute: u32,
) -> Vec<SessionFacts> {
    (0..nights)
        .map(|i| {
            let day = first + Duration::days(i64::from(i));
            let local = day.and_hms_opt(hour % 24, minute, 0).expect("time");
            // 02:30 does not exist on the night the clocks spring forward; the clock on the
            // wall reads 03:30 then.
            let started = tz
                .from_local_datetime(&local)
                .earliest()
                .or_else(|| {
                    tz.from_local_datetime(&(local + Duration::hours(1)))
                        .earliest()
                })
                .expect("exists")
                .fixed_offset();
            SessionFacts {
                id: format!("{i}"),
                routine_name: String::new(),
                started_at: started,
                completed: 5,
                planned: 5,
                skipped: Vec::new(),
                hurt: Vec::new(),
                counts: true,
            }
        })
        .collect()
}

#[test]
fn daylight_saving_changes_neither_break_nor_double_a_streak() {
    // Europe/Berlin springs forward on 29 March 2026 and falls back on 25 October 2026;
    // America/New_York on 8 March and 1 November 2026.
    let berlin_times: &[(u32, u32)] = &[(22, 30), (0, 30), (2, 30), (3, 59)];
    let new_york_times: &[(u32, u32)] = &[(21, 0), (1, 15), (3, 30)];
    for (name, zone, first, times) in [
        ("Berlin spring", Berlin, date("2026-03-25"), berlin_times),
        ("Berlin autumn", Berlin, date("2026-10-21"), berlin_times),
        (
            "New York spring",
            New_York,
            date("2026-03-04"),
            new_york_times,
        ),
        (
            "New York autumn",
            New_York,
            date("2026-10-28"),
            new_york_times,
        ),
    ] {
        for &(hour, minute) in times {
            let history = nightly_in(&zone, first, 10, hour, minute);
            let last = history.last().expect("sessions").started_at + Duration::minutes(5);
            let s = Stats::compute(&history, &Rules::default(), last);
            assert_eq!(
                (s.current_streak, s.nights_kept),
                (10, 10),
                "{name} at {hour}:{minute}"
            );
        }
    }
}

#[test]
fn travelling_across_time_zones_keeps_one_night_per_night() {
    let history = vec![
        session("home", "2026-03-01T22:00:00+01:00", 5, 5),
        // Flew west: the next evening in New York.
        session("west", "2026-03-02T23:30:00-05:00", 5, 5),
        // Flew east: 02:00 in Tokyo is still the night of the 3rd there.
        session("east", "2026-03-04T02:00:00+09:00", 5, 5),
        // A second session the same Tokyo night does not add a night.
        session("east2", "2026-03-03T23:00:00+09:00", 5, 5),
    ];
    let s = Stats::compute(&history, &Rules::default(), at("2026-03-04T02:10:00+09:00"));
    assert_eq!((s.current_streak, s.nights_kept, s.sessions), (3, 3, 4));
}

#[test]
fn the_heatmap_ends_with_tonight_in_the_last_column() {
    let s = stats(&evenings(&["2026-11-22"]), "2026-11-23T21:00:00+01:00");
    let map = s.heatmap(12);
    assert_eq!(map.len(), 12);
    let last = map[11];
    assert_eq!(last[0].0, date("2026-11-23"), "a Monday");
    assert_eq!(last[0].1, NightState::Open);
    assert_eq!(last[1].1, NightState::Future);
    assert_eq!(map[10][6], (date("2026-11-22"), NightState::Kept));
    assert_eq!(
        map[10][5].1,
        NightState::BeforeStart,
        "before the first session is not missed"
    );
}

#[test]
fn partly_done_nights_and_the_most_skipped_step_show() {
    let mut partial = session("p", "2026-11-22T22:00:00+01:00", 3, 10);
    partial.skipped = vec![
        "Toe raises".into(),
        "Toe raises".into(),
        "Ankle circles".into(),
    ];
    let s = stats(&[partial], "2026-11-23T21:00:00+01:00");
    assert_eq!(s.night_state(date("2026-11-22")), NightState::Partly);
    assert_eq!(s.most_skipped, Some(("Toe raises".to_string(), 2)));
    assert_eq!(s.completion_rate_30d, Some(0.3));
}

#[test]
fn the_rule_is_said_in_plain_words() {
    let s = stats(&[], "2026-11-23T21:00:00+01:00");
    assert_eq!(
        s.rule_in_words(),
        "a night counts when you finish 80 % of a routine; the night ends at 04:00"
    );
}

fn arbitrary_history() -> impl Strategy<Value = Vec<SessionFacts>> {
    proptest::collection::vec((0i64..120, 0i64..24 * 60, 0u32..=10, -5i32..=5), 0..60).prop_map(
        |rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, (day, minute, completed, offset_h))| {
                    let offset = FixedOffset::east_opt(offset_h * 3600).expect("offset");
                    let base = date("2026-01-01").and_hms_opt(0, 0, 0).expect("midnight")
                        + Duration::days(day)
                        + Duration::minutes(minute);
                    SessionFacts {
                        id: format!("s{i}"),
                        routine_name: String::new(),
                        started_at: offset
                            .from_local_datetime(&base)
                            .single()
                            .expect("fixed offset"),
                        completed,
                        planned: 10,
                        skipped: Vec::new(),
                        hurt: Vec::new(),
                        counts: true,
                    }
                })
                .collect()
        },
    )
}

proptest! {
    #[test]
    fn streaks_are_ordered_and_order_of_lines_does_not_matter(
        history in arbitrary_history(),
        as_of_day in 0i64..130,
        seed in any::<u64>(),
    ) {
        let as_of = at("2026-01-01T12:00:00+00:00") + Duration::days(as_of_day);
        let s = Stats::compute(&history, &Rules::default(), as_of);
        prop_assert!(s.current_streak <= s.longest_streak);
        prop_assert!(s.longest_streak <= s.nights_kept);
        let mut shuffled = history.clone();
        let n = shuffled.len().max(1);
        for i in 0..shuffled.len() {
            shuffled.swap(i, (seed as usize).wrapping_mul(i + 7) % n);
        }
        // The same lines twice, as from two synced device files, change nothing either.
        shuffled.extend(history.iter().cloned());
        prop_assert_eq!(Stats::compute(&shuffled, &Rules::default(), as_of), s);
    }

    #[test]
    fn adding_a_kept_night_never_lowers_the_longest(history in arbitrary_history(), day in 0i64..120) {
        let as_of = at("2026-06-01T12:00:00+00:00");
        let before = Stats::compute(&history, &Rules::default(), as_of);
        let mut more = history.clone();
        more.push(SessionFacts {
            id: "added".into(),
            routine_name: String::new(),
            started_at: at("2026-01-01T22:00:00+00:00") + Duration::days(day),
            completed: 10,
            planned: 10,
            skipped: Vec::new(),
            hurt: Vec::new(),
            counts: true,
        });
        let after = Stats::compute(&more, &Rules::default(), as_of);
        prop_assert!(after.longest_streak >= before.longest_streak);
        prop_assert!(after.nights_kept >= before.nights_kept);
    }
}

/// The streak rules as DESIGN.md words them, walked night by night: the reference the
/// kept-night-to-kept-night walk must agree with.
fn streaks_day_by_day(s: &Stats, rest: &[Weekday]) -> (u32, u32) {
    let kept = |n: NaiveDate| s.best.get(&n).is_some_and(|c| *c >= s.rules.min_completion);
    let (Some(first), Some(last)) = (s.best.keys().next().copied(), Some(s.tonight)) else {
        return (0, 0);
    };
    let (mut longest, mut run) = (0, 0);
    let mut night = first;
    while night <= last {
        if rest.contains(&night.weekday()) {
        } else if kept(night) {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
        night = night.succ_opt().expect("in range");
    }
    let mut current = 0;
    let mut night = if kept(s.tonight) {
        s.tonight
    } else {
        s.tonight.pred_opt().expect("day")
    };
    while night >= first {
        if rest.contains(&night.weekday()) {
        } else if kept(night) {
            current += 1;
        } else {
            break;
        }
        night = night.pred_opt().expect("day");
    }
    (current, longest)
}

proptest! {
    #[test]
    fn streaks_agree_with_the_rules_walked_night_by_night(
        history in arbitrary_history(),
        as_of_day in 0i64..130,
        rest in proptest::collection::vec(0u8..7, 0..7),
    ) {
        let rest: Vec<Weekday> = rest
            .into_iter()
            .map(|d| Weekday::try_from(d).expect("weekday"))
            .collect();
        let rules = Rules {
            rest_days: rest.clone(),
            ..Rules::default()
        };
        let as_of = at("2026-01-01T12:00:00+00:00") + Duration::days(as_of_day);
        let s = Stats::compute(&history, &rules, as_of);
        let (current, longest) = streaks_day_by_day(&s, &rest);
        prop_assert_eq!(s.current_streak, current);
        prop_assert_eq!(s.longest_streak, longest.max(current));
    }
}

#[test]
fn a_date_at_the_calendars_edge_neither_panics_nor_counts() {
    let far: DateTime<FixedOffset> = "-262143-01-01T01:00:00+00:00"
        .parse()
        .expect("as serde reads it");
    assert_eq!(try_night_of(far, Rules::default().day_starts_at), None);
    let mut history = evenings(&["2026-11-22", "2026-11-23"]);
    history.push(SessionFacts {
        started_at: far,
        ..session("far", "2026-11-23T22:00:00+01:00", 10, 10)
    });
    let s = stats(&history, "2026-11-23T23:00:00+01:00");
    assert_eq!((s.current_streak, s.nights_kept), (2, 2));
    let _ = s.heatmap(12);
    // As of a moment at the far end of the calendar, too.
    let end: DateTime<FixedOffset> = "+262142-12-31T23:59:59+00:00"
        .parse()
        .expect("as serde reads it");
    let s = Stats::compute(&history, &Rules::default(), end);
    let _ = (s.heatmap(12), s.in_words());
}

#[test]
fn every_day_a_rest_day_and_an_absurd_date_finish_at_once() {
    let rules = Rules {
        rest_days: WEEK.to_vec(),
        ..Rules::default()
    };
    let far: DateTime<FixedOffset> = "-262000-01-01T05:00:00+00:00"
        .parse()
        .expect("as serde reads it");
    let mut history = evenings(&["2026-11-22"]);
    history.push(SessionFacts {
        started_at: far,
        ..session("far", "2026-11-23T22:00:00+01:00", 10, 10)
    });
    let s = Stats::compute(&history, &rules, at("2026-11-23T23:00:00+01:00"));
    assert_eq!((s.current_streak, s.longest_streak), (0, 0));
    assert_eq!(
        s.nights_kept, 2,
        "rest days are still counted as kept nights"
    );
}

#[test]
fn a_session_that_does_not_count_never_keeps_a_night() {
    let mut relief = session("relief", "2026-11-24T03:00:00+01:00", 5, 5);
    relief.counts = false;
    let as_of = at("2026-11-24T07:00:00+01:00");
    let alone = Stats::compute(std::slice::from_ref(&relief), &Rules::default(), as_of);
    assert_eq!(alone.nights_kept, 0);
    assert_eq!(alone.current_streak, 0);
    // It takes nothing away from a night kept by a real session either.
    let both = [session("bed", "2026-11-23T22:00:00+01:00", 5, 5), relief];
    let kept = Stats::compute(&both, &Rules::default(), as_of);
    assert_eq!(kept.nights_kept, 1);
}

#[test]
fn the_completion_share_rounds_like_every_other_percentage() {
    // 9 of 40 stretches is 22.5 %: half away from zero, as `text::percent` rounds.
    let s = stats(
        &[session("p", "2026-11-22T22:00:00+01:00", 9, 40)],
        "2026-11-23T21:00:00+01:00",
    );
    let rows = s.in_words();
    let completion = rows.iter().find(|(label, _)| *label == "Completion");
    assert_eq!(
        completion.map(|(_, words)| words.as_str()),
        Some("23 % of stretches held to the end (30 nights)")
    );
}
