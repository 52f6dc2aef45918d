//! The cramp comparison on hand-worked fixtures, and its properties.

use chrono::{Duration, NaiveDate, Weekday};
use proptest::prelude::*;

use super::*;

use crate::core::fixtures::{at, date, evening_session};

/// The night `days` after `first`.
fn plus(first: &str, days: i64) -> NaiveDate {
    date(first) + Duration::days(days)
}

/// A session on the evening of `night`, `completed` of 10 step-sides held.
fn session(night: NaiveDate, completed: u32) -> SessionFacts {
    evening_session(&night.to_string(), "Bedtime feet", completed)
}

/// The diary entry for `night`, noted at 07:00 the next morning.
fn entry(night: NaiveDate, severity: u8, side: Option<&str>) -> CrampRecord {
    let morning = night + Duration::days(1);
    CrampRecord {
        id: format!("c-{night}"),
        night,
        severity,
        side: side.map(String::from),
        logged_at: at(&format!("{morning}T07:00:00+01:00")),
        v: crate::core::history::FORMAT_VERSION,
        kind: Default::default(),
        count: None,
        note: None,
        minutes: None,
    }
}

/// Tonight for every fixture: a Monday, so the window's last night is Sunday 29 November.
const TONIGHT: &str = "2026-11-30";

/// Ten kept nights (9–18 Nov) with `stretched_cramps` of them cramped, then ten nights with
/// a session that did not count (19–28 Nov) with `other_cramps` cramped, each cramp a 4.
fn twenty_nights(
    stretched_cramps: i64,
    other_cramps: i64,
) -> (Vec<SessionFacts>, Vec<CrampRecord>) {
    let mut sessions = Vec::new();
    let mut cramps = Vec::new();
    for i in 0..10 {
        let night = plus("2026-11-09", i);
        sessions.push(session(night, 10));
        cramps.push(entry(night, if i < stretched_cramps { 4 } else { 0 }, None));
    }
    for i in 0..10 {
        let night = plus("2026-11-19", i);
        sessions.push(session(night, 5));
        cramps.push(entry(night, if i < other_cramps { 4 } else { 0 }, None));
    }
    (sessions, cramps)
}

fn compare_default(sessions: &[SessionFacts], cramps: &[CrampRecord], window: u32) -> Comparison {
    compare(sessions, cramps, &Rules::default(), date(TONIGHT), window)
}

#[test]
fn a_clear_difference_says_rarer() {
    let (sessions, cramps) = twenty_nights(1, 8);
    let c = compare_default(&sessions, &cramps, 90);
    assert_eq!(c.window_nights, 90);
    assert_eq!(c.last_night, Some(date("2026-11-29")));
    assert_eq!(c.first_night, Some(date("2026-09-01")));
    // 29 Nov has no entry; the 69 nights before 9 Nov come before the first use.
    assert_eq!(c.nights_without_entry, 1);
    assert_eq!(c.nights_before_first_use, 69);
    assert_eq!(c.rest_nights, 0);
    assert_eq!((c.stretched.nights, c.other.nights), (10, 10));
    assert_eq!(c.stretched.all.share_with_cramp, Some(0.1));
    assert_eq!(c.other.all.share_with_cramp, Some(0.8));
    assert_eq!(c.stretched.all.mean_severity, Some(0.4));
    assert_eq!(c.other.all.mean_severity, Some(3.2));
    assert_eq!(c.stretched.all.mean_cramps, Some(0.1));
    assert_eq!(c.other.all.mean_cramps, Some(0.8));
    let d = c.difference.clone().expect("enough nights");
    assert!((d.points - 70.0).abs() < 1e-9);
    assert!(d.low > 0.0 && d.low <= d.points && d.points <= d.high && d.high <= 100.0);
    assert_eq!(c.verdict, Verdict::Rarer);
    // The interval is pinned: the fixed seed makes it the same on every machine.
    assert_eq!(
        c.sentence,
        "On nights you stretched, cramps were rarer: 10 % of 10 nights against 80 % of 10 \
         (difference 70 points, 95 % interval 40 to 100)."
    );
}

#[test]
fn no_difference_says_about_as_common() {
    let (sessions, cramps) = twenty_nights(5, 5);
    let c = compare_default(&sessions, &cramps, 90);
    let d = c.difference.clone().expect("enough nights");
    assert_eq!(d.points, 0.0);
    assert!(d.low < 0.0 && d.high > 0.0);
    assert_eq!(c.verdict, Verdict::AboutAsCommon);
    assert_eq!(
        c.sentence,
        "On nights you stretched, cramps were about as common: 50 % of 10 nights against 50 % \
         of 10 (difference 0 points, 95 % interval -40 to 40)."
    );
}

#[test]
fn more_cramps_on_stretched_nights_says_more_common_with_positive_numbers() {
    let (sessions, cramps) = twenty_nights(9, 1);
    let c = compare_default(&sessions, &cramps, 90);
    let d = c.difference.clone().expect("enough nights");
    assert!(d.high < 0.0);
    assert_eq!(c.verdict, Verdict::MoreCommon);
    assert_eq!(
        c.sentence,
        "On nights you stretched, cramps were more common: 90 % of 10 nights against 10 % \
         of 10 (difference 80 points, 95 % interval 50 to 100)."
    );
}

#[test]
fn every_resample_alike_gives_an_exact_interval() {
    // No stretched night cramped and every other night did: every resample says 100 points.
    let (sessions, cramps) = twenty_nights(0, 10);
    let c = compare_default(&sessions, &cramps, 90);
    assert_eq!(
        c.sentence,
        "On nights you stretched, cramps were rarer: 0 % of 10 nights against 100 % of 10 \
         (difference 100 points, 95 % interval 100 to 100)."
    );
    assert!(!c.sentence.contains("prove"));
}

#[test]
fn under_seven_in_a_group_is_not_enough() {
    let mut sessions = Vec::new();
    let mut cramps = Vec::new();
    for i in 0..6 {
        let night = plus("2026-11-20", i);
        if i < 4 {
            sessions.push(session(night, 10));
        }
        cramps.push(entry(night, 3, Some("left")));
    }
    let c = compare_default(&sessions, &cramps, 90);
    assert_eq!((c.stretched.nights, c.other.nights), (4, 2));
    assert_eq!(c.verdict, Verdict::NotEnough);
    assert_eq!(c.difference, None);
    assert_eq!(
        c.sentence,
        "Not enough nights yet to compare: 4 with stretching, 2 without; 7 of each are needed."
    );
}

#[test]
fn an_empty_history_is_not_enough_and_has_no_shares() {
    let c = compare_default(&[], &[], 90);
    assert_eq!(c.nights_without_entry, 0);
    assert_eq!(c.nights_before_first_use, 90);
    assert_eq!(c.stretched, Group::default());
    assert_eq!(c.other.all.share_with_cramp, None);
    assert_eq!(
        c.sentence,
        "Not enough nights yet to compare: 0 with stretching, 0 without; 7 of each are needed."
    );
}

#[test]
fn nights_before_the_first_use_are_neither_missed_entries_nor_rest_days() {
    let rules = Rules {
        rest_days: vec![Weekday::Sat],
        ..Rules::default()
    };
    // The diary began on Wed 25 Nov, a session on Fri 27 Nov; 26 and 28 Nov have no entry.
    let sessions = [session(date("2026-11-27"), 10)];
    let cramps = [
        entry(date("2026-11-25"), 3, None),
        entry(date("2026-11-27"), 0, None),
        entry(date("2026-11-29"), 0, None),
    ];
    let c = compare(&sessions, &cramps, &rules, date(TONIGHT), 14);
    assert_eq!(
        first_use(&sessions, &cramps, &rules),
        Some(date("2026-11-25"))
    );
    assert_eq!(c.nights_before_first_use, 9);
    assert_eq!(c.nights_without_entry, 1);
    // Sat 21 Nov came before the first use; only Sat 28 Nov is a rest day left out.
    assert_eq!(c.rest_nights, 1);
    assert_eq!(c.stretched.nights + c.other.nights, 3);
    // A session alone is a first use too.
    assert_eq!(first_use(&sessions, &[], &rules), Some(date("2026-11-27")));
    assert_eq!(first_use(&[], &[], &rules), None);
}

#[test]
fn rest_days_and_missing_entries_are_counted_and_left_out() {
    let rules = Rules {
        rest_days: vec![Weekday::Sat],
        ..Rules::default()
    };
    // The window is 16–29 Nov; Saturdays 21 and 28 are rest days.
    let kept = ["2026-11-16", "2026-11-17", "2026-11-21", "2026-11-22"];
    let sessions: Vec<_> = kept.iter().map(|d| session(date(d), 10)).collect();
    let noted = [
        ("2026-11-16", 0),
        ("2026-11-17", 5),
        ("2026-11-18", 2),
        ("2026-11-20", 0),
        ("2026-11-21", 9), // a rest day: left out though kept and noted
        ("2026-11-22", 0),
        ("2026-11-25", 6),
        ("2026-11-29", 0),
    ];
    let cramps: Vec<_> = noted
        .iter()
        .map(|(d, sev)| entry(date(d), *sev, Some("right")))
        .collect();
    // An entry outside the window is not looked at.
    let mut all = cramps.clone();
    all.push(entry(date("2026-11-01"), 10, None));
    all.push(entry(date(TONIGHT), 10, None));
    let c = compare(&sessions, &all, &rules, date(TONIGHT), 14);
    assert_eq!(c.first_night, Some(date("2026-11-16")));
    assert_eq!(c.window_nights, 14);
    assert_eq!(c.rest_nights, 2);
    // 12 nights that are not rest days, 7 of them noted.
    assert_eq!(c.nights_without_entry, 5);
    assert_eq!((c.stretched.nights, c.other.nights), (3, 4));
    assert_eq!(c.stretched.all.nights_with_cramp, 1);
    assert_eq!(c.other.all.nights_with_cramp, 2);
    assert_eq!(c.other.all.mean_severity, Some(2.0));
}

#[test]
fn the_latest_noted_entry_for_a_night_counts() {
    let night = date("2026-11-20");
    let early = entry(night, 8, Some("left"));
    let mut late = entry(night, 0, None);
    late.id = "c-late".into();
    // Noted later in time, though its clock reads earlier: instants are compared.
    late.logged_at = at("2026-11-21T06:30:00-05:00");
    let mut older = entry(night, 6, Some("both"));
    older.id = "c-older".into();
    older.logged_at = at("2026-11-21T06:00:00+01:00");
    for cramps in [
        vec![early.clone(), late.clone(), older.clone()],
        vec![late.clone(), older.clone(), early.clone()],
    ] {
        let c = compare_default(&[], &cramps, 90);
        assert_eq!(c.other.nights, 1);
        assert_eq!(c.other.all.nights_with_cramp, 0, "{cramps:?}");
        assert_eq!(c.other.left, Figures::default().finished(1));
    }
}

#[test]
fn entries_noted_at_the_same_moment_go_to_the_greater_id_whatever_the_order() {
    let night = date("2026-11-20");
    let a = entry(night, 2, None);
    let mut b = entry(night, 7, None);
    b.id = "d-later-id".into();
    for cramps in [vec![a.clone(), b.clone()], vec![b.clone(), a.clone()]] {
        let c = compare_default(&[], &cramps, 90);
        assert_eq!(c.other.all.mean_severity, Some(7.0));
    }
}

#[test]
fn a_severity_beyond_ten_counts_as_ten() {
    let cramps = vec![entry(date("2026-11-20"), 255, Some("left"))];
    let c = compare_default(&[], &cramps, 90);
    assert_eq!(c.other.all.mean_severity, Some(10.0));
    assert_eq!(c.other.left.mean_severity, Some(10.0));
}

#[test]
fn figures_are_given_per_side() {
    let mut sessions = Vec::new();
    let mut cramps = Vec::new();
    let sides = [
        (6, Some("left")),
        (4, Some("left")),
        (2, Some("right")),
        (8, Some("both")),
        (0, Some("left")),
        (3, None),
        (5, Some("sideways")),
        (0, None),
    ];
    for (i, (severity, side)) in sides.iter().enumerate() {
        let night = plus("2026-11-10", i as i64);
        sessions.push(session(night, 10));
        cramps.push(entry(night, *severity, *side));
    }
    let c = compare_default(&sessions, &cramps, 90);
    let g = &c.stretched;
    assert_eq!(g.nights, 8);
    assert_eq!(g.all.nights_with_cramp, 6);
    assert_eq!(g.all.share_with_cramp, Some(0.75));
    assert_eq!(g.all.mean_severity, Some(28.0 / 8.0));
    assert_eq!(g.left.nights_with_cramp, 2);
    assert_eq!(g.left.share_with_cramp, Some(0.25));
    assert_eq!(g.left.mean_severity, Some(10.0 / 8.0));
    assert_eq!(g.left.mean_cramps, Some(0.25));
    assert_eq!(g.right.share_with_cramp, Some(0.125));
    assert_eq!(g.right.mean_severity, Some(0.25));
    assert_eq!(g.both.nights_with_cramp, 1);
    assert_eq!(g.both.mean_severity, Some(1.0));
}

#[test]
fn a_kept_night_is_kept_by_the_streak_rule() {
    // 00:30 belongs to the night before; 79 % does not keep a night, 80 % does.
    let mut late = session(date("2026-11-21"), 10);
    late.started_at = at("2026-11-21T00:30:00+01:00");
    let sessions = vec![late, session(date("2026-11-22"), 8), {
        let mut s = session(date("2026-11-23"), 79);
        s.planned = 100;
        s
    }];
    let cramps: Vec<_> = ["2026-11-20", "2026-11-22", "2026-11-23"]
        .iter()
        .map(|d| entry(date(d), 1, None))
        .collect();
    let c = compare_default(&sessions, &cramps, 90);
    assert_eq!((c.stretched.nights, c.other.nights), (2, 1));
}

#[test]
fn the_window_stops_at_the_calendar_edge_and_at_the_cap() {
    let c = compare(&[], &[], &Rules::default(), NaiveDate::MIN, 90);
    assert_eq!(c.window_nights, 0);
    assert_eq!(c.first_night, None);
    let c = compare(&[], &[], &Rules::default(), date(TONIGHT), u32::MAX);
    assert_eq!(c.window_nights, MAX_WINDOW_NIGHTS);
    let c = compare(&[], &[], &Rules::default(), date(TONIGHT), 0);
    assert_eq!((c.window_nights, c.last_night), (0, None));
}

#[test]
fn the_bootstrap_is_deterministic() {
    let (sessions, mut cramps) = twenty_nights(3, 6);
    let first = compare_default(&sessions, &cramps, 90);
    cramps.reverse();
    let again = compare_default(&sessions, &cramps, 90);
    assert_eq!(first, again);
    assert_eq!(first.difference.map(|d| d.seed), Some(SEED));
    // Thirty points on ten nights each is still within chance: the words stay modest.
    assert_eq!(
        first.sentence,
        "On nights you stretched, cramps were about as common: 30 % of 10 nights against 60 % \
         of 10 (difference 30 points, 95 % interval -10 to 70)."
    );
}

impl Figures {
    /// The figures of a side never named, over `nights` nights.
    fn finished(mut self, nights: u32) -> Self {
        self.finish(nights);
        self
    }
}

proptest! {
    #[test]
    fn never_panics_and_groups_add_up(
        kept in proptest::collection::vec((0i64..=60, 0u32..=10, 0usize..4), 0..40),
        noted in proptest::collection::vec((-5i64..65, 0u8..=10, 0usize..5, 0i64..600), 0..60),
        rest in proptest::collection::vec(0u8..7, 0..3),
        window in 0u32..70,
    ) {
        let first = "2026-10-01";
        // Each session stopped by "this hurts" on none, or one, of three step-sides.
        let hurts = [
            None,
            Some(("Calf", Some("left"))),
            Some(("Calf", Some("right"))),
            Some(("Toes", None)),
        ];
        let sessions: Vec<_> = kept
            .iter()
            .enumerate()
            .map(|(i, (d, done, hurt))| {
                let mut s = session(plus(first, *d), *done);
                s.id = format!("s-{i}");
                s.hurt = hurts[*hurt]
                    .map(|(step, side)| crate::core::stats::Hurt {
                        step: step.into(),
                        side: side.map(String::from),
                    })
                    .into_iter()
                    .collect();
                s
            })
            .collect();
        let sides = [None, Some("left"), Some("right"), Some("both"), Some("odd")];
        let cramps: Vec<_> = noted
            .iter()
            .enumerate()
            .map(|(i, (d, sev, side, minutes))| {
                let mut e = entry(plus(first, *d), *sev, sides[*side]);
                e.id = format!("c-{i}");
                e.logged_at += Duration::minutes(*minutes);
                e
            })
            .collect();
        let rules = Rules {
            rest_days: rest.iter().map(|r| Weekday::try_from(*r).expect("weekday")).collect(),
            ..Rules::default()
        };
        let tonight = plus(first, 60);
        let c = compare(&sessions, &cramps, &rules, tonight, window);
        let start = tonight - Duration::days(i64::from(window));
        let noted_nights: std::collections::BTreeSet<_> = cramps
            .iter()
            .map(|e| e.night)
            .filter(|n| *n >= start && *n < tonight && !rules.rest_days.contains(&n.weekday()))
            .collect();
        prop_assert_eq!(c.stretched.nights + c.other.nights, noted_nights.len() as u32);
        prop_assert_eq!(
            c.stretched.nights
                + c.other.nights
                + c.rest_nights
                + c.nights_without_entry
                + c.nights_before_first_use,
            c.window_nights
        );
        prop_assert_eq!(c.window_nights, window);
        prop_assert!(!c.sentence.contains("prove"));
        if let Some(d) = &c.difference {
            prop_assert!(d.low <= d.points + 1e-9 && d.points <= d.high + 1e-9);
        }
        // Every stop in a session from the window's first night to tonight is counted once,
        // most often first.
        // (A window of no nights has no first night, and so no stops.)
        let stopped_in_window = kept
            .iter()
            .filter(|(d, _, hurt)| *hurt > 0 && (start..=tonight).contains(&plus(first, *d)))
            .count() as u32;
        prop_assert_eq!(
            c.hurt_steps.iter().map(|h| h.times).sum::<u32>(),
            if window > 0 { stopped_in_window } else { 0 }
        );
        prop_assert!(c.hurt_steps.windows(2).all(|w| w[0].times >= w[1].times));
    }
}

#[test]
fn the_mean_of_cramps_uses_the_count_noted() {
    let tonight = date(TONIGHT);
    let night = plus(TONIGHT, -1);
    let mut counted = entry(night, 5, Some("left"));
    counted.count = Some(3);
    let none = entry(plus(TONIGHT, -2), 0, None);
    let c = compare(&[], &[counted, none], &Rules::default(), tonight, 7);
    let all = &c.other.all;
    assert_eq!(c.other.nights, 2);
    assert_eq!(
        all.mean_cramps,
        Some(1.5),
        "3 cramps and none, over two nights"
    );
}

#[test]
fn hurt_steps_are_counted_per_side_in_the_window_most_often_first() {
    let hurt = |step: &str, side: Option<&str>| crate::core::stats::Hurt {
        step: step.into(),
        side: side.map(String::from),
    };
    let mut sessions = Vec::new();
    for (i, hurts) in [
        vec![hurt("Calf", Some("left"))],
        vec![hurt("Calf", Some("left")), hurt("Toes", None)],
        vec![hurt("Calf", Some("right"))],
    ]
    .into_iter()
    .enumerate()
    {
        let mut s = session(plus("2026-11-20", i as i64), 4);
        s.hurt = hurts;
        sessions.push(s);
    }
    // Outside a 5-night window (before 25 Nov): left out.
    let mut old = session(date("2026-11-01"), 4);
    old.hurt = vec![hurt("Toes", None)];
    sessions.push(old);
    // The same session read twice counts once.
    sessions.push(sessions[0].clone());

    let steps = compare_default(&sessions, &[], 10).hurt_steps;
    let rows: Vec<(&str, Option<&str>, u32)> = steps
        .iter()
        .map(|h| (h.step.as_str(), h.side.as_deref(), h.times))
        .collect();
    assert_eq!(
        rows,
        [
            ("Calf", Some("left"), 2),
            ("Calf", Some("right"), 1),
            ("Toes", None, 1)
        ]
    );
    assert!(compare_default(&sessions, &[], 5).hurt_steps.is_empty());
}
