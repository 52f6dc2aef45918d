//! `bedstretch history`: the sessions and the morning diary, newest first, as a table, JSON or
//! CSV.
//!
//! Rows are placed by night, the one date both kinds share. A diary entry for night N speaks
//! of the sleep after N's evening, so it comes after that night's sessions (first of them,
//! newest first) whenever it was noted: an entry noted days late still sits with its night.
//! Within a night, sessions go by when they started. Only each night's latest entry is
//! listed: the reader has already let a later entry supersede an earlier one.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::Serialize;

use crate::core::calendar::night_of;
use crate::core::config::Config;
use crate::core::history::{CrampRecord, SessionRecord, Status};
use crate::core::text::{self, csv_field};
use crate::store::gather::{History, SessionSpot};
use crate::store::history_read;
use crate::store::paths::Paths;

use clap_complete::engine::ArgValueCandidates;

use super::args::parse_date;
use super::completions;
use super::stats::warn_all;

/// The output forms of `bedstretch history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people.
    Table,
    /// One JSON array of the records as written.
    Json,
    /// A header and one row per record.
    Csv,
}

impl Format {
    /// The form the `--json` and `--csv` flags ask for (clap lets only one be given).
    pub fn from_flags(json: bool, csv: bool) -> Self {
        match (json, csv) {
            (true, _) => Format::Json,
            (_, true) => Format::Csv,
            _ => Format::Table,
        }
    }
}

/// The kinds of record `bedstretch history` can list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Sessions only.
    Session,
    /// Morning diary entries only.
    Cramp,
}

/// `--kind`: session or cramp.
pub fn parse_kind(text: &str) -> Result<Kind, String> {
    match text {
        "session" => Ok(Kind::Session),
        "cramp" => Ok(Kind::Cramp),
        _ => Err("a kind is session or cramp, such as --kind cramp".into()),
    }
}

/// Which records `bedstretch history` lists, and in what order. (The doc comments on the
/// fields are `history --help`'s.)
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Query {
    /// Only one kind: session or cramp (the diary); both without it.
    #[arg(long, value_name = "KIND", value_parser = parse_kind,
          add = ArgValueCandidates::new(completions::kinds))]
    pub kind: Option<Kind>,
    /// Only nights from this one on (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Only sessions of this routine (its id, as `routine list` shows); diary entries have
    /// no routine, so this lists sessions only.
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(completions::routine_ids))]
    pub routine: Option<String>,
    /// At most this many rows.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Oldest first (newest first without it).
    #[arg(long)]
    pub reverse: bool,
}

impl Query {
    /// Whether sessions and diary entries are listed. A routine belongs to sessions only, so
    /// naming one lists sessions; asking for diary entries of a routine is refused rather than
    /// answered with an empty list that would look like an empty diary.
    fn kinds(&self) -> Result<(bool, bool)> {
        Ok(match (self.kind, &self.routine) {
            (Some(Kind::Cramp), Some(_)) => bail!(
                "--routine picks sessions of a routine, and diary entries have none; leave out --routine or --kind cramp"
            ),
            (Some(Kind::Cramp), None) => (false, true),
            (Some(Kind::Session), _) | (None, Some(_)) => (true, false),
            (None, None) => (true, true),
        })
    }
}

/// One row of the history: a session or a night's diary entry, each written as recorded
/// (both carry their `kind`), so one JSON array holds both.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Row<'a> {
    Session(SessionRecord),
    Cramp(&'a CrampRecord),
}

/// A row before it is read whole: a session is only where its line lies until it is listed.
#[derive(Debug, Clone, Copy)]
enum Place<'a> {
    Session(&'a SessionSpot),
    Cramp(&'a CrampRecord),
}

impl Place<'_> {
    /// Where the row goes: its night, sessions before that night's diary entry, then time.
    fn key(&self, rollover: NaiveTime) -> (NaiveDate, u8, DateTime<FixedOffset>) {
        match self {
            Place::Session(s) => (night_of(s.started_at, rollover), 0, s.started_at),
            Place::Cramp(c) => (c.night, 1, c.logged_at),
        }
    }
}

/// `bedstretch history`. Only where each session lies is held; each is read whole as it is
/// printed, so memory does not grow with the steps of years of sessions, and `--limit` reads
/// no more of them than it prints.
pub fn history(
    paths: &Paths,
    config: &Config,
    query: &Query,
    format: Format,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let (with_sessions, with_cramps) = query.kinds()?;
    let listing = history_read::list_as_of(paths, now)?;
    let history = &listing.history;
    warn_all(&history.warnings);
    let rollover = config.rules().day_starts_at;
    let places = places(history, query, (with_sessions, with_cramps), rollover);
    let rows = places
        .into_iter()
        .map(|place| match place {
            Place::Session(spot) => listing.record(spot).map(Row::Session),
            Place::Cramp(c) => Ok(Row::Cramp(c)),
        })
        .filter(|row| match (row, &query.routine) {
            (Ok(Row::Session(s)), Some(id)) => s.routine == *id,
            _ => true,
        })
        .take(query.limit.unwrap_or(usize::MAX));
    match format {
        Format::Json => write_json(rows, out)?,
        Format::Csv => write_csv(rows, rollover, out)?,
        Format::Table => {
            let mut rows = rows.peekable();
            if rows.peek().is_none() {
                let recorded = (with_sessions && !history.sessions.is_empty())
                    || (with_cramps && !history.cramps.is_empty());
                writeln!(
                    out,
                    "{}",
                    nothing_to_show(with_sessions, with_cramps, recorded)
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            write_table(rows, with_sessions, rollover, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The rows of the kinds asked for, from the night asked for, in the order asked for:
/// newest first, as a person looks back, unless reversed; the same order in every format.
fn places<'a>(
    history: &'a History<SessionSpot>,
    query: &Query,
    (with_sessions, with_cramps): (bool, bool),
    rollover: NaiveTime,
) -> Vec<Place<'a>> {
    let sessions = history
        .sessions
        .iter()
        .filter(|_| with_sessions)
        .map(Place::Session);
    let cramps = history
        .cramps
        .iter()
        .filter(|_| with_cramps)
        .map(Place::Cramp);
    let mut places: Vec<Place> = sessions
        .chain(cramps)
        .filter(|place| query.since.is_none_or(|d| place.key(rollover).0 >= d))
        .collect();
    places.sort_by_key(|place| place.key(rollover));
    if !query.reverse {
        places.reverse();
    }
    places
}

/// One JSON array of the records as written.
fn write_json<'a>(rows: impl Iterator<Item = Result<Row<'a>>>, out: &mut impl Write) -> Result<()> {
    write!(out, "[")?;
    for (i, row) in rows.enumerate() {
        let json = serde_json::to_string(&row?).context("cannot write JSON")?;
        let comma = if i == 0 { "" } else { "," };
        write!(out, "{comma}{}", text::escape_json_controls(&json))?;
    }
    writeln!(out, "]")?;
    Ok(())
}

/// A header and a row per record, every text cell safe for a spreadsheet.
fn write_csv<'a>(
    rows: impl Iterator<Item = Result<Row<'a>>>,
    rollover: NaiveTime,
    out: &mut impl Write,
) -> Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for row in rows {
        let fields: Vec<String> = csv_row(&row?, rollover)
            .iter()
            .map(|f| csv_field(f))
            .collect();
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}

/// The table for people: a header for the kind listed, then a line per record.
fn write_table<'a>(
    rows: impl Iterator<Item = Result<Row<'a>>>,
    with_sessions: bool,
    rollover: NaiveTime,
    out: &mut impl Write,
) -> Result<()> {
    if with_sessions {
        writeln!(
            out,
            "{:<10}  {:<5}  {:<24}  {:<11}  {:>7}  {:>6}",
            "NIGHT", "TIME", "ROUTINE", "OUTCOME", "DONE", "HELD"
        )?;
    } else {
        writeln!(out, "{:<10}  DIARY", "NIGHT")?;
    }
    for row in rows {
        let line = match row? {
            Row::Session(s) => session_line(&s, rollover),
            Row::Cramp(c) => cramp_line(c),
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// What an empty table says: how to begin when nothing of the kind was ever recorded, else
/// that the filters left nothing.
fn nothing_to_show(sessions: bool, cramps: bool, recorded: bool) -> &'static str {
    match (sessions, cramps, recorded) {
        (true, false, false) => "No sessions yet. Start one with `bedstretch run`.",
        (true, false, true) => "No sessions match.",
        (false, _, false) => "No diary entries yet. Note a night with `bedstretch cramp SEVERITY`.",
        (false, _, true) => "No diary entries match.",
        (true, true, false) => {
            "Nothing yet. Start a session with `bedstretch run`; note a night with `bedstretch cramp SEVERITY`."
        }
        (true, true, true) => "Nothing matches.",
    }
}

/// Step-sides held to the end, step-sides planned, seconds held.
fn tally(s: &SessionRecord) -> (usize, usize, u64) {
    let done = s
        .steps
        .iter()
        .filter(|x| x.status == Status::Completed)
        .count();
    let held = s.steps.iter().map(|x| x.done_secs).sum();
    (done, s.steps.len(), held)
}

fn session_line(s: &SessionRecord, rollover: NaiveTime) -> String {
    let (done, planned, held) = tally(s);
    let night = night_of(s.started_at, rollover);
    // An outcome this version does not know is a stranger's text.
    let outcome = text::clean_line(s.outcome.as_str());
    let name = text::pad(&text::clean_line(&s.routine_name), 24);
    // The time of day in the session's own offset, where it was lived.
    let time = s.started_at.format("%H:%M");
    format!(
        "{night}  {time}  {name}  {outcome:<11}  {:>7}  {:>6}",
        format!("{done}/{planned}"),
        format!("{}:{:02}", held / 60, held % 60)
    )
}

/// The width a diary row's note is cut to fit: the terminal people most often have.
const TABLE_COLUMNS: usize = 80;

/// `2026-11-23  cramp  severity 6, left, 2 cramps  "woke at 3"`: the word `cramp` in the
/// time column, then what was noted, in the words `bedstretch cramp` used.
fn cramp_line(c: &CrampRecord) -> String {
    let mut line = format!("{}  cramp  {}", c.night, said(c));
    if let Some(note) = c.note.as_deref().map(text::clean_line) {
        // Two spaces and two quotes around whatever room is left.
        let room = TABLE_COLUMNS.saturating_sub(text::width(&line) + 4);
        if !note.is_empty() && room > 1 {
            line.push_str(&format!("  \"{}\"", text::truncate(&note, room)));
        }
    }
    line
}

/// "no cramps", or "severity 6, left, 2 cramps". The side is a synced file's text.
fn said(c: &CrampRecord) -> String {
    let mut said = if c.severity == 0 {
        "no cramps".to_string()
    } else {
        format!("severity {}", c.severity)
    };
    if let Some(side) = &c.side {
        said.push_str(&format!(", {}", text::clean_line(side)));
    }
    if let Some(n) = c.count.filter(|n| *n > 1) {
        said.push_str(&format!(", {n} cramps"));
    }
    said
}

/// The CSV header: the session columns as they always were, then the diary's at the end, so
/// a script that reads columns by position keeps working.
const CSV_HEADER: &str = "id,night,started_at,ended_at,routine,routine_name,outcome,done,planned,held_secs,kind,severity,side,count,note,logged_at";

/// One CSV row, fields not yet quoted; a kind leaves the other kind's columns empty.
fn csv_row(row: &Row, rollover: NaiveTime) -> [String; 16] {
    let empty = String::new;
    match row {
        Row::Session(s) => {
            let (done, planned, held) = tally(s);
            [
                s.id.clone(),
                night_of(s.started_at, rollover).to_string(),
                s.started_at.to_rfc3339(),
                s.ended_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                s.routine.clone(),
                s.routine_name.clone(),
                s.outcome.as_str().to_string(),
                done.to_string(),
                planned.to_string(),
                held.to_string(),
                "session".into(),
                empty(),
                empty(),
                empty(),
                empty(),
                empty(),
            ]
        }
        Row::Cramp(c) => [
            c.id.clone(),
            c.night.to_string(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            "cramp".into(),
            c.severity.to_string(),
            c.side.clone().unwrap_or_default(),
            c.count.map(|n| n.to_string()).unwrap_or_default(),
            c.note.clone().unwrap_or_default(),
            c.logged_at.to_rfc3339(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_has_a_column_for_every_field() {
        assert_eq!(CSV_HEADER.split(',').count(), 16);
    }

    #[test]
    fn a_routine_lists_sessions_and_refuses_the_diary() {
        let query = |kind, routine: Option<&str>| Query {
            kind,
            routine: routine.map(String::from),
            ..Query::default()
        };
        assert_eq!(query(None, None).kinds().ok(), Some((true, true)));
        assert_eq!(query(None, Some("quick")).kinds().ok(), Some((true, false)));
        assert_eq!(
            query(Some(Kind::Cramp), None).kinds().ok(),
            Some((false, true))
        );
        assert!(query(Some(Kind::Cramp), Some("quick")).kinds().is_err());
    }
}
