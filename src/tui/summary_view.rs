//! The summary at the end of a session: what was held, whether it keeps the night, and
//! whether it was saved. It tells the truth: no praise for a session that kept nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::session::{Recorded, SessionApp, Summary};
use crate::core::duration::format_secs;
use crate::core::history::Outcome;
use crate::core::stats::nights;

use super::theme::Theme;

/// The summary's heading and the sentence under it.
pub fn verdict(summary: &Summary) -> (&'static str, String) {
    let held = format!("{} of {}", summary.completed, summary.planned);
    match (summary.keeps_the_night, summary.outcome) {
        (true, _) if summary.hurt > 0 => (
            "Tonight is kept. Go gently with what hurt.",
            format!("You held {held} stretches."),
        ),
        (true, Outcome::Completed) => (
            "Tonight is kept. Sleep well.",
            format!("You held {held} stretches."),
        ),
        (true, _) => (
            "Stopped early, and tonight is still kept.",
            format!("You held {held} stretches."),
        ),
        (false, _) => (
            "Tonight is not kept yet.",
            format!(
                "You held {held} stretches; {} of them keep a night.",
                summary.needed()
            ),
        ),
    }
}

/// Draws the summary into the body of the screen.
pub fn render(app: &SessionApp, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if app.session.outcome().is_none() {
        return;
    }
    let summary = app.summary();
    let (heading, sentence) = verdict(&summary);
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("  {label:<18}"), theme.dim),
            Span::styled(value, theme.text),
        ])
    };
    let mut lines = vec![
        Line::styled(format!("  {heading}"), theme.title),
        Line::styled(format!("  {sentence}"), theme.text),
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
        Recorded::Saved(Some(stats)) => {
            let tonight = if stats.tonight_kept {
                "tonight kept"
            } else {
                "tonight not kept yet"
            };
            Line::styled(
                format!(
                    "  Saved. Streak: {}, {tonight}.",
                    nights(stats.current_streak)
                ),
                theme.text,
            )
        }
        Recorded::Saved(None) => Line::styled("  Saved to your history.", theme.text),
        Recorded::Failed(problem) => Line::styled(
            format!("  Not saved: {problem}. It will be recovered at the next start."),
            theme.title,
        ),
        Recorded::Pending | Recorded::Nothing => Line::default(),
    };
    lines.push(saved);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
