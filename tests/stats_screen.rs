//! The stats page (`s` from home) with the cramp diary, on TestBackend with a fixed clock:
//! a history long enough for a verdict, one too short for it, the small sizes, and every size
//! from far below the smallest up, where nothing may panic and the strip must stay aligned.

mod support;

use bedstretch::app::home::{HistoryState, HomeAction, HomeApp, RoutineRow};
use bedstretch::app::known::Known;
use bedstretch::core::calendar::Rules;
use bedstretch::core::history::{CrampKind, CrampRecord};
use bedstretch::core::stats::{Hurt, SessionFacts};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

/// Tonight: Monday 23 November 2026, 21:00.
const NOW: &str = "2026-11-23T21:00:00+01:00";

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

fn routines() -> Vec<RoutineRow> {
    vec![RoutineRow {
        id: "bedtime-feet".into(),
        name: "Bedtime feet".into(),
        total_secs: 600,
        mark: "",
    }]
}

/// `days` evenings up to last night: every fourth one missed, the rest kept, two of them
/// stopped because a step hurt (one with a name a stranger's file could carry). The diary
/// has an entry most mornings: missed nights mostly brought a cramp, kept nights seldom.
fn history(days: i64) -> Known {
    let last = at("2026-11-22T22:10:00+01:00");
    let mut sessions = Vec::new();
    let mut cramps = Vec::new();
    for back in (0..days).rev() {
        let started_at = last - Duration::days(back);
        let night = started_at.date_naive();
        let missed = back % 4 == 1;
        if !missed {
            let hurt = match back {
                3 => vec![Hurt {
                    step: "Wall calf stretch".into(),
                    side: Some("left".into()),
                }],
                6 => vec![Hurt {
                    step: "Toe\u{1b}[2J flexes".into(),
                    side: None,
                }],
                _ => Vec::new(),
            };
            sessions.push(SessionFacts {
                id: format!("s{back}"),
                routine_name: "Bedtime feet".into(),
                started_at,
                completed: 15,
                planned: 15,
                skipped: Vec::new(),
                hurt,
                counts: true,
            });
        }
        if back % 11 == 5 {
            continue;
        }
        let severity = match (missed, back % 3) {
            (true, 0) => 0,
            (true, n) => 3 + 3 * n as u8,
            (false, 0) if back % 5 == 0 => 2,
            (false, _) => 0,
        };
        cramps.push(CrampRecord {
            v: 1,
            kind: CrampKind::Cramp,
            id: format!("c{back}"),
            night,
            severity,
            side: Some("left".into()),
            logged_at: started_at + Duration::hours(9),
            count: None,
            note: None,
            minutes: None,
        });
    }
    Known {
        sessions,
        cramps,
        ..Known::default()
    }
}

fn stats_page(known: Known) -> HomeApp {
    let mut app = HomeApp::new(routines(), "bedtime-feet", Rules::default());
    app.set_history(HistoryState::Loaded(known), Vec::new(), at(NOW));
    app.update(HomeAction::Stats);
    app
}

fn rows_at(app: &HomeApp, w: u16, h: u16) -> Vec<String> {
    support::draw_home(app, w, h).0
}

fn screen_at(app: &HomeApp, w: u16, h: u16) -> String {
    support::quoted(&rows_at(app, w, h))
}

#[test]
fn with_enough_nights_the_sentence_the_bars_and_the_strip_show_at_80x24() {
    let app = stats_page(history(120));
    let shown = screen_at(&app, 80, 24);
    assert!(
        shown.contains("On nights you stretched, cramps were rarer"),
        "{shown}"
    );
    support::assert_has(
        &shown,
        &["stretched  ", "kept  ■", "Wall calf stretch (left)"],
    );
    assert!(
        shown.contains("Toe[2J flexes") && !shown.contains('\u{1b}'),
        "a step name is cleaned: {shown}"
    );
    insta::assert_snapshot!("stats-80x24", shown);
}

#[test]
fn with_too_few_nights_it_says_so_and_still_shows_the_strip() {
    let app = stats_page(history(10));
    let shown = screen_at(&app, 80, 24);
    assert!(
        shown.contains("Not enough nights yet to compare"),
        "{shown}"
    );
    assert!(
        !shown.contains("stretched  "),
        "no bars to read a pattern into: {shown}"
    );
    assert!(
        shown.contains("kept  ") && shown.contains("cramp "),
        "{shown}"
    );
    insta::assert_snapshot!("stats-80x24-not-enough", shown);
}

#[test]
fn small_terminals_keep_the_verdict_and_the_latest_weeks() {
    let app = stats_page(history(120));
    for (w, h) in [(80, 12), (50, 15), (40, 12), (30, 8)] {
        let shown = screen_at(&app, w, h);
        assert!(shown.contains("rarer"), "the verdict at {w}x{h}: {shown}");
        assert!(shown.contains("cramp "), "the strip at {w}x{h}: {shown}");
        // A snapshot at the sizes a reviewer reads (80x24 is the test above); the others only
        // need the verdict and the strip.
        if matches!((w, h), (40, 12) | (30, 8)) {
            insta::assert_snapshot!(format!("stats-{w}x{h}"), shown);
        }
    }
}

/// Columns (in characters) of `row` that hold something other than a space, from `from` on.
fn marks(row: &str, from: usize) -> Vec<usize> {
    row.chars()
        .enumerate()
        .skip(from)
        .filter(|(_, c)| *c != ' ')
        .map(|(i, _)| i)
        .collect()
}

/// The columns of the nights under a row of dates: seven from the start of each date.
fn night_columns(dates: &str) -> Vec<usize> {
    let chars: Vec<char> = dates.chars().collect();
    // A date's own space is single; two or more come before each date.
    (2..chars.len())
        .filter(|&i| chars[i] != ' ' && chars[i - 1] == ' ' && chars[i - 2] == ' ')
        .flat_map(|start| start..start + 7)
        .collect()
}

#[test]
fn at_every_size_nothing_panics_and_each_night_lines_up_with_its_cramp() {
    let apps = [
        ("enough", stats_page(history(120))),
        ("few", stats_page(history(10))),
        ("none", stats_page(Known::default())),
    ];
    let mut bad = Vec::new();
    // Every width near the smallest, a step through the rest; every height.
    for w in (20..=50).chain((53..=130).step_by(3)) {
        for h in 5..=45 {
            for (name, app) in &apps {
                let rows = rows_at(app, w, h);
                let mut fail = |why: String| bad.push(format!("{name} at {w}x{h}: {why}"));
                if w < 30 || h < 8 {
                    if !rows.concat().contains("Make the terminal") {
                        fail("no plea for a larger terminal".into());
                    }
                    continue;
                }
                let first = rows[2].trim();
                if !(first.starts_with("On nights") || first.starts_with("Not enough")) {
                    let verdict = first.starts_with("Cramps were");
                    if !verdict {
                        fail(format!("the page starts {first:?}"));
                    }
                }
                for (y, row) in rows.iter().enumerate() {
                    if !row.starts_with(" kept  ") {
                        continue;
                    }
                    let Some(cramp) = rows.get(y + 1).filter(|r| r.starts_with(" cramp ")) else {
                        fail(format!("no cramp row under row {y}"));
                        continue;
                    };
                    // Each mark of both rows sits in a night's column under its week's date.
                    let nights = night_columns(&rows[y - 1]);
                    let stray = |r: &str| marks(r, 7).into_iter().any(|x| !nights.contains(&x));
                    if stray(row) || stray(cramp) {
                        fail(format!("misaligned:\n{}\n{row}\n{cramp}", rows[y - 1]));
                    }
                }
                if !rows[h as usize - 1].trim_end().ends_with("any key back") {
                    fail(format!("footer {:?}", rows[h as usize - 1]));
                }
            }
        }
    }
    let sample: Vec<&String> = bad.iter().take(20).collect();
    assert!(bad.is_empty(), "{} problems:\n{sample:#?}", bad.len());
}

#[test]
fn an_unreadable_history_is_said_plainly_not_shown_as_an_empty_one() {
    let mut app = HomeApp::new(routines(), "bedtime-feet", Rules::default());
    app.set_history(
        HistoryState::Failed("history/laptop.jsonl: permission denied\u{1b}[2J".into()),
        Vec::new(),
        at(NOW),
    );
    app.update(HomeAction::Stats);
    let shown = screen_at(&app, 50, 15);
    assert!(
        shown.contains("Your history could not be read:") && shown.contains("permission denied[2J"),
        "{shown}"
    );
    assert!(!shown.contains("Not enough nights"), "{shown}");
}

#[test]
fn a_night_noted_shows_its_severity_under_it() {
    let night = NaiveDate::from_ymd_opt(2026, 11, 18).expect("date");
    let mut known = history(20);
    known.cramps.retain(|c| c.night != night);
    let mut worst = known.cramps[0].clone();
    worst.night = night;
    worst.severity = 10;
    worst.id = "worst".into();
    known.cramps.push(worst);
    known.cramps.sort_by_key(|c| c.night);
    let rows = rows_at(&stats_page(known), 80, 24);
    // Wednesday 18 November is the third night of the week of 16 November.
    let dates = rows
        .iter()
        .position(|r| r.contains("16 Nov"))
        .expect("the week of 16 November");
    let column = rows[dates].find("16 Nov").expect("date") + 2;
    let cramp: Vec<char> = rows[dates + 2].chars().collect();
    assert_eq!(cramp[column], '█', "{}", rows[dates + 2]);
}

#[test]
fn long_names_of_steps_that_hurt_give_way_to_the_most_frequent() {
    let mut known = history(120);
    let names = [
        "Slow calf stretch against the bedroom wall, heel down",
        "Towel pull for the sole of the foot, toes towards you",
        "Ankle circles while lying down",
    ];
    for (i, session) in known.sessions.iter_mut().rev().take(6).enumerate() {
        session.hurt = vec![Hurt {
            step: names[[0, 0, 0, 1, 1, 2][i]].into(),
            side: Some("right".into()),
        }];
    }
    let shown = screen_at(&stats_page(known), 80, 24);
    support::assert_has(
        &shown,
        &[
            "Stopped because it hurt: Slow calf stretch against the bedroom wall",
            "(right) 3 times.",
        ],
    );
    assert!(!shown.contains("Ankle circles"), "{shown}");
}
