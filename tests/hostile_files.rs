//! Files a sync tool or a stranger can put in the data folders: FIFOs, devices, folders,
//! endless or sparse files, a bloated cache, escape sequences, a same-size rewrite. Each must
//! be a warning at worst, never a hang, a flood of memory or a raw escape on the terminal.
//!
//! Every run goes through the real binary with a timeout, in a temporary folder.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Long enough for a slow, shared machine; a hang fails the test instead of freezing it.
const TIMEOUT: Duration = Duration::from_secs(10);

/// A person's folders, in a temporary folder of their own.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        let home = Self {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fs::create_dir_all(home.history()).expect("history folder");
        fs::create_dir_all(home.routines()).expect("routines folder");
        home
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data/bedstretch")
    }

    fn history(&self) -> PathBuf {
        self.data().join("history")
    }

    fn routines(&self) -> PathBuf {
        self.dir.path().join("config/bedstretch/routines")
    }

    fn write_history(&self, name: &str, text: &str) -> PathBuf {
        let path = self.history().join(name);
        fs::write(&path, text).expect("write history");
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("bedstretch")
            .expect("binary")
            .args(args)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("NO_COLOR", "1")
            .timeout(TIMEOUT)
            .output()
            .expect("runs")
    }

    /// Runs and expects success; returns stdout and stderr.
    fn ok(&self, args: &[&str]) -> (String, String) {
        let output = self.run(args);
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            output.status.success(),
            "{args:?} failed ({:?})\nstdout: {stdout}\nstderr: {stderr}",
            output.status
        );
        (stdout, stderr)
    }

    fn sessions(&self) -> (u64, String) {
        let (stdout, stderr) = self.ok(&["stats", "--json", "--as-of", AS_OF]);
        let value: Value = serde_json::from_str(&stdout).expect("stats JSON");
        (value["sessions"].as_u64().expect("sessions"), stderr)
    }
}

const AS_OF: &str = "2026-11-30T23:00:00+01:00";

/// One good session line, on night `day` of November 2026.
fn session(day: u32) -> String {
    format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":\"s{day}\",\"routine\":\"quick\",\"routine_name\":\"Quick\",\
         \"started_at\":\"2026-11-{day:02}T22:00:00+01:00\",\"ended_at\":\"2026-11-{day:02}T22:05:00+01:00\",\
         \"outcome\":\"completed\",\"steps\":[{{\"name\":\"Toe curls\",\"planned_secs\":30,\"done_secs\":30,\"status\":\"completed\"}}]}}\n"
    )
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_or_dev_zero_as_the_session_in_progress_is_a_warning() {
    for make in ["fifo", "zero"] {
        let home = Home::new();
        home.write_history("a.jsonl", &session(20));
        let current = home.data().join("current.json");
        match make {
            "fifo" => mkfifo(&current),
            _ => symlink("/dev/zero", &current).expect("symlink"),
        }
        let (sessions, stderr) = home.sessions();
        assert_eq!(sessions, 1, "{make}");
        assert!(
            stderr.contains("current.json") && stderr.contains("not a regular file"),
            "{make}: {stderr}"
        );
    }
}

#[test]
fn a_fifo_or_dev_zero_as_a_routine_is_listed_as_a_problem() {
    let home = Home::new();
    mkfifo(&home.routines().join("pipe.toml"));
    symlink("/dev/zero", home.routines().join("zero.toml")).expect("symlink");
    let (stdout, _) = home.ok(&["routine", "list"]);
    assert!(stdout.contains("bedtime-feet"), "{stdout}");
    assert!(
        stdout.contains("pipe.toml: cannot read: it is a named pipe (FIFO), not a regular file"),
        "{stdout}"
    );
    assert!(
        stdout.contains("zero.toml: cannot read: it is a device, not a regular file"),
        "{stdout}"
    );
    let pipe = home.routines().join("pipe.toml");
    let output = home.run(&["routine", "validate", pipe.to_str().expect("utf-8")]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("named pipe (FIFO)"), "{stderr}");
    let output = home.run(&["run", "--", pipe.to_str().expect("utf-8")]);
    assert!(!output.status.success());
}
