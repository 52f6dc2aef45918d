//! Files a sync tool or a stranger can put in the data folders: FIFOs, devices, folders,
//! endless or sparse files, a bloated cache, escape sequences, a same-size rewrite. Each must
//! be a warning at worst, never a hang, a flood of memory or a raw escape on the terminal.
//!
//! Every run goes through the real binary with a timeout, in a temporary folder.

mod support;

use std::fs::{self, File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use support::folders::Folders;

/// Long enough for a slow, shared machine; a hang fails the test instead of freezing it.
const TIMEOUT: Duration = Duration::from_secs(10);

const ESC: &str = "\u{1b}[31m";
const OSC: &str = "\u{1b}]0;x\u{7}";
const C1: &str = "\u{9b}";

/// A person's folders, in a temporary folder of their own.
struct Home(Folders);

home_over_folders!(Home);

impl Home {
    fn new() -> Self {
        Self(Folders::used())
    }

    fn cache(&self) -> PathBuf {
        self.data().join("cache/history-summary.bin")
    }

    /// Writes a history file dated a day ago: old enough that the cache trusts its summary
    /// rather than reading it again as "racily clean".
    fn write_old_history(&self, name: &str, text: &str) -> (PathBuf, SystemTime) {
        let path = self.write_history(name, text);
        let written = fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime");
        let old = written - Duration::from_secs(86_400);
        File::options()
            .write(true)
            .open(&path)
            .expect("open")
            .set_modified(old)
            .expect("mtime");
        (path, old)
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_within(TIMEOUT, args)
    }

    /// Runs and expects success; returns stdout and stderr.
    fn ok(&self, args: &[&str]) -> (String, String) {
        let output = self.run(args);
        let (_, stdout, stderr) = support::cli::said(&output);
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
fn a_fifo_in_the_history_is_skipped_with_a_warning() {
    let home = Home::new();
    home.write_history("a.jsonl", &session(20));
    mkfifo(&home.history().join("x.jsonl"));
    let (sessions, stderr) = home.sessions();
    assert_eq!(sessions, 1);
    assert!(
        stderr.contains("x.jsonl") && stderr.contains("FIFO"),
        "{stderr}"
    );
    let (stdout, stderr) = home.ok(&["history"]);
    assert!(stdout.contains("Quick"), "{stdout}");
    assert!(
        stderr.contains("x.jsonl") && stderr.contains("FIFO"),
        "{stderr}"
    );
}

#[test]
fn a_folder_named_like_a_history_file_is_skipped_with_a_warning() {
    let home = Home::new();
    home.write_history("a.jsonl", &session(20));
    fs::create_dir(home.history().join("x.jsonl")).expect("folder");
    let (sessions, stderr) = home.sessions();
    assert_eq!(sessions, 1);
    assert!(
        stderr.contains("x.jsonl") && stderr.contains("folder"),
        "{stderr}"
    );
    let (stdout, stderr) = home.ok(&["history", "--csv"]);
    assert!(stdout.contains("s20"), "{stdout}");
    assert!(
        stderr.contains("x.jsonl") && stderr.contains("folder"),
        "{stderr}"
    );
}

#[test]
fn a_history_file_linked_to_dev_zero_is_skipped_with_a_warning() {
    let home = Home::new();
    home.write_history("a.jsonl", &session(20));
    symlink("/dev/zero", home.history().join("z.jsonl")).expect("symlink");
    let (sessions, stderr) = home.sessions();
    assert_eq!(sessions, 1);
    assert!(
        stderr.contains("z.jsonl") && stderr.contains("device"),
        "{stderr}"
    );
    let (_, stderr) = home.ok(&["history"]);
    assert!(
        stderr.contains("z.jsonl") && stderr.contains("device"),
        "{stderr}"
    );
}

#[test]
fn a_history_file_linked_to_a_regular_file_is_read() {
    let home = Home::new();
    let elsewhere = home.dir.path().join("elsewhere.jsonl");
    fs::write(&elsewhere, session(21)).expect("write");
    symlink(&elsewhere, home.history().join("linked.jsonl")).expect("symlink");
    let (sessions, stderr) = home.sessions();
    assert_eq!(sessions, 1, "{stderr}");
    assert_eq!(stderr, "");
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
    support::assert_has(
        &stdout,
        &[
            "bedtime-feet",
            "pipe.toml: cannot read: it is a named pipe (FIFO), not a regular file",
            "zero.toml: cannot read: it is a device, not a regular file",
        ],
    );
    let pipe = home.routines().join("pipe.toml");
    let output = home.run(&["routine", "validate", pipe.to_str().expect("utf-8")]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("named pipe (FIFO)"), "{stderr}");
    let output = home.run(&["run", "--", pipe.to_str().expect("utf-8")]);
    assert!(!output.status.success());
}

#[test]
fn a_sparse_gigabyte_history_file_is_streamed_and_its_tail_remembered() {
    let home = Home::new();
    let path = home.write_history("a.jsonl", &session(20));
    // A gigabyte of zero bytes with no line break: a torn tail far over the line cap.
    File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_len(1 << 30)
        .expect("sparse");
    for _ in 0..2 {
        let (sessions, stderr) = home.sessions();
        assert_eq!(sessions, 1);
        assert!(
            stderr.contains("a.jsonl:2:") && stderr.contains("longer than 1 MiB"),
            "{stderr}"
        );
    }
    let (stdout, stderr) = home.ok(&["history", "--csv"]);
    assert!(stdout.contains("s20"), "{stdout}");
    assert!(stderr.contains("longer than 1 MiB"), "{stderr}");
}

#[test]
fn a_huge_cache_is_not_trusted() {
    let home = Home::new();
    home.write_old_history("a.jsonl", &session(20));
    assert_eq!(home.sessions().0, 1);
    // Trailing spaces keep the cache valid JSON, so only its size gives it away.
    let mut cache = OpenOptions::new()
        .append(true)
        .open(home.cache())
        .expect("cache");
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..64 {
        cache.write_all(&spaces).expect("pad");
    }
    // Dated ahead, so that the history's fresh ctime does not look "racily clean" beside it:
    // only its size may give the cache away.
    let written = cache.metadata().and_then(|m| m.modified()).expect("mtime");
    cache
        .set_modified(written + Duration::from_secs(60))
        .expect("cache time");
    drop(cache);
    assert_eq!(home.sessions().0, 1);
    let len = fs::metadata(home.cache()).expect("cache").len();
    assert!(len < 64 * 1024, "the bloated cache was kept: {len} bytes");
}

#[test]
fn a_same_size_rewrite_with_its_time_put_back_is_noticed() {
    let home = Home::new();
    let text: String = (1..=10).map(session).collect();
    let (path, old) = home.write_old_history("a.jsonl", &text);
    let kept = |home: &Home| {
        let (stdout, _) = home.ok(&["stats", "--json", "--as-of", AS_OF]);
        let value: Value = serde_json::from_str(&stdout).expect("stats JSON");
        value["nights_kept"].as_u64().expect("nights_kept")
    };
    assert_eq!(kept(&home), 10);
    // Same bytes count: JSON allows the two spaces after the value.
    let rewritten = text.replace("\"status\":\"completed\"", "\"status\":\"skipped\"  ");
    assert_eq!(rewritten.len(), text.len());
    let mut file = File::options().write(true).open(&path).expect("open");
    file.seek(SeekFrom::Start(0)).expect("seek");
    file.write_all(rewritten.as_bytes()).expect("rewrite");
    file.set_modified(old).expect("mtime back");
    drop(file);
    assert_eq!(kept(&home), 0);
}

/// True when the text holds a byte or character a terminal would act on.
fn has_controls(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
        || bytes.contains(&0x07)
        || String::from_utf8_lossy(bytes)
            .chars()
            .any(|c| ('\u{80}'..='\u{9f}').contains(&c))
}

#[test]
fn escape_bytes_in_history_text_never_reach_the_terminal() {
    let home = Home::new();
    let nasty = format!("{ESC}{OSC}{C1}");
    let json = |s: &str| serde_json::to_string(s).expect("json string");
    let id = json(&format!("s1{nasty}"));
    let routine = json(&format!("quick{nasty}"));
    let name = json(&format!("Quick{nasty}"));
    let step = json(&format!("Toe{nasty} curls"));
    let good = format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":{id},\"routine\":{routine},\"routine_name\":{name},\
         \"started_at\":\"2026-11-20T22:00:00+01:00\",\"ended_at\":\"2026-11-20T22:05:00+01:00\",\
         \"outcome\":\"completed\",\"steps\":[{{\"name\":{step},\"planned_secs\":30,\"done_secs\":0,\"status\":\"skipped\"}}]}}\n"
    );
    let bad_outcome = good
        .replace("\"completed\"", &json(&format!("done{nasty}")))
        .replace("s1", "s2");
    let bad_status = good
        .replace("\"skipped\"", &json(&format!("held{nasty}")))
        .replace("s1", "s3");
    home.write_history("a.jsonl", &format!("{good}{bad_outcome}{bad_status}"));
    // The file's name itself, and a line the warning will name it for.
    home.write_history(&format!("b{nasty}.jsonl"), &format!("not json {nasty}\n"));

    for args in [
        &["stats", "--as-of", AS_OF][..],
        &["stats", "--json", "--as-of", AS_OF],
        &["history"],
        &["history", "--csv"],
        &["history", "--json"],
    ] {
        let output = home.run(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        assert!(!has_controls(&output.stdout), "{args:?} stdout: {output:?}");
        assert!(!has_controls(&output.stderr), "{args:?} stderr: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("b[31m]0;x.jsonl:1:"), "{args:?}: {stderr}");
    }
    // The text is kept, only cleaned: what a person wrote is still recognisable.
    let (stdout, _) = home.ok(&["stats", "--as-of", AS_OF]);
    assert!(stdout.contains("Toe[31m]0;x curls"), "{stdout}");
    let (stdout, _) = home.ok(&["history", "--json"]);
    let value: Value = serde_json::from_str(&stdout).expect("history JSON");
    assert_eq!(value[0]["routine_name"], format!("Quick{nasty}"));
}

#[test]
fn escape_bytes_in_an_interrupted_session_never_reach_the_terminal() {
    let home = Home::new();
    let nasty = format!("{ESC}{OSC}{C1}");
    let name = serde_json::to_string(&format!("Quick{nasty}")).expect("json");
    // As current.json always holds it: the line that goes in if the program dies.
    let record = session(20)
        .replace("\"Quick\"", &name)
        .replace("\"outcome\":\"completed\"", "\"outcome\":\"interrupted\"");
    assert!(record.contains("\"interrupted\""), "{record}");
    fs::write(home.data().join("current.json"), record.trim_end()).expect("current");
    let output = home.run(&["stats", "--as-of", AS_OF]);
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("recovered an interrupted session"),
        "{stderr}"
    );
    assert!(!has_controls(&output.stderr), "{output:?}");
}

#[test]
fn escape_bytes_in_routine_file_names_never_reach_the_terminal() {
    let home = Home::new();
    let nasty = format!("{ESC}{OSC}{C1}");
    let broken = home.routines().join(format!("r{nasty}.toml"));
    fs::write(&broken, "name = 3\n").expect("routine");
    let output = home.run(&["routine", "list"]);
    assert!(output.status.success(), "{output:?}");
    assert!(!has_controls(&output.stdout), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("r[31m]0;x.toml"));
    let output = home.run(&["routine", "validate", broken.to_str().expect("utf-8")]);
    assert!(!output.status.success());
    assert!(!has_controls(&output.stderr), "{output:?}");
    let output = home.run(&["run", broken.to_str().expect("utf-8")]);
    assert!(!output.status.success());
    assert!(!has_controls(&output.stderr), "{output:?}");
}
