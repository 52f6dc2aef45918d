//! The home screen's other pages: the stats in words with the heatmap, the keys, and the
//! problems found at start in full. Each fits its words to the width and wraps sentences.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::home::{Drawn, HomeAction, HomeApp};
use crate::app::home::{MARK_OVERRIDE, MARK_YOURS};
use crate::core::text::{clean_line, pad, truncate, width, wrap};

use super::home_heatmap::{MAP_HEIGHT, MAP_WIDTH, heatmap_lines};
use super::home_view::capitalise;
use super::keymap;
use super::theme::Theme;
use super::widgets::inset;

/// The narrowest the stats' words get with the heatmap beside them.
const WORDS_MIN: usize = 40;
/// The label column of the stats and the keys.
const LABEL: usize = 16;
const KEY: usize = 10;

/// Your nights in words, and the heatmap beside them, below them, or not at all.
pub fn stats(app: &HomeApp, t: &Theme, area: Rect, buf: &mut Buffer) {
    let area = inset(Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    });
    let cols = area.width as usize;
    let Some(stats) = &app.stats else {
        Line::styled(truncate("Reading your history…", cols), t.dim).render(area, buf);
        return;
    };
    let map_w = MAP_WIDTH as usize;
    let beside = cols >= WORDS_MIN + 2 + map_w && area.height >= MAP_HEIGHT + 2;
    let words_w = if beside { cols - map_w - 2 } else { cols };
    let mut lines = vec![Line::styled("Your nights", t.title), Line::default()];
    // Each row goes in whole or not at all, so nothing ends cut at the bottom edge.
    let height = area.height as usize;
    for (label, value) in stats.in_words() {
        let mut group = Vec::new();
        labelled(&mut group, label, &value, LABEL, words_w, (t.dim, t.text));
        if lines.len() + group.len() > height {
            break;
        }
        lines.extend(group);
    }
    let rule = format!("{}.", capitalise(&stats.rule_in_words()));
    let rule = wrap(&rule, words_w);
    if lines.len() + 1 + rule.len() <= height {
        lines.push(Line::default());
        lines.extend(rule.into_iter().map(|l| Line::styled(l, t.dim)));
    }
    let text_rows = lines.len() as u16;
    Paragraph::new(lines).render(area, buf);
    let map = if beside {
        Some(Rect {
            x: area.right() - MAP_WIDTH,
            y: area.y + 2,
            width: MAP_WIDTH,
            height: MAP_HEIGHT,
        })
    } else if area.height >= text_rows + 1 + MAP_HEIGHT {
        Some(Rect {
            y: area.y + text_rows + 1,
            width: MAP_WIDTH.min(area.width),
            height: MAP_HEIGHT,
            ..area
        })
    } else {
        // No room for all of it: the heatmap is the first thing to go.
        None
    };
    if let Some(map) = map {
        Paragraph::new(heatmap_lines(stats, t)).render(map, buf);
    }
}

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
         cramps: 0 none, 1-9 how bad, then l, r or b for the foot; s skips the night.",
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

/// A label in its column and the words wrapped beside it; in a narrow terminal the words go
/// under the label, indented, rather than being squeezed.
fn labelled(
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
