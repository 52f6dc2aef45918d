//! bedstretch: a calm bedtime stretch coach for the terminal.
//!
//! `core` is pure (no terminal, files or clock); `app` holds one pure model per screen;
//! `store` reads and writes files; `tui` is the only code that knows the terminal, and runs
//! every screen through one loop; `cli` is the command line on top of all of them.

// Signals, file locks and the terminal are done the Unix way; say so plainly rather than
// fail with a wall of errors.
#[cfg(not(unix))]
compile_error!("bedstretch runs on Unix (Linux, macOS, the BSDs); this platform is not supported");

pub mod app;
pub mod cli;
pub mod clock;
pub mod core;
pub mod hook;
pub mod sound;
pub mod store;
pub mod tui;
pub mod voice;
