//! The stats page (`s` from home) with the cramp diary, on TestBackend with a fixed clock:
//! a history long enough for a verdict, one too short for it, the small sizes, and every size
//! from far below the smallest up, where nothing may panic and the strip must stay aligned.
//! Then the page after it, the personal trial's review, on a diary whose truth is known.

mod support;

use bedstretch::app::home::{HistoryState, HomeAction, HomeApp, HomePage, RoutineRow};
use bedstretch::app::known::Known;
use bedstretch::app::trial_page::{StatsPage, TrialPage, WeekMark};
use bedstretch::core::calendar::Rules;
use bedstretch::core::history::{CrampKind, CrampRecord};
use bedstretch::core::program::{Plan, ProgramRecord};
use bedstretch::core::stats::{Hurt, SessionFacts};
use chrono::{DateTime, Days, Duration, FixedOffset, NaiveDate};

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
    stats_page_at(known, NOW)
}

fn stats_page_at(known: Known, now: &str) -> HomeApp {
    let mut app = HomeApp::new(routines(), "bedtime-feet", Rules::default());
    app.set_history(HistoryState::Loaded(known), Vec::new(), at(now));
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
        &[
            "stretched  ",
            "kept  ■",
            "Wall calf stretch (left)",
            "An association, not a trial",
        ],
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

/// The trial's first night: Thursday 1 October 2026.
const TRIAL_FROM: &str = "2026-10-01";
/// A night after the trial's last (Wednesday 25 November): the review is whole.
const AFTER_TRIAL: &str = "2026-11-30T21:00:00+01:00";

/// The night `n` nights after the trial's first.
fn trial_night(n: u64) -> NaiveDate {
    let from = NaiveDate::parse_from_str(TRIAL_FROM, "%Y-%m-%d").expect("date");
    from.checked_add_days(Days::new(n)).expect("a night")
}

/// The truth the review must find: a program line for 14 baseline nights and 6 weeks of
/// calf-hamstring; 30 cramps over the baseline's 14 nights (3 on each of the first two, 2 on
/// the rest); then 42 nights of the routine, all but the 7th and 28th kept, with a cramp on
/// every fifth of the first 40 (8 in all) and none on the others.
fn known_truth() -> Known {
    let plan = Plan {
        routine: "calf-hamstring".into(),
        from: trial_night(0),
        baseline_nights: 14,
        weeks: 6,
    };
    let mut known = Known {
        programs: vec![ProgramRecord::new(
            &plan,
            at("2026-10-01T21:00:00+02:00"),
            7,
        )],
        ..Known::default()
    };
    for n in 0..56 {
        let night = trial_night(n);
        let evening = at(&format!("{night}T22:00:00+01:00"));
        let (severity, count) = match n {
            0..14 => (5, if n < 2 { 3 } else { 2 }),
            _ if (n - 14) % 5 == 0 && n < 54 => (3, 1),
            _ => (0, 0),
        };
        if n >= 14 && n != 21 && n != 42 {
            known.sessions.push(SessionFacts {
                id: format!("t{n}"),
                routine_name: "Calf and hamstring".into(),
                started_at: evening,
                completed: 10,
                planned: 10,
                skipped: Vec::new(),
                hurt: Vec::new(),
                counts: true,
            });
        }
        known.cramps.push(CrampRecord {
            v: 1,
            kind: CrampKind::Cramp,
            id: format!("k{n}"),
            night,
            severity,
            side: None,
            logged_at: evening + Duration::hours(9),
            count: (count > 0).then_some(count),
            note: None,
            minutes: None,
        });
    }
    known
}

/// The stats at `now`, turned a page down to the trial's review.
fn trial_page_at(known: Known, now: &str) -> HomeApp {
    let mut app = stats_page_at(known, now);
    app.update(HomeAction::PageDown);
    app
}

fn trial(app: &HomeApp) -> &TrialPage {
    let cramps = app.cramps.as_ref().expect("worked out");
    cramps.trial.as_ref().expect("a trial")
}

#[test]
fn the_trial_page_holds_the_known_truths_review_once_the_trial_is_done() {
    let app = trial_page_at(known_truth(), AFTER_TRIAL);
    assert_eq!(
        (app.page, app.stats_page),
        (HomePage::Stats, StatsPage::Trial)
    );
    let page = trial(&app);
    assert!(page.open && page.review.complete);
    assert_eq!(page.review.baseline.nights, 14);
    assert_eq!(page.review.program.nights_kept, 40);
    assert_eq!(page.standing, "Trial done: the review has the answer");
    assert_eq!(page.tiny_verdict(), "Cramps less frequent: -1.95 a night.");
    assert!(
        page.short_verdict()
            .starts_with("Cramps were less frequent: -1.95 a night (95 % interval -"),
        "{}",
        page.short_verdict()
    );
    let labels: Vec<&str> = page.weeks.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels[..3], ["Before 1", "Before 2", "Week 1"]);
    assert_eq!(page.weeks.len(), 8);
    assert_eq!(page.weeks[0].mark, WeekMark::Cramps(16.0 / 7.0));
    assert!(!page.weeks[1].in_program && page.weeks[2].in_program);
}

#[test]
fn before_the_second_week_the_page_says_when_the_review_opens() {
    // Sunday 18 October, the program's fourth night.
    let app = trial_page_at(known_truth(), "2026-10-18T21:00:00+02:00");
    let page = trial(&app);
    assert!(!page.open);
    assert_eq!(page.review.difference, None);
    assert_eq!(page.standing, "Week 1 of 6: 2.1 cramps a night before");
    assert!(
        page.review
            .verdict
            .starts_with("The review opens on Thu 22 Oct")
    );
    // The weeks still to come are said as such, not as weeks with nothing noted.
    assert_eq!(page.weeks[3].mark, WeekMark::ToCome);
    let shown = screen_at(&app, 80, 24);
    support::assert_has(
        &shown,
        &[
            "The review opens on Thu 22 Oct",
            "Week 1 of 6",
            "PgUp stats",
        ],
    );
    assert!(
        !shown.contains("0.19") && !shown.contains("Before 1"),
        "{shown}"
    );
    insta::assert_snapshot!("trial-80x24-opens", shown);
}

#[test]
fn the_pages_turn_only_while_there_is_a_trial_and_any_other_key_goes_home() {
    let mut app = trial_page_at(known_truth(), AFTER_TRIAL);
    app.update(HomeAction::PageDown);
    assert_eq!(app.stats_page, StatsPage::Trial, "the last page stays");
    app.update(HomeAction::PageUp);
    assert_eq!(
        (app.page, app.stats_page),
        (HomePage::Stats, StatsPage::Cramps)
    );
    support::assert_has(
        &screen_at(&app, 80, 24),
        &["yours is a page down", "PgDn your trial   any key back"],
    );
    app.update(HomeAction::PageDown);
    app.update(HomeAction::Start);
    assert_eq!(
        app.page,
        HomePage::Main,
        "Enter goes home, not to a session"
    );
    app.update(HomeAction::Stats);
    assert_eq!(
        app.stats_page,
        StatsPage::Cramps,
        "the stats open on their first page"
    );

    let mut without = stats_page(history(120));
    assert!(without.cramps.as_ref().is_some_and(|c| c.trial.is_none()));
    assert!(!screen_at(&without, 80, 24).contains("PgDn"));
    without.update(HomeAction::PageDown);
    assert_eq!(
        without.page,
        HomePage::Main,
        "with no trial, any key goes back"
    );
}

#[test]
fn the_review_page_shows_the_periods_the_verdict_the_caveat_and_the_weeks() {
    let app = trial_page_at(known_truth(), AFTER_TRIAL);
    let shown = screen_at(&app, 80, 24);
    support::assert_has(
        &shown,
        &[
            "Your trial of calf-hamstring (done)",
            "cramps a night           2.14     0.19",
            "nights kept                 0       40",
            "a difference of -1.95",
            "A before/after diary cannot rule out",
            "Before 1",
            "Week 6",
            "PgUp stats",
        ],
    );
    assert_eq!(shown.matches("before/after").count(), 1, "the caveat once");
    insta::assert_snapshot!("trial-80x24", shown);
    let narrow = screen_at(&app, 40, 12);
    support::assert_has(&narrow, &["2.14", "0.19", "-1.95", "not a trial"]);
    insta::assert_snapshot!("trial-40x12", narrow);
    let smallest = screen_at(&app, 30, 8);
    support::assert_has(&smallest, &["-1.95", "Before/after, not a trial."]);
}

#[test]
fn the_review_page_fits_every_size_without_cutting_a_piece() {
    let done = trial_page_at(known_truth(), AFTER_TRIAL);
    let opening = trial_page_at(known_truth(), "2026-10-18T21:00:00+02:00");
    let mut bad = Vec::new();
    for w in (30..=50).chain((53..=130).step_by(7)) {
        for h in 8..=40 {
            // The words as read, across the ends of lines.
            let words = |app: &HomeApp| {
                let rows = rows_at(app, w, h);
                rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join(" ")
            };
            let text = words(&done);
            let caveat = text.contains("not a trial") || text.contains("cannot rule out");
            if !text.contains("-1.95") || !caveat {
                bad.push(format!("done at {w}x{h}: no verdict or caveat"));
            }
            if !words(&opening).contains("The review opens") {
                bad.push(format!("opening at {w}x{h}: no opening"));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
