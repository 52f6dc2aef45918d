//! The morning question: when it is asked, what it says, and what each answer writes.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::*;
use crate::app::home::{HistoryState, HomeAction, HomeApp, HomeEffect, RoutineRow};
use crate::core::history::CrampRecord;
use crate::core::stats::SessionFacts;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn noon() -> NaiveTime {
    NaiveTime::from_hms_opt(12, 0, 0).expect("time")
}

/// A session started at `started`; `counts` false for cramp relief.
fn session(started: &str, name: &str, counts: bool) -> SessionFacts {
    SessionFacts {
        id: format!("s-{started}"),
        routine_name: name.into(),
        started_at: at(started),
        completed: 5,
        planned: 5,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts,
    }
}

fn entry(night: &str) -> CrampRecord {
    CrampNote {
        night: date(night),
        severity: 3,
        side: None,
        count: None,
        note: None,
        minutes: None,
    }
    .record(at("2026-11-23T07:00:00+01:00"), 1)
}

/// A bedtime session on Sunday night, as most mornings have.
fn sunday() -> Known {
    vec![session("2026-11-22T22:30:00+01:00", "Bedtime feet", true)].into()
}

fn due(known: &Known, now: &str) -> Option<MorningPrompt> {
    MorningPrompt::due(known, &Rules::default(), noon(), at(now))
}

#[test]
fn asked_from_the_rollover_until_noon_about_last_night() {
    let known = sunday();
    let prompt = due(&known, "2026-11-23T07:15:00+01:00").expect("asked at 07:15");
    assert_eq!(prompt.night, date("2026-11-22"));
    assert_eq!(prompt.question(), "Any cramps last night?");
    assert_eq!(prompt.keys(), "0 none · 1-9 how bad · t 10 · s skip");
    assert!(
        due(&known, "2026-11-23T04:00:00+01:00").is_some(),
        "from the rollover"
    );
    assert!(due(&known, "2026-11-23T11:59:00+01:00").is_some());
    assert!(
        due(&known, "2026-11-23T12:00:00+01:00").is_none(),
        "until noon"
    );
    assert!(due(&known, "2026-11-23T22:00:00+01:00").is_none());
    assert!(
        due(&known, "2026-11-23T02:00:00+01:00").is_none(),
        "not in the small hours without cramp relief"
    );
    let later = MorningPrompt::due(
        &known,
        &Rules::default(),
        NaiveTime::from_hms_opt(14, 0, 0).expect("time"),
        at("2026-11-23T13:00:00+01:00"),
    );
    assert!(later.is_some(), "morning_ends_at moves the end");
}

#[test]
fn not_asked_when_the_night_has_an_entry_or_was_skipped() {
    let mut known = sunday();
    known.cramps.push(entry("2026-11-22"));
    assert!(due(&known, "2026-11-23T07:15:00+01:00").is_none());
    let mut known = sunday();
    known.cramps.push(entry("2026-11-21"));
    assert!(
        due(&known, "2026-11-23T07:15:00+01:00").is_some(),
        "an entry for another night does not answer it"
    );
    known.skipped_night = Some(date("2026-11-22"));
    assert!(due(&known, "2026-11-23T07:15:00+01:00").is_none());
}

/// Sunday, with Cramp relief run at 02:40 on Monday morning.
fn after_cramp_relief() -> Known {
    let mut known = sunday();
    known
        .sessions
        .push(session("2026-11-23T02:40:00+01:00", "Cramp relief", false));
    known
}

#[test]
fn cramp_relief_in_the_night_asks_at_once_and_fills_in_the_count() {
    let mut known = after_cramp_relief();
    let prompt = due(&known, "2026-11-23T02:52:00+01:00").expect("asked after the run");
    assert_eq!(prompt.night, date("2026-11-22"));
    assert_eq!(
        prompt.question(),
        "You ran Cramp relief at 02:40: how bad was it?"
    );
    assert_eq!(prompt.note(6, None, None).count, Some(1));
    assert_eq!(
        prompt.note(0, None, None).count,
        None,
        "no cramps has no count"
    );
    assert_eq!(
        prompt.note(6, Some(3), None).count,
        Some(3),
        "a count said wins"
    );

    known
        .sessions
        .push(session("2026-11-23T03:10:00+01:00", "Cramp relief", false));
    let prompt = due(&known, "2026-11-23T07:30:00+01:00").expect("asked in the morning");
    assert_eq!(
        prompt.question(),
        "You ran Cramp relief 2 times, last at 03:10: how bad was it?"
    );
    assert_eq!(prompt.note(6, None, Some(Foot::Left)).count, Some(2));
}

fn home_at(known: Known, now: &str) -> HomeApp {
    let rows = vec![RoutineRow {
        id: "bedtime-feet".into(),
        name: "Bedtime feet".into(),
        total_secs: 300,
        mark: "",
    }];
    let mut home = HomeApp::new(rows, "bedtime-feet", Rules::default());
    home.set_history(HistoryState::Loaded(known), Vec::new(), at(now));
    home
}

/// Home at a quarter past seven on Monday, asking about Sunday night.
fn morning_home() -> HomeApp {
    home_at(sunday(), "2026-11-23T07:15:00+01:00")
}

/// The question is closed and the status line says what was noted.
fn assert_closed_saying(home: &HomeApp, status: &str) {
    assert!(home.prompt.is_none(), "the question is closed");
    assert_eq!(home.status.as_deref(), Some(status));
}

fn noted(effect: Option<HomeEffect>) -> CrampNote {
    match effect {
        Some(HomeEffect::Diary(DiaryEffect::Note(note))) => note,
        other => panic!("expected a note, got {other:?}"),
    }
}

#[test]
fn one_key_notes_the_night_and_a_second_may_say_the_foot() {
    let mut home = morning_home();
    assert!(home.prompt.is_some(), "asked on opening");

    let first = noted(home.update(HomeAction::Severity(6)));
    assert_eq!(
        (
            first.night,
            first.severity,
            first.side.as_deref(),
            first.count
        ),
        (date("2026-11-22"), 6, None, None)
    );
    let prompt = home.prompt.as_ref().expect("still asking how many");
    assert_eq!(prompt.question(), "Noted 6 of 10. How many cramps?");
    assert_eq!(
        home.update(HomeAction::Count(None)),
        None,
        "Enter leaves the count unsaid and writes nothing new"
    );
    let prompt = home.prompt.as_ref().expect("still asking which foot");
    assert_eq!(prompt.question(), "Noted 6 of 10. Which foot?");

    let second = noted(home.update(HomeAction::Foot(Foot::Left)));
    assert_eq!((second.severity, second.side.as_deref()), (6, Some("left")));
    assert_closed_saying(&home, "Noted for Sun 22 Nov: 6 of 10, left foot.");

    // The history is read again after the note, without the entry yet: asked once only.
    home.set_history(
        HistoryState::Loaded(sunday()),
        Vec::new(),
        at("2026-11-23T07:16:00+01:00"),
    );
    home.tick(at("2026-11-23T07:17:00+01:00"));
    assert!(home.prompt.is_none(), "the question comes once");
}

#[test]
fn none_skip_and_later_each_close_the_question() {
    let mut home = morning_home();
    let none = noted(home.update(HomeAction::Severity(0)));
    assert_eq!(none.severity, 0);
    // No cramps needs no foot.
    assert_closed_saying(&home, "Noted for Sun 22 Nov: no cramps.");

    let mut home = morning_home();
    assert_eq!(
        home.update(HomeAction::SkipNight),
        Some(HomeEffect::Diary(DiaryEffect::Skip(date("2026-11-22"))))
    );
    assert!(home.prompt.is_none());

    let mut home = morning_home();
    assert_eq!(home.update(HomeAction::Later), None);
    assert!(home.prompt.is_none());
    home.tick(at("2026-11-23T07:20:00+01:00"));
    assert!(home.prompt.is_none(), "put away, not asked again");
}

#[test]
fn other_keys_work_as_ever_while_it_asks() {
    let mut home = morning_home();
    assert_eq!(
        home.update(HomeAction::Start),
        Some(HomeEffect::Start("bedtime-feet".into())),
        "Enter still starts the routine"
    );
    assert!(home.prompt.is_some(), "and the question stays for later");

    home.update(HomeAction::Severity(4));
    home.update(HomeAction::Count(None));
    assert_eq!(
        home.update(HomeAction::Start),
        Some(HomeEffect::Start("bedtime-feet".into())),
        "a key other than a foot leaves the foot unsaid"
    );
    assert_closed_saying(&home, "Noted for Sun 22 Nov: 4 of 10.");
}

#[test]
fn ten_the_worst_has_a_key_of_its_own_named_in_the_hint() {
    let mut home = morning_home();
    let prompt = home.prompt.as_ref().expect("asked");
    assert_eq!(prompt.keys(), "0 none · 1-9 how bad · t 10 · s skip");
    let note = noted(home.update(HomeAction::Severity(10)));
    assert_eq!(note.severity, 10);
    let prompt = home.prompt.as_ref().expect("how many");
    assert_eq!(prompt.question(), "Noted 10 of 10. How many cramps?");
    // Nothing above 10 is ever noted, whatever asks for it.
    let mut home = morning_home();
    assert_eq!(home.update(HomeAction::Severity(11)), None);
    assert!(home.prompt.as_ref().is_some_and(|p| p.stage == Stage::Ask));
}

#[test]
fn after_the_severity_one_key_says_how_many_and_each_answer_is_written_at_once() {
    let mut home = morning_home();
    let first = noted(home.update(HomeAction::Severity(7)));
    assert_eq!((first.severity, first.count), (7, None));
    let prompt = home.prompt.as_ref().expect("how many");
    assert_eq!(prompt.stage, Stage::Count { severity: 7 });
    assert_eq!(prompt.keys(), "1 · 2 · 3 · 4 or more · Enter skip");

    let second = noted(home.update(HomeAction::Count(Some(2))));
    assert_eq!(
        (second.night, second.severity, second.count, second.side),
        (date("2026-11-22"), 7, Some(2), None),
        "the count is written before the foot is asked"
    );
    let prompt = home.prompt.as_ref().expect("which foot");
    assert_eq!(prompt.question(), "Noted 7 of 10, 2 cramps. Which foot?");

    let third = noted(home.update(HomeAction::Foot(Foot::Right)));
    assert_eq!(
        (third.count, third.side.as_deref()),
        (Some(2), Some("right"))
    );
    assert_closed_saying(
        &home,
        "Noted for Sun 22 Nov: 7 of 10, 2 cramps, right foot.",
    );
}

#[test]
fn four_means_four_or_more_and_walking_away_keeps_what_was_said() {
    let mut home = morning_home();
    home.update(HomeAction::Severity(5));
    // Nothing past the key's 4 is ever written, whatever asks for it.
    let count = noted(home.update(HomeAction::Count(Some(9))));
    assert_eq!(count.count, Some(4));
    assert_eq!(
        home.update(HomeAction::Later),
        None,
        "Esc writes nothing more"
    );
    assert_closed_saying(&home, "Noted for Sun 22 Nov: 5 of 10, 4 or more cramps.");

    // Walking away at the count keeps the severity, already written.
    let mut home = morning_home();
    home.update(HomeAction::Severity(3));
    assert_eq!(home.update(HomeAction::Stats), None);
    // Another key closes the question.
    assert_closed_saying(&home, "Noted for Sun 22 Nov: 3 of 10.");
}

#[test]
fn an_unsaid_count_after_cramp_relief_is_the_runs() {
    let mut home = home_at(after_cramp_relief(), "2026-11-23T07:15:00+01:00");
    assert_eq!(noted(home.update(HomeAction::Severity(6))).count, Some(1));
    home.update(HomeAction::Count(None));
    let last = noted(home.update(HomeAction::Foot(Foot::Both)));
    assert_eq!((last.count, last.side.as_deref()), (Some(1), Some("both")));
    assert_closed_saying(&home, "Noted for Sun 22 Nov: 6 of 10, 1 cramp, both feet.");
}

#[test]
fn during_a_trials_baseline_the_question_says_why_it_matters() {
    let mut known = sunday();
    assert!(due(&known, "2026-11-23T07:15:00+01:00").is_some_and(|p| p.why().is_empty()));
    known
        .programs
        .push(crate::core::fixtures::trial("2026-11-18"));
    let mut prompt = due(&known, "2026-11-23T07:15:00+01:00").expect("asked");
    assert!(prompt.baseline, "Sunday is night 5 of the baseline");
    assert_eq!(prompt.why(), BASELINE_WHY);
    assert_eq!(
        prompt.why()[0],
        "Your trial's baseline: every morning counts."
    );
    prompt.reply(Reply::Severity(2));
    assert!(prompt.why().is_empty(), "said once, with the question");

    // In the routine's weeks the diary still matters, but the baseline's words are done.
    known.programs = vec![crate::core::fixtures::trial("2026-11-01")];
    let prompt = due(&known, "2026-11-23T07:15:00+01:00").expect("asked");
    assert!(!prompt.baseline && prompt.why().is_empty());
}
