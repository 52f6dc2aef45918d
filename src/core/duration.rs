//! Durations as people write them in routine files ("45s", "1m30s", "2m", 90) and as
//! bedstretch shows them back.

/// Parses `"45s"`, `"1m30s"`, `"2m"` or a plain number of seconds written as a string.
/// Returns `None` for anything else; range checks are the caller's, since they differ by key.
pub fn parse_secs(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let (minutes, rest) = match text.split_once('m') {
        Some((m, rest)) => (Some(m), rest),
        None => (None, text),
    };
    let seconds = match rest {
        "" => None,
        s => Some(s.strip_suffix('s')?),
    };
    if minutes.is_none() && seconds.is_none() {
        return None;
    }
    let number = |digits: &str| -> Option<u64> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    };
    let m = minutes.map(number).unwrap_or(Some(0))?;
    let s = seconds.map(number).unwrap_or(Some(0))?;
    m.checked_mul(60)?.checked_add(s)
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
            ("45s", Some(45)),
            ("1m30s", Some(90)),
            ("2m", Some(120)),
            ("90", Some(90)),
            ("0s", Some(0)),
            (" 30s ", Some(30)),
            ("0m5s", Some(5)),
            ("", None),
            ("s", None),
            ("m", None),
            ("ms", None),
            ("30 sec", None),
            ("1.5m", None),
            ("-5s", None),
            ("1h", None),
            ("5s30m", None),
            ("1m30", None),
            ("99999999999999999999s", None),
        ] {
            assert_eq!(parse_secs(text), want, "{text:?}");
        }
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(format_secs(0), "0s");
        assert_eq!(format_secs(45), "45s");
        assert_eq!(format_secs(120), "2m");
        assert_eq!(format_secs(583), "9m 43s");
        assert_eq!(format_secs(3725), "1h 02m");
    }
}
