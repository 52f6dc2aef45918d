//! `bedstretch program`: a personal trial of a routine. Start it, see where you stand, stop it,
//! and review the baseline against the program's weeks.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap_complete::engine::ArgValueCandidates;

use crate::core::calendar::night_of;
use crate::core::config::Config;
use crate::core::program::{
    BASELINE_NIGHTS, DEFAULT_BASELINE, DEFAULT_ROUTINE, DEFAULT_WEEKS, Phase, Plan, Program,
    ProgramRecord, WEEKS,
};
use crate::core::text;
use crate::core::trial_figures::day;
use crate::core::trial_review::{Review, review, standing};
use crate::store::atomic::random_u64;
use crate::store::history::append_program;
use crate::store::history_read;
use crate::store::paths::Paths;
use crate::store::routines::Catalog;

use super::args::{parse_date, parse_time};
use super::completions;
use super::stats::warn_all;

/// The long help of `bedstretch program`.
pub const HELP: &str = "\
A trial of your own, in the design of the trial behind bedstretch (Hallegraeff et al. 2012:
six weeks of calf and hamstring stretches before sleep, about 1.2 fewer cramps a night).

First a baseline: 14 nights (--baseline) in which you keep your habits and note your cramps
each morning (`bedstretch cramp`, or home's morning question). Then 6 weeks (--weeks) of the
routine (calf-hamstring unless you name another) each night, still noting cramps each
morning. `--from` may lie in the past, so a diary you already kept can be the baseline.

`bedstretch program` says where you stand. `program review` compares the nights with a
diary entry before and during: cramps a night, the share of nights with a cramp, mean
severity and nights kept, and the difference in cramps a night with a 95 % interval from a
bootstrap (2000 resamples of the nights, fixed seed). It opens in the program's second week,
as \"so far\", and gives the full answer when the weeks are over.

A before/after diary is not a randomised trial: it cannot rule out that cramps come and go by
themselves, or that you started when they were at their worst (regression to the mean).";

/// `bedstretch program …`.
#[derive(Debug, clap::Subcommand)]
pub enum ProgramCommand {
    /// Start a trial: a baseline of diary nights, then weeks of a routine each night.
    Start(Start),
    /// End the trial early; the review keeps what there is.
    Stop {
        /// Stop as of this moment (RFC 3339). Hidden: for tests.
        #[arg(long, value_name = "TIME", value_parser = parse_time, hide = true)]
        as_of: Option<DateTime<FixedOffset>>,
    },
    /// Compare the baseline with the program's weeks (from the program's second week).
    Review {
        /// Print JSON for other programs instead of words.
        #[arg(long)]
        json: bool,
        /// Review as of this moment (RFC 3339, e.g. 2026-11-24T07:00:00+01:00), in its offset.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        as_of: Option<DateTime<FixedOffset>>,
    },
}

/// How far back `--from` may reach: a year of diary is plenty for a baseline.
const FROM_BACK: u64 = 365;
/// How far ahead `--from` may lie: a trial planned for after a trip, say.
const FROM_AHEAD: u64 = 30;

/// `program start`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Start {
    /// The routine of the program's weeks (default: calf-hamstring).
    #[arg(add = ArgValueCandidates::new(completions::routine_ids))]
    routine: Option<String>,
    /// Nights of the baseline, 7 to 60.
    #[arg(long, value_name = "NIGHTS", default_value_t = DEFAULT_BASELINE,
          value_parser = nights_in(BASELINE_NIGHTS))]
    baseline: u32,
    /// Weeks of the routine, 2 to 12.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_WEEKS,
          value_parser = nights_in(WEEKS))]
    weeks: u32,
    /// The baseline's first night (YYYY-MM-DD); tonight unless given. Up to a year back (a
    /// diary already kept), or up to 30 nights ahead.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Start as of this moment (RFC 3339). Hidden: for tests.
    #[arg(long, value_name = "TIME", value_parser = parse_time, hide = true)]
    as_of: Option<DateTime<FixedOffset>>,
}

/// A whole number within the range a program line may say, as clap checks it.
fn nights_in(range: std::ops::RangeInclusive<u32>) -> clap::builder::RangedI64ValueParser<u32> {
    clap::value_parser!(u32).range(i64::from(*range.start())..=i64::from(*range.end()))
}

/// What the history says of the trial as of `now`: the program, if any, and its review.
fn current(
    paths: &Paths,
    config: &Config,
    now: DateTime<FixedOffset>,
) -> Result<Option<(Program, Review)>> {
    let history = history_read::read_facts_as_of(paths, now)?;
    warn_all(&history.warnings);
    let rules = config.rules().paused_by(&history.pauses);
    let Some(program) = Program::latest(&history.programs, rules.day_starts_at) else {
        return Ok(None);
    };
    let tonight = night_of(now, rules.day_starts_at);
    let review = review(
        &program,
        &history.sessions,
        &history.cramps,
        &rules,
        tonight,
    );
    Ok(Some((program, review)))
}

/// Runs `program` and its subcommands; `now` is the command's own `--as-of` or the clock.
pub fn program(
    paths: &Paths,
    config: &Config,
    command: Option<ProgramCommand>,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    match command {
        None => show(paths, config, now, out),
        Some(ProgramCommand::Start(args)) => {
            let now = args.as_of.unwrap_or(now);
            start(paths, config, args, now, out)
        }
        Some(ProgramCommand::Stop { as_of }) => stop(paths, config, as_of.unwrap_or(now), out),
        Some(ProgramCommand::Review { json, as_of }) => {
            review_command(paths, config, as_of.unwrap_or(now), json, out)
        }
    }
}

/// `bedstretch program`: where you stand.
pub fn show(
    paths: &Paths,
    config: &Config,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let tonight = night_of(now, config.rules().day_starts_at);
    let text = match current(paths, config, now)? {
        None => "No trial yet. `bedstretch program start` begins one: 14 nights of noting \
                 cramps each morning, then 6 weeks of Calf and hamstring each night, and an \
                 honest before/after answer."
            .to_string(),
        Some((program, review)) => {
            let mut text = format!("{}.", standing(&program, &review, tonight));
            if program.phase(tonight) != Phase::NotYet && tonight >= review.opens_on {
                text.push_str("\n`bedstretch program review` compares the two periods.");
            } else if program.phase(tonight) != Phase::Done {
                text.push_str(&format!("\nThe review opens on {}.", day(review.opens_on)));
            }
            text
        }
    };
    writeln!(out, "{text}").context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// `bedstretch program start`.
pub fn start(
    paths: &Paths,
    config: &Config,
    start: Start,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let routine = start.routine.unwrap_or_else(|| DEFAULT_ROUTINE.to_string());
    let catalog = Catalog::load(paths);
    let Some((found, _)) = catalog.get(&routine) else {
        bail!("no routine `{routine}`; see `bedstretch routine list`");
    };
    let tonight = night_of(now, config.rules().day_starts_at);
    if let Some((program, _)) = current(paths, config, now)?
        && program.phase(tonight) != Phase::Done
    {
        bail!(
            "a trial is already running (from {}); `bedstretch program stop` ends it first",
            day(program.plan.from)
        );
    }
    let from = start.from.unwrap_or(tonight);
    // At the calendar's very edge (an --as-of of year 262142) the range just stops there.
    let earliest = tonight
        .checked_sub_days(chrono::Days::new(FROM_BACK))
        .unwrap_or(NaiveDate::MIN);
    let latest = tonight
        .checked_add_days(chrono::Days::new(FROM_AHEAD))
        .unwrap_or(NaiveDate::MAX);
    if !(earliest..=latest).contains(&from) {
        bail!(
            "--from: give a night from {earliest} to {latest} (up to a year back, so a diary \
             already kept can be the baseline, and up to {FROM_AHEAD} nights ahead), such as \
             --from {tonight}"
        );
    }
    let plan = Plan {
        routine,
        from,
        baseline_nights: start.baseline,
        weeks: start.weeks,
    };
    let record = ProgramRecord::new(&plan, now, random_u64() as u16);
    append_program(paths, &record)?;
    let program = Program {
        plan,
        stopped_after: None,
    };
    let baseline_last = program
        .program_from()
        .pred_opt()
        .unwrap_or(program.plan.from);
    writeln!(
        out,
        "Trial started. Baseline: {} to {} ({} nights): keep your habits and note cramps \
         each morning.\nThen {} weeks of {} each night, {} to {}. `bedstretch program` says \
         where you stand.",
        day(program.plan.from),
        day(baseline_last),
        program.plan.baseline_nights,
        program.plan.weeks,
        found.name,
        day(program.program_from()),
        day(program.planned_end()),
    )
    .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// `bedstretch program stop`.
pub fn stop(
    paths: &Paths,
    config: &Config,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let history = history_read::read_facts_as_of(paths, now)?;
    warn_all(&history.warnings);
    let rules = config.rules();
    let tonight = night_of(now, rules.day_starts_at);
    // The line that stands is the latest written (as `Program::latest` reads it); its trial
    // can be stopped only while it runs.
    let latest = history.programs.iter().max_by_key(|p| (p.logged_at, &p.id));
    let running = Program::latest(&history.programs, rules.day_starts_at)
        .is_some_and(|p| p.phase(tonight) != Phase::Done);
    let Some(latest) = latest.filter(|_| running) else {
        bail!("no trial is running; `bedstretch program start` begins one");
    };
    // The latest line wins: a stop is dated after the line it stops even when that line came
    // from a device whose clock runs ahead of this one.
    let after = latest
        .logged_at
        .checked_add_signed(chrono::TimeDelta::milliseconds(1))
        .unwrap_or(latest.logged_at);
    append_program(paths, &latest.stop(now.max(after), random_u64() as u16))?;
    writeln!(
        out,
        "Trial stopped. `bedstretch program review` compares what there is."
    )
    .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// `bedstretch program review`.
pub fn review_command(
    paths: &Paths,
    config: &Config,
    now: DateTime<FixedOffset>,
    as_json: bool,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let Some((_, review)) = current(paths, config, now)? else {
        bail!("no trial yet; `bedstretch program start` begins one");
    };
    let text = if as_json {
        // A routine's id comes from a history line: no control character reaches the terminal.
        text::escape_json_controls(
            &serde_json::to_string_pretty(&review).context("cannot encode the review")?,
        )
    } else {
        super::trial_words::review_text(&review)
    };
    writeln!(out, "{text}").context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
