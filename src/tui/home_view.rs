//! Drawing the home screen: tonight, the streak and its rule, the routines, twelve weeks of
//! nights and the last sessions. It only reads the model.

use chrono::{DateTime, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::home::{HistoryState, HomeApp, HomePage as View};
use crate::core::duration::format_secs;
use crate::core::stats::{NightState, Stats, night_of, nights};

use super::keymap;
use super::theme::Theme;
use super::widgets::{MIN_HEIGHT, MIN_WIDTH, footer_hints, inset, too_small};

/// The home screen at one moment.
pub struct HomeView<'a> {
    /// What to draw.
    pub app: &'a HomeApp,
    /// The theme.
    pub theme: &'a Theme,
}

const WEEKS: u32 = 12;

impl Widget for HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self.theme, area, buf);
            return;
        }
        let [header, body, status, footer] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Line::styled(" bedstretch", self.theme.dim).render(header, buf);
        if let Some(stats) = &self.app.stats {
            Line::styled(
                format!("{} ", stats.tonight.format("%A %-d %B")),
                self.theme.dim,
            )
            .right_aligned()
            .render(header, buf);
        }
        match self.app.page {
            View::Main => self.main(body, buf),
            View::Stats => self.stats_view(body, buf),
            View::Help => self.help(body, buf),
        }
        if let Some(problem) = &self.app.status {
            Line::styled(format!(" {problem}"), self.theme.dim).render(status, buf);
        }
        let table = match self.app.page {
            View::Main => keymap::HOME,
            View::Stats | View::Help => keymap::HOME_BACK,
        };
        footer_hints(table, None, self.theme, footer, buf);
    }
}

impl HomeView<'_> {
    fn main(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let [tonight, rule, _, middle, _, recent] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(9),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        match (&self.app.history, &self.app.stats) {
            (HistoryState::Failed(problem), _) => {
                Paragraph::new(format!("Your history could not be read: {problem}"))
                    .style(t.title)
                    .wrap(Wrap { trim: true })
                    .render(
                        inset(Rect {
                            height: 3,
                            ..tonight
                        }),
                        buf,
                    );
            }
            (_, Some(stats)) => {
                let (status, style) = if stats.tonight_kept {
                    ("Kept tonight", t.digits)
                } else {
                    ("Not yet tonight", t.title)
                };
                let streak = format!(
                    "Streak {} · longest {} ",
                    nights(stats.current_streak),
                    stats.longest_streak
                );
                Line::styled(format!(" {status}"), style).render(tonight, buf);
                Line::styled(streak, t.text)
                    .right_aligned()
                    .render(tonight, buf);
                Paragraph::new(format!("{}.", capitalise(&stats.rule_in_words())))
                    .style(t.dim)
                    .wrap(Wrap { trim: true })
                    .render(inset(rule), buf);
            }
            _ => Line::styled(" Reading your history…", t.dim).render(tonight, buf),
        }

        let map_width = 2 + WEEKS as u16 * 2;
        let [list, map] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(map_width + 2)])
                .areas(middle);
        let mut lines = vec![Line::styled("Routines", t.dim)];
        for (i, row) in self.app.routines.iter().enumerate() {
            let selected = i == self.app.selected;
            let marker = if selected { "› " } else { "  " };
            let style = if selected { t.title } else { t.text };
            let width = list.width.saturating_sub(14) as usize;
            let name: String = row.name.chars().take(width).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{marker}{name:<width$}"), style),
                Span::styled(format!(" {:>7}", format_secs(row.total_secs)), t.dim),
                Span::styled(
                    if row.mark.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", row.mark)
                    },
                    t.dim,
                ),
            ]));
        }
        Paragraph::new(lines).render(inset(list), buf);
        if let Some(stats) = &self.app.stats {
            heatmap(stats, t, map, buf);
        }

        let mut lines = vec![Line::styled("Recent", t.dim)];
        let rollover = self.app.rules().day_starts_at;
        for session in self.app.recent(recent.height.saturating_sub(1) as usize) {
            let width = recent.width.saturating_sub(30) as usize;
            let name: String = session.routine_name.chars().take(width).collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{:<12}", night_label(session.started_at, rollover)),
                    t.dim,
                ),
                Span::styled(format!("{name:<width$}"), t.text),
                Span::styled(
                    format!(" {:>3}/{:<3}", session.completed, session.planned),
                    t.text,
                ),
                Span::styled(
                    if session.completion() >= self.app.rules().min_completion {
                        " kept"
                    } else {
                        ""
                    },
                    t.dim,
                ),
            ]));
        }
        if lines.len() == 1 && matches!(self.app.history, HistoryState::Loaded(_)) {
            lines.push(Line::styled(
                "No sessions yet. Press Enter to start tonight's.",
                t.text,
            ));
        }
        Paragraph::new(lines).render(inset(recent), buf);
    }

    fn stats_view(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let Some(stats) = &self.app.stats else {
            Line::styled(" Reading your history…", t.dim).render(area, buf);
            return;
        };
        let mut lines = vec![Line::styled("Your nights", t.title), Line::default()];
        for (label, value) in stats.in_words() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<16}"), t.dim),
                Span::styled(value, t.text),
            ]));
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("{}.", capitalise(&stats.rule_in_words())),
            t.dim,
        ));
        let map_width = 2 + WEEKS as u16 * 2 + 2;
        let [text, map] = if area.width >= 80 {
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(map_width)]).areas(area)
        } else {
            [area, Rect::ZERO]
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(inset(text), buf);
        if map.width > 0 {
            heatmap(
                stats,
                t,
                Rect {
                    y: map.y + 2,
                    ..map
                },
                buf,
            );
        }
    }

    fn help(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let mut lines = vec![Line::styled("Keys", t.title), Line::default()];
        for b in keymap::HOME.iter().filter(|b| !b.label.is_empty()) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<10}", b.label), t.key),
                Span::styled(b.help, t.text),
            ]));
        }
        lines.push(Line::default());
        lines.push(Line::styled("In a session, ? shows its own keys.", t.dim));
        Paragraph::new(lines).render(inset(area), buf);
    }
}

/// Twelve weeks of nights, a row per weekday, the last column holding tonight.
fn heatmap(stats: &Stats, t: &Theme, area: Rect, buf: &mut Buffer) {
    let weeks = stats.heatmap(WEEKS);
    let mut lines = vec![Line::styled(format!("Last {WEEKS} weeks"), t.dim)];
    for (day, label) in ["M", "T", "W", "T", "F", "S", "S"].iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{label} "), t.dim)];
        for week in &weeks {
            let (symbol, style) = cell(week[day].1, t);
            spans.push(Span::styled(format!("{symbol} "), style));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(vec![
        Span::styled("■", t.digits),
        Span::styled(" kept ", t.dim),
        Span::styled("▪", t.digits_paused),
        Span::styled(" partly ", t.dim),
        Span::styled("□", t.title),
        Span::styled(" tonight", t.dim),
    ]));
    Paragraph::new(lines).render(area, buf);
}

fn cell(state: NightState, t: &Theme) -> (&'static str, Style) {
    match state {
        NightState::Kept => ("■", t.digits),
        NightState::Partly => ("▪", t.digits_paused),
        NightState::Missed => ("·", t.dim),
        NightState::Rest => ("-", t.dim),
        NightState::Open => ("□", t.title),
        NightState::Future | NightState::BeforeStart => (" ", t.dim),
    }
}

fn night_label(at: DateTime<FixedOffset>, rollover: chrono::NaiveTime) -> String {
    night_of(at, rollover).format("%a %-d %b").to_string()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
