//! The home screen on TestBackend at 80x24 with a fixed clock: loading, a history, an empty
//! one, one that could not be read, the stats and the keys.

use bedstretch::app::home::{HistoryState, HomeAction, HomeApp, RoutineRow};
use bedstretch::core::routine_file::parse_routine;
use bedstretch::core::stats::{Rules, SessionFacts};
use bedstretch::store::bundled;
use bedstretch::tui::home_view::HomeView;
use bedstretch::tui::theme::Theme;
use chrono::{DateTime, Duration, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

fn rows() -> Vec<RoutineRow> {
    bundled::ROUTINES
        .iter()
        .map(|(id, source)| {
            let routine =
                parse_routine(id, source.as_bytes(), &bundled::art_names()).expect("valid");
            RoutineRow {
                id: routine.id.clone(),
                name: routine.name.clone(),
                total_secs: routine.total_secs(),
                mark: "",
            }
        })
        .collect()
}

/// Six weeks of evenings: most kept, a few partly done, a few missed, one tonight.
fn history() -> Vec<SessionFacts> {
    let first = at("2026-10-12T22:15:00+01:00");
    (0..42)
        .filter(|day| day % 9 != 4)
        .map(|day| SessionFacts {
            id: format!("s{day}"),
            routine_name: if day % 5 == 0 {
                "Quick".into()
            } else {
                "Bedtime feet".into()
            },
            started_at: first + Duration::days(day),
            completed: if day % 7 == 3 { 6 } else { 15 },
            planned: 15,
            skipped: Vec::new(),
        })
        .collect()
}

fn screen(app: &HomeApp) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let theme = Theme::new(true);
    terminal
        .draw(|f| f.render_widget(HomeView { app, theme: &theme }, f.area()))
        .expect("draw");
    terminal.backend().to_string()
}

fn home_at(now: &str, history: HistoryState) -> HomeApp {
    let mut app = HomeApp::new(rows(), "bedtime-feet", Rules::default());
    app.set_history(history, Vec::new(), at(now));
    app
}

#[test]
fn home_with_a_history() {
    let app = home_at("2026-11-23T21:00:00+01:00", HistoryState::Loaded(history()));
    let shown = screen(&app);
    assert!(shown.contains("Not yet tonight"), "{shown}");
    insta::assert_snapshot!("home-not-yet-tonight", shown);
}

#[test]
fn home_after_tonights_session() {
    let mut facts = history();
    facts.push(SessionFacts {
        id: "tonight".into(),
        routine_name: "Bedtime feet".into(),
        started_at: at("2026-11-24T00:20:00+01:00"),
        completed: 15,
        planned: 15,
        skipped: Vec::new(),
    });
    let app = home_at("2026-11-24T00:40:00+01:00", HistoryState::Loaded(facts));
    let shown = screen(&app);
    assert!(shown.contains("Kept tonight"), "{shown}");
    insta::assert_snapshot!("home-kept-tonight", shown);
}

#[test]
fn home_while_loading_when_empty_and_when_unreadable() {
    let loading = HomeApp::new(rows(), "bedtime-feet", Rules::default());
    let shown = screen(&loading);
    assert!(
        shown.contains("Reading your history…") && shown.contains("Bedtime feet"),
        "{shown}"
    );
    let empty = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(Vec::new()),
    );
    insta::assert_snapshot!("home-first-night", screen(&empty));
    let failed = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Failed(
            "/home/you/.local/share/bedstretch/history: cannot read the history folder".into(),
        ),
    );
    let shown = screen(&failed);
    assert!(shown.contains("Your history could not be read"), "{shown}");
    assert!(
        !shown.contains("Streak"),
        "never shown as an empty history: {shown}"
    );
}

#[test]
fn the_stats_and_the_keys() {
    let mut app = home_at("2026-11-23T21:00:00+01:00", HistoryState::Loaded(history()));
    app.update(HomeAction::Stats);
    insta::assert_snapshot!("home-stats", screen(&app));
    app.update(HomeAction::Back);
    app.update(HomeAction::Help);
    insta::assert_snapshot!("home-help", screen(&app));
}
