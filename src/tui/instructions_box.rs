//! The text box a step's instructions are written in. Its state (the lines, the cursor, how
//! far it has scrolled, how it wraps) is the view's: the loop keeps the box while the editor
//! shows the instructions, and hands the editor the finished text when Esc or Ctrl-C closes
//! it, so that the model never holds a widget or speaks its keys.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::{CursorMove, Key, TextArea, WrapMode};

use crate::app::editor::{EditorAction, EditorApp, EditorOverlay};
use crate::app::{App, Msg};

use super::keymap;

/// The instructions' text box, open while the editor shows them.
#[derive(Debug, Default)]
pub struct InstructionsBox {
    area: Option<TextArea<'static>>,
}

impl InstructionsBox {
    /// Opens on the selected step's instructions when `editor` starts showing them, and lets
    /// the box go when it stops.
    pub fn follow(&mut self, editor: Option<&EditorApp>) {
        let writing = editor.filter(|e| e.overlay == EditorOverlay::Instructions);
        match (writing, &self.area) {
            (Some(editor), None) => self.area = Some(opened(&editor.instructions())),
            (None, Some(_)) => self.area = None,
            _ => {}
        }
    }

    /// The text area, while the box is open.
    pub fn area(&self) -> Option<&TextArea<'static>> {
        self.area.as_ref()
    }

    /// Maps a key as [`keymap::msg_for`] does, except while the box is open: then a key
    /// writes, Esc hands the text to the editor, and Ctrl-C hands it over before the editor
    /// asks to quit.
    pub fn msg_for(&mut self, key: KeyEvent, app: &App) -> Option<Msg> {
        self.follow(app.editor.as_ref());
        let msg = keymap::msg_for(key, app);
        let Some(area) = self.area.as_mut() else {
            return msg;
        };
        let text = || area.lines().join("\n");
        match msg {
            Some(Msg::Editor(EditorAction::Back)) => {
                Some(Msg::Editor(EditorAction::Written(text())))
            }
            Some(Msg::Editor(EditorAction::Quit)) => {
                Some(Msg::Editor(EditorAction::QuitWriting(text())))
            }
            Some(msg) => Some(msg),
            None => {
                // Releases and other Ctrl keys do nothing here, as everywhere else.
                let plain = key.kind == KeyEventKind::Press
                    && !key.modifiers.contains(KeyModifiers::CONTROL);
                if let Some(key) = writing(key.code).filter(|_| plain) {
                    area.input(ratatui_textarea::Input {
                        key,
                        ..Default::default()
                    });
                }
                None
            }
        }
    }
}

/// A text area holding `text`, wrapped and with the cursor where a person goes on writing.
fn opened(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
    // Instructions are sentences, often one long line: they wrap at words, as shown in a
    // session, rather than scroll sideways.
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    // Most often a person adds to what is there: the cursor starts after the last word.
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// What a key does in the text area.
fn writing(code: KeyCode) -> Option<Key> {
    Some(match code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Tab => Key::Tab,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::SessionSettings;
    use crate::app::home::HomeApp;
    use crate::core::calendar::Rules;
    use crate::store::bundled;

    const WRITTEN: &str = "name = \"R\"\n[[step]]\nname = \"S\"\nduration = \"30s\"\n\
                           instructions = '''\nHands on the wall.\nLean in.'''\n";

    /// Home, with the editor open on a routine whose step has two lines of instructions.
    fn editing() -> App {
        let settings = SessionSettings {
            bell: false,
            min_completion: 0.8,
        };
        let (mut app, _) = App::home(HomeApp::new(Vec::new(), "", Rules::default()), settings);
        let editor = EditorApp::open("r", WRITTEN, false, true, bundled::ART).expect("opens");
        app.editor = Some(editor);
        app
    }

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn now() -> crate::app::Now {
        crate::app::Now {
            moment: std::time::Duration::ZERO,
            wall: chrono::DateTime::parse_from_rfc3339("2026-11-23T22:41:05+01:00").expect("time"),
        }
    }

    /// Feeds `keys` through the box to the app, as the loop does; the last message.
    fn keys(app: &mut App, writing: &mut InstructionsBox, keys: &[KeyEvent]) -> Option<String> {
        let mut last = None;
        for key in keys {
            let msg = writing.msg_for(*key, app);
            last = msg.as_ref().map(|m| format!("{m:?}"));
            if let Some(msg) = msg {
                app.update(msg, now());
            }
        }
        last
    }

    #[test]
    fn it_opens_with_the_cursor_after_the_last_word_and_esc_hands_the_text_over() {
        let mut app = editing();
        let mut writing = InstructionsBox::default();
        keys(&mut app, &mut writing, &[press(KeyCode::Char('i'))]);
        let mut typed: Vec<KeyEvent> = " Slowly."
            .chars()
            .map(|c| press(KeyCode::Char(c)))
            .collect();
        typed.push(press(KeyCode::Esc));
        let last = keys(&mut app, &mut writing, &typed);
        assert_eq!(
            last.as_deref(),
            Some("Editor(Written(\"Hands on the wall.\\nLean in. Slowly.\"))")
        );
        let editor = app.editor.as_ref().expect("open");
        assert_eq!(editor.overlay, EditorOverlay::None);
        assert_eq!(
            editor.instructions(),
            "Hands on the wall.\nLean in. Slowly."
        );
        writing.follow(Some(editor));
        assert!(writing.area().is_none(), "closed with the overlay");
    }

    #[test]
    fn ctrl_c_hands_the_text_over_ctrl_z_suspends_and_releases_and_other_ctrl_keys_write_nothing() {
        let mut app = editing();
        let mut writing = InstructionsBox::default();
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let mut release = press(KeyCode::Char('x'));
        release.kind = KeyEventKind::Release;
        keys(
            &mut app,
            &mut writing,
            &[press(KeyCode::Char('i')), release, ctrl('a')],
        );
        assert!(matches!(
            writing.msg_for(ctrl('z'), &app),
            Some(Msg::Suspend)
        ));
        let last = keys(&mut app, &mut writing, &[ctrl('c')]);
        assert_eq!(
            last.as_deref(),
            Some("Editor(QuitWriting(\"Hands on the wall.\\nLean in.\"))"),
            "nothing written by the release or Ctrl-A"
        );
        assert!(
            app.exit && app.editor.is_none(),
            "nothing changed: quits at once"
        );
    }

    #[test]
    fn closed_it_maps_keys_as_the_keymap_does() {
        let app = editing();
        let mut writing = InstructionsBox::default();
        assert!(matches!(
            writing.msg_for(press(KeyCode::Char('i')), &app),
            Some(Msg::Editor(EditorAction::EditInstructions))
        ));
        assert!(writing.area().is_none());
    }
}
