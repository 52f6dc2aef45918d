//! Stats over 1, 10 and 30 years of generated history: computing the streaks from facts, the
//! streaks alone as `bedstretch status` counts them, and parsing history lines into facts
//! (what the summary cache saves on every run).
//!
//! Run with `cargo bench --bench stats`.

use std::hint::black_box;

use bedstretch::core::stats::{Rules, SessionFacts, Stats};
use bedstretch::core::streaks::{CountingSession, Streaks};
use bedstretch::store::history_read::facts_of_lines;
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

#[divan::bench(args = [1, 10, 30])]
fn compute_streaks(bencher: divan::Bencher, years: i64) {
    let history = facts(years);
    let rules = Rules::default();
    bencher.bench(|| Stats::compute(black_box(&history), &rules, start()));
}

#[divan::bench(args = [1, 10, 30])]
fn status_streaks(bencher: divan::Bencher, years: i64) {
    let counting: Vec<CountingSession> = facts(years)
        .iter()
        .filter_map(CountingSession::of)
        .collect();
    let rules = Rules::default();
    bencher.bench(|| Streaks::as_of(black_box(&counting).iter().copied(), &rules, start()));
}

#[divan::bench(args = [1, 10, 30], sample_count = 10)]
fn parse_history_lines(bencher: divan::Bencher, years: i64) {
    let text = lines(years);
    bencher.bench(|| facts_of_lines(black_box(&text), 1));
}
