//! `remind install` and `remind uninstall` through the binary, with a person's folders in a
//! temporary folder and a fake `systemctl` first on the PATH that writes down what it was
//! asked and answers as a user manager would, or as none does (a container). The scheduler is
//! not what is tested; the unit files are, and where `systemd-analyze` runs, systemd itself
//! reads them.

use std::path::{Path, PathBuf};
use std::process::Command;

mod support;

use bedstretch::cli::remind_install::{MARKER, SERVICE, TIMER};
use support::cli::said;

/// A stand-in for systemctl: logs its arguments, fails as without a bus when
/// `SYSTEMCTL_DOWN` is set, and answers the questions `remind status` asks.
const SYSTEMCTL: &str = r#"#!/bin/sh
echo "$*" >> "$SYSTEMCTL_LOG"
if [ -n "$SYSTEMCTL_DOWN" ]; then
  echo "Failed to connect to bus: No medium found" >&2
  exit 1
fi
case "$*" in
  *is-enabled*) echo enabled ;;
  *NextElapseUSecRealtime*) echo "NextElapseUSecRealtime=Mon 2026-12-07 22:35:00 CET" ;;
esac
"#;

/// A person's folders, and a `bin` folder that is the whole PATH.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// With the fake systemctl on the PATH.
    fn with_systemd() -> Self {
        use std::os::unix::fs::PermissionsExt;
        let home = Self::without_systemd();
        let path = home.path("bin/systemctl");
        std::fs::write(&path, SYSTEMCTL).expect("systemctl");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        home
    }

    /// With nothing on the PATH.
    fn without_systemd() -> Self {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join("bin")).expect("bin");
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn units(&self) -> PathBuf {
        self.path("config/systemd/user")
    }

    /// Runs `exe ARGS` with these folders (`down`: as if no user manager answered); the
    /// exit code, stdout and stderr.
    fn run_exe(&self, exe: &Path, args: &[&str], down: bool) -> (i32, String, String) {
        let mut cmd = assert_cmd::Command::new(exe);
        cmd.args(args)
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("PATH", self.path("bin"))
            .env("SYSTEMCTL_LOG", self.path("systemctl.log"))
            .env_remove("SYSTEMCTL_DOWN")
            .timeout(support::pty::WAIT);
        if down {
            cmd.env("SYSTEMCTL_DOWN", "1");
        }
        said(&cmd.output().expect("runs"))
    }

    /// [`Home::run_exe`] with the binary under test.
    fn run(&self, args: &[&str], down: bool) -> (i32, String, String) {
        self.run_exe(&exe(), args, down)
    }

    /// What systemctl was asked, one line a run, without `--user`.
    fn asked(&self) -> Vec<String> {
        let log = std::fs::read_to_string(self.path("systemctl.log")).unwrap_or_default();
        log.lines()
            .map(|line| line.trim_start_matches("--user ").to_string())
            .collect()
    }
}

/// The binary under test where the kernel says it runs, as `current_exe` gives it.
fn exe() -> PathBuf {
    std::fs::canonicalize(env!("CARGO_BIN_EXE_bedstretch")).expect("the binary")
}

/// The line of `text` that begins with `key=`.
fn setting<'a>(text: &'a str, key: &str) -> &'a str {
    let prefix = format!("{key}=");
    text.lines()
        .find_map(|line| line.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("no {key}= in\n{text}"))
}

/// The two unit files as written.
fn units(home: &Home) -> (String, String) {
    let read = |name| std::fs::read_to_string(home.units().join(name)).expect(name);
    (read(SERVICE), read(TIMER))
}

/// systemd's own reading of the written units, where `systemd-analyze` is installed and can
/// run here; otherwise a note says the check was skipped.
fn verify(home: &Home) {
    use std::os::unix::fs::PermissionsExt;
    let files = [home.units().join(TIMER), home.units().join(SERVICE)];
    // A user manager of its own for the check wants a runtime folder, which a container or a
    // CI runner may not give.
    let runtime = home.path("runtime");
    std::fs::create_dir_all(&runtime).expect("runtime");
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let output = Command::new("systemd-analyze")
        .args(["verify", "--man=no", "--user"])
        .args(&files)
        .env("XDG_CONFIG_HOME", home.path("config"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .output();
    let Ok(output) = output else {
        eprintln!("note: systemd-analyze is not installed; the units were not verified");
        return;
    };
    let (code, stdout, stderr) = said(&output);
    if stderr.contains("Failed to") && !stderr.contains(".service") && !stderr.contains(".timer") {
        eprintln!("note: systemd-analyze cannot run here, the units were not verified: {stderr}");
        return;
    }
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", ""),
        "{files:?}"
    );
}

#[test]
fn install_writes_the_timer_and_service_and_turns_the_timer_on() {
    let home = Home::with_systemd();
    let (code, stdout, stderr) = home.run(&["remind", "install"], false);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let (service, timer) = units(&home);
    assert_eq!(
        setting(&service, "ExecStart"),
        format!("\"{}\" remind", exe().display())
    );
    assert_eq!(setting(&timer, "OnCalendar"), "*:0/5");
    assert_eq!(setting(&timer, "Persistent"), "false");
    assert!(service.contains(MARKER) && timer.contains(MARKER));
    // The timer's runs read the person's own folders, which only their shell knew.
    for (name, folder) in [("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")] {
        let line = format!("Environment=\"{name}={}\"", home.path(folder).display());
        assert!(service.lines().any(|l| l == line), "{line} in\n{service}");
    }
    assert_eq!(
        home.asked(),
        [
            "show-environment",
            "daemon-reload",
            "enable --now bedstretch-remind.timer"
        ]
    );
    assert!(stdout.contains("The timer is on"), "{stdout}");
    verify(&home);
}

#[test]
fn without_a_user_manager_the_units_are_written_and_the_commands_printed() {
    let home = Home::with_systemd();
    let (code, stdout, stderr) = home.run(&["remind", "install"], true);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let (service, _) = units(&home);
    assert!(service.contains("remind\n"));
    assert_eq!(home.asked(), ["show-environment"]);
    for line in [
        "  systemctl --user daemon-reload",
        "  systemctl --user enable --now bedstretch-remind.timer",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line} in\n{stdout}");
    }
}

#[test]
fn uninstall_removes_exactly_what_install_wrote_and_then_says_nothing_is_there() {
    let home = Home::with_systemd();
    home.run(&["remind", "install"], false);
    let theirs = home.units().join("backup.timer");
    std::fs::write(&theirs, "[Timer]\nOnCalendar=daily\n").expect("their unit");
    std::fs::remove_file(home.path("systemctl.log")).expect("log");

    let (code, stdout, stderr) = home.run(&["remind", "uninstall"], false);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert_eq!(
        home.asked(),
        [
            "show-environment",
            "disable --now bedstretch-remind.timer",
            "daemon-reload"
        ]
    );
    for name in [TIMER, SERVICE] {
        let path = home.units().join(name);
        assert!(!path.exists(), "{name} is gone");
        let removed = format!("Removed {}", path.display());
        assert!(
            stdout.lines().any(|l| l == removed),
            "{removed} in\n{stdout}"
        );
    }
    assert!(theirs.exists(), "another unit stays");

    let (code, stdout, _) = home.run(&["remind", "uninstall"], false);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Nothing to remove"), "{stdout}");
}

#[test]
fn a_unit_of_that_name_that_bedstretch_did_not_write_is_never_replaced_or_removed() {
    let home = Home::with_systemd();
    std::fs::create_dir_all(home.units()).expect("units");
    let timer = home.units().join(TIMER);
    std::fs::write(&timer, "[Timer]\nOnCalendar=daily\n").expect("their timer");
    let (code, _, stderr) = home.run(&["remind", "install"], false);
    assert_eq!(code, 1);
    assert!(stderr.contains("was not written by bedstretch"), "{stderr}");
    let (code, stdout, _) = home.run(&["remind", "uninstall"], false);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Nothing to remove"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&timer).expect("kept"),
        "[Timer]\nOnCalendar=daily\n"
    );
}

#[test]
fn a_path_with_a_space_is_one_argument_to_systemd() {
    let home = Home::with_systemd();
    let folder = home.path("my apps");
    std::fs::create_dir_all(&folder).expect("folder");
    let copy = folder.join("bedstretch");
    std::fs::copy(exe(), &copy).expect("a copy of the binary");
    let (code, stdout, stderr) = home.run_exe(&copy, &["remind", "install"], true);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let (service, _) = units(&home);
    let exec = setting(&service, "ExecStart");
    assert_eq!(exec, format!("\"{}\" remind", copy.display()));
    // Split as a shell splits, which agrees with systemd for this line; systemd-analyze
    // below reads it as systemd does, and an unquoted path fails there ("…/my is not
    // executable").
    let words = shell_words::split(exec).expect("words");
    assert_eq!(words, [copy.display().to_string(), "remind".to_string()]);
    verify(&home);
}

#[test]
fn without_systemd_install_prints_the_crontab_line_and_writes_nothing() {
    let home = Home::without_systemd();
    let (code, stdout, stderr) = home.run(&["remind", "install"], false);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    // With the person's folders, which cron's runs would not otherwise have.
    let line = format!(
        "*/5 * * * * XDG_CONFIG_HOME='{}' XDG_DATA_HOME='{}' '{}' remind",
        home.path("config").display(),
        home.path("data").display(),
        exe().display()
    );
    assert!(stdout.lines().any(|l| l == line), "{line} in\n{stdout}");
    assert!(!home.path("config/systemd").exists());
    let (code, stdout, _) = home.run(&["remind", "uninstall"], false);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Nothing to remove"), "{stdout}");
}
