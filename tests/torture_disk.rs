//! Torture: a data folder that takes nothing (read-only) or fills up, at the start of a
//! session and in the middle of one. Whatever the disk does, the person can stretch to the
//! end, the session is never lost (it is kept somewhere, and printed with the command that
//! adds it), and what bedstretch says is true: the file it names holds the session, and the
//! command it prints adds it so that the history shows it as it was done.
//!
//! The disk is real: a small tmpfs mounted over `$XDG_DATA_HOME`, filled to the last page or
//! remounted read-only while the session runs, so the binary meets ENOSPC and EROFS from the
//! kernel itself. That needs root (these tests run as root); where mounting is not allowed,
//! each test says so and stops, and the read-only case is still covered by
//! tests/pty_session.rs, which puts a file where the data folder should be.
//!
//! The sessions run in real time in a pseudo-terminal, so these wait on the wall clock.

mod support;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use support::pty::{Home, Pty, exists, quiet_history};

/// The one-second routine without its get-ready: three one-second step-sides, about five
/// seconds in all.
fn routine() -> String {
    support::one_second("Disk test", &[("lead_in = 1", "lead_in = 0")], "")
}

/// A small tmpfs over a folder, unmounted when dropped (lazily, should something still hold
/// it), so a failed test never leaves a mount behind.
struct Tmpfs {
    at: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (as mount's `size=` option reads it) at `at`; `None`, said on
    /// standard error, where this machine does not allow it.
    fn mount(at: &Path, size: &str) -> Option<Self> {
        fs::create_dir_all(at).expect("mount point");
        let output = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(at)
            .output();
        match output {
            Ok(output) if output.status.success() => Some(Self {
                at: at.to_path_buf(),
            }),
            other => {
                eprintln!("cannot mount a tmpfs here, so this case is not run: {other:?}");
                None
            }
        }
    }

    /// Makes the file system read-only, as a full or failing disk remounted by the kernel is.
    fn read_only(&self) {
        self.remount("ro");
    }

    /// Makes the file system writable again.
    fn writable(&self) {
        self.remount("rw");
    }

    fn remount(&self, mode: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.at)
            .status()
            .expect("mount");
        assert!(status.success(), "remount {mode}");
    }

    /// Takes every free page: the file system is full until the filler is removed.
    fn fill(&self) -> PathBuf {
        let filler = self.at.join("filler");
        let mut file = fs::File::create(&filler).expect("filler");
        let page = [0u8; 4096];
        while file.write_all(&page).is_ok() {}
        // Smaller pieces too, so that nothing at all is left.
        while file.write_all(&page[..64]).is_ok() {}
        filler
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        unmount(&self.at);
    }
}

/// Unmounts `at`, lazily should something still hold it, so that no mount outlives its test.
fn unmount(at: &Path) {
    let done = Command::new("umount").arg(at).status();
    if !done.is_ok_and(|s| s.success()) {
        let _ = Command::new("umount").arg("-l").arg(at).status();
    }
}

/// A folder mounted over another, unmounted when dropped.
struct Bind {
    at: PathBuf,
}

impl Bind {
    fn mount(from: &Path, at: &Path) -> Self {
        let status = Command::new("mount")
            .arg("--bind")
            .arg(from)
            .arg(at)
            .status()
            .expect("mount");
        assert!(status.success(), "bind mount");
        Self {
            at: at.to_path_buf(),
        }
    }
}

impl Drop for Bind {
    fn drop(&mut self) {
        unmount(&self.at);
    }
}

/// A person's home whose data folder is a fresh tmpfs, with a temporary folder of its own.
struct DiskHome {
    home: Home,
    tmp: PathBuf,
}

impl DiskHome {
    fn new() -> Self {
        let home = Home::with_routine("disk.toml", &routine());
        let tmp = home.dir.path().join("tmp");
        fs::create_dir(&tmp).expect("tmp");
        Self { home, tmp }
    }

    /// A home whose data folder is a small tmpfs holding [`Self::earlier_history`] (`slack`
    /// as it takes it); `None` where this machine does not allow the mount.
    fn on_tmpfs(slack: usize) -> Option<(Self, Tmpfs)> {
        let disk = Self::new();
        let tmpfs = Tmpfs::mount(&disk.home.data_home(), "256k")?;
        disk.earlier_history(slack);
        Some((disk, tmpfs))
    }

    /// A session of the test routine in a terminal, with the temporary folder set.
    fn session(&self) -> Pty {
        let mut cmd = self.home.command(&["run", "disk.toml"]);
        cmd.env("TMPDIR", &self.tmp);
        Pty::spawn(cmd)
    }

    /// A command without a terminal, in the same environment as the session.
    fn run(&self, args: &[&str]) -> std::process::Output {
        assert_cmd::Command::new(env!("CARGO_BIN_EXE_bedstretch"))
            .args(args)
            .env("XDG_CONFIG_HOME", self.home.config_home())
            .env("XDG_DATA_HOME", self.home.data_home())
            .env("TMPDIR", &self.tmp)
            .timeout(support::pty::WAIT)
            .output()
            .expect("runs")
    }

    /// Earlier sessions in this device's history, making the file `slack` bytes short of two
    /// whole pages: with the disk full, an append fits in none of it (0) or only its start
    /// (more), which a failed write must not leave behind as a torn line.
    fn earlier_history(&self, slack: usize) {
        let history = self.home.data().join("history");
        fs::create_dir_all(&history).expect("history folder");
        fs::write(self.home.data().join("device"), "disktest\n").expect("device");
        let line = |day: u32, name: &str| {
            format!(
                "{{\"v\":1,\"kind\":\"session\",\"id\":\"earlier{day}\",\"routine\":\"quick\",\
                 \"routine_name\":\"{name}\",\"started_at\":\"2026-11-{day:02}T22:00:00+01:00\",\
                 \"ended_at\":\"2026-11-{day:02}T22:05:00+01:00\",\"outcome\":\"completed\",\
                 \"steps\":[{{\"name\":\"Toe curls\",\"planned_secs\":30,\"done_secs\":30,\
                 \"status\":\"completed\"}}]}}\n"
            )
        };
        let target = 2 * 4096 - slack;
        let mut text = String::new();
        let mut day = 1;
        while text.len() + 2 * line(day, "Quick").len() < target {
            text.push_str(&line(day, "Quick"));
            day += 1;
        }
        // The last line's name takes up what is left, to the byte.
        let room = target - text.len() - line(day, "").len();
        text.push_str(&line(day, &"Q".repeat(room)));
        assert_eq!(text.len(), target);
        fs::write(history.join("disktest.jsonl"), text).expect("history");
    }
}

/// What a session that could not be appended left: the end screen, and everything written
/// to the terminal (where the closing message goes).
struct Refused {
    said: String,
}

/// Runs the session to its end screen, checks it says the session is not in the history
/// yet, quits, and checks the session is kept where the closing message says; the terminal
/// is closed by the time it returns.
fn stretch_to_the_end(mut pty: Pty) -> Refused {
    pty.wait_for("Calf stretch");
    pty.wait_for("Not in your history yet");
    pty.send(b"q");
    assert!(
        !pty.wait_exit_and_output(),
        "exits non-zero: the session is not saved"
    );
    let refused = Refused {
        said: String::from_utf8_lossy(&pty.raw_output()).replace("\r\n", "\n"),
    };
    assert_kept_where_said(&refused);
    refused
}

/// The command bedstretch printed to add the session, run as the person would paste it
/// (with the disk working again); then the history as every reader sees it must show the
/// session completed, whole, with nothing to warn about.
fn add_it_as_told(disk: &DiskHome, refused: &Refused) {
    let command = refused
        .said
        .lines()
        .find(|l| l.starts_with("echo '{"))
        .unwrap_or_else(|| panic!("the command to add it is printed: {}", refused.said));
    let home = &disk.home;
    // bedstretch starts again before the person gets round to the command (a prompt that
    // shows the streak starts it often): whatever it recovers must not hide the session.
    let first = disk.run(&["history", "--json"]);
    assert!(first.status.success(), "{first:?}");
    let said = String::from_utf8_lossy(&first.stderr);
    assert!(
        !said.contains("interrupted"),
        "a finished session is not called interrupted: {said}"
    );
    let status = Command::new("sh")
        .args(["-c", command])
        .status()
        .expect("sh");
    assert!(status.success(), "{command}");
    disk.run(&["history", "--json"]);
    let listed = quiet_history("the run after", &disk.run(&["history", "--json"]));
    let sessions: Vec<&Value> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter(|r| r["routine"] == "disk")
        .collect();
    assert_eq!(sessions.len(), 1, "the session once: {listed}");
    assert_eq!(
        sessions[0]["outcome"], "completed",
        "as it was done, not an older copy of its progress: {}",
        sessions[0]
    );
    assert!(!exists(&home.current()), "no current.json left");
}

/// The file the closing message names as keeping the session must exist and hold it,
/// completed. (Kept in no file at all, the printed line is the only copy, which
/// [`add_it_as_told`] checks.)
fn assert_kept_where_said(refused: &Refused) {
    let said = &refused.said;
    if said.contains("it could not be kept in any file") {
        return;
    }
    let kept = said
        .split("; it is kept in ")
        .nth(1)
        .and_then(|rest| rest.split(". To add it yourself").next())
        .unwrap_or_else(|| panic!("says where the session is kept: {said}"));
    let bytes = fs::read(kept).unwrap_or_else(|e| panic!("{kept} is named but: {e}"));
    let record: Value = serde_json::from_slice(&bytes).expect("the kept file holds a record");
    assert_eq!(record["outcome"], "completed", "{kept}");
}

#[test]
fn torture_a_full_disk_at_start_still_lets_a_person_stretch_and_keeps_the_session() {
    a_full_disk(0, None);
}

#[test]
fn torture_a_disk_that_fills_mid_session_never_loses_nor_tears_the_session() {
    // The first side is held and saved: current.json holds it.
    a_full_disk(100, Some("Switch sides"));
}

/// A disk that is full from the start, or from once the screen shows `fill_at`, with `slack`
/// as [`DiskHome::earlier_history`] takes it: the person stretches to the end, the session is
/// kept where bedstretch says, and, with room again, the command it printed adds it.
fn a_full_disk(slack: usize, fill_at: Option<&str>) {
    let Some((disk, tmpfs)) = DiskHome::on_tmpfs(slack) else {
        return;
    };
    let filler = fill_at.is_none().then(|| tmpfs.fill());
    let pty = disk.session();
    let filler = match fill_at {
        Some(text) => {
            pty.wait_for(text);
            tmpfs.fill()
        }
        None => filler.expect("filled at the start"),
    };
    let refused = stretch_to_the_end(pty);
    fs::remove_file(filler).expect("room again");
    add_it_as_told(&disk, &refused);
}

#[test]
fn torture_a_data_folder_turned_read_only_mid_session_keeps_the_session() {
    let Some((disk, _tmpfs)) = DiskHome::on_tmpfs(0) else {
        return;
    };
    let pty = disk.session();
    pty.wait_for("Switch sides");
    // A file system cannot be remounted read-only while the session holds a file open for
    // writing (its lock); a read-only copy mounted over the folder has the same effect on
    // every write from now on.
    let staging = disk.home.dir.path().join("staging");
    let Some(read_only) = Tmpfs::mount(&staging, "256k") else {
        return;
    };
    let copied = Command::new("cp")
        .arg("-a")
        .arg(disk.home.data().join("."))
        .arg(&staging)
        .status()
        .expect("cp");
    assert!(copied.success());
    read_only.read_only();
    let over = Bind::mount(&staging, &disk.home.data());
    let refused = stretch_to_the_end(pty);
    // Writable again: the folder as it was when it turned read-only.
    drop(over);
    add_it_as_told(&disk, &refused);
}

#[test]
fn torture_a_read_only_data_folder_at_start_still_lets_a_person_stretch() {
    let Some((disk, tmpfs)) = DiskHome::on_tmpfs(0) else {
        return;
    };
    tmpfs.read_only();
    let pty = disk.session();
    let refused = stretch_to_the_end(pty);
    tmpfs.writable();
    add_it_as_told(&disk, &refused);
}
