//! What covers the session screen: the quit question and the help.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use super::keymap;
use super::theme::Theme;

fn centered_box(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// "Quit? What you did is saved." over the session, which it has paused.
pub fn confirm_quit(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let rect = centered_box(area, 44, 5);
    Clear.render(rect, buf);
    let lines = vec![
        Line::styled("Quit? What you did is saved.", theme.title),
        Line::from(vec![
            Span::styled("y", theme.key),
            Span::styled(" quit    ", theme.dim),
            Span::styled("n", theme.key),
            Span::styled(" keep going", theme.dim),
        ]),
    ];
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(theme.dim),
        )
        .render(rect, buf);
}

/// The keys, over the session, which it has paused.
pub fn help(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let rows = keymap::SESSION.len() as u16 + 5;
    let rect = centered_box(area, 64, rows);
    let narrow = rect.width < 60;
    Clear.render(rect, buf);
    let mut lines: Vec<Line> = keymap::SESSION
        .iter()
        .map(|b| {
            let keys = if b.keys.len() > 1 {
                format!("{} or {}", b.label, key_name(b.keys[1]))
            } else {
                b.label.to_string()
            };
            Line::from(vec![
                Span::styled(format!("{keys:<8}"), theme.key),
                Span::styled(if narrow { b.hint } else { b.help }, theme.text),
            ])
        })
        .collect();
    lines.push(Line::from(vec![
        Span::styled(format!("{:<8}", "Ctrl-C"), theme.key),
        Span::styled(
            if narrow {
                "quit now"
            } else {
                "quit at once; what you did is saved"
            },
            theme.text,
        ),
    ]));
    lines.push(Line::default());
    lines.push(Line::styled("Any key closes this.", theme.dim));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(theme.dim)
                .title(" Keys "),
        )
        .render(rect, buf);
}

fn key_name(code: crossterm::event::KeyCode) -> String {
    match code {
        crossterm::event::KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}
