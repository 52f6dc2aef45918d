//! Pieces every screen uses: the smallest size, the too-small line, insets, the footer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

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
/// shown, and only the last ones (quit, help) keep their words.
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
    let full: usize = table
        .iter()
        .map(|b| b.label.chars().count() + hint(b).chars().count() + 4)
        .sum();
    let compact = full + 1 > area.width as usize;
    let mut spans = vec![Span::raw(" ")];
    for (i, binding) in table.iter().copied().enumerate() {
        spans.push(Span::styled(binding.label, theme.key));
        if (!compact || i + 2 >= table.len()) && !hint(binding).is_empty() {
            spans.push(Span::styled(format!(" {}", hint(binding)), theme.dim));
        }
        spans.push(Span::raw(if compact { "  " } else { "   " }));
    }
    Line::from(spans).render(area, buf);
}
