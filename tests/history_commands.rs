//! `bedstretch stats` and `bedstretch history` on a fixture history folder synced from two
//! devices: a duplicate across the files, a torn last line, a line of garbage, an unknown kind,
//! a cramp line, and a trip to New York. Then the diary in `history`, on a phone's history of
//! three nights whose notes hold commas, quotes and control characters.

mod support;

use std::path::Path;

use serde_json::{Value, json};

const SYNCED: &str = "tests/fixtures/history/synced";
const NOTES: &str = "tests/fixtures/diary/notes";

fn run_synced(args: &[&str]) -> (i32, String, String) {
    run_copy(SYNCED, args)
}

/// Runs bedstretch on a copy of the fixture's history, so that the summary cache it writes
/// lands in a temporary folder and never in the source tree.
fn run_copy(fixture: &str, args: &[&str]) -> (i32, String, String) {
    let copy = support::cli::fixture_copy(fixture);
    run(copy.path().to_str().expect("utf-8"), args)
}

/// What bedstretch printed on a copy of `fixture`'s history, where it succeeded.
fn succeeds(fixture: &str, args: &[&str]) -> String {
    let (code, stdout, stderr) = run_copy(fixture, args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

fn run(data: &str, args: &[&str]) -> (i32, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty-config");
    let mut cmd = support::cli::bedstretch(root, args);
    cmd.env("XDG_CONFIG_HOME", empty)
        .env("XDG_DATA_HOME", root.join(data));
    support::cli::said(&cmd.output().expect("runs"))
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
    let stdout = succeeds(SYNCED, &["stats", "--as-of", "2026-11-23T23:00:00+01:00"]);
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
         Left out:        89 of the last 90 nights: 4 without a diary entry, 85 before the first \
         session or diary entry\n\
         \n\
         How it compares: an association, not a trial; `bedstretch stats --help` says how.\n"
    );
}

#[test]
fn history_csv_has_a_header_and_quotes_as_rfc_4180_asks() {
    let stdout = succeeds(
        SYNCED,
        &["history", "--csv", "--since", "2026-11-22", "--reverse"],
    );
    assert_eq!(
        stdout,
        "id,night,started_at,ended_at,routine,routine_name,outcome,done,planned,held_secs,kind,severity,side,count,note,logged_at\n\
         20261122T220000.000-0500-0004,2026-11-22,2026-11-22T22:00:00-05:00,2026-11-22T22:03:00-05:00,mine,\"Calves, toes and \"\"more\"\"\",quit,3,4,90,session,,,,,\n\
         20261123T210000.000+0100-0005,2026-11-23,2026-11-23T21:00:00+01:00,2026-11-23T21:04:00+01:00,quick,Quick,completed,4,4,120,session,,,,,\n"
    );
}

#[test]
fn history_json_is_one_array_of_the_records_each_once() {
    let stdout = succeeds(SYNCED, &["history", "--json"]);
    let value: Value = serde_json::from_str(&stdout).expect("json");
    let ids = support::cli::strings(&value, "id");
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
    let stdout = succeeds(SYNCED, &["history", "--since", "2026-11-20"]);
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
    let stdout = succeeds(SYNCED, &["history", "--routine", "quick", "--limit", "2"]);
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

/// The note of the night of the 22nd, as written in the fixture: a comma, quotes, an escape
/// sequence, a bell and a right-to-left override.
const NOTE_22: &str = "left calf, woke at 3 \u{1b}[31m\"ouch\"\u{7} \u{202e}ok";

#[test]
fn the_table_puts_each_diary_entry_after_its_nights_sessions_with_its_note_cleaned() {
    let stdout = succeeds(NOTES, &["history"]);
    assert_eq!(
        stdout,
        "NIGHT       TIME   ROUTINE                   OUTCOME         DONE    HELD\n\
         2026-11-23  cramp  no cramps\n\
         2026-11-23  22:00  Quick                     completed        4/4    2:00\n\
         2026-11-22  cramp  severity 6, left, 2 cramps  \"left calf, woke at 3 [31m\"ouch…\"\n\
         2026-11-22  22:00  Quick                     completed        4/4    2:00\n\
         2026-11-21  cramp  severity 2, right  \"a long note about the right calf that w…\"\n\
         2026-11-21  22:00  Quick                     completed        4/4    2:00\n"
    );
    assert!(
        stdout
            .lines()
            .all(|l| bedstretch::core::text::width(l) <= 80),
        "a note is cut to fit 80 columns"
    );
}

#[test]
fn kind_picks_the_diary_or_the_sessions_and_the_filters_apply_to_both() {
    let stdout = succeeds(
        NOTES,
        &["history", "--kind", "cramp", "--since", "2026-11-22"],
    );
    assert_eq!(
        stdout,
        "NIGHT       DIARY\n\
         2026-11-23  cramp  no cramps\n\
         2026-11-22  cramp  severity 6, left, 2 cramps  \"left calf, woke at 3 [31m\"ouch…\"\n"
    );
    let (_, stdout, _) = run_copy(
        NOTES,
        &["history", "--kind", "session", "--reverse", "--limit", "2"],
    );
    assert_eq!(
        stdout,
        "NIGHT       TIME   ROUTINE                   OUTCOME         DONE    HELD\n\
         2026-11-21  22:00  Quick                     completed        4/4    2:00\n\
         2026-11-22  22:00  Quick                     completed        4/4    2:00\n"
    );
    // Both kinds count toward a limit, oldest first: the 21st's session, then its entry.
    let (_, stdout, _) = run_copy(NOTES, &["history", "--reverse", "--limit", "2", "--csv"]);
    let kinds: Vec<&str> = stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(10).unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["session", "cramp"], "{stdout}");
}

#[test]
fn a_routine_lists_sessions_only() {
    let stdout = succeeds(NOTES, &["history", "--routine", "quick"]);
    assert_eq!(
        stdout.lines().count(),
        4,
        "a header and three sessions: {stdout}"
    );
    assert!(!stdout.contains("cramp"), "{stdout}");
}

#[test]
fn json_holds_sessions_and_diary_entries_as_written_with_no_raw_control() {
    let stdout = succeeds(NOTES, &["history", "--json"]);
    assert!(
        !stdout.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "controls are escaped: {stdout}"
    );
    let listed: Value = serde_json::from_str(&stdout).expect("json");
    let kinds = support::cli::strings(&listed, "kind");
    assert_eq!(
        kinds,
        ["cramp", "session", "cramp", "session", "cramp", "session"]
    );
    // DESIGN's cramp line, exactly: a program gets the note as it was written.
    assert_eq!(
        listed[2],
        json!({
            "v": 1, "kind": "cramp", "id": "20261123T070000.000+0100-0c22",
            "night": "2026-11-22", "severity": 6, "side": "left",
            "logged_at": "2026-11-23T07:00:00+01:00", "count": 2, "note": NOTE_22,
        })
    );
    assert_eq!(listed[3]["routine"], "quick");
}

#[test]
fn csv_holds_both_kinds_in_one_header_with_the_note_cleaned_and_quoted() {
    let stdout = succeeds(NOTES, &["history", "--csv", "--since", "2026-11-22"]);
    assert_eq!(
        stdout,
        "id,night,started_at,ended_at,routine,routine_name,outcome,done,planned,held_secs,kind,severity,side,count,note,logged_at\n\
         20261124T070000.000+0100-0c23,2026-11-23,,,,,,,,,cramp,0,,,,2026-11-24T07:00:00+01:00\n\
         20261123T220000.000+0100-0003,2026-11-23,2026-11-23T22:00:00+01:00,2026-11-23T22:04:00+01:00,quick,Quick,completed,4,4,120,session,,,,,\n\
         20261123T070000.000+0100-0c22,2026-11-22,,,,,,,,,cramp,6,left,2,\"left calf, woke at 3 [31m\"\"ouch\"\" ok\",2026-11-23T07:00:00+01:00\n\
         20261122T220000.000+0100-0002,2026-11-22,2026-11-22T22:00:00+01:00,2026-11-22T22:04:00+01:00,quick,Quick,completed,4,4,120,session,,,,,\n"
    );
}

#[test]
fn an_unknown_kind_and_a_routine_of_the_diary_are_refused_in_one_line() {
    let (code, stdout, stderr) = run_copy(NOTES, &["history", "--kind", "nap"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    // The reason is one line; clap adds only its pointer to --help, as for every argument.
    assert_eq!(
        stderr,
        "error: invalid value 'nap' for '--kind <KIND>': a kind is session or cramp, such as --kind cramp\n\
         \n\
         For more information, try '--help'.\n"
    );
    let (code, stdout, stderr) =
        run_copy(NOTES, &["history", "--kind", "cramp", "--routine", "quick"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "bedstretch: --routine picks sessions of a routine, and diary entries have none; leave out --routine or --kind cramp\n"
    );
}

#[test]
fn an_empty_diary_says_how_to_begin() {
    let stdout = succeeds(
        SYNCED,
        &["history", "--kind", "cramp", "--since", "2026-11-21"],
    );
    assert_eq!(stdout, "No diary entries match.\n");
    let empty = tempfile::tempdir().expect("temp");
    let (_, stdout, _) = run(
        empty.path().to_str().expect("utf-8"),
        &["history", "--kind", "cramp"],
    );
    assert_eq!(
        stdout,
        "No diary entries yet. Note a night with `bedstretch cramp SEVERITY`.\n"
    );
    let (_, stdout, _) = run(empty.path().to_str().expect("utf-8"), &["history"]);
    assert_eq!(
        stdout,
        "Nothing yet. Start a session with `bedstretch run`; note a night with `bedstretch cramp SEVERITY`.\n"
    );
}
