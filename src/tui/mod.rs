//! The terminal shell: the only code that knows ratatui and crossterm. It runs every screen
//! through one loop ([`event_loop`]), and gives the terminal back on every exit path.

pub mod background_reply;
pub mod binding;
mod cbreak;
pub mod compact_backend;
pub mod editor_keymap;
pub mod editor_view;
pub mod event_loop;
pub mod home_heatmap;
pub mod home_layout;
pub mod home_lists;
pub mod home_pages;
pub mod home_view;
pub mod input;
pub mod instructions_box;
mod job;
pub mod keymap;
pub mod line_terminal;
pub mod overlays;
pub mod plain;
pub mod plain_out;
pub mod session_layout;
pub mod session_view;
pub mod stats_charts;
pub mod stats_page;
pub mod summary_view;
pub mod theme;
pub mod trial_page;
pub mod view;
pub mod widgets;

use std::io::{self, Write};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub(crate) use job::stop_job;

/// The real terminal, drawn through [`compact_backend::CompactBackend`].
pub type RealTerminal = Terminal<compact_backend::CompactBackend<CrosstermBackend<io::Stdout>>>;

/// Raw mode, the alternate screen, and a panic hook that gives the terminal back before the
/// panic message is printed. Undone by [`restore`].
pub fn init() -> io::Result<RealTerminal> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enter()?;
    let backend = compact_backend::CompactBackend::new(CrosstermBackend::new(io::stdout()))?;
    Terminal::new(backend)
}

/// Raw mode and the alternate screen, with the cursor hidden; again after a suspend.
pub fn enter() -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::cursor::Hide
    )
}

/// Leaves the alternate screen, shows the cursor and ends raw mode; safe to call twice.
pub fn restore() {
    // Never panics: the terminal may already be gone, and then there is nothing to restore.
    let _ = ratatui::try_restore();
    // ratatui's restore leaves the cursor to the terminal's drop, which a panic may skip.
    let _ = crossterm::execute!(io::stdout(), crossterm::cursor::Show);
}

/// Gives the terminal back and stops the process as Ctrl-Z would; returns when it is
/// continued (`fg`), or at once where nothing could continue it. The caller sets the terminal
/// up again.
pub fn suspend() {
    restore();
    stop_job();
}

/// Rings the terminal bell on standard output.
pub fn ring_bell() {
    let mut out = io::stdout();
    // A bell that cannot be rung is not worth stopping a session for.
    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
}
