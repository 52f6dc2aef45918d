//! One reading of the history: every command keeps and skips the same records, and says so
//! in the same words. A session dated in year 9999, a step held for 2^64-1 seconds, this
//! device's file turned into a folder, a dangling link and a link loop among the synced
//! files: each is skipped with one warning, the same from `history`, `stats`, `status` and
//! `report`, and the rest is still read.
//!
//! Through the real binary, in a temporary folder; "now" is `--as-of` where a command has it.

mod support;

use std::fs;
use std::os::unix::fs::symlink;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use support::folders::Folders;

const TIMEOUT: Duration = Duration::from_secs(20);
const AS_OF: &str = "2026-11-30T23:00:00+01:00";

struct Home(Folders);

home_over_folders!(Home);

impl Home {
    fn new() -> Self {
        Self(Folders::used().with_device("dev1"))
    }

    fn write(&self, name: &str, lines: &[String]) {
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        fs::write(self.history().join(name), text).expect("history file");
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_within(TIMEOUT, args)
    }

    /// stdout and stderr of a command that must not fail (status may say 1: not kept).
    fn said(&self, args: &[&str]) -> (String, String) {
        let output = self.run(args);
        let (_, stdout, stderr) = support::cli::said(&output);
        let ok = if args[0] == "status" {
            matches!(output.status.code(), Some(0 | 1))
        } else {
            output.status.success()
        };
        assert!(ok, "{args:?}: {:?}\n{stdout}\n{stderr}", output.status);
        (stdout, stderr)
    }

    /// What each reading command says on stderr, by command.
    fn every_reader(&self) -> Vec<(&'static str, String, String)> {
        let commands: [(&str, &[&str]); 6] = [
            ("history", &["history"]),
            ("history --csv", &["history", "--csv"]),
            ("stats", &["stats", "--json", "--as-of", AS_OF]),
            ("status", &["status", "--as-of", AS_OF]),
            (
                "report",
                &[
                    "report",
                    "--format",
                    "csv",
                    "--since",
                    "2026-11-01",
                    "--as-of",
                    AS_OF,
                ],
            ),
            ("status again", &["status", "--as-of", AS_OF]),
        ];
        commands
            .iter()
            .map(|(name, args)| {
                let (stdout, stderr) = self.said(args);
                (*name, stdout, stderr)
            })
            .collect()
    }
}

/// A session line of one step, held `done` seconds, started at `at`.
fn session(id: &str, at: &str, done: &str) -> String {
    format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":\"{id}\",\"routine\":\"quick\",\"routine_name\":\"Quick\",\
         \"started_at\":\"{at}\",\"outcome\":\"completed\",\
         \"steps\":[{{\"name\":\"Toe curls\",\"planned_secs\":30,\"done_secs\":{done},\"status\":\"completed\"}}]}}"
    )
}

fn good() -> String {
    session("s20", "2026-11-20T22:00:00+01:00", "30")
}

/// The one line of `stderr` that mentions `needle`.
fn line_with<'a>(stderr: &'a str, needle: &str) -> Option<&'a str> {
    stderr.lines().find(|l| l.contains(needle))
}

/// Every reader gives the same warning line about `needle`, and stats still count `sessions`.
fn same_warning_everywhere(home: &Home, needle: &str, sessions: u64) -> String {
    let said = home.every_reader();
    let (_, _, first) = &said[0];
    let warning = line_with(first, needle)
        .unwrap_or_else(|| panic!("history warns about {needle}: {first}"))
        .to_string();
    for (name, stdout, stderr) in &said {
        assert_eq!(
            line_with(stderr, needle),
            Some(warning.as_str()),
            "{name} warns as history does: {stderr}"
        );
        if *name == "stats" {
            let value: Value = serde_json::from_str(stdout).expect("stats JSON");
            assert_eq!(value["sessions"], sessions, "{stdout}");
        }
    }
    warning
}

#[test]
fn a_session_dated_in_year_9999_is_skipped_alike_everywhere() {
    let home = Home::new();
    home.write(
        "phone.jsonl",
        &[good(), session("s9999", "9999-11-20T22:00:00+01:00", "30")],
    );
    let warning = same_warning_everywhere(&home, "s9999", 1);
    assert!(warning.contains("more than a day"), "{warning}");
    assert!(warning.contains("phone.jsonl"), "names the file: {warning}");
    let (stdout, _) = home.said(&["history", "--json"]);
    assert!(!stdout.contains("9999"), "not listed: {stdout}");
}

#[test]
fn a_record_a_few_hours_ahead_is_not_a_stranger() {
    let home = Home::new();
    // Within a day of now: a device whose clock runs a little fast, or a zone far east.
    home.write(
        "phone.jsonl",
        &[good(), session("soon", "2026-12-01T10:00:00+01:00", "30")],
    );
    for (name, _, stderr) in home.every_reader() {
        assert_eq!(stderr, "", "{name}");
    }
}

#[test]
fn a_step_held_for_2_to_the_64_seconds_is_never_shown() {
    let home = Home::new();
    home.write(
        "phone.jsonl",
        &[
            good(),
            session("huge", "2026-11-21T22:00:00+01:00", "18446744073709551615"),
        ],
    );
    let warning = same_warning_everywhere(&home, "phone.jsonl:2:", 1);
    assert!(warning.contains("longer than a night"), "{warning}");
    for args in [
        &["history"][..],
        &["history", "--csv"],
        &["history", "--json"],
        &["stats", "--as-of", AS_OF],
    ] {
        let (stdout, _) = home.said(args);
        assert!(
            !stdout.contains("307445734561825860") && !stdout.contains("18446744073709551615"),
            "{args:?}: {stdout}"
        );
    }
}

#[test]
fn status_warns_about_this_devices_unreadable_file_as_stats_does() {
    let home = Home::new();
    home.write("phone.jsonl", &[good()]);
    fs::create_dir(home.history().join("dev1.jsonl")).expect("a folder");
    let warning = same_warning_everywhere(&home, "dev1.jsonl", 1);
    assert!(warning.contains("folder"), "{warning}");
}

#[test]
fn a_dangling_link_and_a_link_loop_are_skipped_and_the_rest_read() {
    let home = Home::new();
    home.write("phone.jsonl", &[good()]);
    symlink(
        home.dir.path().join("gone"),
        home.history().join("gone.jsonl"),
    )
    .expect("link");
    symlink("loop.jsonl", home.history().join("loop.jsonl")).expect("loop");
    for needle in ["gone.jsonl", "loop.jsonl"] {
        let warning = same_warning_everywhere(&home, needle, 1);
        assert!(warning.contains("skipped"), "{warning}");
    }
    let (stdout, _) = home.said(&["history"]);
    assert!(stdout.contains("Quick"), "{stdout}");
}
