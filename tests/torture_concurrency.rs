//! Torture: four bedstretch processes started at once, round after round, each recovering
//! the same interrupted session left in `current.json` and appending a diary line of its own.
//! Every record must be in the history exactly once, and every line must parse whole: no
//! two writes interleaved, none torn, none recovered twice.
//!
//! The planted session has a hundred steps, a line of about ten kilobytes, well over the
//! size the kernel writes in one piece to a pipe: only the lock keeps it whole.
//! `cargo test` runs a few rounds; `scripts/torture` runs 50.

mod support;

use std::collections::BTreeMap;
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use serde_json::Value;

use support::pty::{Home, exists, quiet_history};
use support::torture::Rng;

/// Processes started together in each round.
const AT_ONCE: usize = 4;

#[test]
fn torture_four_processes_recovering_and_appending_at_once_keep_every_record_once() {
    recover_and_append("torture_four_processes_recovering_and_appending", 3);
}

/// The full count, for `scripts/torture`.
#[test]
#[ignore = "long: run by scripts/torture"]
fn torture_four_processes_recovering_and_appending_50_rounds() {
    recover_and_append(
        "torture_four_processes_recovering_and_appending_50_rounds",
        50,
    );
}

fn recover_and_append(test: &str, rounds: usize) {
    let mut rng = Rng::for_test(test);
    let home = Home::empty();
    let mut sessions = Vec::new();
    let mut notes = Vec::new();
    for round in 0..rounds {
        let id = format!("round{round}-{:016x}", rng.next_u64());
        plant_session(&home, &id);
        sessions.push(id);
        let children: Vec<_> = (0..AT_ONCE)
            .map(|i| {
                // Long notes make each diary line near a kilobyte as well.
                let note = format!(
                    "r{round}p{i}-{}",
                    "x".repeat(400 + (rng.below(90) as usize))
                );
                let night = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
                    + chrono::Days::new((round * AT_ONCE + i) as u64);
                let night = night.to_string();
                let child = Command::new(env!("CARGO_BIN_EXE_bedstretch"))
                    .args([
                        "cramp", "3", "--side", "left", "--night", &night, "--note", &note,
                    ])
                    .env("XDG_CONFIG_HOME", home.config_home())
                    .env("XDG_DATA_HOME", home.data_home())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn");
                notes.push(note);
                child
            })
            .collect();
        let mut recovered = 0;
        for child in children {
            let output = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "round {round}: {stderr}");
            recovered += stderr
                .matches("recovered an interrupted session (Planted")
                .count();
        }
        assert_eq!(
            recovered, 1,
            "round {round}: recovered by exactly one process"
        );
        assert!(
            !exists(&home.current()),
            "round {round}: current.json is gone"
        );
    }

    // Every line parses whole: a torn or interleaved write fails here.
    let lines = home.history();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for line in &lines {
        let key = match line["kind"].as_str() {
            Some("session") => line["id"].as_str().expect("id").to_string(),
            Some("cramp") => line["note"].as_str().expect("note").to_string(),
            other => panic!("a line of kind {other:?}: {line}"),
        };
        *seen.entry(key).or_default() += 1;
    }
    for key in sessions.iter().chain(&notes) {
        let times = seen.get(key).copied().unwrap_or(0);
        assert_eq!(
            times,
            1,
            "{} is in the history {times} times",
            &key[..20.min(key.len())]
        );
    }
    assert_eq!(
        lines.len(),
        sessions.len() + notes.len(),
        "nothing else was written"
    );
    // One machine, one history file: processes racing to make the device id agree on it.
    let mut files: Vec<String> = home.history_lines().into_iter().map(|(f, _)| f).collect();
    files.dedup();
    assert_eq!(
        files.len(),
        1,
        "one history file for this machine: {files:?}"
    );

    // And the reader agrees, with nothing to warn about.
    let listed = quiet_history("history --json", &home.run(&["history", "--json"]));
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(lines.len()),
        "history --json lists every record"
    );
    eprintln!(
        "{test}: {rounds} rounds of {AT_ONCE} processes: {} sessions recovered once each, {} \
         diary lines, every line whole",
        sessions.len(),
        notes.len()
    );
}

/// Leaves an interrupted session of a hundred steps in `current.json`, as a program killed
/// mid-session does.
fn plant_session(home: &Home, id: &str) {
    let steps: Vec<Value> = (0..100)
        .map(|i| {
            serde_json::json!({
                "name": format!("Planted step number {i} with a longer name"),
                "side": if i % 2 == 0 { "left" } else { "right" },
                "planned_secs": 30,
                "done_secs": if i < 50 { 30 } else { 0 },
                "status": if i < 50 { "completed" } else { "not_reached" },
            })
        })
        .collect();
    let record = serde_json::json!({
        "v": 1, "kind": "session", "id": id, "routine": "planted", "routine_name": "Planted",
        "started_at": "2026-11-23T22:41:05.123+01:00", "ended_at": "2026-11-23T23:06:05.123+01:00",
        "outcome": "interrupted", "steps": steps,
    });
    std::fs::create_dir_all(home.data()).expect("data folder");
    std::fs::write(home.current(), record.to_string()).expect("current.json");
}
