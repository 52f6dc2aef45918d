//! Where plain mode's words go: whole lines, and under them in a terminal a countdown line
//! that rewrites itself in place. Lines are cleaned of controls on their way out, and the
//! first write that fails (a closed pipe) is kept for the loop to end on, so that the
//! session can still be recorded.

use std::io::{self, Write};

use crate::core::text::{clean_line, truncate};

/// Goes back to the start of the line and clears it, for rewriting the countdown.
const REWRITE: &str = "\r\x1b[K";

/// Standard output, or anything else that takes bytes, as plain mode writes to it.
pub struct LineOut<W> {
    out: W,
    /// The countdown line as it shows, if it does.
    shown: Option<String>,
    /// The first write that failed; nothing more is written after it.
    broken: Option<io::Error>,
}

impl<W: Write> LineOut<W> {
    /// Lines to `out`.
    pub fn new(out: W) -> Self {
        Self {
            out,
            shown: None,
            broken: None,
        }
    }

    /// What it writes to.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// One line, after clearing the countdown line if one shows.
    pub fn say(&mut self, line: &str) {
        let clear = if self.shown.take().is_some() {
            REWRITE
        } else {
            ""
        };
        let line = clean_line(line);
        self.write(&format!("{clear}{line}\n"));
    }

    /// Shows `text` as the countdown line, cut to `room` columns so that it never wraps (a
    /// wrapped line cannot be rewritten from its start); `None` clears it.
    pub fn rewrite(&mut self, text: Option<&str>, room: usize) {
        let text = text.map(|t| truncate(&clean_line(t), room));
        if text == self.shown {
            return;
        }
        match &text {
            Some(text) => self.write(&format!("{REWRITE}{text}")),
            None => self.write(REWRITE),
        }
        self.shown = text;
    }

    /// The countdown line is to be drawn again whole, as after a resize.
    pub fn forget(&mut self) {
        self.shown = None;
    }

    /// The first write that failed, once.
    pub fn take_error(&mut self) -> Option<io::Error> {
        self.broken.take()
    }

    fn write(&mut self, text: &str) {
        if self.broken.is_some() {
            return;
        }
        let written = self
            .out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.flush());
        if let Err(e) = written {
            self.broken = Some(e);
        }
    }
}
