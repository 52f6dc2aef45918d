//! The real binary in a pseudo-terminal, read through a vt100 screen: a whole routine of
//! one-second steps, a kill mid-session recovered at the next start, and SIGTERM giving the
//! terminal back. These are the slow, timing-dependent kind, so they are few and every wait is
//! generous.

mod support;

use std::path::Path;
use std::thread;
use std::time::Duration;

use support::pty::{Home, Pty, contains, state_of};

/// The one-second routine with a last step of two reps: lead-in, a two-sided step, a rest, a
/// step with reps.
fn quick_home() -> Home {
    let routine = support::one_second(
        "Pty test",
        &[(
            support::LAST_STEP,
            "name = \"Toe curls\"\nduration = 2\nreps = 2\n",
        )],
        "",
    );
    Home::with_routine("pty-test.toml", &routine)
}

#[test]
fn a_routine_of_one_second_steps_runs_to_the_end_and_is_recorded() {
    let home = quick_home();
    let mut pty = Pty::spawn(home.command(&["run", "pty-test.toml"]));
    let screen = pty.wait_for("Get ready");
    assert!(
        screen.contains("First: Calf stretch · Left foot"),
        "{screen}"
    );
    pty.wait_for("Calf stretch · Left foot");
    pty.wait_for("Switch sides");
    pty.wait_for("Calf stretch · Right foot");
    let screen = pty.wait_for("Rest");
    assert!(screen.contains("Next: Toe curls"), "{screen}");
    pty.wait_for("Rep 1 of 2");
    // The summary is drawn before the session is recorded, and says "Saved." a moment later.
    let screen = pty.wait_for("Saved. Streak: 1 night, tonight kept.");
    support::assert_has(&screen, &["Tonight is kept.", "Held to the end   3 of 3"]);
    pty.send(b"q");
    assert!(pty.wait_exit());

    let history = home.history();
    assert_eq!(history.len(), 1);
    let session = &history[0];
    assert_eq!(session["outcome"], "completed");
    assert_eq!(session["routine"], "pty-test");
    let steps = session["steps"].as_array().expect("steps");
    let sides: Vec<(&str, &str)> = steps
        .iter()
        .map(|s| {
            (
                s["side"].as_str().unwrap_or("-"),
                s["status"].as_str().unwrap_or("?"),
            )
        })
        .collect();
    assert_eq!(
        sides,
        [
            ("left", "completed"),
            ("right", "completed"),
            ("-", "completed")
        ]
    );
    assert!(!home.data().join("current.json").exists());
}

/// A session of [`quick_home`]'s routine in a terminal, sent `signal` once the screen shows
/// `shown`, and waited on until it has exited and every byte it wrote is read.
fn signalled_when(shown: &str, signal: &str) -> (Home, Pty) {
    let home = quick_home();
    let mut pty = Pty::spawn(home.command(&["run", "pty-test.toml"]));
    pty.wait_for(shown);
    pty.signal(signal);
    pty.wait_exit_and_output();
    (home, pty)
}

#[test]
fn a_killed_session_is_recovered_as_interrupted_at_the_next_start() {
    let (home, _pty) = signalled_when("Switch sides", "-KILL");
    assert!(
        home.data().join("current.json").exists(),
        "progress was saved"
    );

    let output = home.run(&["stats"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("bedstretch: recovered an interrupted session (Pty test, started "),
        "{stderr}"
    );
    let history = home.history();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["outcome"], "interrupted");
    assert_eq!(
        history[0]["steps"][0]["status"], "completed",
        "the left side was done"
    );
    assert_eq!(history[0]["steps"][1]["status"], "not_reached");
    assert!(!home.data().join("current.json").exists());
}

#[test]
fn sigterm_and_sigquit_give_the_terminal_back_and_record_the_session() {
    for signal in ["-TERM", "-QUIT"] {
        quit_by_signal(signal);
    }
}

fn quit_by_signal(signal: &str) {
    let (home, pty) = signalled_when("Switch sides", signal);
    let raw = pty.raw_output();
    assert!(
        contains(&raw, b"\x1b[?1049l"),
        "{signal}: left the alternate screen"
    );
    assert!(
        contains(&raw, b"\x1b[?25h"),
        "{signal}: showed the cursor again"
    );
    let history = home.history();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["outcome"], "quit", "{signal}");
    assert!(!Path::new(&home.data().join("current.json")).exists());
}

#[test]
fn sigterm_in_the_get_ready_countdown_records_nothing() {
    let (home, _pty) = signalled_when("Get ready", "-TERM");
    let history = home.data().join("history");
    assert!(
        !history.exists() || home.history().is_empty(),
        "nothing was held, so nothing was recorded"
    );
    assert!(!home.data().join("current.json").exists());
}

/// A routine long enough to stay on one screen while the test works.
const LONG_TEST: &str = r#"
name = "Long test"
lead_in = 0

[[step]]
name = "Long hold"
duration = "10m"
"#;

/// [`quick_home`] with [`LONG_TEST`] beside it, as `long.toml`.
fn long_home() -> Home {
    let home = quick_home();
    home.write("long.toml", LONG_TEST);
    home
}

/// A session of `long.toml` in a terminal, on its one step.
fn long_session(home: &Home) -> Pty {
    let pty = Pty::spawn(home.command(&["run", "long.toml"]));
    pty.wait_for("Long hold");
    pty
}

/// Resizes the terminal with no key sent, and waits until the screen is drawn whole for the
/// new size: the footer (which holds "quit") on its last row.
fn redrawn_at(pty: &mut Pty, cols: u16, rows: u16) {
    pty.forget_output();
    pty.resize(cols, rows);
    let last = usize::from(rows) - 1;
    pty.wait_until(
        &format!("the footer on row {rows} of {cols}x{rows}"),
        |screen| screen.lines().nth(last).is_some_and(|l| l.contains("quit")),
    );
}

#[test]
fn keys_typed_together_are_each_handled_at_once() {
    let home = long_home();
    let mut pty = long_session(&home);
    // One write, as fast typing over ssh or tmux arrives: the quit question and its answer.
    pty.send(b"qy");
    pty.wait_for("Tonight is not kept yet");
    pty.send(b"q");
    assert!(pty.wait_exit());
    assert_eq!(home.history()[0]["outcome"], "quit");
}

#[test]
fn a_resize_redraws_without_a_key_on_both_screens() {
    let home = long_home();
    let mut pty = long_session(&home);
    redrawn_at(&mut pty, 40, 12);
    pty.send(b"\x03");
    assert!(pty.wait_exit());

    let mut pty = Pty::spawn(home.command(&[]));
    pty.wait_for("Routines");
    redrawn_at(&mut pty, 50, 15);
    pty.send(b"q");
    assert!(pty.wait_exit());
}

#[test]
fn ctrl_z_under_a_job_control_shell_stops_the_job_and_fg_repaints_it_paused() {
    let home = long_home();
    // A shell that does job control, as the person's own does: the session runs as a job,
    // Ctrl-Z hands the terminal back to the shell, and `fg` (after a line is read) brings
    // the session back.
    let script = format!(
        "set -m; '{}' run long.toml; echo JOB-STOPPED; read line; echo GOT-$line; fg",
        env!("CARGO_BIN_EXE_bedstretch")
    );
    let cmd = home.program("bash", &["--norc", "--noprofile", "-c", &script]);
    let mut pty = Pty::spawn(cmd);
    pty.wait_for("Long hold");
    pty.forget_output();
    pty.send(b"\x1a");
    pty.wait_for("JOB-STOPPED");
    let session = pty.child_pid();
    assert_eq!(state_of(&session), 'T', "the session is stopped");
    let raw = pty.raw_output();
    assert!(contains(&raw, b"\x1b[?1049l"), "left the alternate screen");
    assert!(contains(&raw, b"\x1b[?25h"), "showed the cursor");
    // Stopped for a while: none of it may count as held.
    thread::sleep(Duration::from_millis(2_500));
    // The terminal is cooked again: a typed line is echoed and read whole by the shell.
    pty.send(b"back\r");
    let screen = pty.wait_for("Paused");
    assert!(screen.contains("Long hold"), "repainted whole: {screen}");
    assert!(
        contains(&pty.raw_output(), b"GOT-back"),
        "the shell read the line in a cooked terminal"
    );
    // Raw mode again: a single key acts without Enter.
    pty.send(b"q");
    pty.wait_for("Quit?");
    pty.send(b"y");
    pty.wait_for("Tonight is not kept yet");
    pty.send(b"q");
    assert!(pty.wait_exit());
    let done = home.history()[0]["steps"][0]["done_secs"]
        .as_u64()
        .expect("done_secs");
    assert!(done < 2, "the time stopped was not held: {done} s");
}

#[test]
fn ctrl_z_with_no_shell_to_come_back_to_pauses_and_never_freezes() {
    // Run straight in the terminal, as `ssh host bedstretch` does: nothing could continue a
    // stopped job, so the kernel drops the stop and the session simply pauses.
    let home = long_home();
    let mut pty = long_session(&home);
    pty.forget_output();
    pty.send(b"\x1a");
    let screen = pty.wait_for("Paused");
    assert!(screen.contains("Long hold"), "{screen}");
    assert_ne!(pty.state(), 'T', "not stopped for good");
    pty.send(b" ");
    pty.wait_for("Next: the end");
    pty.send(b"\x03");
    assert!(pty.wait_exit());
}

#[test]
fn ctrl_z_inside_a_pid_namespace_pauses_and_never_panics() {
    // In a container or under many CI runners, a process group that began outside the PID
    // namespace reads as 0; looking it up through rustix's getpgid took the session down
    // with a failed assertion at Ctrl-Z. `unshare` needs privileges some machines do not
    // give: there the case cannot be built, and the test says so rather than pretend.
    let probe = std::process::Command::new("unshare")
        .args(["-p", "-f", "--mount-proc", "true"])
        .output();
    if !probe.is_ok_and(|out| out.status.success()) {
        eprintln!("skipped: unshare cannot make a PID namespace here");
        return;
    }
    let home = long_home();
    // sh stays as the namespace's first process, so bedstretch is its child, in a group
    // begun outside: the case the CI runner was in.
    let bin = env!("CARGO_BIN_EXE_bedstretch");
    let args = [
        "-p",
        "-f",
        "--mount-proc",
        "sh",
        "-c",
        "\"$0\" run long.toml",
        bin,
    ];
    let mut pty = Pty::spawn(home.program("unshare", &args));
    pty.wait_for("Long hold");
    pty.forget_output();
    pty.send(b"\x1a");
    let screen = pty.wait_for("Paused");
    assert!(screen.contains("Long hold"), "{screen}");
    pty.send(b"\x03");
    assert!(pty.wait_exit());
}

/// A one-step routine of a second, to reach the end quickly.
const ONE_SECOND: &str =
    "name = \"One second\"\nlead_in = 0\n[[step]]\nname = \"Hold\"\nduration = 1\n";

#[test]
fn a_session_the_history_refuses_is_kept_printed_and_blocks_the_next_until_added() {
    let home = quick_home();
    std::fs::write(home.dir.path().join("one.toml"), ONE_SECOND).expect("routine");
    // A file where the history folder should be: every append fails, whoever runs it.
    std::fs::create_dir_all(home.data()).expect("data folder");
    std::fs::write(home.data().join("history"), "not a folder").expect("file");
    let mut pty = Pty::spawn(home.command(&["run", "one.toml"]));
    let screen = pty.wait_for("Not in your history yet");
    assert!(
        screen.contains("current.json"),
        "says where it is kept: {screen}"
    );
    pty.send(b"q");
    assert!(!pty.wait_exit_and_output(), "exits non-zero");
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    support::assert_has(
        &raw,
        &["To add it yourself:", "echo '{\"v\":1,\"kind\":\"session\""],
    );
    let kept = std::fs::read_to_string(home.data().join("current.json")).expect("kept");
    assert!(kept.contains("\"outcome\":\"completed\""), "{kept}");

    // The next session would write over it: it does not start, and says why.
    let mut pty = Pty::spawn(home.command(&["run", "one.toml"]));
    assert!(!pty.wait_exit_and_output());
    let said = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(
        said.contains("holds an interrupted session that could not be added"),
        "{said}"
    );
    assert!(
        home.data().join("current.json").exists(),
        "still kept, not written over"
    );
}

#[test]
fn a_data_folder_that_takes_nothing_still_lets_a_person_stretch() {
    let home = quick_home();
    std::fs::write(home.dir.path().join("one.toml"), ONE_SECOND).expect("routine");
    // A file where the data folder should be: nothing can be written there at all.
    std::fs::write(home.dir.path().join("data"), "not a folder").expect("file");
    let tmp = home.dir.path().join("tmp");
    std::fs::create_dir(&tmp).expect("tmp");
    let mut cmd = home.command(&["run", "one.toml"]);
    cmd.env("TMPDIR", &tmp);
    let mut pty = Pty::spawn(cmd);
    let screen = pty.wait_for("Not in your history yet");
    assert!(screen.contains("bedstretch-unsaved-"), "{screen}");
    pty.send(b"q");
    assert!(!pty.wait_exit());
    let kept: Vec<_> = std::fs::read_dir(&tmp)
        .expect("tmp")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(kept.len(), 1, "kept in the temporary folder: {kept:?}");
}

#[test]
fn plain_mode_reads_keys_in_cbreak_mode_suspends_and_gives_the_terminal_back() {
    let home = long_home();
    // Under a job control shell, as the person's own: keys act without Enter, Ctrl-Z gives
    // the shell a cooked terminal, and `fg` brings the session back, paused.
    let script = format!(
        "set -m; '{}' run --plain long.toml; echo JOB-STOPPED; read line; echo GOT-$line; \
         fg; read after; echo AFTER-$after",
        env!("CARGO_BIN_EXE_bedstretch")
    );
    let cmd = home.program("bash", &["--norc", "--noprofile", "-c", &script]);
    let mut pty = Pty::spawn(cmd);
    pty.wait_for("Long hold, 10 minutes");
    pty.wait_for("Long hold: 9:5");
    pty.send(b" ");
    pty.wait_for("Paused. Press Space to go on");
    pty.send(b" ");
    pty.wait_for("Going on");
    pty.send(b"\x1a");
    pty.wait_for("JOB-STOPPED");
    assert_eq!(state_of(&pty.child_pid()), 'T', "the session is stopped");
    pty.forget_output();
    pty.send(b"back\r");
    pty.wait_for("GOT-back");
    // `fg` names the job it brings back, and the session then says it is paused: both are
    // written before the key below, or they would be taken for its echo.
    pty.wait_for_written("run --plain long.toml");
    pty.wait_for_written("Paused. Long hold");
    pty.forget_output();
    pty.send(b"q");
    pty.wait_for("Quit? Press y");
    let raw = pty.raw_output();
    assert!(
        raw.starts_with(b"\r\x1b[K"),
        "the key is not echoed: {:?}",
        String::from_utf8_lossy(&raw)
    );
    pty.send(b"y");
    let screen = pty.wait_for("Saved.");
    assert!(screen.contains("Stopped: 0 of 1 held."), "{screen}");
    // The terminal is cooked again once the session is over: a line is echoed and read.
    pty.send(b"done\r");
    pty.wait_for("AFTER-done");
    assert!(pty.wait_exit());
    let history = home.history();
    assert_eq!(history[0]["outcome"], "quit");
}
