//! The invariants the fuzz targets check, one function per target, each taking the fuzzer's
//! raw bytes and panicking when an invariant breaks.
//!
//! They live here rather than in the targets so that the very same code also runs as a
//! proptest twin (`tests/fuzz_twins.rs` includes this file) on every `cargo test`, without a
//! nightly toolchain: the fuzzer explores for hours, the twins guard every commit.
//!
//! Inputs are decoded from plain bytes by hand rather than with `arbitrary`, so that the
//! twins need nothing beyond the main crate's own dependencies.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Duration;

use bedstretch::core::calendar::{Rules, WEEK};
use bedstretch::core::config::{Key, Source, parse_bytes};
use bedstretch::core::history::{HistoryLine, Outcome, SessionRecord, Status, parse_line};
use bedstretch::core::routine::{Routine, Step};
use bedstretch::core::routine_file::parse_routine;
use bedstretch::core::session::{Command, Effect, Moment, Phase, Session};
use bedstretch::core::stats::{SessionFacts, Stats};
use bedstretch::core::text::{clean_line, clean_multiline};
use bedstretch::store::bundled::ART;
use bedstretch::store::history_read::facts_of_lines;
use chrono::{DateTime, FixedOffset, NaiveTime};

/// Every limit DESIGN.md sets on a routine file, as the parser should have enforced it.
const MAX_SECS: u64 = 30 * 60;

/// The wall-clock start given to every fuzzed session: any placeable instant will do.
fn started_at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T22:41:05.123+01:00").expect("a fixed, valid time")
}

/// A routine file's bytes: a routine that keeps every rule, or problems that each name a
/// place; and a routine that parses runs to a completed session.
pub fn routine(data: &[u8]) {
    let routine = match parse_routine("fuzz", data, ART) {
        Ok(routine) => routine,
        Err(problems) => {
            assert!(!problems.is_empty(), "an error must say what is wrong");
            for problem in &problems {
                assert!(problem.line >= 1 && problem.column >= 1, "{problem:?}");
                let message = problem.to_string();
                assert!(!message.contains('\n'), "one line per problem: {message:?}");
                // Values from the file are quoted back; never a raw control or bidi mark.
                assert_eq!(clean_multiline(&message), message.replace('\t', " "));
            }
            return;
        }
    };
    assert!((1..=100).contains(&routine.steps.len()));
    assert!(routine.lead_in_secs <= MAX_SECS);
    assert!(within(&routine.name, 1, 60), "{:?}", routine.name);
    assert!(routine.description.chars().count() <= 1000);
    // Text from a stranger's file reaches the screen: cleaned once, here, for every reader.
    assert_eq!(clean_line(&routine.name), routine.name);
    assert_eq!(clean_multiline(&routine.description), routine.description);
    for step in &routine.steps {
        assert!(within(&step.name, 1, 60), "{:?}", step.name);
        assert_eq!(clean_line(&step.name), step.name);
        assert_eq!(clean_multiline(&step.instructions), step.instructions);
        assert!((1..=MAX_SECS).contains(&step.duration_secs), "{step:?}");
        assert!(step.rest_secs <= MAX_SECS && step.switch_secs <= MAX_SECS);
        assert!(step.sides.len() <= 8);
        for (i, side) in step.sides.iter().enumerate() {
            assert!(within(side, 1, 20), "{side:?}");
            assert_eq!(&clean_line(side), side);
            assert!(
                !step.sides[..i].contains(side),
                "sides differ: {:?}",
                step.sides
            );
        }
        if let Some(reps) = step.reps {
            assert!((1..=100).contains(&reps));
            assert!(
                u64::from(reps) <= step.duration_secs,
                "at most one rep a second"
            );
        }
        assert!(step.instructions.chars().count() <= 1000);
        if let Some(art) = &step.art {
            assert!(ART.iter().any(|(name, _)| *name == art.name));
        }
    }
    // Left alone, any valid routine runs to the end, and its record is all completed.
    let planned = routine.planned_sides();
    let total = Duration::from_secs(routine.total_secs());
    let (mut session, effects) = Session::start(routine, "id".into(), started_at(), Duration::ZERO);
    assert_eq!(session.session_remaining(Duration::ZERO), total);
    let mut finished = finishes(&effects);
    finished += finishes(&session.apply(Command::Tick, total));
    assert_eq!(finished, 1);
    assert_eq!(session.outcome(), Some(Outcome::Completed));
    let record = session.record(started_at());
    assert_eq!(record.steps.len() as u64, planned);
    for step in &record.steps {
        assert!(step.status == Status::Completed && step.done_secs == step.planned_secs);
    }
}

fn within(text: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&text.chars().count())
}

fn finishes(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Finished(_)))
        .count()
}

/// History text, as lossy UTF-8 like the readers take it: every line parses or is skipped,
/// what parses is written back unchanged, and the stats reader agrees with the line parser.
pub fn history_line(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = parse_line(&text);
    let (mut sessions, mut cramps, mut bad) = (Vec::new(), 0, 0);
    for line in text.lines() {
        match parse_line(line) {
            HistoryLine::Session(record) => {
                let again = serde_json::to_string(&record).expect("a record can be written");
                assert_eq!(
                    parse_line(&again),
                    HistoryLine::Session(record.clone()),
                    "written back as read"
                );
                sessions.push(SessionFacts::from(record));
            }
            HistoryLine::Cramp(cramp) => {
                let again = serde_json::to_string(&cramp).expect("a record can be written");
                assert_eq!(parse_line(&again), HistoryLine::Cramp(cramp));
                cramps += 1;
            }
            HistoryLine::Program(program) => {
                let again = serde_json::to_string(&program).expect("a record can be written");
                assert_eq!(parse_line(&again), HistoryLine::Program(program));
            }
            HistoryLine::Pause(pause) => {
                let again = serde_json::to_string(&pause).expect("a record can be written");
                assert_eq!(parse_line(&again), HistoryLine::Pause(pause));
            }
            HistoryLine::Bad(_) => bad += 1,
            HistoryLine::Blank | HistoryLine::OtherKind => {}
        }
    }
    check_stats(&sessions, data);
    let first_line = 7;
    let held = facts_of_lines(&text, first_line);
    assert_eq!(
        held.sessions, sessions,
        "the stats reader keeps the same sessions"
    );
    assert_eq!(held.cramps.len(), cramps);
    assert_eq!(held.bad.first.len() + held.bad.more, bad);
    let lines = text.lines().count();
    for skipped in &held.bad.first {
        assert!((first_line..first_line + lines).contains(&skipped.line));
        assert!(!skipped.why.is_empty());
    }
}

/// What stats make of sessions a stranger's file holds, as of each of their starts (the only
/// moments sure to be placeable), under rules taken from the input's last bytes: counts that
/// nest, a rate that is a share, and a heatmap of the weeks asked for.
fn check_stats(sessions: &[SessionFacts], data: &[u8]) {
    // From the end: a line's first bytes are nearly always `{"v":1`.
    let tail: Vec<u8> = data.iter().rev().take(3).copied().collect();
    let mut bytes = Bytes(&tail);
    let (hour, share, rest) = (bytes.byte(), bytes.byte(), bytes.byte());
    let rules = Rules {
        day_starts_at: NaiveTime::from_hms_opt(u32::from(hour % 24), 0, 0)
            .unwrap_or(NaiveTime::MIN),
        min_completion: f64::from(share % 11) / 10.0,
        rest_days: WEEK
            .iter()
            .zip(0..)
            .filter(|(_, bit)| rest & (1 << bit) != 0)
            .map(|(day, _)| *day)
            .collect(),
        ..Rules::default()
    };
    let ids: HashSet<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
    for as_of in sessions.iter().take(4).map(|s| s.started_at) {
        let stats = Stats::compute(sessions, &rules, as_of);
        assert!(stats.current_streak <= stats.longest_streak, "{stats:?}");
        assert!(stats.longest_streak <= stats.nights_kept, "{stats:?}");
        assert!(
            stats.nights_kept_7d <= stats.nights_kept_30d.min(7),
            "{stats:?}"
        );
        assert!(
            stats.nights_kept_30d <= stats.nights_kept.min(30),
            "{stats:?}"
        );
        assert!(stats.sessions as usize <= ids.len());
        if let Some(rate) = stats.completion_rate_30d {
            assert!((0.0..=1.0).contains(&rate), "{rate}");
        }
        let weeks = stats.heatmap(12);
        assert_eq!(weeks.len(), 12);
        assert!(weeks[11].iter().any(|(night, _)| *night == stats.tonight));
        let _ = stats.in_words();
        let _ = stats.rule_in_words();
    }
}

/// A config file's bytes: a usable config, problems in plain words at a place, and the
/// settings as `bedstretch config` writes them read back the same, without a problem.
pub fn config(data: &[u8]) {
    let mut loaded = parse_bytes(PathBuf::from("config.toml"), data);
    loaded.check_default_routine(
        bedstretch::store::bundled::ROUTINES
            .iter()
            .map(|(id, _)| *id),
    );
    let config = &loaded.config;
    assert!((0.0..=1.0).contains(&config.min_completion));
    assert!(config.rest_days.len() <= 7);
    for problem in &loaded.problems {
        let message = problem.to_string();
        assert!(!message.chars().any(char::is_control), "{message:?}");
        if let Some((line, column)) = problem.place {
            assert!(line >= 1 && column >= 1, "{problem:?}");
        }
    }
    for key in Key::ALL {
        if let Source::File { line, column } = loaded.source(key) {
            assert!(line >= 1 && column >= 1, "{key:?} at {line}:{column}");
        }
    }
    let written: String = Key::ALL
        .iter()
        .map(|key| format!("{} = {}\n", key.name(), key.toml(config)))
        .collect();
    let again = parse_bytes(PathBuf::from("config.toml"), written.as_bytes());
    assert!(again.problems.is_empty(), "{written}\n{:?}", again.problems);
    assert_eq!(&again.config, config, "{written}");
}

/// Reads the fuzzer's bytes one at a time; zeros once they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((first, rest)) => {
                self.0 = rest;
                *first
            }
            None => 0,
        }
    }

    /// A pause length: mostly 0 to 3 s, where the phase changes happen; 255 for the longest.
    fn pause_secs(&mut self) -> u64 {
        match self.byte() {
            255 => MAX_SECS,
            b => u64::from(b % 4),
        }
    }

    /// The next command and how much later it comes, until the bytes run out.
    fn action(&mut self) -> Option<(Command, Duration)> {
        let [command, gap, ..] = *self.0 else {
            return None;
        };
        self.0 = &self.0[2..];
        let action = [
            Command::Tick,
            Command::TogglePause,
            Command::Skip,
            Command::Back,
            Command::Hurt,
            Command::Quit,
        ][usize::from(command % 6)];
        // The rest of the command byte picks the gap's unit: from a busy loop to a laptop lid.
        let unit_ms = [1, 10, 100, 1000][usize::from(command / 6 % 4)];
        Some((action, Duration::from_millis(u64::from(gap) * unit_ms)))
    }
}

/// A routine that keeps the parser's rules (the machine is only ever given checked routines),
/// small enough that random times cross many phases.
fn routine_of(bytes: &mut Bytes<'_>) -> Routine {
    let name_len = usize::from(bytes.byte() % 8);
    let name: String = (0..name_len).map(|_| char::from(bytes.byte())).collect();
    let steps = 1 + bytes.byte() % 4;
    let steps = (0..steps)
        .map(|i| {
            let duration_secs = match bytes.byte() {
                255 => MAX_SECS,
                b => 1 + u64::from(b % 5),
            };
            let sides = (0..bytes.byte() % 4).map(|j| format!("side {j}")).collect();
            let reps = match bytes.byte() % 3 {
                0 => None,
                _ => Some(1 + u32::from(bytes.byte()) % duration_secs.min(100) as u32),
            };
            Step {
                name: format!("Step {i}"),
                duration_secs,
                sides,
                reps,
                instructions: String::new(),
                art: None,
                rest_secs: bytes.pause_secs(),
                switch_secs: bytes.pause_secs(),
            }
        })
        .collect();
    Routine {
        id: "fuzz".into(),
        name: if name.is_empty() { "R".into() } else { name },
        description: String::new(),
        lead_in_secs: bytes.pause_secs(),
        counts: bytes.byte().is_multiple_of(2),
        steps,
    }
}

/// The session machine driven by random commands at random, never decreasing, times: it
/// never panics, its clocks never run backwards or past the plan, it finishes exactly once,
/// and its record has one honest entry per planned step-side.
pub fn session(data: &[u8]) {
    let mut bytes = Bytes(data);
    let routine = routine_of(&mut bytes);
    let planned_sides = routine.planned_sides();
    let end_by_quit = bytes.byte().is_multiple_of(2);
    let origin: Moment = Duration::from_millis(u64::from(bytes.byte()) * 997);
    let (mut session, effects) = Session::start(routine, "id".into(), started_at(), origin);
    let mut finished = finishes(&effects);
    let mut now = origin;
    check_state(&session, now);
    let mut left = session.session_remaining(now);
    while let Some((command, gap)) = bytes.action() {
        let before = (session.phase(), session.elapsed(now));
        now += gap;
        let effects = session.apply(command, now);
        finished += check_effects(&session, &effects, finished);
        check_state(&session, now);
        if command != Command::Back {
            // Only going back can add to the time left; time passing never does.
            let left_now = session.session_remaining(now);
            assert!(left_now <= left, "{command:?}: {left:?} -> {left_now:?}");
            if session.phase() == before.0 && session.phase() != Phase::Done {
                assert!(
                    session.elapsed(now) >= before.1,
                    "a phase's clock ran backwards"
                );
            }
        }
        left = session.session_remaining(now);
    }
    // Drive it to the end: quit, or resume and wait exactly as long as the countdown says.
    if session.phase() != Phase::Done {
        let effects = if end_by_quit {
            session.apply(Command::Quit, now)
        } else {
            if session.is_paused() {
                let effects = session.apply(Command::TogglePause, now);
                finished += check_effects(&session, &effects, finished);
            }
            let left = session.session_remaining(now);
            if !left.is_zero() {
                let mut early = session.clone();
                let effects = early.apply(Command::Tick, now + left - Duration::from_nanos(1));
                assert_eq!(finishes(&effects), 0, "over before the countdown said so");
                assert_ne!(early.phase(), Phase::Done);
            }
            now += left;
            session.apply(Command::Tick, now)
        };
        finished += check_effects(&session, &effects, finished);
        if !end_by_quit {
            assert_eq!(session.outcome(), Some(Outcome::Completed));
        }
    }
    assert_eq!(finished, 1, "exactly one end");
    assert_eq!(session.phase(), Phase::Done);
    assert!(
        session.apply(Command::Skip, now).is_empty(),
        "nothing after the end"
    );

    let ran = now - origin;
    let at = started_at() + chrono::Duration::from_std(ran).expect("a short run");
    let record = session.record(at);
    check_record(&record, planned_sides, ran);
    let line = serde_json::to_string(&record).expect("a record can be written");
    assert_eq!(
        parse_line(&line),
        HistoryLine::Session(record),
        "read back as written"
    );
}

/// After any command: the countdown within the plan, a running phase never at or past its
/// end, and a wait for the next redraw that is never zero (that would be a busy loop).
fn check_state(session: &Session, now: Moment) {
    let phase = session.phase();
    if phase == Phase::Done {
        assert!(session.outcome().is_some());
        assert_eq!(session.session_remaining(now), Duration::ZERO);
        assert_eq!(session.until_next_change(now), None);
        return;
    }
    assert!(session.outcome().is_none());
    let planned = session.planned(phase);
    assert!(
        session.elapsed(now) < planned,
        "{phase:?}: {:?} of {planned:?}",
        session.elapsed(now)
    );
    assert!(session.remaining(now) <= planned);
    assert!(session.shown_secs(now) <= planned.as_secs());
    assert!(session.shown_secs(now) >= 1, "0 is shown only when over");
    match session.until_next_change(now) {
        None => assert!(session.is_paused()),
        Some(wait) => assert!(!wait.is_zero() && wait <= Duration::from_secs(1)),
    }
    if let Some((rep, reps)) = session.rep(now) {
        assert!((1..=reps).contains(&rep));
    }
}

/// The effects of one command: phases that exist, and an end only once, only when over.
fn check_effects(session: &Session, effects: &[Effect], finished_before: usize) -> usize {
    let slots = session.slots().len();
    for effect in effects {
        match effect {
            Effect::Cue(_, Phase::Hold(slot) | Phase::Switch(slot)) => assert!(*slot < slots),
            Effect::Cue(_, Phase::Rest(slot)) => assert!((1..slots).contains(slot)),
            Effect::Finished(outcome) => {
                assert_eq!(session.outcome(), Some(*outcome));
                assert_eq!(session.phase(), Phase::Done);
            }
            Effect::Cue(..) | Effect::SaveProgress => {}
        }
    }
    let finished = finishes(effects);
    if finished_before > 0 {
        assert!(effects.is_empty(), "effects after the end: {effects:?}");
    }
    finished
}

/// The record of a finished session: one entry per planned step-side, none held longer than
/// planned, and together never more than the time the session ran.
fn check_record(record: &SessionRecord, planned_sides: u64, ran: Duration) {
    assert_eq!(
        record.steps.len() as u64,
        planned_sides,
        "one per step-side"
    );
    let mut held = 0;
    for step in &record.steps {
        assert!(step.done_secs <= step.planned_secs, "{step:?}");
        match step.status.known() {
            Some(Status::Completed) => assert_eq!(step.done_secs, step.planned_secs),
            Some(Status::NotReached) => assert_eq!(step.done_secs, 0),
            Some(_) => {}
            None => panic!("a status this version does not know: {step:?}"),
        }
        held += step.done_secs;
    }
    assert!(held <= ran.as_secs(), "held {held} s in {ran:?}");
    let partial = record
        .steps
        .iter()
        .filter(|s| s.status == Status::Partial)
        .count();
    assert!(partial <= 1);
    if record.outcome == Outcome::Completed {
        assert!(
            record.steps.iter().all(|s| {
                !matches!(s.status.known(), Some(Status::NotReached | Status::Partial))
            })
        );
    }
}
