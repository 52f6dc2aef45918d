//! `on_session_end` through the real binary, with real hook programs: it reads the session's
//! history line, whether the session was just run in plain mode or recovered at start; what it
//! prints never reaches the terminal; a failure is one line and the record is kept; a hook
//! that hangs is stopped, with what it started, at ten seconds. The plain runs take the
//! one-second routine's six seconds and the hanging hook its ten, so they are few.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bedstretch::clock::{Clock, SystemClock};

mod support;

use support::cli;
use support::folders::Folders;

/// A folder of a person whose config runs `hook` (a shell script, written here) after each
/// session, with `out` (a file beside it) as its argument.
struct Home {
    folders: Folders,
}

impl Home {
    fn with_hook(script: &str) -> Self {
        let folders = Folders::new();
        let root = folders.root();
        let hook = root.join("hook.sh");
        fs::write(&hook, format!("#!/bin/sh\n{script}")).expect("hook");
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).expect("runnable");
        let config = root.join("config/bedstretch");
        fs::create_dir_all(&config).expect("config folder");
        let command = format!("{} {}", hook.display(), root.join("out").display());
        fs::write(
            config.join("config.toml"),
            format!("on_session_end = {command:?}\n"),
        )
        .expect("config");
        Self { folders }
    }

    fn root(&self) -> &Path {
        self.folders.root()
    }

    fn hook(&self) -> PathBuf {
        self.root().join("hook.sh")
    }

    fn out(&self) -> String {
        fs::read_to_string(self.root().join("out")).expect("the hook wrote its file")
    }

    /// The one-second routine, run plainly to its end without sounds (whose missing player
    /// would be a line of its own): exit code, stdout, stderr.
    fn run_plain(&self) -> (i32, String, String) {
        let args = plain_args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        cli::run(self.root(), &args)
    }

    /// A session left behind in current.json, for the next command to recover.
    fn left_behind(&self) {
        let record = "{\"v\":1,\"kind\":\"session\",\"id\":\"x\",\"routine\":\"quick\",\
                      \"routine_name\":\"Quick\",\"started_at\":\"2026-11-23T22:00:00+01:00\",\
                      \"ended_at\":\"2026-11-23T22:01:00+01:00\",\"outcome\":\"interrupted\",\
                      \"steps\":[]}";
        fs::create_dir_all(self.folders.data()).expect("data folder");
        fs::write(self.folders.data().join("current.json"), record).expect("progress");
    }

    /// The whole of this device's history file, the only one.
    fn history_text(&self) -> String {
        let mut files = fs::read_dir(self.folders.history()).expect("history folder");
        let file = files.next().expect("a history file").expect("entry");
        assert!(files.next().is_none(), "one history file");
        fs::read_to_string(file.path()).expect("history")
    }
}

/// `run --plain --no-sound` of the one-second routine.
fn plain_args() -> [String; 4] {
    let routine = support::one_second_path();
    [
        "run",
        "--plain",
        "--no-sound",
        routine.to_str().expect("utf-8"),
    ]
    .map(String::from)
}

#[test]
fn the_hook_reads_the_history_line_and_nothing_it_prints_reaches_the_terminal() {
    let home =
        Home::with_hook("cat > \"$1\"\necho hook-says-on-stdout\necho hook-says-on-stderr >&2\n");
    let (code, stdout, stderr) = home.run_plain();
    assert_eq!(code, 0, "{stderr}");
    let history = home.history_text();
    assert_eq!(history.lines().count(), 1, "{history}");
    assert_eq!(home.out(), history, "exactly the line, newline and all");
    assert!(!stdout.contains("hook-says"), "{stdout}");
    assert_eq!(stderr, "", "nothing to say");
}

#[test]
fn a_failing_hook_is_one_line_after_the_session_which_is_in_the_history() {
    let home = Home::with_hook("exit 3\n");
    let (code, stdout, stderr) = home.run_plain();
    assert_eq!(code, 0, "the session is saved: {stderr}");
    assert!(stdout.contains("Saved."), "the closing lines: {stdout}");
    assert_eq!(
        stderr,
        format!(
            "bedstretch: on_session_end failed: `{}` exited with status 3; your session is \
             saved\n",
            home.hook().display()
        )
    );
    assert_eq!(cli::history(home.root()).len(), 1);
}

#[test]
fn a_recovered_session_runs_the_hook_too() {
    let home = Home::with_hook("cat > \"$1\"\n");
    home.left_behind();
    let (code, _, stderr) = cli::run(home.root(), &["stats"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("recovered an interrupted session"),
        "{stderr}"
    );
    let history = home.history_text();
    assert_eq!(home.out(), history);
    assert!(history.contains("\"interrupted\""), "{history}");
}

#[test]
fn a_hook_that_hangs_is_stopped_with_what_it_started_at_ten_seconds_and_told() {
    // The hook's shell and a sleep it started, both in its process group.
    let home = Home::with_hook("echo $$ > \"$1\"\nsleep 60 &\necho $! >> \"$1\"\nwait\n");
    home.left_behind();
    let clock = SystemClock::new();
    let (code, _, stderr) = cli::run(home.root(), &["stats"]);
    let took = clock.moment();
    assert_eq!(code, 0, "{stderr}");
    assert!(
        took >= Duration::from_secs(10) && took < Duration::from_secs(15),
        "{took:?}"
    );
    cli::has_line(
        &stderr,
        &format!(
            "bedstretch: on_session_end failed: `{}` was still running after 10 seconds and \
             was stopped; your session is saved",
            home.hook().display()
        ),
    );
    assert_eq!(cli::history(home.root()).len(), 1, "the record is kept");
    let pids = home.out();
    assert_eq!(pids.lines().count(), 2, "{pids}");
    for pid in pids.lines() {
        // Gone, or a zombie that only waits for whoever adopted it to reap it.
        let ps = std::process::Command::new("ps")
            .args(["-o", "stat=", "-p", pid])
            .output()
            .expect("ps runs");
        let state = String::from_utf8_lossy(&ps.stdout);
        assert!(
            state.trim().is_empty() || state.trim().starts_with('Z'),
            "process {pid} is still there: {state}"
        );
    }
}

#[test]
fn ctrl_c_while_a_hook_runs_after_a_session_ends_bedstretch_at_once() {
    // A hook that would hold bedstretch for its whole ten seconds.
    let home = Home::with_hook("echo $$ > \"$1\"\nexec sleep 60\n");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bedstretch"))
        .args(plain_args())
        .env("XDG_CONFIG_HOME", home.root().join("config"))
        .env("XDG_DATA_HOME", home.root().join("data"))
        .env("XDG_CACHE_HOME", home.root().join("cache"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("runs");
    // The session is over and saved once the hook has started.
    let out = home.root().join("out");
    let waited = SystemClock::new();
    while !fs::read_to_string(&out).is_ok_and(|pid| pid.ends_with('\n')) {
        assert!(
            waited.moment() < Duration::from_secs(30),
            "the hook never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let hook_pid = home.out().trim().to_string();
    let pid = child.id().to_string();
    let sent = SystemClock::new();
    let kill = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status();
    assert!(kill.expect("kill runs").success());
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if sent.moment() > Duration::from_secs(8) {
            let _ = child.kill();
            let _ = child.wait();
            break std::process::ExitStatus::default();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = sent.moment();
    // The hook is in a process group of its own, which Ctrl-C at the terminal does not reach;
    // it is the test's to stop.
    let _ = std::process::Command::new("kill")
        .args(["-KILL", "--", &format!("-{hook_pid}")])
        .status();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        status.signal(),
        Some(2),
        "ended by SIGINT as any program is, {took:?}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert_eq!(cli::history(home.root()).len(), 1, "the session is saved");
}
