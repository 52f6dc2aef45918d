//! The optional config file, read key by key: a bad key falls back to its own default alone,
//! the good ones keep their values, and every problem is reported with its line and column.
//! Nothing in it can stop bedstretch from starting.

mod hook_command;
mod key;
mod keys;
mod problem;
mod slot_command;
#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;

use std::path::{Path, PathBuf};

use chrono::{NaiveTime, Weekday};

use crate::core::calendar::Rules;
use crate::core::text::{clean_line, line_col, quote};

pub use hook_command::HookCommand;
pub use key::Key;
pub use problem::{ConfigFault, ConfigProblem, SHOWN_PROBLEMS};
pub use slot_command::{Slot, SlotCommand, SoundCommand, VoiceCommand};

/// A config file larger than this is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The routine `bedstretch run` starts when the config names none: one of the bundled ones.
pub const DEFAULT_ROUTINE: &str = "bedtime-feet";

/// Settings from `config.toml`, with DESIGN.md's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The routine `bedstretch run` starts when none is named.
    pub default_routine: String,
    /// When one night ends and the next begins.
    pub day_starts_at: NaiveTime,
    /// Share of step-sides completed for a session to count toward the streak, 0 to 1.
    pub min_completion: f64,
    /// Days of the week that neither break nor extend a streak.
    pub rest_days: Vec<Weekday>,
    /// Ring the terminal bell at step changes.
    pub bell: bool,
    /// The colour theme.
    pub theme: ThemeName,
    /// Speak the cues, so the person can stretch with eyes closed.
    pub voice: bool,
    /// The person's own speaking command; `None` (the default, `""` in the file): the first
    /// speaker found on the PATH.
    pub voice_command: Option<VoiceCommand>,
    /// Play short sounds at the moments of a session, in place of the bell.
    pub sound: bool,
    /// The person's own player; `None` (the default, `""` in the file): the first player
    /// found on the PATH.
    pub sound_command: Option<SoundCommand>,
    /// Until when, after the rollover, home asks about last night's cramps.
    pub morning_ends_at: NaiveTime,
    /// From when in the night `bedstretch status` says it is time to stretch; `None` (the
    /// default, `""` in the file): never.
    pub remind_at: Option<NaiveTime>,
    /// How often `bedstretch remind` notifies again until the night is kept, in seconds; 0:
    /// once a night.
    pub remind_again_secs: u64,
    /// A command run after every recorded session, given its history line on stdin.
    pub on_session_end: Option<HookCommand>,
}

/// The themes there are; `NO_COLOR` turns colour off whichever is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    /// A dim, low-glare palette for a dark room.
    Night,
    /// Dark text for a light terminal.
    Day,
    /// Night or day by the terminal's background, when it tells; night when it does not.
    Auto,
}

impl ThemeName {
    /// The name as written in the file.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Night => "night",
            ThemeName::Day => "day",
            ThemeName::Auto => "auto",
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        let rules = Rules::default();
        Self {
            default_routine: DEFAULT_ROUTINE.to_string(),
            day_starts_at: rules.day_starts_at,
            min_completion: rules.min_completion,
            rest_days: rules.rest_days,
            bell: true,
            theme: ThemeName::Auto,
            voice: false,
            voice_command: None,
            sound: true,
            sound_command: None,
            morning_ends_at: NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN),
            remind_at: None,
            remind_again_secs: 30 * 60,
            on_session_end: None,
        }
    }
}

impl Config {
    /// The streak rules this config sets.
    pub fn rules(&self) -> Rules {
        Rules {
            day_starts_at: self.day_starts_at,
            min_completion: self.min_completion,
            rest_days: self.rest_days.clone(),
            paused: Default::default(),
        }
    }
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Not set, or set to a value that cannot be used.
    Default,
    /// The config file, where the value is written (1-based line and column).
    File {
        /// Line of the value.
        line: usize,
        /// Column of the value, in characters.
        column: usize,
    },
}

/// The config as read: the settings to use, where each came from, and every problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The settings: the file's good values, the defaults for the rest.
    pub config: Config,
    /// Every problem with the file, in file order; empty when it is fine or absent.
    pub problems: Vec<ConfigProblem>,
    /// The config file's path.
    pub path: PathBuf,
    /// True when there is a config file at all (even an unusable one).
    pub exists: bool,
    sources: [Source; Key::ALL.len()],
}

impl Loaded {
    /// Where the value of `key` came from.
    pub fn source(&self, key: Key) -> Source {
        self.sources[key as usize]
    }

    /// Makes an unknown `default_routine` a problem like any other and falls back to the
    /// bundled default. `ids` are the routines there are; the config cannot see them itself.
    pub fn check_default_routine<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        let ids: Vec<&str> = ids.into_iter().collect();
        let wanted = &self.config.default_routine;
        if ids.contains(&wanted.as_str()) {
            return;
        }
        let fallback = DEFAULT_ROUTINE;
        let near = ids
            .iter()
            .map(|id| (strsim::damerau_levenshtein(wanted, id), *id))
            .filter(|(distance, _)| *distance <= 3)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, id)| id);
        let hint = match near {
            Some(near) => format!("did you mean {}? {} is used", quote(near), quote(fallback)),
            None => format!("see `bedstretch routine list`; {} is used", quote(fallback)),
        };
        let place = match self.source(Key::DefaultRoutine) {
            Source::File { line, column } => Some((line, column)),
            Source::Default => None,
        };
        let problem = ConfigProblem {
            file: file_name(&self.path),
            place,
            fault: ConfigFault::UnknownRoutine {
                got: quote(wanted),
                hint,
            },
        };
        // In file order, and before a closing "and N more".
        let at = self
            .problems
            .iter()
            .position(|p| matches!(p.fault, ConfigFault::More { .. }) || p.place > place)
            .unwrap_or(self.problems.len());
        self.problems.insert(at, problem);
        self.config.default_routine = fallback.to_string();
        self.sources[Key::DefaultRoutine as usize] = Source::Default;
    }
}

impl Loaded {
    /// The defaults, when there is no config file at `path`.
    pub fn absent(path: PathBuf) -> Self {
        Self {
            exists: false,
            ..unread(path)
        }
    }

    /// The defaults, when the file at `path` could not be read at all, and why.
    pub fn unreadable(path: PathBuf, fault: ConfigFault) -> Self {
        let mut loaded = unread(path);
        loaded.problems.push(ConfigProblem {
            file: file_name(&loaded.path),
            place: None,
            fault,
        });
        loaded
    }
}

/// Reads a config file's bytes as if they came from `path`, with no file access: the pure
/// half of `store::config::load`, so that the fuzzer and tests can give it any bytes at all.
pub fn parse_bytes(path: PathBuf, bytes: &[u8]) -> Loaded {
    let mut loaded = unread(path);
    let (source, tainted, not_utf8) = decode(bytes);
    let parsed = keys::parse(&source, &tainted);
    loaded.config = parsed.config;
    loaded.sources = parsed.sources;
    let file = file_name(&loaded.path);
    loaded.problems = not_utf8
        .into_iter()
        .chain(parsed.problems)
        .map(|(place, fault)| ConfigProblem {
            file: file.clone(),
            place,
            fault,
        })
        .collect();
    loaded.problems.sort_by_key(|p| p.place);
    if loaded.problems.len() > SHOWN_PROBLEMS {
        let count = loaded.problems.len() - SHOWN_PROBLEMS;
        loaded.problems.truncate(SHOWN_PROBLEMS);
        loaded.problems.push(ConfigProblem {
            file,
            place: None,
            fault: ConfigFault::More { count },
        });
    }
    loaded
}

/// Every default, no problem yet: where reading starts.
fn unread(path: PathBuf) -> Loaded {
    Loaded {
        config: Config::default(),
        problems: Vec::new(),
        path,
        exists: true,
        sources: [Source::Default; Key::ALL.len()],
    }
}

/// The path as the person knows it, safe to print.
fn file_name(path: &Path) -> String {
    clean_line(&path.display().to_string())
}

/// A located problem, before the file name is added.
type Placed = (Option<(usize, usize)>, ConfigFault);

/// The text, the lines that held bytes that are not UTF-8 (their keys use the defaults), and
/// the problem that says so, at the first such byte. The rest of the file still counts.
fn decode(bytes: &[u8]) -> (String, std::collections::BTreeSet<usize>, Option<Placed>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut tainted = std::collections::BTreeSet::new();
    let mut problem = None;
    let mut text = String::with_capacity(bytes.len());
    // Counted as we go: placing every bad byte from the top would be quadratic.
    let mut line = 1;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        line += chunk.valid().matches('\n').count();
        if let Some(&byte) = chunk.invalid().first() {
            tainted.insert(line);
            if problem.is_none() {
                let place = line_col(&text, text.len());
                problem = Some((Some(place), ConfigFault::NotUtf8 { byte }));
            }
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    (text, tainted, problem)
}
