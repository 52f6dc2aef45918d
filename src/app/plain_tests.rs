//! Plain mode's lines for a routine with sides, a switch, a rest and reps, driven on fixed
//! instants: every line a person reads, in order.

use std::time::Duration;

use chrono::DateTime;

use super::*;
use crate::app::fixtures::EVENING;
use crate::app::{NewSession, Now, SessionSettings};
use crate::core::calendar::Rules;
use crate::core::routine_file::parse_routine;
use crate::core::stats::{SessionFacts, Stats};

/// The evening routine with 20 s of toe curls.
fn routine() -> String {
    EVENING.replace("\"1m30s\"", "\"20s\"")
}

const KEYS: &str = "Keys: Space pause, n skip, q quit";

fn now(secs: f64) -> Now {
    let wall = DateTime::parse_from_rfc3339("2026-11-23T22:00:00+01:00").expect("time");
    let moment = Duration::from_secs_f64(secs);
    Now {
        moment,
        wall: wall + chrono::Duration::from_std(moment).expect("small"),
    }
}

/// A session and the lines it printed, answered as a shell would.
struct Plain {
    app: SessionApp,
    plain: PlainLines,
    printed: Vec<String>,
    /// What the shell answers when the session asks to be recorded.
    record: Result<Option<Stats>, String>,
}

impl Plain {
    fn start(toml: &str, keys: bool) -> Self {
        let routine = parse_routine("evening", toml.as_bytes(), &[]).expect("valid");
        let new = NewSession {
            routine,
            id: "id".into(),
        };
        let settings = SessionSettings {
            bell: true,
            min_completion: 0.8,
        };
        let (app, effects) = SessionApp::start(new, settings, now(0.0));
        let plain = PlainLines::new(&app, keys.then(|| KEYS.to_string()));
        let mut run = Self {
            app,
            plain,
            printed: Vec::new(),
            record: Ok(None),
        };
        run.print(None, &effects);
        run
    }

    fn print(&mut self, action: Option<Action>, effects: &[Effect]) {
        let lines = self.plain.lines(&self.app, action, effects);
        self.printed.extend(lines);
        if effects.iter().any(|e| matches!(e, Effect::Record(_))) {
            self.app.recorded(self.record.clone());
        }
    }

    /// Time passes to `secs`, one second at a time, as the loop wakes.
    fn until(&mut self, secs: u64) {
        for s in 0..=secs {
            let effects = self.app.update_time(now(s as f64));
            self.print(None, &effects);
            self.settle(s as f64);
        }
    }

    fn key(&mut self, action: Action, secs: f64) {
        let effects = self.app.update(action, now(secs));
        self.print(Some(action), &effects);
        self.settle(secs);
    }

    /// Keys pressed one after another, each at its second.
    fn keys(&mut self, keys: &[(Action, f64)]) {
        for &(action, secs) in keys {
            self.key(action, secs);
        }
    }

    /// Wakes again at once while the session asks to, as the loop does (a finished session
    /// hands its record over at the wake after its summary).
    fn settle(&mut self, secs: f64) {
        while self.app.until_next_change(now(secs).moment) == Some(Duration::ZERO) {
            let effects = self.app.update_time(now(secs));
            self.print(None, &effects);
        }
    }

    /// The closing lines: what was held and kept, then whether it was saved.
    fn assert_closing(&self, held: &str, saved: &str) {
        assert_eq!(closing(&self.app), [held, saved]);
    }

    fn take(&mut self) -> Vec<String> {
        std::mem::take(&mut self.printed)
    }
}

#[test]
fn a_whole_routine_reads_one_line_per_moment_and_ends_with_what_it_kept() {
    let mut run = Plain::start(&routine(), false);
    run.until(100);
    assert_eq!(
        run.take(),
        [
            "Get ready: Wall calf stretch, left foot, 30 seconds",
            "Wall calf stretch, left foot, 30 seconds",
            "Switch to your right foot",
            "Right foot, 30 seconds",
            "Rest 10 seconds. Next: Toe curls",
            "Toe curls, 20 seconds, 10 times",
        ],
        "no \"3\", \"2\", \"1\" and no bare \"Done.\""
    );
    run.assert_closing(
        "Done: 3 of 3 held. Tonight is kept. Sleep well.",
        "Saved to your history.",
    );
}

#[test]
fn the_countdown_line_says_where_and_how_long() {
    let mut run = Plain::start(&routine(), true);
    let at = |run: &mut Plain, secs: f64| {
        run.app.update_time(now(secs));
        countdown(&run.app, now(secs).moment)
    };
    assert_eq!(at(&mut run, 0.5).as_deref(), Some("Get ready: 0:05"));
    assert_eq!(
        at(&mut run, 12.0).as_deref(),
        Some("Wall calf stretch, left foot: 0:23 left")
    );
    assert_eq!(at(&mut run, 36.0).as_deref(), Some("Switch sides: 0:02"));
    assert_eq!(at(&mut run, 70.0).as_deref(), Some("Rest: 0:08"));
    assert_eq!(
        at(&mut run, 83.5).as_deref(),
        Some("Toe curls: 0:15 left, rep 3 of 10")
    );
    run.key(Action::TogglePause, 84.0);
    assert_eq!(
        at(&mut run, 90.0).as_deref(),
        Some("Paused. Toe curls: 0:14 left, rep 4 of 10"),
        "paused, the time stands"
    );
    run.key(Action::Quit, 91.0);
    run.key(Action::Yes, 91.0);
    assert_eq!(countdown(&run.app, now(92.0).moment), None);
}

/// Keys pressed, each at its second, and the lines they print.
type KeysAndLines = (&'static [(Action, f64)], &'static [&'static str]);

#[test]
fn keys_are_told_pause_question_help_skip_hurt_and_back() {
    let mut run = Plain::start(&routine(), true);
    run.until(5);
    run.take();
    // Each key in turn, with the time it is pressed, and the lines it prints. A hurt stops
    // both sides, so the rest comes next; nothing hurts in a rest.
    let steps: [KeysAndLines; 7] = [
        (
            &[(Action::TogglePause, 6.0), (Action::TogglePause, 8.0)],
            &["Paused. Press Space to go on", "Going on"],
        ),
        (
            &[(Action::Quit, 9.0), (Action::No, 10.0)],
            &[
                "Quit? Press y to quit and save what you did, n to keep going",
                "Going on",
            ],
        ),
        (
            &[(Action::Help, 11.0), (Action::Yes, 12.0)],
            &[
                "Keys: Space pause, n skip, q quit. Paused; any key goes on",
                "Going on",
            ],
        ),
        (
            &[(Action::Skip, 13.0)],
            &["Skipped", "Switch to your right foot"],
        ),
        (
            &[(Action::Back, 14.0)],
            &["Again: Wall calf stretch, left foot, 30 seconds"],
        ),
        (
            &[(Action::Hurt, 15.0)],
            &["Stopped: it hurt", "Rest 10 seconds. Next: Toe curls"],
        ),
        (&[(Action::Hurt, 16.0)], &[]),
    ];
    for (keys, lines) in steps {
        run.keys(keys);
        assert_eq!(run.take(), lines, "after {keys:?}");
    }
}

#[test]
fn without_keys_no_line_asks_for_one() {
    let mut run = Plain::start(&routine(), false);
    run.take();
    // A suspend (SIGTSTP) pauses a session that has no keys too.
    run.app.pause(now(6.0));
    run.print(None, &[]);
    assert_eq!(run.take(), ["Paused"]);
}

#[test]
fn a_quit_says_what_was_held_and_whether_the_night_is_kept() {
    let mut run = Plain::start(&routine(), true);
    run.until(40);
    run.key(Action::Quit, 40.0);
    run.key(Action::Yes, 40.0);
    let printed = run.take();
    assert_eq!(
        printed.last().map(String::as_str),
        Some("Quit? Press y to quit and save what you did, n to keep going"),
        "the quit itself prints nothing more: the closing lines say it"
    );
    run.assert_closing(
        "Stopped: 1 of 3 held. Tonight is not kept yet.",
        "Saved to your history.",
    );
}

#[test]
fn the_closing_lines_tell_the_streak_skips_hurts_and_a_history_that_failed() {
    let facts = SessionFacts {
        id: "earlier".into(),
        routine_name: "Evening".into(),
        started_at: now(0.0).wall,
        completed: 3,
        planned: 3,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts: true,
    };
    let stats = Stats::compute(&[facts], &Rules::default(), now(0.0).wall);
    let mut run = Plain::start(&routine(), true);
    run.record = Ok(Some(stats));
    // Past the get-ready, skip the left side, on to the right, which hurts, past the rest,
    // and skip the last step.
    run.keys(&[
        (Action::Skip, 1.0),
        (Action::Skip, 2.0),
        (Action::Skip, 3.0),
        (Action::Hurt, 4.0),
        (Action::Skip, 5.0),
        (Action::Skip, 6.0),
    ]);
    run.assert_closing(
        "Done: 0 of 3 held, 2 skipped, 1 stopped because it hurt. Tonight was already kept.",
        "Saved. Streak: 1 night, tonight kept.",
    );

    let mut run = Plain::start(&routine(), true);
    run.record = Err("history/abc.jsonl: disk full".into());
    run.key(Action::Interrupt, 20.0);
    run.assert_closing(
        "Stopped: 0 of 3 held. Tonight is not kept yet.",
        "Not in your history yet: history/abc.jsonl: disk full.",
    );
}

#[test]
fn a_session_stopped_during_get_ready_says_nothing_was_recorded() {
    let mut run = Plain::start(&routine(), true);
    run.key(Action::Interrupt, 2.0);
    assert_eq!(
        closing(&run.app),
        ["Stopped before the first stretch; nothing was recorded."]
    );
}

#[test]
fn a_routine_that_does_not_count_never_claims_the_night() {
    let relief = format!("counts = false\n{}", routine());
    let mut run = Plain::start(&relief, false);
    run.until(100);
    assert_eq!(
        closing(&run.app)[0],
        "Done: 3 of 3 held. This routine does not count toward your streak."
    );
}

#[test]
fn a_failed_progress_save_is_told_once() {
    let mut run = Plain::start(&routine(), true);
    run.take();
    run.app.saved(Err("current.json: disk full".into()));
    run.print(None, &[]);
    run.print(None, &[]);
    assert_eq!(run.take(), ["Progress not saved: current.json: disk full"]);
}

#[test]
fn a_clock_reads_minutes_and_hours() {
    assert_eq!(clock(5), "0:05");
    assert_eq!(clock(90), "1:30");
    assert_eq!(clock(3723), "1:02:03");
}
