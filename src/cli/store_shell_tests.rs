use super::*;
use crate::app::home::MARK_OVERRIDE;

/// Config and data folders in a temporary directory, gone with it, and default settings.
struct Temp {
    _dir: tempfile::TempDir,
    paths: Paths,
    config: Config,
}

impl Temp {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::from_vars(
            Some(dir.path().join("config").into()),
            Some(dir.path().join("data").into()),
        )
        .expect("paths");
        Self {
            _dir: dir,
            paths,
            config: Config::default(),
        }
    }

    fn shell(&self) -> StoreShell<'_> {
        StoreShell::new(&self.paths, &self.config)
    }
}

/// Quick opened for editing, as e on home opens it; `from` says where its text should come from.
fn edit_quick(shell: &mut StoreShell<'_>, from: &str) -> EditorSource {
    shell.routine_source("quick", Some("quick")).expect(from)
}

#[test]
fn the_editor_reads_the_bundled_text_then_the_saved_file_and_home_lists_the_copy() {
    let temp = Temp::new();
    let mut shell = temp.shell();
    let source = edit_quick(&mut shell, "bundled");
    assert!(source.bundled && source.saved);
    let mine = source.text.replacen("Quick", "Quick, mine", 1);
    shell.save_routine("quick", &mine, None).expect("saved");
    let saved = temp.paths.routines_dir().join("quick.toml");
    assert_eq!(std::fs::read_to_string(saved).expect("file"), mine);
    let again = edit_quick(&mut shell, "user file");
    assert_eq!(again.text, mine);
    assert!(!again.bundled, "the person's own file now");
    let rows = shell.reload_routines();
    let quick = rows.iter().find(|r| r.id == "quick").expect("listed");
    assert_eq!(
        (quick.name.as_str(), quick.mark),
        ("Quick, mine", MARK_OVERRIDE)
    );
    assert!(
        shell
            .catalog
            .as_ref()
            .and_then(|c| c.get("quick"))
            .is_some()
    );
}

#[test]
fn a_copy_and_a_new_routine_start_unsaved() {
    let temp = Temp::new();
    let mut shell = temp.shell();
    let copy = shell
        .routine_source("quick-copy", Some("quick"))
        .expect("copy");
    assert!(!copy.bundled && !copy.saved);
    // Named apart from the routine it copies, so home can tell the two apart.
    assert!(
        copy.text.contains("\nname = \"Quick (my copy)\"\n"),
        "{}",
        copy.text
    );
    let new = shell.routine_source("my-routine", None).expect("new");
    assert_eq!(new.text, crate::core::routine_template::template(&new.id));
    assert!(!new.saved);
    assert!(shell.routine_source("x", Some("nothing")).is_err());
}

#[test]
fn a_new_routine_or_a_copy_never_takes_the_id_of_a_file_home_does_not_list() {
    let temp = Temp::new();
    std::fs::create_dir_all(temp.paths.routines_dir()).expect("folder");
    let broken = temp.paths.routines_dir().join("my-routine.toml");
    std::fs::write(&broken, "name = ").expect("write");
    let mut shell = temp.shell();
    let err = shell
        .routine_source("my-routine", None)
        .expect_err("refused");
    assert!(
        err.contains("routines/my-routine.toml already exists"),
        "{err}"
    );
    assert!(shell.routine_source("my-routine", Some("quick")).is_err());
    assert_eq!(std::fs::read_to_string(broken).expect("kept"), "name = ");
}

#[test]
fn ids_that_could_leave_the_routines_folder_are_refused() {
    let temp = Temp::new();
    let mut shell = temp.shell();
    for id in ["../x", "a/b", ".hidden", "", "a\\b"] {
        let err = shell.save_routine(id, "name = \"x\"", None).expect_err(id);
        assert!(err.contains("cannot be a routine id"), "{err}");
    }
    assert!(!temp.paths.routines_dir().exists(), "nothing written");
}

#[test]
fn a_save_never_replaces_what_another_edit_saved_meanwhile_and_keeps_this_one_as_a_draft() {
    let temp = Temp::new();
    let mut shell = temp.shell();
    let opened = edit_quick(&mut shell, "bundled");
    let first = opened.text.replacen("Quick", "Quick, first", 1);
    // Another edit (a second terminal) makes the person's file while this one is open.
    shell
        .save_routine("quick", "name = \"Other\"\n", None)
        .expect("the other saves");
    let err = shell
        .save_routine("quick", &first, opened.on_disk.as_deref())
        .expect_err("refused");
    let file = temp.paths.routines_dir().join("quick.toml");
    let draft = temp.paths.routines_dir().join(".quick.toml.draft");
    assert_eq!(
        err,
        format!(
            "{} changed since you opened it (another edit saved first); yours is kept in {}",
            file.display(),
            draft.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        "name = \"Other\"\n"
    );
    assert_eq!(std::fs::read_to_string(&draft).expect("draft"), first);

    // Opened again, the draft shows, against the file as it is now; saved, it is gone.
    let again = edit_quick(&mut shell, "draft");
    assert!(again.draft && !again.saved);
    assert_eq!(again.text, first);
    assert_eq!(again.on_disk.as_deref(), Some("name = \"Other\"\n"));
    shell
        .save_routine("quick", &again.text, again.on_disk.as_deref())
        .expect("saved");
    assert_eq!(std::fs::read_to_string(&file).expect("file"), first);
    assert!(!draft.exists());
}

#[test]
fn a_draft_kept_at_a_signal_opens_next_time_and_can_be_let_go() {
    let temp = Temp::new();
    let mut shell = temp.shell();
    shell.keep_draft("quick", "name = \"Half done\"\n");
    let source = edit_quick(&mut shell, "draft");
    assert!(source.draft);
    assert_eq!(source.text, "name = \"Half done\"\n");
    assert_eq!(source.on_disk, None, "still only the bundled one");
    // A copy of it under another id starts from the routine, not the draft.
    let copy = shell
        .routine_source("quick-copy", Some("quick"))
        .expect("copy");
    assert!(!copy.draft);
    shell.forget_draft("quick");
    let source = edit_quick(&mut shell, "bundled");
    assert!(!source.draft && source.bundled);
}
