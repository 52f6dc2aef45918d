//! Pieces every screen uses: the smallest size, the too-small line, insets, the footer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::core::text;

use super::keymap::Binding;
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
/// shown, and only the last ones (quit, help) keep their words; then only the last; and in a
/// very narrow terminal the first keys go, so the last word is never cut.
pub fn footer_hints<A: PartialEq + Copy>(
    table: &[Binding<A>],
    pause: Option<(A, &str)>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let hint = |binding: &Binding<A>| match pause {
        Some((action, word)) if binding.action == action => word,
        _ => binding.hint,
    };
    let table: Vec<&Binding<A>> = table.iter().filter(|b| !b.label.is_empty()).collect();
    // (bindings left out at the start, how many at the end keep their word, the gap)
    let mut levels = vec![(0, table.len(), "   "), (0, 2, "  "), (0, 1, "  ")];
    levels.extend((1..table.len()).map(|skip| (skip, 1, "  ")));
    let line = |(skip, worded, gap): (usize, usize, &'static str)| {
        let mut spans = vec![Span::raw(" ")];
        for (i, binding) in table.iter().copied().enumerate().skip(skip) {
            if i > skip {
                spans.push(Span::raw(gap));
            }
            spans.push(Span::styled(binding.label, theme.key));
            if i + worded >= table.len() && !hint(binding).is_empty() {
                spans.push(Span::styled(format!(" {}", hint(binding)), theme.dim));
            }
        }
        Line::from(spans)
    };
    let fits = |line: &Line, margin: usize| {
        let used: usize = line.spans.iter().map(|s| text::width(&s.content)).sum();
        used + margin <= area.width as usize
    };
    let chosen = levels
        .iter()
        .enumerate()
        // The words stay only with room to spare, as they always have: a footer that fills
        // the last column to the edge reads as cut off.
        .map(|(i, level)| (line(*level), if i == 0 { 3 } else { 0 }))
        .find(|(line, margin)| fits(line, *margin))
        .map(|(line, _)| line)
        .unwrap_or_else(|| line((table.len().saturating_sub(1), 1, "  ")));
    chosen.render(area, buf);
}
