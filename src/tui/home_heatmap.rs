//! Twelve weeks of nights: a row per weekday, a column per week with tonight in the last,
//! the months named above the week they start in, and a legend for every mark. The paused
//! mark is named only when the grid shows one: most people never pause, and for them the
//! legend keeps to two rows.

use chrono::Datelike;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::core::stats::{NightState, Stats};

use super::theme::Theme;

/// Weeks shown.
pub const WEEKS: u32 = 12;
/// Columns the heatmap takes: the weekday letter and its space, then two per week.
pub const MAP_WIDTH: u16 = 2 + WEEKS as u16 * 2;
/// Rows it takes: the title, the months, seven weekdays and two of legend (three when the
/// grid shows a paused night).
pub const MAP_HEIGHT: u16 = 11;

/// The rows the heatmap of `stats` takes.
pub fn map_height(stats: &Stats) -> u16 {
    MAP_HEIGHT + u16::from(shows_paused(&stats.heatmap(WEEKS)))
}

fn shows_paused(weeks: &[[(chrono::NaiveDate, NightState); 7]]) -> bool {
    weeks
        .iter()
        .flatten()
        .any(|(_, s)| *s == NightState::Paused)
}

/// The heatmap as lines of at most [`MAP_WIDTH`] columns, [`map_height`] of them.
pub fn heatmap_lines(stats: &Stats, t: &Theme) -> Vec<Line<'static>> {
    let weeks = stats.heatmap(WEEKS);
    let mut lines = vec![
        Line::styled(format!("Last {WEEKS} weeks"), t.dim),
        Line::styled(months(&weeks), t.dim),
    ];
    for (day, label) in ["M", "T", "W", "T", "F", "S", "S"].iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{label} "), t.dim)];
        for week in &weeks {
            let (symbol, style) = cell(week[day].1, t);
            spans.push(Span::styled(format!("{symbol} "), style));
        }
        lines.push(Line::from(spans));
    }
    lines.extend(legend(t, shows_paused(&weeks)));
    lines
}

/// Month names over the week columns: each at the column holding its 1st, and the first
/// column named too when that leaves room, so the oldest weeks are not anonymous. A name that
/// would run past the map moves left to end at its edge, or goes when that would touch the
/// name before it: a month is named whole or not at all.
fn months(weeks: &[[(chrono::NaiveDate, NightState); 7]]) -> String {
    const NAME: usize = 3;
    let x = |column: usize| 2 + column * 2;
    let last_start = MAP_WIDTH as usize - NAME;
    // (first column, name), with a gap of one column at least between names.
    let mut labels: Vec<(usize, String)> = Vec::new();
    for (column, week) in weeks.iter().enumerate() {
        if let Some((first, _)) = week.iter().find(|(night, _)| night.day() == 1) {
            let at = x(column).min(last_start);
            if labels.last().is_none_or(|(start, _)| at > start + NAME) {
                labels.push((at, first.format("%b").to_string()));
            }
        }
    }
    if let Some(week) = weeks.first() {
        // A 1st in this week is named already, and then there is no room.
        let room = labels.first().is_none_or(|(start, _)| *start > x(0) + NAME);
        if room {
            labels.insert(0, (x(0), week[6].0.format("%b").to_string()));
        }
    }
    let mut row = String::new();
    for (start, name) in labels {
        row.extend(std::iter::repeat_n(' ', start.saturating_sub(row.len())));
        row.push_str(&name);
    }
    row
}

/// Every mark the grid uses, flowed into rows of [`MAP_WIDTH`] columns: two, or three with
/// the paused mark.
fn legend(t: &Theme, paused: bool) -> Vec<Line<'static>> {
    let items = [
        (NightState::Kept, "kept"),
        (NightState::Partly, "partly"),
        (NightState::Missed, "missed"),
        (NightState::Rest, "rest day"),
        (NightState::Paused, "paused"),
        (NightState::Open, "tonight"),
    ];
    let items = items
        .into_iter()
        .filter(|(state, _)| paused || *state != NightState::Paused)
        .map(|(state, word)| (cell(state, t), word))
        .collect();
    super::widgets::legend(items, MAP_WIDTH as usize, usize::MAX, t)
}

/// How a night is drawn, here and on the stats page's strip, so the two always agree.
pub(crate) fn cell(state: NightState, t: &Theme) -> (&'static str, Style) {
    match state {
        NightState::Kept => ("■", t.digits),
        NightState::Partly => ("▪", t.digits_paused),
        NightState::Missed => ("·", t.dim),
        NightState::Rest => ("-", t.dim),
        // Calm like a rest day, and a glyph of its own so that NO_COLOR tells them apart.
        NightState::Paused => ("~", t.dim),
        NightState::Open => ("□", t.title),
        NightState::Future | NightState::BeforeStart => (" ", t.dim),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::calendar::Rules;
    use chrono::DateTime;

    fn stats(now: &str) -> Stats {
        let now = DateTime::parse_from_rfc3339(now).expect("time");
        Stats::compute(&[], &Rules::default(), now)
    }

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_month_that_starts_in_the_last_week_is_named_whole() {
        // Tonight is Wednesday 2 December 2026: 1 December is in the last column, whose
        // name would run one column past the map; it moves left to fit, whole.
        let lines = heatmap_lines(&stats("2026-12-02T21:00:00+01:00"), &Theme::plain());
        let months = text(&lines[1]);
        assert!(months.ends_with(" Dec"), "{months:?}");
        assert!(
            crate::core::text::width(&months) <= MAP_WIDTH as usize,
            "{months:?}"
        );
        for now in ["2026-12-01T21:00:00+01:00", "2027-03-07T21:00:00+01:00"] {
            let months = text(&heatmap_lines(&stats(now), &Theme::plain())[1]);
            assert!(
                crate::core::text::width(&months) <= MAP_WIDTH as usize,
                "{now}: {months:?}"
            );
            assert!(
                months
                    .split_whitespace()
                    .all(|m| m.len() == 3 && m.chars().next().is_some_and(char::is_uppercase)),
                "{now}: {months:?}"
            );
        }
    }

    #[test]
    fn months_sit_over_the_week_of_their_first_day() {
        // Tonight is Monday 23 November 2026: the last column is the week of the 23rd.
        let lines = heatmap_lines(&stats("2026-11-23T21:00:00+01:00"), &Theme::plain());
        assert_eq!(lines.len(), MAP_HEIGHT as usize);
        let months = text(&lines[1]);
        // The first column is the week of Monday 7 September; 1 October is in the fourth
        // (Mon 28 Sep) and 1 November, a Sunday, in the eighth (Mon 26 Oct).
        assert_eq!(months, "  Sep   Oct     Nov");
        assert!(
            lines
                .iter()
                .all(|l| crate::core::text::width(&text(l)) <= MAP_WIDTH as usize)
        );
    }

    #[test]
    fn the_legend_names_every_mark_and_the_paused_one_only_when_shown() {
        let lines = heatmap_lines(&stats("2026-11-23T21:00:00+01:00"), &Theme::plain());
        assert_eq!(lines.len(), MAP_HEIGHT as usize);
        let legend = format!("{} {}", text(&lines[9]), text(&lines[10]));
        for word in ["■ kept", "▪ partly", "· missed", "- rest day", "□ tonight"] {
            assert!(legend.contains(word), "{word} in {legend:?}");
        }
        assert!(!legend.contains("paused"), "{legend:?}");
        // A pause of 16–18 Nov: its nights show ~, and the legend takes a third row for it.
        let pause = r#"{"v":1,"kind":"pause","id":"p","from":"2026-11-16","until":"2026-11-18","logged_at":"2026-11-19T08:00:00+01:00"}"#;
        let pause = crate::core::pause::PauseRecord::parse(pause).expect("a pause");
        let rules = Rules::default().paused_by(&[pause]);
        let now = DateTime::parse_from_rfc3339("2026-11-23T21:00:00+01:00").expect("time");
        let stats = Stats::compute(&[], &rules, now);
        let lines = heatmap_lines(&stats, &Theme::plain());
        assert_eq!(lines.len(), map_height(&stats) as usize);
        assert_eq!(lines.len(), MAP_HEIGHT as usize + 1);
        assert!(
            text(&lines[2]).ends_with("~ □ "),
            "Monday: {:?}",
            text(&lines[2])
        );
        let legend: Vec<String> = lines[9..].iter().map(text).collect();
        assert!(legend.join(" ").contains("~ paused"), "{legend:?}");
        assert!(
            legend
                .iter()
                .all(|l| crate::core::text::width(l) <= MAP_WIDTH as usize)
        );
    }
}
