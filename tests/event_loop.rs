//! The one loop, driven like a person would with scripted input and a clock that only moves
//! when told: whole routines, quitting, keys typed together, resizes, suspends, and home
//! starting sessions and getting them back.

mod support;

use std::time::Duration;

use bedstretch::app::home::HomeApp;
use bedstretch::app::{App, Effect, NewSession, Now};
use bedstretch::clock::Clock;
use bedstretch::core::calendar::Rules;
use bedstretch::core::history::{Outcome, Status};
use bedstretch::core::routine::Routine;
use bedstretch::tui::input::Input;
use crossterm::event::KeyCode;

use support::test_io as io;
use support::{
    ManualClock, SETTINGS, Step, TestIo, bundled, char, ctrl, first_step, key, routine,
    routine_rows, started_at, wait,
};

fn now_of(clock: &ManualClock) -> Now {
    Now {
        moment: clock.moment(),
        wall: clock.wall(),
    }
}

/// Runs a session of `routine` as `bedstretch run` does; returns the loop and the app.
fn run_session(routine: Routine, steps: Vec<Step>) -> (TestIo, App) {
    let mut io = io(steps);
    let new = NewSession {
        routine,
        id: "id".into(),
    };
    let (mut app, start) = App::session(new, SETTINGS, now_of(&io.clock));
    io.run(&mut app, start).expect("loop runs");
    (io, app)
}

fn screen(io: &TestIo) -> String {
    io.terminal.backend().screen()
}

#[test]
fn a_whole_routine_runs_and_is_recorded_once() {
    let (io, app) = run_session(bundled("quick"), vec![wait(400), char('q')]);
    assert!(app.exit);
    let shell = &io.shell;
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
        Some(started_at() + chrono::Duration::seconds(207)),
        "ends exactly on time: started_at plus the monotonic time it ran"
    );
    assert_eq!(
        shell.saves.len(),
        1 + 7,
        "at the start and after every step-side"
    );
    assert!(shell.bells >= 7, "a bell at each change and at the end");
    let said = &shell.announced;
    assert_eq!(
        said.first().map(String::as_str),
        Some("Get ready: Wall calf stretch, left foot, 30 seconds")
    );
    assert_eq!(
        said.last().map(String::as_str),
        Some("Done. Tonight is kept."),
        "said once the record is in the history"
    );
    assert!(
        said.windows(4)
            .any(|w| w == ["3", "2", "1", "Switch to your right foot"]),
        "the last three seconds counted, then the switch: {said:?}"
    );
    let counts = said.iter().filter(|l| *l == "3").count();
    assert_eq!(counts, 6, "once per hold that counts no reps: {said:?}");
    // Toe curls count their reps instead, each once, as it begins.
    let reps: Vec<&str> = said
        .iter()
        .map(String::as_str)
        .filter(|l| l.starts_with("Rep "))
        .collect();
    let expected: Vec<String> = (2..=10).map(|r| format!("Rep {r} of 10")).collect();
    assert_eq!(reps, expected);
}

#[test]
fn the_trials_routine_runs_both_legs_to_the_end() {
    let (io, app) = run_session(bundled("calf-hamstring"), vec![wait(400), char('q')]);
    assert!(app.exit);
    let record = &io.shell.records[0];
    assert_eq!(record.outcome, Outcome::Completed);
    assert_eq!(record.steps.len(), 12, "six holds, each on both legs");
    assert!(
        record
            .steps
            .iter()
            .all(|s| s.status == Status::Completed && s.done_secs == 10)
    );
    assert_eq!(
        record.ended_at,
        Some(started_at() + chrono::Duration::seconds(203)),
        "3 min 23 s, as `routine show` says"
    );
}

#[test]
fn quit_asks_first_and_keeps_a_partial_step() {
    let (io, _) = run_session(
        bundled("quick"),
        vec![
            wait(10),
            char('q'),
            wait(100),
            key(KeyCode::Esc),
            wait(5),
            char('q'),
            char('y'),
            key(KeyCode::Enter),
        ],
    );
    let record = &io.shell.records[0];
    assert_eq!(record.outcome, Outcome::Quit);
    assert_eq!(
        first_step(record),
        (Some(Status::Partial), 12),
        "the 100 s behind the question were not counted"
    );
    assert_eq!(record.steps[1].status, Status::NotReached);
}

#[test]
fn ctrl_c_quits_at_once_and_records() {
    let (io, app) = run_session(bundled("quick"), vec![wait(40), ctrl('c')]);
    assert!(app.exit);
    let record = &io.shell.records[0];
    assert_eq!(record.outcome, Outcome::Quit);
    assert_eq!(record.steps[0].status, Status::Completed);
}

#[test]
fn sigquit_and_sigterm_quit_like_ctrl_c() {
    let (io, app) = run_session(bundled("quick"), vec![wait(40), Step::Input(Input::Quit)]);
    assert!(app.exit);
    assert_eq!(io.shell.records.len(), 1);
    assert_eq!(io.shell.records[0].outcome, Outcome::Quit);
}

#[test]
fn a_session_quit_in_the_lead_in_is_not_recorded() {
    let (io, app) = run_session(bundled("quick"), vec![wait(2), char('q'), char('y')]);
    assert!(app.exit, "nothing to summarise, so it closes");
    assert!(io.shell.records.is_empty());
    assert_eq!(io.shell.discards, 1, "the progress file is removed");
    let (io, _) = run_session(bundled("quick"), vec![wait(2), ctrl('c')]);
    assert!(io.shell.records.is_empty());
    assert_eq!(io.shell.discards, 1);
}

#[test]
fn keys_that_arrive_together_are_each_handled_at_once() {
    // q and y handed over back to back: each is handled with no time passing and no further
    // key. (That crossterm's own queue is drained is for the pty test: a script has none.)
    let (io, app) = run_session(
        bundled("quick"),
        vec![wait(10), char('q'), char('y'), char('q')],
    );
    assert!(app.exit);
    assert_eq!(io.shell.records[0].outcome, Outcome::Quit);
    assert_eq!(io.clock.moment(), Duration::from_secs(10), "no time passed");
}

#[test]
fn help_at_a_phase_boundary_loses_no_effect() {
    // Help pauses the session; the pause first lets the ended hold finish, which saves
    // progress. That save must reach the shell.
    let r = routine(
        "name = \"T\"\nlead_in = 0\n[[step]]\nname = \"A\"\nduration = 3\n[[step]]\nname = \"B\"\nduration = 3\n",
    );
    let clock_steps = vec![
        Step::Wait(Duration::from_millis(2_900)),
        Step::Wait(Duration::from_millis(100)),
        char('?'),
        key(KeyCode::Esc),
        wait(20),
        char('q'),
    ];
    let (io, _) = run_session(r, clock_steps);
    assert_eq!(io.shell.records.len(), 1);
    assert_eq!(io.shell.records[0].outcome, Outcome::Completed);
    assert_eq!(io.shell.saves.len(), 3, "start, after A, after B");
}

#[test]
fn a_resize_redraws_at_once_without_a_key() {
    let (io, _) = run_session(
        bundled("quick"),
        vec![
            wait(12),
            Step::Resize(40, 12),
            Step::Wait(Duration::from_millis(100)),
            Step::Resize(80, 24),
            Step::Wait(Duration::from_millis(100)),
        ],
    );
    let frames = &io.terminal.backend().frames;
    let at = |moment: Duration| {
        frames
            .iter()
            .rev()
            .find(|(drawn, _, _)| *drawn <= moment)
            .map(|(_, width, _)| *width)
    };
    assert_eq!(
        at(Duration::from_millis(12_050)),
        Some(40),
        "drawn at 40x12 at once"
    );
    assert_eq!(
        at(Duration::from_millis(12_150)),
        Some(80),
        "and back at 80x24"
    );
}

#[test]
fn suspend_pauses_the_session_and_the_stopped_time_is_not_held() {
    let (io, _) = run_session(
        bundled("quick"),
        vec![
            wait(10),
            ctrl('z'),
            // Stopped: the shell's suspend returns once continued. Then time passes paused.
            wait(300),
            char(' '),
            wait(3),
            ctrl('c'),
        ],
    );
    assert_eq!(io.shell.suspends, 1);
    assert!(io.shell.reclaims >= 1, "the terminal is set up again");
    let record = &io.shell.records[0];
    assert_eq!(
        first_step(record),
        (Some(Status::Partial), 10),
        "3 s of lead-in, then 7 + 3 s held; the 300 s stopped are not"
    );
}

#[test]
fn sigtstp_from_outside_suspends_like_ctrl_z() {
    let (io, _) = run_session(
        bundled("quick"),
        vec![wait(10), Step::Input(Input::Suspend), wait(60), ctrl('c')],
    );
    assert_eq!(io.shell.suspends, 1);
    assert_eq!(
        io.shell.records[0].steps[0].done_secs, 7,
        "3 s of lead-in, 7 s held"
    );
}

#[test]
fn a_stop_from_outside_is_not_counted_as_held() {
    // SIGSTOP cannot be caught: the loop sees only that its wait ended far too late. The
    // session is paused as of the last moment the loop saw.
    let (io, _) = run_session(
        bundled("quick"),
        vec![wait(10), Step::Jump(Duration::from_secs(600)), ctrl('c')],
    );
    let record = &io.shell.records[0];
    assert!(
        record.steps[0].done_secs <= 7,
        "the 600 s stopped are not held: {:?}",
        record.steps[0]
    );
    // With the SIGCONT that follows, the terminal is set up again too.
    let (io, _) = run_session(
        bundled("quick"),
        vec![
            wait(10),
            Step::Jump(Duration::from_secs(600)),
            Step::Input(Input::Continue),
            ctrl('c'),
        ],
    );
    assert!(io.shell.reclaims >= 1);
    let record = &io.shell.records[0];
    assert!(
        record.steps[0].done_secs <= 7,
        "the 600 s stopped are not held: {:?}",
        record.steps[0]
    );
}

fn home_app(catalog: &[Routine]) -> App {
    let home = HomeApp::new(routine_rows(catalog, ""), "quick", Rules::default());
    App::home(home, SETTINGS).0
}

fn run_home(steps: Vec<Step>) -> (TestIo, App) {
    let mut io = io(steps);
    let catalog = vec![bundled("bedtime-feet"), bundled("quick")];
    io.shell.catalog = catalog.clone();
    let mut app = home_app(&catalog);
    io.run(&mut app, vec![Effect::LoadHistory])
        .expect("loop runs");
    (io, app)
}

#[test]
fn home_starts_a_session_and_gets_it_back() {
    let (io, app) = run_home(vec![
        key(KeyCode::Enter),
        wait(400),
        char('q'),
        wait(1),
        char('q'),
    ]);
    assert!(app.exit);
    assert_eq!(io.shell.starts, ["quick"]);
    assert_eq!(io.shell.records.len(), 1);
    assert_eq!(io.shell.history_loads, 2, "read again after the session");
    assert!(app.session.is_none(), "back on home");
}

#[test]
fn ctrl_c_in_a_session_started_from_home_quits_bedstretch() {
    let (io, app) = run_home(vec![key(KeyCode::Enter), wait(30), ctrl('c')]);
    assert!(app.exit);
    assert_eq!(io.shell.records.len(), 1);
    assert_eq!(io.shell.records[0].outcome, Outcome::Quit);
}

#[test]
fn home_shows_the_history_once_it_arrives() {
    let (io, _) = run_home(vec![wait(1)]);
    assert!(screen(&io).contains("No sessions yet"), "{}", screen(&io));
}

#[test]
fn page_down_on_home_moves_by_the_rows_the_last_frame_had() {
    let mut io = io(vec![wait(1), key(KeyCode::PageDown), wait(1)]);
    let catalog: Vec<Routine> = (1..=14)
        .map(|n| {
            let mut r = bundled("quick");
            r.id = format!("r{n}");
            r.name = format!("Routine {n}");
            r
        })
        .collect();
    io.shell.catalog = catalog.clone();
    let rows = routine_rows(&catalog, "yours");
    let (mut app, start) = App::home(HomeApp::new(rows, "r1", Rules::default()), SETTINGS);
    io.run(&mut app, start).expect("loop runs");
    let home = app.home.as_ref().expect("home");
    let page = home.drawn().list_rows;
    assert!(page > 5, "the frame's own room, not the default: {page}");
    assert_eq!(home.selected, page - 1, "a page keeps one row in sight");
}

#[test]
fn the_morning_question_is_answered_key_by_key_and_written_each_time() {
    use bedstretch::app::diary::DiaryEffect;
    let keys = ['6', '3', 'r']
        .map(|c| [wait(1), char(c)])
        .into_iter()
        .flatten();
    let mut io = io(keys.chain([wait(1)]).collect());
    let catalog = vec![bundled("quick")];
    io.shell.catalog = catalog.clone();
    // The script's clock reads 22:41 on Monday: a morning that lasts until 23:59.
    io.shell.known = vec![support::kept_session_on("2026-11-22T22:30:00+01:00")].into();
    let home = HomeApp::new(routine_rows(&catalog, ""), "quick", Rules::default())
        .with_morning_ends_at(chrono::NaiveTime::from_hms_opt(23, 59, 0).expect("time"));
    let mut app = App::home(home, SETTINGS).0;
    io.run(&mut app, vec![Effect::LoadHistory])
        .expect("loop runs");
    let notes: Vec<(u8, Option<u32>, Option<String>)> = io
        .shell
        .diary
        .iter()
        .map(|effect| match effect {
            DiaryEffect::Note(note) => (note.severity, note.count, note.side.clone()),
            DiaryEffect::Skip(night) => panic!("skipped {night}"),
        })
        .collect();
    assert_eq!(
        notes,
        [
            (6, None, None),
            (6, Some(3), None),
            (6, Some(3), Some("right".into()))
        ]
    );
    assert_eq!(io.shell.history_loads, 4, "read back after each note");
    let shown = screen(&io);
    assert!(
        shown.contains("Noted for Sun 22 Nov: 6 of 10, 3 cramps, right foot."),
        "{shown}"
    );
}
