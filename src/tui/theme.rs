//! Two palettes, night for the dark room (dim text, warm digits, no large bright areas,
//! nothing red) and day for a light terminal, and the plain one for `NO_COLOR`.
//!
//! Named ANSI colours are kept where every common dark scheme draws them readably, so the
//! screens take on the user's own scheme. Secondary text is a fixed grey from the 256-colour
//! ramp instead of `DarkGray`: schemes restyle only the first 16 colours, and Solarized
//! Dark's bright black *is* its background, so `DarkGray` text vanishes there. The closing
//! seconds are a fixed gold because bold yellow turns into bright yellow on many terminals,
//! which Solarized makes a dull grey. `theme_tests.rs` holds the palettes and the contrast
//! each style must reach on them. With `NO_COLOR` set, only bold and dim remain.
//!
//! Day draws only from the fixed 256-colour cube and ramp: light schemes disagree most about
//! the 16 named colours (Solarized Light's default text is itself below 4.5:1 on its
//! background, and its "white" is cream), and nothing there is the night's pale grey or
//! yellow, which vanish on white.

use ratatui::style::{Color, Modifier, Style};

use crate::core::background::Shade;

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
    /// The palette for `shade`.
    pub fn new(shade: Shade) -> Self {
        match shade {
            Shade::Night => Self::night(),
            Shade::Day => Self::day(),
        }
    }

    fn night() -> Self {
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

    fn day() -> Self {
        // Dark text, not black: calm on white, 11:1 even on Tango light's grey.
        let ink = Color::Indexed(236);
        // #626262: the mid-dark grey of the ramp that keeps 4.5:1 on every light scheme.
        let grey = Color::Indexed(241);
        // Deep amber (#875f00) for the digits, a warmer brown (#af5f00) for the last seconds.
        let amber = Color::Indexed(94);
        let brown = Color::Indexed(130);
        Self {
            text: Style::new().fg(ink),
            dim: Style::new().fg(grey),
            title: Style::new().fg(ink).add_modifier(Modifier::BOLD),
            digits: Style::new().fg(amber),
            digits_ending: Style::new().fg(brown).add_modifier(Modifier::BOLD),
            // #767676: still 3:1 for big digits, visibly paler than the amber.
            digits_paused: Style::new().fg(Color::Indexed(243)),
            // A deep teal (#005f5f), the day's twin of the night's cyan.
            pause_title: Style::new().fg(Color::Indexed(23)),
            gauge: Style::new().fg(amber),
            key: Style::new().fg(ink),
            art: Style::new().fg(grey),
        }
    }

    /// No colour at all, for `NO_COLOR`: bold and dim alone.
    pub fn plain() -> Self {
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
