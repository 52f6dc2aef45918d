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
mod tests {
    use serde::Serialize;

    use super::*;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Held {
        #[serde(with = "super")]
        cramps: Vec<CrampRecord>,
    }

    #[test]
    fn rows_read_back_as_written_in_json_and_in_binary() {
        let at = DateTime::parse_from_rfc3339("2026-11-21T07:15:00+01:00").expect("time");
        let night = NaiveDate::from_ymd_opt(2026, 11, 20).expect("night");
        let full = CrampRecord {
            v: 1,
            kind: CrampKind::Cramp,
            id: "c1".into(),
            night,
            severity: 6,
            side: Some("left".into()),
            logged_at: at,
            count: Some(2),
            note: Some("after the \"long\" walk".into()),
        };
        let bare = CrampRecord {
            id: "c2".into(),
            severity: 0,
            side: None,
            count: None,
            note: None,
            ..full.clone()
        };
        let held = Held {
            cramps: vec![full, bare],
        };
        let binary = postcard::to_allocvec(&held).expect("binary");
        assert_eq!(postcard::from_bytes::<Held>(&binary).expect("read"), held);
        let json = serde_json::to_string(&held).expect("json");
        assert_eq!(serde_json::from_str::<Held>(&json).expect("read"), held);
    }
}
