//! The home screen's other pages: the keys, and the problems found at start in full (the
//! stats have their own, [`super::stats_page`]). Each fits its words to the width and wraps
//! sentences.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::home::{Drawn, HomeAction, HomeApp};
use crate::app::home::{MARK_OVERRIDE, MARK_YOURS};
use crate::core::text::{clean_line, pad, truncate, wrap};

use super::keymap;
use super::theme::Theme;
use super::widgets::{inset, labelled};

/// The key column of the help.
const KEY: usize = 10;

/// Every key of the home screen with what it does, and what the "yours" mark means.
pub fn help(app: &HomeApp, t: &Theme, area: Rect, buf: &mut Buffer) {
    let area = inset(Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    });
    let cols = area.width as usize;
    let rows = area.height as usize;
    let keys: Vec<_> = keymap::HOME
        .iter()
        .filter(|b| !b.label.is_empty())
        .filter(|b| b.action != HomeAction::Problems || !app.problems.is_empty())
        .collect();
    let mut lines = vec![Line::styled("Keys", t.title), Line::default()];
    for binding in &keys {
        labelled(
            &mut lines,
            binding.label,
            binding.help,
            KEY,
            cols,
            (t.key, t.text),
        );
    }
    lines.push(Line::default());
    for (mark, meaning) in [
        (MARK_YOURS, "a routine you made, in your own folder"),
        (
            MARK_OVERRIDE,
            "your version of a bundled routine, used in its place",
        ),
    ] {
        labelled(&mut lines, mark, meaning, KEY, cols, (t.dim, t.text));
    }
    for line in wrap(
        "In a session, ? shows its own keys. In the morning, home asks about last night's \
         cramps: 0 none, 1-9 how bad (t for 10); then how many, 1 to 4 (4 or more), Enter to \
         leave it unsaid; then l, r or b for the foot. s skips the night.",
        cols,
    ) {
        lines.push(Line::styled(line, t.dim));
    }
    if lines.len() > rows {
        // Too short for the whole page: every key still shows, its words cut to one row,
        // or, shorter still, the keys one after another as the footer names them.
        lines = if keys.len() <= rows {
            keys.iter()
                .map(|b| {
                    Line::from(vec![
                        Span::styled(pad(b.label, KEY), t.key),
                        Span::styled(truncate(b.help, cols.saturating_sub(KEY)), t.text),
                    ])
                })
                .collect()
        } else {
            let words: Vec<String> = keys
                .iter()
                .map(|b| format!("{} {}", b.label, b.hint).trim_end().to_string())
                .collect();
            wrap(&words.join(" · "), cols)
                .into_iter()
                .map(|l| Line::styled(l, t.text))
                .collect()
        };
    }
    Paragraph::new(lines).render(area, buf);
}

/// Every problem found at start, wrapped to the width, from the line the model scrolled to.
pub fn problems(app: &HomeApp, t: &Theme, room: &Cell<Drawn>, area: Rect, buf: &mut Buffer) {
    let area = inset(Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    });
    let cols = area.width as usize;
    let title = match app.problems.len() {
        1 => "A problem found at start".to_string(),
        n => format!("{n} problems found at start"),
    };
    Line::styled(truncate(&title, cols), t.title).render(area, buf);
    let mut text = Vec::new();
    for (i, problem) in app.problems.iter().enumerate() {
        if i > 0 {
            text.push(String::new());
        }
        text.extend(wrap(&clean_line(problem), cols));
    }
    let rows = area.height.saturating_sub(2) as usize;
    room.set(Drawn {
        panel_rows: rows,
        panel_lines: text.len(),
        ..room.get()
    });
    // A terminal made larger since the last key may show more than the end: clamp here too.
    let top = app.problems_top.min(text.len().saturating_sub(rows));
    let lines: Vec<Line> = text
        .into_iter()
        .skip(top)
        .take(rows)
        .map(|l| Line::styled(l, t.text))
        .collect();
    Paragraph::new(lines).render(
        Rect {
            y: area.y + 2,
            height: rows as u16,
            ..area
        },
        buf,
    );
}
