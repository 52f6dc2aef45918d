//! Stats over 1, 5, 10 and 30 years of generated history: computing the streaks from facts,
//! the streaks alone as `bedstretch status` counts them, parsing history lines into facts (what
//! the summary cache saves on every run), and the cold start of `stats`: reading two device
//! files from disk with no cache at all. Every one should grow linearly with the years.
//!
//! Run with `cargo bench --bench stats`.

use std::hint::black_box;

use bedstretch::core::calendar::Rules;

use bedstretch::core::stats::{SessionFacts, Stats};
use bedstretch::core::streaks::{CountingSession, Streaks};
use bedstretch::store::history_read::{facts_of_lines, read_facts, read_facts_uncached};
use bedstretch::store::paths::Paths;
use chrono::{DateTime, Duration, FixedOffset};

fn main() {
    divan::main();
}

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T22:00:00+01:00").unwrap_or_default()
}

/// About three sessions on most nights, as benches/make_history.py writes them.
fn facts(years: i64) -> Vec<SessionFacts> {
    let first = start() - Duration::days(365 * years);
    (0..365 * years)
        .flat_map(|day| (0..(day % 6).min(3)).map(move |n| (day, n)))
        .map(|(day, n)| SessionFacts {
            id: format!("{day}-{n}"),
            routine_name: "Bedtime feet".into(),
            started_at: first + Duration::days(day) + Duration::minutes(n * 17),
            completed: if day % 11 == 0 { 9 } else { 15 },
            planned: 15,
            skipped: if day % 7 == 0 {
                vec!["Toe raises".into()]
            } else {
                Vec::new()
            },
            counts: true,
            hurt: Vec::new(),
        })
        .collect()
}

fn lines(years: i64) -> String {
    let step = r#"{"name":"Wall calf stretch","side":"left","planned_secs":30,"done_secs":30,"status":"completed"}"#;
    let steps = vec![step; 15].join(",");
    facts(years)
        .iter()
        .map(|f| {
            format!(
                "{{\"v\":1,\"kind\":\"session\",\"id\":\"{}\",\"routine\":\"bedtime-feet\",\"routine_name\":\"Bedtime feet\",\
                 \"started_at\":\"{}\",\"ended_at\":\"{}\",\"outcome\":\"completed\",\"steps\":[{steps}]}}\n",
                f.id,
                f.started_at.to_rfc3339(),
                f.started_at.to_rfc3339()
            )
        })
        .collect()
}

#[divan::bench(args = [1, 5, 10, 30])]
fn compute_streaks(bencher: divan::Bencher, years: i64) {
    let history = facts(years);
    let rules = Rules::default();
    bencher.bench(|| Stats::compute(black_box(&history), &rules, start()));
}

#[divan::bench(args = [1, 5, 10, 30])]
fn status_streaks(bencher: divan::Bencher, years: i64) {
    let counting: Vec<CountingSession> = facts(years)
        .iter()
        .filter_map(SessionFacts::counting)
        .collect();
    let rules = Rules::default();
    bencher.bench(|| Streaks::as_of(black_box(&counting).iter().copied(), &rules, start()));
}

#[divan::bench(args = [1, 5, 10, 30], sample_count = 10)]
fn parse_history_lines(bencher: divan::Bencher, years: i64) {
    let text = lines(years);
    bencher.bench(|| facts_of_lines(black_box(&text), 1));
}

/// A data folder holding `years` of history split over two device files, as
/// benches/make_history.py writes it.
fn history_on_disk(years: i64) -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let paths = Paths {
        config_dir: dir.path().join("config"),
        data_dir: dir.path().join("data"),
    };
    let history = paths.history_dir();
    std::fs::create_dir_all(&history).unwrap_or_else(|e| panic!("{e}"));
    let text = lines(years);
    let (mut laptop, mut desktop) = (String::new(), String::new());
    for (i, line) in text.lines().enumerate() {
        let file = if i % 2 == 0 {
            &mut laptop
        } else {
            &mut desktop
        };
        file.push_str(line);
        file.push('\n');
    }
    for (name, body) in [("laptop.jsonl", laptop), ("desktop.jsonl", desktop)] {
        std::fs::write(history.join(name), body).unwrap_or_else(|e| panic!("{e}"));
    }
    (dir, paths)
}

/// `stats` cold: the history files read and parsed with no summary cache (the first run, or
/// any run after the cache is lost); the files are in the page cache after the first sample.
#[divan::bench(args = [1, 5, 10, 30], sample_count = 10)]
fn cold_read(bencher: divan::Bencher, years: i64) {
    let (_dir, paths) = history_on_disk(years);
    bencher.bench(|| read_facts_uncached(black_box(&paths)).map(|h| h.sessions.len()));
}

/// `stats` warm: the same history through a summary cache written before the samples (and
/// old enough to be trusted), as every run after the first reads it.
#[divan::bench(args = [1, 5, 10, 30], sample_count = 10)]
fn warm_read(bencher: divan::Bencher, years: i64) {
    let (_dir, paths) = history_on_disk(years);
    // Past the cache's 2 s distrust of files changed just before it was written.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let _ = read_facts(&paths);
    bencher.bench(|| read_facts(black_box(&paths)).map(|h| h.sessions.len()));
}
