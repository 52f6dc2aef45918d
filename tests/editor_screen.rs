//! The routine editor on TestBackend: the steps with their totals and problems, the keys,
//! the question before leaving; at 80x24, at 40x12 and at every size between, and the
//! too-small line below the smallest.

mod support;

use bedstretch::app::editor::{EditorAction, EditorApp, TextEdit};
use bedstretch::store::bundled;
use bedstretch::tui::editor_view::EditorView;
use bedstretch::tui::instructions_box::InstructionsBox;
use bedstretch::tui::theme::Theme;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bundled_editor(id: &str) -> EditorApp {
    let (_, source) = bundled::ROUTINES
        .iter()
        .find(|(i, _)| *i == id)
        .expect("bundled");
    EditorApp::open(id, source, true, true, bundled::ART).expect("opens")
}

/// The screen as quoted rows, a wide character once; the instructions' text box opened
/// when the editor shows them, as the loop opens it.
fn screen_at(app: &EditorApp, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let theme = Theme::plain();
    let mut writing = InstructionsBox::default();
    writing.follow(Some(app));
    let view = EditorView {
        app,
        theme: &theme,
        writing: &writing,
    };
    terminal
        .draw(|f| f.render_widget(view, f.area()))
        .expect("draw");
    support::buffer_rows(terminal.backend().buffer())
        .into_iter()
        .map(|row| format!("\"{row}\"\n"))
        .collect()
}

#[test]
fn a_bundled_routine_at_80x24_and_40x12() {
    let mut app = bundled_editor("bedtime-feet");
    app.update(EditorAction::Down);
    let wide = screen_at(&app, 80, 24);
    support::assert_has(&wide, &["Edit: Bedtime feet", "saving makes your own copy"]);
    insta::assert_snapshot!("editor-80x24", wide);
    insta::assert_snapshot!("editor-40x12", screen_at(&app, 40, 12));
}

#[test]
fn the_list_scrolls_to_keep_the_selected_step_in_sight() {
    let mut app = bundled_editor("bedtime-feet");
    let count = app.steps().len();
    for _ in 0..count {
        app.update(EditorAction::Down);
    }
    let last = app.steps()[count - 1].name.clone();
    let shown = screen_at(&app, 40, 12);
    support::assert_has(&shown, &[&format!("› {count} "), &last[..10]]);
}

#[test]
fn problems_show_under_their_step_and_the_total_is_unknown() {
    let text = "name = \"R\"\n[[step]]\nname = \"Calf\"\nduration = \"0s\"\n\n[[step]]\nname = \"Toes\"\nduration = \"20s\"\n";
    let mut app = EditorApp::open("mine", text, false, true, bundled::ART).expect("opens");
    app.update(EditorAction::Save);
    let shown = screen_at(&app, 80, 24);
    insta::assert_snapshot!("editor-problems", shown);
    let rows: Vec<&str> = shown.lines().collect();
    let calf = rows.iter().position(|r| r.contains("Calf")).expect("calf");
    assert!(rows[calf + 1].contains("rest after 5s"), "{shown}");
    assert!(
        rows[calf + 2].contains("! step 1: duration must be"),
        "{shown}"
    );
    assert!(rows[calf + 3].contains("Toes"), "{shown}");
    support::assert_has(&shown, &["total ?", "not saved: fix the 1 problem first"]);
}

#[test]
fn the_help_lists_every_key_and_the_leave_question_shows() {
    let mut app = EditorApp::open(
        "my-routine",
        &bedstretch::core::routine_template::template("my-routine"),
        false,
        false,
        bundled::ART,
    )
    .expect("opens");
    app.update(EditorAction::Help);
    let shown = screen_at(&app, 80, 24);
    for binding in bedstretch::tui::editor_keymap::EDITOR {
        assert!(
            shown.contains(binding.label),
            "{} missing: {shown}",
            binding.label
        );
        assert!(
            shown.contains(binding.help),
            "{} missing: {shown}",
            binding.help
        );
    }
    insta::assert_snapshot!("editor-help", shown);
    app.update(EditorAction::Help);
    app.update(EditorAction::Back);
    let shown = screen_at(&app, 40, 12);
    support::assert_has(&shown, &["Leave without saving?", "y leave", "n stay"]);
}

#[test]
fn every_size_from_40x12_up_keeps_the_name_total_and_footer_and_smaller_asks_for_room() {
    let app = bundled_editor("bedtime-feet");
    for w in 40..=100 {
        for h in 12..=30 {
            let shown = screen_at(&app, w, h);
            assert!(shown.contains("Edit: Bedtime feet"), "{w}x{h}: {shown}");
            assert!(shown.contains("total 9m 43s"), "{w}x{h}: {shown}");
            assert!(shown.contains("? help"), "{w}x{h}: {shown}");
            assert!(shown.contains("› 1 "), "{w}x{h}: {shown}");
        }
    }
    let shown = screen_at(&app, 29, 8);
    assert!(shown.contains("Make the terminal"), "{shown}");
}

#[test]
fn the_help_at_40x12_still_names_every_key() {
    let mut app = bundled_editor("quick");
    app.update(EditorAction::Help);
    let shown = screen_at(&app, 40, 12);
    let flowed: String = shown
        .lines()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ");
    for binding in bedstretch::tui::editor_keymap::EDITOR {
        if !binding.label.is_empty() {
            assert!(flowed.contains(binding.label), "{}: {shown}", binding.label);
        }
    }
    insta::assert_snapshot!("editor-help-40x12", shown);
}

#[test]
fn a_name_being_typed_shows_on_the_status_line() {
    let mut app = bundled_editor("quick");
    app.update(EditorAction::RenameStep);
    app.update(EditorAction::Type(TextEdit::Insert('!')));
    let shown = screen_at(&app, 40, 12);
    support::assert_has(
        &shown,
        &["Step name: Wall calf stretch!", "Enter keep", "Esc cancel"],
    );
    let long = screen_at(&app, 30, 8);
    assert!(long.contains("stretch! "), "the end in sight: {long}");
}

#[test]
fn the_library_shows_the_matches_the_chosen_ones_instructions_and_its_picture() {
    let mut app = bundled_editor("quick").with_library(bundled::ROUTINES);
    app.update(EditorAction::AddStep);
    for c in "toe".chars() {
        app.update(EditorAction::Type(TextEdit::Insert(c)));
    }
    let shown = screen_at(&app, 80, 24);
    support::assert_has(&shown, &["Find: toe", "Enter add"]);
    insta::assert_snapshot!("editor-library-80x24", shown);
    insta::assert_snapshot!("editor-library-40x12", screen_at(&app, 40, 12));
}

#[test]
fn the_instructions_show_in_a_text_area() {
    let mut app = bundled_editor("quick");
    app.update(EditorAction::EditInstructions);
    let shown = screen_at(&app, 80, 24);
    support::assert_has(&shown, &["Instructions for Wall calf stretch", "Esc done"]);
    insta::assert_snapshot!("editor-instructions-80x24", shown);
}

#[test]
fn at_30x8_the_unsaved_questions_are_asked_whole() {
    let template = bedstretch::core::routine_template::template("my-routine");
    for (action, question) in [
        (EditorAction::Back, "Leave without saving?"),
        (EditorAction::Quit, "Quit without saving?"),
    ] {
        let mut app =
            EditorApp::open("my-routine", &template, false, false, bundled::ART).expect("opens");
        app.update(action);
        let shown = screen_at(&app, 30, 8);
        support::assert_has(&shown, &[question, "y ", "n stay"]);
        assert!(!shown.contains("saving…"), "{shown}");
    }
}
