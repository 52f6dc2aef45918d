//! The session screen on ratatui's TestBackend with a fixed clock: a snapshot of every state at
//! 80x24 and 40x12, and the order in which smaller screens give things up.

mod support;

use bedstretch::app::session::{Action, SessionApp};
use bedstretch::core::session::{Moment, Phase};
use bedstretch::tui::session_view::SessionView;
use bedstretch::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use support::{bundled, four_night_streak, now, secs, session_app as app};

fn screen(app: &SessionApp, now: Moment, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let theme = Theme::new(true);
    terminal
        .draw(|f| {
            f.render_widget(
                SessionView {
                    app,
                    now,
                    theme: &theme,
                },
                f.area(),
            )
        })
        .expect("draw");
    terminal.backend().to_string()
}

/// Every state a person meets, in a fixed order, each at its moment.
fn states() -> Vec<(&'static str, SessionApp, Moment)> {
    let mut out = Vec::new();
    let a = app(bundled("bedtime-feet"));
    out.push(("1-get-ready", a, secs(2)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(17)));
    out.push(("2-hold-left-foot", a, secs(17)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(36)));
    out.push(("3-switch-sides", a, secs(36)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(70)));
    out.push(("4-rest-next-previewed", a, secs(70)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(224)));
    assert_eq!(a.session.phase(), Phase::Hold(6));
    out.push(("5-hold-reps", a, secs(224)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(33)));
    out.push(("6-last-seconds", a, secs(33)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Action::TogglePause, now(secs(20)));
    out.push(("7-paused", a, secs(400)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Action::Quit, now(secs(20)));
    out.push(("8-quit-question", a, secs(20)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Action::Help, now(secs(20)));
    out.push(("9-help", a, secs(20)));
    let mut a = app(bundled("quick"));
    a.update_time(now(secs(60 * 60)));
    a.recorded(Ok(Some(four_night_streak())));
    out.push(("10-summary-completed", a, secs(3600)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(20)));
    a.update(Action::Hurt, now(secs(20)));
    a.update(Action::Quit, now(secs(30)));
    a.update(Action::Yes, now(secs(30)));
    a.recorded(Ok(Some(four_night_streak())));
    out.push(("11-summary-quit-with-hurt", a, secs(30)));
    out
}

#[test]
fn every_state_at_80x24() {
    for (name, app, now) in states() {
        insta::assert_snapshot!(format!("80x24-{name}"), screen(&app, now, 80, 24));
    }
}

#[test]
fn every_state_at_40x12() {
    for (name, app, now) in states() {
        insta::assert_snapshot!(format!("40x12-{name}"), screen(&app, now, 40, 12));
    }
}

#[test]
fn too_small_asks_for_more_room_and_any_size_is_safe() {
    let a = app(bundled("bedtime-feet"));
    let tiny = screen(&a, secs(1), 29, 8);
    assert!(tiny.contains("Make the terminal"), "{tiny}");
    for (name, app, now) in states() {
        for width in [
            1, 2, 5, 10, 20, 29, 30, 31, 35, 39, 40, 41, 47, 48, 50, 60, 70, 75, 76, 77, 79, 80, 90,
        ] {
            for height in [1, 2, 7, 8, 9, 11, 13, 16, 19, 23, 30] {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    screen(&app, now, width, height)
                }))
                .unwrap_or_else(|_| panic!("{name} panicked at {width}x{height}"));
            }
        }
    }
}

#[test]
fn the_big_digits_give_way_to_plain_ones_last() {
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(17)));
    let wide = screen(&a, secs(17), 80, 24);
    assert!(
        wide.contains("Hands on the wall") || wide.contains("Stand facing a wall"),
        "{wide}"
    );
    assert!(wide.contains("||"), "the illustration shows at 80x24");
    let narrow = screen(&a, secs(17), 60, 24);
    assert!(!narrow.contains("||"), "the illustration goes first");
    assert!(narrow.contains("Stand facing a wall"), "{narrow}");
    let short = screen(&a, secs(17), 60, 12);
    assert!(!short.contains("Stand facing"), "then the instructions");
    assert!(
        short.contains('▀') || short.contains('█'),
        "while the digits stay big: {short}"
    );
    let tiny = screen(&a, secs(17), 40, 8);
    assert!(tiny.contains(" 18 "), "plain digits at last: {tiny}");
}
