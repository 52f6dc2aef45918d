//! Nights as calendar dates: which night a moment belongs to, under the rules that decide
//! which nights count. Pure: "now" is an argument, and days are stepped as calendar dates,
//! never as 86,400 seconds.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Weekday};

use super::pause::{PauseRecord, Paused};

/// The rules that decide which nights count.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// When one night ends and the next begins (default 04:00).
    pub day_starts_at: NaiveTime,
    /// Share of step-sides held to the end for a session to count (default 0.8).
    pub min_completion: f64,
    /// Days that neither break nor extend a streak.
    pub rest_days: Vec<Weekday>,
    /// Nights paused by the history's `pause` lines, which like rest days neither break nor
    /// extend a streak. Empty in the config's rules; a command adds the history's.
    pub paused: Paused,
}

impl Rules {
    /// These rules, with the nights that the pause lines `pauses` pause.
    pub fn paused_by(mut self, pauses: &[PauseRecord]) -> Self {
        self.paused = Paused::of(pauses);
        self
    }
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            day_starts_at: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or(NaiveTime::MIN),
            min_completion: 0.8,
            rest_days: Vec::new(),
            paused: Paused::default(),
        }
    }
}

/// The night a moment belongs to: its own local date, less the rollover, so that 00:30 on
/// Tuesday is Monday night. At the very edge of the calendar, where there is no earlier day
/// to step back to, the moment's own date is taken; [`try_night_of`] says when that happens.
pub fn night_of(at: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> NaiveDate {
    try_night_of(at, day_starts_at).unwrap_or_else(|| at.naive_local().date())
}

/// The night "last night" means at `now`, for the morning diary: before the rollover it is
/// the night still running, after it the night that has just ended. Either way it is the
/// calendar day before today, so at 02:00 and at 07:00 on the 24th it is the night of the 23rd.
pub fn last_night(now: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> NaiveDate {
    let running = night_of(now, day_starts_at);
    if running < now.date_naive() {
        running
    } else {
        running.pred_opt().unwrap_or(running)
    }
}

/// [`night_of`], or `None` for a moment so near the calendar's edge that its night cannot be
/// placed (a history line from a stranger can say anything).
pub fn try_night_of(at: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> Option<NaiveDate> {
    let since_midnight = day_starts_at - NaiveTime::MIN;
    at.naive_utc()
        .checked_add_offset(*at.offset())?
        .checked_sub_signed(since_midnight)
        .map(|local| local.date())
}

/// Every day of the week, Monday first.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The calendar date `days` before `night`; the calendar's first day at its far end.
pub(super) fn back(night: NaiveDate, days: u64) -> NaiveDate {
    night
        .checked_sub_days(chrono::Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}
