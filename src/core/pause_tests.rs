//! Pauses: the line's rules, cancelling, and what paused nights do to a streak.

use super::*;
use crate::core::calendar::Rules;
use crate::core::fixtures::{at, date, evening_session};
use crate::core::stats::{NightState, SessionFacts, Stats};

fn pause(from: &str, until: &str, id: &str) -> PauseRecord {
    PauseRecord {
        id: id.into(),
        ..PauseRecord::new(
            date(from),
            date(until),
            Some("travel".into()),
            at("2026-12-01T08:00:00+01:00"),
            0,
        )
    }
}

fn evenings(nights: &[&str]) -> Vec<SessionFacts> {
    nights
        .iter()
        .map(|n| evening_session(n, "bedtime-feet", 10))
        .collect()
}

/// The stats as of 23:00 on `tonight`, with these pause lines.
fn stats(kept: &[&str], pauses: &[PauseRecord], tonight: &str) -> Stats {
    let rules = Rules::default().paused_by(pauses);
    Stats::compute(
        &evenings(kept),
        &rules,
        at(&format!("{tonight}T23:00:00+01:00")),
    )
}

/// Kept 1–5 Dec and 9–10 Dec: the nights of 6, 7 and 8 Dec are missed.
const KEPT: [&str; 7] = [
    "2026-12-01",
    "2026-12-02",
    "2026-12-03",
    "2026-12-04",
    "2026-12-05",
    "2026-12-09",
    "2026-12-10",
];

#[test]
fn a_three_night_pause_between_kept_runs_makes_one_streak_of_the_kept_nights() {
    let broken = stats(&KEPT, &[], "2026-12-10");
    assert_eq!((broken.current_streak, broken.longest_streak), (2, 5));
    let paused = stats(
        &KEPT,
        &[pause("2026-12-06", "2026-12-08", "p")],
        "2026-12-10",
    );
    // Seven kept nights, not ten: the paused nights bridge without counting.
    let (current, longest, kept) = (7, 7, 7);
    assert_eq!(
        (
            paused.current_streak,
            paused.longest_streak,
            paused.nights_kept
        ),
        (current, longest, kept)
    );
    let states = ["2026-12-07", "2026-12-09"].map(|n| paused.night_state(date(n)));
    assert_eq!(states, [NightState::Paused, NightState::Kept]);
}

#[test]
fn a_pause_never_extends_a_streak() {
    // Kept 1–3 Dec, then paused 4–8 Dec: as of the 9th the streak is the three kept nights.
    let s = stats(
        &KEPT[..3],
        &[pause("2026-12-04", "2026-12-08", "p")],
        "2026-12-09",
    );
    assert_eq!((s.current_streak, s.longest_streak), (3, 3));
    // A pause alone, with nothing kept, is no streak at all.
    let none = stats(&[], &[pause("2026-12-04", "2026-12-08", "p")], "2026-12-09");
    assert_eq!(none.current_streak, 0);
}

#[test]
fn a_night_kept_inside_a_pause_still_counts() {
    let kept = ["2026-12-01", "2026-12-02", "2026-12-05", "2026-12-09"];
    let s = stats(
        &kept,
        &[pause("2026-12-03", "2026-12-08", "p")],
        "2026-12-09",
    );
    assert_eq!(s.current_streak, 4);
    assert_eq!(s.night_state(date("2026-12-05")), NightState::Kept);
}

#[test]
fn a_cancelled_pause_brings_the_break_back() {
    let set = pause("2026-12-06", "2026-12-08", "p");
    let undone = set.cancel(at("2026-12-11T08:00:00+01:00"));
    let s = stats(&KEPT, &[set.clone(), undone], "2026-12-11");
    assert_eq!(s.current_streak, 2);
    assert_eq!(s.night_state(date("2026-12-07")), NightState::Missed);
    let list = pauses(&[set.cancel(at("2026-12-11T08:00:00+01:00")), set]);
    assert_eq!(list.len(), 1);
    assert!(list[0].cancelled);
}

#[test]
fn overlapping_pauses_are_one_run_of_nights() {
    let paused = Paused::of(&[
        pause("2026-12-06", "2026-12-08", "a"),
        pause("2026-12-08", "2026-12-12", "b"),
        pause("2026-12-13", "2026-12-13", "c"),
        pause("2026-12-20", "2026-12-21", "d"),
    ]);
    assert_eq!(
        paused.runs(),
        [
            (date("2026-12-06"), date("2026-12-13")),
            (date("2026-12-20"), date("2026-12-21")),
        ]
    );
    assert_eq!(paused.run_end(date("2026-12-09")), Some(date("2026-12-13")));
    assert!(!paused.contains(date("2026-12-14")));
    assert!(!paused.contains(date("2026-12-05")));
}

#[test]
fn a_pause_line_says_at_most_thirty_nights_and_ends_after_it_starts() {
    let line = |from: &str, until: &str| {
        format!(
            r#"{{"v":1,"kind":"pause","id":"p","from":"{from}","until":"{until}","logged_at":"2026-12-01T08:00:00+01:00"}}"#
        )
    };
    let good = PauseRecord::parse(&line("2026-12-01", "2026-12-30")).expect("30 nights");
    assert_eq!(good.nights(), 30);
    let long = PauseRecord::parse(&line("2026-12-01", "2026-12-31")).expect_err("31 nights");
    assert_eq!(
        long.why,
        "a pause covers at most 30 nights, 2026-12-01 to 2026-12-31 is 31"
    );
    let back = PauseRecord::parse(&line("2026-12-10", "2026-12-09")).expect_err("backwards");
    assert_eq!(back.why, "until 2026-12-09 is before from 2026-12-10");
    let why = format!(
        r#"{{"v":1,"kind":"pause","id":"p","from":"2026-12-01","until":"2026-12-02","why":"{}","logged_at":"2026-12-01T08:00:00+01:00"}}"#,
        "a".repeat(81)
    );
    assert_eq!(
        PauseRecord::parse(&why).expect_err("long why").why,
        "why is at most 80 characters, got 81"
    );
}

#[test]
fn pauses_are_listed_newest_first_each_id_once() {
    let mut later = pause("2026-12-20", "2026-12-22", "b");
    later.logged_at = at("2026-12-15T08:00:00+01:00");
    let first = pause("2026-12-06", "2026-12-08", "a");
    let list = pauses(&[first.clone(), later, first]);
    let ids: Vec<&str> = list.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"]);
}

/// A diary entry of no cramps for every night of `nights`.
fn noted(nights: &[String]) -> Vec<crate::core::history::CrampRecord> {
    let entry = |n: &String| crate::core::fixtures::diary_entry(date(n), 0, Some(0));
    nights.iter().map(entry).collect()
}

#[test]
fn the_cramp_comparison_leaves_paused_nights_out() {
    use crate::core::cramps::compare;
    // Kept and noted every night of 16–29 Nov; 20–22 Nov were paused.
    let nights: Vec<String> = (16..=29).map(|d| format!("2026-11-{d}")).collect();
    let sessions = evenings(&nights.iter().map(String::as_str).collect::<Vec<_>>());
    let cramps = noted(&nights);
    let paused = Rules::default().paused_by(&[pause("2026-11-20", "2026-11-22", "p")]);
    let tonight = date("2026-11-30");
    let plain = compare(&sessions, &cramps, &Rules::default(), tonight, 14);
    assert_eq!((plain.paused_nights, plain.stretched.nights), (0, 14));
    let c = compare(&sessions, &cramps, &paused, tonight, 14);
    assert_eq!((c.paused_nights, c.stretched.nights), (3, 11));
}

#[test]
fn the_trial_leaves_paused_nights_out_of_its_periods() {
    use crate::core::program::Program;
    use crate::core::trial_review::review;
    let rules = Rules::default().paused_by(&[pause("2026-10-05", "2026-10-07", "p")]);
    let start = crate::core::fixtures::trial("2026-10-01");
    let program = Program::latest(&[start], rules.day_starts_at).expect("a trial");
    // The baseline, 1–14 Oct, noted every morning; three of its nights were paused.
    let nights: Vec<String> = (1..=14).map(|d| format!("2026-10-{d:02}")).collect();
    let tonight = date("2026-10-20");
    let plain = review(&program, &[], &noted(&nights), &Rules::default(), tonight);
    assert_eq!(
        (plain.baseline.nights, plain.baseline.nights_paused),
        (14, 0)
    );
    let r = review(&program, &[], &noted(&nights), &rules, tonight);
    assert_eq!((r.baseline.nights, r.baseline.nights_paused), (11, 3));
    assert_eq!(r.baseline.nights_without_entry, 0);
}
