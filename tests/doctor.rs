//! `bedstretch doctor` through the binary: a fresh home is all well; conflict copies, linked
//! history files, lines that cannot be read, config and routine problems, a missing speaker
//! and a missing notification service are named, each in its line, with exit status 1; and
//! doctor writes nothing. The speaker is a fake program on a PATH of the test's own, the
//! notification service a private dbus-daemon's.

// Only the bus and its service: what was notified is `remind`'s to check.
#[allow(dead_code)]
#[path = "support/session_bus.rs"]
mod session_bus;
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use serde_json::Value;

use session_bus::{Bus, Service};
use support::cli::{has_line, said};
use support::folders::Folders;

const DEVICE: &str = "dev1";
/// Given as the machine's id: it must never be printed.
const MACHINE_ID: &str = "secret-machine-id-4711";
/// No bus listens here.
const NO_BUS: &str = "unix:path=/nonexistent";
const CRAMP: &str = r#"{"v":1,"kind":"cramp","id":"c1","night":"2026-11-23","severity":6,"side":"left","logged_at":"2026-11-24T07:15:02+01:00"}"#;

struct Home {
    folders: Folders,
    /// The PATH's only folder: the programs the test puts there and nothing else.
    bin: tempfile::TempDir,
}

impl Home {
    /// Nothing at all, as on a new machine.
    fn fresh() -> Self {
        Self::over(Folders::new())
    }

    /// A history folder and a routines folder, and this device's id.
    fn used() -> Self {
        Self::over(Folders::used().with_device(DEVICE))
    }

    fn over(folders: Folders) -> Self {
        let bin = tempfile::tempdir().expect("bin");
        Self { folders, bin }
    }

    fn config(&self, text: &str) {
        let dir = self.folders.root().join("config/bedstretch");
        fs::create_dir_all(&dir).expect("config folder");
        fs::write(dir.join("config.toml"), text).expect("config");
    }

    /// A program on the PATH that does nothing.
    fn program(&self, name: &str) {
        let path = self.bin.path().join(name);
        fs::write(&path, "#!/bin/sh\nexit 0\n").expect("program");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod");
    }

    /// `bedstretch doctor ARGS` on the bus at `bus`: exit code, stdout, stderr, with the
    /// test's own folder written `ROOT` and the PATH's `BIN`.
    fn doctor(&self, bus: &str, args: &[&str]) -> (i32, String, String) {
        let mut all = vec!["doctor"];
        all.extend(args);
        let output = support::cli::bedstretch(self.folders.root(), &all)
            .env("PATH", self.bin.path())
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .env("BEDSTRETCH_MACHINE_ID", MACHINE_ID)
            .env("TERM", "xterm-256color")
            .env_remove("COLORTERM")
            .env_remove("COLORFGBG")
            .env_remove("NO_COLOR")
            .env_remove("SSH_CONNECTION")
            .env_remove("SSH_TTY")
            .output()
            .expect("runs");
        let (code, out, err) = said(&output);
        let root = self.folders.root().display().to_string();
        let bin = self.bin.path().display().to_string();
        (code, out.replace(&root, "ROOT").replace(&bin, "BIN"), err)
    }

    /// `doctor` without a bus, which must exit 1 and say `text` as a problem of `check`;
    /// returns what it said.
    #[track_caller]
    fn finds(&self, check: &str, text: &str) -> String {
        let (code, out, err) = self.doctor(NO_BUS, &[]);
        assert_eq!((code, err.as_str()), (1, ""), "{out}");
        says(&out, "PROBLEM", check, text);
        out
    }

    /// `doctor --json`, parsed.
    fn json(&self) -> (i32, Value) {
        let (code, out, err) = self.doctor(NO_BUS, &["--json"]);
        let value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
        (code, value)
    }
}

/// A line as doctor prints it: the level and the check in their columns.
fn line(level: &str, check: &str, text: &str) -> String {
    format!("{level:<7}  {check:<13}  {text}")
}

/// Fails unless doctor said `text` at `level` for `check`, in one line.
#[track_caller]
fn says(out: &str, level: &str, check: &str, text: &str) {
    has_line(out, &line(level, check, text));
}

/// Every file and folder below `dir`, each with its size, so a write of any kind shows.
fn listing(dir: &Path) -> BTreeMap<PathBuf, u64> {
    let mut found = BTreeMap::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        let meta = fs::symlink_metadata(&path).expect("metadata");
        if meta.is_dir() {
            found.extend(listing(&path));
        }
        found.insert(path, meta.len());
    }
    found
}

/// The names of the checks at this status in `--json`'s answer.
fn checks_at<'a>(json: &'a Value, status: &str) -> Vec<&'a str> {
    json["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter(|check| check["status"] == status)
        .map(|check| check["name"].as_str().expect("name"))
        .collect()
}

#[test]
fn a_fresh_home_is_all_well_and_doctor_writes_nothing() {
    let home = Home::fresh();
    let (code, out, err) = home.doctor(NO_BUS, &[]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.last(), Some(&"All is well."), "{out}");
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("ok ") || line.starts_with("info "),
            "{line:?} in\n{out}"
        );
    }
    let checks: Vec<&str> = lines[..lines.len() - 1]
        .iter()
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(
        checks,
        [
            "data",
            "device",
            "history",
            "config",
            "routines",
            "theme",
            "terminal",
            "speaker",
            "player",
            "notifications",
            "timer"
        ]
    );
    says(
        &out,
        "info",
        "speaker",
        "off (voice = false), and none is installed",
    );
    says(
        &out,
        "info",
        "notifications",
        "not asked: remind_at is not set",
    );
    says(
        &out,
        "ok",
        "theme",
        "\"auto\" (the default); chosen: auto: not a full-screen terminal, so not asked: night",
    );
    assert!(!out.contains(MACHINE_ID), "{out}");

    let (code, json) = home.json();
    assert_eq!(code, 0);
    assert_eq!(
        (&json["ok"], &json["problems"]),
        (&Value::Bool(true), &0.into())
    );
    assert_eq!(json["device"]["id"], Value::Null);
    assert_eq!(json["device"]["fingerprint_from"], "BEDSTRETCH_MACHINE_ID");
    assert!(checks_at(&json, "problem").is_empty(), "{json}");
    assert_eq!(
        checks_at(&json, "ok").len() + checks_at(&json, "info").len(),
        11
    );
    assert!(!json.to_string().contains(MACHINE_ID), "{json}");
    // Not a folder made, not a device id, not a cache.
    assert_eq!(listing(home.folders.root()), BTreeMap::new());
}

#[test]
fn conflict_copies_a_linked_file_and_bad_lines_are_named_and_nothing_is_written() {
    let home = Home::used();
    home.folders
        .write_history("dev1.jsonl", &format!("{CRAMP}\nnot json\n"));
    let syncthing = "dev9.sync-conflict-20261206-101500-ABCDEFG.jsonl";
    let dropbox = "dev9 (conflicted copy 2026-12-06).jsonl";
    home.folders.write_history(syncthing, &format!("{CRAMP}\n"));
    home.folders.write_history(dropbox, &format!("{CRAMP}\n"));
    let outside = home.folders.root().join("elsewhere.jsonl");
    fs::write(&outside, format!("{CRAMP}\n")).expect("outside");
    symlink(&outside, home.folders.history().join("dev2.jsonl")).expect("link");
    // A session left behind stays for a command that records: doctor only looks.
    fs::write(home.folders.data().join("current.json"), "{}").expect("progress");
    let before = listing(home.folders.root());

    let (code, out, err) = home.doctor(NO_BUS, &[]);
    assert_eq!((code, err.as_str()), (1, ""), "{out}");
    let history = |text: &str| says(&out, "PROBLEM", "history", text);
    says(&out, "info", "history", "4 files, 5 lines");
    history(
        "dev1.jsonl: 1 of 2 lines cannot be read and is skipped; `bedstretch history` names \
             each with its line number; mend or remove them",
    );
    history(
        "dev2.jsonl is a symbolic link (to ROOT/elsewhere.jsonl): its records are read from \
         there, but a sync tool may copy the link and not the records; put the file itself in \
         place of the link",
    );
    history(&format!(
        "{syncthing} is a conflict copy of dev9.jsonl left by Syncthing: its records are \
             read, each once; once every device has synced, move it out of the history folder"
    ));
    history(&format!(
        "{dropbox} is a conflict copy of dev9.jsonl left by Dropbox (or Nextcloud): its \
             records are read, each once; once every device has synced, move it out of the \
             history folder"
    ));
    assert_eq!(out.lines().last(), Some("4 problems found."), "{out}");

    let (code, json) = home.json();
    assert_eq!(code, 1);
    assert_eq!(json["problems"], 4);
    assert_eq!(checks_at(&json, "problem"), ["history"; 4]);
    assert_eq!(json["device"]["id"], DEVICE);
    let fixes: Vec<&str> = json["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter_map(|c| c["fix"].as_str())
        .collect();
    assert_eq!(fixes.len(), 4, "{json}");
    // Read for the counts, and nothing written: no cache beside the history, no new id, no
    // session recovered.
    assert_eq!(listing(home.folders.root()), before);
}

#[test]
fn this_devices_own_file_as_a_link_is_named_as_one_that_takes_nothing() {
    let home = Home::used();
    let outside = home.folders.root().join("elsewhere.jsonl");
    fs::write(&outside, format!("{CRAMP}\n")).expect("outside");
    symlink(&outside, home.folders.history().join("dev1.jsonl")).expect("link");
    home.finds(
        "history",
        "dev1.jsonl, this device's own file, is a symbolic link (to ROOT/elsewhere.jsonl): \
         bedstretch never appends through a link, so new sessions and diary entries are not \
         saved; put the file itself in place of the link",
    );
}

#[test]
fn config_and_routine_problems_are_named_with_their_lines() {
    let home = Home::used();
    home.config("bell = true\nthem = \"day\"\n");
    fs::write(
        home.folders.routines().join("mine.toml"),
        "name = \"Mine\"\n[[step]]\nname = \"Calf\"\nduration = \"0s\"\n",
    )
    .expect("routine");
    let out = home.finds(
        "config",
        "ROOT/config/bedstretch/config.toml:2:1: unknown key `them`; did you mean `theme`? \
         Mend it in the file; `bedstretch config check` checks it again",
    );
    says(
        &out,
        "PROBLEM",
        "routines",
        "ROOT/config/bedstretch/routines/mine.toml:4:12: step 1 \"Calf\": duration must be \
         1s..30m, got \"0s\"; `bedstretch routine edit mine` mends it; until then it is skipped",
    );
}

#[test]
fn voice_without_a_speaker_is_a_problem_and_with_one_is_ok() {
    let home = Home::used();
    home.config("voice = true\n");
    home.finds(
        "speaker",
        "the cues are not spoken: none of espeak-ng, espeak, spd-say or say is installed; \
             install one (espeak-ng is small), or set voice_command in the config",
    );
    home.program("espeak-ng");
    let (code, out, _) = home.doctor(NO_BUS, &[]);
    assert_eq!(code, 0, "{out}");
    says(&out, "ok", "speaker", "BIN/espeak-ng speaks the cues");
}

#[test]
fn a_reminder_needs_a_notification_service_that_answers() {
    let home = Home::used();
    home.config("remind_at = \"22:30\"\n");
    let (code, out, _) = home.doctor(NO_BUS, &[]);
    assert_eq!(code, 1, "{out}");
    let problem = out
        .lines()
        .find(|l| l.starts_with(&line("PROBLEM", "notifications", "")))
        .unwrap_or_else(|| panic!("no notifications problem in\n{out}"));
    assert!(
        problem.contains("no desktop notification service answered")
            && problem.ends_with(
                "the reminder at 22:30 needs one: a desktop session, or a notifier such as \
                 dunst or mako on the session bus"
            ),
        "{problem}"
    );
    // Without systemd on the PATH, whether cron runs it cannot be told.
    says(
        &out,
        "info",
        "timer",
        "none; without systemd, `bedstretch remind install` prints a crontab line to add",
    );

    let Some(bus) = Bus::start() else { return };
    let _service = Service::on(&bus);
    let (code, out, _) = home.doctor(&bus.address, &[]);
    assert_eq!(code, 0, "{out}");
    says(
        &out,
        "ok",
        "notifications",
        "test-notifier 1.0 by bedstretch tests (notification spec 1.2) answers",
    );
}

#[test]
fn the_theme_line_says_which_theme_a_light_terminal_gets_and_why() {
    let home = Home::fresh();
    let output = support::cli::bedstretch(home.folders.root(), &["doctor"])
        .env("PATH", home.bin.path())
        .env("BEDSTRETCH_MACHINE_ID", MACHINE_ID)
        .env("COLORFGBG", "0;15")
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    let (_, out, _) = said(&output);
    says(
        &out,
        "ok",
        "theme",
        "\"auto\" (the default); chosen: auto: COLORFGBG is \"0;15\": day",
    );
}
