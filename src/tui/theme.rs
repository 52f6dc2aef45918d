//! One palette for the dark room: dim text, warm digits, no large bright areas, nothing red.
//! Only the 16 ANSI colours are used, so it reads the same on any terminal; with `NO_COLOR`
//! set, only bold and dim remain.

use ratatui::style::{Color, Modifier, Style};

/// Every style the screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text: instructions, summary lines.
    pub text: Style,
    /// Secondary text: header, hints, "Next".
    pub dim: Style,
    /// The step name.
    pub title: Style,
    /// The big countdown.
    pub digits: Style,
    /// The countdown in its last three seconds.
    pub digits_ending: Style,
    /// The countdown while paused.
    pub digits_paused: Style,
    /// Switch-sides and rest titles.
    pub pause_title: Style,
    /// The filled part of the gauge.
    pub gauge: Style,
    /// Keys in the footer and help.
    pub key: Style,
    /// Illustrations.
    pub art: Style,
}

impl Theme {
    /// The night palette, or the plain one when `no_color` is set.
    pub fn new(no_color: bool) -> Self {
        if no_color {
            return Self::plain();
        }
        Self {
            text: Style::new().fg(Color::Gray),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD),
            digits: Style::new().fg(Color::Yellow),
            digits_ending: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            digits_paused: Style::new().fg(Color::DarkGray),
            pause_title: Style::new().fg(Color::Cyan),
            gauge: Style::new().fg(Color::Yellow),
            key: Style::new().fg(Color::Gray),
            art: Style::new().fg(Color::DarkGray),
        }
    }

    fn plain() -> Self {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dim = Style::new().add_modifier(Modifier::DIM);
        Self {
            text: plain,
            dim,
            title: bold,
            digits: plain,
            digits_ending: bold,
            digits_paused: dim,
            pause_title: bold,
            gauge: plain,
            key: bold,
            art: dim,
        }
    }
}
