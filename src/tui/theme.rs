//! One palette for the dark room: dim text, warm digits, no large bright areas, nothing red.
//!
//! Named ANSI colours are kept where every common dark scheme draws them readably, so the
//! screens take on the user's own scheme. Secondary text is a fixed grey from the 256-colour
//! ramp instead of `DarkGray`: schemes restyle only the first 16 colours, and Solarized
//! Dark's bright black *is* its background, so `DarkGray` text vanishes there. The closing
//! seconds are a fixed gold because bold yellow turns into bright yellow on many terminals,
//! which Solarized makes a dull grey. `theme_tests.rs` holds the palettes and the contrast
//! each style must reach on them. With `NO_COLOR` set, only bold and dim remain.

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
        // The darkest grey of the ramp still at 3:1 on all of them (Nord is the tightest).
        let grey = Color::Indexed(244);
        // Gold (#d7af00): warmer than yellow, still not red, 4.5:1 whatever bold does.
        let gold = Color::Indexed(178);
        Self {
            text: Style::new().fg(Color::Gray),
            dim: Style::new().fg(grey),
            title: Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD),
            digits: Style::new().fg(Color::Yellow),
            digits_ending: Style::new().fg(gold).add_modifier(Modifier::BOLD),
            digits_paused: Style::new().fg(grey),
            pause_title: Style::new().fg(Color::Cyan),
            gauge: Style::new().fg(Color::Yellow),
            key: Style::new().fg(Color::Gray),
            art: Style::new().fg(grey),
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

#[cfg(test)]
#[path = "theme_tests.rs"]
mod tests;
