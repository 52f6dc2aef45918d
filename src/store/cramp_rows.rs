//! Diary lines as the summary cache keeps them: every field in a fixed order, absent ones
//! included. A history line leaves out a field it does not have, which a binary format with
//! no field names could not read back; the cache writes a row instead.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

use crate::core::history::{CrampKind, CrampRecord};

/// One diary line, in field order: `v`, `id`, `night`, `severity`, `side`, `logged_at`,
/// `count`, `note`, `minutes`.
type Row = (
    u32,
    String,
    NaiveDate,
    u8,
    Option<String>,
    DateTime<FixedOffset>,
    Option<u32>,
    Option<String>,
    Option<u32>,
);

/// Borrowed for writing.
type RowRef<'a> = (
    u32,
    &'a str,
    NaiveDate,
    u8,
    &'a Option<String>,
    DateTime<FixedOffset>,
    Option<u32>,
    &'a Option<String>,
    Option<u32>,
);

pub fn serialize<S: Serializer>(cramps: &[CrampRecord], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(cramps.iter().map(|c| -> RowRef<'_> {
        (
            c.v,
            &c.id,
            c.night,
            c.severity,
            &c.side,
            c.logged_at,
            c.count,
            &c.note,
            c.minutes,
        )
    }))
}

pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<CrampRecord>, D::Error> {
    let rows = Vec::<Row>::deserialize(deserializer)?;
    Ok(rows
        .into_iter()
        .map(
            |(v, id, night, severity, side, logged_at, count, note, minutes)| CrampRecord {
                v,
                kind: CrampKind::Cramp,
                id,
                night,
                severity,
                side,
                logged_at,
                count,
                note,
                minutes,
            },
        )
        .collect())
}

/// Program and pause lines as the summary cache keeps them: each as its JSON text, read back
/// by the line parser. They are a handful in a lifetime, so the cost is nothing, and the cache
/// can never hold a line the history would not.
pub mod as_lines {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::core::history::LineFault;
    use crate::core::pause::PauseRecord;
    use crate::core::program::ProgramRecord;

    /// A kind of line read back through its own parser.
    pub trait Parsed: Sized {
        /// Reads one line, with the rules of its kind.
        fn parse(line: &str) -> Result<Self, LineFault>;
    }

    impl Parsed for ProgramRecord {
        fn parse(line: &str) -> Result<Self, LineFault> {
            ProgramRecord::parse(line)
        }
    }

    impl Parsed for PauseRecord {
        fn parse(line: &str) -> Result<Self, LineFault> {
            PauseRecord::parse(line)
        }
    }

    pub fn serialize<S: Serializer, T: Serialize>(
        records: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let lines: Result<Vec<String>, _> = records.iter().map(serde_json::to_string).collect();
        serializer.collect_seq(lines.map_err(serde::ser::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Parsed>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        let lines = Vec::<String>::deserialize(deserializer)?;
        lines
            .iter()
            .map(|line| T::parse(line).map_err(|f| serde::de::Error::custom(f.why)))
            .collect()
    }
}

#[cfg(test)]
#[path = "cramp_rows_tests.rs"]
mod tests;
