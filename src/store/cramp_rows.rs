//! Diary lines as the summary cache keeps them: every field in a fixed order, absent ones
//! included. A history line leaves out a field it does not have, which a binary format with
//! no field names could not read back; the cache writes a row instead.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

use crate::core::history::{CrampKind, CrampRecord};

/// One diary line, in field order: `v`, `id`, `night`, `severity`, `side`, `logged_at`,
/// `count`, `note`.
type Row = (
    u32,
    String,
    NaiveDate,
    u8,
    Option<String>,
    DateTime<FixedOffset>,
    Option<u32>,
    Option<String>,
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
            |(v, id, night, severity, side, logged_at, count, note)| CrampRecord {
                v,
                kind: CrampKind::Cramp,
                id,
                night,
                severity,
                side,
                logged_at,
                count,
                note,
            },
        )
        .collect())
}

#[cfg(test)]
#[path = "cramp_rows_tests.rs"]
mod tests;
