//! `bedstretch config` and `config check` against fixture files copied into a temporary
//! home: the settings in use with where each came from, every problem with its exact words,
//! the exit codes, and nothing written to disk.

mod support;

use support::folders::Folders;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

const FIXTURES: &str = "tests/fixtures/config";

struct Home(Folders);

home_over_folders!(Home);

impl Home {
    fn new() -> Self {
        Self(Folders::new())
    }

    /// A home whose config file is a copy of the fixture, so no test writes in the repository.
    fn with(fixture: &str) -> Self {
        let home = Self::new();
        fs::create_dir_all(home.config_dir()).expect("config folder");
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(FIXTURES)
            .join(fixture);
        fs::copy(from, home.config_file()).expect("copy fixture");
        home
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config/bedstretch")
    }

    fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Exit code, stdout and stderr, with the config file's path written as `CONFIG`.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = support::cli::bedstretch(self.dir.path(), args)
            .current_dir(self.dir.path())
            .timeout(Duration::from_secs(20))
            .output()
            .expect("runs");
        let path = self.config_file().display().to_string();
        let (code, stdout, stderr) = support::cli::said(&output);
        (
            code,
            stdout.replace(&path, "CONFIG"),
            stderr.replace(&path, "CONFIG"),
        )
    }
}

#[test]
fn no_file_shows_every_default() {
    let home = Home::new();
    let (code, stdout, stderr) = home.run(&["config"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "\
# the settings in use: all defaults, as CONFIG does not exist
default_routine = \"bedtime-feet\"  # default
day_starts_at = \"04:00\"           # default
min_completion = 0.8              # default
rest_days = []                    # default
bell = true                       # default
theme = \"auto\"                    # default
voice = false                     # default
voice_command = \"\"                # default
sound = true                      # default
sound_command = \"\"                # default
morning_ends_at = \"12:00\"         # default
remind_at = \"\"                    # default
remind_again = \"30m\"              # default
on_session_end = \"\"               # default
"
    );
    assert_eq!(stderr, "");
    let (code, stdout, stderr) = home.run(&["config", "check"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "ok  CONFIG does not exist; every setting is its default\n",
            ""
        )
    );
    assert!(!home.data_dir().exists(), "config wrote to the data folder");
}

#[test]
fn a_good_file_is_shown_with_its_lines_and_checks_ok() {
    let home = Home::with("good.toml");
    let (code, stdout, stderr) = home.run(&["config"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "\
# the settings in use, from CONFIG and the defaults
default_routine = \"quick\"   # config.toml:2
day_starts_at = \"05:30\"     # config.toml:3
min_completion = 0.5        # config.toml:4
rest_days = [\"sat\", \"sun\"]  # config.toml:5
bell = false                # config.toml:6
theme = \"night\"             # config.toml:7
voice = false               # default
voice_command = \"\"          # default
sound = true                # default
sound_command = \"\"          # default
morning_ends_at = \"12:00\"   # default
remind_at = \"\"              # default
remind_again = \"30m\"        # default
on_session_end = \"\"         # default
"
    );
    assert_eq!(stderr, "");
    let (code, stdout, stderr) = home.run(&["config", "check"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "ok  CONFIG\n", "")
    );
}

#[test]
fn the_day_and_auto_themes_and_the_sound_keys_check_ok() {
    let home = Home::new();
    fs::create_dir_all(home.config_dir()).expect("config folder");
    for (theme, sound) in [("day", "false"), ("auto", "true")] {
        fs::write(
            home.config_file(),
            format!(
                "theme = \"{theme}\"\nsound = {sound}\nsound_command = \"aplay -q {{file}}\"\n"
            ),
        )
        .expect("config");
        let (code, stdout, stderr) = home.run(&["config", "check"]);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (0, "ok  CONFIG\n", ""),
            "theme = {theme}"
        );
        let (_, shown, _) = home.run(&["config"]);
        let line = shown.lines().find(|l| l.starts_with("theme = "));
        assert!(
            line.is_some_and(|l| l.starts_with(&format!("theme = \"{theme}\" "))
                && l.ends_with("# config.toml:1")),
            "{shown}"
        );
    }
}

const MIXED_PROBLEMS: &str = "\
CONFIG:2:17: day_starts_at must be a time like \"04:00\", got \"25:00\"
CONFIG:3:8: bell must be true or false, got \"no\"
CONFIG:4:21: rest_days must name weekdays like \"sat\" or \"sunday\", got \"caturday\"; the other days are kept
CONFIG:5:1: unknown key `colour`; did you mean `theme`?
CONFIG:7:9: theme must be \"night\", \"day\" or \"auto\" (set NO_COLOR for no colour), got \"dusk\"
CONFIG:9:17: voice_command must be a command with {text} as a word of its own, like \"espeak-ng -s 140 {text}\", or \"\" for the first of espeak-ng, espeak, spd-say, say, got \"espeak-ng\"
";

#[test]
fn bad_keys_fall_back_alone_and_every_problem_is_told() {
    let home = Home::with("mixed.toml");
    let (code, stdout, stderr) = home.run(&["config"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "\
# the settings in use, from CONFIG and the defaults
default_routine = \"bedtime-feet\"  # default
day_starts_at = \"04:00\"           # default
min_completion = 0.6              # config.toml:6
rest_days = [\"sat\"]               # config.toml:4
bell = true                       # default
theme = \"auto\"                    # default
voice = true                      # config.toml:8
voice_command = \"\"                # default
sound = true                      # default
sound_command = \"\"                # default
morning_ends_at = \"12:00\"         # default
remind_at = \"\"                    # default
remind_again = \"30m\"              # default
on_session_end = \"\"               # default
"
    );
    assert_eq!(stderr, MIXED_PROBLEMS);
}

#[test]
fn check_fails_with_every_problem_on_stderr() {
    let home = Home::with("mixed.toml");
    let (code, stdout, stderr) = home.run(&["config", "check"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "{MIXED_PROBLEMS}bedstretch: 6 problems in the config; `bedstretch config` shows \
             the settings in use\n"
        )
    );
    assert!(
        !home.data_dir().exists(),
        "config check wrote to the data folder"
    );
}

#[test]
fn an_unknown_default_routine_is_a_problem() {
    let home = Home::with("unknown-routine.toml");
    let (code, stdout, stderr) = home.run(&["config", "check"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "\
CONFIG:1:19: default_routine must name a routine, got \"nosuch\"; see `bedstretch routine list`; \"bedtime-feet\" is used
bedstretch: 1 problem in the config; `bedstretch config` shows the settings in use
"
    );
    let (_, stdout, _) = home.run(&["config"]);
    support::assert_has(
        &stdout,
        &[
            "default_routine = \"bedtime-feet\"  # default\n",
            "bell = false",
        ],
    );
}

#[test]
fn a_routine_of_ones_own_can_be_the_default() {
    let home = Home::with("unknown-routine.toml");
    let quick = Path::new(env!("CARGO_MANIFEST_DIR")).join("routines/quick.toml");
    fs::create_dir_all(home.config_dir().join("routines")).expect("routines folder");
    fs::copy(quick, home.config_dir().join("routines/nosuch.toml")).expect("copy routine");
    let (code, stdout, stderr) = home.run(&["config", "check"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "ok  CONFIG\n", "")
    );
}

#[test]
fn a_fifo_at_the_config_path_is_a_problem_not_a_hang() {
    let home = Home::new();
    fs::create_dir_all(home.config_dir()).expect("config folder");
    let made = std::process::Command::new("mkfifo")
        .arg(home.config_file())
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // `run` gives up after 20 s, so a hang fails here instead of stalling the suite.
    let (code, stdout, stderr) = home.run(&["config", "check"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "\
CONFIG: is a named pipe (FIFO), not a regular file; the defaults are used
bedstretch: 1 problem in the config; `bedstretch config` shows the settings in use
"
    );
    // Other commands tell it once and carry on with the defaults.
    let (code, _, stderr) = home.run(&["stats"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "bedstretch: CONFIG: is a named pipe (FIFO), not a regular file; the defaults are used\n"
    );
}

#[test]
fn help_explains_the_file_and_its_keys() {
    let (code, stdout, _) = Home::new().run(&["config", "--help"]);
    assert_eq!(code, 0);
    for words in [
        "config.toml",
        "default_routine",
        "rest_days = [\"sat\", \"sun\"]",
        "NO_COLOR",
        "voice = true",
        "voice_command = \"say {text}\"",
        "Check config.toml",
    ] {
        assert!(stdout.contains(words), "{words} missing from:\n{stdout}");
    }
}

#[test]
fn help_example_comments_line_up_in_one_column() {
    let (code, stdout, _) = Home::new().run(&["config", "--help"]);
    assert_eq!(code, 0);
    let example: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.contains("every key is optional"))
        .skip(1)
        .take_while(|l| !l.starts_with("A bad value"))
        .filter(|l| l.contains('#'))
        .collect();
    assert!(example.len() >= 10, "{stdout}");
    let columns: Vec<usize> = example
        .iter()
        .map(|l| l.chars().take_while(|c| *c != '#').count())
        .collect();
    assert!(
        columns.iter().all(|c| *c == columns[0]),
        "comments start at columns {columns:?}:\n{}",
        example.join("\n")
    );
}
