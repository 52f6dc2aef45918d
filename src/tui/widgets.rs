//! Pieces every screen uses: the smallest size, the too-small line, insets, the footer,
//! a label beside its words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::core::text::{pad, truncate, width, wrap};

use super::binding::Binding;
use super::theme::Theme;

/// The smallest terminal the screens are drawn in.
pub const MIN_WIDTH: u16 = 30;
/// The smallest terminal the screens are drawn in.
pub const MIN_HEIGHT: u16 = 8;

/// Asks for a larger terminal, for any screen drawn below the smallest size.
pub fn too_small(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = format!("Make the terminal larger (at least {MIN_WIDTH}x{MIN_HEIGHT}).");
    Paragraph::new(text)
        .style(theme.text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The area less a column on each side.
pub fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        width: area.width.saturating_sub(2),
        ..area
    }
}

/// The footer: each binding's key and word. When they do not all fit, every key is still
/// shown, and only the last ones (quit, help) keep their words.
pub fn footer_hints<A: PartialEq>(
    table: &[Binding<A>],
    pause: Option<(A, &str)>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let hint = |binding: &Binding<A>| match &pause {
        Some((action, word)) if binding.action == *action => word,
        _ => binding.hint,
    };
    let table: Vec<&Binding<A>> = table.iter().filter(|b| !b.label.is_empty()).collect();
    let full: usize = table
        .iter()
        .map(|b| width(b.label) + width(hint(b)) + 4)
        .sum();
    let compact = full + 1 > area.width as usize;
    // Compact, the keys alone take this much with two spaces between them and the last two
    // keys' words; when even that is too wide, one space, and then only the last key's words,
    // keep every key and the way out on the row.
    let words = |last: usize| -> usize {
        let words = table.iter().rev().take(last);
        words.map(|b| width(hint(b)) + 1).sum()
    };
    let labels: usize = table.iter().map(|b| width(b.label) + 1).sum();
    let cols = area.width as usize;
    let (gap, worded) = if !compact {
        ("   ", table.len())
    } else if labels + table.len() + words(2) < cols {
        ("  ", 2)
    } else if labels + words(2) < cols {
        (" ", 2)
    } else {
        (" ", 1)
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, binding) in table.iter().copied().enumerate() {
        spans.push(Span::styled(binding.label, theme.key));
        if i + worded >= table.len() && !hint(binding).is_empty() {
            spans.push(Span::styled(format!(" {}", hint(binding)), theme.dim));
        }
        spans.push(Span::raw(gap));
    }
    Line::from(spans).render(area, buf);
}

/// The marker before a list's row and the row's style: "› " and the title's style for the
/// chosen row, two spaces and `other` for the rest.
pub fn chosen_marker(chosen: bool, t: &Theme, other: Style) -> (&'static str, Style) {
    if chosen {
        ("› ", t.title)
    } else {
        ("  ", other)
    }
}

/// Styled pieces of one line, cut to `cols` display columns with `…` when they do not fit.
pub fn fit_spans(spans: Vec<Span<'static>>, cols: usize) -> Line<'static> {
    if cols == 0 {
        return Line::default();
    }
    if spans.iter().map(|s| width(&s.content)).sum::<usize>() <= cols {
        return Line::from(spans);
    }
    let mut left = cols;
    let mut out = Vec::new();
    for span in spans {
        let w = width(&span.content);
        if w < left {
            left -= w;
            out.push(span);
            continue;
        }
        // Something follows this piece, so even one that fills the row exactly loses its end
        // to the `…` that says so.
        let cut = truncate(&format!("{}…", span.content), left);
        let kept = cut.strip_suffix('…').unwrap_or(&cut).trim_end();
        out.push(Span::styled(format!("{kept}…"), span.style));
        break;
    }
    Line::from(out)
}

/// A legend: each mark (its symbol and style) with its word, two spaces apart, flowed into
/// lines of `cols` columns, at most `rows` of them; what does not fit is left out.
pub fn legend(
    items: Vec<((&'static str, Style), &'static str)>,
    cols: usize,
    rows: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for ((symbol, style), word) in items {
        let wide = width(symbol) + 1 + width(word);
        if used > 0 && used + 2 + wide > cols {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if lines.len() == rows || wide > cols {
            break;
        }
        if used > 0 {
            spans.push(Span::raw("  "));
            used += 2;
        }
        spans.push(Span::styled(symbol, style));
        spans.push(Span::styled(format!(" {word}"), t.dim));
        used += wide;
    }
    if !spans.is_empty() && lines.len() < rows {
        lines.push(Line::from(spans));
    }
    lines
}

/// A label in its column and the words wrapped beside it; in a narrow terminal the words go
/// under the label, indented, rather than being squeezed.
pub(super) fn labelled(
    lines: &mut Vec<Line<'static>>,
    label: &str,
    words: &str,
    label_w: usize,
    cols: usize,
    (label_style, words_style): (Style, Style),
) {
    let beside = cols >= label_w + 16 && width(label) < label_w;
    if beside {
        for (i, line) in wrap(words, cols - label_w).into_iter().enumerate() {
            let head = if i == 0 {
                pad(label, label_w)
            } else {
                " ".repeat(label_w)
            };
            lines.push(Line::from(vec![
                Span::styled(head, label_style),
                Span::styled(line, words_style),
            ]));
        }
    } else {
        lines.push(Line::styled(truncate(label, cols), label_style));
        for line in wrap(words, cols.saturating_sub(2)) {
            lines.push(Line::styled(format!("  {line}"), words_style));
        }
    }
}

/// Rows from which the pieces of a page get a blank row between them.
pub const ROOMY: usize = 14;

/// Rows left on the page, and the blank row each piece after the first costs.
pub struct Room {
    /// Rows not yet taken.
    pub left: usize,
    /// Rows between two pieces.
    pub gap: usize,
    /// Whether a piece was taken, so that the next pays the gap.
    pub placed: bool,
}

impl Room {
    /// `rows` to fill, with a blank row between pieces when there are at least [`ROOMY`].
    pub fn new(rows: usize) -> Self {
        Self {
            left: rows,
            gap: usize::from(rows >= ROOMY),
            placed: false,
        }
    }

    /// Rows a piece may have once the gap before it is paid.
    pub fn free(&self) -> usize {
        let gap = if self.placed { self.gap } else { 0 };
        self.left.saturating_sub(gap)
    }

    /// The piece, if it has lines and fits whole.
    pub fn take(&mut self, lines: Vec<Line<'static>>) -> Option<Vec<Line<'static>>> {
        if lines.is_empty() || lines.len() > self.free() {
            return None;
        }
        self.left = self.free() - lines.len();
        self.placed = true;
        Some(lines)
    }
}

/// Text as lines in one style.
pub fn lines(text: Vec<String>, style: Style) -> Vec<Line<'static>> {
    text.into_iter().map(|l| Line::styled(l, style)).collect()
}

/// The pieces that were taken, in order, `gap` blank rows between two.
pub fn stack(pieces: Vec<Option<Vec<Line<'static>>>>, gap: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    for piece in pieces.into_iter().flatten() {
        if !lines.is_empty() {
            lines.extend(std::iter::repeat_n(Line::default(), gap));
        }
        lines.extend(piece);
    }
    lines
}
