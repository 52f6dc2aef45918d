//! The review on a diary whose truth is known.

use chrono::{Days, NaiveTime};

use super::*;
use crate::core::fixtures::{at, date, diary_entry, evening_session};
use crate::core::program::{Plan, ProgramRecord};

const FROM: &str = "2026-10-01";

fn program(stop: Option<&str>) -> Program {
    let plan = Plan {
        routine: "calf-hamstring".into(),
        from: date(FROM),
        baseline_nights: 14,
        weeks: 6,
    };
    let start = ProgramRecord::new(&plan, at("2026-10-01T21:00:00+02:00"), 0);
    let mut lines = vec![start.clone()];
    if let Some(stop) = stop {
        lines.push(start.stop(at(stop), 1));
    }
    let four = NaiveTime::from_hms_opt(4, 0, 0).expect("04:00");
    Program::latest(&lines, four).expect("a program")
}

fn night(n: u64) -> NaiveDate {
    date(FROM).checked_add_days(Days::new(n)).expect("a night")
}

/// A 14-night baseline with 30 cramps (2 or 3 a night), then 42 nights of the routine, 40
/// of them kept, with 8 cramps in all.
fn the_known_truth() -> (Vec<SessionFacts>, Vec<CrampRecord>) {
    let mut cramps = Vec::new();
    for n in 0..14 {
        let count = if n < 2 { 3 } else { 2 };
        cramps.push(diary_entry(night(n), 5, Some(count)));
    }
    let mut sessions = Vec::new();
    for n in 14..56 {
        if n % 21 != 0 {
            sessions.push(evening_session(
                &night(n).to_string(),
                "Calf and hamstring",
                10,
            ));
        }
        let cramp = (n - 14) % 5 == 0 && n - 14 < 40;
        cramps.push(diary_entry(
            night(n),
            if cramp { 3 } else { 0 },
            cramp.then_some(1),
        ));
    }
    (sessions, cramps)
}

fn reviewed(tonight: NaiveDate, stop: Option<&str>) -> Review {
    let (sessions, cramps) = the_known_truth();
    review(
        &program(stop),
        &sessions,
        &cramps,
        &Rules::default(),
        tonight,
    )
}

/// The finished trial's review of `cramps`, the sessions as in the known truth.
fn reviewed_with(cramps: &[CrampRecord]) -> Review {
    let (sessions, _) = the_known_truth();
    review(
        &program(None),
        &sessions,
        cramps,
        &Rules::default(),
        night(60),
    )
}

#[test]
fn the_known_truth_gives_its_figures_and_an_interval_below_zero() {
    let review = reviewed(night(60), None);
    let json = serde_json::to_value(&review).expect("json");
    assert_eq!(json["phase"], "done");
    assert_eq!(json["baseline"]["nights"], 14);
    assert_eq!(json["baseline"]["cramps_per_night"], 2.14);
    assert_eq!(json["baseline"]["share_with_cramp"], 1.0);
    assert_eq!(json["program"]["nights"], 42);
    assert_eq!(json["program"]["nights_kept"], 40);
    assert_eq!(json["program"]["cramps_per_night"], 0.19);
    assert_eq!(json["difference"]["cramps_per_night"], -1.95);
    let [low, high] = review.difference.as_ref().expect("a difference").ci95;
    assert!(low < -1.95 && -1.95 < high && high < 0.0, "{low} {high}");
    assert!(
        review.verdict.starts_with("Cramps were less frequent during the program: 2.14 a night before, 0.19 during, a difference of -1.95"),
        "{}",
        review.verdict
    );
    assert_eq!(review.weeks.len(), 2 + 6);
    assert_eq!(review.weeks[0].label, "Before 1");
    assert_eq!(review.weeks[2].label, "Week 1");
    assert_eq!(review.weeks[0].cramps_per_night, Some(16.0 / 7.0));
    assert_eq!(review.weeks[2].cramps_per_night, Some(2.0 / 7.0));
}

#[test]
fn the_review_opens_in_the_second_week_and_says_so_far_until_the_end() {
    let early = reviewed(night(14 + 3), None);
    assert_eq!(early.phase, "program");
    assert_eq!(early.difference, None);
    assert!(
        early.verdict.starts_with("The review opens on"),
        "{}",
        early.verdict
    );
    let week_two = reviewed(night(14 + 8), None);
    assert!(week_two.difference.is_some());
    assert!(
        week_two
            .verdict
            .starts_with("So far, cramps were less frequent"),
        "{}",
        week_two.verdict
    );
    assert!(!week_two.complete);
    assert_eq!(week_two.program.nights, 8, "the nights before tonight");
}

#[test]
fn a_stopped_trial_reviews_the_nights_it_ran() {
    let review = reviewed(night(40), Some("2026-11-05T21:00:00+01:00"));
    assert!(review.stopped && review.complete);
    assert_eq!(review.last_night, date("2026-11-04"));
    assert_eq!(review.program.nights, 21, "15 Oct to 4 Nov");
}

#[test]
fn nights_without_an_entry_are_left_out_and_counted() {
    let (_, mut cramps) = the_known_truth();
    cramps.retain(|c| c.night != night(3) && c.night != night(20));
    let review = reviewed_with(&cramps);
    assert_eq!(
        (review.baseline.nights, review.baseline.nights_without_entry),
        (13, 1)
    );
    assert_eq!(
        (review.program.nights, review.program.nights_without_entry),
        (41, 1)
    );
}

#[test]
fn too_few_diary_nights_say_how_many_are_needed() {
    let (_, cramps) = the_known_truth();
    let few: Vec<CrampRecord> = cramps.into_iter().filter(|c| c.night > night(10)).collect();
    let review = reviewed_with(&few);
    assert_eq!(review.difference, None);
    assert_eq!(
        review.verdict,
        "Not enough diary nights: 3 before and 42 during; 7 of each were needed."
    );
}

#[test]
fn where_a_person_stands_in_one_line() {
    let (sessions, cramps) = the_known_truth();
    let p = program(None);
    let line = |tonight: NaiveDate| {
        standing(
            &p,
            &review(&p, &sessions, &cramps, &Rules::default(), tonight),
            tonight,
        )
    };
    assert_eq!(
        line(night(4)),
        "Baseline, night 5 of 14: just note cramps each morning"
    );
    assert_eq!(
        line(night(14 + 15)),
        "Week 3 of 6: 2.1 cramps a night before"
    );
    assert_eq!(
        line(night(14 + 42)),
        "Trial done: the review has the answer"
    );
    assert!(line(date("2026-09-30")).starts_with("Your trial starts on Thu 1 Oct"));
}

#[test]
fn a_trial_stopped_in_its_baseline_has_no_program_period() {
    let review = reviewed(night(20), Some("2026-10-05T21:00:00+02:00"));
    assert!(review.complete && review.stopped);
    assert_eq!(review.periods(), ((night(0), night(3)), None));
    assert_eq!(
        review.verdict,
        "Not enough diary nights: 4 before and 0 during; 7 of each were needed."
    );
}

#[test]
fn a_trial_stopped_before_its_first_night_says_so() {
    let plan = Plan {
        routine: "calf-hamstring".into(),
        from: date(FROM),
        baseline_nights: 14,
        weeks: 6,
    };
    // Planned ahead on the 20th, stopped on the 25th, before its first night.
    let start = ProgramRecord::new(&plan, at("2026-09-20T21:00:00+02:00"), 0);
    let stop = start.stop(at("2026-09-25T21:00:00+02:00"), 1);
    let four = NaiveTime::from_hms_opt(4, 0, 0).expect("04:00");
    let p = Program::latest(&[start, stop], four).expect("a program");
    let r = review(&p, &[], &[], &Rules::default(), night(5));
    assert_eq!(standing(&p, &r, night(5)), "Trial stopped before it began");
    assert_eq!(
        crate::core::trial_figures::span(&r),
        "Stopped before its first night, Thu 1 Oct."
    );
}
