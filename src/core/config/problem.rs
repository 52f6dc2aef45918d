//! What can be wrong with the config file, said for the person who has to fix it.

use std::fmt;

/// One problem with the config file, printed as `FILE:LINE:COL: ...` (or `FILE: ...` when it
/// concerns the whole file).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigProblem {
    /// The config file's path, cleaned of control characters.
    pub file: String,
    /// 1-based line and column (in characters) of the value at fault, when there is one.
    pub place: Option<(usize, usize)>,
    /// What is wrong.
    pub fault: ConfigFault,
}

/// The ways a config file can be wrong; each costs only its own key unless it says otherwise.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigFault {
    /// The file exists but could not be read.
    #[error("cannot read: {reason}; the defaults are used")]
    Unreadable {
        /// What the system said.
        reason: String,
    },
    /// Something other than a regular file sits where the config belongs.
    #[error("is {kind}, not a regular file; the defaults are used")]
    NotAFile {
        /// "a folder", "a named pipe (FIFO)", "a device" and so on.
        kind: &'static str,
    },
    /// The file is over the size limit; it was not read.
    #[error("file is {bytes} bytes; a config file may be at most 1 MiB; the defaults are used")]
    TooLarge {
        /// Size of the file.
        bytes: u64,
    },
    /// Bytes that are not UTF-8; the keys on those lines use their defaults.
    #[error("not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8")]
    NotUtf8 {
        /// The first byte that is not valid.
        byte: u8,
    },
    /// The TOML parser could not read this part of the file.
    #[error("TOML syntax: {0}")]
    Syntax(String),
    /// A key written twice; which one was meant cannot be known.
    #[error("{key} is set twice (first on line {first_line}); the default is used until one goes")]
    Duplicate {
        /// The key.
        key: String,
        /// Where it was first set.
        first_line: usize,
    },
    /// A key bedstretch does not know, most often a typo.
    #[error("unknown key `{key}`; {hint}")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The nearest valid key, or the list of them.
        hint: String,
    },
    /// A value of the wrong type or out of range; the key uses its default.
    #[error("{key} must be {rule}, got {got}")]
    Rule {
        /// The key whose value is wrong.
        key: &'static str,
        /// The rule, in words.
        rule: &'static str,
        /// The value as written in the file.
        got: String,
    },
    /// One entry of `rest_days` that is not a weekday; the other entries are kept.
    #[error(
        "rest_days must name weekdays like \"sat\" or \"sunday\", got {got}; the other days are kept"
    )]
    RestDay {
        /// The entry as written.
        got: String,
    },
    /// `default_routine` names no routine there is; the bundled default is used.
    #[error("default_routine must name a routine, got {got}; {hint}")]
    UnknownRoutine {
        /// The id as written.
        got: String,
        /// The nearest id, or the list of them, and what is used instead.
        hint: String,
    },
    /// What is left unsaid after the first [`SHOWN_PROBLEMS`], so a huge bad file cannot flood
    /// the screen.
    #[error("and {count} more problems")]
    More {
        /// How many were left out.
        count: usize,
    },
}

/// The most problems reported for the config file before "and N more".
pub const SHOWN_PROBLEMS: usize = 20;

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.fault),
            None => write!(f, "{}: {}", self.file, self.fault),
        }
    }
}

impl std::error::Error for ConfigProblem {}
