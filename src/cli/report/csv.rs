//! The report as CSV: one row per night of the period, oldest first, for a spreadsheet.
//! Weeks and the comparison are sums and words over these rows, so they are left to the
//! Markdown and HTML forms rather than squeezed into a table of another shape.

use std::fmt::{self, Write};

use crate::core::report::{Night, Report};
use crate::core::text::{self, csv_field};

use super::state_word;

/// The header row; `--help` lists the same columns.
pub const HEADER: &str = "night,evening,sessions,routines,severity,side,cramps,note,hurt";

/// The whole report: the header and a row per night.
pub fn render(csv: &mut impl Write, r: &Report) -> fmt::Result {
    writeln!(csv, "{HEADER}")?;
    for night in &r.nights {
        let fields: Vec<String> = row(night).iter().map(|f| csv_field(f)).collect();
        writeln!(csv, "{}", fields.join(","))?;
    }
    Ok(())
}

/// A night's fields, before quoting. Lists are joined with "; ", and every field is kept to
/// one line so that each night is exactly one line of the file.
fn row(n: &Night) -> [String; 9] {
    let entry = n.entry.as_ref();
    let hurt: Vec<String> = n
        .hurt
        .iter()
        .map(|h| match &h.side {
            Some(side) => format!("{} ({side})", h.step),
            None => h.step.clone(),
        })
        .collect();
    let one_line = |items: &[String]| {
        items
            .iter()
            .map(|s| text::clean_line(s))
            .collect::<Vec<_>>()
            .join("; ")
    };
    [
        n.night.to_string(),
        state_word(n.state).to_string(),
        n.sessions.to_string(),
        one_line(&n.routines),
        entry.map(|e| e.severity.to_string()).unwrap_or_default(),
        entry
            .and_then(|e| e.side.as_deref())
            .map(text::clean_line)
            .unwrap_or_default(),
        entry
            .and_then(|e| e.count)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        entry
            .and_then(|e| e.note.as_deref())
            .map(text::clean_line)
            .unwrap_or_default(),
        one_line(&hurt),
    ]
}
