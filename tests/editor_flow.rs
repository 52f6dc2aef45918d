//! The editor inside the app, driven through the one loop with scripted keys and a shell
//! that keeps routine files in memory: e edits, n makes a new routine, c copies; saving
//! reaches the shell, home lists the change, and leaving unsaved asks first.

mod support;

use bedstretch::app::App;
use bedstretch::app::home::{HomeApp, MARK_OVERRIDE, MARK_YOURS, RoutineRow};
use bedstretch::core::calendar::Rules;
use bedstretch::core::routine::Routine;
use bedstretch::store::bundled as store;
use crossterm::event::KeyCode;

use support::test_io as io;
use support::{Recorded, SETTINGS, Step, TestIo, bundled, char, key, wait};

/// Home over the bundled `bedtime-feet` and `quick`, `quick` selected, run through `steps`
/// with the shell as `setup` leaves it.
fn run_home_with(steps: Vec<Step>, setup: impl FnOnce(&mut Recorded)) -> (TestIo, App) {
    let mut io = io(steps);
    setup(&mut io.shell);
    let catalog: Vec<Routine> = vec![bundled("bedtime-feet"), bundled("quick")];
    io.shell.catalog = catalog.clone();
    let rows = support::routine_rows(&catalog, "");
    let (mut app, start) = App::home(HomeApp::new(rows, "quick", Rules::default()), SETTINGS);
    io.run(&mut app, start).expect("loop runs");
    (io, app)
}

/// [`run_home_with`], saves failing with "disk full" when `fail_saves`.
fn run_home(steps: Vec<Step>, fail_saves: bool) -> (TestIo, App) {
    run_home_with(steps, |shell| shell.fail_routine_saves = fail_saves)
}

/// The person's own routine, commented and oddly laid out, as they wrote it.
const MINE: &str = r#"# From the physio, week 3.
name = "Mine"   # short is fine
rest = '10s'

# Calves first, always.
[[step]]
name = "Wall calf"
duration = "30s"   # more if tight
sides = ["left", "right"]

[[step]]
  name = "Toe curls"  # gently
  duration = 20
  reps = 10

# Last: circles.
[[step]]
name = "Ankle circles"
duration = "1m"
"#;

/// Home over the bundled routines and the person's `mine`, which is selected.
fn run_mine(steps: Vec<Step>) -> (TestIo, App) {
    let mut io = io(steps);
    io.shell.user_routines.insert("mine".into(), MINE.into());
    let rows = bedstretch::tui::event_loop::Shell::reload_routines(&mut io.shell);
    let (mut app, start) = App::home(HomeApp::new(rows, "mine", Rules::default()), SETTINGS);
    io.run(&mut app, start).expect("loop runs");
    (io, app)
}

#[test]
fn a_round_trip_on_the_editor_screen_keeps_every_untouched_comment_and_line() {
    let mut steps = vec![wait(1), char('e')];
    // Toe curls up above the calves and 5 s longer; the calves renamed; the circles
    // duplicated and the copy given sides, then the original deleted; saved, and back.
    steps.extend([
        key(KeyCode::Down),
        char('K'),
        char('+'),
        key(KeyCode::Down),
        char('n'),
    ]);
    steps.extend(", gentle".chars().map(char));
    steps.extend([
        key(KeyCode::Enter),
        key(KeyCode::Down),
        char('d'),
        char('t'),
    ]);
    steps.extend([key(KeyCode::Up), char('x'), char('s'), char('q'), wait(1)]);
    let (io, app) = run_mine(steps);
    let [(id, text)] = io.shell.routine_saves.as_slice() else {
        panic!("one save: {:?}", io.shell.routine_saves);
    };
    assert_eq!(id, "mine");
    insta::assert_snapshot!("editor-flow-round-trip", text);
    assert!(app.editor.is_none(), "back on home");
    let routine =
        bedstretch::core::routine_file::parse_routine("mine", text.as_bytes(), store::ART)
            .expect("valid");
    let names: Vec<&str> = routine.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Toe curls", "Wall calf, gentle", "Ankle circles"]);
}

fn screens(io: &TestIo) -> Vec<&str> {
    io.terminal
        .backend()
        .frames
        .iter()
        .map(|(_, _, s)| s.as_str())
        .collect()
}

fn row<'a>(app: &'a App, id: &str) -> &'a RoutineRow {
    let home = app.home.as_ref().expect("home");
    home.routines.iter().find(|r| r.id == id).expect("listed")
}

#[test]
fn e_edits_a_bundled_routine_and_saving_makes_the_persons_copy_that_home_lists() {
    let before = bundled("quick").total_secs();
    let (io, app) = run_home(
        vec![wait(1), char('e'), char('+'), char('s'), char('q'), wait(1)],
        false,
    );
    let (_, source) = store::ROUTINES
        .iter()
        .find(|(id, _)| *id == "quick")
        .expect("bundled");
    let [(id, text)] = io.shell.routine_saves.as_slice() else {
        panic!("one save: {:?}", io.shell.routine_saves);
    };
    assert_eq!(id, "quick");
    assert_eq!(
        *text,
        source.replacen("duration = \"30s\"", "duration = \"35s\"", 1),
        "only the duration changed"
    );
    assert_eq!(io.shell.routine_reloads, 1);
    assert!(app.editor.is_none(), "q after saving leaves without asking");
    assert_eq!(
        row(&app, "quick").total_secs,
        before + 10,
        "5 s on each side"
    );
    assert_eq!(row(&app, "quick").mark, MARK_OVERRIDE);
    let shown = screens(&io);
    assert!(
        shown
            .iter()
            .any(|s| s.contains("saved as your own copy; it replaces the bundled one")),
        "the editor said what the save did"
    );
    let last = shown.last().expect("a frame");
    assert!(last.contains("your copy"), "{last}");
}

#[test]
fn n_makes_a_new_routine_that_home_lists_and_selects_after_saving() {
    let (io, app) = run_home(
        vec![wait(1), char('n'), char('s'), char('q'), wait(1)],
        false,
    );
    assert_eq!(io.shell.routine_saves.len(), 1);
    assert_eq!(io.shell.routine_saves[0].0, "my-routine");
    let home = app.home.as_ref().expect("home");
    assert_eq!(home.routines[home.selected].id, "my-routine");
    assert_eq!(row(&app, "my-routine").mark, MARK_YOURS);
}

#[test]
fn c_copies_under_a_new_id_and_leaving_unsaved_asks_then_changes_nothing() {
    let (io, app) = run_home(
        vec![
            wait(1),
            char('c'),
            char('q'),
            wait(1),
            char('n'),
            wait(1),
            char('q'),
            char('y'),
            wait(1),
        ],
        false,
    );
    let shown = screens(&io);
    assert!(
        shown
            .iter()
            .any(|s| s.contains("quick-copy.toml · not saved")),
        "the copy opened unsaved"
    );
    assert!(shown.iter().any(|s| s.contains("Leave without saving?")));
    assert!(io.shell.routine_saves.is_empty());
    assert!(app.editor.is_none());
    assert_eq!(app.home.as_ref().expect("home").routines.len(), 2);
    let last = shown.last().expect("a frame");
    assert!(last.contains("Enter start"), "back on home: {last}");
}

#[test]
fn a_failed_save_is_said_and_the_changes_stay_unsaved() {
    let (io, app) = run_home(
        vec![wait(1), char('e'), char('-'), char('s'), wait(1)],
        true,
    );
    assert_eq!(io.shell.routine_saves.len(), 1);
    assert_eq!(io.shell.routine_reloads, 0);
    let editor = app.editor.as_ref().expect("still editing");
    assert!(editor.unsaved());
    let last = screens(&io).last().copied().unwrap_or_default();
    assert!(
        last.contains("not saved: /config/routines/quick.toml: disk full"),
        "{last}"
    );
}

#[test]
fn ctrl_c_in_the_editor_with_unsaved_changes_asks_before_quitting() {
    let (io, app) = run_home(
        vec![
            wait(1),
            char('e'),
            char('+'),
            support::ctrl('c'),
            wait(1),
            char('n'),
            wait(1),
        ],
        false,
    );
    // The script ends as SIGTERM does; until then the editor stayed open.
    let editor = app.editor.as_ref().expect("still editing after n");
    assert!(editor.unsaved(), "the change is still there");
    assert!(!editor.closed);
    assert!(
        screens(&io)
            .iter()
            .any(|s| s.contains("Quit bedstretch without saving? y quit, n stay")),
        "the question showed"
    );
    let (io, app) = run_home(
        vec![
            wait(1),
            char('e'),
            char('+'),
            support::ctrl('c'),
            char('y'),
            wait(1),
        ],
        false,
    );
    assert!(app.exit, "y quits bedstretch, not only the editor");
    assert!(io.shell.routine_saves.is_empty());
}

#[test]
fn ctrl_c_in_the_editor_with_nothing_unsaved_quits_at_once() {
    let (_, app) = run_mine(vec![wait(1), char('e'), support::ctrl('c'), wait(1)]);
    assert!(app.exit);
}

#[test]
fn a_signal_in_the_editor_keeps_the_unsaved_edit_as_a_draft_that_opens_next_time() {
    // The script ends as SIGTERM (or a closed ssh session) does, with the change unsaved.
    let (io, app) = run_home(vec![wait(1), char('e'), char('+'), wait(1)], false);
    assert!(app.exit);
    assert!(io.shell.routine_saves.is_empty());
    let draft = io.shell.drafts.get("quick").expect("kept").clone();
    assert!(draft.contains("duration = \"35s\""), "{draft}");

    // The next e opens the draft and says what it is; leaving it unsaved lets it go.
    let steps = vec![wait(1), char('e'), wait(1), char('q'), char('y'), wait(1)];
    let (io, _) = run_home_with(steps, |shell| {
        shell.drafts.insert("quick".into(), draft);
    });
    assert!(
        screens(&io)
            .iter()
            .any(|s| s.contains("this is your edit that was not saved")),
        "the draft said what it is"
    );
    assert!(io.shell.drafts.is_empty(), "let go: {:?}", io.shell.drafts);
    assert!(io.shell.routine_saves.is_empty());
}
