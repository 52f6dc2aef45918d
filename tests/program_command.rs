//! `bedstretch program`: a personal trial through the binary, on a diary whose truth is known.

mod support;

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use serde_json::Value;
use support::folders::Folders;

/// The first night of the known trial's baseline.
const FROM: &str = "2026-10-01";

fn night(n: u64) -> NaiveDate {
    NaiveDate::parse_from_str(FROM, "%Y-%m-%d").expect("date") + Days::new(n)
}

/// The diary line for the `n`th night, noted the next morning.
fn diary_line(n: u64, severity: u8, count: Option<u32>) -> String {
    let count = count.map_or(String::new(), |c| format!(",\"count\":{c}"));
    format!(
        "{{\"v\":1,\"kind\":\"cramp\",\"id\":\"c{n}\",\"night\":\"{}\",\"severity\":{severity}\
         {count},\"logged_at\":\"{}T07:00:00+01:00\"}}\n",
        night(n),
        night(n + 1)
    )
}

/// A 14-night baseline with 30 cramps, then 42 nights of the routine, 40 of them kept, with
/// 8 cramps in all; the program line first.
fn known_truth() -> String {
    let mut text = format!(
        "{{\"v\":1,\"kind\":\"program\",\"id\":\"p1\",\"routine\":\"calf-hamstring\",\
         \"from\":\"{FROM}\",\"baseline_nights\":14,\"weeks\":6,\"design\":\"before-after\",\
         \"logged_at\":\"2026-10-01T21:00:00+01:00\"}}\n"
    );
    let mut cramp = |n: u64, severity: u8, count: Option<u32>| {
        text.push_str(&diary_line(n, severity, count));
    };
    for n in 0..14 {
        cramp(n, 5, Some(if n < 2 { 3 } else { 2 }));
    }
    for n in 14..56 {
        let cramped = (n - 14) % 5 == 0 && n - 14 < 40;
        cramp(n, if cramped { 3 } else { 0 }, cramped.then_some(1));
    }
    for n in (14..56).filter(|n| n % 21 != 0) {
        let _ = writeln!(
            text,
            "{{\"v\":1,\"kind\":\"session\",\"id\":\"s{n}\",\"routine\":\"calf-hamstring\",\
             \"routine_name\":\"Calf and hamstring\",\"started_at\":\"{d}T22:00:00+01:00\",\
             \"ended_at\":\"{d}T22:04:00+01:00\",\"outcome\":\"completed\",\"steps\":[{{\"name\":\
             \"Calf\",\"side\":\"left\",\"planned_secs\":10,\"done_secs\":10,\"status\":\"completed\"}}]}}",
            d = night(n)
        );
    }
    text
}

fn with_known_truth() -> Folders {
    let home = Folders::used();
    home.write_history("phone.jsonl", &known_truth());
    home
}

fn succeeds(home: &Folders, args: &[&str]) -> String {
    let (code, stdout, stderr) = support::cli::run(home.root(), args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    assert_eq!(stderr, "", "{args:?}");
    stdout
}

/// `program stop` as of `first` stops the trial; another as of `then` finds none running.
fn stops_once(home: &Folders, first: &str, then: &str) {
    succeeds(home, &["program", "stop", "--as-of", first]);
    let stderr = fails(home, &["program", "stop", "--as-of", then]);
    assert!(stderr.contains("no trial is running"), "{stderr}");
}

/// `program review --json` as of `when`.
fn review_json(home: &Folders, when: &str) -> Value {
    let json = succeeds(home, &["program", "review", "--json", "--as-of", when]);
    serde_json::from_str(&json).expect("json")
}

fn fails(home: &Folders, args: &[&str]) -> String {
    let (code, _, stderr) = support::cli::run(home.root(), args);
    assert_ne!(code, 0, "{args:?} should fail");
    stderr
}

#[test]
fn the_review_of_a_known_diary_gives_its_figures_and_an_interval_below_zero() {
    let home = with_known_truth();
    let review = review_json(&home, "2026-12-01T09:00:00+01:00");
    assert_eq!(review["phase"], "done");
    assert_eq!(review["baseline"]["nights"], 14);
    assert_eq!(review["baseline"]["cramps_per_night"], 2.14);
    assert_eq!(review["program"]["nights"], 42);
    assert_eq!(review["program"]["nights_kept"], 40);
    assert_eq!(review["program"]["cramps_per_night"], 0.19);
    assert_eq!(review["difference"]["cramps_per_night"], -1.95);
    let low = review["difference"]["ci95"][0].as_f64().expect("low");
    let high = review["difference"]["ci95"][1].as_f64().expect("high");
    assert!(low < -1.95 && -1.95 < high && high < 0.0, "{low} {high}");

    let words = succeeds(
        &home,
        &["program", "review", "--as-of", "2026-12-01T09:00:00+01:00"],
    );
    support::assert_has(
        &words,
        &[
            "Your trial of calf-hamstring (done)",
            "Baseline Thu 1 Oct to Wed 14 Oct; program Thu 15 Oct to Wed 25 Nov.",
            "cramps a night           2.14     0.19",
            "nights kept                 0       40",
            "Cramps were less frequent during the program: 2.14 a night before, 0.19",
            "during, a difference of -1.95 (95 % interval",
            "(regression to the mean).",
            "  Week 1    ",
        ],
    );
}

#[test]
fn program_says_where_you_stand_night_by_night() {
    let home = with_known_truth();
    // Records after each --as-of are skipped with a warning, as every command does.
    let at = |when: &str| support::cli::run(home.root(), &["program", "--as-of", when]).1;
    assert!(
        at("2026-10-05T21:00:00+01:00")
            .starts_with("Baseline, night 5 of 14: just note cramps each morning."),
        "{}",
        at("2026-10-05T21:00:00+01:00")
    );
    assert!(at("2026-10-30T21:00:00+01:00").starts_with("Week 3 of 6: 2.1 cramps a night before."));
    assert!(at("2026-12-01T21:00:00+01:00").starts_with("Trial done: the review has the answer."));
}

#[test]
fn a_trial_starts_once_stops_and_starts_again() {
    let home = Folders::used();
    let as_of = ["--as-of", "2026-12-07T21:00:00+01:00"];
    let fresh = succeeds(&home, &["program"]);
    assert!(fresh.starts_with("No trial yet."), "{fresh}");
    let started = succeeds(&home, &[&["program", "start"][..], &as_of].concat());
    support::assert_has(
        &started,
        &[
            "Baseline: Mon 7 Dec to Sun 20 Dec (14 nights)",
            "Then 6 weeks of Calf and hamstring each night, Mon 21 Dec to Sun 31 Jan.",
        ],
    );
    let again = fails(
        &home,
        &[&["program", "start", "quick"][..], &as_of].concat(),
    );
    assert!(
        again.contains("a trial is already running (from Mon 7 Dec)"),
        "{again}"
    );
    stops_once(
        &home,
        "2026-12-09T21:00:00+01:00",
        "2026-12-09T22:00:00+01:00",
    );
    succeeds(
        &home,
        &[
            "program",
            "start",
            "quick",
            "--baseline",
            "7",
            "--weeks",
            "2",
            "--as-of",
            "2026-12-10T21:00:00+01:00",
        ],
    );
    let lines = support::cli::history(home.root());
    let programs: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "program").collect();
    assert_eq!(programs.len(), 3);
    assert_eq!(programs[1]["stopped"], true);
    assert_eq!(programs[2]["routine"], "quick");
    assert_eq!(programs[2]["baseline_nights"], 7);
    assert_eq!(programs[2].get("stopped"), None);
}

#[test]
fn a_baseline_from_the_past_uses_the_diary_already_kept() {
    let home = Folders::used();
    let diary: String = (0..14).map(|n| diary_line(n, 4, Some(2))).collect();
    home.write_history("phone.jsonl", &diary);
    succeeds(
        &home,
        &[
            "program",
            "start",
            "--from",
            FROM,
            "--as-of",
            "2026-10-15T20:00:00+01:00",
        ],
    );
    let review = review_json(&home, "2026-10-15T20:00:00+01:00");
    assert_eq!(review["phase"], "program");
    assert_eq!(review["baseline"]["nights"], 14);
    assert_eq!(review["baseline"]["cramps_per_night"], 2.0);
    assert_eq!(
        review["difference"],
        Value::Null,
        "the review opens in week 2"
    );
}

#[test]
fn bad_arguments_are_refused_with_the_rule() {
    let home = Folders::used();
    let stderr = fails(&home, &["program", "start", "--baseline", "3"]);
    assert!(
        stderr.contains("--baseline") && stderr.contains("7..=60"),
        "{stderr}"
    );
    let stderr = fails(&home, &["program", "start", "no-such-routine"]);
    assert!(
        stderr.contains("no routine `no-such-routine`; see `bedstretch routine list`"),
        "{stderr}"
    );
    for far in ["1900-01-01", "2999-01-01"] {
        let stderr = fails(
            &home,
            &[
                "program",
                "start",
                "--from",
                far,
                "--as-of",
                "2026-12-07T21:00:00+01:00",
            ],
        );
        assert!(
            stderr.contains("--from: give a night from 2025-12-07 to 2027-01-06"),
            "{stderr}"
        );
    }
    let stderr = fails(&home, &["program", "review"]);
    assert!(stderr.contains("no trial yet"), "{stderr}");
}

#[test]
fn a_stop_wins_over_a_start_from_a_clock_that_runs_ahead() {
    let home = Folders::used();
    // Started on a device whose clock said 23:00; stopped here, where it is 22:00.
    succeeds(
        &home,
        &["program", "start", "--as-of", "2026-12-07T23:00:00+01:00"],
    );
    stops_once(
        &home,
        "2026-12-07T22:00:00+01:00",
        "2026-12-07T22:05:00+01:00",
    );
}
