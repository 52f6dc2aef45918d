//! Home and a session in each theme, as the colour each run of text is drawn in: the
//! snapshots show a palette change in review, which the text snapshots cannot.

mod support;

use std::cell::Cell;

use bedstretch::app::home::{HistoryState, HomeApp};
use bedstretch::core::background::Shade;
use bedstretch::core::calendar::Rules;
use bedstretch::store::bundled;
use bedstretch::tui::home_view::HomeView;
use bedstretch::tui::session_view::SessionView;
use bedstretch::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;
use support::{bundled as routine, kept_session_on, routine_rows, secs, session_app};

/// `widget` drawn at 80x24.
fn drawn(widget: impl Widget) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(widget, f.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Each row's runs of text in one colour and weight, blanks left out: `fg bold "text"`.
fn colour_runs(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut runs: Vec<(String, String)> = Vec::new();
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let style = cell.style();
            let look = format!("{:?}{}", style.fg.unwrap_or_default(), {
                let m = style.add_modifier;
                if m.is_empty() {
                    String::new()
                } else {
                    format!(" {m:?}")
                }
            });
            match runs.last_mut() {
                Some((last, text)) if *last == look => text.push_str(cell.symbol()),
                _ => runs.push((look, cell.symbol().to_string())),
            }
        }
        let shown: Vec<String> = runs
            .into_iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(look, text)| format!("{look} {:?}", text.trim()))
            .collect();
        if !shown.is_empty() {
            out.push_str(&format!("{y:2}: {}\n", shown.join(" | ")));
        }
    }
    out
}

fn home() -> HomeApp {
    let routines: Vec<_> = bundled::ROUTINES
        .iter()
        .map(|(id, _)| routine(id))
        .collect();
    let mut app = HomeApp::new(
        routine_rows(&routines, ""),
        "bedtime-feet",
        Rules::default(),
    );
    let history = ["2026-11-20T22:00:00+01:00", "2026-11-21T22:00:00+01:00"]
        .map(kept_session_on)
        .to_vec();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T21:00:00+01:00").expect("time");
    app.set_history(HistoryState::Loaded(history.into()), Vec::new(), now);
    app
}

#[test]
fn home_in_each_theme() {
    let app = home();
    for shade in [Shade::Night, Shade::Day] {
        let theme = Theme::new(shade);
        let room = Cell::new(app.drawn());
        let buffer = drawn(HomeView {
            app: &app,
            theme: &theme,
            room: &room,
        });
        insta::assert_snapshot!(format!("home_{}", shade.name()), colour_runs(&buffer));
    }
}

#[test]
fn a_session_in_each_theme() {
    let app = session_app(routine("bedtime-feet"));
    for shade in [Shade::Night, Shade::Day] {
        let theme = Theme::new(shade);
        let buffer = drawn(SessionView {
            app: &app,
            now: secs(12),
            theme: &theme,
        });
        insta::assert_snapshot!(format!("session_{}", shade.name()), colour_runs(&buffer));
    }
}
