//! The words of a session's moments, on a routine with sides, reps and rests.

use std::time::Duration;

use chrono::DateTime;

use super::*;
use crate::core::routine_file::parse_routine;
use crate::core::session::Command;

const ROUTINE: &str = r#"
name = "Evening"
lead_in = "5s"

[[step]]
name = "Wall calf stretch"
duration = "30s"
sides = ["left", "right"]
rest = "10s"

[[step]]
name = "Toe curls"
duration = "1m30s"
reps = 10
"#;

fn session() -> Session {
    let routine = parse_routine("evening", ROUTINE.as_bytes(), &[]).expect("valid");
    let started = DateTime::parse_from_rfc3339("2026-11-23T22:00:00+01:00").expect("time");
    Session::start(routine, "id".into(), started, Duration::ZERO).0
}

fn lines(session: &Session, cue: Cue, phase: Phase) -> (String, String) {
    let a = for_cue(session, cue, phase).expect("words");
    (a.line, a.spoken)
}

#[test]
fn every_moment_reads_as_a_sentence() {
    let s = session();
    let ready = get_ready(&s).expect("words");
    assert_eq!(
        ready.line,
        "Get ready: Wall calf stretch, left foot, 30 seconds"
    );
    assert_eq!(ready.spoken, "Get ready. Wall calf stretch, left foot");
    assert_eq!(
        lines(&s, Cue::NextStep, Phase::Hold(0)),
        (
            "Wall calf stretch, left foot, 30 seconds".into(),
            "Wall calf stretch, left foot".into()
        )
    );
    assert_eq!(
        lines(&s, Cue::Switch, Phase::Switch(1)),
        ("Switch to the right foot".into(), "Switch sides".into())
    );
    assert_eq!(
        lines(&s, Cue::NextSide, Phase::Hold(1)),
        ("Right foot, 30 seconds".into(), "Right foot".into())
    );
    assert_eq!(
        lines(&s, Cue::Rest, Phase::Rest(2)),
        ("Rest 10 seconds. Next: Toe curls".into(), "Rest".into())
    );
    assert_eq!(
        lines(&s, Cue::NextStep, Phase::Hold(2)),
        (
            "Toe curls, 1 minute 30 seconds, 10 times".into(),
            "Toe curls".into()
        )
    );
    assert_eq!(
        lines(&s, Cue::Finished, Phase::Done),
        ("Done.".into(), "Done".into())
    );
    assert_eq!(count(3).spoken, "3");
    assert_eq!(
        hold_name(&s, 1).as_deref(),
        Some("Wall calf stretch, right foot")
    );
    assert_eq!(hold_name(&s, 2).as_deref(), Some("Toe curls"));
    assert_eq!(hold_name(&s, 3), None, "there is no fourth step-side");
}

#[test]
fn durations_are_said_in_words() {
    assert_eq!(duration_words(1), "1 second");
    assert_eq!(duration_words(45), "45 seconds");
    assert_eq!(duration_words(60), "1 minute");
    assert_eq!(duration_words(121), "2 minutes 1 second");
}

#[test]
fn a_late_tick_names_each_phase_it_passed_through() {
    let mut s = session();
    // 5 s get ready and 30 s on the left go by unseen: the switch and the right side follow.
    let effects = s.apply(Command::Tick, Duration::from_secs(39));
    let said: Vec<String> = effects
        .iter()
        .filter_map(|e| match e {
            crate::core::session::Effect::Cue(cue, phase) => {
                for_cue(&s, *cue, *phase).map(|a| a.line)
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        said,
        [
            "Wall calf stretch, left foot, 30 seconds",
            "Switch to the right foot",
            "Right foot, 30 seconds"
        ]
    );
}

#[test]
fn other_side_labels_are_kept_as_written() {
    assert_eq!(side_name("left"), "Left foot");
    assert_eq!(side_name("inner edge"), "Inner edge");
    assert_eq!(side_in_sentence("Right"), "right foot");
}
