//! The two lists of the main page, fitted to their columns: the routines (name, the
//! minutes a session starts with, the "yours" mark) and the recent sessions.

use chrono::{DateTime, FixedOffset, NaiveTime};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::home::{HistoryState, HomeApp, RoutineRow};
use crate::app::session::minutes_left;
use crate::core::calendar::night_of;
use crate::core::text::{clean_line, pad, width, wrap};

use super::theme::Theme;
use super::widgets::chosen_marker;

/// Recent sessions shown at most.
const RECENT: usize = 5;

/// Column widths of the routine list, shared by its rows so totals line up.
pub struct RowCells {
    name: usize,
    total: usize,
    mark: usize,
    /// Names (cleaned, in lower case) that more than one routine has: those rows show their
    /// ids, so that two routines called "Bedtime feet" can be told apart.
    twins: Vec<String>,
}

impl RowCells {
    /// Widths for these routines in `cols` columns.
    pub fn new(routines: &[RoutineRow], cols: usize) -> Self {
        let total = routines
            .iter()
            .map(|r| width(&total_text(r)))
            .max()
            .unwrap_or(0);
        let mark = routines.iter().map(|r| width(r.mark)).max().unwrap_or(0);
        let twins = twin_names(routines);
        // "› " before the name, a space before the total and before the mark.
        let name = cols.saturating_sub(2 + 1 + total);
        // The mark stays while the name keeps twenty columns beside it.
        if mark > 0 && name > 20 + mark {
            return Self {
                name: name - mark - 1,
                total,
                mark,
                twins,
            };
        }
        // Narrow: the mark goes (the help explains it) so the name keeps its room.
        Self {
            name,
            total,
            mark: 0,
            twins,
        }
    }

    /// One routine's row; the selected one marked and bold.
    pub fn line(&self, row: &RoutineRow, selected: bool, t: &Theme) -> Line<'static> {
        let (marker, style) = chosen_marker(selected, t, t.text);
        let total = total_text(row);
        let mut spans = self.name_spans(row, marker, style, t);
        spans.extend([Span::styled(
            format!(
                " {}{total}",
                " ".repeat(self.total.saturating_sub(width(&total)))
            ),
            t.dim,
        )]);
        if self.mark > 0 && !row.mark.is_empty() {
            spans.push(Span::styled(format!(" {}", row.mark), t.dim));
        }
        Line::from(spans)
    }

    /// The name cell: the name, and the id dimmed beside it when another routine has the
    /// same name.
    fn name_spans(
        &self,
        row: &RoutineRow,
        marker: &str,
        style: Style,
        t: &Theme,
    ) -> Vec<Span<'static>> {
        let name = clean_line(&row.name);
        let is_twin = self.twins.contains(&name.to_lowercase());
        // Below eight columns an id beside the name would leave neither readable.
        if !is_twin || self.name < 8 {
            return vec![Span::styled(
                format!("{marker}{}", pad(&name, self.name)),
                style,
            )];
        }
        let id = clean_line(&row.id);
        // Twins share the name, so the id keeps its room first; the name keeps eight columns.
        let id_w = width(&id).min(self.name - 1 - width(&name).min(8));
        let name_w = width(&name).min(self.name - 1 - id_w);
        let id_w = self.name - 1 - name_w;
        vec![
            Span::styled(format!("{marker}{}", pad(&name, name_w)), style),
            Span::styled(format!(" {}", pad(&id, id_w)), t.dim),
        ]
    }
}

/// The names, cleaned and in lower case, that more than one routine has.
fn twin_names(routines: &[RoutineRow]) -> Vec<String> {
    let mut names: Vec<String> = routines
        .iter()
        .map(|r| clean_line(&r.name).to_lowercase())
        .collect();
    names.sort();
    let mut twins: Vec<String> = names
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0].clone())
        .collect();
    twins.dedup();
    twins
}

/// A routine's length as the session will first show it ("4 min" for 3m 27s), so home and
/// the session's "4 min left" agree.
fn total_text(row: &RoutineRow) -> String {
    let minutes = minutes_left(std::time::Duration::from_secs(row.total_secs));
    format!("{minutes} min")
}

/// The recent sessions with their title, or the words for a first night; none while the
/// history is unknown.
pub fn recent_lines(app: &HomeApp, t: &Theme, cols: usize) -> Vec<Line<'static>> {
    if !matches!(app.history, HistoryState::Loaded(_)) {
        return Vec::new();
    }
    let mut lines = vec![Line::styled("Recent", t.dim)];
    let sessions = app.recent(RECENT);
    if sessions.is_empty() {
        for line in wrap("No sessions yet. Press Enter to start tonight's.", cols) {
            lines.push(Line::styled(line, t.text));
        }
        return lines;
    }
    let rollover = app.rules().day_starts_at;
    let (date_format, date_w) = if cols >= 44 {
        ("%a %-d %b", 12)
    } else {
        ("%-d %b", 7)
    };
    let counts: Vec<String> = sessions
        .iter()
        .map(|s| format!("{}/{}", s.completed, s.planned))
        .collect();
    let count_w = counts.iter().map(|c| width(c)).max().unwrap_or(0);
    let kept_w = " kept".len();
    let name_w = cols.saturating_sub(date_w + 1 + count_w + kept_w);
    for (session, count) in sessions.iter().zip(counts) {
        let mut spans = vec![Span::styled(
            pad(
                &night_label(session.started_at, rollover, date_format),
                date_w,
            ),
            t.dim,
        )];
        // A name squeezed under six columns says nothing; the date and count still do.
        if name_w >= 6 {
            spans.push(Span::styled(
                pad(&clean_line(&session.routine_name), name_w),
                t.text,
            ));
        }
        spans.push(Span::styled(
            format!(" {}{count}", " ".repeat(count_w - width(&count))),
            t.text,
        ));
        if session.completion() >= app.rules().min_completion {
            spans.push(Span::styled(" kept", t.dim));
        }
        lines.push(Line::from(spans));
    }
    lines
}

fn night_label(at: DateTime<FixedOffset>, rollover: NaiveTime, format: &str) -> String {
    night_of(at, rollover).format(format).to_string()
}
