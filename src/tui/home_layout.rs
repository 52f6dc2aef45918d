//! The home screen's room, worked out before anything is drawn: which parts get rows as the
//! terminal shrinks, and each label fitted to its columns. Pure, so the rules can be tested
//! without a terminal.
//!
//! What goes first as room shrinks: the recent sessions past the third and the blank rows,
//! then the heatmap, then the other recent sessions, the doctor line and the trial's reason
//! for the morning question, the routines past the third, the rule sentence and the trial's
//! line. Tonight with the streak, the morning question and the selected routine always stay.

use std::ops::Range;

use crate::core::text::{truncate, width, wrap};

/// What the main page would like, in rows, before it knows how many it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wants {
    /// Tonight's rows at their best: 2 when the streak needs its own row, more for a
    /// history that could not be read.
    pub tonight: u16,
    /// The morning question's rows, wrapped; 0 when it is not asked.
    pub prompt: u16,
    /// 1 when there is a status line to show.
    pub status: u16,
    /// Rows the status would take wrapped, at most 2.
    pub status_wrapped: u16,
    /// Routines in the list.
    pub routines: u16,
    /// The rule sentence wrapped; 0 when there are no stats.
    pub rule: u16,
    /// 1 when there is a personal trial to speak of.
    pub trial: u16,
    /// 1 when the morning question says why it matters to the trial.
    pub why: u16,
    /// The doctor line wrapped; 0 when no night of the week is worth discussing.
    pub doctor: u16,
    /// Recent sessions with their title; 0 while the history is unknown.
    pub recent: u16,
    /// Whether there is a heatmap to show.
    pub map: bool,
    /// Whether the heatmap fits beside the list.
    pub map_beside: bool,
    /// The heatmap's rows.
    pub map_rows: u16,
}

/// Where the heatmap goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapAt {
    /// No room for it.
    Nowhere,
    /// To the right of the list.
    Beside,
    /// Under everything else.
    Below,
}

/// Rows given to each part of the main page, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rows {
    /// A blank row under the header.
    pub gap_top: bool,
    /// Tonight and the streak (or the loading or failed message).
    pub tonight: u16,
    /// The trial's line.
    pub trial: u16,
    /// The morning question, from its first line.
    pub prompt: u16,
    /// Why the morning question matters to the trial.
    pub why: u16,
    /// The rule sentence; 0 or all of it.
    pub rule: u16,
    /// The doctor line; 0 or all of it.
    pub doctor: u16,
    /// A blank row above the list.
    pub gap_list: bool,
    /// The "Routines" title.
    pub list_title: bool,
    /// Routines shown; at least the selected one.
    pub list: u16,
    /// Rows of the list's block, which the heatmap beside it may make taller.
    pub list_block: u16,
    /// The heatmap's place.
    pub map: MapAt,
    /// A blank row above the recent sessions.
    pub gap_recent: bool,
    /// Recent sessions with their title.
    pub recent: u16,
    /// The status line.
    pub status: u16,
}

impl Rows {
    /// One row for tonight and one for the selected routine, which even the smallest
    /// terminal has; nothing else.
    const LEAST: Self = Self {
        gap_top: false,
        tonight: 1,
        trial: 0,
        prompt: 0,
        why: 0,
        rule: 0,
        doctor: 0,
        gap_list: false,
        list_title: false,
        list: 1,
        list_block: 1,
        map: MapAt::Nowhere,
        gap_recent: false,
        recent: 0,
        status: 0,
    };
}

/// Puts the heatmap beside the list when the rows it needs past the list's are left (the
/// list then fills them), or below everything on a narrow terminal.
fn place_map(rows: &mut Rows, wants: &Wants, take: &mut dyn FnMut(u16) -> bool) {
    rows.list_block = rows.list + u16::from(rows.list_title);
    if !wants.map || !rows.list_title {
        return;
    }
    let extra = wants.map_rows.saturating_sub(rows.list_block);
    if wants.map_beside && take(extra) {
        rows.map = MapAt::Beside;
        rows.list_block = rows.list_block.max(wants.map_rows);
        // The rows beside the heatmap are there anyway: fill them with routines.
        rows.list = wants.routines.min(rows.list_block - 1).max(rows.list);
    } else if !wants.map_beside && take(wants.map_rows + 1) {
        rows.map = MapAt::Below;
    }
}

/// Shares `height` body rows (between the header row and the footer) among the parts, the
/// most needed first.
pub fn share(wants: &Wants, height: u16) -> Rows {
    let mut left = height;
    let mut take = |rows: u16| {
        let ok = rows <= left;
        if ok {
            left -= rows;
        }
        ok
    };
    let mut rows = Rows::LEAST;
    // The smallest terminal leaves six body rows, so these two always fit.
    take(2);
    // Asked once a morning and answered with one key: it must be seen.
    while rows.prompt < wants.prompt && take(1) {
        rows.prompt += 1;
    }
    if wants.status > 0 && take(1) {
        rows.status = 1;
    }
    while rows.tonight < wants.tonight && take(1) {
        rows.tonight += 1;
    }
    rows.list_title = take(1);
    let grow_list = |rows: &mut Rows, to: u16, take: &mut dyn FnMut(u16) -> bool| {
        while rows.list < wants.routines.min(to) && take(1) {
            rows.list += 1;
        }
    };
    // A part that is shown whole or not at all.
    let whole = |want: u16, take: &mut dyn FnMut(u16) -> bool| {
        if want > 0 && take(want) { want } else { 0 }
    };
    grow_list(&mut rows, 3, &mut take);
    rows.trial = whole(wants.trial, &mut take);
    rows.rule = whole(wants.rule, &mut take);
    if wants.status_wrapped > rows.status && rows.status > 0 && take(1) {
        rows.status += 1;
    }
    grow_list(&mut rows, 5, &mut take);
    rows.why = whole(wants.why, &mut take);
    rows.doctor = whole(wants.doctor, &mut take);
    if wants.recent >= 2 && take(2) {
        rows.recent = 2;
        // Three sessions say what the recent ones are like; the rest wait for room the
        // heatmap and the blank rows do not need.
        while rows.recent < wants.recent.min(4) && take(1) {
            rows.recent += 1;
        }
    }
    place_map(&mut rows, wants, &mut take);
    rows.gap_top = take(1);
    rows.gap_list = rows.list_title && take(1);
    while rows.recent >= 2 && rows.recent < wants.recent && take(1) {
        rows.recent += 1;
    }
    rows.gap_recent = rows.recent > 0 && take(1);
    while rows.list < wants.routines && take(1) {
        rows.list += 1;
    }
    rows.list_block = rows.list_block.max(rows.list + u16::from(rows.list_title));
    rows
}

/// The routines to show in `rows` rows: the selected one always among them, kept near the
/// middle so that its neighbours on both sides are in sight. Worked out from the selection
/// alone, so the model keeps no scroll position that could go stale.
pub fn window(selected: usize, len: usize, rows: usize) -> Range<usize> {
    if len <= rows {
        return 0..len;
    }
    let start = selected
        .saturating_sub(rows.saturating_sub(1) / 2)
        .min(len - rows);
    start..start + rows
}

/// How tonight and the streak share their rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TonightFit {
    /// The streak to put on tonight's row, if any fits there with a gap.
    pub beside: Option<String>,
    /// The streak on a row of its own, when it does not fit beside tonight.
    pub own_row: Option<String>,
}

/// Fits the streak next to the tonight label in `cols` columns: the whole text with two
/// spaces between when it fits; else on its own row (when `two_rows`), else shortened to a
/// form that fits beside. The two never touch.
pub fn fit_tonight(label: &str, streaks: &[String], cols: usize, two_rows: bool) -> TonightFit {
    let room = cols.saturating_sub(width(label) + 2);
    let Some(full) = streaks.first() else {
        return TonightFit {
            beside: None,
            own_row: None,
        };
    };
    if width(full) <= room {
        return TonightFit {
            beside: Some(full.clone()),
            own_row: None,
        };
    }
    if two_rows {
        let own = streaks
            .iter()
            .find(|s| width(s) <= cols)
            .map_or_else(|| truncate(full, cols), Clone::clone);
        return TonightFit {
            beside: None,
            own_row: Some(own),
        };
    }
    TonightFit {
        beside: streaks.iter().find(|s| width(s) <= room).cloned(),
        own_row: None,
    }
}

/// A note wrapped into at most `rows` rows of `cols` columns; when it needs more, the last
/// row ends with `…`. It is never cut at both ends.
pub fn fit_note(note: &str, cols: usize, rows: usize) -> Vec<String> {
    let mut lines = wrap(note, cols);
    if lines.len() > rows && rows > 0 {
        // What is left is wider than a row, so truncating it ends it with "…".
        let rest = lines.split_off(rows - 1).join(" ");
        lines.push(truncate(&rest, cols));
    }
    lines.truncate(rows);
    lines
}

/// The first problem, shortened to leave room for how many more there are and the key that
/// shows them all, on one row of `cols` columns.
pub fn problems_summary(problems: &[String], cols: usize) -> Option<String> {
    let first = problems.first()?;
    let more = problems.len() - 1;
    let tails = if more > 0 {
        [
            format!(" · {more} more · ! shows all"),
            format!(" · {more} more · !"),
        ]
    } else {
        [" · ! shows it".to_string(), " · !".to_string()]
    };
    // The problem keeps a dozen columns at least, or it says nothing.
    let tail = tails
        .iter()
        .find(|tail| cols >= width(tail) + 12)
        .unwrap_or(&tails[1]);
    Some(format!(
        "{}{tail}",
        truncate(first, cols.saturating_sub(width(tail)))
    ))
}

/// The first of `choices` (longest first) that fits in `cols` columns; when none does, the
/// last shortened with `…` if `or_cut`, else none.
pub fn fit_one(choices: &[String], cols: usize, or_cut: bool) -> Option<String> {
    match first_fitting(choices, cols) {
        Some(fits) => Some(fits.clone()),
        None if or_cut => choices.last().map(|last| truncate(last, cols)),
        None => None,
    }
}

/// The first of `choices` that fits in `cols` columns, or none.
pub fn first_fitting(choices: &[String], cols: usize) -> Option<&String> {
    choices.iter().find(|c| width(c) <= cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wants() -> Wants {
        Wants {
            tonight: 1,
            prompt: 0,
            status: 0,
            status_wrapped: 0,
            routines: 4,
            rule: 1,
            trial: 0,
            why: 0,
            doctor: 0,
            recent: 6,
            map: true,
            map_beside: true,
            map_rows: 11,
        }
    }

    #[test]
    fn the_heatmap_goes_first_then_recent_then_the_rule() {
        let roomy = share(&wants(), 22);
        assert_eq!(roomy.map, MapAt::Beside);
        assert_eq!((roomy.recent, roomy.rule, roomy.list), (6, 1, 4));
        let less = share(&wants(), 12);
        assert_eq!(less.map, MapAt::Nowhere);
        assert!(less.recent > 0 && less.rule == 1);
        let small = share(&wants(), 6);
        assert_eq!((small.map, small.recent), (MapAt::Nowhere, 0));
        assert_eq!(small.rule, 1);
        let tiny = share(
            &Wants {
                rule: 3,
                tonight: 2,
                status: 1,
                ..wants()
            },
            6,
        );
        assert_eq!((tiny.rule, tiny.recent, tiny.tonight), (0, 0, 2));
        assert!(tiny.list >= 1 && tiny.status == 1);
    }

    #[test]
    fn the_morning_question_comes_before_all_but_tonight_and_the_list() {
        let asked = Wants {
            prompt: 3,
            tonight: 2,
            status: 1,
            ..wants()
        };
        let smallest = share(&asked, 6);
        assert_eq!(
            (smallest.prompt, smallest.tonight, smallest.list),
            (3, 1, 1)
        );
        assert_eq!(share(&asked, 5).prompt, 3);
        assert_eq!(share(&asked, 4).prompt, 2, "what fits of it");
        assert_eq!(share(&asked, 22).prompt, 3);
    }

    #[test]
    fn the_trial_and_the_doctor_line_give_way_to_the_list_and_keep_the_heatmap() {
        let evening = Wants {
            routines: 5,
            trial: 1,
            doctor: 2,
            ..wants()
        };
        // 80x24: all of it, the heatmap beside, with recent sessions shortened instead.
        let roomy = share(&evening, 22);
        assert_eq!((roomy.trial, roomy.doctor, roomy.list), (1, 2, 5));
        assert_eq!(roomy.map, MapAt::Beside);
        assert!(roomy.gap_top && roomy.gap_list && roomy.recent >= 3);
        // 40x12: the trial before the rule; the doctor line waits for the fifth routine.
        let narrow = Wants {
            tonight: 2,
            rule: 2,
            doctor: 4,
            map_beside: false,
            ..evening
        };
        let small = share(&narrow, 10);
        assert_eq!((small.trial, small.rule, small.doctor), (1, 2, 0));
        assert_eq!(small.list, 4);
        // 30x8: the list's three rows come first.
        let tiny = share(&narrow, 6);
        assert_eq!((tiny.trial, tiny.list), (0, 3));
        // The morning question's reason comes after the fifth routine.
        let morning = Wants {
            prompt: 2,
            why: 1,
            rule: 0,
            ..narrow
        };
        assert_eq!(share(&morning, 10).why, 0);
        assert_eq!(share(&morning, 12).why, 1);
    }

    #[test]
    fn rows_never_add_up_to_more_than_the_body() {
        for height in 6..60 {
            for beside in [true, false] {
                let w = Wants {
                    tonight: 2,
                    prompt: 3,
                    status: 1,
                    status_wrapped: 2,
                    routines: 14,
                    rule: 3,
                    trial: 1,
                    why: 1,
                    doctor: 3,
                    map_beside: beside,
                    ..wants()
                };
                let r = share(&w, height);
                let map_below = if r.map == MapAt::Below { 12 } else { 0 };
                let used = u16::from(r.gap_top)
                    + r.tonight
                    + r.trial
                    + r.prompt
                    + r.why
                    + r.rule
                    + r.doctor
                    + u16::from(r.gap_list)
                    + r.list_block
                    + u16::from(r.gap_recent)
                    + r.recent
                    + map_below
                    + r.status;
                assert!(used <= height, "{used} rows in {height}: {r:?}");
                assert!(r.list >= 1 && r.tonight >= 1);
            }
        }
    }

    #[test]
    fn the_window_keeps_the_selection_in_sight() {
        assert_eq!(window(0, 3, 5), 0..3);
        assert_eq!(window(13, 14, 5), 9..14);
        assert_eq!(window(0, 14, 5), 0..5);
        assert_eq!(window(7, 14, 5), 5..10);
        assert_eq!(window(7, 14, 1), 7..8);
        for selected in 0..14 {
            for rows in 1..16 {
                assert!(window(selected, 14, rows).contains(&selected));
            }
        }
    }

    #[test]
    fn the_streak_never_touches_tonight() {
        let streaks = [
            "Streak 12 nights · longest 40".to_string(),
            "Streak 12 nights".to_string(),
            "Streak 12".to_string(),
        ];
        let fit = fit_tonight("Not yet tonight", &streaks, 78, false);
        assert_eq!(fit.beside.as_deref(), Some("Streak 12 nights · longest 40"));
        let fit = fit_tonight("Not yet tonight", &streaks, 38, true);
        assert_eq!(
            fit.own_row.as_deref(),
            Some("Streak 12 nights · longest 40")
        );
        let fit = fit_tonight("Not yet tonight", &streaks, 38, false);
        assert_eq!(fit.beside.as_deref(), Some("Streak 12 nights"));
        let fit = fit_tonight("Not yet tonight", &streaks, 28, false);
        assert_eq!(fit.beside.as_deref(), Some("Streak 12"));
        let fit = fit_tonight("Not yet tonight", &streaks, 28, true);
        assert_eq!(fit.own_row.as_deref(), Some("Streak 12 nights"));
    }

    #[test]
    fn notes_wrap_then_end_with_an_ellipsis() {
        let note = "Stopped before the first stretch; nothing was recorded.";
        assert_eq!(
            fit_note(note, 28, 2),
            ["Stopped before the first", "stretch; nothing was record…"]
        );
        assert_eq!(fit_note(note, 28, 1), ["Stopped before the first st…"]);
        assert_eq!(fit_note(note, 80, 2), [note]);
    }

    #[test]
    fn the_problems_summary_keeps_the_count_and_the_key() {
        let problems = vec![
            "/home/you/.config/bedstretch/config.toml:3:1: min_completion must be 0..1".into(),
            "b".into(),
            "c".into(),
        ];
        let wide = problems_summary(&problems, 78).unwrap_or_default();
        assert!(
            wide.ends_with(" · 2 more · ! shows all") && width(&wide) <= 78,
            "{wide}"
        );
        let narrow = problems_summary(&problems, 28).unwrap_or_default();
        assert_eq!(narrow, "/home/you/.con… · 2 more · !");
        let one = problems_summary(&problems[1..2], 28).unwrap_or_default();
        assert_eq!(one, "b · ! shows it");
        assert_eq!(problems_summary(&[], 28), None);
    }
}
