//! The report as Markdown: readable as it is in a terminal, and turned into a document by
//! any Markdown tool. Text from files is cleaned to one line and escaped, so a note cannot
//! break a table or smuggle in HTML.

use std::fmt::{self, Write};

use crate::core::report::Report;
use crate::core::text;

use super::{
    CAVEAT, Column, DIARY_COLUMNS, FIGURES_COLUMNS, HURT_COLUMNS, ROUTINE_COLUMNS, WEEK_COLUMNS,
    comparison_notes, diary_rows, figures_row, period, side, summary, week_row,
};

/// The whole report.
pub fn render(md: &mut impl Write, r: &Report) -> fmt::Result {
    writeln!(md, "# Bedtime stretching and night cramps\n")?;
    writeln!(md, "{}", period(r))?;
    writeln!(md, "How it counts: {}.\n", r.rule)?;
    for line in summary(r) {
        writeln!(md, "- {line}")?;
    }

    writeln!(md, "\n## Adherence by week\n")?;
    table(md, &WEEK_COLUMNS, r.weeks.iter().map(week_row))?;

    let c = &r.comparison;
    writeln!(md, "\n## Cramps and stretching\n\n{}\n", c.sentence)?;
    table(
        md,
        &FIGURES_COLUMNS,
        [
            figures_row("After stretching", c.stretched.nights, &c.stretched.all),
            figures_row("Other nights", c.other.nights, &c.other.all),
        ]
        .into_iter()
        .map(Vec::from),
    )?;
    writeln!(md, "\n{}\n\n> {CAVEAT}", comparison_notes(r))?;

    writeln!(md, "\n## Routines used\n")?;
    if r.routines.is_empty() {
        writeln!(md, "No sessions in this period.")?;
    } else {
        table(
            md,
            &ROUTINE_COLUMNS,
            r.routines
                .iter()
                .map(|u| vec![cell(&u.name), u.sessions.to_string()]),
        )?;
    }

    writeln!(md, "\n## Steps stopped with \"this hurts\"\n")?;
    if r.hurt_steps.is_empty() {
        writeln!(md, "None in this period.")?;
    } else {
        table(
            md,
            &HURT_COLUMNS,
            r.hurt_steps.iter().map(|h| {
                vec![
                    cell(&h.step),
                    cell(&side(h.side.as_deref())),
                    h.times.to_string(),
                ]
            }),
        )?;
    }

    writeln!(md, "\n## Cramp diary\n")?;
    let diary = diary_rows(r);
    if diary.is_empty() {
        writeln!(md, "No entries in this period.")?;
    } else {
        // Every cell is text from the files or made from it: escaped alike.
        let rows = diary
            .iter()
            .map(|row| row.iter().map(|c| cell(c)).collect());
        table(md, &DIARY_COLUMNS, rows)?;
    }
    Ok(())
}

/// A table, figures ranged right.
fn table(
    md: &mut impl Write,
    columns: &[Column],
    rows: impl Iterator<Item = Vec<String>>,
) -> fmt::Result {
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    writeln!(md, "| {} |", names.join(" | "))?;
    let rule: Vec<&str> = columns
        .iter()
        .map(|c| if c.figures { "---:" } else { "---" })
        .collect();
    writeln!(md, "| {} |", rule.join(" | "))?;
    for row in rows {
        writeln!(md, "| {} |", row.join(" | "))?;
    }
    Ok(())
}

/// Text from a file as one table cell: controls removed, on one line, and every character
/// Markdown would read as structure or markup escaped.
fn cell(raw: &str) -> String {
    let mut out = String::new();
    for c in text::clean_line(raw).chars() {
        if matches!(c, '\\' | '|' | '<' | '>' | '*' | '_' | '`' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn a_cell_cannot_break_its_table_nor_carry_markup() {
        assert_eq!(cell("left | right"), "left \\| right");
        assert_eq!(cell("<b>& calf"), "\\<b\\>& calf");
        assert_eq!(cell("two\nlines\u{1b}[31m"), "two lines\\[31m");
    }
}
