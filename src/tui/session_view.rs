//! Drawing the session screen. It only reads the model; nothing here changes state.
//!
//! Smaller terminals lose things in this order: the illustration, then the instructions, then
//! the big digits (plain digits instead). Below 30x8 a single "make it larger" line remains.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use crate::app::session::{Action, Notice, Overlay, SessionApp, minutes_left};
use crate::core::session::{Moment, Phase, Session};
use crate::core::text::wrap;

use super::keymap;
use super::overlays;
use super::summary_view;
use super::theme::Theme;
use super::widgets::{MIN_HEIGHT, MIN_WIDTH, footer_hints, inset, too_small};

const ART_COLUMN: u16 = 32;

/// The session screen at one moment.
pub struct SessionView<'a> {
    /// What to draw.
    pub app: &'a SessionApp,
    /// The moment to draw it at.
    pub now: Moment,
    /// The palette.
    pub theme: &'a Theme,
}

impl Widget for SessionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self.theme, area, buf);
            return;
        }
        let finished = self.app.session.outcome().is_some();
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(if area.height >= 16 { 2 } else { 1 }),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.header(header, buf);
        if finished {
            summary_view::render(self.app, self.theme, body, buf);
        } else {
            self.body(body, buf);
        }
        let pause =
            (self.app.session.is_paused() && !finished).then_some((Action::TogglePause, "resume"));
        footer_hints(
            keymap::table(self.app.overlay, finished),
            pause,
            self.theme,
            footer,
            buf,
        );
        match self.app.overlay {
            Overlay::ConfirmQuit if !finished => overlays::confirm_quit(self.theme, area, buf),
            Overlay::Help if !finished => overlays::help(self.theme, area, buf),
            _ => {}
        }
    }
}

impl SessionView<'_> {
    fn session(&self) -> &Session {
        &self.app.session
    }

    fn header(&self, area: Rect, buf: &mut Buffer) {
        let session = self.session();
        let routine = session.routine();
        let row = Rect { height: 1, ..area };
        let name = format!(" {}", routine.name);
        if session.outcome().is_some() {
            Line::from(name).style(self.theme.dim).render(row, buf);
            return;
        }
        let step = match session.phase() {
            Phase::LeadIn | Phase::Done => 0,
            Phase::Hold(slot) | Phase::Switch(slot) | Phase::Rest(slot) => {
                session.slots()[slot].step
            }
        };
        // Whole minutes, rounded up: a second-by-second total would only be more motion.
        let right = format!(
            "Step {} of {} · {} min left ",
            step + 1,
            routine.steps.len(),
            minutes_left(session.session_remaining(self.now))
        );
        // When both do not fit, where the session stands matters more than its name.
        if name.chars().count() + right.chars().count() + 2 <= row.width as usize {
            Line::from(name).style(self.theme.dim).render(row, buf);
        }
        Line::from(right)
            .style(self.theme.dim)
            .alignment(Alignment::Right)
            .render(row, buf);
    }

    fn body(&self, area: Rect, buf: &mut Buffer) {
        let [title, area] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        self.title(title, buf);
        let session = self.session();
        let shown_step = self.shown_step();
        let step = &session.routine().steps[shown_step];
        let art = step.art.as_deref().and_then(crate::store::bundled::art);
        let (area, art_area) = match art {
            Some(_) if area.width >= 76 && area.height >= 14 => {
                let [left, right] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Length(ART_COLUMN)])
                        .areas(area);
                (left, Some(right))
            }
            _ => (area, None),
        };
        if let (Some(art), Some(art_area)) = (art, art_area) {
            let height = art.lines().count() as u16;
            let top = art_area.y + art_area.height.saturating_sub(height) / 3;
            let art_area = Rect {
                y: top,
                height: height.min(art_area.height),
                ..art_area
            };
            Paragraph::new(art)
                .style(self.theme.art)
                .render(art_area, buf);
        }

        let digits_text = clock(session.shown_secs(self.now));
        let digits_width = digits_text.chars().count() as u16 * 8;
        let fixed = 3; // status, gauge, next
        let size = if area.height >= fixed + 8 && area.width >= digits_width {
            Some(PixelSize::Full)
        } else if area.height >= fixed + 4 && area.width >= digits_width {
            Some(PixelSize::HalfHeight)
        } else {
            None
        };
        let digits_height = match size {
            Some(PixelSize::Full) => 8,
            Some(_) => 4,
            None => 1,
        };
        let instructions = wrap(&step.instructions, area.width.saturating_sub(2) as usize);
        let spare = area.height.saturating_sub(fixed + digits_height);
        let gaps = spare.min(3);
        let instruction_rows = (spare - gaps).min(instructions.len() as u16);
        // Instructions are worth showing only when at least two lines of them fit.
        let instruction_rows = if instruction_rows >= 2 {
            instruction_rows
        } else {
            0
        };
        let gap = |n: u16| Constraint::Length(u16::from(gaps >= n));
        let [_, digits, _, status, gauge, _, text, next] = Layout::vertical([
            gap(1),
            Constraint::Length(digits_height),
            gap(2),
            Constraint::Length(1),
            Constraint::Length(1),
            gap(3),
            Constraint::Length(instruction_rows),
            Constraint::Length(1),
        ])
        .areas(area);

        let style = self.digits_style();
        match size {
            Some(size) => BigText::builder()
                .pixel_size(size)
                .style(style)
                .lines(vec![Line::from(digits_text)])
                .centered()
                .build()
                .render(digits, buf),
            None => Line::from(digits_text)
                .style(style)
                .alignment(Alignment::Center)
                .render(digits, buf),
        }
        self.status(status, buf);
        let planned = session.planned(session.phase()).as_secs_f64();
        let ratio = if planned > 0.0 {
            (session.elapsed(self.now).as_secs_f64() / planned).clamp(0.0, 1.0)
        } else {
            1.0
        };
        LineGauge::default()
            .ratio(ratio)
            .label("")
            .filled_style(self.theme.gauge)
            .unfilled_style(self.theme.dim)
            .render(inset(gauge), buf);
        let lines: Vec<Line> = instructions
            .into_iter()
            .take(instruction_rows as usize)
            .map(|l| Line::from(l).style(self.theme.text))
            .collect();
        Paragraph::new(lines).render(inset(text), buf);
        Line::from(self.next_line())
            .style(self.theme.dim)
            .render(inset(next), buf);
    }

    /// The step the screen is about: the one held, or the one coming after a pause.
    fn shown_step(&self) -> usize {
        let session = self.session();
        match session.phase() {
            Phase::LeadIn | Phase::Done => 0,
            Phase::Hold(slot) | Phase::Switch(slot) | Phase::Rest(slot) => {
                session.slots()[slot].step
            }
        }
    }

    fn side_of(&self, slot: usize) -> Option<String> {
        let session = self.session();
        let s = session.slots().get(slot)?;
        let label = &session.routine().steps[s.step].sides[s.side?];
        Some(side_name(label))
    }

    fn title(&self, area: Rect, buf: &mut Buffer) {
        let session = self.session();
        let steps = &session.routine().steps;
        let t = self.theme;
        let step_and_side = |slot: usize| {
            let name = &steps[session.slots()[slot].step].name;
            match self.side_of(slot) {
                Some(side) => format!("{name} · {side}"),
                None => name.clone(),
            }
        };
        let spans = match session.phase() {
            Phase::LeadIn => vec![
                Span::styled("Get ready", t.pause_title),
                Span::styled(format!("  First: {}", step_and_side(0)), t.text),
            ],
            Phase::Hold(slot) => {
                let name = &steps[session.slots()[slot].step].name;
                let mut spans = vec![Span::styled(name.clone(), t.title)];
                if let Some(side) = self.side_of(slot) {
                    spans.push(Span::styled(format!(" · {side}"), t.text));
                }
                spans
            }
            Phase::Switch(slot) => vec![
                Span::styled("Switch sides", t.pause_title),
                Span::styled(
                    format!("  Next: {}", self.side_of(slot).unwrap_or_default()),
                    t.text,
                ),
            ],
            Phase::Rest(slot) => vec![
                Span::styled("Rest", t.pause_title),
                Span::styled(format!("  Next: {}", step_and_side(slot)), t.text),
            ],
            Phase::Done => Vec::new(),
        };
        Line::from(spans).render(inset(area), buf);
    }

    fn digits_style(&self) -> Style {
        let session = self.session();
        if session.is_paused() {
            self.theme.digits_paused
        } else if matches!(session.phase(), Phase::Hold(_)) && session.shown_secs(self.now) <= 3 {
            self.theme.digits_ending
        } else {
            self.theme.digits
        }
    }

    fn status(&self, area: Rect, buf: &mut Buffer) {
        let session = self.session();
        let notice = self.app.notice.filter(|(_, until)| self.now < *until);
        let (text, style) = if let Some((Notice::Hurt, _)) = notice {
            ("Stopped: it hurt. Go gently.".to_string(), self.theme.title)
        } else if session.is_paused() {
            ("Paused · Space to resume".to_string(), self.theme.title)
        } else if let Some((rep, reps)) = session.rep(self.now) {
            (format!("Rep {rep} of {reps}"), self.theme.text)
        } else if matches!(session.phase(), Phase::Hold(_)) && session.shown_secs(self.now) <= 3 {
            ("Nearly there".to_string(), self.theme.text)
        } else {
            (String::new(), self.theme.text)
        };
        if let Some(problem) = &self.app.save_problem {
            // Left-aligned and whole where it fits: the reason and the file both matter.
            Line::from(format!("Progress not saved: {problem}"))
                .style(self.theme.title)
                .render(area, buf);
            return;
        }
        Line::from(text)
            .style(style)
            .alignment(Alignment::Center)
            .render(area, buf);
    }

    fn next_line(&self) -> String {
        let session = self.session();
        let Phase::Hold(slot) = session.phase() else {
            return String::new();
        };
        let slots = session.slots();
        match slots.get(slot + 1) {
            None => "Next: the end, and bed".to_string(),
            Some(next) if next.step == slots[slot].step => {
                format!("Next: {}", self.side_of(slot + 1).unwrap_or_default())
            }
            Some(next) => format!("Next: {}", session.routine().steps[next.step].name),
        }
    }
}

/// "left" reads as "Left foot"; other labels are shown as written, capitalised.
pub fn side_name(label: &str) -> String {
    match label.to_lowercase().as_str() {
        "left" => "Left foot".into(),
        "right" => "Right foot".into(),
        _ => {
            let mut chars = label.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        }
    }
}

/// Seconds as the countdown shows them: "45", "1:30", "1:02:03".
pub fn clock(secs: u64) -> String {
    match (secs / 3600, secs / 60 % 60, secs % 60) {
        (0, 0, s) => format!("{s}"),
        (0, m, s) => format!("{m}:{s:02}"),
        (h, m, s) => format!("{h}:{m:02}:{s:02}"),
    }
}
