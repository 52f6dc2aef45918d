//! The cramp comparison through the binary, on fixture histories whose answers are worked out
//! by hand below. Every fixture is read as of Monday 30 November 2026 at noon, so tonight is
//! the 30th and the comparison looks at the 90 nights from 1 September to 29 November.
//! Sessions start at 22:00 and hold 5 step-sides (calf left and right, toe curls, ankle
//! circles left and right); a night is kept at 4 of 5 (80 %).

mod support;

use bedstretch::core::cramps::{DEFAULT_WINDOW_NIGHTS, MIN_NIGHTS, RESAMPLES};
use serde_json::Value;

const AS_OF: &str = "2026-11-30T12:00:00+01:00";

/// Runs bedstretch on a copy of `tests/fixtures/diary/<case>` (its `bedstretch/history` and,
/// if any, `config/bedstretch/config.toml`), so the summary cache it writes lands in a
/// temporary folder and never in the source tree.
fn run(case: &str, args: &[&str]) -> (i32, String, String) {
    let copy = support::cli::fixture_copy(&format!("tests/fixtures/diary/{case}"));
    let output = support::cli::bedstretch(copy.path(), args)
        .env("XDG_DATA_HOME", copy.path())
        .output()
        .expect("runs");
    support::cli::said(&output)
}

/// The lines of `stats` in words from the `Cramps:` row on.
fn cramp_words(case: &str) -> String {
    let (code, stdout, stderr) = run(case, &["stats", "--as-of", AS_OF]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(!stdout.contains("prove"), "{stdout}");
    let from = stdout.find("Cramps:").expect("a Cramps row");
    stdout[from..].to_string()
}

fn stats_json(case: &str) -> Value {
    let (code, stdout, stderr) = run(case, &["stats", "--json", "--as-of", AS_OF]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("json")
}

/// `helped`: stretching clearly went with fewer cramps.
///
/// Stretched: 10 kept nights, 10–19 Nov, each with a diary entry; a cramp only on the 14th.
/// Share 1/10 = 10 %. Two of them stopped Ankle circles (right) with "this hurts", one Toe
/// curls and one Wall calf stretch (right): 4 of 5 held, still kept.
/// Other: 20–29 Nov, 10 nights with an entry; on the 20th, 23rd and 26th a session stopped at
/// once by Wall calf stretch (left) hurting (0 of 5, not kept), none on the others. Cramps on
/// the 20th–24th, 26th and 28th: 7/10 = 70 %.
/// Difference: 70 − 10 = 60 points. Left out: 90 − 20 = 70 nights before the first session
/// (9 Nov): not missed diary entries, since the diary had not begun.
/// "This hurts", top 3: calf left 3 times, ankle right twice, then of the two once-only ones
/// the first by name: Toe curls (Wall calf stretch, right, is the fourth).
/// The interval, 20 to 90, was read from the fixed-seed bootstrap's output.
#[test]
fn where_stretching_helped_the_words_say_rarer_with_the_hand_worked_shares() {
    assert_eq!(
        cramp_words("helped"),
        "Cramps:          On nights you stretched, cramps were rarer: 10 % of 10 nights \
         against 70 % of 10 (difference 60 points, 95 % interval 20 to 90).\n\
         Left out:        70 of the last 90 nights: 70 before the first session or diary \
         entry\n\
         \"This hurts\":    Wall calf stretch, left (3 times); Ankle circles, right (2 times); \
         Toe curls (once)\n\
         \n\
         How it compares: an association, not a trial; `bedstretch stats --help` says how.\n"
    );
}

#[test]
fn where_stretching_helped_the_json_carries_the_same_figures_and_every_hurt_step() {
    let cramps = &stats_json("helped")["cramps"];
    assert_eq!(cramps["verdict"], "rarer");
    assert_eq!(cramps["window_nights"], 90);
    assert_eq!(cramps["first_night"], "2026-09-01");
    assert_eq!(cramps["last_night"], "2026-11-29");
    assert_eq!(cramps["stretched"]["nights"], 10);
    assert_eq!(cramps["stretched"]["all"]["nights_with_cramp"], 1);
    assert_eq!(cramps["other"]["nights"], 10);
    assert_eq!(cramps["other"]["all"]["nights_with_cramp"], 7);
    assert_eq!(cramps["nights_without_entry"], 0);
    assert_eq!(cramps["nights_before_first_use"], 70);
    assert_eq!(cramps["rest_nights"], 0);
    let points = cramps["difference"]["points"].as_f64().expect("points");
    assert!((points - 60.0).abs() < 1e-9, "{points}");
    assert_eq!(cramps["difference"]["resamples"], RESAMPLES);
    let hurts: Vec<(String, Value, u64)> = cramps["hurt_steps"]
        .as_array()
        .expect("array")
        .iter()
        .map(|h| {
            (
                h["step"].as_str().expect("step").to_string(),
                h["side"].clone(),
                h["times"].as_u64().expect("times"),
            )
        })
        .collect();
    assert_eq!(
        hurts,
        [
            ("Wall calf stretch".into(), Value::from("left"), 3),
            ("Ankle circles".into(), Value::from("right"), 2),
            ("Toe curls".into(), Value::Null, 1),
            ("Wall calf stretch".into(), Value::from("right"), 1),
        ]
    );
}

/// `too-few`: 6 kept nights with an entry (15–20 Nov) and 9 other nights (21–29 Nov): the
/// stretched group is one short of 7. Left out: 90 − 15 = 75. No step hurt.
#[test]
fn under_seven_nights_in_a_group_is_not_enough_yet() {
    assert_eq!(
        cramp_words("too-few"),
        "Cramps:          Not enough nights yet to compare: 6 with stretching, 9 without; \
         7 of each are needed.\n\
         Left out:        75 of the last 90 nights: 75 before the first session or diary \
         entry\n\
         \n\
         How it compares: an association, not a trial; `bedstretch stats --help` says how.\n"
    );
    let cramps = &stats_json("too-few")["cramps"];
    assert_eq!(cramps["verdict"], "not_enough");
    assert_eq!(cramps["difference"], Value::Null);
}

/// `no-difference`, with `rest_days = ["sat"]`: stretched 2–15 Nov (14 kept nights), other
/// 16–29 Nov (14 nights, no session), every night with an entry. The Saturdays (7, 14, 21,
/// 28 Nov) are left out, though the 7th and 21st have a severity-9 cramp noted: 12 nights
/// each. Cramps on 2, 4, 9, 12 Nov (stretched) and 16, 19, 24, 27 Nov (other): 4/12 = 33 %
/// each, difference 0. Saturdays in the window: 5, 12, 19, 26 Sep; 3, 10, 17, 24, 31 Oct;
/// 7, 14, 21, 28 Nov: 13, but the diary began on 2 Nov, so the 62 nights before it (9 of
/// them Saturdays) are left out as such: 4 rest days, none without an entry.
/// The interval, -42 to 42, was read from the fixed-seed bootstrap's output.
#[test]
fn where_stretching_made_no_difference_the_words_say_about_as_common() {
    assert_eq!(
        cramp_words("no-difference"),
        "Cramps:          On nights you stretched, cramps were about as common: 33 % of 12 \
         nights against 33 % of 12 (difference 0 points, 95 % interval -42 to 42).\n\
         Left out:        66 of the last 90 nights: 4 rest days, 62 before the first \
         session or diary entry\n\
         \n\
         How it compares: an association, not a trial; `bedstretch stats --help` says how.\n"
    );
}

/// `two-devices`: kept nights 16–22 Nov, other nights 23–29 Nov, 7 each. For the 16th,
/// b.jsonl noted severity 7 at 07:00 and a.jsonl severity 0 at 09:30: the later one wins
/// although a.jsonl is read first, so stretched nights had no cramp, 0/7 = 0 % (with the
/// earlier entry it would be 1/7 = 14 %). Other: cramps on the 23rd, 24th, 25th, 27th and
/// 29th, 5/7 = 71.4 %, so 71 %; difference 71 points. Left out: 90 − 14 = 76.
/// The interval, 29 to 100, was read from the fixed-seed bootstrap's output.
#[test]
fn the_later_entry_for_a_night_wins_in_the_comparison_across_device_files() {
    assert_eq!(
        cramp_words("two-devices"),
        "Cramps:          On nights you stretched, cramps were rarer: 0 % of 7 nights against \
         71 % of 7 (difference 71 points, 95 % interval 29 to 100).\n\
         Left out:        76 of the last 90 nights: 76 before the first session or diary \
         entry\n\
         \n\
         How it compares: an association, not a trial; `bedstretch stats --help` says how.\n"
    );
}

#[test]
fn the_later_entry_for_a_night_wins_in_history_across_device_files() {
    let (code, stdout, stderr) = run(
        "two-devices",
        &["history", "--kind", "cramp", "--reverse", "--limit", "2"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "NIGHT       DIARY\n\
         2026-11-16  cramp  no cramps  \"no cramp after all: that was the night before\"\n\
         2026-11-17  cramp  no cramps\n"
    );
    let (_, stdout, _) = run("two-devices", &["history", "--json", "--kind", "cramp"]);
    let listed: Value = serde_json::from_str(&stdout).expect("json");
    let ids = support::cli::strings(&listed, "id");
    assert_eq!(ids.len(), 14, "one entry a night: {ids:?}");
    assert!(ids.contains(&"20261117T093000.000+0100-late"), "{ids:?}");
    assert!(!ids.contains(&"20261117T070000.000+0100-early"), "{ids:?}");
}

#[test]
fn the_long_help_says_how_the_comparison_is_made_and_what_it_cannot_show() {
    let (code, stdout, stderr) = run("too-few", &["stats", "--help"]);
    assert_eq!(code, 0, "{stderr}");
    let help = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        format!("the {DEFAULT_WINDOW_NIGHTS} nights before tonight"),
        format!("a bootstrap of {RESAMPLES} resamples drawn with a fixed seed"),
        "95 % interval".to_string(),
        format!("until each group has {MIN_NIGHTS} nights"),
        "an association, not a trial".to_string(),
        "you may stretch on nights you already feel well".to_string(),
        "(other treatments, exercise, hydration, medication, sleep)".to_string(),
        "Rest days and nights without an entry are left out".to_string(),
    ] {
        assert!(help.contains(&said), "{said:?} is not in: {help}");
    }
    assert!(!help.contains("prove"), "{help}");
}
