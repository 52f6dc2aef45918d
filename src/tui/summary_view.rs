//! The summary at the end of a session: what was done, and whether it was saved.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{SessionApp, Summary};
use crate::core::duration::format_secs;
use crate::core::history::Outcome;

use super::theme::Theme;

/// Draws the summary into the body of the screen.
pub fn render(app: &SessionApp, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(outcome) = app.session.outcome() else {
        return;
    };
    // The record's times do not matter for the counts; any instant will do.
    let record = app
        .session
        .record(chrono::DateTime::UNIX_EPOCH.fixed_offset());
    let summary = Summary::of(&record);
    let heading = match outcome {
        Outcome::Completed if summary.hurt > 0 => "Done. Go gently with what hurt.",
        Outcome::Completed => "Well done. That is tonight's stretching.",
        Outcome::Quit | Outcome::Interrupted => "Stopped early. What you did is saved.",
    };
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("  {label:<18}"), theme.dim),
            Span::styled(value, theme.text),
        ])
    };
    let mut lines = vec![
        Line::styled(format!("  {heading}"), theme.title),
        Line::default(),
        row(
            "Held to the end",
            format!("{} of {}", summary.completed, summary.planned),
        ),
    ];
    if summary.skipped > 0 {
        lines.push(row("Skipped", summary.skipped.to_string()));
    }
    if summary.hurt > 0 {
        lines.push(row("Stopped, it hurt", summary.hurt.to_string()));
    }
    lines.push(row("Time stretching", format_secs(summary.held_secs)));
    lines.push(Line::default());
    let saved = match &app.recorded {
        Some(Ok(message)) => Line::styled(format!("  {message}"), theme.text),
        Some(Err(problem)) => Line::styled(format!("  Not saved: {problem}"), theme.title),
        None => Line::default(),
    };
    lines.push(saved);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
