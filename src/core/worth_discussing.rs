//! Diary nights worth showing to a doctor, in the words of public health guidance (the NHS
//! page on leg cramps): a cramp that lasted over 10 minutes, severe cramps night after night,
//! or a note of swelling, numbness or weakness. Never a diagnosis: one calm line, and the
//! nights that brought it.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::history::CrampRecord;

/// The one line said wherever a night is worth discussing.
pub const LINE: &str = "Cramps that last over 10 minutes, or come with swelling, numbness or \
                        weakness, are worth showing to a doctor.";

/// A cramp longer than this many minutes is worth discussing.
pub const LONG_MINUTES: u32 = 10;
/// A severity at least this high counts as severe.
pub const SEVERE: u8 = 8;
/// Severe nights within [`WEEK`] nights that are worth discussing.
pub const SEVERE_NIGHTS: usize = 3;
/// The nights looked at together for severe cramps, and how recent a night must be for home
/// and `cramp` to say the line.
pub const WEEK: u64 = 7;
/// Words in a note that are worth discussing, whole: "number" and "tweaked" are not.
const WORDS: [&str; 11] = [
    "swell", "swells", "swelled", "swelling", "swollen", "numb", "numbness", "weak", "weaker",
    "weakness", "weakened",
];

/// Why a night is worth discussing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum Reason {
    /// The longest cramp lasted this many minutes.
    Long {
        /// Minutes.
        minutes: u32,
    },
    /// Severity 8 or more on this night and on others of the week ending with it.
    Severe {
        /// Severe nights in the 7 ending with this one.
        nights: usize,
    },
    /// The note speaks of swelling, numbness or weakness.
    Note {
        /// The note, as written.
        note: String,
    },
}

impl Reason {
    /// The reason in a few words, for a list of nights.
    pub fn words(&self) -> String {
        match self {
            Reason::Long { minutes } => format!("a cramp that lasted {minutes} minutes"),
            Reason::Severe { nights } => {
                format!("severity {SEVERE} or more on {nights} nights of {WEEK}")
            }
            Reason::Note { note } => format!("noted: \u{201c}{note}\u{201d}"),
        }
    }
}

/// Each night of the diary worth discussing, oldest first, with every reason it is. `cramps`
/// is the diary as read: one entry a night.
pub fn nights(cramps: &[CrampRecord]) -> Vec<(NaiveDate, Vec<Reason>)> {
    let severe: Vec<NaiveDate> = cramps
        .iter()
        .filter(|c| c.severity >= SEVERE)
        .map(|c| c.night)
        .collect();
    let mut found: BTreeMap<NaiveDate, Vec<Reason>> = BTreeMap::new();
    for entry in cramps {
        let mut reasons = Vec::new();
        if let Some(minutes) = entry.minutes.filter(|m| *m > LONG_MINUTES) {
            reasons.push(Reason::Long { minutes });
        }
        if entry.severity >= SEVERE {
            let first = entry
                .night
                .checked_sub_days(Days::new(WEEK - 1))
                .unwrap_or(NaiveDate::MIN);
            let nights = severe
                .iter()
                .filter(|n| (first..=entry.night).contains(n))
                .count();
            if nights >= SEVERE_NIGHTS {
                reasons.push(Reason::Severe { nights });
            }
        }
        if let Some(note) = entry.note.as_ref().filter(|n| mentions(n)) {
            reasons.push(Reason::Note { note: note.clone() });
        }
        if !reasons.is_empty() {
            found.entry(entry.night).or_default().extend(reasons);
        }
    }
    found.into_iter().collect()
}

/// True when a night of the week ending with `last_night` is worth discussing: when home and
/// `cramp` say the line.
pub fn lately(cramps: &[CrampRecord], last_night: NaiveDate) -> bool {
    let first = last_night
        .checked_sub_days(Days::new(WEEK - 1))
        .unwrap_or(NaiveDate::MIN);
    nights(cramps)
        .iter()
        .any(|(night, _)| (first..=last_night).contains(night))
}

/// True when a word of the note is one of [`WORDS`].
fn mentions(note: &str) -> bool {
    note.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| WORDS.contains(&word))
}

#[cfg(test)]
#[path = "worth_discussing_tests.rs"]
mod tests;
