//! A line being typed (a name, the library's search) and its cursor: the editor's own plain
//! text, so that the model names no widget. The cursor moves and deletes by what a person
//! sees as one character (a grapheme: a letter and its accents together).

use unicode_segmentation::GraphemeCursor;

use super::types::TextEdit;

/// A line being typed, and where the cursor is in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct LineDraft {
    text: String,
    /// A byte offset into `text`, always on a grapheme's edge.
    at: usize,
}

impl LineDraft {
    /// `text`, with the cursor after its end, where a person adds to it.
    pub(super) fn new(text: String) -> Self {
        let at = text.len();
        Self { text, at }
    }

    /// The text.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in characters from the start.
    pub(super) fn cursor(&self) -> usize {
        self.text[..self.at].chars().count()
    }

    /// Makes one edit; one that cannot be made (Backspace at the start) changes nothing.
    pub(super) fn edit(&mut self, edit: TextEdit) {
        match edit {
            TextEdit::Insert(c) => {
                self.text.insert(self.at, c);
                self.at += c.len_utf8();
            }
            TextEdit::DeleteBack => {
                if let Some(before) = self.before() {
                    self.text.replace_range(before..self.at, "");
                    self.at = before;
                }
            }
            TextEdit::DeleteForward => {
                if let Some(after) = self.after() {
                    self.text.replace_range(self.at..after, "");
                }
            }
            TextEdit::Left => self.at = self.before().unwrap_or(self.at),
            TextEdit::Right => self.at = self.after().unwrap_or(self.at),
            TextEdit::Home => self.at = 0,
            TextEdit::End => self.at = self.text.len(),
        }
    }

    /// The edge of the grapheme before the cursor, if there is one.
    fn before(&self) -> Option<usize> {
        GraphemeCursor::new(self.at, self.text.len(), true)
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
    }

    /// The edge of the grapheme after the cursor, if there is one.
    fn after(&self) -> Option<usize> {
        GraphemeCursor::new(self.at, self.text.len(), true)
            .next_boundary(&self.text, 0)
            .ok()
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TextEdit::*;

    fn edited(text: &str, edits: &[TextEdit]) -> (String, usize) {
        let mut draft = LineDraft::new(text.to_string());
        for edit in edits {
            draft.edit(*edit);
        }
        (draft.text().to_string(), draft.cursor())
    }

    #[test]
    fn typing_goes_in_at_the_cursor_which_starts_at_the_end() {
        assert_eq!(edited("calf", &[]), ("calf".to_string(), 4));
        assert_eq!(edited("calf", &[Insert('!')]), ("calf!".to_string(), 5));
        assert_eq!(
            edited("calf", &[Home, Insert('A'), Right, Insert('-')]),
            ("Ac-alf".to_string(), 3)
        );
        assert_eq!(edited("calf", &[Left, Left, End]), ("calf".to_string(), 4));
    }

    #[test]
    fn deleting_at_either_edge_changes_nothing() {
        assert_eq!(edited("ab", &[DeleteForward]), ("ab".to_string(), 2));
        assert_eq!(edited("ab", &[Home, DeleteBack]), ("ab".to_string(), 0));
        assert_eq!(edited("ab", &[Home, DeleteForward]), ("b".to_string(), 0));
        assert_eq!(
            edited("ab", &[DeleteBack, DeleteBack, DeleteBack]),
            (String::new(), 0)
        );
        assert_eq!(edited("", &[Left, Right, DeleteBack]), (String::new(), 0));
    }

    #[test]
    fn a_letter_and_its_accent_move_and_go_together_and_the_cursor_counts_chars() {
        let e = "e\u{301}";
        assert_eq!(edited(&format!("{e}x"), &[Left]).1, 2, "after é, two chars");
        assert_eq!(
            edited(&format!("{e}x"), &[Left, Left]).1,
            0,
            "é is one step"
        );
        assert_eq!(
            edited(&format!("x{e}"), &[DeleteBack]),
            ("x".to_string(), 1)
        );
        assert_eq!(
            edited("日本", &[Left, Insert('の')]),
            ("日の本".to_string(), 2)
        );
    }
}
