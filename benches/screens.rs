//! One frame of each screen at 80x24, drawn into a ratatui buffer as the event loop draws it
//! (home with ten years of history, its stats page, a session's hold, the summary, the routine
//! editor), and parsing the bundled routines as every start does.
//!
//! Run with `cargo bench --bench screens`.

use std::cell::Cell;
use std::hint::black_box;
use std::time::Duration as Elapsed;

use bedstretch::app::editor::{EditorAction, EditorApp};
use bedstretch::app::home::{HistoryState, HomeAction, HomeApp, RoutineRow};
use bedstretch::app::known::Known;
use bedstretch::app::session::SessionApp;
use bedstretch::app::{NewSession, Now, SessionSettings};
use bedstretch::core::calendar::Rules;
use bedstretch::core::routine::Routine;
use bedstretch::core::routine_file::parse_routine;
use bedstretch::core::stats::{SessionFacts, Stats};
use bedstretch::store::bundled;
use bedstretch::tui::editor_view::EditorView;
use bedstretch::tui::home_view::HomeView;
use bedstretch::tui::instructions_box::InstructionsBox;
use bedstretch::tui::session_view::SessionView;
use bedstretch::tui::theme::Theme;
use chrono::{DateTime, Duration, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

fn main() {
    divan::main();
}

const SCREEN: Rect = Rect::new(0, 0, 80, 24);

fn tonight() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T22:41:05+01:00").unwrap_or_default()
}

fn bundled_routine(id: &str) -> Routine {
    let source = bundled::ROUTINES
        .iter()
        .find(|(i, _)| *i == id)
        .map_or("", |(_, s)| s);
    parse_routine(id, source.as_bytes(), bundled::ART)
        .unwrap_or_else(|e| panic!("bundled {id}: {e:?}"))
}

/// Every bundled routine parsed and checked from its TOML, as each start of bedstretch does.
#[divan::bench]
fn parse_bundled_routines() -> usize {
    bundled::ROUTINES
        .iter()
        .filter(|(id, source)| {
            parse_routine(black_box(id), black_box(source.as_bytes()), bundled::ART).is_ok()
        })
        .count()
}

/// Ten years of evenings, about three sessions on most nights.
fn ten_years() -> Vec<SessionFacts> {
    let first = tonight() - Duration::days(3650);
    (0..3650)
        .flat_map(|day| (0..(day % 6).min(3)).map(move |n| (day, n)))
        .map(|(day, n)| SessionFacts {
            id: format!("{day}-{n}"),
            routine_name: "Bedtime feet".into(),
            started_at: first + Duration::days(day) + Duration::minutes(n * 17),
            completed: if day % 11 == 0 { 9 } else { 15 },
            planned: 15,
            skipped: Vec::new(),
            counts: true,
            hurt: Vec::new(),
        })
        .collect()
}

fn home(page_stats: bool) -> HomeApp {
    let rows = bundled::ROUTINES
        .iter()
        .map(|(id, _)| {
            let routine = bundled_routine(id);
            RoutineRow {
                id: routine.id.clone(),
                name: routine.name.clone(),
                total_secs: routine.total_secs(),
                mark: "",
            }
        })
        .collect();
    let mut app = HomeApp::new(rows, "bedtime-feet", Rules::default());
    let known = Known::from(ten_years());
    app.set_history(HistoryState::Loaded(known), Vec::new(), tonight());
    if page_stats {
        app.update(HomeAction::Stats);
    }
    app
}

fn draw_home(bencher: divan::Bencher, app: &HomeApp) {
    let theme = Theme::plain();
    let room = Cell::new(app.drawn());
    let mut buffer = Buffer::empty(SCREEN);
    bencher.bench_local(|| {
        buffer.reset();
        HomeView {
            app: black_box(app),
            theme: &theme,
            room: &room,
        }
        .render(SCREEN, &mut buffer);
    });
}

/// Home: the routines, tonight, the streak and twelve weeks, over ten years of history.
#[divan::bench]
fn frame_home_main(bencher: divan::Bencher) {
    draw_home(bencher, &home(false));
}

/// Home's stats page over ten years of history.
#[divan::bench]
fn frame_home_stats(bencher: divan::Bencher) {
    draw_home(bencher, &home(true));
}

fn now(secs: u64) -> Now {
    Now {
        moment: Elapsed::from_secs(secs),
        wall: tonight() + Duration::seconds(secs as i64),
    }
}

fn session_at(id: &str, secs: u64) -> SessionApp {
    let new = NewSession {
        routine: bundled_routine(id),
        id: "id".into(),
    };
    let settings = SessionSettings {
        bell: true,
        min_completion: 0.8,
    };
    let mut app = SessionApp::start(new, settings, now(0)).0;
    app.update_time(now(secs));
    app
}

fn draw_session(bencher: divan::Bencher, app: &SessionApp, secs: u64) {
    let theme = Theme::plain();
    let mut buffer = Buffer::empty(SCREEN);
    bencher.bench_local(|| {
        buffer.reset();
        SessionView {
            app: black_box(app),
            now: Elapsed::from_secs(secs),
            theme: &theme,
        }
        .render(SCREEN, &mut buffer);
    });
}

/// A session holding the first stretch, its big digits counting down (the frame drawn once
/// a second for most of a session).
#[divan::bench]
fn frame_session_hold(bencher: divan::Bencher) {
    draw_session(bencher, &session_at("bedtime-feet", 17), 17);
}

/// The summary after a completed session, with the streak.
#[divan::bench]
fn frame_session_summary(bencher: divan::Bencher) {
    let mut app = session_at("quick", 3600);
    let facts: Vec<SessionFacts> = (0..4)
        .map(|day| SessionFacts {
            id: format!("s{day}"),
            routine_name: "Quick".into(),
            started_at: tonight() - Duration::days(day),
            completed: 7,
            planned: 7,
            skipped: Vec::new(),
            hurt: Vec::new(),
            counts: true,
        })
        .collect();
    app.recorded(Ok(Some(Stats::compute(
        &facts,
        &Rules::default(),
        tonight(),
    ))));
    draw_session(bencher, &app, 3600);
}

/// The routine editor on the bundled routine, second step selected.
#[divan::bench]
fn frame_editor(bencher: divan::Bencher) {
    let source = bundled::ROUTINES
        .iter()
        .find(|(i, _)| *i == "bedtime-feet")
        .map_or("", |(_, s)| s);
    let mut app = EditorApp::open("bedtime-feet", source, true, true, bundled::ART)
        .unwrap_or_else(|e| panic!("editor: {e:?}"));
    app.update(EditorAction::Down);
    let theme = Theme::plain();
    let writing = InstructionsBox::default();
    let mut buffer = Buffer::empty(SCREEN);
    bencher.bench_local(|| {
        buffer.reset();
        EditorView {
            app: black_box(&app),
            theme: &theme,
            writing: &writing,
        }
        .render(SCREEN, &mut buffer);
    });
}
