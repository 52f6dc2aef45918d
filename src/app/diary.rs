//! The morning question on home: "Any cramps last night?", asked once, from the rollover until
//! `morning_ends_at`, when last night has no diary entry and was not skipped. One key answers
//! it (0 none, 1-9 how bad, `t` for 10: one key each, so no key waits for another); after a cramp a second key may say which foot, and that answer is
//! a later entry for the same night, which supersedes the first when read (nothing is
//! rewritten). A run of a routine that does not count (cramp relief) during the night asks
//! about it even before the rollover, and says so: "You ran Cramp relief at 02:40: how bad
//! was it?", with the count of runs filled in.
//!
//! Pure: the history arrives as [`Known`], time as an argument.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::core::calendar::{Rules, last_night, try_night_of};
use crate::core::history::CrampNote;

use super::known::Known;

/// A foot, as the second key says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foot {
    /// `l`
    Left,
    /// `r`
    Right,
    /// `b`
    Both,
}

impl Foot {
    /// The word the diary line uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Foot::Left => "left",
            Foot::Right => "right",
            Foot::Both => "both",
        }
    }
}

/// Runs of a routine that does not count (cramp relief) during the night asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relief {
    /// The routine's name, as the last run recorded it.
    pub name: String,
    /// When the last run started, on the clock of its own offset.
    pub at: NaiveTime,
    /// How many runs that night.
    pub runs: u32,
}

/// Where the question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for 0-9, `t` (10) or a skip.
    Ask,
    /// A cramp was noted with this severity; which foot?
    Side {
        /// The severity already noted.
        severity: u8,
    },
}

/// The question about one night.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MorningPrompt {
    /// The night asked about.
    pub night: NaiveDate,
    /// Cramp relief run that night, which the question mentions and the count comes from.
    pub relief: Option<Relief>,
    /// Where the question is.
    pub stage: Stage,
}

/// What an answer asks of the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiaryEffect {
    /// Note this in the diary.
    Note(CrampNote),
    /// Remember that the person chose not to say anything about this night.
    Skip(NaiveDate),
}

impl MorningPrompt {
    /// The question due at `now`, if one is: last night when it is morning (from the
    /// rollover until `morning_ends_at`), or the night still running when cramp relief was
    /// run in it. Never for a night that has a diary entry or was skipped.
    pub fn due(
        known: &Known,
        rules: &Rules,
        morning_ends_at: NaiveTime,
        now: DateTime<FixedOffset>,
    ) -> Option<Self> {
        let night = last_night(now, rules.day_starts_at);
        let answered = known.cramps.iter().any(|c| c.night == night);
        if answered || known.skipped_night == Some(night) {
            return None;
        }
        let relief = relief_in(known, rules, night);
        let time = now.time();
        let morning = rules.day_starts_at <= time && time < morning_ends_at;
        let small_hours = time < rules.day_starts_at && relief.is_some();
        (morning || small_hours).then_some(Self {
            night,
            relief,
            stage: Stage::Ask,
        })
    }

    /// The question, in words.
    pub fn question(&self) -> String {
        match (&self.relief, self.stage) {
            (_, Stage::Side { severity }) => {
                format!("Noted {severity} of 10. Which foot?")
            }
            (Some(relief), Stage::Ask) if relief.runs > 1 => format!(
                "You ran {} {} times, last at {}: how bad was it?",
                relief.name,
                relief.runs,
                relief.at.format("%H:%M")
            ),
            (Some(relief), Stage::Ask) => format!(
                "You ran {} at {}: how bad was it?",
                relief.name,
                relief.at.format("%H:%M")
            ),
            (None, Stage::Ask) => "Any cramps last night?".to_string(),
        }
    }

    /// The keys that answer it, in words.
    pub fn keys(&self) -> &'static str {
        match self.stage {
            Stage::Ask => "0 none · 1-9 how bad · t 10 · s skip",
            Stage::Side { .. } => "l left · r right · b both",
        }
    }

    /// The note for `severity` (and a foot, if said): the count is the number of relief
    /// runs that night, when there were any and a cramp.
    pub fn note(&self, severity: u8, foot: Option<Foot>) -> CrampNote {
        CrampNote {
            night: self.night,
            severity,
            side: foot.map(|f| f.as_str().to_string()),
            count: self
                .relief
                .as_ref()
                .map(|r| r.runs)
                .filter(|_| severity > 0),
            note: None,
            minutes: None,
        }
    }

    /// What was noted, for the status line: "Noted for Sun 22 Nov: 6 of 10, left foot."
    pub fn noted(&self, severity: u8, foot: Option<Foot>) -> String {
        let mut said = match severity {
            0 => "no cramps".to_string(),
            n => format!("{n} of 10"),
        };
        match foot {
            Some(Foot::Both) => said.push_str(", both feet"),
            Some(foot) => said.push_str(&format!(", {} foot", foot.as_str())),
            None => {}
        }
        format!("Noted for {}: {said}.", self.night.format("%a %-d %b"))
    }
}

/// Sessions of routines that do not count, on `night`.
fn relief_in(known: &Known, rules: &Rules, night: NaiveDate) -> Option<Relief> {
    let runs: Vec<_> = known
        .sessions
        .iter()
        .filter(|s| !s.counts && try_night_of(s.started_at, rules.day_starts_at) == Some(night))
        .collect();
    let last = runs.iter().max_by_key(|s| s.started_at)?;
    Some(Relief {
        name: last.routine_name.clone(),
        at: last.started_at.time(),
        runs: runs.len() as u32,
    })
}

#[cfg(test)]
#[path = "diary_tests.rs"]
mod tests;
