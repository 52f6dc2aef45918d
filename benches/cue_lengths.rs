//! Each spoken cue of the bundled routines against its slot (the time before the next cue
//! would cut it off): the words as said, the estimate the session fits them with, and how
//! long espeak-ng at its default rate really takes (the length of the sound `espeak-ng -w`
//! writes). A table for BENCHMARKS.md; the session's clock is fixed, so it runs in moments.
//!
//! Run with `cargo bench --bench cue_lengths`; without espeak-ng on the PATH, the measured
//! column is empty.

use std::process::{Command, Stdio};
use std::time::Duration;

use bedstretch::app::announce::{self, Announcement, END_SLOT, Moment};
use bedstretch::app::spoken_length::estimate;
use bedstretch::app::{App, Effect, Msg, NewSession, Now, SessionSettings};
use bedstretch::core::routine_file::parse_routine;
use bedstretch::store::bundled;
use chrono::DateTime;

fn main() {
    let wav = tempfile::NamedTempFile::new().expect("a temp file");
    // Each cue once, where its slot is shortest: sides, steps and routines say much the same.
    let mut rows: Vec<(&str, Announcement, Duration)> = Vec::new();
    for (id, source) in bundled::ROUTINES {
        let routine = parse_routine(id, source.as_bytes(), bundled::ART).expect("valid");
        for (words, slot) in cues(routine) {
            match rows.iter_mut().find(|(_, w, _)| w.spoken == words.spoken) {
                Some(row) => row.2 = row.2.min(slot),
                None => rows.push((id, words, slot)),
            }
        }
    }
    println!("| cue | words | slot | estimate | espeak-ng |");
    println!("| --- | --- | --- | --- | --- |");
    let (mut worst, mut over) = (0.0f64, Vec::new());
    for (id, words, slot) in &rows {
        let estimate = estimate(&words.spoken).as_secs_f64();
        let measured = measure(&words.spoken, wav.path());
        if let Some(m) = measured {
            worst = worst.max((estimate - m).abs());
            if m > slot.as_secs_f64() {
                over.push(words.spoken.clone());
            }
        }
        println!(
            "| {:?} ({id}) | {} | {:.1} s | {estimate:.2} s | {} |",
            words.moment,
            words.spoken,
            slot.as_secs_f64(),
            measured.map_or("-".into(), |m| format!("{m:.2} s")),
        );
    }
    println!(
        "\n{} cues; the estimate is within {worst:.2} s of espeak-ng;",
        rows.len()
    );
    println!("measured longer than their slot: {over:?}");
}

fn at(ms: u64) -> Now {
    let start = DateTime::parse_from_rfc3339("2026-11-23T22:00:00+01:00").expect("time");
    Now {
        moment: Duration::from_millis(ms),
        wall: start + chrono::Duration::milliseconds(ms as i64),
    }
}

/// Every cue a session of `routine` says, run to its end, with its slot.
fn cues(routine: bedstretch::core::routine::Routine) -> Vec<(Announcement, Duration)> {
    let settings = SessionSettings {
        bell: false,
        min_completion: 0.8,
    };
    let new = NewSession {
        routine,
        id: "bench".into(),
    };
    let (mut app, mut effects) = App::session(new, settings, at(0));
    let mut said = Vec::new();
    let mut ms = 0;
    while app.session.as_ref().is_some_and(|s| !s.closed) && ms < 3_600_000 {
        for effect in std::mem::take(&mut effects) {
            match effect {
                Effect::Announce(words) => {
                    let slot = slot_of(&app, &words);
                    said.push((words, slot));
                }
                Effect::Record(_) => effects.extend(app.update(Msg::Recorded(Ok(None)), at(ms))),
                _ => {}
            }
        }
        if !effects.is_empty() {
            continue;
        }
        if app
            .session
            .as_ref()
            .is_some_and(|s| s.session.outcome().is_some())
            && ms > 0
        {
            // Answered and said: over.
            if said.last().is_some_and(|(w, _)| w.moment == Moment::Done) {
                break;
            }
        }
        ms += 250;
        effects = app.update(Msg::Tick, at(ms));
    }
    said
}

/// The slot of words just said, from the phase the session is now in.
fn slot_of(app: &App, words: &Announcement) -> Duration {
    let Some(session) = app.session.as_ref().map(|s| &s.session) else {
        return Duration::ZERO;
    };
    match words.moment {
        Moment::Count(_) => Duration::from_secs(1),
        Moment::Done => END_SLOT,
        _ => announce::slot(session, session.phase()),
    }
}

/// How long espeak-ng takes over `words`: the length of the sound it writes.
fn measure(words: &str, wav: &std::path::Path) -> Option<f64> {
    let written = Command::new("espeak-ng")
        .arg("-w")
        .arg(wav)
        .arg(words)
        .stderr(Stdio::null())
        .status()
        .ok()?;
    if !written.success() {
        return None;
    }
    wav_secs(&std::fs::read(wav).ok()?)
}

/// A WAV file's length: its data chunk's bytes over the bytes a second its format chunk gives.
fn wav_secs(bytes: &[u8]) -> Option<f64> {
    let u32_at = |i: usize| Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
    let mut i = 12;
    let mut per_second = None;
    while i + 8 <= bytes.len() {
        let (id, size) = (bytes.get(i..i + 4)?, u32_at(i + 4)?);
        match id {
            b"fmt " => per_second = u32_at(i + 16),
            // espeak-ng writing to a file may leave the sizes at their largest: the rest is data.
            b"data" => {
                let len = (size as usize).min(bytes.len() - i - 8);
                return Some(len as f64 / f64::from(per_second?));
            }
            _ => {}
        }
        i += 8 + size as usize;
    }
    None
}
