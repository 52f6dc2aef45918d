//! The terminal as plain mode sees it: what the loop asks of one, so that tests run it
//! without a terminal, and the size of the real one.

use std::io::{self, IsTerminal};

/// What plain mode asks of the terminal, so that tests run the loop without one.
pub trait LineTerminal {
    /// Its width in columns, so the countdown stays on one row (a wrapped line cannot be
    /// rewritten from its start); `None` when unknown.
    fn width(&self) -> Option<u16>;
    /// Gives the terminal its own settings back and stops the process; returns once it is
    /// continued.
    fn suspend(&mut self);
    /// Sets cbreak mode up again after the process was stopped and continued.
    fn reclaim(&mut self);
}

/// The size of the terminal standard output shows on; `None` when it is not a terminal.
pub fn terminal_size() -> Option<(u16, u16)> {
    if !io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size().ok()
}
