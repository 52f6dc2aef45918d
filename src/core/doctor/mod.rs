//! `bedstretch doctor`, judged: the facts about a setup go in (paths, the device, the history
//! files, the config's and the routines' problems, the programs found, the terminal), and
//! findings come out, each one line with a level and, for a problem, what to do. The shell
//! gathers the facts and prints the findings; nothing here looks at a file or a program.
//!
//! What counts as a problem: something that loses or hides what the person does, or a thing
//! they asked for that will not happen (a spoken cue with `voice = true`, a reminder with
//! `remind_at` set). What bedstretch works around by itself, or what the person never asked
//! for, is information.

pub mod files;
pub mod finding;
pub mod settings;
pub mod system;
