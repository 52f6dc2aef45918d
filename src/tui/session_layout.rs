//! How the session screen shares out its rows and columns: pure arithmetic over a `Rect`,
//! worked out before anything is drawn, so that it can be tested on its own.

use ratatui::layout::Rect;

use super::widgets::inset;

/// The widest the text column gets: longer lines are hard to follow back to their start.
const TEXT_COLUMN: u16 = 80;

/// How tall the countdown is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Digits {
    /// Full-height big digits.
    Full,
    /// Half-height big digits.
    Half,
    /// One row of ordinary digits.
    Plain,
}

impl Digits {
    /// The rows the digits take.
    pub(super) fn rows(self) -> u16 {
        match self {
            Digits::Full => 8,
            Digits::Half => 4,
            Digits::Plain => 1,
        }
    }
}

/// How the body's rows are shared out, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Plan {
    /// Blank rows above everything.
    pub top: u16,
    /// How the countdown is drawn.
    pub digits: Digits,
    /// Blank rows under the digits.
    pub after_digits: u16,
    /// Rows of status.
    pub status: u16,
    /// The gauge's row.
    pub gauge: u16,
    /// Blank rows under the gauge.
    pub after_gauge: u16,
    /// Rows of instructions.
    pub instructions: u16,
    /// The "Next:" row.
    pub next: u16,
}

impl Plan {
    /// Rows go out in order of need: the countdown and its status, the gauge and what comes
    /// next, bigger digits, a breath of space, the instructions (only when two rows are free
    /// for them), then more space, and whatever is left centres the whole.
    pub(super) fn new(
        rows: u16,
        big_digits_fit: bool,
        status_lines: u16,
        instruction_lines: u16,
    ) -> Self {
        let mut left = rows;
        let plain = take(&mut left, 1);
        let status = take(&mut left, status_lines.max(1));
        let gauge = take(&mut left, 1);
        let next = take(&mut left, 1);
        let digits = match left {
            _ if plain == 0 || !big_digits_fit => Digits::Plain,
            7.. => Digits::Full,
            3.. => Digits::Half,
            _ => Digits::Plain,
        };
        // With no row even for plain digits, nothing more is taken.
        left = left.saturating_sub(digits.rows() - plain);
        let mut plan = Self {
            top: 0,
            digits,
            after_digits: 0,
            status,
            gauge,
            after_gauge: 0,
            instructions: 0,
            next,
        };
        plan.after_digits = take(&mut left, 1);
        if instruction_lines > 0 && left >= 2 {
            // Space between the gauge and the text only when the text keeps two rows.
            plan.after_gauge = u16::from(left >= 3);
            left -= plan.after_gauge;
            plan.instructions = instruction_lines.min(left);
            left -= plan.instructions;
        }
        plan.top = take(&mut left, 1);
        if plan.instructions > 0 {
            plan.after_gauge += take(&mut left, 1 - plan.after_gauge);
        }
        plan.after_digits += take(&mut left, 1);
        // More space between the parts would only pull them apart; it goes around them.
        plan.top += left / 2;
        plan
    }
}

/// The area cut into rows of these heights from the top; the plan never asks for more rows
/// than there are, and a height past the bottom is cut to what remains.
pub(super) fn stack<const N: usize>(area: Rect, heights: [u16; N]) -> [Rect; N] {
    let mut y = area.y;
    heights.map(|height| {
        let top = y.min(area.bottom());
        let height = height.min(area.bottom() - top);
        y = top + height;
        Rect {
            y: top,
            height,
            ..area
        }
    })
}

/// Up to `want` of the rows `left`, taken from them.
fn take(left: &mut u16, want: u16) -> u16 {
    let got = want.min(*left);
    *left -= got;
    got
}

/// The text column: the area less a column each side, no wider than [`TEXT_COLUMN`], centred.
pub(super) fn text_column(area: Rect) -> Rect {
    let area = inset(area);
    let width = area.width.min(TEXT_COLUMN);
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}

/// The rows of `rows` in the columns of `column`.
pub(super) fn column_in(rows: Rect, column: Rect) -> Rect {
    Rect {
        x: column.x,
        width: column.width,
        ..rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_of_instructions_shows_when_two_rows_are_free() {
        // 1 status, 1 gauge, 1 next, 4 half digits, 1 gap: 8 rows, two more for the text.
        let plan = Plan::new(10, true, 1, 1);
        assert_eq!(plan.instructions, 1);
        let plan = Plan::new(9, true, 1, 1);
        assert_eq!(plan.instructions, 0, "with one row free, none");
    }

    #[test]
    fn the_rows_never_add_up_to_more_than_there_are() {
        for rows in 0..60 {
            for lines in 0..12 {
                let p = Plan::new(rows, true, 2, lines);
                let used = p.top
                    + p.digits.rows().min(rows)
                    + p.after_digits
                    + p.status
                    + p.gauge
                    + p.after_gauge
                    + p.instructions
                    + p.next;
                assert!(used <= rows.max(1), "{rows} rows, {lines} lines: {p:?}");
            }
        }
    }
}
