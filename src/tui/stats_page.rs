//! The stats page: whether stretching goes with fewer cramps, said in a sentence, drawn as a
//! bar for each group of nights and as twelve weeks of kept nights over their cramps; then the
//! steps that hurt and the streak in words.
//!
//! Under the sentence, one line says it is an association, not a trial; when a personal trial
//! exists, a page down turns to its review ([`super::trial_page`]).
//!
//! Pieces are chosen in order of need as the terminal shrinks (the sentence, the strip, the
//! bars, what hurt, the words) and drawn top to bottom in reading order. A piece goes in
//! whole or not at all, so nothing ends cut at the bottom edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::cramp_stats::CrampStats;
use crate::app::home::{HistoryState, HomeAction, HomeApp};
use crate::app::trial_page::{StatsPage, TrialPage};
use crate::core::cramps::{Comparison, Verdict};
use crate::core::stats::{NightState, Stats};
use crate::core::text::{capitalise, clean_line, width, wrap};

use super::binding::Binding;
use super::keymap;
use super::stats_charts::{BAND_ROWS, Marks, bar_lines, hurt_lines, legend_lines, strip_lines};
use super::theme::Theme;
use super::trial_page;
use super::widgets::{Room, inset, labelled, lines, stack};

/// The label column of the stats in words.
const LABEL: usize = 16;
/// Under a comparison: what it is, and where a fairer test of stretching is.
const ASSOCIATION: &str = "An association, not a trial: to test it, run bedstretch program.";
/// The same, when the person's own trial is a page down.
const ASSOCIATION_TRIAL: &str = "An association, not a trial: yours is a page down.";
/// The same, shorter.
const ASSOCIATION_SHORT: &str = "An association, not a trial.";
/// The same, added to the short verdict on the smallest screen.
const ASSOCIATION_TINY: &str = " Not a trial.";
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
    if let Some(trial) = trial(app) {
        trial_page::draw(trial, t, area, buf);
        return;
    }
    let c = &cramps.comparison;
    let rows = area.height as usize;
    let mut room = Room::new(rows);
    let gap = room.gap;

    let has_trial = cramps.trial.is_some();
    let sentence = room.take(sentence(c, has_trial, cols, (rows, gap), t));
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

    let lines = stack(vec![sentence, bars, strip, hurt, words], gap);
    Paragraph::new(lines).render(area, buf);
}

/// The trial's page, when it is the one turned to and there is a trial.
fn trial(app: &HomeApp) -> Option<&TrialPage> {
    let cramps = app.cramps.as_ref()?;
    cramps
        .trial
        .as_ref()
        .filter(|_| app.stats_page == StatsPage::Trial)
}

/// The keys the footer names on the stats: the way to the other page when there is a trial,
/// and that any key goes back.
pub fn keys(app: &HomeApp) -> Vec<Binding<HomeAction>> {
    let has_trial = app.cramps.as_ref().is_some_and(|c| c.trial.is_some());
    let turn = match (has_trial, trial(app).is_some()) {
        (false, _) => None,
        (true, false) => Some(HomeAction::PageDown),
        (true, true) => Some(HomeAction::PageUp),
    };
    let page = keymap::HOME_STATS.iter().filter(|b| Some(b.action) == turn);
    page.chain(keymap::HOME_BACK).copied().collect()
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

/// The sentence whole when a band of the strip still fits under it, else its short form;
/// under a comparison, that it is an association, as long as there is room. With no diary
/// yet, it says how to start one.
fn sentence(
    c: &Comparison,
    has_trial: bool,
    cols: usize,
    (rows, gap): (usize, usize),
    t: &Theme,
) -> Vec<Line<'static>> {
    let short = short_sentence(c.verdict);
    let mut full: Vec<Line> = lines(wrap(&c.sentence, cols), t.text);
    if c.stretched.nights + c.other.nights == 0 {
        full.extend(lines(wrap(NO_DIARY, cols), t.dim));
    }
    let mut choices = Vec::new();
    if c.difference.is_some() {
        let long = if has_trial {
            ASSOCIATION_TRIAL
        } else {
            ASSOCIATION
        };
        let association = if width(long) <= cols {
            long
        } else {
            ASSOCIATION_SHORT
        };
        let association = lines(wrap(association, cols), t.dim);
        let with = |mut sentence: Vec<Line<'static>>| {
            sentence.extend(association.clone());
            sentence
        };
        choices.push(with(full.clone()));
        choices.push(with(lines(wrap(short, cols), t.text)));
        let tiny = format!("{short}{ASSOCIATION_TINY}");
        choices.push(lines(wrap(&tiny, cols), t.text));
    } else {
        choices.push(full);
    }
    choices.push(lines(wrap(short, cols), t.text));
    let fits = |s: &&Vec<Line>| s.len() + BAND_ROWS + gap <= rows;
    let sentence = choices.iter().find(fits).or(choices.last());
    sentence.into_iter().flatten().take(rows).cloned().collect()
}

/// The strip in `free` rows, with as much of its legend as fits beside a band.
fn strip(
    app: &HomeApp,
    cramps: &CrampStats,
    cols: usize,
    free: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let marks = Marks {
        rest_days: !app.rules().rest_days.is_empty(),
        paused: cramps
            .weeks
            .iter()
            .flatten()
            .any(|n| n.state == NightState::Paused),
    };
    // The legend whole if it fits, else its first row, else none.
    for rows in (1..=LEGEND_ROWS.min(free)).rev() {
        let legend = legend_lines(marks, cols, rows, t);
        let mut strip = strip_lines(&cramps.weeks, cols, free.saturating_sub(legend.len()), t);
        if !strip.is_empty() {
            strip.extend(legend);
            return strip;
        }
    }
    strip_lines(&cramps.weeks, cols, free, t)
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

/// The verdict without its figures, for a terminal too small for the whole sentence.
fn short_sentence(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::NotEnough => "Not enough nights yet to compare.",
        Verdict::Rarer => "Cramps were rarer on nights you stretched.",
        Verdict::AboutAsCommon => "Cramps were about as common on nights you stretched.",
        Verdict::MoreCommon => "Cramps were more common on nights you stretched.",
    }
}
