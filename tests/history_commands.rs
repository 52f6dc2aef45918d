//! `bedstretch stats` and `bedstretch history` on a fixture history folder synced from two
//! devices: a duplicate across the files, a torn last line, a line of garbage, an unknown kind,
//! a cramp line, and a trip to New York.

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

const SYNCED: &str = "tests/fixtures/history/synced";

/// Runs bedstretch on a copy of the fixture's history, so that the summary cache it writes
/// lands in a temporary folder and never in the source tree.
fn run_synced(args: &[&str]) -> (i32, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().expect("temp dir");
    let history = copy.path().join("bedstretch/history");
    std::fs::create_dir_all(&history).expect("history folder");
    for entry in std::fs::read_dir(root.join(SYNCED).join("bedstretch/history")).expect("fixture") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), history.join(entry.file_name())).expect("copy");
    }
    run(copy.path().to_str().expect("utf-8"), args)
}

fn run(data: &str, args: &[&str]) -> (i32, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::cargo_bin("bedstretch")
        .expect("binary")
        .args(args)
        .env(
            "XDG_CONFIG_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty-config"),
        )
        .env("XDG_DATA_HOME", root.join(data))
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn stats_json_as_of_tonight_kept() {
    let (code, stdout, stderr) =
        run_synced(&["stats", "--json", "--as-of", "2026-11-23T23:00:00+01:00"]);
    assert_eq!(code, 0, "{stderr}");
    let mut value: Value = serde_json::from_str(&stdout).expect("json");
    // The cramp comparison: the fixture's one diary entry, after a kept night.
    let cramps = value
        .as_object_mut()
        .and_then(|o| o.remove("cramps"))
        .expect("a cramps key");
    assert_eq!(cramps["stretched"]["nights"], 1);
    assert_eq!(cramps["verdict"], "not_enough");
    assert_eq!(
        cramps["sentence"],
        "Not enough nights yet to compare: 1 with stretching, 0 without; 7 of each are needed."
    );
    assert_eq!(
        value,
        json!({
            "as_of": "2026-11-23T23:00:00+01:00",
            "tonight": "2026-11-23",
            "tonight_kept": true,
            "current_streak": 1,
            "longest_streak": 3,
            "nights_kept": 4,
            "nights_kept_7d": 4,
            "nights_kept_30d": 4,
            "sessions": 5,
            "last_kept_night": "2026-11-23",
            "completion_rate_30d": 0.95,
            "most_skipped": {"step": "Ankle circles", "times": 1},
        })
    );
}

#[test]
fn bad_lines_are_skipped_with_file_and_line_and_hide_nothing() {
    let (_, _, stderr) = run_synced(&["stats", "--json", "--as-of", "2026-11-23T23:00:00+01:00"]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].contains("history/a.jsonl:6:40: skipped a line that is not a history record (EOF while parsing a string)"), "{stderr}");
    assert!(
        lines[1].contains(
            "history/b.jsonl:3:2: skipped a line that is not a history record (expected ident)"
        ),
        "{stderr}"
    );
}

#[test]
fn stats_as_of_an_earlier_moment_leaves_tonight_open() {
    let (_, stdout, _) = run_synced(&["stats", "--json", "--as-of", "2026-11-21T12:00:00+01:00"]);
    let value: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(value["tonight"], "2026-11-21");
    assert_eq!(value["tonight_kept"], false);
    assert_eq!(
        value["current_streak"], 3,
        "the run ending last night stands while tonight is open"
    );
    assert_eq!(value["sessions"], 3);
}

#[test]
fn stats_in_words_says_the_rule() {
    let (code, stdout, _) = run_synced(&["stats", "--as-of", "2026-11-23T23:00:00+01:00"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "Current streak:  1 night\n\
         Longest streak:  3 nights\n\
         Tonight:         kept\n\
         Last 7 nights:   4 kept\n\
         Last 30 nights:  4 kept\n\
         Completion:      95 % of stretches held to the end (30 nights)\n\
         Most skipped:    Ankle circles (once)\n\
         Sessions:        5\n\
         \n\
         How it counts: a night counts when you finish 80 % of a routine; the night ends at 04:00.\n\
         \n\
         Cramps:          Not enough nights yet to compare: 1 with stretching, 0 without; 7 of each are needed.\n\
         Left out:        89 of the last 90 nights: 89 without a diary entry\n\
         \n\
         How it compares: an association, not a trial; `bedstretch stats --help` says how.\n"
    );
}

#[test]
fn history_csv_has_a_header_and_quotes_as_rfc_4180_asks() {
    let (code, stdout, _) = run_synced(&["history", "--csv", "--since", "2026-11-22", "--reverse"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "id,night,started_at,ended_at,routine,routine_name,outcome,done,planned,held_secs,kind,severity,side,count,note,logged_at\n\
         20261122T220000.000-0500-0004,2026-11-22,2026-11-22T22:00:00-05:00,2026-11-22T22:03:00-05:00,mine,\"Calves, toes and \"\"more\"\"\",quit,3,4,90,session,,,,,\n\
         20261123T210000.000+0100-0005,2026-11-23,2026-11-23T21:00:00+01:00,2026-11-23T21:04:00+01:00,quick,Quick,completed,4,4,120,session,,,,,\n"
    );
}

#[test]
fn history_json_is_one_array_of_the_records_each_once() {
    let (code, stdout, _) = run_synced(&["history", "--json"]);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&stdout).expect("json");
    let ids: Vec<&str> = value
        .as_array()
        .expect("array")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids.len(),
        6,
        "five sessions, the one in both files listed once, and the diary entry: {ids:?}"
    );
    // Newest first; the diary entry for the night of the 20th after that night's session.
    assert_eq!(value[0]["started_at"], "2026-11-23T21:00:00+01:00");
    assert_eq!(value[2]["kind"], "cramp");
    assert_eq!(value[2]["night"], "2026-11-20");
    assert_eq!(value[2]["severity"], 6);
    assert_eq!(value[3]["started_at"], "2026-11-21T00:30:00+01:00");
    assert_eq!(value[3]["kind"], "session");
    assert_eq!(value[3]["steps"][0]["status"], "completed");
}

#[test]
fn history_table_for_people() {
    let (code, stdout, _) = run_synced(&["history", "--since", "2026-11-20"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "NIGHT       TIME   ROUTINE                   OUTCOME         DONE    HELD\n\
         2026-11-23  21:00  Quick                     completed        4/4    2:00\n\
         2026-11-22  22:00  Calves, toes and \"more\"   quit             3/4    1:30\n\
         2026-11-20  cramp  severity 6, left\n\
         2026-11-20  00:30  Quick                     completed        4/4    2:00\n"
    );
}

#[test]
fn history_takes_a_routine_a_limit_and_the_other_order() {
    let (code, stdout, _) = run_synced(&["history", "--routine", "quick", "--limit", "2"]);
    assert_eq!(code, 0);
    let nights: Vec<&str> = stdout.lines().skip(1).map(|l| &l[..10]).collect();
    assert_eq!(nights, ["2026-11-23", "2026-11-20"], "{stdout}");
    let (_, stdout, _) =
        run_synced(&["history", "--routine", "quick", "--reverse", "--limit", "1"]);
    let nights: Vec<&str> = stdout.lines().skip(1).map(|l| &l[..10]).collect();
    assert_eq!(nights.len(), 1, "{stdout}");
    assert!(nights[0] < "2026-11-20", "the oldest first: {stdout}");
    let (_, stdout, _) = run_synced(&["history", "--routine", "nosuch"]);
    assert_eq!(stdout, "No sessions match.\n");
}

#[test]
fn an_empty_history_is_zero_and_an_unreadable_one_is_an_error() {
    let empty = tempfile::tempdir().expect("temp");
    let (code, stdout, _) = run(
        empty.path().to_str().expect("utf-8"),
        &["stats", "--json", "--as-of", "2026-11-23T23:00:00+01:00"],
    );
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(
        (value["current_streak"].clone(), value["sessions"].clone()),
        (json!(0), json!(0))
    );

    // A file where the history folder should be cannot be read as a folder.
    std::fs::create_dir_all(empty.path().join("bedstretch")).expect("mkdir");
    std::fs::write(empty.path().join("bedstretch/history"), "not a folder").expect("write");
    let (code, stdout, stderr) = run(empty.path().to_str().expect("utf-8"), &["stats", "--json"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("cannot read the history folder"),
        "{stderr}"
    );
}
