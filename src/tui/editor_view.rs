//! Drawing the routine editor: the name and running total, the steps with their problems
//! under them, a status line and the footer; or the keys, over all of it. It only reads the
//! model. Every text from the file is cleaned and fitted in display columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::editor::{EditorApp, EditorOverlay, Field, StepRow, Timing, problem_words};
use crate::core::duration::format_secs;
use crate::core::problem::Problem;
use crate::core::text::{clean_line, clean_multiline, pad, truncate, width, wrap};

use super::editor_keymap;
use super::instructions_box::InstructionsBox;
use super::theme::Theme;
use super::widgets::{MIN_HEIGHT, MIN_WIDTH, chosen_marker, fit_spans, footer_hints, inset};

/// The editor at one moment.
pub struct EditorView<'a> {
    /// What to draw.
    pub app: &'a EditorApp,
    /// The palette.
    pub theme: &'a Theme,
    /// The instructions' text box, while they are written.
    pub writing: &'a InstructionsBox,
}

/// Columns for the keys in the help.
const KEY: usize = 9;

impl Widget for EditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            super::widgets::too_small(self.theme, area, buf);
            return;
        }
        let t = self.theme;
        let row = |y: u16| {
            inset(Rect {
                y,
                height: 1,
                ..area
            })
        };
        let cols = area.width.saturating_sub(2) as usize;
        self.header(cols).render(row(area.y), buf);
        if self.app.overlay != EditorOverlay::Help {
            self.subtitle(cols).render(row(area.y + 1), buf);
        }
        let body = inset(Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(4),
            ..area
        });
        if self.app.overlay == EditorOverlay::Help {
            // The keys take every row below the name, so that even 40x12 lists them all.
            let body = Rect {
                y: area.y + 1,
                height: area.height.saturating_sub(2),
                ..body
            };
            Paragraph::new(self.help(cols, body.height as usize)).render(body, buf);
        } else if self.app.overlay == EditorOverlay::Instructions {
            let step = self
                .app
                .steps()
                .get(self.app.selected)
                .map(|s| s.name.clone());
            let title = format!("Instructions for {}", clean_line(&step.unwrap_or_default()));
            Line::styled(truncate(&title, cols), t.title).render(row(body.y), buf);
            let area = Rect {
                y: body.y + 1,
                height: body.height.saturating_sub(1),
                ..body
            };
            if let Some(text) = self.writing.area() {
                text.render(area, buf);
            }
            self.status(cols).render(row(area.bottom()), buf);
        } else if self.app.overlay == EditorOverlay::Library {
            self.library(body, buf);
            self.status(cols).render(row(area.bottom() - 2), buf);
        } else {
            Paragraph::new(self.steps(cols, body.height as usize)).render(body, buf);
            self.status(cols).render(row(area.bottom() - 2), buf);
        }
        let footer = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        // The footer names the keys with a word; the help lists them all.
        let keys: Vec<_> = editor_keymap::table(self.app.overlay)
            .iter()
            .filter(|b| !b.hint.is_empty())
            .cloned()
            .collect();
        footer_hints(&keys, None, t, footer, buf);
    }
}

impl EditorView<'_> {
    /// "Edit: NAME" and the running total at the right.
    fn header(&self, cols: usize) -> Line<'static> {
        let t = self.theme;
        let total = match self.app.routine() {
            Some(routine) => format!("total {}", format_secs(routine.total_secs())),
            None => "total ?".to_string(),
        };
        let name = clean_line(&self.app.name());
        let room = cols.saturating_sub(width(&total) + 1);
        let title = truncate(&format!("Edit: {name}"), room);
        fit_spans(
            vec![
                Span::styled(pad(&title, room + 1), t.title),
                Span::styled(total, t.text),
            ],
            cols,
        )
    }

    /// The file it is saved as, and whether what shows is saved.
    fn subtitle(&self, cols: usize) -> Line<'static> {
        let app = self.app;
        let state = if app.from_bundled {
            "bundled: saving makes your own copy"
        } else if app.unsaved() {
            "not saved"
        } else {
            "saved"
        };
        let text = format!("{}.toml · {state}", clean_line(&app.id));
        // Narrow, what the save will do matters more than the file's name.
        let text = if width(&text) > cols {
            state.to_string()
        } else {
            text
        };
        Line::styled(truncate(&text, cols), self.theme.dim)
    }

    /// The steps, each with its problems under it, scrolled so the selected one shows.
    fn steps(&self, cols: usize, rows: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let app = self.app;
        let problems = app.problems();
        let mut lines: Vec<Line<'static>> = problems
            .iter()
            .filter(|p| p.step.is_none())
            .map(|p| problem_line(p, cols, t))
            .collect();
        let mut selected_at = 0;
        for timing in Timing::ALL {
            let chosen = app.timing == Some(timing);
            if chosen {
                selected_at = lines.len();
            }
            lines.push(timing_line(app, timing, chosen, cols, t));
        }
        let steps = app.steps();
        let number = steps.len().to_string().len();
        for (i, step) in steps.iter().enumerate() {
            let selected = i == app.selected && app.timing.is_none();
            if selected {
                selected_at = lines.len();
            }
            lines.push(step_line(step, i, number, selected, cols, t));
            if selected {
                lines.push(pauses_line(app, step, cols, t));
            }
            lines.extend(
                problems
                    .iter()
                    .filter(|p| p.step.as_ref().is_some_and(|(n, _)| *n == i + 1))
                    .map(|p| problem_line(p, cols, t)),
            );
        }
        if steps.is_empty() {
            lines.push(Line::styled("No steps.", t.dim));
        }
        // The selected step and, when there is room, the problems under it show.
        // The selected step's pauses line, and its problems, stay in sight with it.
        let below = 1 + usize::from(app.timing.is_none())
            * (1 + problems
                .iter()
                .filter(|p| p.step.as_ref().is_some_and(|(n, _)| *n == app.selected + 1))
                .count());
        let top = (selected_at + below.min(rows)).saturating_sub(rows);
        lines.into_iter().skip(top).take(rows).collect()
    }

    /// The question asked, or the last thing worth telling.
    fn status(&self, cols: usize) -> Line<'static> {
        let t = self.theme;
        let text = match self.app.overlay {
            EditorOverlay::ConfirmLeave => {
                return question(
                    "Leave without saving? y leave, n stay",
                    "Leave without saving?",
                    cols,
                    t,
                );
            }
            EditorOverlay::ConfirmQuit => {
                return question(
                    "Quit bedstretch without saving? y quit, n stay",
                    "Quit without saving?",
                    cols,
                    t,
                );
            }
            EditorOverlay::Rename(field) => return self.typing(Some(field), cols),
            EditorOverlay::Library => return self.typing(None, cols),
            EditorOverlay::Instructions => "Esc keeps them; at most 1000 characters".to_string(),
            _ => self.app.status.clone().unwrap_or_default(),
        };
        Line::styled(truncate(&clean_line(&text), cols), t.text)
    }

    /// The name being typed, its end in sight and the cursor shown reversed.
    fn typing(&self, field: Option<Field>, cols: usize) -> Line<'static> {
        let t = self.theme;
        let label = match field {
            Some(Field::Routine) => "Routine name: ",
            Some(Field::Step) => "Step name: ",
            None => "Find: ",
        };
        let (value, cursor) = self.app.input();
        let value = clean_line(value);
        let chars: Vec<char> = value.chars().collect();
        let cursor = cursor.min(chars.len());
        let before: String = chars[..cursor].iter().collect();
        let at: String = chars.get(cursor).map_or(" ".to_string(), char::to_string);
        let after: String = chars.iter().skip(cursor + 1).collect();
        // When the name is longer than the room, the text before the cursor gives way.
        let room = cols.saturating_sub(width(label) + width(&at));
        let mut before = before;
        while width(&before) > room {
            before.remove(0);
        }
        fit_spans(
            vec![
                Span::styled(label, t.title),
                Span::styled(before, t.text),
                Span::styled(at, t.text.add_modifier(Modifier::REVERSED)),
                Span::styled(after, t.text),
            ],
            cols,
        )
    }

    /// The library's steps for the text typed, the chosen one's instructions under them, and
    /// its illustration beside them when there is room.
    fn library(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let (found, chosen) = self.app.library_matches();
        let picture = found
            .get(chosen)
            .and_then(|s| s.art.as_deref())
            .and_then(|name| self.app.art_picture(name));
        let art_cols = picture.map_or(0, |p| p.lines().map(width).max().unwrap_or(0) as u16);
        let (list, art) = if picture.is_some() && area.width >= art_cols + 40 {
            let list = Rect {
                width: area.width - art_cols - 2,
                ..area
            };
            let art = Rect {
                x: list.right() + 2,
                width: art_cols,
                ..area
            };
            (list, Some(art))
        } else {
            (area, None)
        };
        let cols = list.width as usize;
        let rows = list.height as usize;
        let mut lines = Vec::new();
        if found.is_empty() {
            lines.push(Line::styled("No step matches.", t.dim));
        }
        // Half the rows list the steps, scrolled to the chosen one; the rest say what it is.
        let shown = (rows / 2).max(1);
        let top = (chosen + 1).saturating_sub(shown);
        for (i, step) in found.iter().enumerate().skip(top).take(shown) {
            let (marker, style) = chosen_marker(i == chosen, t, t.text);
            lines.push(fit_spans(
                vec![
                    Span::styled(format!("{marker}{}", clean_line(&step.name)), style),
                    Span::styled(format!(" · {}", clean_line(&step.routine)), t.dim),
                ],
                cols,
            ));
        }
        if let Some(step) = found.get(chosen) {
            lines.push(Line::default());
            for line in wrap(&clean_line(&step.instructions), cols) {
                lines.push(Line::styled(line, t.text));
            }
        }
        Paragraph::new(lines).render(list, buf);
        if let (Some(picture), Some(art)) = (picture, art) {
            let lines: Vec<Line> = picture
                .lines()
                .map(|l| Line::styled(clean_multiline(l), t.art))
                .collect();
            Paragraph::new(lines).render(art, buf);
        }
    }

    /// Every key, with what it does; too short for a line each, the keys flow together.
    fn help(&self, cols: usize, rows: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let mut lines = vec![Line::styled("Keys", t.title)];
        for binding in editor_keymap::EDITOR.iter().filter(|b| !b.label.is_empty()) {
            lines.push(fit_spans(
                vec![
                    Span::styled(pad(binding.label, KEY), t.key),
                    Span::styled(binding.help, t.text),
                ],
                cols,
            ));
        }
        lines.push(fit_spans(
            vec![Span::styled(
                "Saving keeps your comments and layout.",
                t.dim,
            )],
            cols,
        ));
        if lines.len() > rows {
            let words: Vec<String> = editor_keymap::EDITOR
                .iter()
                .filter(|b| !b.label.is_empty())
                // The words before any bracket or semicolon: what the key does, not the fine print.
                .map(|b| {
                    format!(
                        "{} {}",
                        b.label,
                        b.help.split([';', '(']).next().unwrap_or(b.help).trim_end()
                    )
                })
                .collect();
            lines = wrap(&words.join(" · "), cols)
                .into_iter()
                .map(|l| Line::styled(l, t.text))
                .collect();
        }
        lines
    }
}

/// A time as the editor shows it; "?" while the text does not say one.
fn secs_or_unknown(secs: Option<u64>) -> String {
    secs.map_or("?".to_string(), format_secs)
}

/// One of the routine's times, chosen or not.
fn timing_line(
    app: &EditorApp,
    timing: Timing,
    chosen: bool,
    cols: usize,
    t: &Theme,
) -> Line<'static> {
    let (marker, style) = chosen_marker(chosen, t, t.dim);
    let secs = secs_or_unknown(app.timing_secs(timing));
    fit_spans(
        vec![
            Span::styled(format!("{marker}{}", timing.label()), style),
            Span::styled(format!(" {secs}"), style),
        ],
        cols,
    )
}

/// Under the selected step, the pauses it will have: its own, or the routine's.
fn pauses_line(app: &EditorApp, step: &StepRow, cols: usize, t: &Theme) -> Line<'static> {
    let secs = |own: Option<u64>, timing| secs_or_unknown(own.or_else(|| app.timing_secs(timing)));
    let mut text = format!("      rest after {}", secs(step.rest_secs, Timing::Rest));
    if step.sides.len() > 1 {
        text.push_str(&format!(
            " · switch sides {}",
            secs(step.switch_secs, Timing::Switch)
        ));
    }
    Line::styled(truncate(&text, cols), t.dim)
}

/// One step: its number, name, time per side, sides and reps.
fn step_line(
    step: &StepRow,
    i: usize,
    number: usize,
    selected: bool,
    cols: usize,
    t: &Theme,
) -> Line<'static> {
    let (marker, style) = chosen_marker(selected, t, t.text);
    let duration = secs_or_unknown(step.duration_secs);
    let sides = match step.sides.len() {
        0 => String::new(),
        n => format!("×{n}"),
    };
    let reps = step.reps.map(|r| format!("{r} reps")).unwrap_or_default();
    // Wide: the side labels in words; narrow, only how many.
    let side_words = clean_line(&step.sides.join("/"));
    let cells = if cols >= 60 {
        format!("{duration:>7} {:<12} {reps:>8}", truncate(&side_words, 12))
    } else {
        format!("{duration:>7} {sides:<2} {reps:>7}")
    };
    let head = format!("{marker}{:>number$} ", i + 1);
    let name_room = cols.saturating_sub(width(&head) + width(&cells) + 1);
    let name = pad(&truncate(&clean_line(&step.name), name_room), name_room);
    fit_spans(
        vec![
            Span::styled(head, style),
            Span::styled(name, style),
            Span::styled(format!(" {cells}"), t.text),
        ],
        cols,
    )
}

/// A problem, under the step it is in: where, and what is wrong.
fn problem_line(problem: &Problem, cols: usize, t: &Theme) -> Line<'static> {
    let text = format!("    ! {}", clean_line(&problem_words(problem)));
    Line::styled(truncate(&text, cols), t.digits_ending)
}

/// A question on the status line: in full, or its short form where the full one would be
/// cut (the footer under it names the keys).
fn question(full: &str, short: &str, cols: usize, t: &Theme) -> Line<'static> {
    let text = if width(full) <= cols { full } else { short };
    Line::styled(truncate(text, cols), t.title)
}
