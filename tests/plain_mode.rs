//! `bedstretch run --plain` through the real binary, with standard output piped and standard
//! input closed: every line of a routine of one-second steps, the exit status and the history
//! line; the automatic choice where the full screen cannot show; and SIGTERM mid-session.
//! These sleep for real (a few seconds each), so they are few and every wait is generous.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod support;

use support::folders::Folders;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(30);

struct Home(Folders);

home_over_folders!(Home);

impl Home {
    fn new() -> Self {
        Self(Folders::new())
    }

    /// bedstretch with its folders here, input closed, output piped, and a terminal type
    /// that could show the full screen unless a test says otherwise.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("bedstretch").expect("binary is built");
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"))
            .env("TERM", "xterm-256color")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn history(&self) -> Vec<Value> {
        support::cli::history(self.dir.path())
    }
}

/// Every line of the one-second routine, as a pipe receives it.
const ONE_SECOND_LINES: &str = "\
Get ready: Calf stretch, left foot, 1 second
Calf stretch, left foot, 1 second
Switch to your right foot
Right foot, 1 second
Rest 1 second. Next: Toe curls
Toe curls, 1 second
Done: 3 of 3 held. Tonight is kept. Sleep well.
Saved. Streak: 1 night, tonight kept.
";

fn statuses(session: &Value) -> Vec<(String, u64)> {
    session["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["status"].as_str().expect("status").to_string(),
                s["done_secs"].as_u64().expect("secs"),
            )
        })
        .collect()
}

#[test]
fn a_plain_run_without_a_terminal_prints_every_moment_and_records_the_session() {
    let home = Home::new();
    let file = support::one_second_path();
    let output = home
        // Without sounds: a machine with no player would say so once (tests/sound.rs).
        .command(&[
            "run",
            "--plain",
            "--no-sound",
            file.to_str().expect("utf-8"),
        ])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "nothing to say on standard error"
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), ONE_SECOND_LINES);
    assert_eq!(output.status.code(), Some(0));
    let history = home.history();
    assert_eq!(history.len(), 1);
    let session = &history[0];
    assert_eq!(session["outcome"], "completed");
    assert_eq!(session["routine"], "one-second");
    assert_eq!(
        statuses(session),
        [
            ("completed".to_string(), 1),
            ("completed".to_string(), 1),
            ("completed".to_string(), 1)
        ]
    );
    assert!(
        !home
            .dir
            .path()
            .join("data/bedstretch/current.json")
            .exists(),
        "the progress file is gone once the session is in the history"
    );
}

#[test]
fn a_terminal_that_cannot_show_the_full_screen_runs_plainly_and_says_why() {
    let home = Home::new();
    let file = support::one_second_path();
    let output = home
        .command(&["run", "--no-sound", file.to_str().expect("utf-8")])
        .env("TERM", "dumb")
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "bedstretch: this terminal cannot show the full screen (TERM=dumb); \
         running plainly, line by line\n"
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), ONE_SECOND_LINES);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(home.history().len(), 1);

    // Home is not a session: there it says how to start one plainly, and starts nothing.
    let output = home.command(&[]).env_remove("TERM").output().expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "bedstretch: this terminal cannot show the home screen (TERM is not set); \
         `bedstretch run --plain` runs tonight's routine line by line\n"
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(home.history().len(), 1, "nothing more was recorded");
}

#[test]
fn sigterm_mid_session_records_quit_with_what_was_done() {
    let home = Home::new();
    // Two one-second sides, then a long last step, to stop from outside while it is held.
    let file = home.dir.path().join("long-last.toml");
    let routine = support::one_second(
        "Long last",
        &[
            ("switch = 1", "switch = 0"),
            (
                support::LAST_STEP,
                "name = \"Toe curls\"\nduration = \"5m\"\n",
            ),
        ],
        "",
    );
    std::fs::write(&file, routine).expect("routine");
    let mut child = home
        .command(&["run", "--plain", file.to_str().expect("utf-8")])
        .spawn()
        .expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let (send, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    while seen.last().map(String::as_str) != Some("Toe curls, 5 minutes") {
        seen.push(lines.recv_timeout(WAIT).expect("the last step begins"));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("exits");
    let rest: Vec<String> = lines.iter().collect();
    assert_eq!(status.code(), Some(0), "a quit is no failure");
    assert_eq!(
        rest,
        [
            "Stopped: 2 of 3 held. Tonight is not kept yet.",
            "Saved. Streak: 0 nights, tonight not kept yet."
        ]
    );
    let history = home.history();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["outcome"], "quit");
    let steps = statuses(&history[0]);
    assert_eq!(
        steps[..2],
        [("completed".to_string(), 1), ("completed".to_string(), 1)]
    );
    assert_eq!(steps[2].0, "partial");
}
