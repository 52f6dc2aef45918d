//! Cbreak mode, for plain mode's keys: each key arrives as it is typed and is not echoed,
//! while Ctrl-C, Ctrl-Z and Ctrl-\ still raise their signals and output keeps its line
//! endings, so the lines print as any program's do. Raw mode would take all of that away.
//!
//! The terminal's own settings are kept and put back on every exit path, a panic included.

use std::io;
use std::sync::{Mutex, Once};

use rustix::termios::{LocalModes, OptionalActions, SpecialCodeIndex, Termios};

use super::line_terminal::{LineTerminal, terminal_size};

/// The settings standard input's terminal had before cbreak, once they are known.
static SAVED: Mutex<Option<Termios>> = Mutex::new(None);

/// The panic hook that gives the settings back is installed once, however often cbreak is
/// entered again (after each suspend).
static HOOK: Once = Once::new();

/// Puts standard input's terminal in cbreak mode. Undone by [`leave`].
pub fn enter() -> io::Result<()> {
    let mut saved = SAVED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let original = match &*saved {
        Some(original) => original.clone(),
        None => {
            let current = rustix::termios::tcgetattr(io::stdin())?;
            *saved = Some(current.clone());
            current
        }
    };
    drop(saved);
    HOOK.call_once(|| {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            hook(info);
        }));
    });
    let mut cbreak = original;
    cbreak.local_modes -= LocalModes::ICANON | LocalModes::ECHO;
    cbreak.special_codes[SpecialCodeIndex::VMIN] = 1;
    cbreak.special_codes[SpecialCodeIndex::VTIME] = 0;
    rustix::termios::tcsetattr(io::stdin(), OptionalActions::Now, &cbreak)?;
    Ok(())
}

/// Gives the terminal its own settings back; safe to call twice, or without [`enter`].
pub fn leave() {
    let saved = SAVED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone();
    if let Some(original) = saved {
        // A terminal that is gone has nothing to restore, so a failure is no matter.
        let _ = rustix::termios::tcsetattr(io::stdin(), OptionalActions::Now, &original);
    }
}

/// The real terminal for plain mode: cbreak mode when there are keys to read.
pub struct Cbreak {
    /// Standard input is a terminal, so cbreak mode was entered.
    pub keys: bool,
}

impl LineTerminal for Cbreak {
    fn width(&self) -> Option<u16> {
        terminal_size().map(|(cols, _)| cols)
    }

    fn suspend(&mut self) {
        leave();
        super::stop_job();
    }

    fn reclaim(&mut self) {
        if self.keys {
            // Should this fail, the terminal is gone, and the next wait says so.
            let _ = enter();
        }
    }
}
