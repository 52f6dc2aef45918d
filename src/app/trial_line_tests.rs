//! The trial's line on home, phase by phase, and when it goes.

use super::*;
use crate::core::fixtures::{date, diary_entry, trial};

fn known(from: &str) -> Known {
    Known {
        programs: vec![trial(from)],
        ..Known::default()
    }
}

fn line(known: &Known, night: &str, kept: bool) -> Vec<String> {
    let name_of = |id: &str| (id == "calf-hamstring").then_some("Calf and hamstring");
    trial_line(known, &Rules::default(), date(night), kept, name_of)
}

#[test]
fn no_trial_no_line() {
    assert!(line(&Known::default(), "2026-12-11", false).is_empty());
}

#[test]
fn in_the_routines_weeks_it_names_the_routine_until_the_night_is_kept() {
    let mut known = known("2026-11-16");
    // Ten baseline nights noted, 21 cramps: 2.1 a night.
    for (n, night) in date("2026-11-16").iter_days().take(10).enumerate() {
        known
            .cramps
            .push(diary_entry(night, 4, Some(if n == 0 { 3 } else { 2 })));
    }
    assert_eq!(
        line(&known, "2026-12-14", false),
        [
            "Trial · Week 3 of 6: 2.1 cramps a night before · Calf and hamstring tonight",
            "Trial · Week 3 of 6: 2.1 cramps a night before",
            "Trial · Week 3 of 6 · Calf and hamstring tonight",
            "Trial · Week 3 of 6",
            "Week 3 of 6",
        ]
    );
    assert_eq!(
        line(&known, "2026-12-14", true),
        [
            "Trial · Week 3 of 6: 2.1 cramps a night before",
            "Trial · Week 3 of 6",
            "Week 3 of 6",
        ],
        "kept tonight: nothing more to do"
    );
    let unlisted = trial_line(&known, &Rules::default(), date("2026-12-14"), false, |_| {
        None
    });
    assert_eq!(
        unlisted[0],
        "Trial · Week 3 of 6: 2.1 cramps a night before"
    );
}

#[test]
fn before_it_starts_in_the_baseline_and_for_a_week_after_it_ends() {
    let known = known("2026-12-07");
    // The last night is Sun 31 Jan 2027 (14 nights, then 6 weeks).
    let nights: [(&str, &[&str]); 3] = [
        (
            "2026-12-05",
            &[
                "Your trial starts on Mon 7 Dec: from then, note cramps each morning",
                "Your trial starts on Mon 7 Dec",
            ],
        ),
        (
            "2026-12-11",
            &[
                "Trial · Baseline, night 5 of 14: just note cramps each morning",
                "Trial · Baseline, night 5 of 14",
                "Baseline, night 5 of 14",
            ],
        ),
        (
            "2027-02-01",
            &["Trial done: the review has the answer", "Trial done"],
        ),
    ];
    for (night, want) in nights {
        assert_eq!(line(&known, night, false), want, "{night}");
    }
    assert!(!line(&known, "2027-02-07", false).is_empty(), "a week on");
    assert!(line(&known, "2027-02-08", false).is_empty(), "then gone");
}
