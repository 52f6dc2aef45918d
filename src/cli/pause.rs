//! `bedstretch pause`: nights away (travel, a stay in hospital) that neither break nor extend
//! the streak. Set one ahead or after the fact, list them, or cancel one.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use crate::core::calendar::night_of;
use crate::core::config::Config;
use crate::core::pause::{self, MAX_NIGHTS, MAX_WHY_CHARS, PauseRecord, pauses};
use crate::core::stats::nights;
use crate::core::text;
use crate::store::atomic::random_u64;
use crate::store::history::append_pause;
use crate::store::history_read;
use crate::store::paths::Paths;

use super::args::{parse_date, parse_time};
use super::stats::warn_all;

/// The long help of `bedstretch pause`.
pub const HELP: &str = "\
Pause the streak for nights you cannot stretch: travel without a floor, a week in hospital, a
night shift. Paused nights neither break nor extend the streak, as rest days do; a night you
keep inside a pause still counts. The heatmap marks them ~, the cramp comparison and your
trial leave them out, and the report lists them.

A pause covers at most 30 nights, from up to a year back (set after the fact) to up to a year
ahead (travel next week). Pauses may overlap. Each is a line of the history, synced with the
rest; `--cancel ID` writes a line that undoes it. When your streak has just broken, home
offers to pause the nights since with one key, `p`.

Examples:
  bedstretch pause --from 2026-12-10 --until 2026-12-14 --why travel
  bedstretch pause --list
  bedstretch pause --cancel 20261209T081500.000+0100-3fa9";

/// How far from tonight a pause may lie, back or ahead.
const REACH_DAYS: u64 = 365;

/// `bedstretch pause`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first night paused (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date,
          required_unless_present_any = ["list", "cancel"], requires = "until")]
    from: Option<NaiveDate>,
    /// The last night paused (YYYY-MM-DD); a pause covers at most 30 nights.
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "from")]
    until: Option<NaiveDate>,
    /// Why, in a few words (at most 80 characters), e.g. --why travel.
    #[arg(long, value_name = "TEXT", requires = "from")]
    why: Option<String>,
    /// List the pauses, newest first, with their ids.
    #[arg(long, conflicts_with_all = ["from", "cancel"])]
    list: bool,
    /// With --list: one JSON array, for other programs.
    #[arg(long, requires = "list")]
    json: bool,
    /// Undo the pause with this id (see --list).
    #[arg(long, value_name = "ID", conflicts_with = "from")]
    cancel: Option<String>,
    /// Act as of this moment (RFC 3339), in its offset. Hidden: for tests.
    #[arg(long, value_name = "TIME", value_parser = parse_time, hide = true)]
    as_of: Option<DateTime<FixedOffset>>,
}

/// Runs `pause`; `now` is the clock, unless `--as-of` says otherwise.
pub fn pause(
    paths: &Paths,
    config: &Config,
    args: Args,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let now = args.as_of.unwrap_or(now);
    if args.list {
        return list(paths, now, args.json, out);
    }
    if let Some(id) = &args.cancel {
        return cancel(paths, id, now, out);
    }
    let (Some(from), Some(until)) = (args.from, args.until) else {
        bail!("give --from DATE and --until DATE, --list or --cancel ID");
    };
    let tonight = night_of(now, config.rules().day_starts_at);
    let why = args.why.as_deref().map(text::clean_line);
    check(from, until, why.as_deref(), tonight)?;
    let record = PauseRecord::new(from, until, why, now, random_u64() as u16);
    append_pause(paths, &record)?;

    writeln!(
        out,
        "Paused {}, {} to {}{}: they neither break nor extend your streak.\n\
         `bedstretch pause --cancel {}` undoes it.",
        nights(record.nights()),
        day(from),
        day(until),
        record
            .why
            .as_ref()
            .map_or(String::new(), |w| format!(" ({w})")),
        record.id,
    )
    .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// Pauses the nights `from` to `until` as of `now`, without a reason: home's offer, for the
/// nights since the streak broke.
pub(super) fn set(
    paths: &Paths,
    from: NaiveDate,
    until: NaiveDate,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    append_pause(
        paths,
        &PauseRecord::new(from, until, None, now, random_u64() as u16),
    )
}

/// The rules of `--from`, `--until` and `--why` as of `tonight`, each said with what was given.
fn check(from: NaiveDate, until: NaiveDate, why: Option<&str>, tonight: NaiveDate) -> Result<()> {
    if let Err(why) = pause::check(from, until) {
        bail!("--from/--until: {why}; a pause covers 1 to {MAX_NIGHTS} nights");
    }
    // At the calendar's very edge (an --as-of of year 262142) the range just stops there.
    let earliest = tonight
        .checked_sub_days(Days::new(REACH_DAYS))
        .unwrap_or(NaiveDate::MIN);
    let latest = tonight
        .checked_add_days(Days::new(REACH_DAYS))
        .unwrap_or(NaiveDate::MAX);
    if from < earliest || until > latest {
        bail!(
            "--from/--until: a pause lies from {earliest} to {latest} (up to a year back or \
             ahead), got {from} to {until}"
        );
    }
    if let Err(problem) = pause::check_why(why) {
        bail!("--why: {problem}; say it in {MAX_WHY_CHARS} or fewer");
    }
    Ok(())
}

/// Every pause in the history as of `now`, each id once, newest first (see
/// [`pauses`]); what was skipped on the way is said.
fn read(paths: &Paths, now: DateTime<FixedOffset>) -> Result<Vec<PauseRecord>> {
    let history = history_read::read_facts_as_of(paths, now)?;
    warn_all(&history.warnings);
    Ok(pauses(&history.pauses))
}

/// `pause --list`.
fn list(
    paths: &Paths,
    now: DateTime<FixedOffset>,
    as_json: bool,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let list = read(paths, now)?;
    let text = if as_json {
        let rows: Vec<_> = list.iter().map(json_row).collect();
        // The reasons come from history lines: no control character reaches the terminal.
        text::escape_json_controls(&serde_json::Value::Array(rows).to_string())
    } else if list.is_empty() {
        "No pauses. `bedstretch pause --from DATE --until DATE` sets one.".to_string()
    } else {
        let rows: Vec<String> = list.iter().map(row).collect();
        rows.join("\n")
    };
    writeln!(out, "{text}").context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// One pause as `--list` shows it: id, nights, why, and whether it was cancelled.
fn row(p: &PauseRecord) -> String {
    let mut parts = vec![
        text::clean_line(&p.id),
        format!("{} to {}", p.from, p.until),
        nights(p.nights()),
    ];
    parts.extend(p.why.as_deref().map(text::clean_line));
    if p.cancelled {
        parts.push("(cancelled)".into());
    }
    parts.join("  ")
}

/// One pause as `--list --json` gives it.
fn json_row(p: &PauseRecord) -> serde_json::Value {
    serde_json::json!({
        "id": p.id,
        "from": p.from,
        "until": p.until,
        "nights": p.nights(),
        "why": p.why,
        "logged_at": p.logged_at,
        "cancelled": p.cancelled,
    })
}

/// `pause --cancel ID`: appends a copy of the pause's line that undoes it.
fn cancel(
    paths: &Paths,
    id: &str,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let Some(found) = read(paths, now)?.into_iter().find(|p| p.id == id) else {
        bail!(
            "no pause with the id `{}`; `bedstretch pause --list` shows them",
            text::clean_line(id)
        );
    };
    if !found.cancelled {
        append_pause(paths, &found.cancel(now))?;
    }
    writeln!(
        out,
        "Cancelled the pause of {} to {}: those nights count again.",
        day(found.from),
        day(found.until)
    )
    .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// A night as people read it: "Thu 10 Dec 2026".
fn day(night: NaiveDate) -> String {
    night.format("%a %-d %b %Y").to_string()
}
