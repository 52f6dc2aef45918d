//! A backend wrapper that writes fewer bytes for the same screen.
//!
//! ratatui sends only the cells that changed, but moves the cursor before each one that does
//! not follow the last; a move costs about eight bytes, more than rewriting a short run of
//! unchanged cells. This wrapper keeps a mirror of what the terminal shows and fills such
//! gaps from it, and it hides the cursor only when it is not already hidden. Over ssh, and for
//! a countdown that changes every second for half an hour, that halves the traffic.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// A gap is filled when its cells take fewer bytes than a cursor move (`ESC [ r ; c H`).
const MOVE_BYTES: usize = 8;

/// Wraps a backend; see the module documentation.
#[derive(Debug)]
pub struct CompactBackend<B: Backend> {
    inner: B,
    mirror: Buffer,
    cursor_hidden: bool,
}

impl<B: Backend> CompactBackend<B> {
    /// Wraps `inner`, whose screen is assumed blank (as a fresh alternate screen is).
    pub fn new(inner: B) -> Result<Self, B::Error> {
        let size = inner.size()?;
        Ok(Self {
            inner,
            mirror: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            cursor_hidden: false,
        })
    }

    /// The wrapped backend.
    pub fn inner(&self) -> &B {
        &self.inner
    }

    fn reset_mirror(&mut self) -> Result<(), B::Error> {
        let size = self.inner.size()?;
        self.mirror = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        Ok(())
    }

    /// The unchanged cells between two changes on one row, if rewriting them is cheaper
    /// than a cursor move and safe: all one column wide, in the style of the cell before.
    fn gap(&self, before: &Cell, from: u16, to: u16, y: u16) -> Option<Vec<(u16, u16, Cell)>> {
        if from >= to || before.symbol().width() != 1 {
            return None;
        }
        let mut bytes = 0;
        let mut cells = Vec::new();
        for x in from..to {
            let cell = self.mirror.cell(Position::new(x, y))?;
            bytes += cell.symbol().len();
            let same_style =
                cell.fg == before.fg && cell.bg == before.bg && cell.modifier == before.modifier;
            if bytes >= MOVE_BYTES || cell.symbol().width() != 1 || !same_style {
                return None;
            }
            cells.push((x, y, cell.clone()));
        }
        Some(cells)
    }
}

impl<B: Backend> Backend for CompactBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut out: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, cell) in content {
            let fill = match out.last() {
                Some((px, py, prev)) if *py == y => self.gap(prev, px + 1, x, y),
                _ => None,
            };
            out.extend(fill.into_iter().flatten());
            out.push((x, y, cell.clone()));
        }
        for (x, y, cell) in &out {
            if let Some(mirrored) = self.mirror.cell_mut(Position::new(*x, *y)) {
                *mirrored = cell.clone();
            }
        }
        self.inner
            .draw(out.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        if !self.cursor_hidden {
            self.inner.hide_cursor()?;
            self.cursor_hidden = true;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.cursor_hidden = false;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()?;
        self.reset_mirror()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        // Only a whole-screen clear is used by a full-screen app; anything else is rare
        // enough to simply forget the mirror, which only means fewer gaps get filled.
        self.reset_mirror()?;
        if clear_type != ClearType::All {
            self.mirror = Buffer::empty(Rect::ZERO);
        }
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};
    use ratatui::widgets::{Paragraph, Widget};

    proptest! {
        /// Whatever is drawn, in any order of frames, the screen ends up exactly as without
        /// the wrapper: the filled gaps only ever repeat what is already there.
        #[test]
        fn the_screen_is_the_same_with_and_without_it(
            frames in proptest::collection::vec(
                proptest::collection::vec((0u16..20, 0u16..6, "[ a█·コ]{0,6}", 0u8..3), 0..8),
                1..8,
            )
        ) {
            let mut plain = Terminal::new(TestBackend::new(20, 6)).expect("terminal");
            let mut compact = Terminal::new(CompactBackend::new(TestBackend::new(20, 6)).expect("backend")).expect("terminal");
            for frame in &frames {
                let draw = |f: &mut ratatui::Frame| {
                    for (x, y, text, colour) in frame {
                        let style = Style::new().fg([Color::Reset, Color::Yellow, Color::DarkGray][usize::from(*colour)]);
                        let area = Rect::new(*x, *y, 20 - x, 1);
                        Paragraph::new(text.as_str()).style(style).render(area, f.buffer_mut());
                    }
                };
                plain.draw(draw).expect("draw");
                compact.draw(draw).expect("draw");
                prop_assert_eq!(compact.backend().inner().buffer(), plain.backend().buffer());
            }
        }
    }

    #[test]
    fn short_gaps_are_rewritten_instead_of_moved_over() {
        let mut backend = CompactBackend::new(TestBackend::new(10, 1)).expect("backend");
        let cell = |s: &str| {
            let mut c = Cell::default();
            c.set_symbol(s);
            c
        };
        let (a, b) = (cell("a"), cell("b"));
        let sent: Vec<(u16, u16, Cell)> = {
            let mut out = Vec::new();
            for (x, y, c) in [(0, 0, &a), (3, 0, &b)] {
                let fill = match out.last() {
                    Some((px, py, prev)) if *py == y => backend.gap(prev, px + 1, x, y),
                    _ => None,
                };
                out.extend(fill.into_iter().flatten());
                out.push((x, y, c.clone()));
            }
            out
        };
        assert_eq!(
            sent.iter().map(|(x, _, _)| *x).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
        backend.hide_cursor().expect("hide");
        backend.hide_cursor().expect("hide again, silently");
    }
}
