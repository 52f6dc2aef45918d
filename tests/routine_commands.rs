//! `bedstretch routine list|show`, `--help` and `--version`, with a person's own routines
//! folder beside the bundled ones.

mod support;

use support::folders::Folders;

use std::fs;

struct Home(Folders);

home_over_folders!(Home);

impl Home {
    fn new() -> Self {
        Self(Folders::new())
    }

    fn add_routine(&self, file: &str, text: &str) {
        fs::create_dir_all(self.routines()).expect("routines folder");
        fs::write(self.routines().join(file), text).expect("write routine");
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = support::cli::bedstretch(self.dir.path(), args)
            .current_dir(self.dir.path())
            // A terminal that could show the full screen, were standard output one.
            .env("TERM", "xterm-256color")
            .output()
            .expect("runs");
        support::cli::said(&output)
    }
}

const MINE: &str =
    "name = \"Mine\"\nlead_in = 0\n[[step]]\nname = \"Toe curls\"\nduration = \"1m\"\n";

#[test]
fn list_shows_the_five_bundled_routines_with_totals() {
    let home = Home::new();
    let (code, stdout, stderr) = home.run(&["routine", "list"]);
    assert_eq!(code, 0, "{stderr}");
    let rows: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        rows[..6],
        [
            "ID              NAME                STEPS  TOTAL    FROM",
            "bedtime-feet    Bedtime feet            9  9m 43s   bundled",
            "in-bed          In bed                  6  5m 26s   bundled",
            "quick           Quick                   4  3m 27s   bundled",
            "calf-hamstring  Calf and hamstring      6  3m 23s   bundled",
            "cramp-relief    Cramp relief            5  3m 17s   bundled",
        ]
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn bare_bedstretch_without_a_terminal_says_so() {
    let home = Home::new();
    let (code, stdout, stderr) = home.run(&[]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "bedstretch: the full screen needs a terminal, and standard output is not one; \
         `bedstretch run --plain` runs a session line by line without one\n"
    );
    let (code, _, stderr) = home.run(&["run", "quick"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
}

#[test]
fn user_routines_are_listed_and_a_broken_one_does_not_hide_the_rest() {
    let home = Home::new();
    home.add_routine("mine.toml", MINE);
    home.add_routine("quick.toml", &MINE.replace("Mine", "My quick"));
    home.add_routine(
        "broken.toml",
        "name = \"Broken\"\n[[step]]\nname = \"x\"\nduraton = 5\n",
    );
    home.add_routine("notes.txt", "not a routine");
    let (code, stdout, _) = home.run(&["routine", "list"]);
    assert_eq!(code, 0);
    support::assert_has(
        &stdout,
        &[
            "quick           My quick                1  1m       yours, replaces bundled",
            "mine            Mine                    1  1m       yours",
            "bedtime-feet    Bedtime feet            9  9m 43s   bundled",
        ],
    );
    assert!(stdout.contains("These routine files have problems and are skipped until fixed:"));
    assert!(
        stdout.contains(
            "broken.toml:4:1: step 1 \"x\": unknown key `duraton`; did you mean `duration`?"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("notes"), "{stdout}");
}

#[test]
fn show_prints_every_step_and_the_total() {
    let home = Home::new();
    let (code, stdout, _) = home.run(&["routine", "show", "bedtime-feet"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("Bedtime feet  (bedtime-feet, bundled)\n"),
        "{stdout}"
    );
    support::assert_has(
        &stdout,
        &[
            "  1. Wall calf stretch             left, right   30s each",
            "  4. Toe curls                     10 reps            30s",
            "     switch sides                                      3s",
        ],
    );
    assert!(
        stdout.ends_with("Total 9m 43s: 9 steps, 15 with every side counted.\n"),
        "{stdout}"
    );
}

#[test]
fn show_keeps_long_sides_apart_from_the_time() {
    let home = Home::new();
    let (code, stdout, _) = home.run(&["routine", "show", "calf-hamstring"]);
    assert_eq!(code, 0);
    support::assert_has(
        &stdout,
        &[
            "  1. Wall calf stretch, 1 of 3     left, right   10s each",
            "  4. Hamstring stretch, 1 of 3     left leg, right leg 10s each",
        ],
    );
    assert!(
        stdout.ends_with("Total 3m 23s: 6 steps, 12 with every side counted.\n"),
        "{stdout}"
    );
}

#[test]
fn show_reads_a_file_by_path_and_a_user_routine_by_id() {
    let home = Home::new();
    home.add_routine("mine.toml", MINE);
    let (code, stdout, _) = home.run(&["routine", "show", "mine"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Mine  (mine, yours: "), "{stdout}");
    fs::write(home.dir.path().join("loose.toml"), MINE).expect("write");
    let (code, stdout, _) = home.run(&["routine", "show", "loose.toml"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("Mine  (loose, from loose.toml)"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_routine_gets_a_suggestion() {
    let home = Home::new();
    let (code, stdout, stderr) = home.run(&["routine", "show", "bedtime-fet"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "bedstretch: no routine called `bedtime-fet`; did you mean `bedtime-feet`?\n"
    );
    let (_, _, stderr) = home.run(&["routine", "show", "yoga"]);
    assert_eq!(
        stderr,
        "bedstretch: no routine called `yoga`; the routines are: bedtime-feet, in-bed, quick, calf-hamstring, cramp-relief\n"
    );
}

#[test]
fn a_broken_user_routine_explains_itself_when_asked_for() {
    let home = Home::new();
    home.add_routine("mine.toml", "name = \"Mine\"\n");
    let (code, _, stderr) = home.run(&["routine", "show", "mine"]);
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with("mine.toml:1:1: a routine needs 1 to 100 [[step]] tables, got 0\n"),
        "{stderr}"
    );
}

#[test]
fn help_and_version_are_tidy() {
    let home = Home::new();
    let (code, stdout, _) = home.run(&["--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("A calm bedtime stretch coach"),
        "{stdout}"
    );
    assert!(stdout.contains("routine"), "{stdout}");
    let (code, stdout, _) = home.run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        format!("bedstretch {}\n", env!("CARGO_PKG_VERSION"))
    );
    let (code, _, stderr) = home.run(&["routine", "validate"]);
    assert_eq!(code, 2, "a usage error");
    assert!(stderr.contains("<FILE>..."), "{stderr}");
}

#[test]
fn listing_showing_and_validating_write_nothing_at_all() {
    let home = Home::new();
    home.run(&["routine", "list"]);
    home.run(&["routine", "show", "quick"]);
    let entries: Vec<_> = fs::read_dir(home.dir.path()).expect("read").collect();
    assert!(entries.is_empty(), "{entries:?}");
    // Not even to recover a session left behind: that is for commands that use the history.
    let data = home.dir.path().join("data/bedstretch");
    fs::create_dir_all(&data).expect("data folder");
    fs::write(data.join("current.json"), "{}").expect("progress");
    let routine = home.dir.path().join("mine.toml");
    fs::write(&routine, MINE).expect("routine");
    home.run(&["routine", "list"]);
    home.run(&["routine", "show", "quick"]);
    home.run(&["routine", "validate", routine.to_str().expect("utf-8")]);
    let left: Vec<_> = fs::read_dir(&data)
        .expect("read")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["current.json"], "nothing moved, nothing added");
}

#[test]
fn list_keeps_its_columns_straight_for_names_in_wide_characters() {
    let home = Home::new();
    home.add_routine("calf.toml", &MINE.replace("Mine", "小腿伸展运动"));
    let (code, stdout, _) = home.run(&["routine", "list"]);
    assert_eq!(code, 0);
    // Each row's STEPS column starts where the header's does, counted in display columns.
    let column = |line: &str, at: usize| {
        let mut width = 0;
        for (i, c) in line.char_indices() {
            if width >= at {
                return line[i..].to_string();
            }
            width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
        String::new()
    };
    let header = stdout.lines().next().expect("header");
    let steps_at = header.find("STEPS").expect("STEPS");
    for line in stdout.lines().skip(1).take_while(|l| !l.is_empty()) {
        let rest = column(line, steps_at);
        // STEPS is five columns, right-aligned: its last column holds a digit.
        let cell: String = rest.chars().take(5).collect();
        assert!(
            cell.trim_start().parse::<usize>().is_ok()
                && cell.ends_with(|c: char| c.is_ascii_digit()),
            "the steps column is out of line in {line:?}"
        );
    }
}

#[test]
fn show_keeps_its_times_in_line_for_step_names_in_wide_characters() {
    let home = Home::new();
    let wide = MINE
        .replace("Mine", "小腿")
        .replacen("name = \"", "name = \"左右伸展", 2);
    home.add_routine("wide.toml", &wide);
    let (code, stdout, _) = home.run(&["routine", "show", "wide"]);
    assert_eq!(code, 0, "{stdout}");
    let step = stdout
        .lines()
        .find(|l| l.starts_with("  1. "))
        .expect("step line");
    // 5 columns of number, 30 of name, 14 of sides and reps, then the time in 8.
    assert_eq!(
        unicode_width::UnicodeWidthStr::width(step),
        5 + 30 + 14 + 8,
        "{step:?}"
    );
}

#[test]
fn a_broken_override_is_never_silently_replaced_by_the_bundled_routine() {
    let home = Home::new();
    home.add_routine(
        "quick.toml",
        "name = \"My quick\"\n[[step]]\nname = \"x\"\nduraton = 5\n",
    );
    let (code, _, stderr) = home.run(&["routine", "show", "quick"]);
    assert_eq!(code, 1);
    support::assert_has(
        &stderr,
        &[
            "quick.toml:4:1: step 1 \"x\": unknown key `duraton`",
            "replaces the bundled routine of that name, so neither runs",
        ],
    );
    let (_, stdout, _) = home.run(&["routine", "list"]);
    assert!(
        !stdout.lines().any(|l| l.starts_with("quick ")),
        "the bundled quick is not offered in its place: {stdout}"
    );
}
