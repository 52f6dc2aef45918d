//! Values the command line takes that several commands share, each with an error that names
//! the form it wants and an example.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// `--as-of`: a moment with its UTC offset.
pub fn parse_time(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text).map_err(|_| {
        "expected a date, time and UTC offset (RFC 3339), such as 2026-11-23T22:00:00+01:00"
            .to_string()
    })
}

/// `--since`, `--night`: a calendar date.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| "expected a date as YEAR-MONTH-DAY, such as 2026-11-01".to_string())
}
