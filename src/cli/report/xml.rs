//! Text made safe for XML, which the HTML page (XHTML) and its SVG charts both are.

use crate::core::text;

/// Text made safe for XHTML, in content and in quoted attributes alike: controls and bidi
/// marks removed (XML forbids most controls outright), the two code points XML never allows
/// dropped, and the five markup characters escaped.
pub fn esc(raw: &str) -> String {
    let mut out = String::new();
    for c in text::clean_line(raw).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn text_from_files_is_escaped_and_cleaned() {
        assert_eq!(
            esc("<b>& \"calf\" it's"),
            "&lt;b&gt;&amp; &quot;calf&quot; it&#39;s"
        );
        assert_eq!(esc("a\u{1b}[2J\u{7}b\u{FFFF}\u{202e}c"), "a[2Jbc");
    }
}
