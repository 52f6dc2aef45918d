//! The pure core: routines and their rules. No terminal, no files, no clock.

pub mod background;
mod bootstrap;
pub mod calendar;
pub mod config;
pub mod cramps;
pub mod device_id;
pub mod doctor;
pub mod duration;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod history;
pub mod history_facts;
pub mod history_words;
pub mod pause;
pub mod problem;
pub mod program;
mod record;
pub mod remind;
pub mod report;
pub mod routine;
pub mod routine_file;
pub mod routine_template;
pub mod session;
pub mod stats;
pub mod status;
pub mod streaks;
pub mod sync_names;
pub mod text;
pub mod trial_figures;
pub mod trial_review;
pub mod worth_discussing;
