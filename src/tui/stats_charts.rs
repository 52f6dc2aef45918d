//! The stats page's pictures of the cramp diary: a bar for each group of nights, and a strip
//! of twelve weeks where each night's kept mark sits straight above its cramp, so a run of
//! missed nights with tall bars under it can be seen without reading a number.
//!
//! Every piece is made as lines already fitted to the width it is given, so the page only
//! has to choose which pieces have room.

use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::cramp_stats::{Diary, MAX_SEVERITY, StripNight};
use crate::core::cramps::{Comparison, Group, HurtStep};
use crate::core::stats::NightState;
use crate::core::text::{clean_line, pad, percent, width, wrap};

use super::home_heatmap::cell as night_cell;
use super::theme::Theme;

/// Columns of the row labels, "kept" and "cramp", with their space.
const STRIP_LABEL: usize = 6;
/// Columns a week takes in the strip: seven nights and a gap.
const WEEK_STRIDE: usize = 8;
/// Rows one band of weeks takes: their dates, the kept row and the cramp row.
pub const BAND_ROWS: usize = 3;
/// Columns of the group labels beside the bars.
const GROUP_LABEL: usize = 11;
/// The narrowest bar worth drawing; below it the figures stand alone.
const BAR_MIN: usize = 6;
/// Severity as a bar's height, lowest first.
const HEIGHTS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
/// The end of a horizontal bar, in eighths of a column.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// The strip: bands of whole weeks, each band its dates, kept row and cramp row, as many of
/// the latest weeks as `rows` hold, the oldest band first. Nothing when not even one band
/// fits.
pub fn strip_lines(
    weeks: &[[StripNight; 7]],
    cols: usize,
    rows: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let fit = (cols.saturating_sub(STRIP_LABEL) + 1) / WEEK_STRIDE;
    if fit == 0 || weeks.is_empty() || rows < BAND_ROWS {
        return Vec::new();
    }
    // Bands of even length read better than a long one and a stub: 12 weeks with room for 9
    // in a row become two bands of six, not nine and three.
    let bands = weeks.len().div_ceil(fit);
    let per_band = weeks.len().div_ceil(bands);
    // Bands from before the history began would be empty rows; the latest band always shows.
    let blank = |week: &[StripNight; 7]| week.iter().all(|n| n.is_blank());
    let started = weeks.iter().position(|w| !blank(w)).unwrap_or(weeks.len());
    let wanted = weeks
        .len()
        .saturating_sub(started)
        .div_ceil(per_band)
        .max(1);
    let shown = (rows / BAND_ROWS).min(wanted) * per_band;
    let recent = &weeks[weeks.len().saturating_sub(shown)..];
    let mut lines = Vec::new();
    for band in recent.rchunks(per_band).rev() {
        lines.push(dates_line(band, t));
        lines.push(nights_line(band, "kept", t, |night, t| {
            night_cell(night.state, t)
        }));
        lines.push(nights_line(band, "cramp", t, cramp_cell));
    }
    lines
}

/// The marks a strip may or may not show, each named in its legend only when it may.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// The config has rest days.
    pub rest_days: bool,
    /// A night of the strip is paused.
    pub paused: bool,
}

/// The strip's legend, flowed into at most `rows` rows of `cols` columns; an item that does
/// not fit whole is left out rather than cut.
pub fn legend_lines(marks: Marks, cols: usize, rows: usize, t: &Theme) -> Vec<Line<'static>> {
    // The cramp row's marks come early: on a narrow terminal the last items are left out.
    let mut items = vec![
        (night_cell(NightState::Kept, t), "kept"),
        (("▁▄█", t.text), "cramp 1 to 10"),
        (severity_cell(0, t), "no cramp"),
        (("·", t.dim), "nothing"),
        (night_cell(NightState::Partly, t), "partly"),
        (night_cell(NightState::Open, t), "tonight"),
    ];
    if marks.rest_days {
        items.push((night_cell(NightState::Rest, t), "rest day"));
    }
    if marks.paused {
        items.push((night_cell(NightState::Paused, t), "paused"));
    }
    super::widgets::legend(items, cols, rows, t)
}

/// Each group's share of nights with a cramp: "stretched  18 % of 41  ███▌", under a title
/// when `title` is set. Both bars share one scale, the whole width being every night.
pub fn bar_lines(c: &Comparison, cols: usize, title: bool, t: &Theme) -> Vec<Line<'static>> {
    // The stretched bar in the kept marks' colour, so the eye joins the two.
    let groups = [
        ("stretched", &c.stretched, t.digits),
        ("other", &c.other, t.dim),
    ];
    let figures: Vec<String> = groups.iter().map(|(_, g, _)| figure(g)).collect();
    let figure_w = figures.iter().map(|f| width(f)).max().unwrap_or(0);
    let room = cols.saturating_sub(GROUP_LABEL + figure_w + 2);
    let mut lines = Vec::new();
    if title {
        let heading = format!(
            "Nights with a cramp, among those noted in the last {}",
            c.window_nights
        );
        lines.extend(
            wrap(&heading, cols)
                .into_iter()
                .take(1)
                .map(|l| Line::styled(l, t.dim)),
        );
    }
    for ((label, group, style), figure) in groups.iter().zip(figures) {
        let mut spans = vec![
            Span::styled(pad(label, GROUP_LABEL.min(cols)), t.dim),
            Span::styled(
                pad(&figure, figure_w.min(cols.saturating_sub(GROUP_LABEL))),
                t.text,
            ),
        ];
        if room >= BAR_MIN {
            let share = group.all.share_with_cramp.unwrap_or(0.0);
            spans.push(Span::raw("  "));
            spans.push(Span::styled(bar(share, room), *style));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// The steps stopped with "this hurts" in the window, the `count` most frequent, wrapped; the
/// names come from history files, so they are cleaned first.
pub fn hurt_lines(steps: &[HurtStep], count: usize, cols: usize) -> Vec<String> {
    if steps.is_empty() {
        return Vec::new();
    }
    let named: Vec<String> = steps
        .iter()
        .take(count)
        .map(|s| {
            let side = s
                .side
                .as_deref()
                .map(|side| format!(" ({})", clean_line(side)));
            let times = match s.times {
                1 => "once".to_string(),
                2 => "twice".to_string(),
                n => format!("{n} times"),
            };
            format!(
                "{}{} {times}",
                clean_line(&s.step),
                side.unwrap_or_default()
            )
        })
        .collect();
    wrap(
        &format!("Stopped because it hurt: {}.", named.join(", ")),
        cols,
    )
}

/// "18 % of 41": a group's share with a cramp and its nights.
fn figure(group: &Group) -> String {
    match group.all.share_with_cramp {
        Some(share) => format!("{} of {}", percent(share), group.nights),
        None => "no nights".to_string(),
    }
}

/// A bar of `share` (0 to 1) of `cols` columns, to the eighth of a column.
pub fn bar(share: f64, cols: usize) -> String {
    let eighths = (share.clamp(0.0, 1.0) * (cols * 8) as f64).round() as usize;
    let mut bar = "█".repeat(eighths / 8);
    bar.push_str(EIGHTHS[eighths % 8]);
    bar
}

/// The Mondays of a band, each over its week: "7 Sep", "14 Sep".
fn dates_line(band: &[[StripNight; 7]], t: &Theme) -> Line<'static> {
    let mut row = " ".repeat(STRIP_LABEL);
    for week in band {
        row.push_str(&pad(&short_date(week[0].night), WEEK_STRIDE));
    }
    Line::styled(row.trim_end().to_string(), t.dim)
}

fn short_date(night: NaiveDate) -> String {
    night.format("%-d %b").to_string()
}

/// One row of a band: its label, then a mark for each night, weeks a column apart.
fn nights_line(
    band: &[[StripNight; 7]],
    label: &str,
    t: &Theme,
    cell: impl Fn(&StripNight, &Theme) -> (&'static str, Style),
) -> Line<'static> {
    let mut spans = vec![Span::styled(pad(label, STRIP_LABEL), t.dim)];
    for (i, week) in band.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        for night in week {
            let (symbol, style) = cell(night, t);
            spans.push(Span::styled(symbol, style));
        }
    }
    Line::from(spans)
}

/// A night's cramp: its height, a ring for none, a dot for no entry; blank where nothing is due.
fn cramp_cell(night: &StripNight, t: &Theme) -> (&'static str, Style) {
    match night.diary {
        Diary::NotDue => (" ", t.dim),
        Diary::Missing => ("·", t.dim),
        Diary::Noted(severity) => severity_cell(severity, t),
    }
}

fn severity_cell(severity: u8, t: &Theme) -> (&'static str, Style) {
    match severity {
        0 => ("○", t.dim),
        s => {
            let s = usize::from(s.min(MAX_SEVERITY));
            // 1 is the lowest bar and 10 the tallest; the eight heights share the ten levels.
            let at = (s * HEIGHTS.len()).div_ceil(usize::from(MAX_SEVERITY));
            (HEIGHTS[at.clamp(1, HEIGHTS.len()) - 1], t.text)
        }
    }
}

#[cfg(test)]
#[path = "stats_charts_tests.rs"]
mod tests;
