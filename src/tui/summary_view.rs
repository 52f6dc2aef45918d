//! The summary at the end of a session: what was held, whether it keeps the night, and
//! whether it was saved. It tells the truth: no praise for a session that kept nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::session::{Recorded, SessionApp};
use crate::app::verdict::{saved_line, verdict};
use crate::core::duration::format_secs;
use crate::core::text::{pad, truncate, width, wrap};

use super::theme::Theme;

/// Draws the summary into the body of the screen. When rows are short, the heading, the held
/// line and the saved line stay; the rest gives way, least needed first.
pub fn render(app: &SessionApp, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if app.session.outcome().is_none() {
        return;
    }
    let block_width = area.width.min(BLOCK_WIDTH);
    let cols = block_width.saturating_sub(3) as usize;
    let room = area.height as usize;
    let lines = fit(parts(app, theme, cols), room, cols);
    // Spare rows go mostly below, so the summary sits a little above the middle.
    let spare = room.saturating_sub(lines.len()) as u16;
    let block = Rect {
        x: area.x + (area.width - block_width) / 2 + 2,
        y: area.y + spare / 3,
        width: block_width.saturating_sub(2),
        height: area.height - spare / 3,
    };
    Paragraph::new(lines).render(block, buf);
}

/// Some lines of the summary, and how much they matter: lower first.
struct Part {
    /// 0 matters most; parts above 2 may give way.
    rank: u8,
    /// Its lines.
    lines: Vec<Line<'static>>,
}

/// Everything the summary says, in the order it is read, each part ranked.
fn parts(app: &SessionApp, theme: &Theme, cols: usize) -> Vec<Part> {
    let summary = app.summary();
    let tonight_kept = match &app.recorded {
        Recorded::Saved(Some(stats)) => Some(stats.tonight_kept),
        _ => None,
    };
    let (heading, sentence) = verdict(&summary, tonight_kept);
    let text = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap(text, cols)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };
    let row = |label: &str, value: String| {
        let label = pad(label, LABEL_COLUMN.min(cols));
        let value = truncate(&value, cols.saturating_sub(width(&label)));
        vec![Line::from(vec![
            Span::styled(label, theme.dim),
            Span::styled(value, theme.text),
        ])]
    };
    let part = |rank: u8, lines: Vec<Line<'static>>| Part { rank, lines };
    let mut parts = vec![
        part(0, text(heading, theme.title)),
        part(3, text(&sentence, theme.text)),
        part(6, vec![Line::default()]),
        part(
            1,
            row(
                "Held to the end",
                format!("{} of {}", summary.completed, summary.planned),
            ),
        ),
    ];
    if summary.skipped > 0 {
        parts.push(part(5, row("Skipped", summary.skipped.to_string())));
    }
    if summary.hurt > 0 {
        parts.push(part(4, row("Stopped, it hurt", summary.hurt.to_string())));
    }
    parts.push(part(
        5,
        row("Time stretching", format_secs(summary.held_secs)),
    ));
    parts.push(part(6, vec![Line::default()]));
    let style = match &app.recorded {
        Recorded::Failed(_) => theme.title,
        _ => theme.text,
    };
    let saved = saved_line(&app.recorded)
        .map(|line| text(&line, style))
        .unwrap_or_default();
    parts.push(part(2, saved));
    parts
}

/// The parts in `room` rows: the least needed give way, the last of equals first; should the
/// rest still be too long, the saved line's end gives way, and says so.
fn fit(mut parts: Vec<Part>, room: usize, cols: usize) -> Vec<Line<'static>> {
    let rows = |parts: &[Part]| parts.iter().map(|p| p.lines.len()).sum::<usize>();
    while rows(&parts) > room {
        let Some(least) = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.rank > 2)
            .max_by_key(|(i, p)| (p.rank, *i))
            .map(|(i, _)| i)
        else {
            break;
        };
        parts.remove(least);
    }
    let mut lines: Vec<Line> = parts.into_iter().flat_map(|p| p.lines).collect();
    if lines.len() > room {
        // Only the saved line can still be too long: its end gives way, and says so.
        lines.truncate(room);
        if let Some(last) = lines.last_mut() {
            let shown: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            *last = Line::styled(
                format!(
                    "{}…",
                    truncate(&shown, cols.saturating_sub(1)).trim_end_matches('…')
                ),
                last.style,
            );
        }
    }
    lines
}

/// Wider than this, the summary is hard to take in at a glance; it is centred instead.
const BLOCK_WIDTH: u16 = 64;
/// Columns for a row's label, so the numbers line up.
const LABEL_COLUMN: usize = 18;
