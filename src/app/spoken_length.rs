//! How long a speaker takes over a cue, estimated without one, so that a cue can be made
//! shorter before it is said rather than cut off by the next (the voice stops the last words
//! when new ones come).
//!
//! The figures are espeak-ng's at its default rate, 175 words a minute, as measured in
//! BENCHMARKS.md ("Spoken cues against their slots"). A word at that rate is about six letters,
//! so a letter takes 60 ms; a digit is said as a short word, two and a half letters; a sentence
//! break (". ", ": ", "; ") pauses 450 ms and a comma 300 ms; and every cue costs 450 ms more,
//! for starting and for the silence espeak-ng leaves after the last word. Over the bundled
//! routines' cues this is within 0.3 s of the measured length, and mostly errs long.
//!
//! Pure: text in, a duration out.

use std::time::Duration;

/// Every cue: starting, and the silence after the last word.
const BASE_MS: u64 = 450;
/// A letter at 175 words a minute.
const LETTER_MS: u64 = 60;
/// A digit, said as a short word.
const DIGIT_MS: u64 = 150;
/// The pause at a sentence break.
const BREAK_MS: u64 = 450;
/// The pause at a comma.
const COMMA_MS: u64 = 300;

/// How long espeak-ng at its default rate takes to say `text`, estimated.
pub fn estimate(text: &str) -> Duration {
    let mut ms = BASE_MS;
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        // A mark ends a phrase only where a word follows it: "1.5" and a last "." pause nothing.
        let pause_follows = chars.peek().is_some_and(|next| next.is_whitespace());
        ms += match c {
            c if c.is_ascii_digit() => DIGIT_MS,
            c if c.is_alphabetic() => LETTER_MS,
            '.' | ':' | ';' | '?' | '!' if pause_follows => BREAK_MS,
            ',' if pause_follows => COMMA_MS,
            _ => 0,
        };
    }
    Duration::from_millis(ms)
}

/// The first of `forms` (longest first) that can be said within `slot`; the last, the
/// shortest, when none can: it will be cut off, but it is the least that is lost.
pub fn fit(forms: Vec<String>, slot: Duration) -> String {
    let last = forms.len().saturating_sub(1);
    forms
        .into_iter()
        .enumerate()
        .find(|(i, form)| *i == last || estimate(form) <= slot)
        .map(|(_, form)| form)
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "spoken_length_tests.rs"]
mod tests;
