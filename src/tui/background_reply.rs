//! The terminal's answer to "what is your background?" (OSC 11), picked out of the keys.
//!
//! The question is sent just before the first frame and never waited for, so it cannot hold
//! the screen back, however slow or silent the terminal. crossterm knows no OSC answers: it
//! hands `ESC ] 11;rgb:ffff/ffff/ffff ESC \` out as keys, Alt+`]`, `1`, `1`, `;` and so on,
//! then Alt+`\` (or Ctrl+G, for terminals that end with BEL). Those keys are held back here
//! while an answer is expected, so that none of them reaches a screen as a key press. An
//! ESC that arrives in a read of its own comes out as the Esc key, and `]` (or `\`) after
//! it: that Esc is held until the next key says which it was, or [`ESC_WAIT`] passes.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::background::{Rgb, osc11_answer};

/// Longer than any answer: past it, the held keys were something else.
const LONGEST: usize = 64;

/// How long an Esc is held, while an answer is expected, for a `]` that makes it the start of
/// the answer: the halves of one write split across reads (over ssh or tmux) come
/// milliseconds apart, and a tenth of a second on an Esc pressed is hardly felt.
pub const ESC_WAIT: Duration = Duration::from_millis(100);

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
    /// An Esc that may be the first half of the answer's ESC `]` or ESC `\`.
    esc: Option<KeyEvent>,
    /// The key after an Esc that turned out to be a key: to be seen next.
    after_esc: Option<KeyEvent>,
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
        if let Some(esc) = self.esc.take() {
            return self.after(esc, key);
        }
        if key.code == KeyCode::Esc && key.modifiers == KeyModifiers::NONE {
            self.esc = Some(key);
            return Seen::Held;
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
            return self.end();
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

    /// Whether an Esc is held, waiting for the key after it.
    pub fn holds_esc(&self) -> bool {
        self.esc.is_some()
    }

    /// The held Esc, as the key it was: nothing came after it within [`ESC_WAIT`].
    pub fn let_go(&mut self) -> Option<KeyEvent> {
        self.esc.take()
    }

    /// The key that came after an Esc let go as a key, to be seen next.
    pub fn next_key(&mut self) -> Option<KeyEvent> {
        self.after_esc.take()
    }

    /// The key after a held Esc: `]` starts an answer and `\` ends one; any other makes
    /// the Esc a key, and is seen after it.
    fn after(&mut self, esc: KeyEvent, key: KeyEvent) -> Seen {
        let is = |c: char| {
            key.code == KeyCode::Char(c)
                && matches!(key.modifiers, KeyModifiers::NONE | KeyModifiers::ALT)
        };
        match self.held {
            None if is(']') => {
                self.held = Some(String::new());
                Seen::Held
            }
            Some(_) if is('\\') => self.end(),
            _ => {
                self.held = None;
                self.after_esc = Some(key);
                Seen::Key(esc)
            }
        }
    }

    /// The answer's end: the background, if what was held is ours.
    fn end(&mut self) -> Seen {
        match self.held.take().as_deref().and_then(osc11_answer) {
            Some(rgb) => {
                self.expecting = false;
                Seen::Answer(rgb)
            }
            // Another OSC answer, not ours: swallowed, still waiting for ours.
            None => Seen::Held,
        }
    }
}

#[cfg(test)]
#[path = "background_reply_tests.rs"]
mod tests;
