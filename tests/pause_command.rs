//! `bedstretch pause` through the binary: kept nights, a three-night pause, kept nights after
//! it, and `stats --json`, `status` and the report agreeing on one unbroken streak; the list,
//! the cancel, and the refusals with their exact words.

mod support;

use serde_json::Value;
use support::cli::{has_line, history, run};
use support::folders::Folders;

/// 23:00 on Thursday 10 December 2026: tonight is kept.
const AS_OF: &str = "--as-of=2026-12-10T23:00:00+01:00";

/// A whole session on the evening of `night` (YYYY-MM-DD).
fn session(night: &str) -> String {
    format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":\"s{night}\",\"routine\":\"quick\",\
         \"routine_name\":\"Quick\",\"started_at\":\"{night}T22:00:00+01:00\",\
         \"ended_at\":\"{night}T22:05:00+01:00\",\"outcome\":\"completed\",\"steps\":[{{\
         \"name\":\"Calf\",\"planned_secs\":30,\"done_secs\":30,\"status\":\"completed\"}}]}}\n"
    )
}

/// Kept 1–5 Dec and 9–10 Dec; the nights of 6, 7 and 8 Dec missed.
fn kept() -> Folders {
    let folders = Folders::used().with_device("this");
    let nights = ["01", "02", "03", "04", "05", "09", "10"];
    let text: String = nights
        .iter()
        .map(|d| session(&format!("2026-12-{d}")))
        .collect();
    folders.write_history("other.jsonl", &text);
    folders
}

fn streaks(folders: &Folders) -> (u64, u64, u64) {
    let (code, out, err) = run(folders.root(), &["stats", "--json", AS_OF]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let v: Value = serde_json::from_str(&out).expect("json");
    let n = |key: &str| v[key].as_u64().expect(key);
    (n("current_streak"), n("longest_streak"), n("nights_kept"))
}

fn status(folders: &Folders) -> String {
    run(folders.root(), &["status", "--format", "long", AS_OF]).1
}

#[test]
fn a_three_night_pause_makes_one_unbroken_streak_everywhere() {
    let folders = kept();
    assert_eq!(streaks(&folders), (2, 5, 7));
    assert_eq!(status(&folders), "Tonight is kept · streak 2 nights\n");

    let (code, out, err) = run(
        folders.root(),
        &[
            "pause",
            "--from",
            "2026-12-06",
            "--until",
            "2026-12-08",
            "--why",
            "travel",
            AS_OF,
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.starts_with(
            "Paused 3 nights, Sun 6 Dec 2026 to Tue 8 Dec 2026 (travel): they neither break \
             nor extend your streak.\n"
        ),
        "{out}"
    );
    let lines = history(folders.root());
    let pause = lines
        .iter()
        .find(|l| l["kind"] == "pause")
        .expect("a pause line");
    assert_eq!(
        (&pause["from"], &pause["until"], &pause["why"]),
        (&"2026-12-06".into(), &"2026-12-08".into(), &"travel".into())
    );

    // Seven kept nights in one run: the paused nights bridge it without counting.
    assert_eq!(streaks(&folders), (7, 7, 7));
    assert_eq!(status(&folders), "Tonight is kept · streak 7 nights\n");
    let (_, report, _) = run(folders.root(), &["report", AS_OF]);
    has_line(&report, "| Sun 6 Dec 2026 | Tue 8 Dec 2026 | 3 | travel |");
    let (_, csv, _) = run(folders.root(), &["report", "--format", "csv", AS_OF]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("2026-12-07,paused,") && l.ends_with(",travel")),
        "{csv}"
    );
}

#[test]
fn a_pause_is_listed_and_cancelling_it_brings_the_break_back() {
    let folders = kept();
    let pause = ["pause", "--from", "2026-12-06", "--until", "2026-12-08"];
    run(folders.root(), &[&pause[..], &[AS_OF]].concat());
    let (code, list, _) = run(folders.root(), &["pause", "--list", "--json", AS_OF]);
    assert_eq!(code, 0);
    let list: Value = serde_json::from_str(&list).expect("json");
    let id = list[0]["id"].as_str().expect("an id").to_string();
    assert_eq!(
        (&list[0]["nights"], &list[0]["cancelled"]),
        (&3.into(), &false.into())
    );

    let (code, out, _) = run(folders.root(), &["pause", "--cancel", &id, AS_OF]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Cancelled the pause of Sun 6 Dec 2026 to Tue 8 Dec 2026: those nights count again.\n"
    );
    assert_eq!(streaks(&folders), (2, 5, 7));
    assert_eq!(status(&folders), "Tonight is kept · streak 2 nights\n");
    let (_, list, _) = run(folders.root(), &["pause", "--list", AS_OF]);
    assert_eq!(
        list,
        format!("{id}  2026-12-06 to 2026-12-08  3 nights  (cancelled)\n")
    );
}

#[test]
fn refusals_say_what_was_wrong_in_one_line() {
    let folders = kept();
    let refused = |args: &[&str]| {
        let (code, out, err) = run(folders.root(), &[&["pause"], args, &[AS_OF]].concat());
        assert_eq!((code, out.as_str()), (1, ""), "{err}");
        err
    };
    assert_eq!(
        refused(&["--from", "2026-12-01", "--until", "2026-12-31"]),
        "bedstretch: --from/--until: a pause covers at most 30 nights, 2026-12-01 to \
         2026-12-31 is 31; a pause covers 1 to 30 nights\n"
    );
    assert_eq!(
        refused(&["--from", "2026-12-09", "--until", "2026-12-08"]),
        "bedstretch: --from/--until: until 2026-12-08 is before from 2026-12-09; a pause \
         covers 1 to 30 nights\n"
    );
    assert_eq!(
        refused(&["--from", "2025-12-01", "--until", "2025-12-02"]),
        "bedstretch: --from/--until: a pause lies from 2025-12-10 to 2027-12-10 (up to a year \
         back or ahead), got 2025-12-01 to 2025-12-02\n"
    );
    assert_eq!(
        refused(&["--cancel", "nope"]),
        "bedstretch: no pause with the id `nope`; `bedstretch pause --list` shows them\n"
    );
    assert!(
        !folders.history().join("this.jsonl").exists(),
        "nothing written"
    );
}

#[test]
fn a_bad_pause_line_is_skipped_with_its_place_and_hides_nothing() {
    let folders = kept();
    folders.write_history(
        "this.jsonl",
        "{\"v\":1,\"kind\":\"pause\",\"id\":\"p\",\"from\":\"2026-12-01\",\"until\":\
         \"2026-12-31\",\"logged_at\":\"2026-12-10T08:00:00+01:00\"}\n",
    );
    let (code, out, err) = run(folders.root(), &["stats", "--json", AS_OF]);
    assert_eq!(code, 0);
    let stats: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(stats["nights_kept"], 7, "every session still read");
    let file = folders.history().join("this.jsonl");
    assert_eq!(
        err,
        format!(
            "bedstretch: {}:1:1: skipped a line that is not a history record (a pause covers \
             at most 30 nights, 2026-12-01 to 2026-12-31 is 31)\n",
            file.display()
        )
    );
}
