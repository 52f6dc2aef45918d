//! `bedstretch routine validate` against fixture files: every fault gets its exact one-line
//! message with file, line and column, and good files get an `ok` line.

mod support;

use std::path::Path;

use assert_cmd::Command;

const INVALID: &str = "tests/fixtures/routines/invalid";
const VALID: &str = "tests/fixtures/routines/valid";

fn bedstretch(dir: &str) -> Command {
    let mut cmd = Command::cargo_bin("bedstretch").expect("binary is built");
    // Validation writes nothing; an empty home keeps the person's own files out of it.
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty-home");
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("NO_COLOR");
    cmd
}

fn validate(dir: &str, file: &str) -> (i32, String, String) {
    let output = bedstretch(dir)
        .args(["routine", "validate", file])
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Each invalid fixture and the exact message a person sees for it.
const FAULTS: &[(&str, &str)] = &[
    (
        "art-unknown.toml",
        "art-unknown.toml:6:7: step 1 \"Calf stretch\": art \"calf-wal\" is not a bundled illustration; did you mean \"calf-wall\"?",
    ),
    (
        "control-only-name.toml",
        "control-only-name.toml:1:8: name must be 1 to 60 characters, got \"\\u001b\\u0007\\u009b\"",
    ),
    (
        "control-raw.toml",
        "control-raw.toml:1:12: TOML syntax: invalid basic string, expected non-double-quote visible characters, `\\`",
    ),
    (
        "deep-nesting.toml",
        "deep-nesting.toml:2:85: TOML syntax: nested too deeply (more than 80 levels of [ ] or { })",
    ),
    (
        "description-wrong-type.toml",
        "description-wrong-type.toml:2:15: description must be a string, got [\"calm\", \"short\"]",
    ),
    (
        "duration-bad-format.toml",
        "duration-bad-format.toml:5:12: step 1 \"Toe flexes\": duration must be a duration like \"45s\", \"1m30s\", \"2m\" or 90, got \"30x\"; did you mean \"30s\"?",
    ),
    (
        "duration-date.toml",
        "duration-date.toml:5:12: step 1 \"Toe flexes\": duration must be a duration like \"45s\", \"1m30s\", \"2m\" or 90, got 1979-05-27",
    ),
    (
        "duration-float.toml",
        "duration-float.toml:5:12: step 1 \"Toe flexes\": duration must be whole seconds, got 1.5; did you mean \"2s\"?",
    ),
    (
        "duration-fraction.toml",
        "duration-fraction.toml:5:12: step 1 \"Toe flexes\": duration must be whole seconds, got \"1.25s\"; did you mean \"1s\"?",
    ),
    (
        "duration-hours.toml",
        "duration-hours.toml:5:12: step 1 \"Toe flexes\": duration must be 1s..30m, got \"1 hour\"",
    ),
    (
        "duration-negative.toml",
        "duration-negative.toml:5:12: step 1 \"Toe flexes\": duration must be 1s..30m, got -5",
    ),
    (
        "duration-too-long.toml",
        "duration-too-long.toml:5:12: step 1 \"Toe flexes\": duration must be 1s..30m, got \"31m\"",
    ),
    (
        "duration-zero.toml",
        "duration-zero.toml:5:12: step 1 \"Toe flexes\": duration must be 1s..30m, got \"0s\"",
    ),
    (
        "empty.toml",
        "empty.toml:1:1: file is empty; a routine needs a `name` and at least one [[step]]",
    ),
    (
        "instructions-too-long.toml",
        "instructions-too-long.toml:6:16: step 1 \"Toe curls\": instructions must be at most 1000 characters, got \"Curl your toes. Curl your toes. Curl yo…",
    ),
    (
        "counts-wrong-type.toml",
        "counts-wrong-type.toml:2:10: counts must be true or false, as in `counts = false`, got \"no\"",
    ),
    (
        "lead-in-bad.toml",
        "lead-in-bad.toml:2:11: lead_in must be a duration like \"45s\", \"1m30s\", \"2m\" or 90, got \"soon\"",
    ),
    (
        "missing-name.toml",
        "missing-name.toml:1:1: missing required key `name`",
    ),
    (
        "name-empty.toml",
        "name-empty.toml:1:8: name must be 1 to 60 characters, got \"   \"",
    ),
    (
        "name-too-long.toml",
        "name-too-long.toml:1:8: name must be 1 to 60 characters, got \"A very long name for a routine that goe…",
    ),
    (
        "name-wrong-type.toml",
        "name-wrong-type.toml:1:8: name must be a string, got 42",
    ),
    (
        "no-steps.toml",
        "no-steps.toml:1:1: a routine needs 1 to 100 [[step]] tables, got 0",
    ),
    (
        "not-utf8.toml",
        "not-utf8.toml:1:12: not UTF-8 text (byte 0xE9); save the file as UTF-8",
    ),
    (
        "reps-too-fast.toml",
        "reps-too-fast.toml:6:8: step 1 \"Toe curls\": reps must be 1..30, at most one a second of the 30s duration, got 40",
    ),
    (
        "reps-wrong-type.toml",
        "reps-wrong-type.toml:6:8: step 1 \"Toe curls\": reps must be a whole number, got \"ten\"",
    ),
    (
        "reps-zero.toml",
        "reps-zero.toml:6:8: step 1 \"Toe curls\": reps must be 1..30, at most one a second of the 30s duration, got 0",
    ),
    (
        "rest-too-long.toml",
        "rest-too-long.toml:2:8: rest must be 0s..30m, got \"45m\"",
    ),
    (
        "several-faults.toml",
        "several-faults.toml:6:1: step 1 \"Wall calf stretch\": unknown key `duraton`; did you mean `duration`?\nseveral-faults.toml:11:12: step 2 \"Toe flexes\": duration must be 1s..30m, got \"0s\"",
    ),
    (
        "sides-duplicate.toml",
        "sides-duplicate.toml:6:9: step 1 \"Calf stretch\": sides must be a list of 1 to 8 different labels of 1 to 20 characters, like [\"left\", \"right\"], got [\"left\", \"Left\"]",
    ),
    (
        "sides-empty.toml",
        "sides-empty.toml:6:9: step 1 \"Calf stretch\": sides must be a list of 1 to 8 different labels of 1 to 20 characters, like [\"left\", \"right\"], got []",
    ),
    (
        "sides-not-strings.toml",
        "sides-not-strings.toml:6:9: step 1 \"Calf stretch\": sides must be a list of 1 to 8 different labels of 1 to 20 characters, like [\"left\", \"right\"], got [1, 2]",
    ),
    (
        "step-key-at-top.toml",
        "step-key-at-top.toml:2:1: `duration` belongs inside a [[step]] table",
    ),
    (
        "step-missing-duration.toml",
        "step-missing-duration.toml:3:1: step 1 \"Toe curls\": missing required key `duration`",
    ),
    (
        "step-missing-name.toml",
        "step-missing-name.toml:3:1: step 1: missing required key `name`",
    ),
    (
        "step-not-array.toml",
        "step-not-array.toml:3:1: step must be an array of tables, written [[step]], got a table",
    ),
    (
        "switch-wrong-type.toml",
        "switch-wrong-type.toml:2:10: switch must be a duration like \"45s\", \"1m30s\", \"2m\" or 90, got true",
    ),
    (
        "syntax-duplicate-key.toml",
        "syntax-duplicate-key.toml:2:1: TOML syntax: duplicate key `name`; each key may appear once per table",
    ),
    (
        "syntax-unclosed-string.toml",
        "syntax-unclosed-string.toml:1:16: TOML syntax: invalid basic string, expected `\"`",
    ),
    (
        "too-many-steps.toml",
        "too-many-steps.toml:3:1: a routine needs 1 to 100 [[step]] tables, got 101",
    ),
    (
        "unknown-step-key.toml",
        "unknown-step-key.toml:5:1: step 1 \"Toe curls\": unknown key `duraton`; did you mean `duration`?",
    ),
    (
        "unknown-top-key.toml",
        "unknown-top-key.toml:1:1: unknown key `nmae`; did you mean `name`?",
    ),
];

#[test]
fn every_fault_has_its_exact_message() {
    let mut failures = Vec::new();
    for (file, expected) in FAULTS {
        let (code, stdout, stderr) = validate(INVALID, file);
        let want = format!("{expected}\nbedstretch: 1 of 1 file with problems\n");
        if code != 1 || !stdout.is_empty() || stderr != want {
            failures.push(format!(
                "{file}: exit {code}\n  want: {want:?}\n  got:  {stderr:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_invalid_fixture_is_in_the_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(INVALID);
    for entry in std::fs::read_dir(dir).expect("fixture folder") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let listed = FAULTS.iter().any(|(f, _)| *f == name) || name == "many-errors.toml";
        assert!(listed, "{name} has no expected message");
    }
    assert!(FAULTS.len() >= 25, "at least 25 distinct faults");
}

#[test]
fn a_long_list_of_problems_is_capped() {
    let (code, _, stderr) = validate(INVALID, "many-errors.toml");
    assert_eq!(code, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        22,
        "20 problems, the rest counted, a summary: {stderr}"
    );
    assert_eq!(
        lines[0],
        "many-errors.toml:2:1: unknown key `key1`; the keys here are name, description, lead_in, counts, rest, switch, step"
    );
    assert_eq!(lines[20], "many-errors.toml: and 5 more");
}

/// Validates a one-step routine whose duration is `written` (TOML, quotes and all), in a
/// folder of its own; returns (exit code, stdout, stderr).
fn validate_duration(written: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = format!(
        "name = \"D\"\nlead_in = 0\n[[step]]\nname = \"Toe flexes\"\nduration = {written}\n"
    );
    std::fs::write(dir.path().join("d.toml"), text).expect("write");
    validate(dir.path().to_str().expect("utf-8 path"), "d.toml")
}

#[test]
fn durations_as_people_write_them_are_accepted() {
    let mut failures = Vec::new();
    for (written, shown) in [
        (r#""45s""#, "45s"),
        (r#""1m30s""#, "1m 30s"),
        ("90", "1m 30s"),
        (r#""1m 30s""#, "1m 30s"),
        (r#""30S""#, "30s"),
        (r#""2 min""#, "2m"),
        (r#""45 sec""#, "45s"),
        (r#""30 secs""#, "30s"),
        (r#""1 minute""#, "1m"),
        (r#""2 Minutes 5 Seconds""#, "2m 05s"),
        (r#""0:30""#, "30s"),
        (r#""10:00""#, "10m"),
        (r#""1.5m""#, "1m 30s"),
        ("90.0", "1m 30s"),
        (r#""30m""#, "30m"),
    ] {
        let (code, stdout, stderr) = validate_duration(written);
        let want = format!("ok  d.toml: \"D\", 1 step, {shown}\n");
        if code != 0 || stdout != want || !stderr.is_empty() {
            failures.push(format!("{written}: exit {code}, {stdout:?} {stderr:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_refused_duration_is_told_why_and_a_spelling_that_works() {
    const FORMAT: &str = r#"must be a duration like "45s", "1m30s", "2m" or 90"#;
    let mut failures = Vec::new();
    for (written, why) in [
        (
            r#""30 sekunden""#,
            format!(r#"{FORMAT}, got "30 sekunden"; did you mean "30s"?"#),
        ),
        (
            r#""2 minuten""#,
            format!(r#"{FORMAT}, got "2 minuten"; did you mean "2m"?"#),
        ),
        (
            r#""1m30""#,
            format!(r#"{FORMAT}, got "1m30"; did you mean "1m 30s"?"#),
        ),
        (r#""30s 1m""#, format!(r#"{FORMAT}, got "30s 1m""#)),
        (r#""soon""#, format!(r#"{FORMAT}, got "soon""#)),
        (r#""0:75""#, format!(r#"{FORMAT}, got "0:75""#)),
        (
            r#""1.33m""#,
            r#"must be whole seconds, got "1.33m"; did you mean "1m 20s"?"#.into(),
        ),
        (
            r#""1.01s""#,
            r#"must be whole seconds, got "1.01s"; did you mean "1s"?"#.into(),
        ),
        (r#""0.4s""#, r#"must be whole seconds, got "0.4s""#.into()),
        (r#""1h""#, r#"must be 1s..30m, got "1h""#.into()),
        (r#""31m""#, r#"must be 1s..30m, got "31m""#.into()),
        (
            r#""45 minutes""#,
            r#"must be 1s..30m, got "45 minutes""#.into(),
        ),
        ("3600.0", "must be 1s..30m, got 3600.0".into()),
        ("-5.0", "must be 1s..30m, got -5.0".into()),
    ] {
        let (code, _, stderr) = validate_duration(written);
        let want = format!(
            "d.toml:5:12: step 1 \"Toe flexes\": duration {why}\nbedstretch: 1 of 1 file with problems\n"
        );
        if code != 1 || stderr != want {
            failures.push(format!("{written}:\n  want: {want:?}\n  got:  {stderr:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_file_over_one_mebibyte_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("name = \"Huge\"\n[[step]]\nname = \"x\"\nduration = 1\n");
    text.push_str(&"# padding\n".repeat(110_000));
    std::fs::write(dir.path().join("huge.toml"), &text).expect("write");
    let (code, _, stderr) = validate(dir.path().to_str().expect("utf-8 path"), "huge.toml");
    assert_eq!(code, 1);
    assert_eq!(
        stderr.lines().next(),
        Some(
            format!(
                "huge.toml:1:1: file is {} bytes; a routine file may be at most 1 MiB",
                text.len()
            )
            .as_str()
        )
    );
}

#[test]
fn good_files_get_an_ok_line_each() {
    let output = bedstretch(VALID)
        .args([
            "routine",
            "validate",
            "minimal.toml",
            "every-key.toml",
            "bom-crlf.toml",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "ok  minimal.toml: \"Minimal\", 1 step, 35s\n\
         ok  every-key.toml: \"Every key\", 2 steps, 36m 05s\n\
         ok  bom-crlf.toml: \"Windows file\", 1 step, 50s\n"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn one_bad_file_fails_the_run_but_the_good_ones_are_still_checked() {
    let output = bedstretch(INVALID)
        .args([
            "routine",
            "validate",
            "../valid/minimal.toml",
            "duration-zero.toml",
            "missing.toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.starts_with("ok  ../valid/minimal.toml"), "{stdout}");
    support::assert_has(
        &stderr,
        &[
            "duration-zero.toml:5:12:",
            "missing.toml: cannot read: No such file or directory",
        ],
    );
    assert!(
        stderr.ends_with("bedstretch: 2 of 3 files with problems\n"),
        "{stderr}"
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let output = bedstretch(VALID)
        .args(["routine", "show", "escapes-cleaned.toml"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.starts_with("Bed[2Jtime  (escapes-cleaned, from escapes-cleaned.toml)"),
        "{shown}"
    );
    let controls: Vec<char> = shown
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        controls.is_empty(),
        "control characters in output: {controls:?}"
    );
    assert!(shown.contains("Curl]0;pwned them."), "{shown}");
}
