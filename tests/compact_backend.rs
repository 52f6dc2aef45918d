//! `CompactBackend` through the real draw path: the bytes crossterm writes for a whole session,
//! with and without the wrapper, played into a terminal emulator (vt100). The screens must be
//! the same cell for cell, colours and all, and the wrapper must write fewer bytes.

mod support;

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::Duration;

use bedstretch::app::session::Action;
use bedstretch::tui::compact_backend::CompactBackend;
use bedstretch::tui::session_view::SessionView;
use bedstretch::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use support::{bundled, now, session_app};

/// Bytes written, kept where the test can read them.
#[derive(Clone, Default)]
struct Bytes(Rc<RefCell<Vec<u8>>>);

impl Write for Bytes {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// crossterm's backend writing into memory, with a fixed size instead of asking a terminal.
struct Captured {
    inner: CrosstermBackend<Bytes>,
    size: Size,
}

impl Backend for Captured {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

fn captured(bytes: &Bytes) -> Captured {
    Captured {
        inner: CrosstermBackend::new(bytes.clone()),
        size: Size::new(80, 24),
    }
}

/// Every cell of the emulated screen: its text and its colours and attributes.
fn cells(bytes: &[u8]) -> Vec<String> {
    let size = |n| std::num::NonZeroU16::new(n).expect("non-zero");
    let mut parser = vt100::Parser::new(size(24), size(80), 0);
    parser.process(bytes);
    let screen = parser.screen();
    let mut out = Vec::new();
    for row in 0..24 {
        for col in 0..80 {
            let cell = screen.cell(row, col).expect("cell");
            // A cell never written and a written blank look the same.
            let text = match cell.contents() {
                "" => " ",
                text => text,
            };
            out.push(format!(
                "{row},{col}:{text:?}/{:?}/{:?}/{}/{}",
                cell.fgcolor(),
                cell.bgcolor(),
                cell.bold(),
                cell.dim()
            ));
        }
    }
    out
}

#[test]
fn a_whole_session_looks_the_same_and_costs_fewer_bytes() {
    let theme = Theme::new(bedstretch::core::background::Shade::Night);
    let (plain_bytes, compact_bytes) = (Bytes::default(), Bytes::default());
    let mut plain = Terminal::new(captured(&plain_bytes)).expect("terminal");
    let backend = CompactBackend::new(captured(&compact_bytes)).expect("backend");
    let mut compact = Terminal::new(backend).expect("terminal");
    let mut app = session_app(bundled("quick"));
    // Every second of the routine, with a pause, the help and the end among them.
    for second in 0..240u64 {
        let at = Duration::from_millis(second * 1_000 + 300);
        match second {
            40 => {
                app.update(Action::TogglePause, now(at));
            }
            45 => {
                app.update(Action::TogglePause, now(at));
            }
            60 => {
                app.update(Action::Help, now(at));
            }
            62 => {
                app.update(Action::No, now(at));
            }
            _ => {
                app.update_time(now(at));
            }
        }
        let draw = |f: &mut ratatui::Frame| {
            f.render_widget(
                SessionView {
                    app: &app,
                    now: at,
                    theme: &theme,
                },
                f.area(),
            );
        };
        plain.draw(draw).expect("draw");
        compact.draw(draw).expect("draw");
        let (with, without) = (
            cells(&compact_bytes.0.borrow()),
            cells(&plain_bytes.0.borrow()),
        );
        let differ: Vec<(&String, &String)> = with
            .iter()
            .zip(&without)
            .filter(|(a, b)| a != b)
            .take(5)
            .collect();
        assert!(differ.is_empty(), "at second {second}: {differ:?}");
    }
    let plain_len = plain_bytes.0.borrow().len();
    let compact_len = compact_bytes.0.borrow().len();
    assert!(
        compact_len * 20 <= plain_len * 19,
        "at least 5 % fewer bytes: {compact_len} against {plain_len}"
    );
}
