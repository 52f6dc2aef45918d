//! The morning question on home: "Any cramps last night?", asked once, from the rollover until
//! `morning_ends_at`, when last night has no diary entry and was not skipped. One key answers
//! it (0 none, 1-9 how bad, `t` for 10: one key each, so no key waits for another). After a
//! cramp, one key says how many (1, 2, 3, or 4 for 4 or more; Enter leaves it unsaid), then one
//! says which foot. Each answer is written as it is given, as a later entry for the same night
//! that supersedes the one before when read (nothing is rewritten), so nothing is lost when the
//! person walks away halfway. A run of a routine that does not count (cramp relief) during the
//! night asks about it even before the rollover, and says so: "You ran Cramp relief at 02:40:
//! how bad was it?", with the count of runs filled in until the person says another.
//!
//! During a personal trial's baseline the question says why it matters: the diary is all the
//! baseline has.
//!
//! Pure: the history arrives as [`Known`], time as an argument.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::core::calendar::{Rules, last_night, try_night_of};
use crate::core::history::CrampNote;
use crate::core::program::{Phase, Program};

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
    /// A cramp was noted with this severity; how many?
    Count {
        /// The severity already noted.
        severity: u8,
    },
    /// A cramp was noted with this severity, and maybe a count; which foot?
    Side {
        /// The severity already noted.
        severity: u8,
        /// The count the person gave, if they gave one.
        count: Option<u32>,
    },
}

/// The most cramps the question's one key says: `4` stands for 4 or more.
pub const MOST_COUNTED: u32 = 4;

/// Why the question matters during a trial's baseline, longest wording first.
pub const BASELINE_WHY: [&str; 2] = [
    "Your trial's baseline: every morning counts.",
    "Baseline: every morning counts.",
];

/// One key's answer to the question, as home passes it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// 0 none, 1-10 how bad.
    Severity(u8),
    /// How many cramps; `None` leaves the count unsaid.
    Count(Option<u32>),
    /// Which foot.
    Foot(Foot),
    /// Say nothing about the night, and do not ask again.
    SkipNight,
    /// Put the question away.
    Later,
    /// A key that is no answer at this stage: it does what it does on home.
    Other,
}

/// What a reply did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replied {
    /// What to write, if anything.
    pub effect: Option<DiaryEffect>,
    /// A line for the status bar, if the question closed with something to say.
    pub status: Option<String>,
    /// True when the question is over.
    pub closed: bool,
    /// False when the key was no answer and goes on to home.
    pub taken: bool,
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
    /// True when the night is in a personal trial's baseline.
    pub baseline: bool,
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
        let baseline = Program::latest(&known.programs, rules.day_starts_at)
            .is_some_and(|p| matches!(p.phase(night), Phase::Baseline { .. }));
        (morning || small_hours).then_some(Self {
            night,
            relief,
            stage: Stage::Ask,
            baseline,
        })
    }

    /// The question, in words.
    pub fn question(&self) -> String {
        match (&self.relief, self.stage) {
            (_, Stage::Count { severity }) => {
                format!("Noted {severity} of 10. How many cramps?")
            }
            (_, Stage::Side { severity, count }) => match count {
                Some(count) => format!("Noted {severity} of 10, {}. Which foot?", cramps(count)),
                None => format!("Noted {severity} of 10. Which foot?"),
            },
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
            Stage::Count { .. } => "1 · 2 · 3 · 4 or more · Enter skip",
            Stage::Side { .. } => "l left · r right · b both",
        }
    }

    /// Why the question matters, while it is first asked about a night of a trial's
    /// baseline: [`BASELINE_WHY`], longest first.
    pub fn why(&self) -> &'static [&'static str] {
        match self.stage {
            Stage::Ask if self.baseline => &BASELINE_WHY,
            _ => &[],
        }
    }

    /// The note for `severity`, the count if the person gave one and the foot if they said
    /// it. An unsaid count is the number of relief runs that night, when there were any and a
    /// cramp.
    pub fn note(&self, severity: u8, count: Option<u32>, foot: Option<Foot>) -> CrampNote {
        let runs = self.relief.as_ref().map(|r| r.runs);
        CrampNote {
            night: self.night,
            severity,
            side: foot.map(|f| f.as_str().to_string()),
            count: count.or(runs).filter(|_| severity > 0),
            note: None,
            minutes: None,
        }
    }

    /// What was noted, for the status line: "Noted for Sun 22 Nov: 6 of 10, 2 cramps, left
    /// foot."
    pub fn noted(&self, severity: u8, count: Option<u32>, foot: Option<Foot>) -> String {
        let mut said = match severity {
            0 => "no cramps".to_string(),
            n => format!("{n} of 10"),
        };
        if let Some(count) = self.note(severity, count, None).count {
            said.push_str(&format!(", {}", cramps(count)));
        }
        match foot {
            Some(Foot::Both) => said.push_str(", both feet"),
            Some(foot) => said.push_str(&format!(", {} foot", foot.as_str())),
            None => {}
        }
        format!("Noted for {}: {said}.", self.night.format("%a %-d %b"))
    }

    /// Takes one key's answer: each answer is written as it is given, and the question moves
    /// on to the next or closes. A key that is no answer closes it once a cramp was noted
    /// (what was said stays said) and goes on to home.
    pub fn reply(&mut self, reply: Reply) -> Replied {
        let night = self.night;
        let (note, next) = match (self.stage, reply) {
            // The diary's scale ends at 10; nothing above it is ever noted.
            (Stage::Ask, Reply::Severity(11..)) => (None, Some(Stage::Ask)),
            (Stage::Ask, Reply::Severity(0)) => (Some(self.note(0, None, None)), None),
            (Stage::Ask, Reply::Severity(severity)) => (
                Some(self.note(severity, None, None)),
                Some(Stage::Count { severity }),
            ),
            (Stage::Ask, Reply::SkipNight) => {
                let status = format!(
                    "Skipped {}. `bedstretch cramp` can still note it.",
                    night.format("%a %-d %b")
                );
                return Replied::closed(Some(DiaryEffect::Skip(night)), Some(status));
            }
            (Stage::Count { severity }, Reply::Count(said)) => {
                let count = said.map(|n| n.clamp(1, MOST_COUNTED));
                // An unsaid count writes nothing new: the severity's line stands.
                let note = count.map(|_| self.note(severity, count, None));
                (note, Some(Stage::Side { severity, count }))
            }
            (Stage::Side { severity, count }, Reply::Foot(foot)) => {
                let note = self.note(severity, count, Some(foot));
                let status = self.noted(severity, count, Some(foot));
                return Replied::closed(Some(DiaryEffect::Note(note)), Some(status));
            }
            (_, Reply::Later) => return Replied::closed(None, self.said()),
            (Stage::Ask, _) => return Replied::passed(false, None),
            (_, _) => return Replied::passed(true, self.said()),
        };
        let status = match next {
            // Only "no cramps" closes here; every other close returned above.
            None => Some(self.noted(0, None, None)),
            Some(stage) => {
                self.stage = stage;
                None
            }
        };
        Replied {
            effect: note.map(DiaryEffect::Note),
            status,
            closed: next.is_none(),
            taken: true,
        }
    }

    /// What was said so far, for the status line, once a cramp was noted.
    fn said(&self) -> Option<String> {
        match self.stage {
            Stage::Ask => None,
            Stage::Count { severity } => Some(self.noted(severity, None, None)),
            Stage::Side { severity, count } => Some(self.noted(severity, count, None)),
        }
    }
}

impl Replied {
    /// The question is over, having written `effect`.
    fn closed(effect: Option<DiaryEffect>, status: Option<String>) -> Self {
        Self {
            effect,
            status,
            closed: true,
            taken: true,
        }
    }

    /// A key that was no answer: it goes on to home, closing the question when `closed`.
    fn passed(closed: bool, status: Option<String>) -> Self {
        Self {
            effect: None,
            status,
            closed,
            taken: false,
        }
    }
}

/// "1 cramp", "2 cramps", "4 or more cramps".
fn cramps(count: u32) -> String {
    match count {
        1 => "1 cramp".to_string(),
        n if n >= MOST_COUNTED => format!("{MOST_COUNTED} or more cramps"),
        n => format!("{n} cramps"),
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
