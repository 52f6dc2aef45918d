//! The stats screen's second page: the personal trial's review. The two periods side by
//! side, the verdict with its interval, what a before/after diary cannot show (said once),
//! and cramps a night week by week; before the review opens, when it opens and where the
//! person stands.
//!
//! As on the first page, each piece goes in whole or not at all, chosen in order of need:
//! the verdict, the caveat and the periods first, each in its richest form that leaves room
//! for the leanest form of the others; then the chart, then the title. On a wide screen the
//! chart stands beside the table; on a narrow one the periods stack in two lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::trial_page::{TrialPage, WeekBar, WeekMark};
use crate::core::text::{pad, truncate, width, wrap};
use crate::core::trial_figures::{cramps_a_night, day, figures, span, title};
use crate::core::trial_review::Period;

use super::stats_charts::bar;
use super::theme::Theme;
use super::widgets::{Room, lines, stack};

/// What a before/after diary cannot show, shorter, for a narrow screen.
const CAVEAT_SHORT: &str = "A before/after diary, not a trial: cramps also come and go by \
                            themselves.";
/// The same, for the smallest screen.
const CAVEAT_TINY: &str = "Before/after, not a trial.";
/// The label and value columns of the table, with long labels and with short ones.
const LONG: (usize, usize) = (20, 9);
const SHORT: (usize, usize) = (13, 7);
/// Columns between the table and the chart beside it.
const BESIDE_GAP: usize = 4;
/// The narrowest chart worth putting beside the table.
const CHART_MIN: usize = 30;
/// Columns of a week's label ("Before 2") and of its figure ("2.29").
const WEEK_LABEL: usize = 10;
const WEEK_FIGURE: usize = 6;
/// The narrowest bar worth drawing; below it the figures stand alone.
const BAR_MIN: usize = 4;

/// Lines of one piece of the page.
type Lines = Vec<Line<'static>>;

/// A piece of the page: its forms, richest first, and whether the page needs it.
struct Piece {
    forms: Vec<Lines>,
    needed: bool,
}

/// The page in `area`, below the header's blank row.
pub fn draw(page: &TrialPage, t: &Theme, area: Rect, buf: &mut Buffer) {
    let cols = area.width as usize;
    let mut room = Room::new(area.height as usize);
    let pieces = if page.open {
        review(page, cols, &mut room, t)
    } else {
        opening(page, cols, &mut room, t)
    };
    Paragraph::new(stack(pieces, room.gap)).render(area, buf);
}

/// Before the review opens: where the person stands, and when it opens.
fn opening(page: &TrialPage, cols: usize, room: &mut Room, t: &Theme) -> Vec<Option<Lines>> {
    let opens = format!("The review opens on {}.", day(page.review.opens_on));
    let [opens, standing, title] = fit(
        room,
        [
            needed(vec![
                lines(wrap(&page.review.verdict, cols), t.text),
                lines(wrap(&opens, cols), t.text),
            ]),
            needed(vec![lines(
                wrap(&format!("{}.", page.standing), cols),
                t.text,
            )]),
            optional(title_forms(page, cols, t)),
        ],
    );
    vec![title, standing, opens]
}

/// The review: the periods (with the chart beside them when wide), the verdict, the caveat,
/// and the chart under them when narrow.
fn review(page: &TrialPage, cols: usize, room: &mut Room, t: &Theme) -> Vec<Option<Lines>> {
    let r = &page.review;
    let verdicts = [&r.verdict, &page.short_verdict(), &page.tiny_verdict()];
    let verdict = verdicts.map(|v| lines(wrap(v, cols), t.text)).to_vec();
    let caveat = [r.caveat, CAVEAT_SHORT, CAVEAT_TINY]
        .map(|c| lines(wrap(c, cols), t.dim))
        .to_vec();
    let long = table(page, LONG, cols, t);
    let chart_w = cols.saturating_sub(LONG.0 + 2 * LONG.1 + BESIDE_GAP);
    let (mut periods, chart) = if chart_w >= CHART_MIN && !long.is_empty() {
        let table_w = LONG.0 + 2 * LONG.1;
        let beside = [true, false].map(|titled| {
            side_by_side(&long, table_w, chart_lines(&page.weeks, chart_w, titled, t))
        });
        (beside.to_vec(), Vec::new())
    } else {
        let chart = [true, false].map(|titled| chart_lines(&page.weeks, cols, titled, t));
        (Vec::new(), chart.to_vec())
    };
    periods.extend([long, table(page, SHORT, cols, t), stacked(page, cols, t)]);
    periods.retain(|form| !form.is_empty());
    let [verdict, caveat, periods, chart, title] = fit(
        room,
        [
            needed(verdict),
            needed(caveat),
            needed(periods),
            optional(chart),
            optional(title_forms(page, cols, t)),
        ],
    );
    vec![title, periods, verdict, caveat, chart]
}

fn needed(forms: Vec<Lines>) -> Piece {
    Piece {
        forms,
        needed: true,
    }
}

fn optional(forms: Vec<Lines>) -> Piece {
    Piece {
        forms,
        needed: false,
    }
}

/// Takes each piece, in order of need, in its richest form that leaves room for the leanest
/// forms of the needed pieces after it; each piece's lines, or `None` where it did not fit.
fn fit<const N: usize>(room: &mut Room, pieces: [Piece; N]) -> [Option<Lines>; N] {
    let gap = room.gap;
    let leanest = |p: &Piece| {
        let rows = p.forms.iter().map(Vec::len).min().unwrap_or(0);
        if p.needed { rows + gap } else { 0 }
    };
    let reserve: Vec<usize> = pieces.iter().map(leanest).collect();
    let mut i = 0;
    pieces.map(|piece| {
        i += 1;
        let after: usize = reserve[i..].iter().sum();
        let free = room.free().saturating_sub(after);
        let form = piece.forms.into_iter().find(|f| f.len() <= free);
        form.and_then(|f| room.take(f))
    })
}

/// The title and the trial's dates, or the title alone.
fn title_forms(page: &TrialPage, cols: usize, t: &Theme) -> Vec<Lines> {
    let title = lines(wrap(&title(&page.review), cols), t.title);
    let mut full = title.clone();
    full.extend(lines(wrap(&span(&page.review), cols), t.dim));
    vec![full, title]
}

/// The periods side by side, with labels and values in the columns of `(label, value)`;
/// nothing when that is wider than `cols`.
fn table(page: &TrialPage, (label, value): (usize, usize), cols: usize, t: &Theme) -> Lines {
    if label + 2 * value > cols {
        return Vec::new();
    }
    let right = |text: &str| format!("{text:>value$}");
    let head = format!(
        "{}{}{}",
        " ".repeat(label),
        right("before"),
        right("during")
    );
    let mut rows = vec![Line::from(Span::styled(head, t.dim))];
    for figure in figures() {
        let name = if label == LONG.0 {
            figure.label
        } else {
            figure.short
        };
        let values = [&page.review.baseline, &page.review.program].map(figure.value);
        rows.push(Line::from(vec![
            Span::styled(pad(name, label), t.dim),
            Span::styled(
                format!("{}{}", right(&values[0]), right(&values[1])),
                t.text,
            ),
        ]));
    }
    rows
}

/// The periods one under the other, a line each: "before  2.14 a night · 14 nights", or
/// without the nights when that is too wide.
fn stacked(page: &TrialPage, cols: usize, t: &Theme) -> Lines {
    let line = |name: &str, p: &Period| {
        let mean = format!("{} a night", cramps_a_night(p.cramps_per_night));
        let nights = format!("{mean} · {} nights", p.nights);
        let value = if 8 + width(&nights) <= cols {
            nights
        } else {
            mean
        };
        Line::from(vec![
            Span::styled(pad(name, 8), t.dim),
            Span::styled(truncate(&value, cols.saturating_sub(8)), t.text),
        ])
    };
    vec![
        line("before", &page.review.baseline),
        line("during", &page.review.program),
    ]
}

/// Cramps a night week by week in `cols` columns, under a title when `titled`: each week's
/// label, figure and bar, the bars on one scale with the worst week the whole width.
fn chart_lines(weeks: &[WeekBar], cols: usize, titled: bool, t: &Theme) -> Lines {
    let most = weeks
        .iter()
        .filter_map(|w| match w.mark {
            WeekMark::Cramps(mean) => Some(mean),
            _ => None,
        })
        .fold(0.0_f64, f64::max);
    let room = cols.saturating_sub(WEEK_LABEL + WEEK_FIGURE);
    let mut rows = Vec::new();
    if titled {
        let heading = truncate("Cramps a night, week by week", cols);
        rows.push(Line::from(Span::styled(heading, t.dim)));
    }
    for week in weeks {
        let mut spans = vec![Span::styled(pad(&week.label, WEEK_LABEL.min(cols)), t.dim)];
        let room_left = cols.saturating_sub(WEEK_LABEL);
        match week.mark {
            WeekMark::Cramps(mean) => {
                let figure = pad(&cramps_a_night(Some(mean)), WEEK_FIGURE.min(room_left));
                spans.push(Span::styled(figure, t.text));
                if room >= BAR_MIN && most > 0.0 {
                    let style = if week.in_program { t.digits } else { t.dim };
                    spans.push(Span::styled(bar(mean / most, room), style));
                }
            }
            WeekMark::NoEntries => spans.push(dim("· no entries", room_left, t.dim)),
            WeekMark::ToCome => spans.push(dim("to come", room_left, t.dim)),
        }
        rows.push(Line::from(spans));
    }
    rows
}

fn dim(text: &str, cols: usize, style: Style) -> Span<'static> {
    Span::styled(truncate(text, cols), style)
}

/// `left` (each line at most `left_w` wide) and `right` side by side, a gap between them.
fn side_by_side(left: &Lines, left_w: usize, right: Lines) -> Lines {
    let rows = left.len().max(right.len());
    let mut right = right.into_iter();
    (0..rows)
        .map(|i| {
            let mut spans = left.get(i).map(|l| l.spans.clone()).unwrap_or_default();
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            spans.push(Span::raw(
                " ".repeat(left_w + BESIDE_GAP - used.min(left_w)),
            ));
            spans.extend(right.next().map(|l| l.spans).unwrap_or_default());
            Line::from(spans)
        })
        .collect()
}
