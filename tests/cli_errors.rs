//! The command line as people meet it when something is off: each error said once, time
//! arguments that name their form, a closed pipe that is no failure, and a routine id that
//! is only a path when it looks like one.

mod support;

use support::folders::Folders;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

struct Home(Folders);

home_over_folders!(Home);

impl Home {
    fn new() -> Self {
        Self(Folders::new())
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bedstretch"));
        cmd.args(args)
            .current_dir(self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"));
        cmd
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let mut cmd = support::cli::bedstretch(self.path(), args);
        support::cli::said(&cmd.current_dir(self.path()).output().expect("runs"))
    }
}

#[test]
fn a_folder_or_a_missing_file_is_said_once() {
    let home = Home::new();
    let folder = home.path().join("folder.toml");
    std::fs::create_dir(&folder).expect("folder");
    let (code, _, stderr) = home.run(&["run", folder.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "bedstretch: {}: cannot read: it is a folder, not a regular file\n",
            folder.display()
        )
    );
    let missing = home.path().join("missing.toml");
    let (code, _, stderr) = home.run(&["routine", "show", missing.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn time_arguments_name_their_form_with_an_example() {
    let home = Home::new();
    let (code, _, stderr) = home.run(&["stats", "--as-of", "yesterday"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("such as 2026-11-23T22:00:00+01:00"),
        "{stderr}"
    );
    let (code, _, stderr) = home.run(&["history", "--since", "2026-13-01"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("YEAR-MONTH-DAY, such as 2026-11-01"),
        "{stderr}"
    );
}

#[test]
fn a_file_in_the_current_folder_never_stands_in_for_a_routine_id() {
    let home = Home::new();
    std::fs::write(home.path().join("quick"), "name = \"Impostor\"\n").expect("file");
    let (code, stdout, stderr) = home.run(&["routine", "show", "quick"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("Quick  (quick, bundled)"), "{stdout}");
}

#[test]
fn a_closed_pipe_ends_the_command_quietly_with_success() {
    let home = Home::new();
    // Enough sessions that `history` writes far more than a pipe holds.
    let history = home.path().join("data/bedstretch/history");
    std::fs::create_dir_all(&history).expect("history folder");
    let lines: String = (0..3000)
        .map(|i| {
            format!(
                "{{\"v\":1,\"kind\":\"session\",\"id\":\"s{i}\",\"routine\":\"quick\",\
                 \"routine_name\":\"Quick\",\"started_at\":\"2026-01-01T22:00:00+01:00\",\
                 \"ended_at\":\"2026-01-01T22:04:00+01:00\",\"outcome\":\"completed\",\
                 \"steps\":[]}}\n"
            )
        })
        .collect();
    std::fs::write(history.join("dev.jsonl"), lines).expect("history");
    let mut child = home
        .command(&["history"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    // The reader is gone now, as `head -1` would be.
    let output = child.wait_with_output().expect("wait");
    assert!(
        output.status.success(),
        "{:?} {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
