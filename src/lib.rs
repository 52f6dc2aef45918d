//! bedstretch: a calm bedtime stretch coach for the terminal.
//!
//! `core` is pure (no terminal, files or clock); `store` reads and writes files; `cli` is the
//! command line on top of both.

pub mod app;
pub mod cli;
pub mod clock;
pub mod core;
pub mod home;
pub mod store;
pub mod tui;
