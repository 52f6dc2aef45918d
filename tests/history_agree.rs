//! A property over generated history folders: whatever the lines (good, torn, unknown kinds,
//! outcomes and statuses, missing fields, dates at the calendar's edges, any UTC offset),
//! `stats --json` (building the cache, then from it) and `history --json` neither panic nor
//! disagree: the same sessions, the same warnings. And `status`, from its own small cache or
//! not, says what `stats` says of tonight and the streaks, under any rules, at any moment.

use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use serde_json::Value;

const AS_OF: &str = "2026-11-23T23:00:00+01:00";

fn run(data: &Path, args: &[&str]) -> (String, String) {
    let output = Command::cargo_bin("bedstretch")
        .expect("binary")
        .args(args)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{args:?}: {stderr}");
    (stdout, stderr)
}

/// An offset of whole quarter hours from -12:00 to +14:00, as `+HH:MM`.
fn offset() -> impl Strategy<Value = String> {
    (-48i32..=56).prop_map(|quarters| {
        let minutes = quarters * 15;
        let sign = if minutes < 0 { '-' } else { '+' };
        format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
    })
}

/// A start: mostly ordinary evenings, sometimes at either end of the calendar.
fn moment() -> impl Strategy<Value = String> {
    let ordinary = (
        2025i32..2027,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        offset(),
    )
        .prop_map(|(y, m, d, h, min, off)| {
            format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:00.123{off}")
        });
    let edge = (
        prop::sample::select(vec![
            "-262143-01-01T01:00:00",
            "-262143-01-01T23:00:00",
            "-262143-01-02T03:00:00",
            "+262142-12-31T23:00:00",
            "+262142-12-31T01:00:00",
        ]),
        offset(),
    )
        .prop_map(|(at, off)| format!("{at}{off}"));
    prop_oneof![4 => ordinary, 1 => edge]
}

fn word(known: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    let mut words: Vec<Option<String>> = known.iter().map(|w| Some(w.to_string())).collect();
    words.push(Some("abandoned".into()));
    words.push(None);
    prop::sample::select(words)
}

fn step() -> impl Strategy<Value = String> {
    word(&["completed", "skipped", "partial", "not_reached", "hurt"]).prop_map(|status| {
        let status = status.map_or(String::new(), |s| format!(",\"status\":\"{s}\""));
        format!("{{\"name\":\"Toe curls\",\"planned_secs\":30,\"done_secs\":20{status}}}")
    })
}

/// A session line; each optional field may be left out, and so may the required ones.
fn session() -> impl Strategy<Value = String> {
    (
        0u8..12,
        moment(),
        prop::option::of(moment()),
        word(&["completed", "quit", "interrupted"]),
        prop::collection::vec(step(), 0..4),
        0u8..10,
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(id, start, end, outcome, steps, drop, counts)| {
            let mut fields = vec![
                "\"v\":1".to_string(),
                "\"kind\":\"session\"".to_string(),
                format!("\"id\":\"s{id}\""),
                format!("\"started_at\":\"{start}\""),
                "\"routine\":\"quick\"".to_string(),
                "\"routine_name\":\"Quick\"".to_string(),
                format!("\"steps\":[{}]", steps.join(",")),
            ];
            if let Some(end) = end {
                fields.push(format!("\"ended_at\":\"{end}\""));
            }
            if let Some(outcome) = outcome {
                fields.push(format!("\"outcome\":\"{outcome}\""));
            }
            if let Some(counts) = counts {
                fields.push(format!("\"counts\":{counts}"));
            }
            // Now and then a required field goes missing.
            if drop < 2 {
                fields.remove(2 + usize::from(drop));
            }
            format!("{{{}}}", fields.join(","))
        })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => session(),
        1 => (session(), any::<prop::sample::Index>()).prop_map(|(s, cut)| {
            // Torn: cut anywhere (on a character boundary; all of it is ASCII).
            s[..cut.index(s.len())].to_string()
        }),
        1 => (0u8..4, 0u8..12).prop_map(|(n, severity)| format!(
            "{{\"v\":1,\"kind\":\"cramp\",\"id\":\"c{n}\",\"night\":\"2026-11-20\",\
             \"severity\":{severity},\"logged_at\":\"2026-11-21T07:15:00+01:00\"}}"
        )),
        1 => Just("{\"v\":1,\"kind\":\"mood\",\"id\":\"m1\",\"note\":\"calm\"}".to_string()),
        1 => Just("this line is not json".to_string()),
        1 => Just(String::new()),
    ]
}

fn ids_and_starts(history: &Value) -> Vec<(String, DateTime<FixedOffset>)> {
    history
        .as_array()
        .expect("array")
        .iter()
        .map(|s| {
            let id = s["id"].as_str().expect("id").to_string();
            let start = serde_json::from_value(s["started_at"].clone()).expect("a start");
            (id, start)
        })
        .collect()
}

/// A temporary folder whose `bedstretch/history` holds one device file per list of lines.
fn devices(files: &[Vec<String>]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let history_dir = dir.path().join("bedstretch/history");
    std::fs::create_dir_all(&history_dir).expect("mkdir");
    for (n, lines) in files.iter().enumerate() {
        std::fs::write(history_dir.join(format!("dev{n}.jsonl")), lines.join("\n")).expect("write");
    }
    dir
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn stats_and_history_read_the_same_sessions_and_warn_alike(
        files in prop::collection::vec(prop::collection::vec(line(), 0..12), 1..3),
    ) {
        let dir = devices(&files);
        let stats_args = ["stats", "--json", "--as-of", AS_OF];
        let (cold, cold_warnings) = run(dir.path(), &stats_args);
        let (warm, warm_warnings) = run(dir.path(), &stats_args);
        // Sessions only: the diary's lines are listed too without --kind.
        let (listed, history_warnings) =
            run(dir.path(), &["history", "--json", "--kind", "session", "--as-of", AS_OF]);
        prop_assert_eq!(&cold, &warm);
        prop_assert_eq!(&cold_warnings, &history_warnings);
        prop_assert_eq!(&warm_warnings, &history_warnings);

        let stats: Value = serde_json::from_str(&cold).expect("stats json");
        let listed: Value = serde_json::from_str(&listed).expect("history json");
        let as_of = DateTime::parse_from_rfc3339(AS_OF).expect("as of");
        // stats counts what started by --as-of; history lists everything.
        let by_then = ids_and_starts(&listed).iter().filter(|(_, at)| *at <= as_of).count();
        prop_assert_eq!(stats["sessions"].as_u64(), Some(by_then as u64));
    }
}

/// A config of rules: any rollover hour, a threshold, some rest days.
fn rules() -> impl Strategy<Value = String> {
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    (
        0u32..24,
        prop::sample::select(vec!["0.0", "0.5", "0.8", "1.0"]),
        prop::collection::vec(prop::sample::select(days.to_vec()), 0..3),
    )
        .prop_map(|(hour, share, rest)| {
            let rest: Vec<String> = rest.iter().map(|d| format!("\"{d}\"")).collect();
            format!(
                "day_starts_at = \"{hour:02}:00\"\nmin_completion = {share}\nrest_days = [{}]\n",
                rest.join(", ")
            )
        })
}

/// What `status --format json` says at `as_of`, after checking its exit status agrees.
fn status_at(data: &Path, as_of: &str) -> Value {
    let output = Command::cargo_bin("bedstretch")
        .expect("binary")
        .args(["status", "--format", "json", "--as-of", as_of])
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("status json");
    let kept = json["tonight_kept"].as_bool().expect("tonight_kept");
    assert_eq!(
        output.status.code(),
        Some(if kept { 0 } else { 1 }),
        "{json}"
    );
    json
}

/// The figures status and stats share.
fn tonight_and_streaks(json: &Value) -> [Value; 4] {
    [
        "tonight",
        "tonight_kept",
        "current_streak",
        "longest_streak",
    ]
    .map(|k| json[k].clone())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn status_says_what_stats_says_at_every_moment_from_its_cache_or_not(
        files in prop::collection::vec(prop::collection::vec(line(), 0..12), 1..3),
        config in rules(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..4),
        other in moment(),
    ) {
        let dir = devices(&files);
        let config_dir = dir.path().join("config/bedstretch");
        std::fs::create_dir_all(&config_dir).expect("mkdir");
        std::fs::write(config_dir.join("config.toml"), &config).expect("config");
        // The moments some sessions start at, in their own offsets, a millisecond either side
        // of them, and a moment of no session's.
        let starts: Vec<&str> = files
            .iter()
            .flatten()
            .filter_map(|line| line.split("\"started_at\":\"").nth(1)?.split('"').next())
            .collect();
        let picked = picks.iter().filter(|_| !starts.is_empty()).map(|i| starts[i.index(starts.len())]);
        let moments: Vec<String> = picked
            .map(str::to_string)
            .chain([other])
            .filter(|m| DateTime::parse_from_rfc3339(m).is_ok_and(|t| t.timestamp() > 0))
            .flat_map(|m| [m.replace(":00.123", ":00.122"), m.clone(), m.replace(":00.123", ":00.124")])
            .chain([AS_OF.to_string()])
            .collect();
        let expected: Vec<[Value; 4]> = moments
            .iter()
            .map(|m| {
                let (stats, _) = run(dir.path(), &["stats", "--json", "--as-of", m]);
                tonight_and_streaks(&serde_json::from_str(&stats).expect("stats json"))
            })
            .collect();
        // First from the history (the files are too new for the cache to be trusted)...
        for (m, want) in moments.iter().zip(&expected) {
            prop_assert_eq!(&tonight_and_streaks(&status_at(dir.path(), m)), want, "{}", m);
        }
        // ...then from the cache, dated as if written a minute later so that it is trusted.
        let cache = dir.path().join("bedstretch/cache/streak-sessions.bin");
        let file = std::fs::OpenOptions::new().append(true).open(&cache).expect("cache");
        let later = file.metadata().expect("meta").modified().expect("time")
            + std::time::Duration::from_secs(60);
        file.set_modified(later).expect("date");
        for (m, want) in moments.iter().zip(&expected) {
            prop_assert_eq!(&tonight_and_streaks(&status_at(dir.path(), m)), want, "{}", m);
        }
        let unchanged = std::fs::metadata(&cache).expect("cache").modified().expect("time");
        prop_assert_eq!(unchanged, later, "read from the cache, not written again");
    }
}
