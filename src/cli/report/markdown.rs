//! The report as Markdown: readable as it is in a terminal, and turned into a document by
//! any Markdown tool. Text from files is cleaned to one line and escaped, so a note cannot
//! break a table or smuggle in HTML.

use std::fmt::{self, Write};

use crate::cli::trial_words::{span, title};
use crate::core::report::Report;
use crate::core::text;
use crate::core::trial_review::Review;
use crate::core::worth_discussing::LINE;

use super::{
    CAVEAT, Column, DIARY_COLUMNS, FIGURES_COLUMNS, HURT_COLUMNS, NO_PAUSES, NO_RECORDS,
    PAUSE_COLUMNS, ROUTINE_COLUMNS, TRIAL_COLUMNS, TRIAL_WEEK_COLUMNS, WEEK_COLUMNS, WORTH_COLUMNS,
    comparison_notes, comparison_rows, diary_rows, hurt_rows, pause_rows, period, routine_rows,
    summary, trial_difference, trial_rows, trial_week_rows, week_row, worth_rows,
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
    if r.weeks.is_empty() {
        writeln!(md, "{NO_RECORDS}")?;
    } else {
        table(md, &WEEK_COLUMNS, r.weeks.iter().map(week_row))?;
    }

    writeln!(
        md,
        "\n## Cramps and stretching\n\n{}\n",
        r.comparison.sentence
    )?;
    table(md, &FIGURES_COLUMNS, comparison_rows(r).into_iter())?;
    writeln!(md, "\n{}\n\n> {CAVEAT}", comparison_notes(r))?;
    if let Some(t) = &r.trial {
        trial(md, t)?;
    }
    writeln!(md, "\n## Worth discussing\n")?;
    if !r.worth_discussing.is_empty() {
        writeln!(md, "{LINE}\n")?;
    }
    text_table(md, &WORTH_COLUMNS, worth_rows(r), "None in this period.")?;

    let sections: [Section; 4] = [
        (
            "Routines used",
            &ROUTINE_COLUMNS,
            routine_rows(r),
            "No sessions in this period.",
        ),
        (
            "Steps stopped with \"this hurts\"",
            &HURT_COLUMNS,
            hurt_rows(r),
            "None in this period.",
        ),
        (
            "Cramp diary",
            &DIARY_COLUMNS,
            diary_rows(r),
            "No entries in this period.",
        ),
        ("Paused nights", &PAUSE_COLUMNS, pause_rows(r), NO_PAUSES),
    ];
    for (heading, columns, rows, none) in sections {
        writeln!(md, "\n## {heading}\n")?;
        text_table(md, columns, rows, none)?;
    }
    Ok(())
}

/// A table section: its heading, columns, rows, and what it says when it has none.
type Section<'a> = (&'a str, &'a [Column], Vec<Vec<String>>, &'a str);

/// The personal trial: the two periods side by side, the difference, the answer, what it
/// cannot show, and cramps a night week by week.
fn trial(md: &mut impl Write, t: &Review) -> fmt::Result {
    // The routine's id comes from a history line: escaped like a table's cell.
    writeln!(md, "\n## {}\n\n{}\n", cell(&title(t)), span(t))?;
    table(md, &TRIAL_COLUMNS, trial_rows(t).into_iter())?;
    if let Some(difference) = trial_difference(t) {
        writeln!(md, "\n{difference}")?;
    }
    writeln!(md, "\n**{}**\n\n> {}\n", t.verdict, t.caveat)?;
    writeln!(md, "### Cramps a night, week by week\n")?;
    table(md, &TRIAL_WEEK_COLUMNS, trial_week_rows(t).into_iter())
}

/// A table whose every cell is text from the files or made from it, escaped alike; `none`
/// in its place when there are no rows.
fn text_table(
    md: &mut impl Write,
    columns: &[Column],
    rows: Vec<Vec<String>>,
    none: &str,
) -> fmt::Result {
    if rows.is_empty() {
        return writeln!(md, "{none}");
    }
    let rows = rows.iter().map(|row| row.iter().map(|c| cell(c)).collect());
    table(md, columns, rows)
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
