//! `bedstretch status`: tonight in one line, for shell prompts and status bars. Pure: the
//! streaks, the reminder time and "now" arrive as arguments.

use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta};
use serde::Serialize;

use super::streaks::Streaks;

/// The mark a kept night shows in a prompt.
pub const FOOT: &str = "🦶";

/// Tonight as a prompt shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Tonight's date.
    pub tonight: chrono::NaiveDate,
    /// Whether tonight is kept.
    pub tonight_kept: bool,
    /// The current streak.
    pub current_streak: u32,
    /// The longest streak.
    pub longest_streak: u32,
    /// True when `remind_at` has passed on a night not yet kept.
    pub time_to_stretch: bool,
    /// For a prompt: "🦶 12", "stretch tonight · 12" or "time to stretch · 12".
    pub short: String,
    /// For a status bar: "Tonight is kept · streak 12 nights".
    pub long: String,
}

/// True when `now` is past `remind_at` in tonight's night (which runs until the rollover,
/// so a reminder at 22:30 holds from 22:30 until 04:00); never when there is no `remind_at`.
pub fn past_remind_at(
    remind_at: Option<NaiveTime>,
    day_starts_at: NaiveTime,
    now: DateTime<FixedOffset>,
) -> bool {
    let into_night = |time: NaiveTime| -> TimeDelta {
        let since = time - day_starts_at;
        if since < TimeDelta::zero() {
            since + TimeDelta::days(1)
        } else {
            since
        }
    };
    remind_at.is_some_and(|remind| into_night(now.time()) >= into_night(remind))
}

/// Tonight's status at `now`. `remind_at` is a time of the night: with the rollover at 04:00,
/// a reminder at 22:30 is due from 22:30 until 04:00, 00:30 included.
pub fn status(
    streaks: &Streaks,
    remind_at: Option<NaiveTime>,
    day_starts_at: NaiveTime,
    now: DateTime<FixedOffset>,
) -> Status {
    let time_to_stretch = !streaks.tonight_kept && past_remind_at(remind_at, day_starts_at, now);
    let streak = streaks.current_streak;
    let nights = super::stats::nights(streak);
    let (short, long) = match (streaks.tonight_kept, time_to_stretch) {
        (true, _) => (
            format!("{FOOT} {streak}"),
            format!("Tonight is kept · streak {nights}"),
        ),
        (false, true) => (
            format!("time to stretch · {streak}"),
            format!("Time to stretch: tonight is not kept yet · streak {nights}"),
        ),
        (false, false) => (
            format!("stretch tonight · {streak}"),
            format!("Not yet tonight · streak {nights}"),
        ),
    };
    Status {
        tonight: streaks.tonight,
        tonight_kept: streaks.tonight_kept,
        current_streak: streak,
        longest_streak: streaks.longest_streak,
        time_to_stretch,
        short,
        long,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::calendar::Rules;
    use crate::core::stats::{SessionFacts, Stats};

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("time")
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    fn kept(started: &str) -> SessionFacts {
        SessionFacts {
            id: started.into(),
            routine_name: "Quick".into(),
            started_at: at(started),
            completed: 5,
            planned: 5,
            skipped: Vec::new(),
            hurt: Vec::new(),
            counts: true,
        }
    }

    fn status_at(sessions: &[SessionFacts], remind: Option<NaiveTime>, now: &str) -> Status {
        let rules = Rules::default();
        let stats = Stats::compute(sessions, &rules, at(now));
        status(&stats.streaks(), remind, rules.day_starts_at, at(now))
    }

    #[test]
    fn kept_not_yet_and_time_to_stretch() {
        let two = [
            kept("2026-11-22T22:00:00+01:00"),
            kept("2026-11-23T22:00:00+01:00"),
        ];
        let s = status_at(&two, Some(time(22, 30)), "2026-11-23T23:00:00+01:00");
        assert_eq!((s.short.as_str(), s.tonight_kept), ("🦶 2", true));
        assert_eq!(s.long, "Tonight is kept · streak 2 nights");

        let one = &two[..1];
        let s = status_at(one, Some(time(22, 30)), "2026-11-23T21:00:00+01:00");
        assert_eq!(s.short, "stretch tonight · 1");
        assert_eq!(s.long, "Not yet tonight · streak 1 night");
        assert!(!s.time_to_stretch);

        for late in ["2026-11-23T22:30:00+01:00", "2026-11-24T00:30:00+01:00"] {
            let s = status_at(one, Some(time(22, 30)), late);
            assert!(s.time_to_stretch, "{late}");
            assert_eq!(s.short, "time to stretch · 1");
        }
        let s = status_at(one, None, "2026-11-24T00:30:00+01:00");
        assert!(!s.time_to_stretch, "no reminder without remind_at");
    }

    #[test]
    fn a_reminder_before_the_rollover_is_due_only_in_the_small_hours() {
        let s = status_at(&[], Some(time(1, 0)), "2026-11-23T23:00:00+01:00");
        assert!(!s.time_to_stretch);
        let s = status_at(&[], Some(time(1, 0)), "2026-11-24T01:30:00+01:00");
        assert!(s.time_to_stretch);
        assert_eq!(s.short, "time to stretch · 0");
    }
}
