//! The cramp comparison: the nights that followed a kept routine against the other nights,
//! from the person's own diary. It is an association, not a trial, so the words say "rarer"
//! or "about as common", never "proves"; the interval comes from a bootstrap with a fixed seed,
//! so the same history always gives the same sentence.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::bootstrap::{SplitMix64, interval95};
use super::calendar::{Rules, try_night_of};
use super::history::CrampRecord;
use super::stats::SessionFacts;
use super::streaks::{Best, Nights, keep};

/// The window callers use unless the person chooses another: about three months.
pub const DEFAULT_WINDOW_NIGHTS: u32 = 90;
/// Nights each group needs before a comparison is worth saying.
pub const MIN_NIGHTS: u32 = 7;
/// Bootstrap resamples behind the interval.
pub const RESAMPLES: u32 = 2000;
/// The bootstrap's fixed seed: the same history must always give the same interval.
pub const SEED: u64 = 0x5EED_BED5_C4A1_0010;
/// The longest window looked at (about ten years), so a huge `window_nights` cannot hang.
pub const MAX_WINDOW_NIGHTS: u32 = 3660;

/// What the comparison found, in figures and in one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The first night of the window, if the calendar reaches back that far.
    pub first_night: Option<NaiveDate>,
    /// The last night of the window: last night, as seen from tonight.
    pub last_night: Option<NaiveDate>,
    /// Nights looked at, after the cap and the calendar's edge.
    pub window_nights: u32,
    /// Nights that followed a kept routine, with a diary entry.
    pub stretched: Group,
    /// The other nights with a diary entry.
    pub other: Group,
    /// Rest days in the window, left out whatever was done or noted on them.
    pub rest_nights: u32,
    /// Paused nights in the window (rest days aside), left out likewise: the person was away.
    pub paused_nights: u32,
    /// Nights in the window (rest days aside) with no diary entry, left out.
    pub nights_without_entry: u32,
    /// Nights in the window before the first session or diary entry of the history, left
    /// out: a diary not yet begun is not a diary entry missed, nor a rest day taken.
    pub nights_before_first_use: u32,
    /// The difference in the share with a cramp, when both groups have enough nights.
    pub difference: Option<Difference>,
    /// Which way the evidence points.
    pub verdict: Verdict,
    /// The comparison in one plain sentence.
    pub sentence: String,
    /// The steps stopped with "this hurts" from the window's first night to tonight, each
    /// side on its own, most often first.
    pub hurt_steps: Vec<HurtStep>,
}

/// How often one side of one step was stopped with "this hurts".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HurtStep {
    /// The step's name, as the session recorded it.
    pub step: String,
    /// The side it hurt on; `None` for a step without sides.
    pub side: Option<String>,
    /// Sessions it was stopped in.
    pub times: u32,
}

/// The figures for one group of nights.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Group {
    /// Nights in the group.
    pub nights: u32,
    /// All sides together.
    pub all: Figures,
    /// Entries that said the left foot.
    pub left: Figures,
    /// Entries that said the right foot.
    pub right: Figures,
    /// Entries that said both feet.
    pub both: Figures,
}

/// Cramp figures over a group's nights; the shares and means are `None` for an empty group.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Nights with a cramp (severity above 0).
    pub nights_with_cramp: u32,
    /// Nights with a cramp over all nights in the group, 0 to 1.
    pub share_with_cramp: Option<f64>,
    /// Mean severity over all nights in the group, 0 to 10.
    pub mean_severity: Option<f64>,
    /// Mean cramps a night over all nights in the group.
    pub mean_cramps: Option<f64>,
    #[serde(skip)]
    severity_sum: u64,
    #[serde(skip)]
    cramps_sum: u64,
}

/// The share of other nights with a cramp less the share of stretched nights with one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// Percentage points fewer on stretched nights (negative: more).
    pub points: f64,
    /// Lower end of the 95 % bootstrap interval, in the same points.
    pub low: f64,
    /// Upper end of the 95 % bootstrap interval, in the same points.
    pub high: f64,
    /// Resamples drawn.
    pub resamples: u32,
    /// The fixed seed they were drawn with.
    pub seed: u64,
}

/// Which way the evidence points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Fewer than [`MIN_NIGHTS`] in a group.
    NotEnough,
    /// The whole interval says fewer cramps on stretched nights.
    Rarer,
    /// The interval holds zero.
    AboutAsCommon,
    /// The whole interval says more cramps on stretched nights.
    MoreCommon,
}

/// Compares the `window_nights` nights before `tonight`: those after a kept routine against
/// the rest. The diary entry for night N speaks of the sleep after N's evening routine.
pub fn compare(
    sessions: &[SessionFacts],
    cramps: &[CrampRecord],
    rules: &Rules,
    tonight: NaiveDate,
    window_nights: u32,
) -> Comparison {
    let window = u64::from(window_nights.min(MAX_WINDOW_NIGHTS));
    let first = tonight
        .checked_sub_days(chrono::Days::new(window))
        .unwrap_or(NaiveDate::MIN);
    let best = best_nights(sessions, rules, first);
    let streak = Nights { best: &best, rules };
    let entries = latest_entries(cramps);
    let began = first_use(sessions, cramps, rules);
    let mut comparison = Comparison {
        first_night: None,
        last_night: None,
        window_nights: 0,
        stretched: Group::default(),
        other: Group::default(),
        rest_nights: 0,
        paused_nights: 0,
        nights_without_entry: 0,
        nights_before_first_use: 0,
        difference: None,
        verdict: Verdict::NotEnough,
        sentence: String::new(),
        hurt_steps: Vec::new(),
    };
    // Bounded by the cap; stepping stops at the calendar's edge rather than wrapping.
    let mut night = tonight;
    for _ in 0..window_nights.min(MAX_WINDOW_NIGHTS) {
        let Some(earlier) = night.pred_opt() else {
            break;
        };
        night = earlier;
        comparison.window_nights += 1;
        comparison.first_night = Some(night);
        comparison.last_night.get_or_insert(night);
        if began.is_none_or(|began| night < began) {
            comparison.nights_before_first_use += 1;
            continue;
        }
        if rules.rest_days.contains(&night.weekday()) {
            comparison.rest_nights += 1;
            continue;
        }
        if streak.is_paused(night) {
            comparison.paused_nights += 1;
            continue;
        }
        let Some(entry) = entries.get(&night) else {
            comparison.nights_without_entry += 1;
            continue;
        };
        let group = if streak.is_kept(night) {
            &mut comparison.stretched
        } else {
            &mut comparison.other
        };
        group.add(entry);
    }
    judge(&mut comparison);
    if let Some(first) = comparison.first_night {
        comparison.hurt_steps = hurt_steps(sessions, rules, first, tonight);
    }
    comparison
}

/// The groups' figures, the difference between them once each has enough nights, and the
/// verdict and sentence that say it.
fn judge(comparison: &mut Comparison) {
    comparison.stretched.finish();
    comparison.other.finish();
    let (stretched, other) = (&comparison.stretched, &comparison.other);
    if stretched.nights >= MIN_NIGHTS && other.nights >= MIN_NIGHTS {
        let difference = bootstrap(stretched, other);
        comparison.verdict = if difference.low > 0.0 {
            Verdict::Rarer
        } else if difference.high < 0.0 {
            Verdict::MoreCommon
        } else {
            Verdict::AboutAsCommon
        };
        comparison.difference = Some(difference);
    }
    comparison.sentence = sentence(comparison);
}

/// The night of the first session or diary entry in the history, whichever came first: the
/// night the person began using bedstretch. `None` for a history with neither.
pub fn first_use(
    sessions: &[SessionFacts],
    cramps: &[CrampRecord],
    rules: &Rules,
) -> Option<NaiveDate> {
    let sessions = sessions
        .iter()
        .filter_map(|s| try_night_of(s.started_at, rules.day_starts_at));
    sessions.chain(cramps.iter().map(|c| c.night)).min()
}

/// Each step-side stopped with "this hurts" in a session of the nights `first..=last`, with
/// how often, most often first (ties by name, then side, so the order is stable).
pub fn hurt_steps(
    sessions: &[SessionFacts],
    rules: &Rules,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<HurtStep> {
    let mut times: BTreeMap<(&str, Option<&str>), u32> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for session in sessions {
        let in_window = try_night_of(session.started_at, rules.day_starts_at)
            .is_some_and(|night| (first..=last).contains(&night));
        // The reader already counts an id once; this keeps the function true on its own.
        if !in_window || !seen.insert(session.id.as_str()) {
            continue;
        }
        for hurt in &session.hurt {
            *times
                .entry((hurt.step.as_str(), hurt.side.as_deref()))
                .or_default() += 1;
        }
    }
    let mut steps: Vec<HurtStep> = times
        .into_iter()
        .map(|((step, side), times)| HurtStep {
            step: step.to_owned(),
            side: side.map(str::to_owned),
            times,
        })
        .collect();
    // Stable: the map already ordered ties by step and side.
    steps.sort_by_key(|step| std::cmp::Reverse(step.times));
    steps
}

/// Each night's best completion, as `Stats` gathers it as of the end of time (every counting
/// session on its night, every night settled), for the streak's own rule to say which nights
/// were kept ([`Nights::is_kept`]): so the comparison and the streak never disagree about a
/// night, even when the rule changes. Only the nights from `first` on are kept: the rest of
/// `Stats` (streaks, skipped steps, each id once) was half of a warm `stats` over ten years,
/// computed a second time for nothing.
pub(super) fn best_nights(sessions: &[SessionFacts], rules: &Rules, first: NaiveDate) -> Best {
    let mut best = Best::new();
    for s in sessions.iter().filter(|s| s.counts) {
        if let Some(night) = try_night_of(s.started_at, rules.day_starts_at)
            && night >= first
        {
            keep(&mut best, night, s.completion());
        }
    }
    best
}

/// One entry a night: the latest noted wins, ties going to the greater id so that the order
/// the device files were read in cannot change the answer.
pub(super) fn latest_entries(cramps: &[CrampRecord]) -> BTreeMap<NaiveDate, &CrampRecord> {
    let mut latest: BTreeMap<NaiveDate, &CrampRecord> = BTreeMap::new();
    for record in cramps {
        let newer = latest.get(&record.night).is_none_or(|held| {
            (record.logged_at, record.id.as_str()) > (held.logged_at, held.id.as_str())
        });
        if newer {
            latest.insert(record.night, record);
        }
    }
    latest
}

/// Cramps that night: the count noted, or one for a night with a cramp and no count.
pub(super) fn cramps_in(record: &CrampRecord) -> u64 {
    match (record.severity, record.count) {
        (0, _) => 0,
        (_, Some(count)) => u64::from(count),
        // An entry with a cramp but no count had one.
        (_, None) => 1,
    }
}

impl Group {
    fn add(&mut self, record: &CrampRecord) {
        self.nights += 1;
        self.all.add(record);
        match record.side.as_deref() {
            Some("left") => self.left.add(record),
            Some("right") => self.right.add(record),
            Some("both") => self.both.add(record),
            // No side, or one this version does not know: it still counts in `all`.
            _ => {}
        }
    }

    fn finish(&mut self) {
        let nights = self.nights;
        for figures in [
            &mut self.all,
            &mut self.left,
            &mut self.right,
            &mut self.both,
        ] {
            figures.finish(nights);
        }
    }
}

impl Figures {
    fn add(&mut self, record: &CrampRecord) {
        if record.severity > 0 {
            self.nights_with_cramp += 1;
        }
        // The reader takes any byte from a synced file; one stray 255 must not drag a mean
        // off the 0-10 scale.
        self.severity_sum += u64::from(record.severity.min(10));
        self.cramps_sum += cramps_in(record);
    }

    fn finish(&mut self, nights: u32) {
        if nights == 0 {
            return;
        }
        let over = |sum: u64| Some(sum as f64 / f64::from(nights));
        self.share_with_cramp = over(u64::from(self.nights_with_cramp));
        self.mean_severity = over(self.severity_sum);
        self.mean_cramps = over(self.cramps_sum);
    }
}

/// Resamples each group's nights with replacement; only how many had a cramp matters, so a
/// resample is a count of draws that land among the cramp nights.
fn bootstrap(stretched: &Group, other: &Group) -> Difference {
    let share = |with: u32, of: u32| f64::from(with) / f64::from(of.max(1));
    let points = 100.0
        * (share(other.all.nights_with_cramp, other.nights)
            - share(stretched.all.nights_with_cramp, stretched.nights));
    let mut rng = SplitMix64(SEED);
    let draws: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let s = rng.successes(stretched.all.nights_with_cramp, stretched.nights);
            let o = rng.successes(other.all.nights_with_cramp, other.nights);
            100.0 * (share(o, other.nights) - share(s, stretched.nights))
        })
        .collect();
    let (low, high) = interval95(draws, points);
    Difference {
        points,
        low,
        high,
        resamples: RESAMPLES,
        seed: SEED,
    }
}

/// Rounds for the sentence; `as` after `round` only drops a fraction that is already zero.
fn whole(x: f64) -> i64 {
    x.round() as i64
}

fn percent(group: &Group) -> String {
    super::text::percent(group.all.share_with_cramp.unwrap_or(0.0))
}

fn sentence(c: &Comparison) -> String {
    let Some(d) = &c.difference else {
        return format!(
            "Not enough nights yet to compare: {} with stretching, {} without; \
             {MIN_NIGHTS} of each are needed.",
            c.stretched.nights, c.other.nights
        );
    };
    // "More common" reads its difference the other way round, so its numbers stay positive.
    let (how, points, low, high) = match c.verdict {
        Verdict::MoreCommon => ("more common", -d.points, -d.high, -d.low),
        Verdict::Rarer => ("rarer", d.points, d.low, d.high),
        _ => ("about as common", d.points, d.low, d.high),
    };
    format!(
        "On nights you stretched, cramps were {how}: {} of {} nights against {} of {} \
         (difference {} points, 95 % interval {} to {}).",
        percent(&c.stretched),
        c.stretched.nights,
        percent(&c.other),
        c.other.nights,
        whole(points),
        whole(low),
        whole(high),
    )
}

#[cfg(test)]
#[path = "cramps_tests.rs"]
mod tests;
