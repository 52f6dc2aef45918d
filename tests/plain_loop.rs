//! Plain mode's loop, driven with scripted input on a clock that only moves when told: the
//! countdown line in a terminal and none in a pipe, keys, a suspend without keys, and an
//! output that closes mid-session.

mod support;

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use bedstretch::app::{App, NewSession, Now};
use bedstretch::clock::Clock;
use bedstretch::core::history::{Outcome, Status};
use bedstretch::tui::input::Input;
use bedstretch::tui::line_terminal::LineTerminal;
use bedstretch::tui::plain::PlainIo;
use bedstretch::tui::plain_out::LineOut;

use support::{
    ManualClock, ONE_SECOND, Recorded, SETTINGS, Script, Step, char, first_step, routine, wait,
};

/// A terminal that is only counted.
#[derive(Default, Clone)]
struct Stand {
    suspends: Rc<Cell<usize>>,
}

impl LineTerminal for Stand {
    fn width(&self) -> Option<u16> {
        Some(40)
    }
    fn suspend(&mut self) {
        self.suspends.set(self.suspends.get() + 1);
    }
    fn reclaim(&mut self) {}
}

type TestIo<W> = PlainIo<W, Script, ManualClock, Recorded, Stand>;

/// Runs ONE_SECOND (or `toml`) plainly into `out`; returns the loop, the app and the result.
fn run<W: Write>(
    toml: &str,
    out: W,
    countdown: bool,
    keys: bool,
    steps: Vec<Step>,
) -> (TestIo<W>, App, anyhow::Result<()>) {
    let clock = ManualClock::default();
    let events = Script::new(steps, &clock);
    let mut io = PlainIo {
        out: LineOut::new(out),
        events,
        clock: clock.clone(),
        shell: Recorded::default(),
        terminal: Stand::default(),
        countdown,
        keys,
    };
    let new = NewSession {
        routine: routine(toml),
        id: "id".into(),
    };
    let now = Now {
        moment: clock.moment(),
        wall: clock.wall(),
    };
    let (mut app, start) = App::session(new, SETTINGS, now);
    let result = io.run(&mut app, start);
    (io, app, result)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

#[test]
fn in_a_pipe_there_are_only_lines() {
    let (io, _, result) = run(ONE_SECOND, Vec::new(), false, false, vec![wait(10)]);
    result.expect("runs");
    assert_eq!(
        text(io.out.get_ref()),
        "Get ready: Calf stretch, left foot, 1 second\n\
         Calf stretch, left foot, 1 second\n\
         Switch to your right foot\n\
         Right foot, 1 second\n\
         Rest 1 second. Next: Toe curls\n\
         Toe curls, 1 second\n\
         Done: 3 of 3 held. Tonight is kept. Sleep well.\n\
         Saved. Streak: 4 nights, tonight kept.\n"
    );
    let record = &io.shell.records[0];
    assert_eq!(record.outcome.known(), Some(Outcome::Completed));
}

#[test]
fn in_a_terminal_the_countdown_line_rewrites_itself_and_gives_way_to_each_line() {
    let toml = ONE_SECOND.replace("duration = 1\nsides", "duration = 3\nsides");
    let (io, _, result) = run(&toml, Vec::new(), true, true, vec![wait(20)]);
    result.expect("runs");
    let out = text(io.out.get_ref());
    assert!(
        out.starts_with(
            "Keys: Space pause, → or n skip, ← or p back, h hurts, q quit, ? help\n\
             Get ready: Calf stretch, left foot, 3 seconds\n\
             \r\x1b[KGet ready: 0:01\
             \r\x1b[KCalf stretch, left foot, 3 seconds\n\
             \r\x1b[KCalf stretch, left foot: 0:03 left\
             \r\x1b[KCalf stretch, left foot: 0:02 left\
             \r\x1b[KCalf stretch, left foot: 0:01 left\
             \r\x1b[KSwitch to your right foot\n"
        ),
        "{out:?}"
    );
    assert!(
        out.ends_with(
            "\r\x1b[KToe curls: 0:01 left\
             \r\x1b[KDone: 3 of 3 held. Tonight is kept. Sleep well.\n\
             Saved. Streak: 4 nights, tonight kept.\n"
        ),
        "the countdown is cleared before the closing lines: {out:?}"
    );
}

#[test]
fn keys_pause_and_quit_and_the_record_keeps_what_was_held() {
    let toml = ONE_SECOND.replace("duration = 1\nsides", "duration = 30\nsides");
    let steps = vec![
        wait(3),
        char(' '),
        wait(60),
        char(' '),
        char('q'),
        char('y'),
    ];
    let (io, _, result) = run(&toml, Vec::new(), false, true, steps);
    result.expect("runs");
    assert_eq!(
        text(io.out.get_ref()),
        "Keys: Space pause, → or n skip, ← or p back, h hurts, q quit, ? help\n\
         Get ready: Calf stretch, left foot, 30 seconds\n\
         Calf stretch, left foot, 30 seconds\n\
         Paused. Press Space to go on\n\
         Going on\n\
         Quit? Press y to quit and save what you did, n to keep going\n\
         Stopped: 0 of 3 held. Tonight was already kept.\n\
         Saved. Streak: 4 nights, tonight kept.\n"
    );
    let record = &io.shell.records[0];
    assert_eq!(record.outcome.known(), Some(Outcome::Quit));
    assert_eq!(
        first_step(record),
        (Some(Status::Partial), 2),
        "the minute paused is not counted"
    );
}

#[test]
fn without_keys_a_suspended_session_goes_on_by_itself_when_continued() {
    let toml = ONE_SECOND.replace("duration = 1\nsides", "duration = 30\nsides");
    let steps = vec![wait(3), Step::Input(Input::Suspend), wait(100)];
    let (io, _, result) = run(&toml, Vec::new(), false, false, steps);
    result.expect("runs");
    assert_eq!(io.terminal.suspends.get(), 1);
    let out = text(io.out.get_ref());
    assert!(
        out.contains(
            "Calf stretch, left foot, 30 seconds\nPaused\nGoing on\nSwitch to your right foot\n"
        ),
        "{out}"
    );
    assert!(out.ends_with(
        "Done: 3 of 3 held. Tonight is kept. Sleep well.\nSaved. Streak: 4 nights, tonight kept.\n"
    ));
}

#[test]
fn a_signal_ends_the_session_as_quit_at_once() {
    let steps = vec![wait(3), Step::Input(Input::Quit)];
    let (io, _, result) = run(ONE_SECOND, Vec::new(), false, false, steps);
    result.expect("runs");
    let record = &io.shell.records[0];
    assert_eq!(record.outcome.known(), Some(Outcome::Quit));
    let statuses: Vec<Status> = record
        .steps
        .iter()
        .filter_map(|s| s.status.known())
        .collect();
    assert_eq!(
        statuses,
        [Status::Completed, Status::Partial, Status::NotReached]
    );
}

/// Output that takes `room` bytes, then fails as a closed pipe does.
struct ClosesAfter {
    room: usize,
}

impl Write for ClosesAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room < buf.len() {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        self.room -= buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_output_ends_the_session_and_still_records_it() {
    // Room for the first two lines only; the third fails.
    let room = "Get ready: Calf stretch, left foot, 1 second\n\
                Calf stretch, left foot, 1 second\n"
        .len();
    let (io, _, result) = run(
        ONE_SECOND,
        ClosesAfter { room },
        false,
        false,
        vec![wait(10)],
    );
    let error = result.expect_err("the closed pipe is the error");
    assert!(
        error
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe),
        "{error:#}"
    );
    let record = &io.shell.records[0];
    assert_eq!(record.outcome.known(), Some(Outcome::Quit));
    assert_eq!(record.steps[0].status, Status::Completed);
}
