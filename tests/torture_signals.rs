//! Torture: SIGTERM, SIGHUP, SIGINT and SIGQUIT at a random moment of a real session, and a
//! panic mid-session, each give the terminal back (the raw bytes end with the alternate screen
//! left and the cursor shown) and record the session as `quit`, at once, with no
//! `current.json` left behind. (SIGKILL, which nothing can catch, is recovered as
//! `interrupted` at the next start: tests/torture_kill.rs.)
//!
//! The moments come from a seeded generator whose seed is printed. The waits are on the wall
//! clock by nature: the signal must land while a session runs in real time.

mod support;

use std::thread;
use std::time::Duration;

use support::pty::{Home, Pty, exists};
use support::torture::Rng;

/// One-second step-sides with a switch and rests, about ten seconds in all: a signal in the
/// first four lands while a step is held, between sides or in a rest.
fn routine() -> String {
    support::one_second(
        "Signal test",
        &[
            ("lead_in = 1", "lead_in = 0"),
            (
                support::LAST_STEP,
                "name = \"Toe curls\"\nduration = 2\nreps = 2\n",
            ),
        ],
        "\n[[step]]\nname = \"Ankle circles\"\nduration = 4\n",
    )
}

/// The latest moment, after the session is on screen, a signal is sent.
const WITHIN_MS: u64 = 4_000;

#[test]
fn torture_sigterm_at_a_random_moment_gives_the_terminal_back_and_records_quit() {
    quit_by_signal("-TERM");
}

#[test]
fn torture_sighup_at_a_random_moment_gives_the_terminal_back_and_records_quit() {
    quit_by_signal("-HUP");
}

#[test]
fn torture_sigint_at_a_random_moment_gives_the_terminal_back_and_records_quit() {
    quit_by_signal("-INT");
}

#[test]
fn torture_sigquit_at_a_random_moment_gives_the_terminal_back_and_records_quit() {
    quit_by_signal("-QUIT");
}

fn quit_by_signal(signal: &str) {
    let mut rng = Rng::for_test(&format!("torture_signals {signal}"));
    let after_ms = rng.below(WITHIN_MS);
    let home = Home::with_routine("signal.toml", &routine());
    let mut pty = Pty::spawn(home.command(&["run", "signal.toml"]));
    pty.wait_for("Calf stretch");
    thread::sleep(Duration::from_millis(after_ms));
    pty.signal(signal);
    pty.wait_exit_and_output();
    let at = format!("{signal} {after_ms} ms into the session");
    assert_terminal_given_back(&pty.raw_output(), &at);
    assert_recorded_quit(&home, &at);
}

/// Debug builds only: the variable that makes the binary panic exists only there.
#[cfg(debug_assertions)]
#[test]
fn torture_a_panic_mid_session_gives_the_terminal_back_and_records_quit() {
    let mut rng = Rng::for_test("torture_signals panic");
    // Seconds after the clock started, in tenths: from the first step to the fourth second.
    let after = format!("{:.1}", 0.5 + rng.below(35) as f64 / 10.0);
    let home = Home::with_routine("signal.toml", &routine());
    let mut cmd = home.command(&["run", "signal.toml"]);
    cmd.env("BEDSTRETCH_TEST_PANIC_AFTER_SECS", &after);
    let mut pty = Pty::spawn(cmd);
    pty.wait_for("Calf stretch");
    assert!(!pty.wait_exit_and_output(), "a panic is a failure");
    let raw = pty.raw_output();
    let at = format!("a panic {after} s in");
    assert!(
        String::from_utf8_lossy(&raw).contains("the panic the test asked for"),
        "{at}: the panic happened and was said: {}",
        String::from_utf8_lossy(&raw)
    );
    assert_terminal_given_back(&raw, &at);
    assert_recorded_quit(&home, &at);
}

/// Plain mode (`run --plain`), a session line by line in the same terminal, records `quit`
/// the same way for each signal and for a panic (debug builds only: the variable that makes
/// the binary panic exists only there). The cases run at once, each in its own home.
#[test]
fn torture_plain_mode_records_quit_on_every_signal_and_a_panic() {
    let mut rng = Rng::for_test("torture_signals plain");
    let mut cases: Vec<(&str, u64)> = ["-TERM", "-HUP", "-INT", "-QUIT"]
        .into_iter()
        .map(|signal| (signal, rng.below(WITHIN_MS)))
        .collect();
    if cfg!(debug_assertions) {
        cases.push(("panic", 500 + rng.below(3_500)));
    }
    thread::scope(|scope| {
        for (how, after_ms) in cases {
            scope.spawn(move || {
                let home = Home::with_routine("signal.toml", &routine());
                let mut cmd = home.command(&["run", "--plain", "signal.toml"]);
                if how == "panic" {
                    cmd.env(
                        "BEDSTRETCH_TEST_PANIC_AFTER_SECS",
                        format!("{:.3}", after_ms as f64 / 1000.0),
                    );
                }
                let mut pty = Pty::spawn(cmd);
                pty.wait_for("Calf stretch");
                if how != "panic" {
                    thread::sleep(Duration::from_millis(after_ms));
                    pty.signal(how);
                }
                pty.wait_exit_and_output();
                let at = format!("plain mode, {how} {after_ms} ms in");
                if how == "panic" {
                    let said = String::from_utf8_lossy(&pty.raw_output()).into_owned();
                    assert!(
                        said.contains("the panic the test asked for"),
                        "{at}: the panic happened: {said}"
                    );
                }
                assert_recorded_quit(&home, &at);
            });
        }
    });
}

/// The last word on the alternate screen and the cursor is to give them back: a terminal
/// left on the alternate screen or with no cursor is what a person would see as broken.
fn assert_terminal_given_back(raw: &[u8], at: &str) {
    let last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    let entered = last(b"\x1b[?1049h");
    assert!(
        entered.is_some(),
        "{at}: the session was on the alternate screen"
    );
    assert!(
        last(b"\x1b[?1049l") > entered,
        "{at}: left the alternate screen after entering it last"
    );
    let hidden = last(b"\x1b[?25l");
    assert!(hidden.is_some(), "{at}: the cursor was hidden");
    assert!(
        last(b"\x1b[?25h") > hidden,
        "{at}: showed the cursor after hiding it last"
    );
}

fn assert_recorded_quit(home: &Home, at: &str) {
    // Recorded at once, by the program itself: read before any other start could recover.
    let history = home.history();
    assert_eq!(history.len(), 1, "{at}: one session recorded: {history:?}");
    assert_eq!(history[0]["outcome"], "quit", "{at}");
    assert!(!exists(&home.current()), "{at}: no current.json left");
}
