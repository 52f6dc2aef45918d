//! Which diary nights bring the doctor line, and which do not.

use super::*;
use crate::core::fixtures::{date, diary_entry};

fn night(day: u32) -> NaiveDate {
    date("2026-11-01")
        .checked_add_days(Days::new(u64::from(day - 1)))
        .expect("a night")
}

#[test]
fn a_cramp_over_ten_minutes_is_worth_discussing_and_ten_is_not() {
    let mut long = diary_entry(night(3), 6, Some(1));
    long.minutes = Some(15);
    let mut ten = diary_entry(night(4), 6, Some(1));
    ten.minutes = Some(10);
    let found = nights(&[long, ten]);
    assert_eq!(found, [(night(3), vec![Reason::Long { minutes: 15 }])]);
    assert_eq!(found[0].1[0].words(), "a cramp that lasted 15 minutes");
}

#[test]
fn severe_cramps_on_three_nights_of_seven_are_and_two_are_not() {
    let severe = |day: u32| diary_entry(night(day), 8, Some(1));
    assert!(nights(&[severe(1), severe(5), diary_entry(night(6), 7, None)]).is_empty());
    let found = nights(&[severe(1), severe(5), severe(7), severe(9)]);
    // The third severe night within seven brings it, and the fourth (5, 7, 9) too.
    assert_eq!(
        found,
        [
            (night(7), vec![Reason::Severe { nights: 3 }]),
            (night(9), vec![Reason::Severe { nights: 3 }])
        ]
    );
    // Eight nights apart, never three in a week.
    assert!(nights(&[severe(1), severe(9), severe(17)]).is_empty());
}

#[test]
fn a_note_of_swelling_numbness_or_weakness_is_in_any_case() {
    let noted = |day: u32, note: &str| {
        let mut entry = diary_entry(night(day), 3, Some(1));
        entry.note = Some(note.to_string());
        entry
    };
    let found = nights(&[
        noted(1, "Left calf SWOLLEN this morning"),
        noted(2, "foot went numb"),
        noted(3, "legs feel weak"),
        noted(4, "woke at 3, fine after a walk"),
        noted(5, "a number of small ones"),
        noted(6, "tweaked my back"),
    ]);
    let flagged: Vec<NaiveDate> = found.iter().map(|(n, _)| *n).collect();
    assert_eq!(flagged, [night(1), night(2), night(3)]);
}

#[test]
fn lately_means_the_week_ending_last_night() {
    let mut long = diary_entry(night(3), 6, Some(1));
    long.minutes = Some(20);
    let cramps = [long];
    assert!(lately(&cramps, night(3)));
    assert!(lately(&cramps, night(9)));
    assert!(
        !lately(&cramps, night(10)),
        "a week later it is no longer said"
    );
    assert!(!lately(&cramps, night(2)), "not before it was noted");
}
