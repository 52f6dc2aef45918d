//! Text hygiene for anything read from files: control and bidi characters never reach the
//! terminal, text is measured in display columns, and positions are reported the way editors
//! count them.

use std::path::Path;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Removes control characters (C0 except newline and tab, DEL, C1) and bidi controls so that
/// a shared routine can never send escape sequences to the terminal nor reorder what is drawn
/// after it. Tabs become spaces; newlines are kept.
pub fn clean_multiline(text: &str) -> String {
    text.chars()
        .filter(|c| !is_unsafe(*c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// Like [`clean_multiline`], for one-line fields: runs of whitespace become one space.
pub fn clean_line(text: &str) -> String {
    let cleaned: String = text.chars().filter(|c| !is_unsafe(*c)).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A path made fit for one line of output: file names in synced folders are a stranger's.
pub fn clean_path(path: &Path) -> String {
    clean_line(&path.display().to_string())
}

/// JSON made safe to print: each character [`clean_line`] would remove is written as a
/// `\uXXXX` escape instead, so a program gets the same strings and a terminal no control.
/// serde_json already escapes C0 controls, but leaves DEL, C1 and bidi controls raw.
pub fn escape_json_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) {
            // Every such character is in the Basic Multilingual Plane: one escape each.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters other than newline and tab, and the bidi marks, embeddings, overrides
/// and isolates: the terminal draws a line with them in an order ratatui does not know, which
/// leaves stale cells on screen.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// 1-based line and column (in characters) of a byte offset, as editors show them.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// User text made fit for an error message: cleaned, on one line, cut to 40 columns.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    let clean: String = text
        .chars()
        .filter(|c| !is_unsafe(*c))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if width(&clean) <= MAX {
        return clean;
    }
    let mut short = prefix_within(&clean, MAX).to_owned();
    short.push('…');
    short
}

/// [`shorten`], in double quotes.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", shorten(text))
}

/// How many terminal columns the text takes (wide CJK characters take two, marks none).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// The text if it fits in `width` columns; otherwise as much of it as fits in `width - 1`
/// columns followed by `…`. Width 0 gives an empty string.
pub fn truncate(text: &str, width: usize) -> String {
    if self::width(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut cut = prefix_within(text, width - 1).to_owned();
    cut.push('…');
    cut
}

/// [`truncate`]d, then padded with spaces to exactly `width` columns, for table cells. A wide
/// character that would overshoot the last column is left out and its column padded instead.
pub fn pad(text: &str, width: usize) -> String {
    let mut cell = truncate(text, width);
    let used = self::width(&cell);
    cell.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    cell
}

/// Breaks text into lines of at most `width` columns at spaces, keeping its paragraphs
/// (a blank line stays a blank line).
///
/// A word wider than the width is broken between characters, never inside one, and a mark
/// stays with the character it decorates; a single character wider than the whole width
/// (a CJK character at width 1) gets a line of its own. Nothing fits in zero columns, so
/// width 0 gives no lines at all.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() {
                let joined = format!("{line} {word}");
                if self::width(&joined) <= width {
                    line = joined;
                    continue;
                }
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word;
            while self::width(rest) > width {
                let mut piece = prefix_within(rest, width);
                if piece.is_empty() {
                    // One character wider than the whole line: it still has to be shown.
                    piece = clusters(rest).next().unwrap_or(rest);
                }
                lines.push(piece.to_owned());
                rest = &rest[piece.len()..];
            }
            line.push_str(rest);
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// A share from 0 to 1 as a whole percentage, "23 %": the one rounding (half away from zero)
/// every screen, report and command uses, so that one share never reads as two numbers.
pub fn percent(share: f64) -> String {
    format!("{} %", (share * 100.0).round() as i64)
}

/// `x` to the hundredth, half away from zero: the one rounding of the trial's figures, in its
/// JSON and in its words alike.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `x` with two decimals as [`round2`] rounds it, "2.14".
pub fn hundredths(x: f64) -> String {
    format!("{:.2}", round2(x))
}

/// The text with its first letter in capitals, for a sentence made from a clause.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// One CSV field, the only way the program writes one: cleaned of controls (a CSV is often
/// looked at in a terminal), kept from being taken for a formula, and quoted as RFC 4180 asks
/// when it holds a comma, a quote or a line break.
///
/// A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (a tab or a carriage return
/// before them too) as a formula, so such a text gets a leading `'`, as OWASP advises: a note
/// or a synced routine name reaches a clinician's spreadsheet as the words it was. The numbers
/// the program writes (counts, seconds, severities, dates) never begin with one of them.
pub fn csv_field(field: &str) -> String {
    let cleaned = clean_multiline(field);
    let formula =
        field.starts_with(['\t', '\r']) || cleaned.trim_start().starts_with(['=', '+', '-', '@']);
    let field = if formula {
        format!("'{cleaned}")
    } else {
        cleaned
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// The longest run of whole [`clusters`] from the start of `text` that fits in `width`
/// columns, stopping at the first cluster that does not fit.
fn prefix_within(text: &str, width: usize) -> &str {
    let mut end = 0;
    for cluster in clusters(text) {
        let next = end + cluster.len();
        if self::width(&text[..next]) > width {
            break;
        }
        end = next;
    }
    &text[..end]
}

/// A character with the zero-width characters that follow it (combining marks, joiners,
/// variation selectors): the smallest piece that can be cut off without changing how the
/// rest looks. Close enough to a grapheme without another dependency.
fn clusters(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        chars.next()?;
        let end = chars
            .find(|(_, c)| c.width() != Some(0))
            .map_or(rest.len(), |(i, _)| i);
        let (cluster, after) = rest.split_at(end);
        rest = after;
        Some(cluster)
    })
}

/// The valid word closest to a typo, if it is close enough to be what was meant.
pub fn nearest<'a>(typo: &str, valid: &[&'a str]) -> Option<&'a str> {
    let typo = typo.to_lowercase();
    valid
        .iter()
        .map(|v| (strsim::damerau_levenshtein(&typo, v), *v))
        .filter(|(distance, v)| *distance <= (v.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn control_characters_never_survive() {
        let nasty = "Toe\u{1b}[2J curls\u{7}\u{9b}31m\u{7f}\r";
        assert_eq!(clean_line(nasty), "Toe[2J curls31m");
        assert_eq!(clean_multiline("a\tb\nc\u{1b}d"), "a b\ncd");
        assert_eq!(clean_line("  two\n lines\t"), "two lines");
    }

    /// Each raw text, and the CSV field it becomes.
    fn assert_fields(cases: &[(&str, &str)]) {
        for &(raw, field) in cases {
            assert_eq!(csv_field(raw), field, "{raw:?}");
        }
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_fields(&[
            ("Bedtime feet", "Bedtime feet"),
            ("Calves, toes", "\"Calves, toes\""),
            ("The \"quick\" one", "\"The \"\"quick\"\" one\""),
            ("two\nlines", "\"two\nlines\""),
            ("a\u{1b}]0;x\u{7}\u{9b}b", "a]0;xb"),
        ]);
    }

    #[test]
    fn csv_fields_are_never_formulas() {
        assert_fields(&[
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "' =1"),
            ("\r=1", "'=1"),
            ("  =1", "'  =1"),
            ("\n=1", "\"'\n=1\""),
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            // What the program counts stays a number; a word with a sign inside is plain text.
            ("30", "30"),
            ("2026-11-23", "2026-11-23"),
            ("left-calf", "left-calf"),
        ]);
    }

    #[test]
    fn json_keeps_its_strings_and_loses_its_controls() {
        let text = "a\u{1b}]0;x\u{7}\u{9b}\u{202E}\u{7f}b";
        let json = escape_json_controls(&serde_json::to_string(text).expect("json"));
        assert_eq!(json, r#""a\u001b]0;x\u0007\u009b\u202e\u007fb""#);
        assert_eq!(serde_json::from_str::<String>(&json).expect("parses"), text);
        assert_eq!(
            clean_path(Path::new("/h/b\u{1b}[2J.jsonl")),
            "/h/b[2J.jsonl"
        );
    }

    #[test]
    fn bidi_controls_never_survive() {
        assert_eq!(clean_line("abc\u{202E}def"), "abcdef");
        assert_eq!(
            clean_multiline("abc\u{202E}def\n\u{2066}x\u{2069}"),
            "abcdef\nx"
        );
        let every = "\u{200E}\u{200F}\u{061C}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\
                     \u{2066}\u{2067}\u{2068}\u{2069}";
        assert_eq!(clean_line(&format!("a{every}b")), "ab");
        assert_eq!(clean_multiline(&format!("a{every}b")), "ab");
        assert_eq!(shorten(&format!("a{every}b")), "ab");
        // Neighbours of the ranges are ordinary text (or a zero-width joiner) and stay.
        assert_eq!(
            clean_line("a\u{200D}\u{2029}b\u{2070}"),
            "a\u{200D} b\u{2070}"
        );
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let src = "a = 1\nnäme = 2\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        assert_eq!(line_col(src, src.rfind('=').unwrap_or(0)), (2, 6));
        assert_eq!(line_col(src, 10_000), (3, 1));
    }

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("a\n\nb\n", 10), ["a", "", "b"]);
        assert_eq!(
            wrap("unbreakableword x", 5),
            ["unbre", "akabl", "eword", "x"]
        );
        assert_eq!(wrap("ab unbreakable", 5), ["ab", "unbre", "akabl", "e"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn wraps_in_display_columns() {
        let cjk = "把脚跟慢慢放下，感觉小腿后侧拉伸，呼吸。".repeat(3);
        assert_eq!(cjk.chars().count(), 60);
        let lines = wrap(&cjk, 20);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert_eq!(lines.concat(), cjk);
        assert_eq!(lines.len(), 6);
        // An odd width leaves the last column empty rather than splitting a character.
        assert_eq!(wrap("小腿后侧", 5), ["小腿", "后侧"]);
        assert_eq!(wrap("小腿 ab", 7), ["小腿 ab"]);
        assert_eq!(wrap("小腿 ab", 6), ["小腿", "ab"]);
        // A mark stays with its letter.
        assert_eq!(wrap("ne\u{301}e\u{301}", 2), ["ne\u{301}", "e\u{301}"]);
        // A character wider than the whole width is shown alone rather than lost or looping.
        assert_eq!(wrap("小腿", 1), ["小", "腿"]);
    }

    #[test]
    fn zero_width_wraps_to_nothing() {
        assert!(wrap("any text", 0).is_empty());
        assert!(wrap("小腿", 0).is_empty());
    }

    #[test]
    fn truncates_and_pads_in_display_columns() {
        assert_eq!(width("小腿 ab"), 7);
        assert_eq!(truncate("calves", 6), "calves");
        assert_eq!(truncate("calves", 5), "calv…");
        assert_eq!(truncate("calves", 1), "…");
        assert_eq!(truncate("calves", 0), "");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate("小腿后侧", 8), "小腿后侧");
        assert_eq!(truncate("小腿后侧", 7), "小腿后…");
        assert_eq!(truncate("小腿后侧", 6), "小腿…");
        assert_eq!(truncate("ne\u{301}e\u{301}", 2), "n…");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("calves", 5), "calv…");
        assert_eq!(pad("小腿后侧", 6), "小腿… ");
        assert_eq!(pad("小", 1), "…");
        assert_eq!(pad("x", 0), "");
    }

    #[test]
    fn quotes_are_short_and_clean() {
        assert_eq!(quote("0s"), "\"0s\"");
        assert_eq!(quote(&"x".repeat(50)).chars().count(), 43);
        assert_eq!(shorten("a\n b"), "a  b");
        assert_eq!(shorten("   "), "   ");
        assert!(!quote("\u{1b}[31m").contains('\u{1b}'));
        assert_eq!(shorten(&"x".repeat(40)), "x".repeat(40));
        let cjk = shorten(&"腿".repeat(30));
        assert_eq!(cjk, format!("{}…", "腿".repeat(20)));
        assert_eq!(width(&cjk), 41);
    }

    /// Text with the awkward cases mixed in: wide, zero-width, marks, emoji and whitespace.
    fn awkward_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-z 小腿\u{301}\u{200D}\u{FE0F}❤👨\n\t\r]{0,120}",
        ]
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_and_lose_nothing(text in awkward_text(), w in 1usize..100) {
            let lines = wrap(&text, w);
            for line in &lines {
                prop_assert!(
                    width(line) <= w || clusters(line).count() == 1,
                    "{line:?} is {} columns, wider than {w}", width(line)
                );
            }
            let words = |s: &str| s.split_whitespace().collect::<String>();
            prop_assert_eq!(words(&lines.join("\n")), words(&text));
        }

        #[test]
        fn truncated_text_fits_and_is_a_prefix(text in awkward_text(), w in 1usize..100) {
            let cut = truncate(&text, w);
            prop_assert!(width(&cut) <= w, "{cut:?} is wider than {w}");
            if cut != text {
                let kept = cut.strip_suffix('…');
                prop_assert!(kept.is_some_and(|k| text.starts_with(k)), "{cut:?} of {text:?}");
            }
            prop_assert_eq!(width(&pad(&text, w)), w);
        }
    }
}
