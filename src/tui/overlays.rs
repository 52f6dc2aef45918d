//! What covers the session screen: the quit question and the help.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::core::text::{pad, width};

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

/// The keys the session's table does not hold, as (key, hint, help): the terminal's own.
const TERMINAL_KEYS: [(&str, &str, &str); 2] = [
    ("Ctrl-C", "quit now", "quit at once; what you did is saved"),
    (
        "Ctrl-Z",
        "suspend",
        "suspend to the shell; the session pauses",
    ),
];

/// A key of the session's as the help lists it: (key, hint, help), like [`TERMINAL_KEYS`].
type HelpKey = (String, &'static str, &'static str);

/// The keys, over the session, which it has paused; the last line says so. Narrow, each key
/// keeps only a word; short, the keys go two to a row. The footer row stays uncovered.
pub fn help(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let keys: Vec<HelpKey> = keymap::SESSION
        .iter()
        .map(|b| {
            let keys = match b.keys.get(1) {
                Some(other) => format!("{} or {}", b.label, key_name(*other)),
                None => b.label.to_string(),
            };
            (keys, b.hint, b.help)
        })
        .collect();
    // A border, the keys, a blank row, and how to close it.
    let tall = (keys.len() + TERMINAL_KEYS.len()) as u16 + 4;
    let inner = centered_box(area, 64, tall).width.saturating_sub(2) as usize;
    let mut lines = if area.height >= tall {
        one_to_a_row(&keys, theme, inner < 58)
    } else {
        two_to_a_row(&keys, theme, inner)
    };
    if area.height >= tall {
        lines.push(Line::default());
    }
    let closing = if inner >= 45 {
        "Paused while this shows. Any key closes this."
    } else {
        "Paused. Any key closes this."
    };
    lines.push(Line::styled(closing, theme.dim));
    let rect = centered_box(area, 64, lines.len() as u16 + 2);
    Clear.render(rect, buf);
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

/// Every key on a row of its own with what it does: in a word when `narrow`.
fn one_to_a_row(keys: &[HelpKey], theme: &Theme, narrow: bool) -> Vec<Line<'static>> {
    let every = keys
        .iter()
        .map(|(k, hint, help)| (k.as_str(), *hint, *help))
        .chain(TERMINAL_KEYS);
    every
        .map(|(k, hint, help)| {
            Line::from(vec![
                key_span(k, KEY_COLUMN + 1, theme),
                Span::styled(if narrow { hint } else { help }, theme.text),
            ])
        })
        .collect()
}

/// Two keys to a row, then the terminal's keys on a row of their own: every key still shows.
fn two_to_a_row(keys: &[HelpKey], theme: &Theme, inner: usize) -> Vec<Line<'static>> {
    let first_column = keys
        .iter()
        .step_by(2)
        .map(|(_, hint, _)| KEY_COLUMN + width(hint) + 2)
        .max()
        .unwrap_or(0)
        .max(KEY_COLUMN);
    let mut lines: Vec<Line> = keys
        .chunks(2)
        .map(|pair| {
            let mut spans = Vec::new();
            for (i, (k, hint, _)) in pair.iter().enumerate() {
                spans.push(key_span(k, KEY_COLUMN, theme));
                let hint = if i == 0 {
                    pad(hint, first_column - KEY_COLUMN)
                } else {
                    hint.to_string()
                };
                spans.push(Span::styled(hint, theme.text));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(terminal_keys_row(theme, inner));
    lines
}

/// A key's name in its column.
fn key_span(key: &str, cols: usize, theme: &Theme) -> Span<'static> {
    Span::styled(pad(key, cols), theme.key)
}

/// Ctrl-C and Ctrl-Z on one row, "quit now" shortened to "quit" when the row is narrow.
fn terminal_keys_row(theme: &Theme, inner: usize) -> Line<'static> {
    let [(quit, quit_hint, _), (suspend, suspend_hint, _)] = TERMINAL_KEYS;
    let long = format!("{quit} {quit_hint}  {suspend} {suspend_hint}");
    let quit_hint = if width(&long) <= inner {
        quit_hint
    } else {
        "quit"
    };
    Line::from(vec![
        Span::styled(format!("{quit} "), theme.key),
        Span::styled(format!("{quit_hint}  "), theme.text),
        Span::styled(format!("{suspend} "), theme.key),
        Span::styled(suspend_hint, theme.text),
    ])
}

/// Columns for a key's name in the help, two to a row: "Ctrl-C" and a space; one to a row,
/// a second space sets the words apart.
const KEY_COLUMN: usize = 7;

fn key_name(code: crossterm::event::KeyCode) -> String {
    match code {
        crossterm::event::KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}
