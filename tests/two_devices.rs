//! README's "On two computers" with git, run as written: two data folders whose history
//! folders are clones of one bare repository, sessions on both (recorded by the binary and
//! committed and pushed by the README's own `on_session_end` script), each pulling with
//! `--rebase` before its session. In the end both show the same streak and the same history,
//! nothing lost, and git never met a conflict. Real git, with no global or system config.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod support;

use support::cli::{self, session_line, strings};
use support::folders::Folders;

const AS_OF: &str = "2026-12-06T12:00:00+01:00";

/// git in `dir`, as the README runs it, with a fixed author and no config but its own;
/// panics with what git said when it fails, unless `may_fail`.
fn git_in(dir: &Path, args: &[&str], may_fail: bool) -> String {
    let output = Command::new("git")
        .envs(GIT_ENV)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        may_fail || output.status.success(),
        "git {args:?} in {}: {said}",
        dir.display()
    );
    said
}

fn git(dir: &Path, args: &[&str]) -> String {
    git_in(dir, args, false)
}

/// No config but the repository's own, and a fixed author and date.
const GIT_ENV: [(&str, &str); 8] = [
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Ann"),
    ("GIT_AUTHOR_EMAIL", "ann@example.org"),
    ("GIT_COMMITTER_NAME", "Ann"),
    ("GIT_COMMITTER_EMAIL", "ann@example.org"),
    ("GIT_AUTHOR_DATE", "2026-12-06T12:00:00+01:00"),
    ("GIT_COMMITTER_DATE", "2026-12-06T12:00:00+01:00"),
];

/// The README's `bedstretch-push` script, exactly as it stands there.
fn readme_push_script() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("#!/bin/sh\n# bedstretch-push")
        .expect("the README's bedstretch-push script");
    let end = readme[start..].find("```").expect("the script's end");
    readme[start..start + end].to_string()
}

/// One computer: its folders, named machine, with the README's script as `on_session_end`.
struct Computer {
    folders: Folders,
    machine: &'static str,
    /// When its sessions start, "HH:MM".
    bedtime: &'static str,
}

impl Computer {
    fn new(machine: &'static str, bedtime: &'static str) -> Self {
        let folders = Folders::new();
        let script = folders.root().join("bedstretch-push");
        fs::write(&script, readme_push_script()).expect("script");
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).expect("executable");
        let config = folders.root().join("config/bedstretch");
        fs::create_dir_all(&config).expect("config folder");
        let line = format!("on_session_end = {:?}\n", script.display().to_string());
        fs::write(config.join("config.toml"), line).expect("config");
        fs::create_dir_all(folders.history()).expect("history folder");
        Self {
            folders,
            machine,
            bedtime,
        }
    }

    fn history(&self) -> PathBuf {
        self.folders.history()
    }

    /// bedstretch on this computer: stdout, after checking that it worked and said nothing
    /// but `expected` on stderr.
    fn bedstretch(&self, args: &[&str], expected: &str) -> String {
        let mut cmd = cli::bedstretch(self.folders.root(), args);
        cmd.env("BEDSTRETCH_MACHINE_ID", self.machine).envs(GIT_ENV);
        let (code, stdout, stderr) = cli::said(&cmd.output().expect("runs"));
        assert_eq!(
            (code, stderr.as_str()),
            (0, expected),
            "bedstretch {args:?}"
        );
        stdout
    }

    /// A whole session on the night of `day`, recorded by bedstretch and handed to the
    /// script: left behind as if bedstretch had died after it, then recovered by the next
    /// command, which appends it to this computer's file and runs `on_session_end` for it.
    fn session(&self, id: &str, day: u32) {
        let at = format!("2026-12-{day:02}T{}:00+01:00", self.bedtime);
        fs::write(
            self.folders.data().join("current.json"),
            session_line(id, &at),
        )
        .expect("session");
        let told = format!(
            "bedstretch: added a session that could not be saved at the time (Quick, started \
             2026-12-{day:02} {}); it is in your history\n",
            self.bedtime
        );
        self.bedstretch(&["stats"], &told);
    }

    /// The README's "before a session": pull with --rebase.
    fn pull(&self) {
        git(&self.history(), &["pull", "-q", "--rebase"]);
    }

    fn stats(&self) -> Value {
        serde_json::from_str(&self.bedstretch(&["stats", "--json", "--as-of", AS_OF], ""))
            .expect("stats JSON")
    }

    fn history_json(&self) -> Value {
        serde_json::from_str(&self.bedstretch(&["history", "--json", "--as-of", AS_OF], ""))
            .expect("history JSON")
    }
}

#[test]
fn two_computers_share_one_history_through_git_without_a_conflict() {
    let server = tempfile::tempdir().expect("server");
    let bare = server.path().join("bedstretch-history.git");
    git(
        server.path(),
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            "bedstretch-history.git",
        ],
    );
    let origin = bare.to_str().expect("utf-8");
    let (laptop, desktop) = (
        Computer::new("laptop", "22:00"),
        Computer::new("desktop", "22:30"),
    );

    // The first computer, with a diary entry already, as the README sets it up.
    laptop.bedstretch(&["cramp", "2", "--as-of", "2026-12-01T07:00:00+01:00"], "");
    let dir = laptop.history();
    git(&dir, &["init", "-q", "-b", "main"]);
    fs::write(dir.join(".gitignore"), "*\n!*.jsonl\n!.gitignore\n").expect(".gitignore");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "bedstretch history"]);
    git(&dir, &["remote", "add", "origin", origin]);
    git(&dir, &["push", "-q", "-u", "origin", "main"]);

    // The other computer, which has a history of its own already.
    desktop.bedstretch(&["cramp", "4", "--as-of", "2026-12-02T07:00:00+01:00"], "");
    let dir = desktop.history();
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["remote", "add", "origin", origin]);
    git(&dir, &["pull", "-q", "origin", "main"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "bedstretch history"]);
    git(&dir, &["push", "-q", "-u", "origin", "main"]);

    // Nights in turn, each pulling before its session...
    laptop.pull();
    laptop.session("a2", 2);
    laptop.pull();
    laptop.session("a3", 3);
    desktop.pull();
    desktop.session("b4", 4);
    // ...and one night on both without a pull between: the script's pull --rebase meets it.
    laptop.pull();
    laptop.session("a5", 5);
    desktop.session("b5", 5);
    laptop.pull();
    desktop.pull();

    let (stats, history) = (laptop.stats(), laptop.history_json());
    assert_eq!(
        (&stats["current_streak"], &stats["sessions"]),
        (&4.into(), &5.into())
    );
    assert_eq!(strings(&history, "id")[..5], ["b5", "a5", "b4", "a3", "a2"]);
    assert_eq!(
        history.as_array().map(Vec::len),
        Some(7),
        "the diary entries too"
    );
    assert_eq!(desktop.stats(), stats);
    assert_eq!(desktop.history_json(), history);
    for computer in [&laptop, &desktop] {
        let dir = computer.history();
        assert_eq!(
            git(&dir, &["status", "--porcelain"]),
            "",
            "nothing left uncommitted"
        );
        assert_eq!(
            git(&dir, &["rev-parse", "HEAD"]),
            git(&dir, &["rev-parse", "origin/main"])
        );
        // Each computer wrote its own file only: one per device, nothing else committed.
        let files = git(&dir, &["ls-files"]);
        assert_eq!(
            files.lines().filter(|f| f.ends_with(".jsonl")).count(),
            2,
            "{files}"
        );
        assert_eq!(files.lines().count(), 3, "{files}");
    }
    let log = git(&bare, &["log", "--format=%s", "main"]);
    assert!(!log.contains("Merge"), "a straight line of commits:\n{log}");
}
