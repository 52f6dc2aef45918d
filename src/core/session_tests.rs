//! The session machine under a manual clock: every transition, and properties under any
//! sequence of commands.

use std::time::Duration;

use chrono::DateTime;
use proptest::prelude::*;

use super::*;
use crate::core::routine::by_hand::{self, step};

fn secs(s: u64) -> Moment {
    Duration::from_secs(s)
}

fn ms(ms: u64) -> Moment {
    Duration::from_millis(ms)
}

/// Lead-in 5; "Calf" 30 s left/right with a 3 s switch, rest 10; "Toes" 20 s in 10 reps,
/// rest 10; "Ankles" 15 s left/right with a 3 s switch.
fn routine() -> Routine {
    by_hand::routine(vec![
        step("Calf", 30, &["left", "right"], None, 10, 3),
        step("Toes", 20, &[], Some(10), 10, 3),
        step("Ankles", 15, &["left", "right"], None, 10, 3),
    ])
}

fn start(routine: Routine) -> (Session, Vec<Effect>) {
    let at = DateTime::parse_from_rfc3339("2026-11-23T22:41:05+01:00").expect("time");
    Session::start(routine, "id".into(), at, Duration::ZERO)
}

/// The test routine, started and left to run untouched until `moment`.
fn run_until(moment: Duration) -> Session {
    let (mut s, _) = start(routine());
    s.apply(Command::Tick, moment);
    s
}

fn statuses(session: &Session) -> Vec<(Status, u64)> {
    let at = DateTime::parse_from_rfc3339("2026-11-23T22:50:00+01:00").expect("time");
    session
        .record(at)
        .steps
        .iter()
        .map(|s| (s.status.known().expect("known"), s.done_secs))
        .collect()
}

use Status::{Completed, Hurt, NotReached, Partial, Skipped};

#[test]
fn a_session_left_alone_runs_every_phase_in_order() {
    let (mut s, effects) = start(routine());
    assert_eq!(effects, [Effect::SaveProgress]);
    assert_eq!(s.phase(), Phase::LeadIn);
    // Each row: a moment, the phase then, and the seconds shown.
    for (at, phase, shown) in [
        (0, Phase::LeadIn, 5),
        (4, Phase::LeadIn, 1),
        (5, Phase::Hold(0), 30),
        (34, Phase::Hold(0), 1),
        (35, Phase::Switch(1), 3),
        (38, Phase::Hold(1), 30),
        (68, Phase::Rest(2), 10),
        (78, Phase::Hold(2), 20),
        (98, Phase::Rest(3), 10),
        (108, Phase::Hold(3), 15),
        (123, Phase::Switch(4), 3),
        (126, Phase::Hold(4), 15),
    ] {
        s.apply(Command::Tick, secs(at));
        assert_eq!(
            (s.phase(), s.shown_secs(secs(at))),
            (phase, shown),
            "at {at}s"
        );
    }
    let effects = s.apply(Command::Tick, secs(141));
    assert_eq!(s.phase(), Phase::Done);
    assert_eq!(s.outcome(), Some(Outcome::Completed));
    assert!(effects.ends_with(&[
        Effect::SaveProgress,
        Effect::Cue(Cue::Finished, Phase::Done),
        Effect::Finished(Outcome::Completed)
    ]));
    assert_eq!(
        statuses(&s),
        [
            (Completed, 30),
            (Completed, 30),
            (Completed, 20),
            (Completed, 15),
            (Completed, 15)
        ]
    );
}

#[test]
fn a_late_tick_catches_up_without_drift() {
    let (mut s, _) = start(routine());
    // One tick, 70 s late: lead-in, left, switch, right all ended at their exact moments.
    let effects = s.apply(Command::Tick, secs(70));
    assert_eq!(s.phase(), Phase::Rest(2));
    assert_eq!(s.remaining(secs(70)), secs(8), "rest began at 68 s");
    let saves = effects
        .iter()
        .filter(|e| **e == Effect::SaveProgress)
        .count();
    assert_eq!(saves, 2, "one save per finished step-side");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Cue(Cue::NextSide, Phase::Hold(_))))
    );
}

#[test]
fn pause_is_exact_and_stops_the_clock() {
    let mut s = run_until(ms(12_300));
    assert_eq!(s.phase(), Phase::Hold(0));
    s.apply(Command::TogglePause, ms(12_300));
    assert!(s.is_paused());
    assert_eq!(s.until_next_change(secs(500)), None);
    s.apply(Command::Tick, secs(500));
    assert_eq!(
        s.remaining(secs(500)),
        ms(22_700),
        "7.3 s of 30 s held before the pause"
    );
    s.apply(Command::TogglePause, secs(500));
    s.apply(Command::Tick, ms(522_699));
    assert_eq!(s.phase(), Phase::Hold(0));
    s.apply(Command::Tick, ms(522_700));
    assert_eq!(s.phase(), Phase::Switch(1));
}

#[test]
fn the_wait_ends_at_the_next_second_boundary() {
    let (s, _) = start(routine());
    assert_eq!(s.until_next_change(ms(0)), Some(secs(1)));
    assert_eq!(s.until_next_change(ms(1_250)), Some(ms(750)));
    assert_eq!(s.shown_secs(ms(1_250)), 4);
}

/// The cue and phase of effects that are exactly a save of the progress, then one cue.
fn saved_then_cued(effects: &[Effect]) -> Option<(Cue, Phase)> {
    match effects {
        [Effect::SaveProgress, Effect::Cue(cue, phase)] => Some((*cue, *phase)),
        _ => None,
    }
}

#[test]
fn skip_in_each_phase() {
    let (mut s, _) = start(routine());
    let effects = s.apply(Command::Skip, secs(1));
    assert_eq!(s.phase(), Phase::Hold(0), "skip ends the lead-in");
    assert_eq!(effects, [Effect::Cue(Cue::NextStep, Phase::Hold(0))]);
    let effects = s.apply(Command::Skip, secs(13));
    assert_eq!(s.phase(), Phase::Switch(1));
    assert!(matches!(
        saved_then_cued(&effects),
        Some((Cue::Switch, Phase::Switch(_)))
    ));
    s.apply(Command::Skip, secs(14));
    assert_eq!(s.phase(), Phase::Hold(1), "skip ends the switch pause");
    assert_eq!(s.remaining(secs(14)), secs(30));
    s.apply(Command::Skip, secs(14));
    assert_eq!(s.phase(), Phase::Rest(2));
    s.apply(Command::Skip, secs(15));
    assert_eq!(s.phase(), Phase::Hold(2), "skip ends the rest");
    assert_eq!(statuses(&s)[..2], [(Skipped, 12), (Skipped, 0)]);
}

#[test]
fn skipping_the_last_side_ends_the_session_completed() {
    let (mut s, _) = start(routine());
    for _ in 0..9 {
        s.apply(Command::Skip, secs(1));
    }
    assert_eq!(s.phase(), Phase::Hold(4));
    let effects = s.apply(Command::Skip, secs(1));
    assert_eq!(s.outcome(), Some(Outcome::Completed));
    assert!(effects.contains(&Effect::Finished(Outcome::Completed)));
    assert!(statuses(&s).iter().all(|(status, _)| *status == Skipped));
}

#[test]
fn back_restarts_after_three_seconds_and_goes_back_before() {
    let mut s = run_until(secs(15));
    s.apply(Command::Back, secs(15));
    assert_eq!(
        (s.phase(), s.remaining(secs(15))),
        (Phase::Hold(0), secs(30)),
        "10 s in: restart"
    );
    s.apply(Command::Back, secs(17));
    assert_eq!(
        (s.phase(), s.remaining(secs(17))),
        (Phase::Hold(0), secs(30)),
        "first side: restart"
    );
    s.apply(Command::Skip, secs(17));
    s.apply(Command::Skip, secs(17));
    assert_eq!(s.phase(), Phase::Hold(1));
    s.apply(Command::Back, secs(19));
    assert_eq!(
        s.phase(),
        Phase::Hold(0),
        "2 s into the right side: back to the left"
    );
    assert_eq!(
        statuses(&s)[0],
        (NotReached, 0),
        "the redone side is open again"
    );
    s.apply(Command::Tick, secs(49));
    assert_eq!(s.phase(), Phase::Switch(1));
    s.apply(Command::Back, secs(50));
    assert_eq!(s.phase(), Phase::Hold(0), "back from a switch pause");
    s.apply(Command::Skip, secs(50));
    s.apply(Command::Skip, secs(50));
    s.apply(Command::Skip, secs(50));
    assert_eq!(s.phase(), Phase::Rest(2));
    s.apply(Command::Back, secs(51));
    assert_eq!(s.phase(), Phase::Hold(1), "back from a rest");
    s.apply(Command::Back, secs(51));
    assert_eq!(s.phase(), Phase::Hold(0));
}

#[test]
fn back_in_the_lead_in_restarts_it() {
    let (mut s, _) = start(routine());
    s.apply(Command::Back, secs(4));
    assert_eq!((s.phase(), s.remaining(secs(4))), (Phase::LeadIn, secs(5)));
}

#[test]
fn hurt_stops_the_step_and_its_other_sides_as_hurt_not_skipped() {
    let mut s = run_until(secs(12));
    let effects = s.apply(Command::Hurt, secs(12));
    assert_eq!(s.phase(), Phase::Rest(2));
    assert!(effects.contains(&Effect::SaveProgress));
    assert_eq!(statuses(&s)[..3], [(Hurt, 7), (Hurt, 0), (NotReached, 0)]);
    s.apply(Command::Hurt, secs(13));
    assert_eq!(s.phase(), Phase::Rest(2), "hurt means nothing in a rest");
}

#[test]
fn quit_keeps_what_was_done() {
    let mut s = run_until(ms(47_900));
    let effects = s.apply(Command::Quit, ms(47_900));
    assert_eq!(effects, [Effect::Finished(Outcome::Quit)]);
    assert_eq!(s.outcome(), Some(Outcome::Quit));
    assert_eq!(
        statuses(&s),
        [
            (Completed, 30),
            (Partial, 9),
            (NotReached, 0),
            (NotReached, 0),
            (NotReached, 0)
        ]
    );
    assert!(
        s.apply(Command::Skip, secs(60)).is_empty(),
        "a finished session ignores commands"
    );
}

#[test]
fn quit_in_a_rest_leaves_no_partial_step() {
    let mut s = run_until(secs(70));
    s.apply(Command::Quit, secs(70));
    assert_eq!(
        statuses(&s)[..3],
        [(Completed, 30), (Completed, 30), (NotReached, 0)]
    );
}

#[test]
fn reps_are_counted_through_the_hold() {
    let mut s = run_until(secs(78));
    assert_eq!(s.phase(), Phase::Hold(2));
    assert_eq!(s.rep(secs(78)), Some((1, 10)));
    assert_eq!(s.rep(ms(79_999)), Some((1, 10)));
    assert_eq!(s.rep(secs(80)), Some((2, 10)));
    assert_eq!(s.rep(ms(97_999)), Some((10, 10)));
    s.apply(Command::Tick, secs(108));
    assert_eq!(s.rep(secs(108)), None, "no reps on this step");
}

#[test]
fn zero_rest_zero_switch_and_zero_lead_in_are_passed_straight_through() {
    let mut r = routine();
    r.lead_in_secs = 0;
    for step in &mut r.steps {
        step.rest_secs = 0;
        step.switch_secs = 0;
    }
    let (mut s, effects) = start(r);
    assert_eq!(s.phase(), Phase::Hold(0));
    assert!(matches!(
        saved_then_cued(&effects),
        Some((Cue::NextStep, Phase::Hold(_)))
    ));
    s.apply(Command::Tick, secs(30));
    assert_eq!(s.phase(), Phase::Hold(1));
    s.apply(Command::Tick, secs(60));
    assert_eq!(s.phase(), Phase::Hold(2));
    assert_eq!(s.session_remaining(secs(60)), secs(20 + 15 + 15));
}

#[test]
fn session_remaining_counts_every_later_phase() {
    let (mut s, _) = start(routine());
    assert_eq!(s.session_remaining(secs(0)), secs(141));
    s.apply(Command::Tick, secs(40));
    assert_eq!(s.session_remaining(secs(40)), secs(101));
    s.apply(Command::Tick, secs(70));
    assert_eq!(s.session_remaining(secs(70)), secs(71));
}

proptest! {
    #[test]
    fn any_commands_at_any_times_keep_the_record_honest(
        steps in proptest::collection::vec((0u8..6, 0u64..40_000), 0..60),
        lead_in in 0u64..3,
        rest in 0u64..3,
    ) {
        let mut r = routine();
        r.lead_in_secs = lead_in;
        for step in &mut r.steps {
            step.rest_secs = rest;
        }
        let (mut s, _) = start(r);
        let mut now = Duration::ZERO;
        for (command, gap) in steps {
            now += ms(gap);
            let command = [Command::Tick, Command::TogglePause, Command::Skip, Command::Back, Command::Hurt, Command::Quit][usize::from(command)];
            s.apply(command, now);
            prop_assert!(s.remaining(now) <= s.planned(s.phase()));
            prop_assert!(s.shown_secs(now) <= s.planned(s.phase()).as_secs());
            if let Some((rep, reps)) = s.rep(now) {
                prop_assert!(rep >= 1 && rep <= reps);
            }
        }
        let at = DateTime::parse_from_rfc3339("2026-11-23T23:00:00+01:00").expect("time");
        let record = s.record(at);
        prop_assert_eq!(record.steps.len(), 5, "one entry per planned step-side");
        for step in &record.steps {
            prop_assert!(step.done_secs <= step.planned_secs);
            if step.status == Status::Completed {
                prop_assert_eq!(step.done_secs, step.planned_secs);
            }
            if step.status == Status::NotReached {
                prop_assert_eq!(step.done_secs, 0);
            }
        }
        let partial = record.steps.iter().filter(|s| s.status == Status::Partial).count();
        prop_assert!(partial <= 1);
        match s.outcome() {
            Some(Outcome::Completed) => prop_assert!(record.steps.iter().all(|s| !matches!(s.status.known(), Some(Status::NotReached | Status::Partial)))),
            None => prop_assert_eq!(record.outcome, Outcome::Interrupted),
            _ => {}
        }
    }
}

#[test]
fn nothing_is_done_until_a_step_side_is_reached() {
    let (mut s, _) = start(routine());
    assert!(s.nothing_done());
    s.apply(Command::Quit, secs(3));
    assert!(s.nothing_done(), "quit in the lead-in holds nothing");
    let mut s = run_until(secs(6));
    s.apply(Command::Quit, secs(6));
    assert!(!s.nothing_done(), "a second of the first stretch is held");
}

#[test]
fn the_record_carries_whether_the_routine_counts() {
    let at = DateTime::parse_from_rfc3339("2026-11-24T03:10:00+01:00").expect("time");
    let (counting, _) = start(routine());
    assert!(counting.record(at).counts);
    let (relief, _) = start(Routine {
        counts: false,
        ..routine()
    });
    assert!(!relief.record(at).counts);
}

#[test]
fn a_hold_of_no_time_is_passed_through_not_looped_on() {
    // The parser refuses a 0 s step, but a routine built by hand may hold one; it must pass
    // through like a 0 s rest rather than send the machine back to the first step forever.
    let mut r = routine();
    r.lead_in_secs = 0;
    r.steps[1].duration_secs = 0;
    let (mut s, _) = start(r);
    let effects = s.apply(Command::Tick, secs(30 + 3 + 30 + 10));
    assert_eq!(
        s.phase(),
        Phase::Rest(3),
        "straight on to the rest before Ankles"
    );
    assert_eq!(statuses(&s)[2], (Completed, 0));
    assert!(effects.contains(&Effect::SaveProgress));

    let mut first = routine();
    first.lead_in_secs = 0;
    first.steps[0].duration_secs = 0;
    let (mut s, _) = start(first);
    assert_eq!(
        s.phase(),
        Phase::Switch(1),
        "the first side passed at the start"
    );
    s.apply(Command::Tick, secs(3));
    assert_eq!(s.phase(), Phase::Rest(2), "and the second after the switch");
    assert_eq!(statuses(&s)[..2], [(Completed, 0), (Completed, 0)]);
}
