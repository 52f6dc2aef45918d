//! What every history line shares, whatever its kind: the format version, the shape of an
//! id, and why a line was refused.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The history format version written in every line.
pub const FORMAT_VERSION: u32 = 1;

/// The version a line without one is read as.
pub(super) fn format_version() -> u32 {
    FORMAT_VERSION
}

/// Why a line was skipped: where on it the trouble is, and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineFault {
    /// 1-based column.
    pub column: usize,
    /// What was wrong, in a sentence fragment.
    pub why: String,
}

/// The most characters of a parser's complaint kept: it can quote a whole line back.
const MAX_WHY_CHARS: usize = 200;

impl From<serde_json::Error> for LineFault {
    fn from(e: serde_json::Error) -> Self {
        // serde_json ends its message with the position; the warning names it up front.
        let text = e.to_string();
        let message = text
            .rsplit_once(" at line ")
            .map_or(text.as_str(), |(m, _)| m);
        let mut why: String = message.chars().take(MAX_WHY_CHARS).collect();
        if why.len() < message.len() {
            why.push('…');
        }
        Self {
            column: e.column(),
            why,
        }
    }
}

/// A session id in the documented shape, e.g. `20261123T224105.123+0100-3fa9`.
pub fn session_id(started_at: DateTime<FixedOffset>, random: u16) -> String {
    format!("{}-{random:04x}", started_at.format("%Y%m%dT%H%M%S%.3f%z"))
}
