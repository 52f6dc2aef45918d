//! The session screen on ratatui's TestBackend with a fixed clock: a snapshot of every state at
//! 80x24 and 40x12, and the whole main loop driven by scripted keys and a manual clock.

use std::cell::Cell;
use std::collections::VecDeque;
use std::io;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use bedstretch::app::{Action, SessionApp};
use bedstretch::clock::Clock;
use bedstretch::core::history::{Outcome, SessionRecord, Status};
use bedstretch::core::routine::Routine;
use bedstretch::core::routine_file::parse_routine;
use bedstretch::core::session::{Moment, Phase, Session};
use bedstretch::store::bundled;
use bedstretch::tui::session_view::SessionView;
use bedstretch::tui::theme::Theme;
use bedstretch::tui::{EventSource, Shell, run_loop};
use chrono::{DateTime, FixedOffset};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bundled(id: &str) -> Routine {
    let (_, source) = bundled::ROUTINES
        .iter()
        .find(|(i, _)| *i == id)
        .expect("bundled");
    parse_routine(id, source.as_bytes(), &bundled::art_names()).expect("valid")
}

fn started_at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T22:41:05+01:00").expect("time")
}

fn secs(s: u64) -> Moment {
    Duration::from_secs(s)
}

fn app(routine: Routine) -> SessionApp {
    let (session, effects) = Session::start(routine, "id".into(), started_at(), Duration::ZERO);
    SessionApp::new(session, true, effects).0
}

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
    a.update(None, secs(17));
    out.push(("2-hold-left-foot", a, secs(17)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(None, secs(36));
    out.push(("3-switch-sides", a, secs(36)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(None, secs(70));
    out.push(("4-rest-next-previewed", a, secs(70)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(None, secs(224));
    assert_eq!(a.session.phase(), Phase::Hold(6));
    out.push(("5-hold-reps", a, secs(224)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(None, secs(33));
    out.push(("6-last-seconds", a, secs(33)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Some(Action::TogglePause), secs(20));
    out.push(("7-paused", a, secs(400)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Some(Action::Quit), secs(20));
    out.push(("8-quit-question", a, secs(20)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Some(Action::Help), secs(20));
    out.push(("9-help", a, secs(20)));
    let mut a = app(bundled("quick"));
    a.update(None, secs(60 * 60));
    a.recorded = Some(Ok("Saved. Streak: 4 nights, tonight kept.".into()));
    out.push(("10-summary-completed", a, secs(3600)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(None, secs(20));
    a.update(Some(Action::Hurt), secs(20));
    a.update(Some(Action::Quit), secs(30));
    a.update(Some(Action::Yes), secs(30));
    a.recorded = Some(Ok("Saved. Streak: 4 nights, tonight kept.".into()));
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
    a.update(None, secs(17));
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

// The main loop, driven like a person would, with a clock that only moves when told.

struct ManualClock(Cell<Duration>);

impl Clock for ManualClock {
    fn moment(&self) -> Duration {
        self.0.get()
    }
    fn wall(&self) -> DateTime<FixedOffset> {
        started_at() + chrono::Duration::from_std(self.0.get()).expect("small")
    }
}

enum Step {
    Wait(Duration),
    Key(KeyCode),
}

fn wait(s: u64) -> Step {
    Step::Wait(Duration::from_secs(s))
}

struct Script<'a> {
    steps: VecDeque<Step>,
    clock: &'a ManualClock,
}

impl EventSource for Script<'_> {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        match self.steps.front_mut() {
            Some(Step::Wait(left)) => {
                // Time passes only up to the loop's own timeout, as with a real terminal.
                let step = timeout.min(*left);
                self.clock.0.set(self.clock.0.get() + step);
                *left -= step;
                if left.is_zero() {
                    self.steps.pop_front();
                }
                Ok(None)
            }
            Some(Step::Key(_)) => match self.steps.pop_front() {
                Some(Step::Key(code)) => {
                    Ok(Some(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
                }
                _ => Ok(None),
            },
            None => Ok(Some(Event::Key(KeyEvent::new(
                KeyCode::Char('c'),
                KeyModifiers::CONTROL,
            )))),
        }
    }
}

#[derive(Default)]
struct Recorded {
    bells: usize,
    saves: Vec<SessionRecord>,
    records: Vec<SessionRecord>,
}

impl Shell for Recorded {
    fn bell(&mut self) {
        self.bells += 1;
    }
    fn save(&mut self, record: &SessionRecord) -> anyhow::Result<()> {
        self.saves.push(record.clone());
        Ok(())
    }
    fn record(&mut self, record: &SessionRecord) -> anyhow::Result<String> {
        self.records.push(record.clone());
        Ok("history/dev.jsonl".into())
    }
}

fn drive(routine: Routine, steps: Vec<Step>) -> (Recorded, String) {
    let clock = ManualClock(Cell::new(Duration::ZERO));
    let (session, effects) = Session::start(routine, "id".into(), clock.wall(), clock.moment());
    let (mut app, effects) = SessionApp::new(session, true, effects);
    let mut shell = Recorded::default();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut script = Script {
        steps: steps.into(),
        clock: &clock,
    };
    let stop = AtomicBool::new(false);
    run_loop(
        &mut terminal,
        &mut app,
        effects,
        &mut script,
        &clock,
        &mut shell,
        &stop,
        &Theme::new(true),
    )
    .expect("loop runs");
    (shell, terminal.backend().to_string())
}

#[test]
fn the_loop_runs_a_whole_routine_and_records_it_once() {
    let (shell, screen) = drive(
        bundled("quick"),
        vec![wait(400), Step::Key(KeyCode::Char('q'))],
    );
    assert_eq!(shell.records.len(), 1);
    let record = &shell.records[0];
    assert_eq!(record.outcome, Outcome::Completed);
    assert!(
        record
            .steps
            .iter()
            .all(|s| s.status == Status::Completed && s.done_secs == s.planned_secs)
    );
    assert_eq!(
        record.ended_at,
        started_at() + chrono::Duration::seconds(207),
        "ends exactly on time"
    );
    assert_eq!(
        shell.saves.len(),
        1 + 7,
        "at the start and after every step-side"
    );
    assert!(
        shell.bells >= 7,
        "a bell at each step and side change and at the end"
    );
    assert!(screen.contains("Well done."), "{screen}");
}

#[test]
fn the_loop_quits_after_asking_and_keeps_a_partial_step() {
    let (shell, _) = drive(
        bundled("quick"),
        vec![
            wait(10),
            Step::Key(KeyCode::Char('q')),
            wait(100),
            Step::Key(KeyCode::Esc),
            wait(5),
            Step::Key(KeyCode::Char('q')),
            Step::Key(KeyCode::Char('y')),
            Step::Key(KeyCode::Enter),
        ],
    );
    let record = &shell.records[0];
    assert_eq!(record.outcome, Outcome::Quit);
    assert_eq!(
        (record.steps[0].status, record.steps[0].done_secs),
        (Status::Partial, 12)
    );
    assert_eq!(record.steps[1].status, Status::NotReached);
}

#[test]
fn ctrl_c_quits_at_once_and_records() {
    let (shell, _) = drive(bundled("quick"), vec![wait(40)]);
    let record = &shell.records[0];
    assert_eq!(record.outcome, Outcome::Quit);
    assert_eq!(record.steps[0].status, Status::Completed);
}
