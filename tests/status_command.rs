//! `bedstretch status` through the binary on temporary folders: every state a prompt can be
//! in, each with its exit status.

mod support;

use std::path::Path;

use serde_json::Value;

/// A kept session (five of five held) that started at `at`.
fn kept(at: &str) -> String {
    format!(
        r#"{{"v":1,"kind":"session","id":"{at}","routine":"quick","routine_name":"Quick","started_at":"{at}","outcome":"completed","steps":[{{"name":"Toe raises","planned_secs":30,"done_secs":30,"status":"completed"}}]}}"#
    )
}

fn folder(sessions: &[&str], config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("data/bedstretch/history");
    std::fs::create_dir_all(&history).expect("history folder");
    let lines: String = sessions.iter().map(|at| kept(at) + "\n").collect();
    std::fs::write(history.join("d1.jsonl"), lines).expect("history");
    let config_dir = dir.path().join("config/bedstretch");
    std::fs::create_dir_all(&config_dir).expect("config folder");
    std::fs::write(config_dir.join("config.toml"), config).expect("config");
    dir
}

fn status(dir: &Path, as_of: &str, args: &[&str]) -> (i32, String, String) {
    let args: Vec<&str> = ["status", "--as-of", as_of]
        .iter()
        .chain(args)
        .copied()
        .collect();
    support::cli::run(dir, &args)
}

const SUNDAY: &str = "2026-11-22T22:00:00+01:00";
const MONDAY: &str = "2026-11-23T22:10:00+01:00";

#[test]
fn a_kept_night_shows_the_foot_and_exits_0() {
    let dir = folder(&[SUNDAY, MONDAY], "remind_at = \"22:30\"\n");
    let late = "2026-11-24T00:30:00+01:00";
    assert_eq!(
        status(dir.path(), late, &[]),
        (0, "🦶 2\n".into(), String::new())
    );
    let (code, long, _) = status(dir.path(), late, &["--format", "long"]);
    assert_eq!(
        (code, long.as_str()),
        (0, "Tonight is kept · streak 2 nights\n")
    );
}

#[test]
fn an_open_night_says_so_and_exits_1_until_the_reminder_says_it_is_time() {
    let dir = folder(&[SUNDAY], "remind_at = \"22:30\"\n");
    let (code, out, _) = status(dir.path(), "2026-11-23T21:00:00+01:00", &[]);
    assert_eq!((code, out.as_str()), (1, "stretch tonight · 1\n"));
    let (code, out, _) = status(dir.path(), "2026-11-23T22:45:00+01:00", &[]);
    assert_eq!((code, out.as_str()), (1, "time to stretch · 1\n"));
    let (_, long, _) = status(
        dir.path(),
        "2026-11-24T01:00:00+01:00",
        &["--format", "long"],
    );
    assert_eq!(
        long,
        "Time to stretch: tonight is not kept yet · streak 1 night\n"
    );

    let quiet = folder(&[SUNDAY], "");
    let (code, out, _) = status(quiet.path(), "2026-11-23T23:45:00+01:00", &[]);
    assert_eq!(
        (code, out.as_str()),
        (1, "stretch tonight · 1\n"),
        "no reminder unless remind_at is set"
    );
}

#[test]
fn json_carries_every_figure() {
    let dir = folder(&[SUNDAY, MONDAY], "");
    let (code, out, _) = status(
        dir.path(),
        "2026-11-23T23:00:00+01:00",
        &["--format", "json"],
    );
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["tonight"], "2026-11-23");
    assert_eq!(json["tonight_kept"], true);
    assert_eq!(json["current_streak"], 2);
    assert_eq!(json["longest_streak"], 2);
    assert_eq!(json["time_to_stretch"], false);
    assert_eq!(json["short"], "🦶 2");
}

#[test]
fn no_history_yet_is_an_open_night_and_an_unreadable_one_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = status(dir.path(), MONDAY, &[]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (1, "stretch tonight · 0\n", "")
    );

    // A file where the history folder should be.
    std::fs::create_dir_all(dir.path().join("data/bedstretch")).expect("folder");
    std::fs::write(dir.path().join("data/bedstretch/history"), "x").expect("file");
    let (code, out, err) = status(dir.path(), MONDAY, &[]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("bedstretch: ") && err.contains("history"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_bad_format_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = status(dir.path(), MONDAY, &["--format", "huge"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("short") && err.contains("json"), "{err}");
}

#[test]
fn a_broken_or_strange_streak_cache_changes_nothing_and_hangs_nothing() {
    let dir = folder(&[SUNDAY, MONDAY], "");
    let late = "2026-11-24T00:30:00+01:00";
    let want = (0, "🦶 2\n".to_string(), String::new());
    assert_eq!(status(dir.path(), late, &[]), want, "builds the cache");
    let cache = dir.path().join("data/bedstretch/cache/streak-sessions.bin");
    let good = std::fs::read(&cache).expect("written");

    // Cut short, or garbage, and dated well after the history so that only its content can
    // give it away.
    for bytes in [
        &good[..good.len() - 1],
        &good[..10],
        b"\xff\xfe not a cache",
    ] {
        std::fs::write(&cache, bytes).expect("break");
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&cache)
            .expect("open");
        let modified = file.metadata().expect("meta").modified().expect("time");
        file.set_modified(modified + std::time::Duration::from_secs(60))
            .expect("date");
        assert_eq!(status(dir.path(), late, &[]), want);
    }

    // A FIFO where the cache should be is never opened for reading, so never waited on.
    std::fs::remove_file(&cache).expect("remove");
    let made = std::process::Command::new("mkfifo")
        .arg(&cache)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    assert_eq!(status(dir.path(), late, &[]), want);
}
