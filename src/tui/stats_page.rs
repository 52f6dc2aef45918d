//! The stats page: whether stretching goes with fewer cramps, said in a sentence, drawn as a
//! bar for each group of nights and as twelve weeks of kept nights over their cramps; then the
//! steps that hurt and the streak in words.
//!
//! Pieces are chosen in order of need as the terminal shrinks (the sentence, the strip, the
//! bars, what hurt, the words) and drawn top to bottom in reading order. A piece goes in
//! whole or not at all, so nothing ends cut at the bottom edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::cramp_stats::CrampStats;
use crate::app::home::{HistoryState, HomeApp};
use crate::core::cramps::{Comparison, Verdict};
use crate::core::stats::Stats;
use crate::core::text::{capitalise, clean_line, wrap};

use super::stats_charts::{BAND_ROWS, bar_lines, hurt_lines, legend_lines, strip_lines};
use super::theme::Theme;
use super::widgets::{inset, labelled};

/// The label column of the stats in words.
const LABEL: usize = 16;
/// Rows from which the pieces get a blank row between them.
const ROOMY: usize = 14;
/// Rows the legend may take.
const LEGEND_ROWS: usize = 2;
/// Rows the steps that hurt may take.
const HURT_ROWS: usize = 2;
/// What to do when the diary is empty, so the empty cramp row does not look broken.
const NO_DIARY: &str = "Answer home's morning question (or run bedstretch cramp): the cramp \
                        row fills in, and after a week of each kind of night this page compares \
                        them.";

/// The page in `area` (the body between header and footer).
pub fn draw(app: &HomeApp, t: &Theme, area: Rect, buf: &mut Buffer) {
    let area = inset(Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(1),
        ..area
    });
    let cols = area.width as usize;
    let (Some(stats), Some(cramps)) = (&app.stats, &app.cramps) else {
        not_yet(app, t, area, buf);
        return;
    };
    let c = &cramps.comparison;
    let rows = area.height as usize;
    let gap = usize::from(rows >= ROOMY);
    let mut room = Room {
        left: rows,
        gap,
        placed: false,
    };

    let sentence = room.take(sentence(c, cols, rows, gap, t));
    let strip = room.take(strip(app, cramps, cols, room.free(), t));
    // The bars only when there is a comparison to show: with too few nights they would
    // suggest a pattern the sentence says cannot be seen yet.
    let bars = if c.difference.is_some() {
        let titled = room.free() > 2;
        room.take(bar_lines(c, cols, titled, t))
    } else {
        None
    };
    // The three steps that hurt most often, or fewer when long names would take more rows.
    let hurt = (1..=3)
        .rev()
        .map(|count| hurt_lines(&c.hurt_steps, count, cols))
        .find(|hurt| hurt.len() <= HURT_ROWS)
        .and_then(|hurt| room.take(lines(hurt, t.text)));
    let words = room.take(words(stats, t, cols, room.free()));

    let mut lines: Vec<Line> = Vec::new();
    for piece in [sentence, bars, strip, hurt, words].into_iter().flatten() {
        if !lines.is_empty() {
            lines.extend(std::iter::repeat_n(Line::default(), gap));
        }
        lines.extend(piece);
    }
    Paragraph::new(lines).render(area, buf);
}

/// Before the stats are known: never an empty page that looks like an empty history.
fn not_yet(app: &HomeApp, t: &Theme, area: Rect, buf: &mut Buffer) {
    let words = match &app.history {
        HistoryState::Failed(problem) => {
            format!("Your history could not be read: {}", clean_line(problem))
        }
        _ => "Reading your history…".to_string(),
    };
    let words = wrap(&words, area.width as usize)
        .into_iter()
        .take(area.height as usize);
    Paragraph::new(lines(words.collect(), t.dim)).render(area, buf);
}

/// The sentence whole when a band of the strip still fits under it, else its short form.
/// With no diary yet, it says how to start one.
fn sentence(c: &Comparison, cols: usize, rows: usize, gap: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut full: Vec<Line> = lines(wrap(&c.sentence, cols), t.text);
    if c.stretched.nights + c.other.nights == 0 {
        full.extend(lines(wrap(NO_DIARY, cols), t.dim));
    }
    let sentence = if full.len() + BAND_ROWS + gap <= rows {
        full
    } else {
        lines(wrap(short_sentence(c.verdict), cols), t.text)
    };
    sentence.into_iter().take(rows).collect()
}

/// The strip in `free` rows, with its legend when a band and the legend both fit.
fn strip(
    app: &HomeApp,
    cramps: &CrampStats,
    cols: usize,
    free: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let rest_days = !app.rules().rest_days.is_empty();
    let legend = legend_lines(rest_days, cols, LEGEND_ROWS.min(free), t);
    let mut strip = strip_lines(&cramps.weeks, cols, free.saturating_sub(legend.len()), t);
    if strip.is_empty() {
        strip = strip_lines(&cramps.weeks, cols, free, t);
    } else {
        strip.extend(legend);
    }
    strip
}

/// Rows left on the page, and the blank row each piece after the first costs.
struct Room {
    left: usize,
    gap: usize,
    placed: bool,
}

impl Room {
    /// Rows a piece may have once the gap before it is paid.
    fn free(&self) -> usize {
        let gap = if self.placed { self.gap } else { 0 };
        self.left.saturating_sub(gap)
    }

    /// The piece, if it has lines and fits whole.
    fn take(&mut self, lines: Vec<Line<'static>>) -> Option<Vec<Line<'static>>> {
        if lines.is_empty() || lines.len() > self.free() {
            return None;
        }
        self.left = self.free() - lines.len();
        self.placed = true;
        Some(lines)
    }
}

/// The streak in words, each row whole or not at all, and the rule when it fits too.
fn words(stats: &Stats, t: &Theme, cols: usize, rows: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (label, value) in stats.in_words() {
        let mut group = Vec::new();
        labelled(&mut group, label, &value, LABEL, cols, (t.dim, t.text));
        if lines.len() + group.len() > rows {
            break;
        }
        lines.extend(group);
    }
    let rule = wrap(&format!("{}.", capitalise(&stats.rule_in_words())), cols);
    if lines.len() + rule.len() <= rows {
        lines.extend(rule.into_iter().map(|l| Line::styled(l, t.dim)));
    }
    lines
}

/// Text as lines in one style.
fn lines(text: Vec<String>, style: Style) -> Vec<Line<'static>> {
    text.into_iter().map(|l| Line::styled(l, style)).collect()
}

/// The verdict without its figures, for a terminal too small for the whole sentence.
fn short_sentence(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::NotEnough => "Not enough nights yet to compare.",
        Verdict::Rarer => "Cramps were rarer on nights you stretched.",
        Verdict::AboutAsCommon => "Cramps were about as common on nights you stretched.",
        Verdict::MoreCommon => "Cramps were more common on nights you stretched.",
    }
}
