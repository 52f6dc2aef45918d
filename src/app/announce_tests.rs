//! The words of a session's moments, on a routine with sides, reps and rests.

use std::time::Duration;

use super::*;
use crate::app::fixtures::{EVENING, session_of};
use crate::core::session::Command;

/// The evening routine with every pause too short for its longer words, reps of a second,
/// and a last step whose sides are not feet.
fn hurried() -> String {
    let legs = r#"{ name = "Hamstring stretch", duration = 3, sides = ["left leg", "right leg"] }"#;
    EVENING
        .replace(r#"lead_in = "5s""#, "lead_in = 2\nswitch = 1")
        .replace(r#"rest = "10s""#, "rest = 2")
        .replace(
            r#""1m30s", reps = 10 },"#,
            &format!("4, reps = 4 }},\n{legs},"),
        )
}

fn session() -> Session {
    session_of(EVENING)
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
        for_cue(&s, Cue::Finished, Phase::Done),
        None,
        "the end waits for the record, to say whether tonight is kept"
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
            "Switch to your right foot",
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

/// Every cue of a session of `toml` run to its end, one per line: what plain mode prints,
/// then what is said.
fn transcript(toml: &str) -> String {
    let mut session = session_of(toml);
    let mut lines = Vec::new();
    for second in 0..200 {
        for effect in session.apply(Command::Tick, Duration::from_secs(second)) {
            if let crate::core::session::Effect::Cue(cue, phase) = effect {
                let words = for_cue(&session, cue, phase);
                lines.extend(words.map(|w| format!("{} | {}", w.line, w.spoken)));
            }
        }
    }
    lines.join("\n")
}

#[test]
fn each_cue_is_said_whole_where_it_fits() {
    assert_eq!(
        transcript(EVENING),
        "\
Wall calf stretch, left foot, 30 seconds | Wall calf stretch, left foot
Switch to your right foot | Switch to your right foot
Right foot, 30 seconds | Right foot
Rest 10 seconds. Next: Toe curls | Rest. Next: Toe curls
Toe curls, 1 minute 30 seconds, 10 times | Toe curls, 10 times"
    );
}

#[test]
fn a_cue_too_long_for_its_slot_is_said_shorter_and_plain_mode_keeps_it_whole() {
    let s = session_of(&hurried());
    // 2 s of lead-in cannot hold the step's name (about 3 s): the first hold will say it.
    let ready = get_ready(&s).expect("words");
    assert_eq!(ready.spoken, GET_READY);
    assert_eq!(
        ready.line,
        "Get ready: Wall calf stretch, left foot, 30 seconds"
    );
    // Reps of a second are counted, so the toe curls have 1 s before "Two": the number of
    // reps goes, the name stays. Other side labels are said as written.
    assert_eq!(counted_reps(&s, 2), Some((4, Duration::from_secs(1))));
    assert_eq!(
        transcript(&hurried()),
        "\
Wall calf stretch, left foot, 30 seconds | Wall calf stretch, left foot
Switch to your right foot | Switch
Right foot, 30 seconds | Right foot
Rest 2 seconds. Next: Toe curls | Rest
Toe curls, 4 seconds, 4 times | Toe curls
Rest 5 seconds. Next: Hamstring stretch | Rest. Next: Hamstring stretch
Hamstring stretch, left leg, 3 seconds | Hamstring stretch, left leg
Switch to right leg | Switch
Right leg, 3 seconds | Right leg"
    );
}

#[test]
fn each_cue_has_until_the_next_one_to_be_said() {
    let s = session();
    assert_eq!(slot(&s, Phase::LeadIn), Duration::from_secs(5));
    // A hold without reps: until its last three seconds are counted.
    assert_eq!(slot(&s, Phase::Hold(0)), Duration::from_secs(27));
    // A hold with reps: until the second rep, 90 s / 10.
    assert_eq!(counted_reps(&s, 2), Some((10, Duration::from_secs(9))));
    assert_eq!(slot(&s, Phase::Hold(2)), Duration::from_secs(9));
    assert_eq!(slot(&s, Phase::Rest(2)), Duration::from_secs(10));
    assert_eq!(slot(&s, Phase::Done), END_SLOT);
    // A hold of three seconds or less has no count, so all of it.
    assert_eq!(
        slot(&session_of(&hurried()), Phase::Hold(3)),
        Duration::from_secs(3)
    );
}

#[test]
fn reps_pauses_and_resumes_in_words() {
    assert_eq!(rep(2, 10).spoken, "Two");
    assert_eq!(rep(2, 10).line, "Rep 2 of 10");
    assert_eq!(rep(20, 20).spoken, "Twenty");
    assert_eq!(rep(21, 30).spoken, "21");
    assert_eq!(paused(true).spoken, "Paused");
    assert_eq!(paused(true).moment, Moment::Paused);
    assert_eq!(paused(false).spoken, "Going on");
    assert_eq!(paused(false).moment, Moment::Resumed);
}
