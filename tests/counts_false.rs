//! A session of a `counts = false` routine (cramp relief) through the binary: it is listed and
//! counted as a session, but never keeps a night.

mod support;

use std::path::Path;

use serde_json::Value;

const RELIEF: &str = r#"{"v":1,"kind":"session","id":"20261124T030000.000+0100-0001","routine":"cramp-relief","routine_name":"Cramp relief","started_at":"2026-11-24T03:00:00+01:00","ended_at":"2026-11-24T03:03:17+01:00","outcome":"completed","steps":[{"name":"Flex","planned_secs":30,"done_secs":30,"status":"completed"}],"counts":false}"#;

fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    support::cli::run(data, args)
}

#[test]
fn a_cramp_relief_session_is_listed_but_keeps_no_night() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("data/bedstretch/history");
    std::fs::create_dir_all(&history).expect("folder");
    std::fs::write(history.join("dev.jsonl"), format!("{RELIEF}\n")).expect("write");

    let (code, stdout, stderr) = run(
        dir.path(),
        &["stats", "--json", "--as-of", "2026-11-24T07:00:00+01:00"],
    );
    assert_eq!(code, 0, "{stderr}");
    let stats: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(stats["sessions"], 1);
    assert_eq!(stats["nights_kept"], 0);
    assert_eq!(stats["current_streak"], 0);

    let (code, stdout, stderr) = run(dir.path(), &["history", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let listed: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(listed[0]["routine"], "cramp-relief");
    assert_eq!(listed[0]["counts"], false);
}
