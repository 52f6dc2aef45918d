//! The whole screen: whichever of home, the editor or the session shows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use std::cell::Cell;

use crate::app::home::Drawn;
use crate::app::{App, Screen};
use crate::core::session::Moment;

use super::editor_view::EditorView;
use super::home_view::HomeView;
use super::instructions_box::InstructionsBox;
use super::session_view::SessionView;
use super::theme::Theme;

/// The app at one moment.
pub struct AppView<'a> {
    /// What to draw.
    pub app: &'a App,
    /// The moment to draw it at.
    pub now: Moment,
    /// The palette.
    pub theme: &'a Theme,
    /// Where home leaves what it had room for.
    pub room: &'a Cell<Drawn>,
    /// The editor's instructions text box, while they are written.
    pub writing: &'a InstructionsBox,
}

impl Widget for AppView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match self.app.screen() {
            Some(Screen::Session(app)) => SessionView {
                app,
                now: self.now,
                theme: self.theme,
            }
            .render(area, buf),
            Some(Screen::Home(app)) => HomeView {
                app,
                theme: self.theme,
                room: self.room,
            }
            .render(area, buf),
            Some(Screen::Editor(app)) => EditorView {
                app,
                theme: self.theme,
                writing: self.writing,
            }
            .render(area, buf),
            None => {}
        }
    }
}
