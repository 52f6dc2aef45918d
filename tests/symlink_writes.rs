//! Writers never follow a link planted in bedstretch's folders: this device's history file
//! linked to a file elsewhere is not appended to (by `cramp` or by a session), and a `.trash`
//! linked out of the routines folder takes no routine. What was refused is said plainly, and
//! nothing the person did is lost: it is kept, or printed to add by hand.
//!
//! Through the real binary, in a temporary folder; the session is a routine of one-second
//! steps with standard input closed.

mod support;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use support::folders::Folders;

const TIMEOUT: Duration = Duration::from_secs(60);
const DEVICE: &str = "dev1";
/// What the file outside holds, and must still hold afterwards.
const PRECIOUS: &str = "not bedstretch's to write\n";

struct Home(Folders);

home_over_folders!(Home);

impl Home {
    fn new() -> Self {
        Self(Folders::used().with_device(DEVICE))
    }

    /// A file outside both of bedstretch's folders, in the test's own folder.
    fn outside(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// This device's history file, made a link to a file outside the data folder.
    fn plant_history_link(&self) -> PathBuf {
        let outside = self.outside("elsewhere.txt");
        fs::write(&outside, PRECIOUS).expect("outside file");
        symlink(
            &outside,
            self.data().join(format!("history/{DEVICE}.jsonl")),
        )
        .expect("link");
        outside
    }

    fn run(&self, args: &[&str]) -> Output {
        support::cli::bedstretch(self.dir.path(), args)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm-256color")
            .write_stdin(Vec::new())
            .timeout(TIMEOUT)
            .output()
            .expect("runs")
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn one_second() -> String {
    let path = support::one_second_path();
    path.to_str().expect("utf-8").to_string()
}

/// The JSON record printed in an `echo '…' >> …` line to add by hand, if there is one.
fn printed_record(said: &str) -> Option<Value> {
    let line = said.lines().find(|l| l.starts_with("echo '"))?;
    let json = line.strip_prefix("echo '")?.split("' >> ").next()?;
    serde_json::from_str(&json.replace("'\\''", "'")).ok()
}

#[test]
fn cramp_never_appends_through_a_linked_history_file_and_prints_the_entry() {
    let home = Home::new();
    let outside = home.plant_history_link();
    let output = home.run(&[
        "cramp",
        "6",
        "--night",
        "2026-11-20",
        "--side",
        "left",
        "--note",
        "woke at 3",
    ]);
    let said = stderr(&output);
    assert_eq!(fs::read_to_string(&outside).expect("outside"), PRECIOUS);
    assert!(!output.status.success(), "{said}");
    assert!(
        said.contains(&format!("{DEVICE}.jsonl")) && said.contains("symbolic link"),
        "says which file and why: {said}"
    );
    let record = printed_record(&said).unwrap_or_else(|| panic!("the entry is printed: {said}"));
    assert_eq!(record["kind"], "cramp");
    assert_eq!(record["night"], "2026-11-20");
    assert_eq!(record["note"], "woke at 3");
}

#[test]
fn a_session_never_appends_through_a_linked_history_file_and_is_kept() {
    let home = Home::new();
    let outside = home.plant_history_link();
    let output = home.run(&["run", "--plain", &one_second()]);
    let said = stderr(&output);
    assert_eq!(fs::read_to_string(&outside).expect("outside"), PRECIOUS);
    // Plain mode says why in its last lines, as it does for a full disk.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(&format!(
            "{DEVICE}.jsonl: cannot append the session: it is a symbolic link"
        )),
        "says which file and why: {stdout}"
    );
    assert!(!output.status.success(), "{said}");
    // Kept where a full disk keeps it (current.json, which the next start adds), and printed.
    let record = printed_record(&said).unwrap_or_else(|| panic!("the session is printed: {said}"));
    assert_eq!(record["kind"], "session");
    assert_eq!(record["outcome"], "completed");
    let kept: Value = serde_json::from_slice(
        &fs::read(home.data().join("current.json")).expect("kept in current.json"),
    )
    .expect("a record");
    assert_eq!(kept["id"], record["id"]);
    // The next command still refuses to append it there, and says so again.
    let output = home.run(&["stats"]);
    assert_eq!(fs::read_to_string(&outside).expect("outside"), PRECIOUS);
    assert!(stderr(&output).contains("symbolic link"), "{output:?}");
    assert!(home.data().join("current.json").exists(), "still kept");
}

#[test]
fn routine_rm_never_moves_a_routine_into_a_linked_trash() {
    let home = Home::new();
    let elsewhere = home.outside("elsewhere");
    fs::create_dir(&elsewhere).expect("elsewhere");
    symlink(&elsewhere, home.routines().join(".trash")).expect("link");
    let mine = home.routines().join("mine.toml");
    let text = "name = \"Mine\"\n\n[[step]]\nname = \"Toe curls\"\nduration = \"30s\"\n";
    fs::write(&mine, text).expect("routine");
    let output = home.run(&["routine", "rm", "mine", "--yes"]);
    let said = stderr(&output);
    assert!(!output.status.success(), "{said}");
    assert!(
        said.contains(".trash") && said.contains("symbolic link"),
        "says which folder and why: {said}"
    );
    assert_eq!(
        fs::read_dir(&elsewhere).expect("elsewhere").count(),
        0,
        "nothing moved out of the config folder"
    );
    assert_eq!(fs::read_to_string(&mine).expect("still there"), text);
}
