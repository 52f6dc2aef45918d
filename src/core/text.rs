//! Text hygiene for anything read from files: control characters never reach the terminal,
//! and positions are reported the way editors count them.

/// Removes control characters (C0 except newline and tab, DEL, C1) so that a shared routine
/// can never send escape sequences to the terminal. Tabs become spaces; newlines are kept.
pub fn clean_multiline(text: &str) -> String {
    text.chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// Like [`clean_multiline`], for one-line fields: runs of whitespace become one space.
pub fn clean_line(text: &str) -> String {
    let cleaned: String = text.chars().filter(|c| !is_unsafe(*c)).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
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

/// User text made fit for an error message: cleaned, on one line, cut to a readable length.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    let clean: String = text
        .chars()
        .filter(|c| !is_unsafe(*c))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut short: String = clean.chars().take(MAX).collect();
    if clean.chars().count() > MAX {
        short.push('…');
    }
    short
}

/// [`shorten`], in double quotes.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", shorten(text))
}

/// Breaks text into lines of at most `width` characters at spaces, keeping its paragraphs.
/// A word longer than the width gets a line of its own rather than being cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let needed =
                line.chars().count() + word.chars().count() + usize::from(!line.is_empty());
            if !line.is_empty() && needed > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_survive() {
        let nasty = "Toe\u{1b}[2J curls\u{7}\u{9b}31m\u{7f}\r";
        assert_eq!(clean_line(nasty), "Toe[2J curls31m");
        assert_eq!(clean_multiline("a\tb\nc\u{1b}d"), "a b\ncd");
        assert_eq!(clean_line("  two\n lines\t"), "two lines");
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
        assert_eq!(wrap("unbreakableword x", 5), ["unbreakableword", "x"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn quotes_are_short_and_clean() {
        assert_eq!(quote("0s"), "\"0s\"");
        assert_eq!(quote(&"x".repeat(50)).chars().count(), 43);
        assert_eq!(shorten("a\n b"), "a  b");
        assert_eq!(shorten("   "), "   ");
        assert!(!quote("\u{1b}[31m").contains('\u{1b}'));
    }
}
