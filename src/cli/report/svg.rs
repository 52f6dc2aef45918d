//! The report's charts as inline SVG: adherence week by week, cramp severity night by night
//! above a strip of the nights kept, so the two can be read against each other, and a
//! personal trial's cramps a night week by week. Drawn in a fixed 640-wide box that the page
//! scales to its width; colours come from the page's style sheet, so the charts print like
//! the text.

use std::fmt::{self, Write};

use chrono::{Datelike, Weekday};

use crate::core::report::{Night, Week};
use crate::core::stats::NightState;
use crate::core::text::hundredths;
use crate::core::trial_review::Review;

use super::xml::esc;
use super::{day, kept_of_due, percent, state_word};

const WIDTH: f64 = 640.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 8.0;
const PLOT: f64 = WIDTH - LEFT - RIGHT;
/// Labels closer than this many units would overlap; only every n-th is written.
const LABEL_ROOM: f64 = 36.0;

/// One bar of a bar chart.
struct Bar {
    /// Its style class.
    class: &'static str,
    /// Its height as a share of the plot's, 0 to 1; `None` draws no bar.
    share: Option<f64>,
    /// What a pointer over it says.
    title: String,
    /// The labels above it and below it.
    above: String,
    below: String,
}

/// Bars of kept over due nights per week, 0 to 100 %, labelled "kept/due" above and with the
/// week's first night below.
pub fn adherence(svg: &mut impl Write, weeks: &[Week]) -> fmt::Result {
    let bars: Vec<Bar> = weeks
        .iter()
        .map(|week| {
            let share = week.tally.share_kept();
            Bar {
                class: "bar",
                share,
                title: format!(
                    "{}: {} kept ({})",
                    super::week_span(week),
                    kept_of_due(&week.tally),
                    percent(share)
                ),
                above: if week.tally.due == 0 {
                    "–".to_string()
                } else {
                    format!("{}/{}", week.tally.kept, week.tally.due)
                },
                below: week.first.format("%-d %b").to_string(),
            }
        })
        .collect();
    let ticks = [(0.0, "0 %"), (0.5, "50 %"), (1.0, "100 %")];
    bar_chart(svg, "Nights kept each week", &ticks, &bars)
}

/// A trial's cramps a night week by week, the baseline's weeks paler than the program's,
/// each labelled with its figure above and its name below.
pub fn trial_weeks(svg: &mut impl Write, review: &Review) -> fmt::Result {
    let most = review
        .weeks
        .iter()
        .filter_map(|w| w.cramps_per_night)
        .fold(0.0_f64, f64::max);
    // The scale's top: a whole number of cramps, at least one.
    let top = most.ceil().max(1.0);
    let bars: Vec<Bar> = review
        .weeks
        .iter()
        .map(|week| {
            let figure = week.cramps_per_night.map(hundredths);
            Bar {
                class: if week.first_night < review.program_from {
                    "before"
                } else {
                    "bar"
                },
                share: week.cramps_per_night.map(|c| c / top),
                title: format!(
                    "{} (from {}): {}",
                    week.label,
                    week.first_night.format("%-d %b"),
                    figure.as_deref().unwrap_or("no entries")
                ),
                above: figure.unwrap_or_else(|| "–".to_string()),
                below: week.label.clone(),
            }
        })
        .collect();
    let (half, whole) = (format!("{}", top / 2.0), format!("{top}"));
    let ticks = [(0.0, "0"), (0.5, half.as_str()), (1.0, whole.as_str())];
    bar_chart(svg, "Cramps a night each week of the trial", &ticks, &bars)
}

/// Bars side by side over a grid, each labelled above and below where there is room.
fn bar_chart(
    svg: &mut impl Write,
    label: &str,
    ticks: &[(f64, &str)],
    bars: &[Bar],
) -> fmt::Result {
    let (top, height) = (20.0, 150.0);
    let base = top + height;
    open(svg, base + 30.0, label)?;
    axis(svg, top, height, ticks)?;
    let slot = PLOT / bars.len().max(1) as f64;
    let every = label_every(slot);
    // A few bars would make slabs, not bars.
    let width = (slot * 0.7).min(48.0);
    for (i, bar) in bars.iter().enumerate() {
        let x = LEFT + slot * i as f64;
        let centre = x + slot / 2.0;
        if let Some(share) = bar.share {
            let h = share * height;
            writeln!(
                svg,
                "<rect class=\"{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\">\
                 <title>{}</title></rect>",
                bar.class,
                centre - width / 2.0,
                base - h,
                width,
                esc(&bar.title),
            )?;
        }
        if i % every == 0 {
            let above = bar.share.map_or(base, |s| base - s * height) - 4.0;
            text(svg, centre, above, "middle", &bar.above)?;
            text(svg, centre, base + 14.0, "middle", &bar.below)?;
        }
    }
    writeln!(svg, "</svg>")
}

/// One column per night: a bar of the diary's severity (a tick for a night noted without
/// cramps, nothing for a night not noted), and under it a cell coloured by how the night went.
pub fn severity(svg: &mut impl Write, nights: &[Night]) -> fmt::Result {
    let (top, height) = (12.0, 120.0);
    let base = top + height;
    let strip = base + 6.0;
    open(
        svg,
        strip + 32.0,
        "Cramp severity each night, over the nights kept",
    )?;
    axis(svg, top, height, &[(0.0, "0"), (0.5, "5"), (1.0, "10")])?;
    let slot = PLOT / nights.len().max(1) as f64;
    // A hair between cells where there is room, so that a run of kept nights can be counted.
    let cell = if slot > 4.0 { slot - 1.0 } else { slot };
    for (i, night) in nights.iter().enumerate() {
        let x = LEFT + slot * i as f64;
        let when = day(night.night);
        if let Some(entry) = &night.entry {
            // A stray value from a synced file stays on the scale.
            let severity = entry.severity.min(10);
            let (class, h) = if severity == 0 {
                ("none", 2.0)
            } else {
                ("severity", f64::from(severity) / 10.0 * height)
            };
            writeln!(
                svg,
                "<rect class=\"{class}\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{h:.2}\">\
                 <title>{}: severity {}</title></rect>",
                x + slot * 0.1,
                base - h,
                slot * 0.8,
                esc(&when),
                entry.severity,
            )?;
        }
        let class = match night.state {
            NightState::Kept => "kept",
            NightState::Partly => "partly",
            NightState::Rest => "rest",
            NightState::BeforeStart => continue,
            _ => "missed",
        };
        writeln!(
            svg,
            "<rect class=\"{class}\" x=\"{x:.2}\" y=\"{strip:.2}\" width=\"{cell:.2}\" height=\"8\">\
             <title>{}: {}</title></rect>",
            esc(&when),
            state_word(night.state),
        )?;
    }
    // The first night, then Mondays, as many as there is room for.
    let mut last_label = f64::NEG_INFINITY;
    for (i, night) in nights.iter().enumerate() {
        let x = LEFT + slot * i as f64;
        let monday = night.night.weekday() == Weekday::Mon;
        // Dates are written from their night's left edge, so they need a little more room.
        if (i == 0 || monday) && x - last_label >= LABEL_ROOM + 8.0 {
            text(
                svg,
                x,
                strip + 22.0,
                "start",
                &night.night.format("%-d %b").to_string(),
            )?;
            last_label = x;
        }
    }
    writeln!(svg, "</svg>")
}

/// The opening tag, with a name for screen readers.
fn open(svg: &mut impl Write, height: f64, label: &str) -> fmt::Result {
    writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-label=\"{}\">",
        esc(label)
    )
}

/// Grid lines at the given fractions of the height, each labelled on the left.
fn axis(svg: &mut impl Write, top: f64, height: f64, ticks: &[(f64, &str)]) -> fmt::Result {
    for (fraction, label) in ticks {
        let y = top + height * (1.0 - fraction);
        writeln!(
            svg,
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" />",
            WIDTH - RIGHT
        )?;
        text(svg, LEFT - 4.0, y + 3.5, "end", label)?;
    }
    Ok(())
}

fn text(svg: &mut impl Write, x: f64, y: f64, anchor: &str, words: &str) -> fmt::Result {
    writeln!(
        svg,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>",
        esc(words)
    )
}

/// Every how many slots a label fits.
fn label_every(slot: f64) -> usize {
    if slot >= LABEL_ROOM {
        1
    } else {
        (LABEL_ROOM / slot.max(0.01)).ceil() as usize
    }
}
