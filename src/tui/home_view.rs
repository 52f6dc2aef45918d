//! Drawing the home screen: tonight, the streak and its rule, the routines, twelve weeks of
//! nights and the last sessions. It only reads the model; what it had room for (how many rows
//! a page of routines had) it leaves in `room`, which the loop passes back as a message.
//!
//! Everything is measured in display columns and fitted before it is drawn: a label is
//! whole where it is drawn, shortened with `…`, wrapped, or left out; never overwritten. What
//! is left out as room shrinks is worked out in [`super::home_layout`].

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::diary::Stage;
use crate::app::home::{Drawn, HistoryState, HomeAction, HomeApp, HomePage as View};
use crate::core::stats::nights;
use crate::core::text::{capitalise, clean_line, truncate, width, wrap};
use crate::core::worth_discussing;

use super::binding::Binding;
use super::home_heatmap::{MAP_WIDTH, heatmap_lines, map_height};
use super::home_layout::{self, MapAt, Rows, Wants, fit_note, fit_one, fit_tonight, window};
use super::home_lists::{RowCells, recent_lines};
use super::home_pages;
use super::keymap;
use super::stats_page;
use super::theme::Theme;
use super::widgets::{MIN_HEIGHT, MIN_WIDTH, footer_hints, inset, too_small};

/// The home screen at one moment.
pub struct HomeView<'a> {
    /// What to draw.
    pub app: &'a HomeApp,
    /// The theme.
    pub theme: &'a Theme,
    /// Where the view leaves what it had room for; see [`Drawn`].
    pub room: &'a Cell<Drawn>,
}

/// What the main page says, before it is laid out.
struct MainText {
    /// Tonight's word and its style, once the stats are known.
    tonight: Option<(&'static str, Style)>,
    /// The streak, from the longest wording to the shortest.
    streaks: Vec<String>,
    /// Why the history could not be read, when it could not.
    failed: Option<String>,
    /// The status line and its style.
    note: Option<(String, Style)>,
    /// The morning question and its keys.
    prompt: Vec<Line<'static>>,
    /// The rule sentence, wrapped.
    rule: Vec<String>,
    /// The trial's line in the wording that fits; empty without a trial.
    trial: Vec<String>,
    /// Why the morning question matters to the trial, when a wording fits one row.
    why: Vec<String>,
    /// The doctor line, wrapped; empty when no night of the week is worth discussing.
    doctor: Vec<String>,
    /// The recent sessions with their title.
    recent: Vec<Line<'static>>,
}

/// The narrowest the routine list gets with the heatmap beside it.
const LIST_MIN: u16 = 26;

impl Widget for HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self.theme, area, buf);
            return;
        }
        let row = |y: u16| Rect {
            y,
            height: 1,
            ..area
        };
        self.header(inset(row(area.y)), buf);
        let body = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        match self.app.page {
            View::Main => self.main(body, buf),
            View::Stats => stats_page::draw(self.app, self.theme, body, buf),
            View::Help => home_pages::help(self.app, self.theme, body, buf),
            View::Problems => home_pages::problems(self.app, self.theme, self.room, body, buf),
        }
        let footer = row(area.bottom() - 1);
        match self.app.page {
            View::Main => {
                footer_hints(&main_keys(self.app), None, self.theme, footer, buf);
            }
            View::Stats => {
                footer_hints(&stats_page::keys(self.app), None, self.theme, footer, buf);
            }
            View::Help => footer_hints(keymap::HOME_BACK, None, self.theme, footer, buf),
            View::Problems => {
                footer_hints(keymap::HOME_PROBLEMS, None, self.theme, footer, buf);
            }
        }
    }
}

/// The main page's keys with a word in the footer; `!` only when there are problems to see.
/// The footer has no room for every word at 80 columns: the arrows, which the marked list
/// makes plain, give theirs up, and the three editing keys share one entry.
pub fn main_keys(app: &HomeApp) -> Vec<Binding<HomeAction>> {
    if let Some(prompt) = &app.prompt {
        let table = match prompt.stage {
            Stage::Ask => keymap::HOME_PROMPT,
            Stage::Count { .. } => keymap::HOME_PROMPT_COUNT,
            Stage::Side { .. } => keymap::HOME_PROMPT_FOOT,
        };
        let quit = keymap::HOME.iter().filter(|b| b.action == HomeAction::Quit);
        return table.iter().chain(quit).copied().collect();
    }
    let editing = [HomeAction::Edit, HomeAction::New, HomeAction::Copy];
    let mut keys = Vec::new();
    for binding in keymap::HOME {
        if binding.hint.is_empty() || matches!(binding.action, HomeAction::Up) {
            continue;
        }
        if binding.action == HomeAction::Problems && app.problems.is_empty() {
            continue;
        }
        if binding.action == HomeAction::Edit {
            keys.push(keymap::HOME_EDITING);
        } else if !editing.contains(&binding.action) {
            keys.push(*binding);
        }
    }
    keys
}

impl HomeView<'_> {
    /// The name on the left; tonight's date on the right, shortened or left out when the two
    /// would come closer than two columns.
    fn header(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let name = "bedstretch";
        Line::styled(name, t.dim).render(area, buf);
        if let Some(stats) = &self.app.stats {
            let dates = [
                stats.tonight.format("%A %-d %B").to_string(),
                stats.tonight.format("%a %-d %b").to_string(),
            ];
            let room = (area.width as usize).saturating_sub(width(name) + 2);
            if let Some(date) = home_layout::first_fitting(&dates, room) {
                Line::styled(date.clone(), t.dim)
                    .right_aligned()
                    .render(area, buf);
            }
        }
    }

    /// The main page from the top: tonight, the morning question, the rule, the routines
    /// (with the heatmap beside or below them), the recent sessions, and the status line.
    fn main(&self, body: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let cols = body.width.saturating_sub(2) as usize;
        let text = self.main_text(cols);
        let rows = home_layout::share(&self.wants(&text, cols), body.height);
        let inner = inset(body);
        let at = |y: u16, height: u16| Rect { y, height, ..inner };
        let mut y = body.y + u16::from(rows.gap_top);

        self.tonight(&text, cols, at(y, rows.tonight), buf);
        y += rows.tonight;
        let MainText {
            prompt,
            rule,
            recent,
            note,
            trial,
            why,
            doctor,
            ..
        } = text;
        draw_lines(trial, t.text, at(y, rows.trial), buf);
        y += rows.trial;
        let asked: Vec<Line> = prompt.into_iter().take(rows.prompt as usize).collect();
        Paragraph::new(asked).render(at(y, rows.prompt), buf);
        y += rows.prompt;
        draw_lines(why, t.dim, at(y, rows.why), buf);
        y += rows.why;
        draw_lines(rule, t.dim, at(y, rows.rule), buf);
        y += rows.rule;
        draw_lines(doctor, t.text, at(y, rows.doctor), buf);
        y += rows.doctor + u16::from(rows.gap_list);

        self.list_and_map(&rows, at(y, rows.list_block), buf);
        y += rows.list_block + u16::from(rows.gap_recent);
        Paragraph::new(
            recent
                .into_iter()
                .take(rows.recent as usize)
                .collect::<Vec<_>>(),
        )
        .render(at(y, rows.recent), buf);
        y += rows.recent;
        if let (MapAt::Below, Some(stats)) = (rows.map, &self.app.stats) {
            let map = Rect {
                width: MAP_WIDTH.min(inner.width),
                ..at(y + 1, map_height(stats))
            };
            Paragraph::new(heatmap_lines(stats, t)).render(map, buf);
        }
        if let Some((note, style)) = note {
            let lines = fit_note(&note, cols, rows.status as usize);
            draw_lines(
                lines,
                style,
                at(body.bottom() - rows.status, rows.status),
                buf,
            );
        }
    }

    /// What the main page says, worked out before it is laid out.
    fn main_text(&self, cols: usize) -> MainText {
        let t = self.theme;
        let app = self.app;
        let tonight = app.stats.as_ref().map(|s| {
            if s.tonight_kept {
                ("Kept tonight", t.digits)
            } else {
                ("Not yet tonight", t.title)
            }
        });
        let streaks: Vec<String> = app
            .stats
            .as_ref()
            .map(|s| {
                vec![
                    format!(
                        "Streak {} · longest {}",
                        nights(s.current_streak),
                        s.longest_streak
                    ),
                    format!("Streak {}", nights(s.current_streak)),
                    format!("Streak {}", s.current_streak),
                ]
            })
            .unwrap_or_default();
        let failed = match &app.history {
            HistoryState::Failed(problem) => Some(format!(
                "Your history could not be read: {}",
                clean_line(problem)
            )),
            _ => None,
        };
        let prompt = self.prompt_lines(cols);
        // The rule is for the evening; in the morning the question takes its place, and
        // when the streak has just broken, the offer to pause the nights since.
        let rule = app
            .stats
            .as_ref()
            .filter(|_| prompt.is_empty())
            .map(|s| match app.broken {
                Some(broken) => wrap(&pause_offer(broken.after), cols),
                None => wrap(&format!("{}.", capitalise(&s.rule_in_words())), cols),
            })
            .unwrap_or_default();
        // The trial's words quote a routine's name, from a file.
        let trial: Vec<String> = app.trial.iter().map(|form| clean_line(form)).collect();
        let why: Vec<String> = match (&app.prompt, prompt.is_empty()) {
            (Some(asked), false) => asked.why().iter().map(|w| w.to_string()).collect(),
            _ => Vec::new(),
        };
        MainText {
            tonight,
            streaks,
            failed,
            note: self.note(cols),
            prompt,
            rule,
            trial: fit_one(&trial, cols, true).into_iter().collect(),
            why: fit_one(&why, cols, false).into_iter().collect(),
            doctor: match app.worth_discussing {
                true => wrap(worth_discussing::LINE, cols),
                false => Vec::new(),
            },
            recent: recent_lines(app, t, cols),
        }
    }

    /// The rows each part of the main page would like.
    fn wants(&self, text: &MainText, cols: usize) -> Wants {
        let app = self.app;
        Wants {
            tonight: match (&text.failed, text.tonight) {
                (Some(failed), _) => wrap(failed, cols).len() as u16,
                (None, Some((label, _))) => {
                    let fit = fit_tonight(label, &text.streaks, cols, true);
                    1 + u16::from(fit.own_row.is_some())
                }
                (None, None) => 1,
            },
            prompt: text.prompt.len() as u16,
            status: u16::from(text.note.is_some()),
            status_wrapped: text
                .note
                .as_ref()
                .map_or(0, |n| wrap(&n.0, cols).len().min(2) as u16),
            routines: app.routines.len().min(u16::MAX as usize) as u16,
            rule: text.rule.len() as u16,
            trial: text.trial.len() as u16,
            why: text.why.len() as u16,
            doctor: text.doctor.len() as u16,
            recent: text.recent.len() as u16,
            map: app.stats.is_some() && text.failed.is_none(),
            map_beside: cols >= (LIST_MIN + 2 + MAP_WIDTH) as usize,
            map_rows: app.stats.as_ref().map_or(0, map_height),
        }
    }

    /// Tonight's line and the streak, or why the history could not be read, or that it is
    /// still being read.
    fn tonight(&self, text: &MainText, cols: usize, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let row = |y: u16| Rect {
            y,
            height: 1,
            ..area
        };
        match (&text.failed, text.tonight) {
            (Some(failed), _) => {
                let lines = fit_note(failed, cols, area.height as usize);
                draw_lines(lines, t.title, area, buf);
            }
            (None, Some((label, style))) => {
                let fit = fit_tonight(label, &text.streaks, cols, area.height >= 2);
                Line::styled(label, style).render(row(area.y), buf);
                if let Some(streak) = fit.beside {
                    Line::styled(streak, t.text)
                        .right_aligned()
                        .render(row(area.y), buf);
                }
                if let Some(streak) = fit.own_row {
                    Line::styled(streak, t.text).render(row(area.y + 1), buf);
                }
            }
            (None, None) => {
                Line::styled(truncate("Reading your history…", cols), t.dim)
                    .render(row(area.y), buf);
            }
        }
    }

    /// The routine list, and the heatmap at its right when the layout puts it beside.
    fn list_and_map(&self, rows: &Rows, area: Rect, buf: &mut Buffer) {
        let list_area = Rect {
            width: if rows.map == MapAt::Beside {
                area.width - MAP_WIDTH - 2
            } else {
                area.width
            },
            ..area
        };
        self.list(rows, list_area, buf);
        if let (MapAt::Beside, Some(stats)) = (rows.map, &self.app.stats) {
            let map = Rect {
                x: area.right().saturating_sub(MAP_WIDTH),
                width: MAP_WIDTH,
                height: map_height(stats),
                ..area
            };
            Paragraph::new(heatmap_lines(stats, self.theme)).render(map, buf);
        }
    }

    /// The morning question and its keys, wrapped; none when it is not asked or the history
    /// could not be read.
    fn prompt_lines(&self, cols: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let Some(prompt) = &self.app.prompt else {
            return Vec::new();
        };
        if matches!(self.app.history, HistoryState::Failed(_)) {
            return Vec::new();
        }
        // The question quotes a routine's name, from a file.
        let question = wrap(&clean_line(&prompt.question()), cols);
        let keys = wrap(prompt.keys(), cols);
        question
            .into_iter()
            .map(|l| Line::styled(l, t.title))
            .chain(keys.into_iter().map(|l| Line::styled(l, t.key)))
            .collect()
    }

    /// The status line's text: the last note if there is one, else a summary of the
    /// problems found at start.
    fn note(&self, cols: usize) -> Option<(String, Style)> {
        if let Some(status) = &self.app.status {
            return Some((clean_line(status), self.theme.text));
        }
        let problems: Vec<String> = self.app.problems.iter().map(|p| clean_line(p)).collect();
        home_layout::problems_summary(&problems, cols).map(|summary| (summary, self.theme.dim))
    }

    /// The title, and the routines in a window that keeps the selected one in sight.
    fn list(&self, rows: &Rows, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let app = self.app;
        self.room.set(Drawn {
            list_rows: rows.list as usize,
            ..self.room.get()
        });
        let shown = window(app.selected, app.routines.len(), rows.list as usize);
        let mut lines = Vec::new();
        if rows.list_title {
            let mut title = "Routines".to_string();
            if shown.len() < app.routines.len() {
                title.push_str(&format!(" {}/{}", app.selected + 1, app.routines.len()));
            }
            lines.push(Line::styled(title, t.dim));
        }
        let cells = RowCells::new(&app.routines, area.width as usize);
        for i in shown {
            if let Some(row) = app.routines.get(i) {
                lines.push(cells.line(row, i == app.selected, t));
            }
        }
        Paragraph::new(lines).render(area, buf);
    }
}

fn draw_lines(lines: Vec<String>, style: Style, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
    Paragraph::new(lines).render(area, buf);
}

/// Home's offer when the streak has just broken after `after` nights.
fn pause_offer(after: u32) -> String {
    format!(
        "Streak lost after {}. Were you away? p pause those nights",
        nights(after)
    )
}
