//! The routine editor's keys, as data: dispatch, the footer and the help all come from here.

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::editor::{EditorAction, EditorOverlay, TextEdit};

use super::binding::{Binding, also, bind};

/// While the steps show.
pub const EDITOR: &[Binding<EditorAction>] = &[
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑↓",
        "choose",
        "choose a step (also k and j)",
        EditorAction::Up,
    ),
    // Listed with ↑ above.
    also(&[KeyCode::Down, KeyCode::Char('j')], EditorAction::Down),
    bind(
        &[KeyCode::Char('+'), KeyCode::Char('=')],
        "+-",
        "time",
        "time per side (5 s more or less; above the steps, 1 s on a time)",
        EditorAction::Longer,
    ),
    also(&[KeyCode::Char('-')], EditorAction::Shorter),
    bind(
        &[KeyCode::Char('K')],
        "K J",
        "",
        "move (the step up or down)",
        EditorAction::MoveUp,
    ),
    also(&[KeyCode::Char('J')], EditorAction::MoveDown),
    bind(
        &[KeyCode::Char('t')],
        "t",
        "",
        "sides (left and right, on or off)",
        EditorAction::ToggleSides,
    ),
    bind(
        &[KeyCode::Char('>')],
        "< >",
        "",
        "reps (one fewer or more; below one, none)",
        EditorAction::MoreReps,
    ),
    also(&[KeyCode::Char('<')], EditorAction::FewerReps),
    bind(
        &[KeyCode::Char(']')],
        "[ ]",
        "",
        "rest after the step (a second less or more)",
        EditorAction::MoreRest,
    ),
    also(&[KeyCode::Char('[')], EditorAction::LessRest),
    bind(
        &[KeyCode::Char('}')],
        "{ }",
        "",
        "switch between its sides (a second less or more)",
        EditorAction::MoreSwitch,
    ),
    also(&[KeyCode::Char('{')], EditorAction::LessSwitch),
    bind(
        &[KeyCode::Char('a')],
        "a",
        "add",
        "add a step (from the library of every bundled stretch)",
        EditorAction::AddStep,
    ),
    bind(
        &[KeyCode::Char('i')],
        "i",
        "",
        "instructions (Esc keeps them)",
        EditorAction::EditInstructions,
    ),
    bind(
        &[KeyCode::Char('n')],
        "n",
        "",
        "rename the step",
        EditorAction::RenameStep,
    ),
    bind(
        &[KeyCode::Char('N')],
        "N",
        "",
        "rename the routine",
        EditorAction::RenameRoutine,
    ),
    bind(
        &[KeyCode::Char('d')],
        "d",
        "",
        "duplicate (the step)",
        EditorAction::Duplicate,
    ),
    bind(
        &[KeyCode::Char('x'), KeyCode::Delete],
        "x",
        "",
        "delete (the step; u brings it back)",
        EditorAction::Delete,
    ),
    bind(
        &[KeyCode::Char('u')],
        "u",
        "undo",
        "undo (the last change)",
        EditorAction::Undo,
    ),
    bind(
        &[KeyCode::Char('r')],
        "r",
        "",
        "redo (what was undone)",
        EditorAction::Redo,
    ),
    bind(
        &[KeyCode::Char('s')],
        "s",
        "save",
        "save (refused while there are problems)",
        EditorAction::Save,
    ),
    bind(
        &[KeyCode::Char('?')],
        "?",
        "help",
        "keys (this list)",
        EditorAction::Help,
    ),
    bind(
        &[KeyCode::Char('q'), KeyCode::Esc],
        "q",
        "back",
        "back (to the routines; asks first if not saved)",
        EditorAction::Back,
    ),
];

/// A question with nothing saved: `y` does what it asks (`word`, `long` in the help), `n`
/// and Esc stay.
const fn unsaved_question(word: &'static str, long: &'static str) -> [Binding<EditorAction>; 2] {
    [
        bind(&[KeyCode::Char('y')], "y", word, long, EditorAction::Yes),
        bind(
            &[KeyCode::Char('n'), KeyCode::Esc],
            "n",
            "stay",
            "stay and keep editing",
            EditorAction::No,
        ),
    ]
}

/// While "Leave without saving?" is asked.
pub const CONFIRM_LEAVE: &[Binding<EditorAction>] =
    &unsaved_question("leave", "leave without saving");

/// While "Quit without saving?" is asked, after Ctrl-C.
pub const CONFIRM_QUIT: &[Binding<EditorAction>] = &unsaved_question("quit", "quit without saving");

/// While the help shows: any key closes it, but the footer names one.
pub const HELP: &[Binding<EditorAction>] = &[bind(
    &[KeyCode::Esc],
    "any key",
    "close",
    "close",
    EditorAction::Help,
)];

/// While a name is typed; every other key edits the text.
pub const RENAME: &[Binding<EditorAction>] = &[
    bind(
        &[KeyCode::Enter],
        "Enter",
        "keep",
        "keep the new name",
        EditorAction::Yes,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "cancel",
        "keep the old name",
        EditorAction::No,
    ),
];

/// In the step library; every other key types into the search.
pub const LIBRARY: &[Binding<EditorAction>] = &[
    bind(
        &[KeyCode::Up],
        "↑↓",
        "choose",
        "choose a step",
        EditorAction::Up,
    ),
    also(&[KeyCode::Down], EditorAction::Down),
    bind(
        &[KeyCode::Enter],
        "Enter",
        "add",
        "add it after the selected step",
        EditorAction::Yes,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "close",
        "add nothing",
        EditorAction::No,
    ),
];

/// While the instructions are written; every other key writes, in the view's text box.
pub const INSTRUCTIONS: &[Binding<EditorAction>] = &[bind(
    &[KeyCode::Esc],
    "Esc",
    "done",
    "keep the instructions (u takes them back)",
    EditorAction::Back,
)];

/// What a key does to the text being typed.
fn typing(code: KeyCode) -> Option<TextEdit> {
    Some(match code {
        KeyCode::Char(c) => TextEdit::Insert(c),
        KeyCode::Backspace => TextEdit::DeleteBack,
        KeyCode::Delete => TextEdit::DeleteForward,
        KeyCode::Left => TextEdit::Left,
        KeyCode::Right => TextEdit::Right,
        KeyCode::Home => TextEdit::Home,
        KeyCode::End => TextEdit::End,
        _ => return None,
    })
}

/// The table in force.
pub fn table(overlay: EditorOverlay) -> &'static [Binding<EditorAction>] {
    match overlay {
        EditorOverlay::None => EDITOR,
        EditorOverlay::ConfirmLeave => CONFIRM_LEAVE,
        EditorOverlay::ConfirmQuit => CONFIRM_QUIT,
        EditorOverlay::Help => HELP,
        EditorOverlay::Rename(_) => RENAME,
        EditorOverlay::Library => LIBRARY,
        EditorOverlay::Instructions => INSTRUCTIONS,
    }
}

/// Maps a key in the editor.
pub fn action_for(key: KeyEvent, overlay: EditorOverlay) -> Option<EditorAction> {
    if overlay == EditorOverlay::Help {
        return Some(EditorAction::Help);
    }
    let bound = table(overlay)
        .iter()
        .find(|binding| binding.keys.contains(&key.code))
        .map(|binding| binding.action.clone());
    match overlay {
        EditorOverlay::Rename(_) | EditorOverlay::Library => {
            bound.or_else(|| typing(key.code).map(EditorAction::Type))
        }
        _ => bound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn on(code: KeyCode, overlay: EditorOverlay) -> Option<EditorAction> {
        action_for(KeyEvent::new(code, KeyModifiers::NONE), overlay)
    }

    #[test]
    fn every_action_has_a_key_and_keys_are_not_shared() {
        use EditorAction::*;
        let none = EditorOverlay::None;
        for (code, action) in [
            (KeyCode::Up, Up),
            (KeyCode::Char('j'), Down),
            (KeyCode::Char('K'), MoveUp),
            (KeyCode::Char('J'), MoveDown),
            (KeyCode::Char('x'), Delete),
            (KeyCode::Delete, Delete),
            (KeyCode::Char('d'), Duplicate),
            (KeyCode::Char('+'), Longer),
            (KeyCode::Char('-'), Shorter),
            (KeyCode::Char('t'), ToggleSides),
            (KeyCode::Char('['), LessRest),
            (KeyCode::Char(']'), MoreRest),
            (KeyCode::Char('{'), LessSwitch),
            (KeyCode::Char('}'), MoreSwitch),
            (KeyCode::Char('<'), FewerReps),
            (KeyCode::Char('>'), MoreReps),
            (KeyCode::Char('a'), AddStep),
            (KeyCode::Char('n'), RenameStep),
            (KeyCode::Char('N'), RenameRoutine),
            (KeyCode::Char('u'), Undo),
            (KeyCode::Char('r'), Redo),
            (KeyCode::Char('s'), Save),
            (KeyCode::Char('?'), Help),
            (KeyCode::Esc, Back),
        ] {
            assert_eq!(on(code, none), Some(action), "{code:?}");
        }
        let mut keys: Vec<KeyCode> = EDITOR.iter().flat_map(|b| b.keys.iter().copied()).collect();
        let all = keys.len();
        keys.sort_by_key(|k| format!("{k:?}"));
        keys.dedup();
        assert_eq!(keys.len(), all, "a key bound twice");
    }

    #[test]
    fn while_renaming_keys_type_and_only_enter_and_esc_end_it() {
        use crate::app::editor::Field;
        let typing = EditorOverlay::Rename(Field::Step);
        assert_eq!(
            on(KeyCode::Char('q'), typing),
            Some(EditorAction::Type(TextEdit::Insert('q')))
        );
        assert_eq!(
            on(KeyCode::Backspace, typing),
            Some(EditorAction::Type(TextEdit::DeleteBack))
        );
        assert_eq!(on(KeyCode::Enter, typing), Some(EditorAction::Yes));
        assert_eq!(on(KeyCode::Esc, typing), Some(EditorAction::No));
        assert_eq!(on(KeyCode::Tab, typing), None);
        assert_eq!(
            on(KeyCode::Char('n'), EditorOverlay::None),
            Some(EditorAction::RenameStep)
        );
        assert_eq!(
            on(KeyCode::Char('N'), EditorOverlay::None),
            Some(EditorAction::RenameRoutine)
        );
    }

    #[test]
    fn while_writing_instructions_only_esc_is_a_key_the_rest_are_the_text_boxs() {
        let writing = EditorOverlay::Instructions;
        assert_eq!(on(KeyCode::Char('q'), writing), None);
        assert_eq!(on(KeyCode::Enter, writing), None);
        assert_eq!(on(KeyCode::Esc, writing), Some(EditorAction::Back));
        assert_eq!(
            on(KeyCode::Char('i'), EditorOverlay::None),
            Some(EditorAction::EditInstructions)
        );
    }

    #[test]
    fn the_leave_question_takes_only_y_n_and_esc_and_help_closes_on_any_key() {
        let ask = EditorOverlay::ConfirmLeave;
        assert_eq!(on(KeyCode::Char('y'), ask), Some(EditorAction::Yes));
        assert_eq!(on(KeyCode::Char('n'), ask), Some(EditorAction::No));
        assert_eq!(on(KeyCode::Esc, ask), Some(EditorAction::No));
        assert_eq!(on(KeyCode::Char('x'), ask), None, "no stray delete");
        assert_eq!(
            on(KeyCode::Char('x'), EditorOverlay::Help),
            Some(EditorAction::Help)
        );
    }
}
