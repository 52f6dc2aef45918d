//! `bedstretch cramp`, the morning diary, through the binary on temporary folders: what it
//! writes, every input it refuses, and which entry wins when two devices noted one night.

mod support;

use std::path::Path;

use bedstretch::core::history::{HistoryLine, parse_line};
use bedstretch::store::history_read::read_records;
use bedstretch::store::paths::Paths;
use chrono::{Days, NaiveDate};
use serde_json::Value;

fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let args: Vec<&str> = ["cramp"].iter().chain(args).copied().collect();
    support::cli::run(data, &args)
}

/// `cramp` with these arguments in `dir`, which must succeed: what it printed.
fn noted(dir: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(dir, args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

/// Every line of every history file in the folder, as JSON.
fn lines(data: &Path) -> Vec<Value> {
    support::cli::history(data)
}

#[test]
fn defaults_note_last_night_with_one_cramp() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stdout = noted(dir.path(), &["6", "--side", "left"]);
    let written = lines(dir.path());
    assert_eq!(written.len(), 1);
    let line = &written[0];
    assert_eq!(line["v"], 1);
    assert_eq!(line["kind"], "cramp");
    assert_eq!(line["severity"], 6);
    assert_eq!(line["side"], "left");
    assert_eq!(line["count"], 1);
    assert!(line.get("note").is_none());
    // Before the rollover and after it alike, last night is the day before today.
    let logged = chrono::DateTime::parse_from_rfc3339(line["logged_at"].as_str().expect("str"))
        .expect("time");
    let night = logged
        .date_naive()
        .checked_sub_days(Days::new(1))
        .expect("day");
    assert_eq!(line["night"], night.to_string());
    assert_eq!(
        stdout,
        format!(
            "Noted: last night ({}), severity 6, left.\n",
            night.format("%a %-d %b")
        )
    );
    let text = serde_json::to_string(line).expect("json");
    assert!(matches!(parse_line(&text), HistoryLine::Cramp(c) if c.severity == 6));
}

#[test]
fn a_night_without_cramps_has_no_count_and_a_note_is_cleaned() {
    let dir = tempfile::tempdir().expect("temp dir");
    let note = "slept\u{1b}[31m well\u{7}";
    let stdout = noted(dir.path(), &["0", "--night", "2026-11-20", "--note", note]);
    assert_eq!(
        stdout,
        "Noted: the night of Fri 20 Nov 2026, no cramps, with a note.\n"
    );
    let line = &lines(dir.path())[0];
    assert_eq!(line["night"], "2026-11-20");
    assert_eq!(line["severity"], 0);
    assert!(line.get("count").is_none());
    assert!(line.get("side").is_none());
    assert_eq!(line["note"], "slept[31m well");
}

#[test]
fn a_count_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = [
        "3",
        "--side",
        "both",
        "--count",
        "2",
        "--night",
        "2026-11-21",
    ];
    let stdout = noted(dir.path(), &args);
    assert_eq!(
        stdout,
        "Noted: the night of Sat 21 Nov 2026, severity 3, both, 2 cramps.\n"
    );
    assert_eq!(lines(dir.path())[0]["count"], 2);
}

fn refused(args: &[&str], message: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = run(dir.path(), args);
    assert_ne!(code, 0, "{args:?} was accepted: {stdout}");
    assert!(stderr.contains(message), "{args:?}: {stderr}");
    assert!(
        !dir.path().join("data/bedstretch/history").exists(),
        "{args:?} wrote a line"
    );
}

#[test]
fn every_bad_input_is_refused_with_the_rule_and_an_example() {
    let severity = "a severity is a whole number from 0 (no cramps) to 10, such as 6";
    refused(&["11"], severity);
    refused(&["-1"], severity);
    refused(&["bad"], severity);
    refused(
        &["6", "--side", "up"],
        "a side is left, right or both, such as --side left",
    );
    refused(
        &["6", "--night", "2026-13-01"],
        "expected a date as YEAR-MONTH-DAY, such as 2026-11-01",
    );
    let count = "a count is the number of cramps that night, from 1 to 100, such as --count 2";
    refused(&["6", "--count", "0"], count);
    refused(&["6", "--count", "-2"], count);
    refused(
        &["0", "--count", "2"],
        "--count: a night without cramps (severity 0) has no count",
    );
    let long = "x".repeat(501);
    refused(
        &["6", "--note", &long],
        "a note is at most 500 characters (this one has 501), such as --note",
    );
    refused(&["6", "--night", "2999-01-01"], "has not begun yet");
}

#[test]
fn a_note_of_500_characters_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let note = "é".repeat(500);
    noted(dir.path(), &["2", "--note", &note]);
    assert_eq!(lines(dir.path())[0]["note"], note.as_str());
}

#[test]
fn the_later_entry_for_a_night_wins_across_devices() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("data/bedstretch/history");
    std::fs::create_dir_all(&history).expect("folder");
    // The later entry is in the file read first, so file order cannot be what decides.
    std::fs::write(
        history.join("aaaa.jsonl"),
        concat!(
            r#"{"v":1,"kind":"cramp","id":"late","night":"2026-11-23","severity":2,"side":"right","logged_at":"2026-11-24T09:30:00+01:00"}"#,
            "\n"
        ),
    )
    .expect("write");
    std::fs::write(
        history.join("bbbb.jsonl"),
        concat!(
            r#"{"v":1,"kind":"cramp","id":"early","night":"2026-11-23","severity":6,"side":"left","logged_at":"2026-11-24T07:15:02+01:00"}"#,
            "\n",
            r#"{"v":1,"kind":"cramp","id":"other","night":"2026-11-22","severity":0,"logged_at":"2026-11-23T07:00:00+01:00"}"#,
            "\n"
        ),
    )
    .expect("write");
    let paths = Paths {
        config_dir: dir.path().join("config/bedstretch"),
        data_dir: dir.path().join("data/bedstretch"),
    };
    let read = read_records(&paths).expect("read");
    let kept: Vec<(NaiveDate, &str, u8)> = read
        .cramps
        .iter()
        .map(|c| (c.night, c.id.as_str(), c.severity))
        .collect();
    let night = |s: &str| s.parse::<NaiveDate>().expect("date");
    assert_eq!(
        kept,
        [
            (night("2026-11-22"), "other", 0),
            (night("2026-11-23"), "late", 2)
        ]
    );
}

#[test]
fn a_second_entry_for_a_night_says_it_replaces_the_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    noted(dir.path(), &["6", "--night", "2026-11-20"]);
    let stdout = noted(dir.path(), &["2", "--night", "2026-11-20"]);
    assert!(
        stdout.starts_with(
            "Noted: the night of Fri 20 Nov 2026, severity 2; this replaces the entry noted "
        ),
        "{stdout}"
    );
    assert_eq!(lines(dir.path()).len(), 2, "nothing is rewritten");
}

/// `cramp` run at `as_of`, in a fresh folder: (exit code, stdout, stderr, lines written).
fn run_at(as_of: &str, args: &[&str]) -> (i32, String, String, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut all = args.to_vec();
    all.extend(["--as-of", as_of]);
    let (code, stdout, stderr) = run(dir.path(), &all);
    let written = if dir.path().join("data/bedstretch/history").exists() {
        lines(dir.path()).len()
    } else {
        0
    };
    (code, stdout, stderr, written)
}

#[test]
fn a_night_that_is_not_over_is_refused_in_one_line() {
    // Monday 23 November, 22:00: tonight has not been slept yet.
    let evening = "2026-11-23T22:00:00+01:00";
    let (code, stdout, stderr, written) = run_at(evening, &["6", "--night", "2026-11-23"]);
    assert_eq!((code, stdout.as_str(), written), (1, "", 0));
    assert_eq!(
        stderr,
        "bedstretch: --night: the night of Mon 23 Nov 2026 is not over yet (it ends at 04:00 on \
         Tue 24 Nov); give last night or an earlier one, such as --night 2026-11-22\n"
    );
    let (code, _, stderr, written) = run_at(evening, &["6", "--night", "2026-11-24"]);
    assert_eq!((code, written), (1, 0));
    assert_eq!(
        stderr,
        "bedstretch: --night: the night of Tue 24 Nov 2026 has not begun yet; give last night \
         or an earlier one, such as --night 2026-11-22\n"
    );
    // Last night, given or not, is noted.
    let (code, stdout, stderr, written) = run_at(evening, &["6", "--night", "2026-11-22"]);
    assert_eq!((code, written), (0, 1), "{stderr}");
    assert_eq!(stdout, "Noted: last night (Sun 22 Nov), severity 6.\n");
    // At 02:00 a cramp wakes the person: the night still running is the one a plain `cramp`
    // notes, so naming it is no different.
    let small_hours = "2026-11-24T02:00:00+01:00";
    let (code, stdout, stderr, written) = run_at(small_hours, &["6", "--night", "2026-11-23"]);
    assert_eq!((code, written), (0, 1), "{stderr}");
    assert_eq!(stdout, "Noted: last night (Mon 23 Nov), severity 6.\n");
}

#[test]
fn a_cramp_over_ten_minutes_is_noted_with_its_length_and_the_doctor_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stdout = noted(dir.path(), &["7", "--minutes", "15"]);
    assert!(
        stdout.contains(", severity 7, the longest 15 min."),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(
            "Cramps that last over 10 minutes, or come with swelling, numbness or weakness, \
             are worth showing to a doctor.\n"
        ),
        "{stdout}"
    );
    assert_eq!(lines(dir.path())[0]["minutes"], 15);
    // The report a doctor is handed lists that night, with why (both as of one morning, so
    // the test does not depend on the hour it runs at).
    let dated = tempfile::tempdir().expect("temp dir");
    let morning = "2026-12-07T07:00:00+01:00";
    noted(dated.path(), &["7", "--minutes", "15", "--as-of", morning]);
    let (code, report, stderr) = support::cli::run(dated.path(), &["report", "--as-of", morning]);
    assert_eq!(code, 0, "{stderr}");
    let worth = report
        .split("## Worth discussing")
        .nth(1)
        .expect("a worth-discussing section");
    assert!(
        worth.contains("| Sun 6 Dec 2026 | a cramp that lasted 15 minutes |"),
        "{report}"
    );

    let calm = tempfile::tempdir().expect("temp dir");
    let stdout = noted(calm.path(), &["4", "--minutes", "3"]);
    assert!(!stdout.contains("doctor"), "{stdout}");
    let (code, _, stderr) = run(calm.path(), &["0", "--minutes", "3"]);
    assert_ne!(code, 0);
    assert!(
        stderr.contains("--minutes: a night without cramps"),
        "{stderr}"
    );
    let (code, _, stderr) = run(calm.path(), &["4", "--minutes", "0"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("from 1 to 600"), "{stderr}");
}
