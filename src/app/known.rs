//! What the screens know of the history once it is read: the sessions, the diary and the
//! personal trial. Home
//! holds it; the morning question and the cramp comparison read it.

use chrono::NaiveDate;

use crate::core::history::CrampRecord;
use crate::core::pause::PauseRecord;
use crate::core::program::ProgramRecord;
use crate::core::stats::SessionFacts;

/// What home knows of the history once read: every session's facts and the diary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Known {
    /// Sessions, each once, oldest first.
    pub sessions: Vec<SessionFacts>,
    /// The diary: each night's latest entry, nights in order.
    pub cramps: Vec<CrampRecord>,
    /// Every program line; the latest written is the personal trial that stands.
    pub programs: Vec<ProgramRecord>,
    /// Every pause line; the pauses that stand bridge the streak.
    pub pauses: Vec<PauseRecord>,
    /// The last night the person chose to say nothing about, on this device.
    pub skipped_night: Option<NaiveDate>,
}

impl From<Vec<SessionFacts>> for Known {
    /// A history of sessions and no diary.
    fn from(sessions: Vec<SessionFacts>) -> Self {
        Self {
            sessions,
            ..Self::default()
        }
    }
}
