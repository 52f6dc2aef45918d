//! `bedstretch remind`: whether to notify now, and in what words. Pure: tonight, the settings,
//! the last notification sent and "now" arrive as arguments; the command reads them and
//! sends what this decides.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::stats::nights;
use super::status::past_remind_at;

/// Tonight as the reminder needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tonight {
    /// Tonight's date.
    pub night: NaiveDate,
    /// Whether a session already kept it.
    pub kept: bool,
    /// Whether it is one of the rest days.
    pub rest_day: bool,
    /// Whether a pause covers it: a night away is no night to be reminded of.
    pub paused: bool,
    /// The current streak, which an unkept night puts at stake.
    pub streak: u32,
    /// Whether a session is running right now: a reminder would interrupt it.
    pub in_session: bool,
}

/// The last notification this device sent, kept in its data folder so that a repeat replaces
/// it rather than stacking, and so that it is not sent again too soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// The night it was about.
    pub night: NaiveDate,
    /// When it was sent.
    pub at: DateTime<FixedOffset>,
    /// The id the notification service gave it.
    pub id: u32,
}

/// Why the reminder stays quiet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quiet {
    /// `remind_at` is not set.
    Off,
    /// Tonight is kept.
    Kept,
    /// Tonight is a rest day.
    RestDay,
    /// Tonight is paused.
    Paused,
    /// A session is running right now.
    InSession,
    /// It is not yet `remind_at`.
    Early(NaiveTime),
    /// It was sent tonight, and `remind_again` is "0".
    SentOnce,
    /// It was sent tonight, and comes again at this moment.
    Again(DateTime<FixedOffset>),
}

impl Quiet {
    /// The reason in the words `remind --dry-run` prints after "quiet: ".
    pub fn words(&self) -> String {
        match self {
            Quiet::Off => "remind_at is not set (bedstretch config --help)".into(),
            Quiet::Kept => "tonight is kept".into(),
            Quiet::RestDay => "tonight is a rest day".into(),
            Quiet::Paused => "tonight is paused (bedstretch pause --list)".into(),
            Quiet::InSession => "a session is running now".into(),
            Quiet::Early(at) => format!("it is not {} yet", at.format("%H:%M")),
            Quiet::SentOnce => "sent once tonight, and remind_again is \"0\"".into(),
            Quiet::Again(at) => format!("sent tonight; again from {}", at.format("%H:%M")),
        }
    }
}

/// Whether to notify at `now`: past `remind_at`, tonight not kept, not a rest day and not
/// paused, and not sent tonight less than `again_secs` ago (0: sent once is enough). The night
/// ends at the rollover, after which "tonight" is the next night and the answer starts over.
pub fn decide(
    tonight: &Tonight,
    remind_at: Option<NaiveTime>,
    again_secs: u64,
    day_starts_at: NaiveTime,
    now: DateTime<FixedOffset>,
    last: Option<&Sent>,
) -> Result<(), Quiet> {
    let Some(at) = remind_at else {
        return Err(Quiet::Off);
    };
    if tonight.kept {
        return Err(Quiet::Kept);
    }
    if tonight.rest_day {
        return Err(Quiet::RestDay);
    }
    if tonight.paused {
        return Err(Quiet::Paused);
    }
    if tonight.in_session {
        return Err(Quiet::InSession);
    }
    if !past_remind_at(remind_at, day_starts_at, now) {
        return Err(Quiet::Early(at));
    }
    match last.filter(|sent| sent.night == tonight.night) {
        None => Ok(()),
        Some(_) if again_secs == 0 => Err(Quiet::SentOnce),
        Some(sent) => {
            // A time at the calendar's edge (a garbled file) is no time: send again.
            let Some(again) = sent
                .at
                .checked_add_signed(TimeDelta::seconds(again_secs.min(i64::MAX as u64) as i64))
            else {
                return Ok(());
            };
            // A little early is on time: the timer that runs this wakes every few minutes.
            let soon = now
                .checked_add_signed(TimeDelta::seconds(60))
                .unwrap_or(now);
            if soon >= again {
                Ok(())
            } else {
                Err(Quiet::Again(again))
            }
        }
    }
}

/// The notification: "Time to stretch", and "Bedtime feet · 10 min · keep your 12 nights".
pub fn message(routine_name: &str, minutes: u64, streak: u32) -> (String, String) {
    let stake = match streak {
        0 => "start a streak tonight".to_string(),
        n => format!("keep your {}", nights(n)),
    };
    (
        "Time to stretch".to_string(),
        format!("{routine_name} · {minutes} min · {stake}"),
    )
}

#[cfg(test)]
#[path = "remind_tests.rs"]
mod tests;
