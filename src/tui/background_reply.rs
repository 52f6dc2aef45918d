//! The terminal's answer to "what is your background?" (OSC 11), picked out of the keys.
//!
//! The question is sent just before the first frame and never waited for, so it cannot hold
//! the screen back, however slow or silent the terminal. crossterm knows no OSC answers: it
//! hands `ESC ] 11;rgb:ffff/ffff/ffff ESC \` out as keys, Alt+`]`, `1`, `1`, `;` and so on,
//! then Alt+`\` (or Ctrl+G, for terminals that end with BEL). Those keys are held back here
//! while an answer is expected, so that none of them reaches a screen as a key press.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::background::{Rgb, osc11_answer};

/// Longer than any answer: past it, the held keys were something else.
const LONGEST: usize = 64;

/// What a key turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// A key the person pressed.
    Key(KeyEvent),
    /// Part of the answer, held back.
    Held,
    /// The whole answer: the background.
    Answer(Rgb),
}

/// Picks the answer out of the keys, once one is expected.
#[derive(Debug, Default)]
pub struct ReplyKeys {
    expecting: bool,
    held: Option<String>,
}

impl ReplyKeys {
    /// An answer may come from now on.
    pub fn expect(&mut self) {
        self.expecting = true;
    }

    /// Whether an answer is expected and has not come yet.
    pub fn expecting(&self) -> bool {
        self.expecting
    }

    /// Looks at one key.
    pub fn see(&mut self, key: KeyEvent) -> Seen {
        if !self.expecting {
            return Seen::Key(key);
        }
        let Some(held) = self.held.as_mut() else {
            if key.code == KeyCode::Char(']') && key.modifiers == KeyModifiers::ALT {
                self.held = Some(String::new());
                return Seen::Held;
            }
            return Seen::Key(key);
        };
        let ends = (key.code == KeyCode::Char('\\') && key.modifiers == KeyModifiers::ALT)
            || (key.code == KeyCode::Char('g') && key.modifiers == KeyModifiers::CONTROL);
        if ends {
            let text = std::mem::take(held);
            self.held = None;
            return match osc11_answer(&text) {
                Some(rgb) => {
                    self.expecting = false;
                    Seen::Answer(rgb)
                }
                // Another OSC answer, not ours: swallowed, still waiting for ours.
                None => Seen::Held,
            };
        }
        let plain = matches!(key.modifiers, KeyModifiers::NONE | KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Char(c)
                if plain
                    && held.len() < LONGEST
                    && (c.is_ascii_alphanumeric() || ";:/#".contains(c)) =>
            {
                held.push(c);
                Seen::Held
            }
            // Not an answer after all (someone pressed Alt+]): what was held is lost, this
            // key is not.
            _ => {
                self.held = None;
                Seen::Key(key)
            }
        }
    }
}

#[cfg(test)]
#[path = "background_reply_tests.rs"]
mod tests;
