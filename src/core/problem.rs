//! What can be wrong with a routine file, said for the person who has to fix it.

use std::fmt;

/// The most problems printed for one file before "and N more".
pub const SHOWN_PROBLEMS: usize = 20;

/// One broken rule at one place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The step it is in (1-based number, and its name when it has a usable one).
    pub step: Option<(usize, Option<String>)>,
    /// The rule that was broken.
    pub fault: Fault,
}

/// The rules a routine file can break.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Fault {
    /// The file is over the size limit; it was not parsed.
    #[error("file is {bytes} bytes; a routine file may be at most 1 MiB")]
    TooLarge {
        /// Size of the file.
        bytes: u64,
    },
    /// The file is not UTF-8 text.
    #[error("not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8")]
    NotUtf8 {
        /// The first byte that is not valid.
        byte: u8,
    },
    /// The file holds nothing but white space.
    #[error("file is empty; a routine needs a `name` and at least one [[step]]")]
    Empty,
    /// The TOML parser could not read it.
    #[error("TOML syntax: {0}")]
    Syntax(String),
    /// A key the format does not know, most often a typo.
    #[error("unknown key `{key}`; {hint}")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The nearest valid key, or the list of them.
        hint: String,
    },
    /// A step key written at the top of the file.
    #[error("`{0}` belongs inside a [[step]] table")]
    StepKeyAtTop(String),
    /// A required key is absent.
    #[error("missing required key `{0}`")]
    Missing(&'static str),
    /// Too few or too many steps.
    #[error("a routine needs 1 to 100 [[step]] tables, got {0}")]
    StepCount(usize),
    /// An `art` name that is not one of the bundled illustrations.
    #[error("art \"{got}\" is not a bundled illustration; {hint}")]
    UnknownArt {
        /// The name as written.
        got: String,
        /// The nearest name, or the list of them.
        hint: String,
    },
    /// A duration that cannot be read, with a spelling that can when one is near.
    #[error("{key} must be {rule}, got {got}{}", did_you_mean(.near))]
    Duration {
        /// The key whose value is wrong.
        key: &'static str,
        /// The rule, in words.
        rule: &'static str,
        /// The value as written in the file.
        got: String,
        /// A readable spelling of what was probably meant.
        near: Option<String>,
    },
    /// A value of the wrong type or out of range.
    #[error("{key} must be {rule}, got {got}")]
    Rule {
        /// The key whose value is wrong.
        key: &'static str,
        /// The rule, in words.
        rule: String,
        /// The value as written in the file.
        got: String,
    },
}

fn did_you_mean(near: &Option<String>) -> String {
    near.as_ref()
        .map(|near| format!("; did you mean \"{near}\"?"))
        .unwrap_or_default()
}

/// Every problem found in one file, printed one per line as `FILE:LINE:COL: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblems {
    /// The file as the person named it, or its bundled name.
    pub file: String,
    /// Problems in file order; never empty.
    pub problems: Vec<Problem>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.line, self.column)?;
        match &self.step {
            Some((n, Some(name))) => write!(f, "step {n} {}: ", super::text::quote(name))?,
            Some((n, None)) => write!(f, "step {n}: ")?,
            None => {}
        }
        write!(f, "{}", self.fault)
    }
}

impl fmt::Display for FileProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().take(SHOWN_PROBLEMS).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{problem}", self.file)?;
        }
        if self.problems.len() > SHOWN_PROBLEMS {
            let more = self.problems.len() - SHOWN_PROBLEMS;
            write!(f, "\n{}: and {more} more", self.file)?;
        }
        Ok(())
    }
}

impl std::error::Error for FileProblems {}
