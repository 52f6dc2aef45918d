//! What a session leaves behind: one JSON line in the history, in the format DESIGN.md fixes,
//! and the one way every reader turns such a line back into a record ([`parse_line`]).
//!
//! History files are synced from other machines and other versions, so a reader keeps what it
//! can: a session line needs only `kind`, `id` and a `started_at` that can be placed on a
//! night; every other field may be missing, and an `outcome` or `status` this version does not
//! know is kept as written ([`Recorded::Unknown`]). A line that fails is skipped with a reason,
//! the same reason whichever command reads it.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveTime};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::calendar::try_night_of;

use super::pause::PauseRecord;
use super::program::ProgramRecord;
use super::stats::{Hurt, SessionFacts};

pub use super::history_words::{Outcome, Recorded, Status, Word};
pub use super::record::{FORMAT_VERSION, LineFault, session_id};

use super::record::format_version;

/// The marker that makes a line a session line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// The only value: `"kind":"session"`.
    Session,
}

/// Only the string `"session"`, as the line's kind is read (a derived enum would also take
/// `{"session":null}`), so that a line read whole as a session is one `parse_line` would
/// have sorted as a session by its kind alone.
impl<'de> Deserialize<'de> for SessionKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl Visitor<'_> for KindVisitor {
            type Value = SessionKind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the string \"session\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SessionKind, E> {
                match v {
                    "session" => Ok(SessionKind::Session),
                    other => Err(E::unknown_variant(other, &["session"])),
                }
            }
        }
        deserializer.deserialize_str(KindVisitor)
    }
}

/// One planned step-side and what was done of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The step's name.
    #[serde(default)]
    pub name: String,
    /// The side label, or absent for a step without sides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// The hold that was planned, in seconds.
    #[serde(default)]
    pub planned_secs: u64,
    /// The time actually held, in whole seconds; never more than planned.
    #[serde(default)]
    pub done_secs: u64,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Recorded::is_missing")]
    pub status: Recorded<Status>,
}

/// One session, as appended to the history when it ends. Only `kind`, `id` and `started_at`
/// are required to read one back; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Format version, 1 (and read as 1 when absent).
    #[serde(default = "format_version")]
    pub v: u32,
    /// Always `session`.
    pub kind: SessionKind,
    /// Unique id: start time with milliseconds and offset, and a random suffix.
    pub id: String,
    /// The routine's id.
    #[serde(default)]
    pub routine: String,
    /// The routine's name when it ran.
    #[serde(default)]
    pub routine_name: String,
    /// When it started, in the local offset of the moment.
    pub started_at: DateTime<FixedOffset>,
    /// When it ended (for a recovered session: the last time progress was saved); every
    /// session this version writes has one, but a line without one is still a session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Recorded::is_missing")]
    pub outcome: Recorded<Outcome>,
    /// Every planned step-side, in order.
    #[serde(default)]
    pub steps: Vec<StepRecord>,
    /// False for a session of a `counts = false` routine: written only then, and such a
    /// session never keeps a night.
    #[serde(default = "counts_by_default", skip_serializing_if = "is_true")]
    pub counts: bool,
}

/// A session counts toward its night unless its line says `"counts":false`.
pub fn counts_by_default() -> bool {
    true
}

fn is_true(flag: &bool) -> bool {
    *flag
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

impl From<SessionRecord> for SessionFacts {
    fn from(record: SessionRecord) -> Self {
        let steps = record.steps.iter().map(|s| StepView {
            name: &s.name,
            side: s.side.as_deref(),
            status: &s.status,
        });
        let (completed, planned, skipped, hurt) = step_facts(steps);
        SessionFacts {
            hurt,
            completed,
            planned,
            skipped,
            id: record.id,
            routine_name: record.routine_name,
            started_at: record.started_at,
            counts: record.counts,
        }
    }
}

/// What stats need of one step-side, borrowed from however the line was read.
#[derive(Clone, Copy)]
pub(super) struct StepView<'a> {
    pub name: &'a str,
    pub side: Option<&'a str>,
    pub status: &'a Recorded<Status>,
}

/// Step-sides completed and planned, the names of those skipped, and where "this hurts" was
/// pressed: the one count behind every way a session's facts are read.
pub(super) fn step_facts<'a>(
    steps: impl Iterator<Item = StepView<'a>>,
) -> (u32, u32, Vec<String>, Vec<Hurt>) {
    let (mut completed, mut planned) = (0u32, 0u32);
    let mut skipped = Vec::new();
    let mut hurt = Vec::new();
    // The key marks the side it was pressed on and every later side of that step `hurt` too
    // (with nothing held), so only the first `hurt` side of a run of one step says where it
    // hurt.
    let mut previous: Option<(&str, bool)> = None;
    for step in steps {
        planned = planned.saturating_add(1);
        let is_hurt = *step.status == Status::Hurt;
        if *step.status == Status::Completed {
            completed = completed.saturating_add(1);
        } else if *step.status == Status::Skipped {
            skipped.push(step.name.to_string());
        } else if is_hurt && previous != Some((step.name, true)) {
            hurt.push(Hurt {
                step: step.name.to_string(),
                side: step.side.map(str::to_string),
            });
        }
        previous = Some((step.name, is_hurt));
    }
    (completed, planned, skipped, hurt)
}

/// The marker that makes a line a diary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrampKind {
    /// The only value: `"kind":"cramp"`.
    #[default]
    Cramp,
}

/// A morning diary line: how bad the night's cramps were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrampRecord {
    /// Format version, 1 (and read as 1 when absent).
    #[serde(default = "format_version")]
    pub v: u32,
    /// Always `cramp`.
    #[serde(default)]
    pub kind: CrampKind,
    /// Unique id.
    pub id: String,
    /// The night it is about.
    pub night: chrono::NaiveDate,
    /// 0 (none) to 10.
    pub severity: u8,
    /// Which foot, if said: `left`, `right` or `both`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// When it was noted.
    pub logged_at: DateTime<FixedOffset>,
    /// How many cramps that night, if said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// A few words of the person's own, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How long the longest cramp lasted, in minutes, if said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

/// The highest severity a diary line may say; a line that says more is skipped.
pub const MAX_SEVERITY: u8 = 10;

/// What a person says about a night, before it becomes a diary line; from the `cramp`
/// command or from home's morning question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrampNote {
    /// The night it is about.
    pub night: chrono::NaiveDate,
    /// 0 (none) to 10.
    pub severity: u8,
    /// `left`, `right` or `both`, if said.
    pub side: Option<String>,
    /// How many cramps, if said.
    pub count: Option<u32>,
    /// A few words, if any.
    pub note: Option<String>,
    /// How long the longest cramp lasted, in minutes, if said.
    pub minutes: Option<u32>,
}

impl CrampNote {
    /// The diary line for it, noted at `logged_at`. A night with a cramp and no count had one;
    /// a night without cramps has no count, and an empty note is no note.
    pub fn record(self, logged_at: DateTime<FixedOffset>, random: u16) -> CrampRecord {
        let count = match self.severity {
            0 => None,
            _ => Some(self.count.unwrap_or(1)),
        };
        CrampRecord {
            v: FORMAT_VERSION,
            kind: CrampKind::Cramp,
            id: session_id(logged_at, random),
            night: self.night,
            severity: self.severity,
            side: self.side,
            logged_at,
            count,
            note: self.note.filter(|n| !n.is_empty()),
            minutes: self.minutes.filter(|_| self.severity > 0),
        }
    }
}

/// The diary as it stands: for each night only its latest entry (by `logged_at`, then id),
/// whichever device wrote it, nights in order. Nothing is rewritten: a later entry for a night
/// supersedes the earlier ones when read.
pub fn latest_per_night(cramps: impl IntoIterator<Item = CrampRecord>) -> Vec<CrampRecord> {
    let mut nights: std::collections::BTreeMap<chrono::NaiveDate, CrampRecord> =
        std::collections::BTreeMap::new();
    for cramp in cramps {
        match nights.get(&cramp.night) {
            Some(kept) if (kept.logged_at, &kept.id) >= (cramp.logged_at, &cramp.id) => {}
            _ => {
                nights.insert(cramp.night, cramp);
            }
        }
    }
    nights.into_values().collect()
}

/// What one line of a history file is, as every reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryLine {
    /// Empty, or only white space: not worth a word.
    Blank,
    /// A session that can be placed on a night.
    Session(SessionRecord),
    /// A morning diary entry.
    Cramp(CrampRecord),
    /// A personal trial started, or stopped.
    Program(ProgramRecord),
    /// Nights paused, or a pause undone.
    Pause(PauseRecord),
    /// A kind this version does not know: someone else's, skipped without a warning.
    OtherKind,
    /// Not a record this version can read; skipped with a warning.
    Bad(LineFault),
}

#[derive(Deserialize)]
struct KindOnly<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
}

/// True when `at` can be placed on a night whatever the rollover: the latest rollover asks
/// the most of the calendar. Readers do not know the rules, and every reader must keep the
/// same sessions, so the test does not depend on them.
pub(super) fn placeable(at: DateTime<FixedOffset>) -> bool {
    let latest = NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).unwrap_or(NaiveTime::MIN);
    try_night_of(at, latest).is_some()
}

/// Reads one line of a history file: the one parser behind `history`, `stats`, the home
/// screen, the summary cache and recovery, so that all of them keep and skip the same lines.
pub fn parse_line(line: &str) -> HistoryLine {
    if line.trim().is_empty() {
        return HistoryLine::Blank;
    }
    // Nearly every line is a good session: read it whole at once, instead of once for its
    // kind and again for the record (a third of a cold read's parsing). An object that reads
    // as a session has a kind that is the string "session", so the path below would say the
    // same; anything else takes that path, with its messages.
    if line.trim_start().starts_with('{')
        && let Ok(record) = parse_session(line)
    {
        return HistoryLine::Session(record);
    }
    let kind = match serde_json::from_str::<KindOnly>(line) {
        Ok(k) => k.kind,
        Err(e) => return HistoryLine::Bad(e.into()),
    };
    match kind.as_ref() {
        "session" => match parse_session(line) {
            Ok(record) => HistoryLine::Session(record),
            Err(fault) => HistoryLine::Bad(fault),
        },
        "cramp" => match serde_json::from_str::<CrampRecord>(line) {
            Ok(cramp) if cramp.severity > MAX_SEVERITY => HistoryLine::Bad(LineFault {
                column: 1,
                why: format!(
                    "severity must be 0 to {MAX_SEVERITY}, got {}",
                    cramp.severity
                ),
            }),
            Ok(cramp) => HistoryLine::Cramp(cramp),
            Err(e) => HistoryLine::Bad(e.into()),
        },
        "program" => match ProgramRecord::parse(line) {
            Ok(program) => HistoryLine::Program(program),
            Err(fault) => HistoryLine::Bad(fault),
        },
        "pause" => match PauseRecord::parse(line) {
            Ok(pause) => HistoryLine::Pause(pause),
            Err(fault) => HistoryLine::Bad(fault),
        },
        _ => HistoryLine::OtherKind,
    }
}

/// Reads a session line (or `current.json`, which holds one), refusing a start that cannot be
/// placed on a night, and a session or step longer than a night.
pub fn parse_session(text: &str) -> Result<SessionRecord, LineFault> {
    let record: SessionRecord = serde_json::from_str(text)?;
    if !placeable(record.started_at) {
        return Err(LineFault {
            column: 1,
            why: format!(
                "its start, {}, cannot be placed on a night",
                record.started_at.to_rfc3339()
            ),
        });
    }
    let secs = record.steps.iter().map(|s| (s.planned_secs, s.done_secs));
    if let Some(why) = longer_than_a_night(record.started_at, record.ended_at, secs) {
        return Err(LineFault { column: 1, why });
    }
    Ok(record)
}

/// The longest a session or one of its steps can honestly last: a night. A line that says
/// more (a step held 2^64-1 seconds) is a stranger's or a broken one, and every reader skips
/// it alike rather than show or add up an absurd time.
pub const MAX_NIGHT_SECS: u64 = 24 * 60 * 60;

/// Why a session (its start, its end, and each step's planned and held seconds) is longer than
/// a night, or `None` when it is not. Shared by both session parsers, so they keep the same
/// lines.
pub(super) fn longer_than_a_night(
    started_at: DateTime<FixedOffset>,
    ended_at: Option<DateTime<FixedOffset>>,
    steps: impl IntoIterator<Item = (u64, u64)>,
) -> Option<String> {
    for (n, (planned, done)) in steps.into_iter().enumerate() {
        let longest = planned.max(done);
        if longest > MAX_NIGHT_SECS {
            return Some(format!(
                "step {} says {longest} s, longer than a night ({MAX_NIGHT_SECS} s)",
                n + 1
            ));
        }
    }
    let ran = ended_at.map(|end| end.signed_duration_since(started_at));
    if ran.is_some_and(|ran| ran.num_seconds() > MAX_NIGHT_SECS as i64) {
        return Some(format!(
            "it ends {}, longer than a night after it starts",
            ended_at.map(|e| e.to_rfc3339()).unwrap_or_default()
        ));
    }
    None
}

/// How far after "now" a record may be dated and still be read: a day, for a device whose
/// clock runs fast or a zone far ahead. Beyond that, a record (say, of year 9999) is skipped
/// by every command alike, each as of its own now (`--as-of`).
pub fn latest_believable(now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    now.checked_add_signed(chrono::TimeDelta::days(1))
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
