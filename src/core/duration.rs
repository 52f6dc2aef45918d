//! Durations as people write them in routine files ("45s", "1m 30s", "2 min", "0:30", "1.5m",
//! 90) and as bedstretch shows them back.
//!
//! A written duration is one to three parts, each a number and a unit, largest unit first:
//! hours (h, hr, hrs, hour, hours), minutes (m, min, mins, minute, minutes) and seconds (s,
//! sec, secs, second, seconds), in any case, with or without spaces. A lone number is seconds;
//! "M:SS" and "H:MM:SS" are clock forms. A number may have a fraction ("1.5m") as long as the
//! whole comes to whole seconds: a session counts seconds, so "1.25s" is refused rather than
//! silently rounded. Hours are read so that "1h" is told the limit, not the spelling.

/// Why a written duration could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Not a spelling bedstretch knows; `near` is what a near spelling would mean, if any.
    Spelling {
        /// Seconds of the nearest readable spelling.
        near: Option<u64>,
    },
    /// It comes to a fraction of a second; `near` is the nearest whole number of seconds.
    Fraction {
        /// The nearest whole seconds.
        near: u64,
    },
}

/// Digits kept after a decimal point; a millionth of a minute is already below a second's.
const FRACTION_DIGITS: u32 = 6;
const MICROS: u128 = 10u128.pow(FRACTION_DIGITS);

/// Parses a written duration into seconds. A number too large for any limit saturates, so
/// that it is told the range rather than the spelling; range checks are the caller's, since
/// they differ by key.
pub fn read_secs(text: &str) -> Result<u64, Unreadable> {
    let text = text.trim().to_ascii_lowercase();
    if text.contains(':') {
        return clock(&text).ok_or(Unreadable::Spelling { near: None });
    }
    let Some(parts) = parts(&text) else {
        return Err(Unreadable::Spelling { near: None });
    };
    match strict_micros(&parts) {
        Some(micros) => whole_secs(micros),
        None => Err(Unreadable::Spelling {
            near: lenient_micros(&parts).map(nearest_secs),
        }),
    }
}

/// [`read_secs`] for callers that only need to know whether a duration reads.
pub fn parse_secs(text: &str) -> Option<u64> {
    read_secs(text).ok()
}

/// Seconds from a TOML float such as `90.0`; a negative or huge one saturates to out of range.
pub fn float_secs(value: f64) -> Result<u64, Unreadable> {
    if value.is_nan() {
        return Err(Unreadable::Spelling { near: None });
    }
    if value < 0.0 || value >= u64::MAX as f64 {
        return Ok(u64::MAX);
    }
    let rounded = value.round();
    if rounded != value {
        return Err(Unreadable::Fraction {
            near: rounded as u64,
        });
    }
    Ok(value as u64)
}

/// One written part: a number in millionths, and the word after it ("" when none).
struct Part<'t> {
    micros: u128,
    word: &'t str,
}

/// Splits "1m 30s" into (1, "m"), (30, "s"); `None` when it is not numbers and words.
fn parts(text: &str) -> Option<Vec<Part<'_>>> {
    let mut parts = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let micros = number(&rest[..digits])?;
        rest = rest[digits..].trim_start();
        let letters = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        parts.push(Part {
            micros,
            word: &rest[..letters],
        });
        rest = rest[letters..].trim_start();
        if parts.len() > 3 {
            return None;
        }
    }
    (!parts.is_empty()).then_some(parts)
}

/// "12" or "1.5" in millionths; a number too large saturates.
fn number(text: &str) -> Option<u128> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return None;
    }
    if fraction.len() > FRACTION_DIGITS as usize {
        return None;
    }
    let whole: u128 = whole.parse().unwrap_or(u128::MAX / MICROS / 3600);
    let scale = 10u128.pow(FRACTION_DIGITS - fraction.len() as u32);
    let fraction: u128 = fraction.parse().unwrap_or(0);
    Some(whole.min(u128::from(u64::MAX)) * MICROS + fraction * scale)
}

/// Seconds in one unit word, or `None` for a word bedstretch does not know.
fn unit(word: &str) -> Option<u128> {
    match word {
        "s" | "sec" | "secs" | "second" | "seconds" => Some(1),
        "m" | "min" | "mins" | "minute" | "minutes" => Some(60),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(3600),
        _ => None,
    }
}

/// A guess at the unit meant by a word bedstretch does not know ("sekunden", "x", "").
fn guessed_unit(word: &str, last: bool) -> Option<u128> {
    match word.chars().next() {
        _ if word == "ms" => None,
        Some('m') => Some(60),
        Some('h') => Some(3600),
        Some(_) => Some(1),
        None if last => Some(1),
        None => None,
    }
}

/// The total in millionths of a second when every part is spelt as the format says.
fn strict_micros(parts: &[Part<'_>]) -> Option<u128> {
    if let [only] = parts
        && only.word.is_empty()
    {
        return Some(only.micros);
    }
    total(parts, |part, _| unit(part.word))
}

/// The total a near spelling would mean: unknown words read by their first letter, and a
/// number without a unit after minutes read as seconds ("1m30").
fn lenient_micros(parts: &[Part<'_>]) -> Option<u128> {
    total(parts, |part, last| {
        unit(part.word).or_else(|| guessed_unit(part.word, last))
    })
}

/// Adds up the parts, each unit smaller than the one before it.
fn total(parts: &[Part<'_>], unit_of: impl Fn(&Part<'_>, bool) -> Option<u128>) -> Option<u128> {
    let mut sum: u128 = 0;
    let mut previous = u128::MAX;
    for (i, part) in parts.iter().enumerate() {
        let unit = unit_of(part, i + 1 == parts.len())?;
        if unit >= previous {
            return None;
        }
        previous = unit;
        sum = sum.saturating_add(part.micros.saturating_mul(unit));
    }
    Some(sum)
}

/// Whole seconds from millionths, or the nearest ones when it is a fraction.
fn whole_secs(micros: u128) -> Result<u64, Unreadable> {
    if micros.is_multiple_of(MICROS) {
        Ok(u64::try_from(micros / MICROS).unwrap_or(u64::MAX))
    } else {
        Err(Unreadable::Fraction {
            near: nearest_secs(micros),
        })
    }
}

fn nearest_secs(micros: u128) -> u64 {
    u64::try_from((micros + MICROS / 2) / MICROS).unwrap_or(u64::MAX)
}

/// "M:SS" or "H:MM:SS".
fn clock(text: &str) -> Option<u64> {
    let fields: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&fields.len()) {
        return None;
    }
    let mut secs: u64 = 0;
    for (i, field) in fields.iter().enumerate() {
        if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = field.parse().unwrap_or(u64::MAX);
        if i > 0 && (field.len() != 2 || value >= 60) {
            return None;
        }
        secs = secs.saturating_mul(60).saturating_add(value);
    }
    Some(secs)
}

/// Formats seconds for people: "45s", "2m", "1m 30s", "1h 02m".
pub fn format_secs(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m {s:02}s"),
        (h, m, _) => format!("{h}h {m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_write() {
        for (text, want) in [
            ("45s", Ok(45)),
            ("1m30s", Ok(90)),
            ("1m 30s", Ok(90)),
            ("1 M 30 S", Ok(90)),
            ("2m", Ok(120)),
            ("2 min", Ok(120)),
            ("45 sec", Ok(45)),
            ("30 secs", Ok(30)),
            ("1 minute", Ok(60)),
            ("2 minutes 5 seconds", Ok(125)),
            ("90", Ok(90)),
            ("0s", Ok(0)),
            (" 30s ", Ok(30)),
            ("0m5s", Ok(5)),
            ("0:30", Ok(30)),
            ("1:05", Ok(65)),
            ("1:00:00", Ok(3600)),
            ("1.5m", Ok(90)),
            ("0.5 min", Ok(30)),
            ("1h", Ok(3600)),
            ("1 hour", Ok(3600)),
            ("99999999999999999999s", Ok(u64::MAX)),
            ("1m30", Err(Unreadable::Spelling { near: Some(90) })),
            ("30x", Err(Unreadable::Spelling { near: Some(30) })),
            ("30 sekunden", Err(Unreadable::Spelling { near: Some(30) })),
            ("2 minuten", Err(Unreadable::Spelling { near: Some(120) })),
            ("1.25s", Err(Unreadable::Fraction { near: 1 })),
            ("1.5s", Err(Unreadable::Fraction { near: 2 })),
            ("1.01m", Err(Unreadable::Fraction { near: 61 })),
        ] {
            assert_eq!(read_secs(text), want, "{text:?}");
        }
        for text in [
            "", "s", "m", "ms", "-5s", "5s30m", "1m 2m", "30 ms", "1.", ".5m", "0:5", "0:60", ":30",
        ] {
            let want = Err(Unreadable::Spelling { near: None });
            assert_eq!(read_secs(text), want, "{text:?}: nothing near it either");
        }
    }

    #[test]
    fn reads_toml_floats_of_whole_seconds() {
        assert_eq!(float_secs(90.0), Ok(90));
        assert_eq!(float_secs(0.0), Ok(0));
        assert_eq!(float_secs(1.5), Err(Unreadable::Fraction { near: 2 }));
        assert_eq!(float_secs(-5.0), Ok(u64::MAX));
        assert_eq!(float_secs(f64::INFINITY), Ok(u64::MAX));
        assert_eq!(
            float_secs(f64::NAN),
            Err(Unreadable::Spelling { near: None })
        );
    }

    #[test]
    fn every_shown_duration_reads_back() {
        for secs in [0, 1, 59, 60, 61, 90, 600, 1799, 1800, 3720] {
            assert_eq!(read_secs(&format_secs(secs)), Ok(secs));
        }
    }

    #[test]
    fn formats_for_people() {
        for (secs, shown) in [
            (0, "0s"),
            (45, "45s"),
            (120, "2m"),
            (583, "9m 43s"),
            (3725, "1h 02m"),
        ] {
            assert_eq!(format_secs(secs), shown, "{secs}");
        }
    }
}
