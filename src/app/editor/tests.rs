use super::*;
use crate::store::bundled;

use EditorAction::*;

/// Comments everywhere, odd spacing, a number for one duration and a literal string for
/// another: everything a person might have written that a save must keep.
const ODD: &str = r#"# My own routine, from the physio.
name    =   "Evening feet"   # the name I like
lead_in = "5s"

# --- steps ---

# First: calves, always.
[[step]]
name = "Wall calf"
duration = '30s'   # physio says 30
sides = [ "left","right" ]

# Toes next.
[[step]]
  name = "Toe curls"   # indented on purpose
  duration = 20
  reps = 10

[[step]]
name = "Ankle circles" # circles!
duration = "1m"

# Trailing comment that must stay at the end.
"#;

fn open(text: &str) -> EditorApp {
    EditorApp::open("mine", text, false, true, bundled::ART).expect("opens")
}

fn names(editor: &EditorApp) -> Vec<String> {
    editor.steps().into_iter().map(|s| s.name).collect()
}

/// Each problem as the editor lists it, with its line and column.
fn problem_lines(editor: &EditorApp) -> Vec<String> {
    editor.problems().iter().map(|p| p.to_string()).collect()
}

fn run(editor: &mut EditorApp, actions: &[EditorAction]) -> Vec<EditorEffect> {
    actions
        .iter()
        .flat_map(|a| editor.update(a.clone()))
        .collect()
}

fn type_text(editor: &mut EditorApp, text: &str) {
    for c in text.chars() {
        editor.update(Type(TextEdit::Insert(c)));
    }
}

/// Deletes the whole line typed, as holding Backspace does.
fn clear(editor: &mut EditorApp) {
    run(editor, &[Type(TextEdit::End)]);
    while !editor.input().0.is_empty() {
        editor.update(Type(TextEdit::DeleteBack));
    }
}

fn saved_text(effects: &[EditorEffect]) -> String {
    match effects.last() {
        Some(EditorEffect::Save { text, .. }) => text.clone(),
        other => panic!("expected a save, got {other:?}"),
    }
}

#[test]
fn a_commented_oddly_formatted_routine_keeps_every_untouched_line_through_edits() {
    let mut editor = open(ODD);
    assert!(editor.problems().is_empty(), "{:?}", editor.problems());
    run(
        &mut editor,
        &[
            // Toe curls up above the calves, then five seconds longer (a number stays one).
            Down, MoveUp, Longer,
            // The calves (now second) ten seconds shorter, in their literal string, and
            // renamed.
            Down, Shorter, Shorter, RenameStep,
        ],
    );
    type_text(&mut editor, ", gentle");
    let effects = run(
        &mut editor,
        &[
            Yes,
            // Ankle circles duplicated, and the copy given left and right.
            Down,
            Duplicate,
            ToggleSides,
            // The original ankle circles deleted.
            Up,
            Delete,
            Save,
        ],
    );
    assert_eq!(
        names(&editor),
        ["Toe curls", "Wall calf, gentle", "Ankle circles"],
        "moved, renamed, duplicated and deleted"
    );
    let text = saved_text(&effects);
    insta::assert_snapshot!(text);
    // What was saved is a valid routine with the changes made.
    let routine = parse_routine("mine", text.as_bytes(), bundled::ART).expect("valid");
    let durations: Vec<u64> = routine.steps.iter().map(|s| s.duration_secs).collect();
    assert_eq!(durations, [25, 20, 60]);
    assert_eq!(routine.steps[2].sides, ["left", "right"]);
}

#[test]
fn opening_and_saving_unchanged_gives_back_the_file_byte_for_byte() {
    let mut editor = open(ODD);
    assert!(!editor.unsaved());
    assert_eq!(saved_text(&editor.update(Save)), ODD);
}

#[test]
fn selection_and_moves_stop_at_the_ends() {
    let mut editor = open(ODD);
    run(&mut editor, &[Up, MoveUp]);
    assert_eq!(editor.selected, 0);
    assert!(
        !editor.unsaved(),
        "moving the first step up changes nothing"
    );
    run(&mut editor, &[Down, Down, Down, MoveDown]);
    assert_eq!(editor.selected, 2);
    assert!(!editor.unsaved());
    run(&mut editor, &[MoveUp]);
    assert_eq!(editor.selected, 1, "the selection follows the step");
    assert_eq!(names(&editor), ["Wall calf", "Ankle circles", "Toe curls"]);
}

#[test]
fn durations_stay_within_one_second_and_thirty_minutes() {
    let mut editor = open("name = \"R\"\n[[step]]\nname = \"S\"\nduration = \"4s\"\n");
    run(&mut editor, &[Shorter]);
    assert_eq!(editor.steps()[0].duration_secs, Some(1));
    assert!(editor.text().contains("duration = \"1s\""));
    let mut editor = open("name = \"R\"\n[[step]]\nname = \"S\"\nduration = \"29m58s\"\n");
    run(&mut editor, &[Longer]);
    assert_eq!(editor.steps()[0].duration_secs, Some(1800));
    assert!(editor.text().contains("duration = \"30m\""));
    run(&mut editor, &[Shorter]);
    assert!(editor.text().contains("duration = \"29m55s\""));
}

#[test]
fn sides_toggle_off_and_on() {
    let mut editor = open(ODD);
    run(&mut editor, &[ToggleSides]);
    assert!(editor.steps()[0].sides.is_empty());
    run(&mut editor, &[ToggleSides]);
    assert_eq!(editor.steps()[0].sides, ["left", "right"]);
}

#[test]
fn undo_and_redo_walk_through_the_changes() {
    let mut editor = open(ODD);
    run(&mut editor, &[Delete, Longer]);
    assert_eq!(names(&editor), ["Toe curls", "Ankle circles"]);
    run(&mut editor, &[Undo, Undo]);
    assert_eq!(editor.text(), ODD);
    assert!(!editor.unsaved());
    run(&mut editor, &[Redo]);
    assert_eq!(names(&editor), ["Toe curls", "Ankle circles"]);
    run(&mut editor, &[Redo]);
    assert_eq!(editor.steps()[0].duration_secs, Some(25));
    run(&mut editor, &[Redo]);
    assert_eq!(editor.status.as_deref(), Some("nothing to redo"));
    // A new change after an undo forgets what could have been redone.
    run(&mut editor, &[Undo, Duplicate, Redo]);
    assert_eq!(editor.status.as_deref(), Some("nothing to redo"));
}

#[test]
fn problems_show_after_a_change_and_refuse_the_save_until_fixed() {
    let one = "name = \"R\"\n[[step]]\nname = \"S\"\nduration = \"30s\"\n";
    let mut editor = open(one);
    run(&mut editor, &[Delete]);
    let problems = problem_lines(&editor);
    assert_eq!(
        problems,
        ["1:1: a routine needs 1 to 100 [[step]] tables, got 0"]
    );
    assert!(editor.routine().is_none());
    assert_eq!(editor.update(Save), Vec::new());
    assert_eq!(
        editor.status.as_deref(),
        Some("not saved: fix the 1 problem first")
    );
    run(&mut editor, &[Undo]);
    assert!(editor.problems().is_empty());
    assert!(editor.routine().is_some());
}

#[test]
fn a_broken_file_opens_with_its_problems_and_a_step_that_cannot_be_read_says_so() {
    let broken = "name = \"R\"\n[[step]]\nname = \"S\"\nduration = \"soon\"\n";
    let mut editor = open(broken);
    assert_eq!(editor.problems().len(), 1);
    assert_eq!(editor.steps()[0].duration_secs, None);
    run(&mut editor, &[Longer]);
    assert_eq!(editor.text(), broken, "nothing guessed");
    assert!(editor.status.is_some());
}

#[test]
fn text_that_is_not_toml_is_refused_with_the_reason() {
    let err = EditorApp::open("mine", "name = ", false, true, bundled::ART).expect_err("refused");
    assert!(err.starts_with("mine.toml: "), "{err}");
}

#[test]
fn leaving_with_unsaved_changes_asks_and_no_stays() {
    let mut editor = open(ODD);
    run(&mut editor, &[Back]);
    assert!(editor.closed, "nothing changed: leaves at once");
    let mut editor = open(ODD);
    run(&mut editor, &[Longer, Back]);
    assert_eq!(editor.overlay, EditorOverlay::ConfirmLeave);
    run(&mut editor, &[Longer]);
    assert_eq!(
        editor.steps()[0].duration_secs,
        Some(35),
        "keys wait for y/n"
    );
    run(&mut editor, &[No]);
    assert!(!editor.closed);
    assert_eq!(editor.overlay, EditorOverlay::None);
    run(&mut editor, &[Back, Yes]);
    assert!(editor.closed);
}

#[test]
fn a_save_answered_ok_clears_the_question_and_a_failure_says_why() {
    let mut editor = open(ODD);
    let effects = run(&mut editor, &[Longer, Save]);
    assert_eq!(
        effects,
        [EditorEffect::Save {
            id: "mine".into(),
            text: editor.text(),
            expected: Some(ODD.into()),
        }]
    );
    editor.saved(Err("disk full".into()));
    assert_eq!(editor.status.as_deref(), Some("not saved: disk full"));
    assert!(editor.unsaved());
    run(&mut editor, &[Save]);
    editor.saved(Ok(()));
    assert_eq!(editor.status.as_deref(), Some("saved"));
    assert!(editor.saved_any);
    run(&mut editor, &[Back]);
    assert!(editor.closed, "saved: leaves without asking");
}

#[test]
fn saving_a_bundled_routine_makes_the_persons_own_copy() {
    let (id, source) = bundled::ROUTINES[0];
    let mut editor = EditorApp::open(id, source, true, false, bundled::ART).expect("opens");
    assert!(editor.problems().is_empty());
    let effects = run(&mut editor, &[Save]);
    assert_eq!(
        effects,
        [EditorEffect::Save {
            id: id.into(),
            text: source.into(),
            expected: None,
        }]
    );
    editor.saved(Ok(()));
    assert_eq!(
        editor.status.as_deref(),
        Some("saved as your own copy; it replaces the bundled one")
    );
    assert!(!editor.from_bundled);
}

#[test]
fn help_shows_and_any_key_closes_it() {
    let mut editor = open(ODD);
    run(&mut editor, &[Help]);
    assert_eq!(editor.overlay, EditorOverlay::Help);
    run(&mut editor, &[Delete]);
    assert_eq!(editor.overlay, EditorOverlay::None);
    assert_eq!(editor.steps().len(), 3, "the key only closed the help");
}

#[test]
fn deleting_the_first_step_keeps_the_heading_above_it_and_drops_its_own_comment() {
    let mut editor = open(ODD);
    run(&mut editor, &[Delete]);
    let text = editor.text();
    assert!(
        text.contains("lead_in = \"5s\"\n\n# --- steps ---\n\n# Toes next.\n[[step]]"),
        "{text}"
    );
    assert!(!text.contains("# First: calves"), "{text}");
}

#[test]
fn the_new_routine_template_is_valid_and_unsaved() {
    let editor = EditorApp::open(
        "my-routine",
        &crate::core::routine_template::template("my-routine"),
        false,
        false,
        bundled::ART,
    )
    .expect("opens");
    assert!(editor.problems().is_empty(), "{:?}", editor.problems());
    assert!(editor.unsaved(), "leaving a new routine asks first");
}

#[test]
fn renaming_a_step_or_the_routine_keeps_the_comment_beside_it_and_esc_keeps_the_old_name() {
    let mut editor = open(ODD);
    run(&mut editor, &[RenameRoutine]);
    assert_eq!(editor.overlay, EditorOverlay::Rename(Field::Routine));
    assert_eq!(
        editor.input(),
        ("Evening feet", 12),
        "starts from the name, at its end"
    );
    clear(&mut editor);
    type_text(&mut editor, "Night feet");
    run(&mut editor, &[Yes]);
    assert!(
        editor
            .text()
            .contains("name    =   \"Night feet\"   # the name I like\n"),
        "{}",
        editor.text()
    );
    run(&mut editor, &[Down, Down, RenameStep]);
    type_text(&mut editor, "s");
    run(&mut editor, &[No]);
    assert_eq!(
        editor.steps()[2].name,
        "Ankle circles",
        "Esc keeps the old name"
    );
    run(&mut editor, &[Undo]);
    assert_eq!(editor.text(), ODD, "one undo takes the rename back");
}

#[test]
fn an_empty_name_is_a_problem_shown_at_once() {
    let mut editor = open(ODD);
    run(&mut editor, &[RenameStep]);
    clear(&mut editor);
    run(&mut editor, &[Yes]);
    let problems = problem_lines(&editor);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("9:8: step 1"), "{problems:?}");
}

#[test]
fn above_the_steps_the_routines_times_change_a_second_at_a_time_within_their_range() {
    let mut editor = open(ODD);
    assert_eq!(editor.timing_secs(Timing::LeadIn), Some(5));
    assert_eq!(editor.timing_secs(Timing::Rest), Some(5), "the default");
    run(&mut editor, &[Up]);
    assert_eq!(
        editor.timing,
        Some(Timing::Switch),
        "up from the first step"
    );
    run(&mut editor, &[Up, Up, Up, Longer, Longer]);
    assert_eq!(editor.timing, Some(Timing::LeadIn));
    assert!(
        editor.text().contains("lead_in = \"7s\"\n"),
        "{}",
        editor.text()
    );
    run(&mut editor, &[Down, Shorter]);
    assert!(
        editor.text().contains("rest = \"4s\""),
        "a missing key is added"
    );
    for _ in 0..10 {
        run(&mut editor, &[Shorter]);
    }
    assert_eq!(editor.timing_secs(Timing::Rest), Some(0), "0 is the floor");
    assert!(editor.problems().is_empty());
    run(&mut editor, &[Delete, ToggleSides]);
    assert_eq!(
        editor.steps().len(),
        3,
        "step keys wait while a time is chosen"
    );
    run(&mut editor, &[Down, Down]);
    assert_eq!(
        (editor.timing, editor.selected),
        (None, 0),
        "back to the first step"
    );
    // Presses at the floor changed nothing, so undo skips them.
    run(&mut editor, &[Undo, Undo]);
    assert_eq!(editor.timing_secs(Timing::Rest), Some(2));
}

#[test]
fn reps_go_up_and_down_by_one_and_off_below_one() {
    let mut editor = open(ODD);
    run(&mut editor, &[MoreReps]);
    assert_eq!(editor.steps()[0].reps, Some(1));
    run(&mut editor, &[Down]);
    assert_eq!(editor.steps()[1].reps, Some(10));
    run(&mut editor, &[FewerReps]);
    assert!(editor.text().contains("  reps = 9\n"), "{}", editor.text());
    run(&mut editor, &[Up, FewerReps]);
    assert_eq!(editor.steps()[0].reps, None, "off");
    assert!(!editor.text().contains("reps = 1"));
}

fn with_library(text: &str) -> EditorApp {
    open(text).with_library(bundled::ROUTINES)
}

#[test]
fn the_library_finds_bundled_steps_by_typing_and_adds_one_after_the_selected_step() {
    let mut editor = with_library(ODD);
    run(&mut editor, &[AddStep]);
    assert_eq!(editor.overlay, EditorOverlay::Library);
    let (all, _) = editor.library_matches();
    let bundled_steps: usize = bundled::ROUTINES
        .iter()
        .map(|(id, text)| {
            parse_routine(id, text.as_bytes(), bundled::ART)
                .expect("valid")
                .steps
                .len()
        })
        .sum();
    assert_eq!(
        all.len(),
        bundled_steps,
        "every step of every bundled routine"
    );
    type_text(&mut editor, "TOWEL");
    let (found, chosen) = editor.library_matches();
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|s| s.name.to_lowercase().contains("towel"))
    );
    let name = found[chosen].name.clone();
    assert!(!found[chosen].instructions.is_empty());
    run(&mut editor, &[Down, Up, Yes]);
    assert_eq!(editor.overlay, EditorOverlay::None);
    assert_eq!(editor.selected, 1, "the new step is selected");
    assert_eq!(names(&editor)[1], name);
    assert!(editor.problems().is_empty(), "{:?}", editor.problems());
    let text = editor.text();
    assert!(text.starts_with(&ODD[..ODD.find("# Toes next.").expect("fixture")]));
    run(&mut editor, &[Undo]);
    assert_eq!(editor.text(), ODD);
}

#[test]
fn esc_closes_the_library_and_a_search_with_no_match_adds_nothing() {
    let mut editor = with_library(ODD);
    run(&mut editor, &[AddStep]);
    type_text(&mut editor, "zzz");
    assert!(editor.library_matches().0.is_empty());
    run(&mut editor, &[Yes]);
    assert_eq!(editor.overlay, EditorOverlay::Library, "nothing to add");
    run(&mut editor, &[No]);
    assert_eq!(editor.overlay, EditorOverlay::None);
    assert_eq!(editor.text(), ODD);
}

#[test]
fn a_routine_with_no_steps_gets_its_first_from_the_library() {
    let mut editor = with_library("name = \"Empty\"\n");
    assert_eq!(editor.problems().len(), 1);
    run(&mut editor, &[AddStep, Yes]);
    assert_eq!(editor.steps().len(), 1);
    assert!(editor.problems().is_empty(), "{:?}", editor.problems());
}

/// Writes `text` after the instructions there are, and Esc: what the view's text box,
/// which opens with the cursor at their end, hands over.
fn write_text(editor: &mut EditorApp, text: &str) {
    let written = editor.instructions() + text;
    editor.update(Written(written));
}

#[test]
fn instructions_are_written_in_a_text_area_and_saved_as_a_literal_block() {
    let mut editor = open(ODD);
    run(&mut editor, &[EditInstructions]);
    assert_eq!(editor.overlay, EditorOverlay::Instructions);
    write_text(&mut editor, "Hands on the wall.\nLean in, breathe out.");
    assert_eq!(editor.overlay, EditorOverlay::None);
    let text = editor.text();
    assert!(
        text.contains(
            "sides = [ \"left\",\"right\" ]\ninstructions = '''\nHands on the wall.\nLean in, breathe out.'''\n"
        ),
        "{text}"
    );
    let routine = editor.routine().expect("valid");
    assert_eq!(
        routine.steps[0].instructions,
        "Hands on the wall.\nLean in, breathe out."
    );
    // Opened again, the text box holds them, and Esc with no change changes nothing.
    run(&mut editor, &[EditInstructions]);
    assert_eq!(
        editor.instructions(),
        "Hands on the wall.\nLean in, breathe out."
    );
    write_text(&mut editor, "");
    run(&mut editor, &[Undo]);
    assert_eq!(editor.text(), ODD, "one undo takes them back");
}

#[test]
fn one_line_of_instructions_is_a_quoted_string_and_too_long_is_a_problem() {
    let mut editor = open(ODD);
    run(&mut editor, &[EditInstructions]);
    write_text(&mut editor, "Say \"ah\".");
    let routine = editor.routine().expect("valid");
    assert_eq!(routine.steps[0].instructions, "Say \"ah\".");
    assert!(editor.text().contains("instructions = 'Say \"ah\".'\n"));
    run(&mut editor, &[EditInstructions]);
    write_text(&mut editor, &"x".repeat(1000));
    assert_eq!(editor.problems().len(), 1, "{:?}", editor.problems());
}

#[test]
fn a_steps_own_rest_and_switch_start_from_the_routines_and_are_written_on_the_step() {
    let mut editor = open(ODD);
    run(&mut editor, &[MoreRest, MoreSwitch, MoreSwitch]);
    let step = &editor.steps()[0];
    assert_eq!(
        step.rest_secs,
        Some(6),
        "the routine's default rest 5s, plus one"
    );
    assert_eq!(step.switch_secs, Some(5), "the default switch 3s, plus two");
    assert!(
        editor
            .text()
            .contains("sides = [ \"left\",\"right\" ]\nrest = \"6s\"\nswitch = \"5s\"\n"),
        "{}",
        editor.text()
    );
    assert_eq!(
        editor.timing_secs(Timing::Rest),
        Some(5),
        "the routine's own unchanged"
    );
    let routine = editor.routine().expect("valid");
    assert_eq!(
        (routine.steps[0].rest_secs, routine.steps[0].switch_secs),
        (6, 5)
    );
    for _ in 0..8 {
        run(&mut editor, &[LessRest]);
    }
    assert_eq!(editor.steps()[0].rest_secs, Some(0), "0 is the floor");
}

#[test]
fn instructions_open_with_the_text_as_written_and_what_is_added_goes_after_it() {
    let with_text = "name = \"R\"\n[[step]]\nname = \"S\"\nduration = \"30s\"\n\
                     instructions = '''\nHands on the wall.\nLean in.'''\n";
    let mut editor = open(with_text);
    run(&mut editor, &[EditInstructions]);
    assert_eq!(editor.instructions(), "Hands on the wall.\nLean in.");
    write_text(&mut editor, " Breathe out.");
    let routine = editor.routine().expect("valid");
    assert_eq!(
        routine.steps[0].instructions,
        "Hands on the wall.\nLean in. Breathe out."
    );
}

#[test]
fn undo_takes_away_a_refusal_that_no_longer_holds() {
    let one = "name = \"R\"\n[[step]]\nname = \"S\"\nduration = \"30s\"\n";
    let mut editor = open(one);
    run(&mut editor, &[Delete, Save]);
    assert!(
        editor
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("not saved"))
    );
    run(&mut editor, &[Undo]);
    assert_eq!(
        editor.status, None,
        "the refusal was about the deleted step"
    );
    run(&mut editor, &[Redo]);
    assert_eq!(editor.status, None);
}

#[test]
fn problems_are_said_by_step_and_field_not_by_line_and_column() {
    let text = "name = \"\"\n[[step]]\nname = \"S\"\nduration = \"30s\"\n\
                [[step]]\nname = \"\"\nduration = \"30s\"\n[[step]]\nname = \"T\"\n";
    let editor = open(text);
    let words: Vec<String> = editor.problems().iter().map(problem_words).collect();
    assert_eq!(
        words,
        [
            "name is empty",
            "step 2: name is empty",
            "step 3: duration is missing",
        ]
    );
}

#[test]
fn ctrl_c_quits_at_once_when_saved_and_asks_when_not() {
    let mut editor = open(ODD);
    run(&mut editor, &[Quit]);
    assert!(editor.closed && editor.quit, "nothing to lose");
    let mut editor = open(ODD);
    run(&mut editor, &[Longer, Quit]);
    assert_eq!(editor.overlay, EditorOverlay::ConfirmQuit);
    assert!(!editor.closed);
    run(&mut editor, &[No]);
    assert_eq!(editor.overlay, EditorOverlay::None);
    assert!(editor.unsaved(), "the change is still there");
    run(&mut editor, &[Quit, Yes]);
    assert!(editor.closed && editor.quit);
}

#[test]
fn ctrl_c_while_writing_instructions_keeps_them_before_asking() {
    let mut editor = open(ODD);
    run(
        &mut editor,
        &[EditInstructions, QuitWriting("Slowly.".to_string())],
    );
    assert_eq!(editor.overlay, EditorOverlay::ConfirmQuit);
    run(&mut editor, &[No]);
    assert!(editor.text().contains("Slowly."), "{}", editor.text());
}
