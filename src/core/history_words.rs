//! The closed sets of words a history line records (how a session ended, how a step
//! ended), and [`Recorded`], which keeps a word this version does not know exactly as
//! written, so that a line from a newer version is read, shown and written back unchanged.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It ran to the end (some steps may have been skipped).
    Completed,
    /// The person quit, or the program was told to stop.
    Quit,
    /// The program died; the session was recovered from its progress file.
    Interrupted,
}

impl Outcome {
    /// The word the history file uses for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::Quit => "quit",
            Outcome::Interrupted => "interrupted",
        }
    }
}

impl Word for Outcome {
    fn from_word(word: &str) -> Option<Self> {
        [Outcome::Completed, Outcome::Quit, Outcome::Interrupted]
            .into_iter()
            .find(|o| o.as_str() == word)
    }

    fn as_word(&self) -> &'static str {
        self.as_str()
    }
}

/// What happened to one step-side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Held to the end.
    Completed,
    /// Skipped on purpose; the time held so far is kept.
    Skipped,
    /// Running when the session ended.
    Partial,
    /// Never started.
    NotReached,
    /// Stopped because it hurt.
    Hurt,
}

impl Status {
    /// The word the history file uses for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Skipped => "skipped",
            Status::Partial => "partial",
            Status::NotReached => "not_reached",
            Status::Hurt => "hurt",
        }
    }
}

impl Word for Status {
    fn from_word(word: &str) -> Option<Self> {
        [
            Status::Completed,
            Status::Skipped,
            Status::Partial,
            Status::NotReached,
            Status::Hurt,
        ]
        .into_iter()
        .find(|s| s.as_str() == word)
    }

    fn as_word(&self) -> &'static str {
        self.as_str()
    }
}

/// A closed set of words this version writes (an outcome, a status).
pub trait Word: Sized {
    /// The value a word stands for, if this version knows it.
    fn from_word(word: &str) -> Option<Self>;
    /// The word written for the value.
    fn as_word(&self) -> &'static str;
}

/// A word as a history line recorded it: one this version knows, another kept exactly as
/// written (a newer version's, say), or none at all. Written back the way it was read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Recorded<T> {
    /// A word this version knows.
    Known(T),
    /// A word this version does not know, as written.
    Unknown(String),
    /// The field was absent (or null).
    #[default]
    Missing,
}

impl<T: Word> Recorded<T> {
    /// The word as written; empty when missing.
    pub fn as_str(&self) -> &str {
        match self {
            Recorded::Known(t) => t.as_word(),
            Recorded::Unknown(word) => word,
            Recorded::Missing => "",
        }
    }

    /// The value, when this version knows the word.
    pub fn known(&self) -> Option<T>
    where
        T: Copy,
    {
        match self {
            Recorded::Known(t) => Some(*t),
            _ => None,
        }
    }

    /// True when the field was absent, so that it is written back absent.
    pub fn is_missing(&self) -> bool {
        matches!(self, Recorded::Missing)
    }
}

impl<T> From<T> for Recorded<T> {
    fn from(t: T) -> Self {
        Recorded::Known(t)
    }
}

impl<T: PartialEq> PartialEq<T> for Recorded<T> {
    fn eq(&self, other: &T) -> bool {
        matches!(self, Recorded::Known(t) if t == other)
    }
}

impl<T: Word> Serialize for Recorded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Recorded::Missing => serializer.serialize_none(),
            _ => serializer.serialize_str(self.as_str()),
        }
    }
}

impl<'de, T: Word> Deserialize<'de> for Recorded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WordVisitor<T>(PhantomData<T>);
        impl<T: Word> Visitor<'_> for WordVisitor<T> {
            type Value = Recorded<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a word")
            }
            fn visit_str<E: de::Error>(self, word: &str) -> Result<Self::Value, E> {
                Ok(T::from_word(word)
                    .map_or_else(|| Recorded::Unknown(word.into()), Recorded::Known))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Recorded::Missing)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Recorded::Missing)
            }
        }
        // Any type, so that null reads as missing rather than failing the whole line.
        deserializer.deserialize_any(WordVisitor(PhantomData))
    }
}
