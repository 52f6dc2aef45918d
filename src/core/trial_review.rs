//! The review of a personal trial: the baseline against the program's weeks, over the nights
//! with a diary entry, in the measure the trial behind bedstretch used (cramps a night). A
//! before/after diary is not a randomised trial, and the words say so once; the interval
//! comes from a bootstrap with a fixed seed, so the same diary always gives the same answer.

use chrono::{Days, NaiveDate};
use serde::{Serialize, Serializer};

use super::bootstrap::{SplitMix64, interval95};
use super::calendar::Rules;
use super::cramps::{MIN_NIGHTS, RESAMPLES, SEED, best_nights, cramps_in, latest_entries};
use super::history::{CrampRecord, MAX_SEVERITY};
use super::program::{Phase, Program};
use super::stats::SessionFacts;
use super::streaks::Nights;
use super::text::{hundredths as two, round2};

/// Said once wherever the review is shown.
pub const CAVEAT: &str = "A before/after diary cannot rule out that cramps come and go by \
                          themselves, or that you started when they were at their worst \
                          (regression to the mean).";

/// The review as of one night.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// `not_started`, `baseline`, `program` or `done`.
    pub phase: &'static str,
    /// True when the trial was stopped early.
    pub stopped: bool,
    /// The routine of the program's weeks.
    pub routine: String,
    /// The first night of the baseline, of the program, and the trial's last night.
    pub from: NaiveDate,
    /// The first night of the routine's weeks.
    pub program_from: NaiveDate,
    /// The last night of the trial (planned, or before it was stopped).
    pub last_night: NaiveDate,
    /// The night from which the review says something ("so far" until the trial is done).
    pub opens_on: NaiveDate,
    /// True when the figures cover the whole trial.
    pub complete: bool,
    /// The night it was reviewed on: nights from it on are still to come.
    pub tonight: NaiveDate,
    /// The diary-only nights.
    pub baseline: Period,
    /// The nights of the routine's weeks.
    pub program: Period,
    /// Program minus baseline, when both have enough nights.
    pub difference: Option<TrialDifference>,
    /// Cramps a night, week by week: the baseline's weeks, then the program's.
    pub weeks: Vec<Week>,
    /// The answer in a sentence or two.
    pub verdict: String,
    /// What the design cannot show.
    pub caveat: &'static str,
}

/// The figures of one period, over its nights with a diary entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Period {
    /// Nights with a diary entry.
    pub nights: u32,
    /// Nights of the period so far with no entry, left out.
    pub nights_without_entry: u32,
    /// Nights of the period so far kept by a session.
    pub nights_kept: u32,
    /// Nights of the period so far that were paused, left out: the person was away.
    pub nights_paused: u32,
    /// Mean cramps a night.
    #[serde(serialize_with = "hundredths")]
    pub cramps_per_night: Option<f64>,
    /// Share of nights with a cramp, 0 to 1.
    #[serde(serialize_with = "hundredths")]
    pub share_with_cramp: Option<f64>,
    /// Mean severity over the nights, 0 to 10.
    #[serde(serialize_with = "hundredths")]
    pub mean_severity: Option<f64>,
    /// Each night's cramps, for the bootstrap.
    #[serde(skip)]
    counts: Vec<u64>,
    #[serde(skip)]
    with_cramp: u32,
    #[serde(skip)]
    severity_sum: u64,
}

/// The difference in cramps a night, program minus baseline (negative: fewer).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrialDifference {
    /// The difference of the means.
    #[serde(serialize_with = "hundredth")]
    pub cramps_per_night: f64,
    /// The 95 % bootstrap interval, resampling each period's nights.
    #[serde(serialize_with = "hundredths_pair")]
    pub ci95: [f64; 2],
    /// Resamples drawn.
    pub resamples: u32,
    /// The fixed seed they were drawn with.
    pub seed: u64,
}

impl TrialDifference {
    /// "less frequent", "more frequent" or "about as frequent": which side of nothing the
    /// whole interval is on, if either.
    pub fn direction(&self) -> &'static str {
        if self.ci95[1] < 0.0 {
            "less frequent"
        } else if self.ci95[0] > 0.0 {
            "more frequent"
        } else {
            "about as frequent"
        }
    }
}

/// One week of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    /// "Before 1", "Week 3".
    pub label: String,
    /// Its first night.
    pub first_night: NaiveDate,
    /// Nights with a diary entry in it so far.
    pub nights: u32,
    /// Mean cramps a night over them.
    #[serde(serialize_with = "hundredths")]
    pub cramps_per_night: Option<f64>,
}

/// The review of `program` as of `tonight`: the nights before tonight count (tonight's diary
/// is noted tomorrow morning).
pub fn review(
    program: &Program,
    sessions: &[SessionFacts],
    cramps: &[CrampRecord],
    rules: &Rules,
    tonight: NaiveDate,
) -> Review {
    let seen_to = tonight
        .pred_opt()
        .unwrap_or(tonight)
        .min(program.last_night());
    let from = program.plan.from;
    let program_from = program.program_from();
    let entries = latest_entries(cramps);
    let best = best_nights(sessions, rules, from);
    let kept = Nights { best: &best, rules };
    let period = |first: NaiveDate, last: NaiveDate| {
        let mut p = Period::default();
        for night in first.iter_days().take_while(|n| *n <= last.min(seen_to)) {
            if kept.is_paused(night) {
                p.nights_paused += 1;
                continue;
            }
            p.nights_kept += u32::from(kept.is_kept(night));
            match entries.get(&night) {
                Some(entry) => p.add(entry),
                None => p.nights_without_entry += 1,
            }
        }
        p.finish();
        p
    };
    let baseline = period(from, program_from.pred_opt().unwrap_or(from));
    let program_period = period(program_from, program.last_night());
    let opens_on = program_from
        .checked_add_days(Days::new(7))
        .unwrap_or(program_from);
    let phase = program.phase(tonight);
    let complete = phase == Phase::Done;
    let difference = (tonight >= opens_on
        && baseline.nights >= MIN_NIGHTS
        && program_period.nights >= MIN_NIGHTS)
        .then(|| bootstrap(&baseline, &program_period));
    let mut review = Review {
        phase: match phase {
            Phase::NotYet => "not_started",
            Phase::Baseline { .. } => "baseline",
            Phase::Program { .. } => "program",
            Phase::Done => "done",
        },
        stopped: program.stopped_after.is_some(),
        routine: program.plan.routine.clone(),
        from,
        program_from,
        last_night: program.last_night(),
        opens_on,
        complete,
        tonight,
        weeks: weeks(program, &entries, seen_to),
        baseline,
        program: program_period,
        difference,
        verdict: String::new(),
        caveat: CAVEAT,
    };
    review.verdict = verdict(&review, tonight);
    review
}

impl Review {
    /// The nights of each period, as `(first, last)`; the program's is `None` when the trial
    /// was stopped before it began.
    pub fn periods(&self) -> ((NaiveDate, NaiveDate), Option<(NaiveDate, NaiveDate)>) {
        let baseline_end = self.program_from.pred_opt().unwrap_or(self.from);
        let baseline = (self.from, baseline_end.min(self.last_night));
        let program =
            (self.last_night >= self.program_from).then_some((self.program_from, self.last_night));
        (baseline, program)
    }
}

impl Period {
    fn add(&mut self, entry: &CrampRecord) {
        self.nights += 1;
        self.counts.push(cramps_in(entry));
        self.with_cramp += u32::from(entry.severity > 0);
        self.severity_sum += u64::from(entry.severity.min(MAX_SEVERITY));
    }

    fn finish(&mut self) {
        if self.nights == 0 {
            return;
        }
        let nights = f64::from(self.nights);
        self.cramps_per_night = Some(mean(&self.counts));
        self.share_with_cramp = Some(f64::from(self.with_cramp) / nights);
        self.mean_severity = Some(self.severity_sum as f64 / nights);
    }
}

fn mean(counts: &[u64]) -> f64 {
    counts.iter().sum::<u64>() as f64 / counts.len().max(1) as f64
}

/// The chart's weeks: the baseline in weeks of 7 nights (the last may be shorter), then each
/// week of the routine, with what the diary holds of each up to `seen_to`.
fn weeks(
    program: &Program,
    entries: &std::collections::BTreeMap<NaiveDate, &CrampRecord>,
    seen_to: NaiveDate,
) -> Vec<Week> {
    let plan = &program.plan;
    let baseline_weeks = plan.baseline_nights.div_ceil(7);
    let mut weeks = Vec::new();
    for i in 0..baseline_weeks + plan.weeks {
        let (label, offset, len) = if i < baseline_weeks {
            let len = (plan.baseline_nights - 7 * i).min(7);
            (format!("Before {}", i + 1), 7 * i, len)
        } else {
            let week = i - baseline_weeks;
            (
                format!("Week {}", week + 1),
                plan.baseline_nights + 7 * week,
                7,
            )
        };
        let Some(first_night) = plan.from.checked_add_days(Days::new(u64::from(offset))) else {
            break;
        };
        if first_night > program.last_night() {
            break;
        }
        let counts: Vec<u64> = first_night
            .iter_days()
            .take(len as usize)
            .take_while(|n| *n <= seen_to)
            .filter_map(|n| entries.get(&n).map(|e| cramps_in(e)))
            .collect();
        weeks.push(Week {
            label,
            first_night,
            nights: counts.len() as u32,
            cramps_per_night: (!counts.is_empty()).then(|| mean(&counts)),
        });
    }
    weeks
}

/// Resamples each period's nights with replacement, and takes the 2.5th and 97.5th
/// percentiles of the difference of the means.
fn bootstrap(baseline: &Period, program: &Period) -> TrialDifference {
    let mut rng = SplitMix64(SEED);
    let mut resample = |counts: &[u64]| {
        let n = counts.len() as u32;
        let sum: u64 = (0..n).map(|_| counts[rng.below(n) as usize]).sum();
        sum as f64 / f64::from(n.max(1))
    };
    let draws: Vec<f64> = (0..RESAMPLES)
        .map(|_| resample(&program.counts) - resample(&baseline.counts))
        .collect();
    let point = mean(&program.counts) - mean(&baseline.counts);
    let (low, high) = interval95(draws, point);
    TrialDifference {
        cramps_per_night: point,
        ci95: [low, high],
        resamples: RESAMPLES,
        seed: SEED,
    }
}

/// Where a person stands on `tonight`, in one line, for `program` and home.
pub fn standing(program: &Program, review: &Review, tonight: NaiveDate) -> String {
    match program.phase(tonight) {
        Phase::NotYet => format!(
            "Your trial starts on {}: from then, note cramps each morning",
            program.plan.from.format("%a %-d %b")
        ),
        Phase::Baseline { night, of } => {
            format!("Baseline, night {night} of {of}: just note cramps each morning")
        }
        Phase::Program { week, of } => match review.baseline.cramps_per_night {
            Some(before) => format!("Week {week} of {of}: {before:.1} cramps a night before"),
            None => format!("Week {week} of {of}: no cramps were noted before"),
        },
        Phase::Done if review.stopped && review.last_night < review.from => {
            "Trial stopped before it began".to_string()
        }
        Phase::Done if review.stopped => format!(
            "Trial stopped after {}: the review has what there is",
            review.last_night.format("%a %-d %b")
        ),
        Phase::Done => "Trial done: the review has the answer".to_string(),
    }
}

/// The answer in words, with the figures as the JSON rounds them.
fn verdict(r: &Review, tonight: NaiveDate) -> String {
    if tonight < r.opens_on && !r.complete {
        return format!(
            "The review opens on {} (the program's second week); until then, note your \
             cramps each morning.",
            r.opens_on.format("%a %-d %b")
        );
    }
    let (Some(d), Some(before), Some(during)) = (
        &r.difference,
        r.baseline.cramps_per_night,
        r.program.cramps_per_night,
    ) else {
        let (yet, are) = if r.complete {
            ("", "were")
        } else {
            (" yet", "are")
        };
        return format!(
            "Not enough diary nights{yet}: {} before and {} during; {MIN_NIGHTS} of each {are} \
             needed.",
            r.baseline.nights, r.program.nights
        );
    };
    let how = d.direction();
    let lead = if r.complete {
        "Cramps"
    } else {
        "So far, cramps"
    };
    format!(
        "{lead} were {how} during the program: {} a night before, {} during, a difference \
         of {} (95 % interval {} to {}).",
        two(before),
        two(during),
        two(d.cramps_per_night),
        two(d.ci95[0]),
        two(d.ci95[1])
    )
}

fn hundredth<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round2(*x))
}

fn hundredths<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    x.map(round2).serialize(s)
}

fn hundredths_pair<S: Serializer>(x: &[f64; 2], s: S) -> Result<S::Ok, S::Error> {
    [round2(x[0]), round2(x[1])].serialize(s)
}

#[cfg(test)]
#[path = "trial_review_tests.rs"]
mod tests;
