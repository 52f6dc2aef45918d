//! When the reminder speaks and when it stays quiet, on fixed instants.

use super::*;
use crate::core::fixtures::{at, date};

fn four() -> NaiveTime {
    NaiveTime::from_hms_opt(4, 0, 0).expect("04:00")
}

fn half_ten() -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(22, 30, 0)
}

fn tonight() -> Tonight {
    Tonight {
        night: date("2026-12-07"),
        kept: false,
        rest_day: false,
        paused: false,
        streak: 12,
        in_session: false,
    }
}

fn decide_at(t: &Tonight, now: &str, last: Option<&Sent>) -> Result<(), Quiet> {
    decide(t, half_ten(), 30 * 60, four(), at(now), last)
}

#[test]
fn due_past_remind_at_until_the_night_ends() {
    assert_eq!(
        decide_at(&tonight(), "2026-12-07T22:30:00+01:00", None),
        Ok(())
    );
    assert_eq!(
        decide_at(&tonight(), "2026-12-08T00:30:00+01:00", None),
        Ok(())
    );
    assert_eq!(
        decide_at(&tonight(), "2026-12-07T22:29:00+01:00", None),
        Err(Quiet::Early(
            NaiveTime::from_hms_opt(22, 30, 0).expect("time")
        ))
    );
}

#[test]
fn quiet_when_kept_on_a_rest_day_paused_or_with_no_time_set() {
    let eleven = "2026-12-07T23:00:00+01:00";
    for (t, why) in [
        (
            Tonight {
                kept: true,
                ..tonight()
            },
            Quiet::Kept,
        ),
        (
            Tonight {
                rest_day: true,
                ..tonight()
            },
            Quiet::RestDay,
        ),
        (
            Tonight {
                paused: true,
                ..tonight()
            },
            Quiet::Paused,
        ),
    ] {
        assert_eq!(decide_at(&t, eleven, None), Err(why));
    }
    let off = decide(
        &tonight(),
        None,
        1800,
        four(),
        at("2026-12-07T23:00:00+01:00"),
        None,
    );
    assert_eq!(off, Err(Quiet::Off));
    assert_eq!(Quiet::Kept.words(), "tonight is kept");
}

#[test]
fn it_comes_again_after_remind_again_and_once_when_it_is_zero() {
    let sent = Sent {
        night: date("2026-12-07"),
        at: at("2026-12-07T22:30:00+01:00"),
        id: 7,
    };
    let again = at("2026-12-07T23:00:00+01:00");
    assert_eq!(
        decide_at(&tonight(), "2026-12-07T22:45:00+01:00", Some(&sent)),
        Err(Quiet::Again(again))
    );
    assert_eq!(
        decide_at(&tonight(), "2026-12-07T22:59:30+01:00", Some(&sent)),
        Ok(())
    );
    let once = decide(
        &tonight(),
        half_ten(),
        0,
        four(),
        at("2026-12-07T23:30:00+01:00"),
        Some(&sent),
    );
    assert_eq!(once, Err(Quiet::SentOnce));
    // Last night's notification says nothing about tonight.
    let yesterday = Sent {
        night: date("2026-12-06"),
        ..sent
    };
    let next = decide(
        &tonight(),
        half_ten(),
        0,
        four(),
        at("2026-12-07T22:31:00+01:00"),
        Some(&yesterday),
    );
    assert_eq!(next, Ok(()));
}

#[test]
fn the_message_names_the_routine_its_length_and_the_streak_at_stake() {
    assert_eq!(
        message("Bedtime feet", 10, 12),
        (
            "Time to stretch".to_string(),
            "Bedtime feet · 10 min · keep your 12 nights".to_string()
        )
    );
    assert_eq!(
        message("Quick", 4, 0).1,
        "Quick · 4 min · start a streak tonight"
    );
    assert_eq!(
        message("Quick", 4, 1).1,
        "Quick · 4 min · keep your 1 night"
    );
}

#[test]
fn a_sent_time_at_the_calendars_edge_never_panics() {
    let sent = Sent {
        night: date("2026-12-07"),
        at: chrono::DateTime::<chrono::Utc>::MAX_UTC.fixed_offset(),
        id: 5,
    };
    assert_eq!(
        decide_at(&tonight(), "2026-12-07T23:00:00+01:00", Some(&sent)),
        Ok(())
    );
}
