//! What a session leaves behind: one JSON line in the history, in the format DESIGN.md fixes.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The history format version written in every line.
pub const FORMAT_VERSION: u32 = 1;

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

/// The marker that makes a line a session line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// The only value: `"kind":"session"`.
    Session,
}

/// One planned step-side and what was done of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The step's name.
    pub name: String,
    /// The side label, or absent for a step without sides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// The hold that was planned, in seconds.
    pub planned_secs: u64,
    /// The time actually held, in whole seconds; never more than planned.
    pub done_secs: u64,
    /// How it ended.
    pub status: Status,
}

/// One session, as appended to the history when it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Format version, 1.
    pub v: u32,
    /// Always `session`.
    pub kind: SessionKind,
    /// Unique id: start time with milliseconds and offset, and a random suffix.
    pub id: String,
    /// The routine's id.
    pub routine: String,
    /// The routine's name when it ran.
    pub routine_name: String,
    /// When it started, in the local offset of the moment.
    pub started_at: DateTime<FixedOffset>,
    /// When it ended (for a recovered session: the last time progress was saved).
    pub ended_at: DateTime<FixedOffset>,
    /// How it ended.
    pub outcome: Outcome,
    /// Every planned step-side, in order.
    pub steps: Vec<StepRecord>,
}

impl SessionRecord {
    /// Step-sides held to the end, over those planned: what streaks count.
    pub fn completion(&self) -> f64 {
        let done = self
            .steps
            .iter()
            .filter(|s| s.status == Status::Completed)
            .count();
        done as f64 / self.steps.len().max(1) as f64
    }
}

/// A morning diary line: how bad the night's cramps were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrampRecord {
    /// Unique id.
    pub id: String,
    /// The night it is about.
    pub night: chrono::NaiveDate,
    /// 0 (none) to 10.
    pub severity: u8,
    /// Which foot, if said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// When it was noted.
    pub logged_at: DateTime<FixedOffset>,
}

/// A session id in the documented shape, e.g. `20261123T224105.123+0100-3fa9`.
pub fn session_id(started_at: DateTime<FixedOffset>, random: u16) -> String {
    format!("{}-{random:04x}", started_at.format("%Y%m%dT%H%M%S%.3f%z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_serializes_to_the_documented_line() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("valid time");
        let record = SessionRecord {
            v: FORMAT_VERSION,
            kind: SessionKind::Session,
            id: session_id(at("2026-11-23T22:41:05.123+01:00"), 0x3fa9),
            routine: "bedtime-feet".into(),
            routine_name: "Bedtime feet".into(),
            started_at: at("2026-11-23T22:41:05+01:00"),
            ended_at: at("2026-11-23T22:52:40+01:00"),
            outcome: Outcome::Completed,
            steps: vec![StepRecord {
                name: "Wall calf stretch".into(),
                side: Some("left".into()),
                planned_secs: 30,
                done_secs: 30,
                status: Status::Completed,
            }],
        };
        let line = serde_json::to_string(&record).expect("serializes");
        assert_eq!(
            line,
            r#"{"v":1,"kind":"session","id":"20261123T224105.123+0100-3fa9","routine":"bedtime-feet","routine_name":"Bedtime feet","started_at":"2026-11-23T22:41:05+01:00","ended_at":"2026-11-23T22:52:40+01:00","outcome":"completed","steps":[{"name":"Wall calf stretch","side":"left","planned_secs":30,"done_secs":30,"status":"completed"}]}"#
        );
        let back: SessionRecord = serde_json::from_str(&line).expect("parses");
        assert_eq!(back, record);
    }
}
