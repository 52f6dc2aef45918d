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

/// Program lines as the summary cache keeps them: each as its JSON text, read back by the
/// line parser. They are a handful in a lifetime, so the cost is nothing, and the cache
/// can never hold a program the history would not.
pub mod programs {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::core::program::ProgramRecord;

    pub fn serialize<S: Serializer>(
        programs: &[ProgramRecord],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let lines: Result<Vec<String>, _> = programs.iter().map(serde_json::to_string).collect();
        serializer.collect_seq(lines.map_err(serde::ser::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<ProgramRecord>, D::Error> {
        let lines = Vec::<String>::deserialize(deserializer)?;
        lines
            .iter()
            .map(|line| ProgramRecord::parse(line).map_err(|f| serde::de::Error::custom(f.why)))
            .collect()
    }
}

#[cfg(test)]
#[path = "cramp_rows_tests.rs"]
mod tests;
