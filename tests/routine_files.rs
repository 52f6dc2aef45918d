//! `bedstretch routine new|show --toml|path|edit|rm|import|export` through the binary, each
//! in a temporary config folder: ids refused, nothing ever overwritten or lost, files kept
//! byte for byte.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod support;

use assert_cmd::cargo::CommandCargoExt;
use bedstretch::store::bundled;
use support::pty::{self, Pty};
use tempfile::TempDir;

struct Home {
    dir: TempDir,
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
    bytes: Vec<u8>,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn routines(&self) -> PathBuf {
        self.dir.path().join("config/bedstretch/routines")
    }

    fn file(&self, id: &str) -> PathBuf {
        self.routines().join(format!("{id}.toml"))
    }

    fn add_routine(&self, id: &str, text: &str) {
        fs::create_dir_all(self.routines()).expect("routines folder");
        fs::write(self.file(id), text).expect("write routine");
    }

    /// Writes an executable shell script into the temporary folder, to stand in for an editor.
    fn script(&self, name: &str, body: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod");
        path
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("bedstretch").expect("binary is built");
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        finish(&mut self.command(args))
    }

    fn run_with_input(&self, args: &[&str], input: &[u8]) -> Output {
        let output = assert_cmd::Command::from_std(self.command(args))
            .write_stdin(input.to_vec())
            .output()
            .expect("runs");
        to_output(output)
    }

    fn edit(&self, id: &str, editor: &Path) -> Output {
        finish(self.command(&["routine", "edit", id]).env("VISUAL", editor))
    }

    /// Every name in the routines folder, the trash folder's content included.
    fn names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for dir in [self.routines(), self.routines().join(".trash")] {
            if let Ok(entries) = fs::read_dir(&dir) {
                for entry in entries {
                    let entry = entry.expect("entry");
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if dir.ends_with(".trash") {
                        names.push(format!(".trash/{name}"));
                    } else {
                        names.push(name);
                    }
                }
            }
        }
        names.sort();
        names
    }

    fn shown(&self, path: &Path) -> String {
        path.display().to_string()
    }

    /// Runs bedstretch in a pseudo-terminal, types `answer` once `question` shows, and
    /// returns whether it succeeded and all it wrote.
    fn on_terminal(
        &self,
        args: &[&str],
        editor: Option<&Path>,
        question: &str,
        answer: &str,
    ) -> (bool, String) {
        let mut cmd = pty::command_in(self.dir.path(), args);
        cmd.env_remove("EDITOR");
        match editor {
            Some(editor) => cmd.env("VISUAL", editor),
            None => cmd.env_remove("VISUAL"),
        }
        let mut pty = Pty::spawn_sized(cmd, 200, 24);
        pty.wait_for_written(question);
        pty.send(answer.as_bytes());
        let ok = pty.wait_exit_and_output();
        (ok, pty.written())
    }
}

fn finish(command: &mut Command) -> Output {
    to_output(command.output().expect("runs"))
}

fn to_output(output: std::process::Output) -> Output {
    Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        bytes: output.stdout,
    }
}

fn bundled_text(id: &str) -> &'static str {
    bundled::ROUTINES
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, text)| *text)
        .expect("bundled")
}

/// A routine written by hand, with comments, odd spacing and a CRLF line, that every command
/// must keep exactly.
const MINE: &str = "# My own, from the physio.\r\nname   =   \"Mine\"   # keep me\n\
                    lead_in = 0\n\n[[step]]\n# the left calf is the tight one\n\
                    name = 'Toe curls'\nduration = \"1m\"\n";

#[test]
fn ids_outside_the_rule_are_refused_with_a_suggestion() {
    let home = Home::new();
    for (id, suggestion) in [
        ("My Routine", "my-routine"),
        ("../x", "x"),
        ("UP", "up"),
        ("-x", "x"),
    ] {
        let out = home.run(&["routine", "new", "--", id]);
        assert_eq!(out.code, 1, "{id}");
        assert_eq!(
            out.stderr,
            format!(
                "bedstretch: `{id}` cannot be a routine id: an id is 1 to 40 lowercase letters \
                 (a-z), digits and dashes, and begins with a letter or digit; try `bedstretch \
                 routine new {suggestion}`\n"
            )
        );
    }
    let long = "a".repeat(41);
    assert_eq!(home.run(&["routine", "new", &long]).code, 1);
    assert!(home.names().is_empty(), "{:?}", home.names());
}

#[test]
fn new_from_copies_the_file_and_names_the_copy_apart() {
    let home = Home::new();
    let out = home.run(&["routine", "new", "mine", "--from", "quick"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = home.file("mine");
    assert_eq!(
        out.stdout,
        format!(
            "Wrote a copy of `quick` as \"Quick (my copy)\" to {}\nChange it with `bedstretch \
             routine edit mine` (or any editor), then `bedstretch run mine`.\n",
            home.shown(&file)
        )
    );
    // Only the name changes: every comment and space of the original stays.
    assert_eq!(
        fs::read_to_string(&file).expect("read"),
        bundled_text("quick").replacen("name = \"Quick\"", "name = \"Quick (my copy)\"", 1)
    );
    let second = home.run(&["routine", "new", "mine-too", "--from", "quick"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        fs::read_to_string(home.file("mine-too"))
            .expect("read")
            .contains("\nname = \"Quick (my copy 2)\"\n")
    );

    home.add_routine("hand", MINE);
    assert_eq!(
        home.run(&["routine", "new", "copy", "--from", "hand"]).code,
        0
    );
    assert_eq!(
        fs::read_to_string(home.file("copy")).expect("read"),
        MINE.replacen("\"Mine\"", "\"Mine (my copy)\"", 1)
    );

    let again = home.run(&["routine", "new", "mine"]);
    assert_eq!(again.code, 1);
    assert_eq!(
        again.stderr,
        format!(
            "bedstretch: {} already exists and was left as it is; choose another id, or change \
             that one with `bedstretch routine edit mine`\n",
            home.shown(&file)
        )
    );
    assert!(
        fs::read_to_string(&file)
            .expect("read")
            .contains("name = \"Quick (my copy)\""),
        "left as it was"
    );
    let unknown = home.run(&["routine", "new", "other", "--from", "quikc"]);
    assert_eq!(unknown.code, 1);
    assert_eq!(
        unknown.stderr,
        "bedstretch: no routine called `quikc`; did you mean `quick`?\n"
    );
    assert_eq!(
        home.names(),
        ["copy.toml", "hand.toml", "mine-too.toml", "mine.toml"]
    );
}

#[test]
fn the_template_validates_and_a_bundled_id_is_said_to_be_replaced() {
    let home = Home::new();
    let out = home.run(&["routine", "new", "my-feet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("Wrote a new routine to "),
        "{}",
        out.stdout
    );
    let file = home.file("my-feet");
    let check = home.run(&["routine", "validate", &home.shown(&file)]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(
        check.stdout,
        format!("ok  {}: \"My feet\", 2 steps, 1m 40s\n", home.shown(&file))
    );

    let over = home.run(&["routine", "new", "quick", "--from", "quick"]);
    assert_eq!(over.code, 0, "{}", over.stderr);
    // Its own version replaces the bundled one, so the name is not shared and stays.
    assert_eq!(
        fs::read_to_string(home.file("quick")).expect("read"),
        bundled_text("quick")
    );
    assert!(
        over.stdout.contains(
            "As your own, it replaces the bundled `quick` (`bedstretch routine rm quick` \
             brings that one back).\n"
        ),
        "{}",
        over.stdout
    );
}

#[test]
fn show_toml_and_export_print_the_file_exactly() {
    let home = Home::new();
    for args in [
        ["routine", "show", "bedtime-feet", "--toml"],
        ["routine", "export", "bedtime-feet", ""],
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let out = home.run(&args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.bytes, bundled_text("bedtime-feet").as_bytes());
    }
    home.add_routine("mine", MINE);
    for args in [
        ["routine", "show", "mine", "--toml"],
        ["routine", "export", "mine", ""],
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let out = home.run(&args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.bytes, MINE.as_bytes());
        assert!(out.stderr.is_empty(), "{}", out.stderr);
    }
    let missing = home.run(&["routine", "export", "nope"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stderr
            .starts_with("bedstretch: no routine called `nope`")
    );
}

#[test]
fn path_says_where_a_routine_lives_or_would() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let out = home.run(&["routine", "path", "mine"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, format!("{}\n", home.shown(&home.file("mine"))));
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    let bundled = home.run(&["routine", "path", "quick"]);
    assert_eq!(bundled.code, 0, "{}", bundled.stderr);
    assert_eq!(
        bundled.stdout,
        format!("{}\n", home.shown(&home.file("quick")))
    );
    assert_eq!(
        bundled.stderr,
        "bedstretch: `quick` is bundled and has no file of yours yet; this is where your copy \
         would go (`bedstretch routine new quick --from quick` or `routine edit quick` makes \
         it)\n"
    );
    for id in ["nope", "../config"] {
        let out = home.run(&["routine", "path", id]);
        assert_eq!(out.code, 1, "{id}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn rm_moves_to_the_trash_which_is_not_listed_and_can_be_put_back() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let out = home.run(&["routine", "rm", "mine"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let trashed = home.routines().join(".trash/mine-1.toml");
    assert_eq!(
        out.stdout,
        format!(
            "Moved {} to {}\nTo put it back: bedstretch routine restore mine\n",
            home.shown(&home.file("mine")),
            home.shown(&trashed),
        )
    );
    assert_eq!(fs::read_to_string(&trashed).expect("trashed"), MINE);
    let list = home.run(&["routine", "list"]);
    assert!(!list.stdout.contains("mine"), "{}", list.stdout);
    assert!(!list.stdout.contains("problems"), "{}", list.stdout);

    // A second removal of the same id never replaces the first in the trash.
    home.add_routine(
        "mine",
        "name = \"Second\"\n[[step]]\nname = \"A\"\nduration = 1\n",
    );
    assert_eq!(home.run(&["routine", "rm", "mine", "--yes"]).code, 0);
    assert_eq!(
        home.names(),
        [".trash", ".trash/mine-1.toml", ".trash/mine-2.toml"]
    );

    let listed = home.run(&["routine", "restore", "--list"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert_eq!(
        listed.stdout,
        format!(
            "mine  Second  {}\nmine  Mine    {}\n\n`bedstretch routine restore ID` puts back \
             the newest copy of ID (the first listed).\n",
            home.shown(&home.routines().join(".trash/mine-2.toml")),
            home.shown(&trashed)
        )
    );
    let out = home.run(&["routine", "restore", "mine"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "Put back {} as {}\n",
            home.shown(&home.routines().join(".trash/mine-2.toml")),
            home.shown(&home.file("mine"))
        )
    );
    let out = home.run(&["routine", "restore", "mine"]);
    assert_eq!(out.code, 1, "never over a routine of that id");
    assert!(
        out.stderr.contains("already exists and was left as it is"),
        "{}",
        out.stderr
    );
    assert_eq!(home.run(&["routine", "rm", "mine", "--yes"]).code, 0);
    assert_eq!(home.run(&["routine", "restore", "mine"]).code, 0);
    let list = home.run(&["routine", "list"]);
    assert!(
        list.stdout
            .lines()
            .any(|l| l.starts_with("mine ") && l.contains("Second")),
        "{}",
        list.stdout
    );
    assert_eq!(
        home.names(),
        [".trash", ".trash/mine-1.toml", "mine.toml"],
        "the older copy waits in the trash"
    );
    let out = home.run(&["routine", "restore", "nothing"]);
    assert_eq!(
        out.stderr,
        "bedstretch: the trash holds no copy of `nothing`; `bedstretch routine restore \
         --list` shows what it holds\n"
    );
}

#[test]
fn the_put_back_hint_works_in_a_shell_whatever_the_folder_is_called() {
    let home = Home::new();
    let config = home.dir.path().join("it's \"my\" $HOME");
    let routines = config.join("bedstretch/routines");
    fs::create_dir_all(&routines).expect("folder");
    fs::write(routines.join("mine.toml"), MINE).expect("write");
    let out = finish(
        home.command(&["routine", "rm", "mine", "--yes"])
            .env("XDG_CONFIG_HOME", &config),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let hint = out
        .stdout
        .lines()
        .find_map(|line| line.strip_prefix("To put it back: "))
        .expect("a hint");
    let bin = Path::new(env!("CARGO_BIN_EXE_bedstretch"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let ran = Command::new("sh")
        .arg("-c")
        .arg(hint)
        .env("PATH", path)
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_DATA_HOME", home.dir.path().join("data"))
        .output()
        .expect("sh runs");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_eq!(
        fs::read_to_string(routines.join("mine.toml")).expect("back"),
        MINE
    );
}

#[test]
fn rm_of_a_bundled_routine_is_refused_with_the_reason() {
    let home = Home::new();
    let out = home.run(&["routine", "rm", "quick"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "bedstretch: `quick` is bundled with bedstretch, not a file of yours, so there is \
         nothing to remove; routines you make or copy (`bedstretch routine new`) can be \
         removed\n"
    );
    let unknown = home.run(&["routine", "rm", "../../etc/passwd"]);
    assert_eq!(unknown.code, 1);
    assert!(home.names().is_empty());

    // Removing the person's copy brings the bundled one back, and says so.
    home.add_routine("quick", MINE);
    let out = home.run(&["routine", "rm", "quick"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.ends_with("The bundled `quick` is used again.\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn dot_files_in_the_routines_folder_are_not_routines() {
    let home = Home::new();
    home.add_routine(".draft", "not toml at all [");
    home.add_routine(".mine.toml.edit-1234", "nor this [");
    let list = home.run(&["routine", "list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(!list.stdout.contains("problems"), "{}", list.stdout);
    assert!(!list.stdout.contains("draft"), "{}", list.stdout);
}

#[test]
fn import_of_a_bad_file_lists_every_problem_and_writes_nothing() {
    let home = Home::new();
    let shared = home.dir.path().join("shared.toml");
    fs::write(
        &shared,
        "name = \"Shared\"\n[[step]]\nname = \"A\"\nduraton = \"30s\"\n[[step]]\nname = \"B\"\n\
         duration = \"0s\"\n",
    )
    .expect("write");
    let out = home.run(&["routine", "import", "shared.toml"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "shared.toml:4:1: step 1 \"A\": unknown key `duraton`; did you mean `duration`?\n\
         shared.toml:7:12: step 2 \"B\": duration must be 1s..30m, got \"0s\"\n\
         bedstretch: nothing was imported: fix the problems above, or ask for a corrected file\n"
    );
    assert!(home.names().is_empty(), "{:?}", home.names());

    let named = home.dir.path().join("My File.toml");
    fs::write(&named, MINE).expect("write");
    let out = home.run(&["routine", "import", "My File.toml"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .ends_with("begins with a letter or digit; import it with `--as my-file`\n"),
        "{}",
        out.stderr
    );
    let stdin = home.run_with_input(&["routine", "import", "-"], MINE.as_bytes());
    assert_eq!(stdin.code, 1);
    assert!(
        stdin.stderr.contains("needs an id: add `--as ID`"),
        "{}",
        stdin.stderr
    );
    assert!(home.names().is_empty(), "{:?}", home.names());
}

#[test]
fn import_refuses_an_existing_id_unless_forced_and_then_keeps_the_old_in_the_trash() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let shared = home.dir.path().join("mine.toml");
    fs::write(&shared, bundled_text("quick")).expect("write");
    let out = home.run(&["routine", "import", "mine.toml"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!(
            "bedstretch: {} already exists and was left as it is; import with `--as \
             ANOTHER-ID`, or `--force` to replace it (the old one goes to the trash)\n",
            home.shown(&home.file("mine"))
        )
    );
    assert_eq!(fs::read_to_string(home.file("mine")).expect("read"), MINE);

    let forced = home.run(&["routine", "import", "mine.toml", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(
        fs::read_to_string(home.file("mine")).expect("read"),
        bundled_text("quick")
    );
    let old = home.routines().join(".trash/mine-1.toml");
    assert_eq!(fs::read_to_string(&old).expect("old kept"), MINE);
    assert_eq!(
        forced.stdout,
        format!(
            "Your previous `mine` is in {}\nImported `mine` to {}\n",
            home.shown(&old),
            home.shown(&home.file("mine"))
        )
    );
}

#[test]
fn export_then_import_as_another_id_is_identical() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let exported = home.run(&["routine", "export", "mine"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let imported = home.run_with_input(
        &["routine", "import", "-", "--as", "theirs"],
        &exported.bytes,
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert_eq!(
        imported.stdout,
        format!(
            "Imported `theirs` to {}\n",
            home.shown(&home.file("theirs"))
        )
    );
    assert_eq!(
        fs::read(home.file("theirs")).expect("read"),
        MINE.as_bytes()
    );

    let bundled = home.run(&["routine", "export", "in-bed"]);
    let imported = home.run_with_input(
        &["routine", "import", "-", "--as", "in-bed-2"],
        &bundled.bytes,
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert_eq!(
        fs::read_to_string(home.file("in-bed-2")).expect("read"),
        bundled_text("in-bed")
    );
}

#[test]
fn edit_with_a_valid_result_replaces_the_file_and_keeps_every_comment() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let editor = home.script(
        "append.sh",
        "printf '# held longer since March\\nrest = \"7s\"\\n' >> \"$1\"",
    );
    let out = home.edit("mine", &editor);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("Saved {}\n", home.shown(&home.file("mine")))
    );
    assert_eq!(
        fs::read_to_string(home.file("mine")).expect("read"),
        format!("{MINE}# held longer since March\nrest = \"7s\"\n")
    );
    assert_eq!(home.names(), ["mine.toml"], "the copy is removed");
}

#[test]
fn edit_with_problems_and_no_one_to_answer_leaves_the_original_byte_for_byte() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let editor = home.script(
        "garbage.sh",
        "printf 'name = \"Mine\"\\n[[step]]\\nname = \"A\"\\nduraton = 3\\n' > \"$1\"",
    );
    let out = home.edit("mine", &editor);
    assert_eq!(out.code, 1);
    let file = home.shown(&home.file("mine"));
    let draft = home.shown(&home.routines().join(".mine.toml.draft"));
    assert_eq!(
        out.stderr,
        format!(
            "{draft}:4:1: step 1 \"A\": unknown key `duraton`; did you mean `duration`?\n\
             bedstretch: {file} was not changed: your edit had problems and is kept in \
             {draft}; `bedstretch routine edit mine` offers to take it up again\n"
        )
    );
    assert_eq!(fs::read(home.file("mine")).expect("read"), MINE.as_bytes());
    assert_eq!(
        fs::read_to_string(home.routines().join(".mine.toml.draft")).expect("draft"),
        "name = \"Mine\"\n[[step]]\nname = \"A\"\nduraton = 3\n",
        "the edit is kept as it was typed"
    );
    assert_eq!(home.names(), [".mine.toml.draft", "mine.toml"]);
    let list = home.run(&["routine", "list"]);
    assert!(
        !list.stdout.contains("draft"),
        "never loaded: {}",
        list.stdout
    );

    // The next edit takes the draft up, and once saved it is gone.
    let fix = home.script("fix.sh", "sed -i 's/duraton/duration/' \"$1\"");
    let out = home.edit("mine", &fix);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("An edit of `mine` that was not saved is kept in {draft}.\nSaved {file}\n")
    );
    assert_eq!(
        fs::read_to_string(home.file("mine")).expect("read"),
        "name = \"Mine\"\n[[step]]\nname = \"A\"\nduration = 3\n"
    );
    assert_eq!(
        home.names(),
        ["mine.toml"],
        "the draft and the copy are removed"
    );
}

#[test]
fn two_edits_of_one_routine_never_lose_the_first() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    // The second edit begins and is saved while the first is still open in its editor, as
    // in a second terminal; then the first closes.
    let second = home.script("second.sh", "printf '# second\\n' >> \"$1\"");
    let first = home.script(
        "first.sh",
        &format!(
            "VISUAL='{second}' '{bin}' routine edit mine </dev/null >/dev/null || exit 9\n\
             printf '# first\\n' >> \"$1\"",
            second = second.display(),
            bin = env!("CARGO_BIN_EXE_bedstretch"),
        ),
    );
    let out = home.edit("mine", &first);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let file = home.shown(&home.file("mine"));
    let draft = home.routines().join(".mine.toml.draft");
    assert_eq!(
        out.stderr,
        format!(
            "bedstretch: {file} changed while you were editing it (another edit saved first), \
             so it was not replaced; your edit is kept in {}, and `bedstretch routine edit \
             mine` offers to take it up again\n",
            home.shown(&draft)
        )
    );
    assert_eq!(
        fs::read_to_string(home.file("mine")).expect("read"),
        format!("{MINE}# second\n"),
        "the edit saved first stays"
    );
    assert_eq!(
        fs::read_to_string(&draft).expect("draft"),
        format!("{MINE}# first\n"),
        "the other is kept whole"
    );
}

#[test]
fn an_editor_that_fails_changes_nothing() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let editor = home.script("fails.sh", "printf 'half a file' > \"$1\"\nexit 1");
    let out = home.edit("mine", &editor);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .ends_with("ended with exit status: 1; nothing was changed\n"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read(home.file("mine")).expect("read"), MINE.as_bytes());
    assert_eq!(home.names(), ["mine.toml"]);
}

#[test]
fn editing_a_bundled_routine_makes_a_copy_of_your_own() {
    let home = Home::new();
    let editor = home.script("append.sh", "printf '# mine now\\n' >> \"$1\"");
    let out = home.edit("quick", &editor);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = home.shown(&home.file("quick"));
    assert_eq!(
        out.stdout,
        format!(
            "`quick` is bundled: your edit is saved as your own copy in {file}; the bundled \
             one stays as it is.\nSaved {file}\nYour copy replaces the bundled `quick` \
             (`bedstretch routine rm quick` brings that one back).\n"
        )
    );
    assert_eq!(
        fs::read_to_string(home.file("quick")).expect("read"),
        format!("{}# mine now\n", bundled_text("quick"))
    );
    let list = home.run(&["routine", "list"]);
    assert!(
        list.stdout.contains("yours, replaces bundled"),
        "{}",
        list.stdout
    );

    // An abandoned edit of a bundled routine leaves no copy behind.
    let home = Home::new();
    let fails = home.script("fails.sh", "exit 3");
    assert_eq!(home.edit("quick", &fails).code, 1);
    assert!(home.names().is_empty(), "{:?}", home.names());
}

#[test]
fn edit_says_clearly_when_there_is_no_editor_or_no_routine() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let empty_path = home.dir.path().join("bin");
    fs::create_dir(&empty_path).expect("bin");
    let out = finish(
        home.command(&["routine", "edit", "mine"])
            .env("PATH", &empty_path),
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "bedstretch: no editor found: set VISUAL or EDITOR (for example `export EDITOR=nano`), \
         or install one of editor, nano, vi\n"
    );
    let editor = home.script("never.sh", "exit 0");
    let out = home.edit("nope", &editor);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .ends_with("; make it with `bedstretch routine new nope`\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn on_a_terminal_edit_asks_to_edit_again_and_saves_the_fixed_result() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let marker = home.dir.path().join("tried");
    // The first time it leaves a typo; asked again, it writes a good file.
    let editor = home.script(
        "twice.sh",
        &format!(
            "if [ -e '{marker}' ]; then\n\
             printf 'name = \"Fixed\"\\n[[step]]\\nname = \"A\"\\nduration = 3\\n' > \"$1\"\n\
             else\n printf 'name = \"Mine\"\\nduraton = 3\\n' >> \"$1\"; touch '{marker}'\nfi",
            marker = marker.display()
        ),
    );
    let (ok, output) = home.on_terminal(
        &["routine", "edit", "mine"],
        Some(&editor),
        "Edit again? [Y/n]",
        "\r",
    );
    assert!(ok, "{output}");
    let file = home.shown(&home.file("mine"));
    let draft = home.shown(&home.routines().join(".mine.toml.draft"));
    assert!(
        output.contains(&format!(
            "{draft}:9:1: TOML syntax: duplicate key `name`; each key may appear once per table"
        )),
        "{output}"
    );
    assert!(output.contains(&format!("Saved {file}")), "{output}");
    assert_eq!(
        fs::read_to_string(home.file("mine")).expect("read"),
        "name = \"Fixed\"\n[[step]]\nname = \"A\"\nduration = 3\n"
    );
    assert_eq!(home.names(), ["mine.toml"]);
}

#[test]
fn on_a_terminal_declining_to_edit_again_leaves_the_original() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let editor = home.script("typo.sh", "printf 'duraton = 3\\n' >> \"$1\"");
    let (ok, output) = home.on_terminal(
        &["routine", "edit", "mine"],
        Some(&editor),
        "Edit again? [Y/n]",
        "n\r",
    );
    assert!(!ok, "{output}");
    assert!(output.contains("was not changed"), "{output}");
    assert_eq!(fs::read(home.file("mine")).expect("read"), MINE.as_bytes());
    assert_eq!(home.names(), [".mine.toml.draft", "mine.toml"]);
    assert_eq!(
        fs::read_to_string(home.routines().join(".mine.toml.draft")).expect("draft"),
        format!("{MINE}duraton = 3\n")
    );
}

#[test]
fn on_a_terminal_a_draft_can_be_left_aside_and_the_edit_starts_from_the_routine() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    fs::write(
        home.routines().join(".mine.toml.draft"),
        "name = \"Draft\"\n",
    )
    .expect("draft");
    let seen = home.dir.path().join("seen");
    let editor = home.script("look.sh", &format!("cp \"$1\" '{}'", seen.display()));
    let (ok, output) = home.on_terminal(
        &["routine", "edit", "mine"],
        Some(&editor),
        "Take it up again? [Y/n]",
        "n\r",
    );
    assert!(ok, "{output}");
    assert!(
        output.contains("No changes; nothing was saved."),
        "{output}"
    );
    assert_eq!(fs::read_to_string(&seen).expect("seen"), MINE);
    assert_eq!(
        home.names(),
        [".mine.toml.draft", "mine.toml"],
        "still kept"
    );
}

#[test]
fn on_a_terminal_rm_asks_first() {
    let home = Home::new();
    home.add_routine("mine", MINE);
    let question = "to the trash? [y/N]";
    let (ok, output) = home.on_terminal(&["routine", "rm", "mine"], None, question, "\r");
    assert!(!ok, "{output}");
    assert!(output.contains("nothing was removed"), "{output}");
    assert_eq!(home.names(), ["mine.toml"]);
    let (ok, output) = home.on_terminal(&["routine", "rm", "mine"], None, question, "y\r");
    assert!(ok, "{output}");
    assert_eq!(home.names(), [".trash", ".trash/mine-1.toml"]);
}

#[test]
fn an_editor_with_arguments_runs_through_the_shell_and_an_untouched_bundled_routine_is_not_copied()
{
    let home = Home::new();
    home.add_routine("mine", MINE);
    let script = home.script(
        "with-args.sh",
        "[ \"$1\" = --wait ] && printf '# ok\\n' >> \"$2\"",
    );
    let editor = PathBuf::from(format!("{} --wait", script.display()));
    let out = home.edit("mine", &editor);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(home.file("mine")).expect("read"),
        format!("{MINE}# ok\n")
    );

    let untouched = home.script("untouched.sh", "exit 0");
    let out = home.edit("quick", &untouched);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.ends_with("No changes; nothing was saved.\n"),
        "{}",
        out.stdout
    );
    assert_eq!(home.names(), ["mine.toml"]);
}

#[test]
fn a_copy_of_a_broken_routine_is_made_with_its_problems_said() {
    let home = Home::new();
    home.add_routine(
        "broken",
        "name = \"B\"\n[[step]]\nname = \"A\"\nduraton = 3\n",
    );
    let out = home.run(&["routine", "new", "fixed", "--from", "broken"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "{}:4:1: step 1 \"A\": unknown key `duraton`; did you mean `duration`?\n",
            home.shown(&home.file("fixed"))
        )
    );
    assert_eq!(
        fs::read(home.file("fixed")).expect("read"),
        fs::read(home.file("broken")).expect("read")
    );
}

#[test]
fn show_toml_on_a_terminal_sends_no_control_characters() {
    let home = Home::new();
    home.add_routine(
        "mine",
        "# \u{1b}]0;pwned\u{7}\u{1b}[2J title\nname = \"Mine\"\n[[step]]\nname = \"A\"\nduration = 3\n",
    );
    let (ok, output) = home.on_terminal(
        &["routine", "show", "mine", "--toml"],
        None,
        "duration = 3",
        "",
    );
    assert!(ok, "{output}");
    assert!(output.contains("# ]0;pwned[2J title"), "{output:?}");
    assert!(
        !output.contains('\u{1b}') && !output.contains('\u{7}'),
        "{output:?}"
    );
}

#[test]
fn import_of_a_routine_whose_name_is_taken_says_so_and_still_imports() {
    let home = Home::new();
    let shared = home.dir.path().join("from-physio.toml");
    fs::write(&shared, bundled_text("quick")).expect("write");
    let out = home.run(&["routine", "import", "from-physio.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "bedstretch: `quick` is also called \"Quick\"; home shows their ids beside the name, \
         or rename this one with `bedstretch routine edit from-physio`\n"
    );
    assert_eq!(
        fs::read_to_string(home.file("from-physio")).expect("imported"),
        bundled_text("quick")
    );
    // A name of its own draws no note.
    let other = home.dir.path().join("other.toml");
    fs::write(&other, MINE).expect("write");
    let out = home.run(&["routine", "import", "other.toml"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

#[test]
fn a_file_made_by_hand_whose_id_begins_with_a_dash_is_listed_and_named_safely() {
    let home = Home::new();
    home.add_routine("-x", MINE);
    let list = home.run(&["routine", "list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(
        list.stdout
            .lines()
            .any(|l| l.starts_with("-x ") && l.contains("Mine")),
        "{}",
        list.stdout
    );
    let show = home.run(&["routine", "show", "--", "-x"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    // Offered as it must be typed: after `--`, so it is not read as an option.
    let near = home.run(&["routine", "show", "--", "-xy"]);
    assert_eq!(
        near.stderr,
        "bedstretch: no routine called `-xy`; did you mean `-- -x`?\n"
    );
}
