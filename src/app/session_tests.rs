//! What the session screen says aloud as time passes and keys come: pauses, the first step
//! not named twice, reps counted, and the end said once the history answers.

use std::time::Duration;

use chrono::DateTime;

use super::*;
use crate::app::fixtures::EVENING;
use crate::app::verdict::end_words;
use crate::app::{App, Msg, NewSession};
use crate::core::calendar::Rules;
use crate::core::routine_file::parse_routine;

const SETTINGS: SessionSettings = SessionSettings {
    bell: false,
    min_completion: 0.8,
};

/// The evening routine with a lead-in of `lead_in` seconds.
fn routine(lead_in: u64) -> String {
    EVENING.replace("lead_in = \"5s\"", &format!("lead_in = {lead_in}"))
}

fn at(ms: u64) -> Now {
    let start = DateTime::parse_from_rfc3339("2026-11-23T22:41:05+01:00").expect("time");
    Now {
        moment: Duration::from_millis(ms),
        wall: start + chrono::Duration::milliseconds(ms as i64),
    }
}

fn start(lead_in: u64) -> (SessionApp, Vec<String>) {
    let routine = parse_routine("evening", routine(lead_in).as_bytes(), &[]).expect("valid");
    let new = NewSession {
        routine,
        id: "id".into(),
    };
    let (app, effects) = SessionApp::start(new, SETTINGS, at(0));
    (app, spoken(&effects))
}

fn spoken(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Announce(words) => Some(words.spoken.clone()),
            _ => None,
        })
        .collect()
}

/// Everything said from `from` to `to` seconds, a tick every half second.
fn said_between(app: &mut SessionApp, from: u64, to: u64) -> Vec<String> {
    (from * 2..=to * 2)
        .flat_map(|half| spoken(&app.update_time(at(half * 500))))
        .collect()
}

#[test]
fn the_lead_in_names_the_first_step_so_its_hold_only_says_go() {
    let (mut app, said) = start(5);
    assert_eq!(said, ["Get ready. Wall calf stretch, left foot"]);
    assert_eq!(said_between(&mut app, 1, 5), ["Go"]);
}

#[test]
fn a_lead_in_too_short_for_the_name_leaves_it_to_the_hold() {
    let (mut app, said) = start(2);
    assert_eq!(said, ["Get ready"]);
    assert_eq!(
        said_between(&mut app, 1, 2),
        ["Wall calf stretch, left foot"]
    );
}

/// Everything said as each key comes at its millisecond.
fn press(app: &mut SessionApp, keys: &[(Action, u64)]) -> Vec<String> {
    keys.iter()
        .flat_map(|(action, ms)| spoken(&app.update(*action, at(*ms))))
        .collect()
}

#[test]
fn a_pause_that_cuts_the_lead_in_off_has_the_hold_name_the_step_again() {
    let (mut app, _) = start(5);
    // "Paused" at 1 s cuts off the three seconds of naming.
    let keys = [(Action::TogglePause, 1_000), (Action::TogglePause, 9_000)];
    assert_eq!(press(&mut app, &keys), ["Paused", "Going on"]);
    let said = said_between(&mut app, 9, 13);
    assert_eq!(said, ["Wall calf stretch, left foot"]);
}

#[test]
fn space_and_the_help_are_said_as_a_pause_and_closing_it_as_going_on() {
    let (mut app, _) = start(5);
    said_between(&mut app, 1, 6);
    // The help pauses the countdown too: a person with closed eyes needs to know the time
    // stopped, whatever covers the screen. A key that changes nothing (y) says nothing.
    let keys = [
        (Action::TogglePause, 6_000),
        (Action::TogglePause, 7_000),
        (Action::Help, 8_000),
        (Action::No, 9_000),
        (Action::Yes, 9_500),
    ];
    let said = press(&mut app, &keys);
    assert_eq!(said, ["Paused", "Going on", "Paused", "Going on"]);
}

#[test]
fn the_switch_names_the_foot_the_rest_the_next_step_and_reps_are_counted() {
    let (mut app, _) = start(5);
    let said = said_between(&mut app, 1, 160);
    let reps = [
        "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    let expected: Vec<&str> = [
        "Go",
        "3",
        "2",
        "1",
        "Switch to your right foot",
        "Right foot",
        "3",
        "2",
        "1",
        "Rest. Next: Toe curls",
        "Toe curls, 10 times",
    ]
    .into_iter()
    .chain(reps)
    .collect();
    assert_eq!(
        said, expected,
        "a step that counts reps has no 3, 2, 1 over them"
    );
}

/// The app ran to the end of the routine, its record handed over and answered with `stats`.
fn ended(skip_first: bool, answer: Result<Option<bool>, String>) -> (Vec<String>, Option<String>) {
    let routine = parse_routine("evening", routine(0).as_bytes(), &[]).expect("valid");
    let new = NewSession {
        routine,
        id: "id".into(),
    };
    let (mut app, _) = App::session(new, SETTINGS, at(0));
    if skip_first {
        app.update(Msg::Session(Action::Skip), at(0));
    }
    let mut said = Vec::new();
    let mut record = None;
    for second in 0..=200 {
        for effect in app.update(Msg::Tick, at(second * 1000)) {
            match effect {
                Effect::Record(r) => record = Some(r),
                Effect::Announce(words) => said.push(words.spoken),
                _ => {}
            }
        }
    }
    assert!(record.is_some(), "the session ended and was handed over");
    let answer = answer.map(|kept| {
        kept.map(|kept| {
            let mut stats = Stats::compute(&[], &Rules::default(), at(0).wall);
            stats.tonight_kept = kept;
            stats
        })
    });
    let end = spoken(&app.update(Msg::Recorded(answer), at(201_000)));
    assert!(said.iter().all(|w| !w.starts_with("Done")), "{said:?}");
    (said, end.into_iter().next())
}

#[test]
fn the_end_is_said_once_the_history_answers_and_says_truly_whether_tonight_is_kept() {
    let kept = ended(false, Ok(Some(true))).1;
    assert_eq!(kept.as_deref(), Some("Done. Tonight is kept."));
    // 2 of 3 held is below 0.8: the whole sentence would outlast the voice, so it is short.
    let not_kept = ended(true, Ok(Some(false))).1;
    assert_eq!(not_kept.as_deref(), Some("Done. Not kept yet."));
    // An earlier session kept tonight: this one did not, but the night is kept.
    let earlier = ended(true, Ok(Some(true))).1;
    assert_eq!(earlier.as_deref(), Some("Done. Tonight is kept."));
    // Unread history: only what is known.
    let unread = ended(true, Ok(None)).1;
    assert_eq!(unread.as_deref(), Some("Done. 2 of 3 held."));
    let failed = ended(false, Err("disk full".into())).1;
    assert_eq!(failed.as_deref(), Some("Done. Not saved."));
}

#[test]
fn a_quit_session_says_no_end() {
    let (mut app, _) = start(0);
    app.update(Action::Quit, at(1_000));
    app.update(Action::Yes, at(1_500));
    app.update_time(at(2_000));
    app.recorded(Ok(None));
    assert_eq!(end_words(&app), None);
}
