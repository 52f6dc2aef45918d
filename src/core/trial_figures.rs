//! The review of a personal trial as every place that shows it words it (the command's text,
//! the stats screen): its title, its dates and each figure of a period, so that a figure is
//! rounded one way wherever it appears, and as the JSON rounds it.

use chrono::NaiveDate;

use super::text::{clean_line, hundredths, percent};
use super::trial_review::{Period, Review};

/// One figure of a period: its label, a shorter one for a narrow screen, and how it reads.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    /// "cramps a night".
    pub label: &'static str,
    /// "cramps/night", for a narrow screen.
    pub short: &'static str,
    /// The period's value as text, "–" when it has none.
    pub value: fn(&Period) -> String,
}

/// The figures of the side-by-side table, in order.
pub fn figures() -> [Figure; 5] {
    let figure = |label, short, value| Figure {
        label,
        short,
        value,
    };
    [
        figure("nights noted", "noted", |p| p.nights.to_string()),
        figure("cramps a night", "cramps/night", |p| {
            cramps_a_night(p.cramps_per_night)
        }),
        figure("nights with a cramp", "with a cramp", |p| {
            or_dash(p.share_with_cramp.map(percent))
        }),
        figure("mean severity", "severity", |p| {
            or_dash(p.mean_severity.map(|s| format!("{s:.1}")))
        }),
        figure("nights kept", "kept", |p| p.nights_kept.to_string()),
    ]
}

/// Cramps a night with two decimals, rounded as the JSON rounds it; "–" when no night was
/// noted.
pub fn cramps_a_night(mean: Option<f64>) -> String {
    or_dash(mean.map(hundredths))
}

fn or_dash(x: Option<String>) -> String {
    x.unwrap_or_else(|| "–".to_string())
}

/// "Your trial of calf-hamstring (so far)"; the routine's name comes from a history line, so
/// it is cleaned here.
pub fn title(r: &Review) -> String {
    let state = match (r.complete, r.stopped) {
        (true, true) => "stopped",
        (true, false) => "done",
        _ => "so far",
    };
    format!("Your trial of {} ({state})", clean_line(&r.routine))
}

/// "Baseline Thu 1 Oct to Wed 14 Oct; program Thu 15 Oct to Wed 25 Nov."
pub fn span(r: &Review) -> String {
    if r.last_night < r.from {
        return format!("Stopped before its first night, {}.", day(r.from));
    }
    let ((first, last), program) = r.periods();
    let program = match program {
        Some((first, last)) => format!("program {} to {}", day(first), day(last)),
        None => "stopped before the program began".to_string(),
    };
    format!("Baseline {} to {}; {program}.", day(first), day(last))
}

/// A night as the review names it: "Thu 1 Oct".
pub fn day(night: NaiveDate) -> String {
    night.format("%a %-d %b").to_string()
}
