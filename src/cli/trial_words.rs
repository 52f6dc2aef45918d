//! The review of a personal trial in words, for `program review` and the report.

use std::fmt::{self, Write};

use crate::core::text::{hundredths, wrap};
use crate::core::trial_figures::figures;
pub use crate::core::trial_figures::{span, title};
use crate::core::trial_review::{Period, Review};

/// Where the sentences wrap: readable in any terminal of 80 columns.
const WIDTH: usize = 78;

/// The widest bar of the week-by-week chart, in cells.
const BAR_CELLS: f64 = 24.0;

/// The review as text: the two periods side by side, the answer, what it cannot show, and
/// cramps a night week by week.
pub fn review_text(r: &Review) -> String {
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = write_review(&mut text, r);
    text.trim_end().to_string()
}

/// [`review_text`] into `t`.
fn write_review(t: &mut impl Write, r: &Review) -> fmt::Result {
    writeln!(t, "{}\n{}\n", title(r), span(r))?;
    writeln!(t, "{:<20}{:>9}{:>9}", "", "before", "during")?;
    for (label, value) in rows() {
        writeln!(
            t,
            "{label:<20}{:>9}{:>9}",
            value(&r.baseline),
            value(&r.program)
        )?;
    }
    writeln!(t)?;
    for line in wrap(&r.verdict, WIDTH).iter().chain(&wrap(r.caveat, WIDTH)) {
        writeln!(t, "{line}")?;
    }
    let most = r
        .weeks
        .iter()
        .filter_map(|w| w.cramps_per_night)
        .fold(0.0_f64, f64::max);
    writeln!(t, "\nCramps a night, week by week:")?;
    for week in &r.weeks {
        match week.cramps_per_night {
            Some(c) => {
                let cells = if most > 0.0 {
                    (c / most * BAR_CELLS).round()
                } else {
                    0.0
                };
                let bar = "█".repeat(cells as usize);
                writeln!(t, "  {:<9} {bar} {}", week.label, hundredths(c))?;
            }
            None if week.first_night >= r.tonight => {
                writeln!(t, "  {:<9} · to come", week.label)?;
            }
            None => writeln!(t, "  {:<9} · no entries", week.label)?,
        }
    }
    Ok(())
}

/// A row of the side-by-side table: its label, and how a period shows it.
pub type Row = (&'static str, fn(&Period) -> String);

/// The rows of the side-by-side table.
pub fn rows() -> [Row; 5] {
    figures().map(|f| (f.label, f.value))
}
