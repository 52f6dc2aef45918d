//! The history line: its documented form, and the one parser every reader uses.

use super::*;

#[test]
fn a_record_serializes_to_the_documented_line() {
    let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("valid time");
    let record = SessionRecord {
        v: FORMAT_VERSION,
        kind: SessionKind::Session,
        id: session_id(at("2026-11-23T22:41:05.123+01:00"), 0x3fa9),
        routine: "bedtime-feet".into(),
        routine_name: "Bedtime feet".into(),
        started_at: at("2026-11-23T22:41:05+01:00"),
        ended_at: Some(at("2026-11-23T22:52:40+01:00")),
        outcome: Outcome::Completed.into(),
        steps: vec![StepRecord {
            name: "Wall calf stretch".into(),
            side: Some("left".into()),
            planned_secs: 30,
            done_secs: 30,
            status: Status::Completed.into(),
        }],
        counts: true,
    };
    let line = serde_json::to_string(&record).expect("serializes");
    assert_eq!(
        line,
        r#"{"v":1,"kind":"session","id":"20261123T224105.123+0100-3fa9","routine":"bedtime-feet","routine_name":"Bedtime feet","started_at":"2026-11-23T22:41:05+01:00","ended_at":"2026-11-23T22:52:40+01:00","outcome":"completed","steps":[{"name":"Wall calf stretch","side":"left","planned_secs":30,"done_secs":30,"status":"completed"}]}"#
    );
    let back: SessionRecord = serde_json::from_str(&line).expect("parses");
    assert_eq!(back, record);
}

fn kept(line: &str) -> SessionRecord {
    match parse_line(line) {
        HistoryLine::Session(record) => record,
        other => panic!("not a session: {other:?}"),
    }
}

fn fault(line: &str) -> String {
    match parse_line(line) {
        HistoryLine::Bad(fault) => format!("{}: {}", fault.column, fault.why),
        other => panic!("not bad: {other:?}"),
    }
}

#[test]
fn only_kind_id_and_start_are_required() {
    let record = kept(r#"{"kind":"session","id":"a","started_at":"2026-11-23T22:41:05+01:00"}"#);
    assert_eq!(
        (
            record.v,
            record.ended_at,
            record.outcome.clone(),
            record.steps.len()
        ),
        (1, None, Recorded::Missing, 0)
    );
    let back = serde_json::to_string(&record).expect("serializes");
    assert_eq!(
        back,
        r#"{"v":1,"kind":"session","id":"a","routine":"","routine_name":"","started_at":"2026-11-23T22:41:05+01:00","steps":[]}"#
    );
    assert_eq!(
        fault(r#"{"kind":"session","started_at":"2026-11-23T22:41:05+01:00"}"#),
        "59: missing field `id`"
    );
    assert_eq!(
        fault(r#"{"kind":"session","id":"a"}"#),
        "27: missing field `started_at`"
    );
}

#[test]
fn unknown_words_are_kept_and_written_back_as_read() {
    let line = r#"{"v":1,"kind":"session","id":"a","routine":"r","routine_name":"R","started_at":"2026-11-23T22:41:05+01:00","outcome":"abandoned","steps":[{"name":"s","planned_secs":1,"done_secs":1,"status":"wobbly"},{"name":"t","planned_secs":1,"done_secs":1,"status":"completed"}]}"#;
    let record = kept(line);
    assert_eq!(record.outcome, Recorded::Unknown("abandoned".into()));
    assert_eq!(record.steps[0].status.as_str(), "wobbly");
    assert_eq!(record.steps[1].status, Status::Completed);
    assert_eq!(serde_json::to_string(&record).expect("serializes"), line);
    let facts = SessionFacts::from(record);
    assert_eq!((facts.completed, facts.planned), (1, 2));
}

#[test]
fn kinds_cramps_blanks_and_faults() {
    assert_eq!(parse_line("  \t"), HistoryLine::Blank);
    assert_eq!(
        parse_line(r#"{"kind":"mood","id":"m"}"#),
        HistoryLine::OtherKind
    );
    let cramp = r#"{"kind":"cramp","id":"c","night":"2026-11-20","severity":6,"logged_at":"2026-11-21T07:15:00+01:00"}"#;
    assert!(matches!(parse_line(cramp), HistoryLine::Cramp(c) if c.severity == 6));
    assert_eq!(
        fault(r#"{"v":1,"kind":"sess"#),
        "19: EOF while parsing a string"
    );
    assert_eq!(fault(r#"{"id":"x"}"#), "10: missing field `kind`");
    assert_eq!(
        fault(
            r#"{"kind":"session","id":"a","started_at":"2026-11-23T22:41:05+01:00","ended_at":"soon"}"#
        ),
        "85: input contains invalid characters"
    );
}

#[test]
fn a_start_at_the_calendar_edge_is_a_fault_not_a_panic() {
    for at in [
        "-262143-01-01T01:00:00+00:00",
        "-262143-01-01T23:00:00-12:00",
    ] {
        let line = format!(r#"{{"kind":"session","id":"a","started_at":"{at}"}}"#);
        assert!(fault(&line).contains("cannot be placed on a night"), "{at}");
    }
    // The far end of the calendar always has an earlier day to step back to.
    kept(r#"{"kind":"session","id":"a","started_at":"+262142-12-31T23:00:00+14:00"}"#);
}

#[test]
fn a_later_diary_entry_supersedes_an_earlier_one_for_its_night() {
    let line = |id: &str, night: &str, severity: u8, logged: &str| CrampRecord {
        v: 1,
        kind: CrampKind::Cramp,
        id: id.into(),
        night: night.parse().expect("date"),
        severity,
        side: None,
        logged_at: at(logged),
        count: None,
        note: None,
        minutes: None,
    };
    let kept = latest_per_night([
        line("b", "2026-11-23", 2, "2026-11-24T09:00:00+01:00"),
        line("a", "2026-11-23", 6, "2026-11-24T07:00:00+01:00"),
        line("c", "2026-11-22", 0, "2026-11-23T07:00:00+01:00"),
    ]);
    let ids: Vec<&str> = kept.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c", "b"]);
}

#[test]
fn a_cramp_line_is_written_in_the_documented_shape() {
    let record = CrampRecord {
        v: 1,
        kind: CrampKind::Cramp,
        id: "x".into(),
        night: "2026-11-23".parse().expect("date"),
        severity: 6,
        side: Some("left".into()),
        logged_at: at("2026-11-24T07:15:02+01:00"),
        count: Some(1),
        note: None,
        minutes: None,
    };
    assert_eq!(
        serde_json::to_string(&record).expect("json"),
        r#"{"v":1,"kind":"cramp","id":"x","night":"2026-11-23","severity":6,"side":"left","logged_at":"2026-11-24T07:15:02+01:00","count":1}"#
    );
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("valid time")
}

#[test]
fn a_session_that_does_not_count_says_so_and_only_then() {
    let line =
        r#"{"kind":"session","id":"r","started_at":"2026-11-24T03:00:00+01:00","counts":false}"#;
    let HistoryLine::Session(record) = parse_line(line) else {
        panic!("a session");
    };
    assert!(!record.counts);
    assert!(
        serde_json::to_string(&record)
            .expect("json")
            .contains(r#""counts":false"#)
    );
    let HistoryLine::Session(mut plain) = parse_line(&line.replace(r#","counts":false"#, ""))
    else {
        panic!("a session");
    };
    assert!(plain.counts);
    assert!(
        !serde_json::to_string(&plain)
            .expect("json")
            .contains("counts")
    );
    plain.counts = false;
    assert!(!SessionFacts::from(plain).counts);
}

#[test]
fn a_hurt_step_is_noted_once_on_the_side_it_was_pressed() {
    // `h` on the right calf marks the rest of that step `hurt` with nothing held; the next
    // step hurts again on its left side. A step without sides has no side.
    let line = r#"{"kind":"session","id":"a","started_at":"2026-11-23T22:41:05+01:00","steps":[
        {"name":"Calf","side":"left","status":"completed"},
        {"name":"Calf","side":"right","status":"hurt","done_secs":12},
        {"name":"Calf","side":"centre","status":"hurt"},
        {"name":"Toes","side":"left","status":"hurt","done_secs":3},
        {"name":"Toes","side":"right","status":"hurt"},
        {"name":"Ankles","status":"hurt"},
        {"name":"Calf","side":"left","status":"hurt"}]}"#
        .replace('\n', "");
    let facts = SessionFacts::from(kept(&line));
    let hurt: Vec<(&str, Option<&str>)> = facts
        .hurt
        .iter()
        .map(|h| (h.step.as_str(), h.side.as_deref()))
        .collect();
    assert_eq!(
        hurt,
        [
            ("Calf", Some("right")),
            ("Toes", Some("left")),
            ("Ankles", None),
            // The same step again later in the routine is a new stop.
            ("Calf", Some("left")),
        ]
    );
}
