use std::time::Duration;

use proptest::prelude::*;

use super::home::{HomeAction, HomeApp, RoutineRow};
use super::session::{Action, Recorded};
use super::*;
use crate::core::calendar::Rules;
use crate::core::history::{Outcome, Status};
use crate::core::routine_file::parse_routine;

const ROUTINE: &str = r#"
name = "Test"
lead_in = 2
rest = 1
switch = 1

[[step]]
name = "Calf"
duration = 3
sides = ["left", "right"]

[[step]]
name = "Toes"
duration = 4
reps = 2
"#;

const SETTINGS: SessionSettings = SessionSettings {
    bell: true,
    min_completion: 0.8,
};

fn routine() -> Routine {
    parse_routine("test", ROUTINE.as_bytes(), &[]).expect("valid")
}

fn at(ms: u64) -> Now {
    let start = DateTime::parse_from_rfc3339("2026-11-23T22:41:05+01:00").expect("time");
    Now {
        moment: Duration::from_millis(ms),
        wall: start + chrono::Duration::milliseconds(ms as i64),
    }
}

fn new_session() -> NewSession {
    NewSession {
        routine: routine(),
        id: "id".into(),
    }
}

fn records(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Record(_)))
        .count()
}

#[test]
fn hurt_records_the_held_side_and_the_rest_of_the_step_as_hurt_and_says_so() {
    let (mut app, _) = App::session(new_session(), SETTINGS, at(0));
    app.update(Msg::Tick, at(3_000));
    app.update(Msg::Session(Action::Hurt), at(3_000));
    let session = app.session.as_ref().expect("session");
    assert!(session.notice.is_some(), "the screen acknowledges the key");
    let record = session.record(Duration::from_millis(3_000));
    let statuses: Vec<Status> = record
        .steps
        .iter()
        .map(|s| s.status.known().expect("known"))
        .collect();
    assert_eq!(
        statuses,
        [Status::Hurt, Status::Hurt, Status::NotReached],
        "the right side is not blamed as skipped"
    );
    app.update(Msg::Tick, at(8_000));
    assert!(
        app.session.as_ref().expect("session").notice.is_none(),
        "the notice goes after a moment"
    );
}

#[test]
fn a_session_below_min_completion_is_not_called_kept() {
    let (mut app, _) = App::session(new_session(), SETTINGS, at(0));
    for _ in 0..3 {
        app.update(Msg::Session(Action::Skip), at(2_500));
    }
    let effects = app.update(Msg::Tick, at(30_000));
    assert_eq!(
        records(&effects),
        0,
        "held until the summary has been drawn"
    );
    assert_eq!(
        app.until_next_change(at(30_000).moment),
        Some(std::time::Duration::ZERO),
        "and the loop asked to come back at once"
    );
    let effects = app.update(Msg::Tick, at(30_000));
    assert_eq!(records(&effects), 1);
    let summary = app.session.as_ref().expect("session").summary();
    assert_eq!(summary.outcome, Outcome::Completed);
    assert!(!summary.keeps_the_night);
    assert_eq!(summary.needed(), 3, "80 % of 3 step-sides, rounded up");
}

#[test]
fn opening_help_at_a_phase_boundary_keeps_the_save_it_causes() {
    let (mut app, _) = App::session(new_session(), SETTINGS, at(0));
    // The lead-in (2 s) and the left side (3 s) are over, unseen: help must let them end.
    let effects = app.update(Msg::Session(Action::Help), at(5_000));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Save(_))),
        "{effects:?}"
    );
}

#[test]
fn home_starts_a_session_and_a_failed_start_shows_on_home() {
    let rows = vec![RoutineRow {
        id: "test".into(),
        name: "Test".into(),
        total_secs: 20,
        mark: "",
    }];
    let home = HomeApp::new(rows, "test", Rules::default());
    let (mut app, effects) = App::home(home, SETTINGS);
    assert_eq!(effects, [Effect::LoadHistory]);
    let effects = app.update(Msg::Home(HomeAction::Start), at(0));
    assert_eq!(effects, [Effect::Start("test".into())]);
    app.update(
        Msg::Started(Err("another bedstretch session is running".into())),
        at(0),
    );
    assert!(app.session.is_none());
    assert_eq!(
        app.home.as_ref().and_then(|h| h.status.as_deref()),
        Some("another bedstretch session is running")
    );
    let effects = app.update(Msg::Started(Ok(new_session())), at(0));
    assert!(matches!(effects.first(), Some(Effect::Save(_))));
    assert!(app.session.is_some());
}

/// A failed `on_session_end`, as the shell words it.
const HOOK_FAILED: &str =
    "on_session_end failed: `my-hook` exited with status 3; your session is saved";

#[test]
fn a_recorded_session_closes_back_to_home_which_reads_the_history_again_and_tells_a_failed_hook() {
    let home = HomeApp::new(Vec::new(), "", Rules::default());
    let (mut app, _) = App::home(home, SETTINGS);
    app.update(Msg::Started(Ok(new_session())), at(0));
    app.update(Msg::Tick, at(60_000));
    let effects = app.update(Msg::Tick, at(60_000));
    assert_eq!(records(&effects), 1);
    app.update(Msg::Recorded(Ok(None)), at(60_000));
    assert_eq!(
        app.session.as_ref().map(|s| &s.recorded),
        Some(&Recorded::Saved(None))
    );
    // The hook failed while the summary covers home: said once home shows.
    app.update(Msg::HookFailed(HOOK_FAILED.into()), at(60_500));
    let status = |app: &App| app.home.as_ref().and_then(|h| h.status.clone());
    assert_eq!(status(&app), None);
    let effects = app.update(Msg::Session(Action::Yes), at(61_000));
    assert!(app.session.is_none());
    assert!(!app.exit);
    assert_eq!(effects, [Effect::LoadHistory]);
    assert_eq!(status(&app).as_deref(), Some(HOOK_FAILED));
    assert!(app.untold.is_empty());
}

#[test]
fn without_home_a_failed_hook_waits_for_the_shell_to_tell_it() {
    let (mut app, _) = App::session(new_session(), SETTINGS, at(0));
    app.update(Msg::HookFailed(HOOK_FAILED.into()), at(0));
    assert_eq!(app.untold, [HOOK_FAILED]);
}

fn action() -> impl Strategy<Value = Option<Action>> {
    prop_oneof![
        Just(None),
        Just(Some(Action::TogglePause)),
        Just(Some(Action::Skip)),
        Just(Some(Action::Back)),
        Just(Some(Action::Hurt)),
        Just(Some(Action::Quit)),
        Just(Some(Action::Help)),
        Just(Some(Action::Yes)),
        Just(Some(Action::No)),
        Just(Some(Action::Interrupt)),
    ]
}

/// Maps a generated step to a message: `None` is the passing of time; a few are suspends.
fn msg(action: Option<Action>, suspend: bool) -> Msg {
    match (action, suspend) {
        (_, true) => Msg::Suspend,
        (None, false) => Msg::Tick,
        (Some(action), false) => Msg::Session(action),
    }
}

proptest! {
    #[test]
    fn a_finished_session_yields_exactly_one_record(
        steps in proptest::collection::vec(
            (action(), 0u64..5_000, proptest::bool::weighted(0.05)),
            0..60,
        ),
    ) {
        let (mut app, start) = App::session(new_session(), SETTINGS, at(0));
        let mut all = start;
        let mut t = 0;
        for (action, gap, suspend) in steps {
            t += gap;
            all.extend(app.update(msg(action, suspend), at(t)));
        }
        // Whatever happened, time runs out and then the person leaves.
        all.extend(app.update(Msg::Tick, at(t + 3_600_000)));
        all.extend(app.update(Msg::Quit, at(t + 3_600_000)));
        let session = app.session.as_ref().expect("the last session stays for `run`");
        let recorded = records(&all);
        let discarded = all.iter().filter(|e| matches!(e, Effect::Discard)).count();
        prop_assert_eq!(recorded + discarded, 1, "one record or one discard: {:?}", all);
        prop_assert_eq!(discarded == 1, session.session.nothing_done());
        prop_assert!(app.exit);
        if let Some(Effect::Record(record)) = all.iter().find(|e| matches!(e, Effect::Record(_))) {
            for step in &record.steps {
                prop_assert!(step.done_secs <= step.planned_secs);
            }
        }
    }
}

#[test]
fn minutes_left_round_up_so_the_last_second_is_still_a_minute() {
    use super::session::minutes_left;
    assert_eq!(
        minutes_left(Duration::from_millis(500)),
        1,
        "not '0 min left'"
    );
    assert_eq!(minutes_left(Duration::ZERO), 0);
    assert_eq!(minutes_left(Duration::from_secs(60)), 1);
    assert_eq!(minutes_left(Duration::from_millis(60_001)), 2);
    assert_eq!(
        minutes_left(Duration::from_secs(207)),
        4,
        "a 3m 27s routine starts on 4, as home lists it"
    );
}

#[test]
fn the_header_starts_on_the_minutes_home_lists() {
    let (app, _) = App::session(new_session(), SETTINGS, at(0));
    let session = app.session.as_ref().expect("session");
    let total = Duration::from_secs(session.session.routine().total_secs());
    assert_eq!(
        session::minutes_left(session.session.session_remaining(Duration::ZERO)),
        session::minutes_left(total)
    );
}

#[test]
fn a_record_ends_to_the_millisecond() {
    let (app, _) = App::session(new_session(), SETTINGS, at(0));
    let session = app.session.as_ref().expect("session");
    let record = session.record(Duration::new(3, 123_456_789));
    let ran = record.ended_at.expect("ended") - record.started_at;
    assert_eq!(ran, chrono::Duration::milliseconds(3_123));
    assert!(
        !serde_json::to_string(&record)
            .expect("json")
            .contains("123456"),
        "no digits past the millisecond"
    );
}

/// What a generated person does on home and in its sessions.
#[derive(Debug, Clone, Copy)]
enum Step {
    Start,
    Key(Action),
    Tick,
    Continued,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::Start),
        Just(Step::Tick),
        Just(Step::Continued),
        action().prop_filter_map("a key", |a| a.map(Step::Key)),
    ]
}

/// Carries out effects as a shell would, feeding the answers back; failing saves and
/// records when told to. Returns (records, discards, starts).
fn carry_out(app: &mut App, effects: Vec<Effect>, now: Now, fail: bool) -> (usize, usize, usize) {
    let mut queue = std::collections::VecDeque::from(effects);
    let (mut records, mut discards, mut starts) = (0, 0, 0);
    while let Some(effect) = queue.pop_front() {
        let answer = match effect {
            Effect::Save(_) => Some(Msg::Saved(if fail { Err("full".into()) } else { Ok(()) })),
            Effect::Record(_) => {
                records += 1;
                Some(Msg::Recorded(if fail {
                    Err("full".into())
                } else {
                    Ok(None)
                }))
            }
            Effect::Discard => {
                discards += 1;
                None
            }
            Effect::Start(_) => {
                starts += 1;
                Some(Msg::Started(Ok(new_session())))
            }
            Effect::LoadHistory => Some(Msg::HistoryLoaded(
                home::HistoryState::Loaded(Default::default()),
                Vec::new(),
            )),
            Effect::Pause { .. } => Some(Msg::Paused(Ok(()))),
            Effect::Diary(_) => Some(Msg::DiaryWritten(if fail {
                Err("full".into())
            } else {
                Ok(())
            })),
            // The editor is not opened by these steps.
            Effect::Bell
            | Effect::Announce(_)
            | Effect::Suspend
            | Effect::OpenEditor { .. }
            | Effect::SaveRoutine { .. }
            | Effect::KeepDraft { .. }
            | Effect::ForgetDraft(_)
            | Effect::ReloadRoutines => None,
        };
        if let Some(msg) = answer {
            queue.extend(app.update(msg, now));
        }
    }
    (records, discards, starts)
}

proptest! {
    #[test]
    fn from_home_every_session_started_is_recorded_or_discarded_exactly_once(
        steps in proptest::collection::vec((step(), 0u64..8_000), 0..80),
        fail in proptest::bool::ANY,
    ) {
        let rows = vec![RoutineRow {
            id: "test".into(),
            name: "Test".into(),
            total_secs: 20,
            mark: "",
        }];
        let (mut app, start) = App::home(HomeApp::new(rows, "test", Rules::default()), SETTINGS);
        let mut t = 0;
        let mut total = carry_out(&mut app, start, at(t), fail);
        for (step, gap) in steps {
            t += gap;
            let msg = match step {
                Step::Start => Msg::Home(HomeAction::Start),
                Step::Key(action) => Msg::Session(action),
                Step::Tick => Msg::Tick,
                Step::Continued => Msg::Continued { last_seen: Duration::from_millis(t / 2) },
            };
            let effects = app.update(msg, at(t));
            let (r, d, s) = carry_out(&mut app, effects, at(t), fail);
            total = (total.0 + r, total.1 + d, total.2 + s);
            if app.exit {
                break;
            }
        }
        let effects = app.update(Msg::Quit, at(t + 1));
        let (r, d, s) = carry_out(&mut app, effects, at(t + 1), fail);
        let (records, discards, starts) = (total.0 + r, total.1 + d, total.2 + s);
        prop_assert!(app.exit);
        prop_assert_eq!(records + discards, starts, "each session ends once");
    }
}

#[test]
fn a_wall_clock_set_back_mid_session_cannot_end_it_before_it_began() {
    let (mut app, _) = App::session(new_session(), SETTINGS, at(0));
    let set_back = Now {
        moment: Duration::from_secs(30),
        wall: at(0).wall - chrono::Duration::hours(1),
    };
    let effects = app.update(Msg::Session(Action::Interrupt), set_back);
    let Some(Effect::Record(record)) = effects.iter().find(|e| matches!(e, Effect::Record(_)))
    else {
        panic!("recorded: {effects:?}");
    };
    assert_eq!(
        record.ended_at.expect("ended") - record.started_at,
        chrono::Duration::seconds(30)
    );
}

#[test]
fn a_session_of_a_routine_that_does_not_count_never_keeps_the_night() {
    let line = r#"{"kind":"session","id":"r","started_at":"2026-11-24T03:00:00+01:00","outcome":"completed","counts":false,"steps":[{"name":"Flex","planned_secs":30,"done_secs":30,"status":"completed"}]}"#;
    let record: crate::core::history::SessionRecord = serde_json::from_str(line).expect("json");
    let summary = crate::app::session::Summary::of(&record, 0.8);
    assert_eq!(summary.completed, summary.planned);
    assert!(!summary.keeps_the_night);
    assert!(!summary.counts);
}
