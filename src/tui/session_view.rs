//! Drawing the session screen. It only reads the model; nothing here changes state.
//!
//! Smaller terminals lose things in this order: the illustration, then the instructions, then
//! the big digits (plain digits instead). Below 30x8 a single "make it larger" line remains.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use crate::app::announce::side_name;
use crate::app::session::{Action, Notice, Overlay, SessionApp, minutes_left};
use crate::core::session::{Moment, Phase, Session};
use crate::core::text::{capitalise, clean_line, truncate, width, wrap};

use super::keymap;
use super::overlays;
use super::session_layout::{Digits, Plan, column_in, stack, text_column};
use super::summary_view;
use super::theme::Theme;
use super::widgets::{MIN_HEIGHT, MIN_WIDTH, fit_spans, footer_hints, inset, too_small};

const ART_COLUMN: u16 = 32;
/// Columns kept between the routine's name and where the session stands.
const HEADER_GAP: usize = 2;
/// Columns of the routine's name worth giving up the words "left" and "min" for.
const HEADER_NAME_MIN: usize = 6;

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
        let [header, body, footer] = stack(
            area,
            [
                if area.height >= 16 { 2 } else { 1 },
                area.height
                    .saturating_sub(if area.height >= 16 { 3 } else { 2 }),
                1,
            ],
        );
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
        let row = inset(Rect { height: 1, ..area });
        let cols = row.width as usize;
        let name = routine.name.as_str();
        if session.outcome().is_some() {
            Line::from(truncate(name, cols))
                .style(self.theme.dim)
                .render(row, buf);
            return;
        }
        let step = format!("Step {} of {}", self.shown_step() + 1, routine.steps.len());
        // Whole minutes, rounded up: a second-by-second total would only be more motion.
        let minutes = minutes_left(session.session_remaining(self.now));
        let choices = [
            format!("{step} · {minutes} min left"),
            format!("{step} · {minutes} min"),
            step,
        ];
        // Where the session stands matters more than its name, but a few columns of the name
        // still say which routine this is; the words around the numbers go first.
        let wanted = width(name).min(HEADER_NAME_MIN);
        let right = choices
            .iter()
            .find(|r| width(r) + HEADER_GAP + wanted <= cols)
            .unwrap_or(&choices[2]);
        let room = cols.saturating_sub(width(right) + HEADER_GAP);
        if room >= width(name).min(3) {
            Line::from(truncate(name, room))
                .style(self.theme.dim)
                .render(row, buf);
        }
        Line::from(right.as_str())
            .style(self.theme.dim)
            .alignment(Alignment::Right)
            .render(row, buf);
    }

    /// The step's title, then the time left, where the session stands, the gauge, the
    /// instructions and what comes next; the illustration at the right when there is room.
    fn body(&self, area: Rect, buf: &mut Buffer) {
        let [title, area] = stack(area, [1, area.height.saturating_sub(1)]);
        self.title(title, buf);
        let session = self.session();
        let step = &session.routine().steps[self.shown_step()];
        let digits_text = clock(session.shown_secs(self.now));
        let digits_width = width(&digits_text) as u16 * 8;
        let art = step.art.as_ref().map(|art| art.picture.as_str());
        let area = self.beside_art(art, digits_width, area, buf);

        let column = text_column(area);
        let cols = column.width as usize;
        let status = self.status_lines(cols);
        let instructions = wrap(&step.instructions, cols);
        let plan = Plan::new(
            area.height,
            area.width >= digits_width,
            status.len() as u16,
            instructions.len() as u16,
        );
        let [_, digits, _, status_area, gauge, _, text, next] = stack(
            area,
            [
                plan.top,
                plan.digits.rows(),
                plan.after_digits,
                plan.status,
                plan.gauge,
                plan.after_gauge,
                plan.instructions,
                plan.next,
            ],
        );

        self.digits(digits_text, plan.digits, digits, buf);
        self.status(
            status,
            plan.status as usize,
            cols,
            column_in(status_area, column),
            buf,
        );
        self.gauge(column_in(gauge, column), buf);
        self.instructions(
            &instructions,
            plan.instructions as usize,
            cols,
            column_in(text, column),
            buf,
        );
        Line::from(truncate(&self.next_line(), cols))
            .style(self.theme.dim)
            .render(column_in(next, column), buf);
    }

    /// Draws the illustration at the right, and gives back the room left of it. The
    /// illustration goes first: only when the big digits and the instructions still have room
    /// beside it.
    fn beside_art(
        &self,
        art: Option<&str>,
        digits_width: u16,
        area: Rect,
        buf: &mut Buffer,
    ) -> Rect {
        match art {
            Some(art)
                if area.width >= 76
                    && area.height >= 14
                    && area.width - ART_COLUMN >= digits_width + 2 =>
            {
                let left = Rect {
                    width: area.width - ART_COLUMN,
                    ..area
                };
                let right = Rect {
                    x: left.right(),
                    width: ART_COLUMN,
                    ..area
                };
                self.art(art, right, buf);
                left
            }
            _ => area,
        }
    }

    /// The time left, in big digits when the plan has room for them.
    fn digits(&self, text: String, size: Digits, area: Rect, buf: &mut Buffer) {
        let style = self.digits_style();
        match size {
            Digits::Plain => Line::from(text)
                .style(style)
                .alignment(Alignment::Center)
                .render(area, buf),
            big => BigText::builder()
                .pixel_size(if big == Digits::Full {
                    PixelSize::Full
                } else {
                    PixelSize::HalfHeight
                })
                .style(style)
                .lines(vec![Line::from(text)])
                .centered()
                .build()
                .render(area, buf),
        }
    }

    /// The first `shown` status lines; the last one shown says when more were cut.
    fn status(
        &self,
        status: Vec<StatusLine>,
        shown: usize,
        cols: usize,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let cut_status = status.len() > shown;
        let status: Vec<Line> = status
            .into_iter()
            .take(shown)
            .enumerate()
            .map(|(i, l)| {
                let text = if cut_status && i + 1 == shown {
                    cut(&l.text, cols)
                } else {
                    l.text
                };
                let line = Line::from(text).style(l.style);
                if l.centred { line.centered() } else { line }
            })
            .collect();
        Paragraph::new(status).render(area, buf);
    }

    /// How much of the phase has passed.
    fn gauge(&self, area: Rect, buf: &mut Buffer) {
        let session = self.session();
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
            .render(area, buf);
    }

    /// The first `rows` lines of the instructions; the last one shown says when more were cut.
    fn instructions(
        &self,
        instructions: &[String],
        rows: usize,
        cols: usize,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let mut lines: Vec<String> = instructions.iter().take(rows).cloned().collect();
        if let Some(last) = lines.last_mut().filter(|_| instructions.len() > rows) {
            *last = cut(last, cols);
        }
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::from(l).style(self.theme.text))
            .collect();
        Paragraph::new(lines).render(area, buf);
    }

    /// The illustration, centred in its column, and vertically in the body.
    fn art(&self, art: &str, area: Rect, buf: &mut Buffer) {
        let height = (art.lines().count() as u16).min(area.height);
        let art_width = art.lines().map(width).max().unwrap_or(0) as u16;
        let art_width = art_width.min(area.width);
        let area = Rect {
            x: area.x + (area.width - art_width) / 2,
            y: area.y + (area.height - height) / 2,
            width: art_width,
            height,
        };
        Paragraph::new(art).style(self.theme.art).render(area, buf);
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
                let head = vec![Span::styled(name.to_string(), t.title)];
                let side = self
                    .side_of(slot)
                    .map(|side| Span::styled(format!(" · {side}"), t.text));
                return keep_side(head, side, inset(area), buf);
            }
            Phase::Switch(slot) => {
                let side = self.side_of(slot).unwrap_or_default();
                let head = vec![Span::styled("Switch sides", t.pause_title)];
                let area = inset(area);
                // "Next:" is the first thing to go, so that the side stays whole.
                let next = format!("  Next: {side}");
                let tail = if "Switch sides".len() + width(&next) <= area.width as usize {
                    next
                } else {
                    format!("  {side}")
                };
                return keep_side(head, Some(Span::styled(tail, t.text)), area, buf);
            }
            Phase::Rest(slot) => vec![
                Span::styled("Rest", t.pause_title),
                Span::styled(format!("  Next: {}", step_and_side(slot)), t.text),
            ],
            Phase::Done => Vec::new(),
        };
        let area = inset(area);
        fit_spans(spans, area.width as usize).render(area, buf);
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

    /// The status line, then, when progress could not be saved, why, wrapped so that both the
    /// reason and the file show.
    fn status_lines(&self, cols: usize) -> Vec<StatusLine> {
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
        let mut lines = Vec::new();
        if !text.is_empty() || self.app.save_problem.is_none() {
            lines.push(StatusLine {
                text: truncate(&text, cols),
                style,
                centred: true,
            });
        }
        if let Some(problem) = &self.app.save_problem {
            let problem = wrap(&format!("Progress not saved: {problem}"), cols);
            lines.extend(problem.into_iter().map(|text| StatusLine {
                text,
                style: self.theme.title,
                centred: false,
            }));
        } else if let Some(problem) = &self.app.unspoken {
            // One calm line: the session goes on, only quieter.
            let problem = capitalise(&clean_line(problem));
            lines.push(StatusLine {
                text: truncate(&problem, cols),
                style: self.theme.dim,
                centred: true,
            });
        }
        lines
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

/// One row of the status: the passing state, or part of why progress was not saved.
struct StatusLine {
    text: String,
    style: Style,
    centred: bool,
}

/// Draws a title whose side must stay whole: the side tells the person which foot without
/// reading the rest, so the step's name is shortened first. When even a few columns of the
/// name would not fit beside it, the title is shortened from its end like any other.
fn keep_side(head: Vec<Span<'static>>, side: Option<Span<'static>>, area: Rect, buf: &mut Buffer) {
    /// The fewest columns of the name worth keeping: a letter or three and the `…`.
    const MIN_HEAD: usize = 4;
    let cols = area.width as usize;
    let head_w: usize = head.iter().map(|s| width(&s.content)).sum();
    let side_w = side.as_ref().map_or(0, |s| width(&s.content));
    let line = match side {
        Some(side) if head_w + side_w > cols && side_w + MIN_HEAD <= cols => {
            let mut line = fit_spans(head, cols - side_w);
            line.spans.push(side);
            line
        }
        side => fit_spans(head.into_iter().chain(side).collect(), cols),
    };
    line.render(area, buf);
}

/// A line that is followed by more than fits, ending in `…` within `cols` columns.
fn cut(line: &str, cols: usize) -> String {
    if width(line) < cols {
        format!("{line}…")
    } else {
        truncate(line, cols.saturating_sub(1))
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
