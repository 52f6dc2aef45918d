//! The report as one HTML page to print on A4 or send: no script, nothing fetched, charts as
//! inline SVG. It is written as well-formed XHTML (every tag closed, attributes quoted, text
//! escaped), so that any XML tool reads it, and so do the tests.

use std::fmt::{self, Write};

use super::xml::esc;
use super::{
    CAVEAT, Column, DIARY_COLUMNS, FIGURES_COLUMNS, HURT_COLUMNS, NO_PAUSES, NO_RECORDS,
    PAUSE_COLUMNS, ROUTINE_COLUMNS, TRIAL_COLUMNS, TRIAL_WEEK_COLUMNS, WEEK_COLUMNS, WORTH_COLUMNS,
    comparison_notes, comparison_rows, day, diary_rows, hurt_rows, pause_rows, period,
    routine_rows, summary, svg, trial_difference, trial_rows, trial_week_rows, week_row,
    worth_rows,
};
use crate::cli::trial_words::{span, title};
use crate::core::report::Report;
use crate::core::trial_review::Review;
use crate::core::worth_discussing::LINE;

/// Print-first styling: A4 with 15 mm margins, black on white, tables kept whole where they
/// can be.
const STYLE: &str = "
@page { size: A4; margin: 15mm }
body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; color: #111;
  background: #fff; max-width: 180mm; margin: 0 auto; line-height: 1.35 }
h1 { font-size: 17pt; margin: 0 0 4pt }
h2 { font-size: 13pt; margin: 14pt 0 4pt; page-break-after: avoid; break-after: avoid }
table { border-collapse: collapse; margin: 4pt 0; font-size: 10pt }
th, td { border-bottom: 1px solid #bbb; padding: 2pt 6pt; text-align: left; vertical-align: top }
.figure { text-align: right }
tr { page-break-inside: avoid; break-inside: avoid }
figure { margin: 6pt 0; page-break-inside: avoid; break-inside: avoid }
figcaption { font-size: 9pt; color: #444 }
svg { width: 100%; height: auto }
svg text { font-family: Helvetica, Arial, sans-serif; font-size: 10px; fill: #222 }
.bar { fill: #3b6e8f }
.before { fill: #a9c3d4 }
.grid { stroke: #ccc; stroke-width: 1 }
.severity { fill: #b34a3c }
.none { fill: #777 }
.kept { fill: #2a7f62 }
.partly { fill: #a8d5c2 }
.missed { fill: #e4e4e4 }
.rest { fill: #fff; stroke: #999; stroke-width: 0.5 }
.sentence { font-weight: bold }
.caveat { border-left: 3px solid #999; padding-left: 8pt; color: #333 }
";

/// The whole page.
pub fn render(h: &mut impl Write, r: &Report) -> fmt::Result {
    head(h, r)?;
    adherence(h, r)?;
    cramps(h, r)?;
    if let Some(t) = &r.trial {
        trial(h, t)?;
    }
    worth_discussing(h, r)?;
    listing(
        h,
        "Routines used",
        &ROUTINE_COLUMNS,
        routine_rows(r),
        "No sessions in this period.",
    )?;
    listing(
        h,
        "Steps stopped with \u{201c}this hurts\u{201d}",
        &HURT_COLUMNS,
        hurt_rows(r),
        "None in this period.",
    )?;
    listing(
        h,
        "Cramp diary",
        &DIARY_COLUMNS,
        diary_rows(r),
        "No entries in this period.",
    )?;
    listing(h, "Paused nights", &PAUSE_COLUMNS, pause_rows(r), NO_PAUSES)?;
    writeln!(h, "</body>\n</html>")
}

/// The page's head, its title, the period, how it counts, and the summary.
fn head(h: &mut impl Write, r: &Report) -> fmt::Result {
    let title = format!(
        "Bedtime stretching and night cramps, {} to {}",
        day(r.first_night),
        day(r.last_night)
    );
    write!(
        h,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n\
         <meta charset=\"utf-8\" />\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    )?;
    writeln!(h, "<h1>Bedtime stretching and night cramps</h1>")?;
    writeln!(h, "<p>{}</p>", esc(&period(r)))?;
    writeln!(h, "<p>How it counts: {}.</p>", esc(&r.rule))?;
    writeln!(h, "<ul>")?;
    for line in summary(r) {
        writeln!(h, "<li>{}</li>", esc(&line))?;
    }
    writeln!(h, "</ul>")
}

/// Nights kept, week by week: the chart and its table.
fn adherence(h: &mut impl Write, r: &Report) -> fmt::Result {
    writeln!(h, "<h2>Adherence by week</h2>")?;
    if r.weeks.is_empty() {
        return writeln!(h, "<p>{NO_RECORDS}</p>");
    }
    figure(
        h,
        |h| svg::adherence(h, &r.weeks),
        "Share of due nights kept, week by week. Above each bar: nights kept of nights due; \
         below it: the week's first night.",
    )?;
    table(h, &WEEK_COLUMNS, r.weeks.iter().map(week_row))
}

/// Cramps after stretching and on other nights: the chart, the sentence and the figures.
fn cramps(h: &mut impl Write, r: &Report) -> fmt::Result {
    let c = &r.comparison;
    writeln!(h, "<h2>Cramps and stretching</h2>")?;
    figure(
        h,
        |h| svg::severity(h, &r.nights),
        "Cramp severity (0 to 10) each night with a diary entry; a grey tick is a night noted \
         without cramps. The strip below marks each night: dark green kept, pale green partly \
         done, grey missed, outlined a rest day, blank before the first session.",
    )?;
    writeln!(h, "<p class=\"sentence\">{}</p>", esc(&c.sentence))?;
    table(h, &FIGURES_COLUMNS, comparison_rows(r).into_iter())?;
    writeln!(h, "<p>{}</p>", esc(&comparison_notes(r)))?;
    writeln!(h, "<p class=\"caveat\">{}</p>", esc(CAVEAT))
}

/// The personal trial: the two periods side by side, the difference, the answer, what it
/// cannot show, and cramps a night week by week, drawn and in figures.
fn trial(h: &mut impl Write, t: &Review) -> fmt::Result {
    writeln!(h, "<h2>{}</h2>\n<p>{}</p>", esc(&title(t)), esc(&span(t)))?;
    table(h, &TRIAL_COLUMNS, trial_rows(t).into_iter())?;
    if let Some(difference) = trial_difference(t) {
        writeln!(h, "<p>{}</p>", esc(&difference))?;
    }
    writeln!(h, "<p class=\"sentence\">{}</p>", esc(&t.verdict))?;
    writeln!(h, "<p class=\"caveat\">{}</p>", esc(t.caveat))?;
    figure(
        h,
        |h| svg::trial_weeks(h, t),
        "Cramps a night each week, over the nights with a diary entry: the baseline's weeks \
         pale, the program's dark. Above each bar its figure; below it the week.",
    )?;
    table(h, &TRIAL_WEEK_COLUMNS, trial_week_rows(t).into_iter())
}

/// The nights worth showing a doctor, after the line that says why.
fn worth_discussing(h: &mut impl Write, r: &Report) -> fmt::Result {
    writeln!(h, "<h2>Worth discussing</h2>")?;
    if r.worth_discussing.is_empty() {
        return writeln!(h, "<p>None in this period.</p>");
    }
    writeln!(h, "<p>{}</p>", esc(LINE))?;
    table(h, &WORTH_COLUMNS, worth_rows(r).into_iter())
}

/// A section of text from the files: its heading, then its table, or `none` when it has no
/// rows.
fn listing(
    h: &mut impl Write,
    heading: &str,
    columns: &[Column],
    rows: Vec<Vec<String>>,
    none: &str,
) -> fmt::Result {
    writeln!(h, "<h2>{heading}</h2>")?;
    if rows.is_empty() {
        writeln!(h, "<p>{none}</p>")
    } else {
        table(h, columns, rows.into_iter())
    }
}

/// A chart with its caption.
fn figure<W: Write>(
    h: &mut W,
    chart: impl FnOnce(&mut W) -> fmt::Result,
    caption: &str,
) -> fmt::Result {
    writeln!(h, "<figure>")?;
    chart(h)?;
    writeln!(h, "<figcaption>{}</figcaption>\n</figure>", esc(caption))
}

/// A table of text cells, each escaped here; figures ranged right.
fn table(
    h: &mut impl Write,
    columns: &[Column],
    rows: impl Iterator<Item = Vec<String>>,
) -> fmt::Result {
    write!(h, "<table>\n<thead><tr>")?;
    for column in columns {
        write!(h, "<th{}>{}</th>", class(column), esc(column.name))?;
    }
    writeln!(h, "</tr></thead>\n<tbody>")?;
    for row in rows {
        write!(h, "<tr>")?;
        for (column, cell) in columns.iter().zip(&row) {
            write!(h, "<td{}>{}</td>", class(column), esc(cell))?;
        }
        writeln!(h, "</tr>")?;
    }
    writeln!(h, "</tbody>\n</table>")
}

fn class(column: &Column) -> &'static str {
    if column.figures {
        " class=\"figure\""
    } else {
        ""
    }
}
