//! Files: the bundled routines and art, the person's own routines, the history, the session
//! in progress, and where they all live.

pub mod atomic;
pub mod bundled;
pub mod config;
mod cramp_rows;
pub mod device;
pub mod diary_skip;
pub mod file_lines;
pub mod gather;
pub mod history;
pub mod history_cache;
pub mod history_read;
pub mod history_survey;
mod line_batches;
pub mod paths;
pub mod progress;
pub mod read;
pub mod remind_sent;
pub mod routines;
mod sealed;
mod stamp;
pub mod streak_cache;
pub mod terminal_memory;
