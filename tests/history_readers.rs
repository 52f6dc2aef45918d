//! Every reader of the history (`stats` through the summary cache, `stats` without it, and
//! `history`) keeps the same lines and warns about the same ones, in the same words.

use std::fs;

use bedstretch::store::history_read::{list_as_of, read_facts, read_facts_uncached, read_records};
use bedstretch::store::paths::Paths;

struct Folder {
    _dir: tempfile::TempDir,
    paths: Paths,
}

impl Folder {
    fn with(text: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths {
            config_dir: dir.path().join("config"),
            data_dir: dir.path().join("data"),
        };
        fs::create_dir_all(paths.history_dir()).expect("mkdir");
        fs::write(paths.history_dir().join("a.jsonl"), text).expect("write");
        Self { _dir: dir, paths }
    }

    /// The session ids and warnings every reader gives, checked to be the same for all.
    fn read(&self) -> (Vec<String>, Vec<String>) {
        let records = read_records(&self.paths).expect("records");
        let ids: Vec<String> = records.sessions.iter().map(|s| s.id.clone()).collect();
        for facts in [
            read_facts_uncached(&self.paths).expect("uncached"),
            read_facts(&self.paths).expect("cached, building the cache"),
            read_facts(&self.paths).expect("cached, from the cache"),
        ] {
            let fact_ids: Vec<String> = facts.sessions.iter().map(|s| s.id.clone()).collect();
            assert_eq!(fact_ids, ids);
            assert_eq!(facts.warnings, records.warnings);
            assert_eq!(facts.cramps, records.cramps);
        }
        (ids, records.warnings)
    }
}

const STEP: &str = r#"{"name":"Toe curls","planned_secs":30,"done_secs":30,"status":"completed"}"#;

/// A session line with the given step and more fields (each with its leading comma).
fn session_with(id: &str, step: &str, rest: &str) -> String {
    format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":\"{id}\",\"routine\":\"quick\",\"routine_name\":\"Quick\",\
         \"started_at\":\"2026-11-20T22:00:00+01:00\",\"steps\":[{step}]{rest}}}\n"
    )
}

fn session(id: &str, rest: &str) -> String {
    session_with(id, STEP, rest)
}

#[test]
fn a_session_without_ended_at_is_kept_by_every_reader() {
    let folder = Folder::with(&session("s1", r#","outcome":"completed""#));
    assert_eq!(folder.read(), (vec!["s1".to_string()], Vec::new()));
}

#[test]
fn an_unknown_outcome_or_status_is_kept_as_written() {
    let odd_step = r#"{"name":"Toe curls","planned_secs":30,"done_secs":3,"status":"wobbly"}"#;
    let text = session_with(
        "s1",
        odd_step,
        r#","ended_at":"2026-11-20T22:05:00+01:00","outcome":"abandoned""#,
    );
    let folder = Folder::with(&text);
    assert_eq!(folder.read(), (vec!["s1".to_string()], Vec::new()));
    let records = read_records(&folder.paths).expect("records");
    let json = serde_json::to_value(&records.sessions[0]).expect("json");
    assert_eq!(json["outcome"], "abandoned");
    assert_eq!(json["steps"][0]["status"], "wobbly");
    assert!(json.get("ended_at").is_some());
    let facts = read_facts(&folder.paths).expect("facts");
    assert_eq!(
        (facts.sessions[0].completed, facts.sessions[0].planned),
        (0, 1)
    );
}

#[test]
fn cramp_lines_come_through_the_cache_too() {
    let cramp = r#"{"v":1,"kind":"cramp","id":"c1","night":"2026-11-20","severity":6,"side":"left","logged_at":"2026-11-21T07:15:00+01:00"}"#;
    let folder = Folder::with(&format!("{cramp}\n"));
    folder.read();
    assert_eq!(read_facts(&folder.paths).expect("facts").cramps.len(), 1);
}

#[test]
fn a_start_that_cannot_be_placed_on_a_night_is_skipped_with_a_warning() {
    let far =
        session("far", "").replace("2026-11-20T22:00:00+01:00", "-262143-01-01T01:00:00+00:00");
    let west =
        session("west", "").replace("2026-11-20T22:00:00+01:00", "-262143-01-01T23:00:00-12:00");
    let folder = Folder::with(&format!("{far}{west}{}", session("ok", "")));
    let (ids, warnings) = folder.read();
    assert_eq!(ids, ["ok"]);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].ends_with(
            "a.jsonl:1:1: skipped a line that is not a history record \
             (its start, -262143-01-01T01:00:00+00:00, cannot be placed on a night)"
        ),
        "{warnings:?}"
    );
}

#[test]
fn a_line_without_id_or_start_is_skipped_alike_by_every_reader() {
    let no_id = session("x", "").replace(r#""id":"x","#, "");
    let no_start = session("y", "").replace(r#""started_at":"2026-11-20T22:00:00+01:00","#, "");
    let folder = Folder::with(&format!("{no_id}{no_start}"));
    let (ids, warnings) = folder.read();
    assert!(ids.is_empty());
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("missing field `id`"), "{warnings:?}");
    assert!(
        warnings[1].contains("missing field `started_at`"),
        "{warnings:?}"
    );
}

#[test]
fn the_listing_reads_each_session_again_as_the_full_reader_read_it() {
    // Line breaks of either kind, a duplicate, a bad line and a torn last session.
    let text = format!(
        "{}{}not json\n{}{}",
        session("s1", "").replace('\n', "\r\n"),
        session("s2", r#","outcome":"quit""#),
        session("s1", r#","outcome":"quit""#),
        session("s3", "").trim_end(),
    );
    let folder = Folder::with(&text);
    let records = read_records(&folder.paths).expect("records");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T23:00:00+01:00").expect("now");
    let listed = listed_again(&folder.paths, now);
    assert_eq!(listed, records.sessions);
    assert_eq!(listed.len(), 3);
    let listing = list_as_of(&folder.paths, now).expect("listing");
    assert_eq!(listing.history.warnings, records.warnings);
    assert_eq!(listing.history.cramps, records.cramps);
    drop(listing);

    // From the summary the first listing left, after the torn line is finished and more
    // appended: the places read on from where the summary stopped.
    let file = folder.paths.history_dir().join("a.jsonl");
    let mut more = fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .expect("open");
    std::io::Write::write_all(&mut more, format!("\n{}", session("s4", "")).as_bytes())
        .expect("append");
    let records = read_records(&folder.paths).expect("records");
    let listed = listed_again(&folder.paths, now);
    assert_eq!(listed, records.sessions);
    assert_eq!(listed.len(), 4);
}

/// Every session the listing holds, each read again from its line.
fn listed_again(
    paths: &bedstretch::store::paths::Paths,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Vec<bedstretch::core::history::SessionRecord> {
    let listing = list_as_of(paths, now).expect("listing");
    listing
        .history
        .sessions
        .iter()
        .map(|spot| listing.record(spot).expect("read again"))
        .collect()
}
