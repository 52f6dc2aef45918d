//! Night or day: which palette a terminal gets, and why, in words a person can check.
//!
//! `theme = "auto"` decides by the terminal's background. The cheapest clue comes first:
//! `COLORFGBG`, which rxvt, Konsole and others set from the profile in use, costs nothing and
//! is there before the first frame, so it wins over asking. Otherwise the terminal is asked
//! (OSC 11) without waiting for the answer: the first frame uses what this terminal answered
//! last time, and the answer, when it comes, redraws the screen. A terminal that never
//! answered is not asked again. Everything here is pure; asking and remembering are the
//! shells'.

use super::config::ThemeName;

/// A colour as red, green and blue.
pub type Rgb = [u8; 3];

/// The two palettes there are to draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    /// Light text on a dark background.
    Night,
    /// Dark text on a light background.
    Day,
}

impl Shade {
    /// The word for it.
    pub fn name(self) -> &'static str {
        match self {
            Shade::Night => "night",
            Shade::Day => "day",
        }
    }
}

/// What was remembered about a terminal from an earlier start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remembered {
    /// It answered, and its background asked for this shade.
    Answered(Shade),
    /// It was asked and never answered.
    Silent,
}

/// Why the palette is what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The config names the theme.
    Named,
    /// `NO_COLOR` is set.
    NoColor,
    /// Not a full-screen terminal, so it is not asked.
    NotAsked,
    /// `COLORFGBG` names the background colour.
    ColorFgBg(String),
    /// The terminal answered with its background.
    Answered(Rgb),
    /// Asked; until the answer comes, what it answered last time.
    AnsweredBefore,
    /// Asked, and no answer (yet).
    NoAnswer,
    /// It never answered before, so it was not asked again.
    SilentBefore,
}

/// The palette chosen (`None`: no colour at all) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeChoice {
    /// The theme the config names.
    pub named: ThemeName,
    /// The palette, or `None` for no colour.
    pub shade: Option<Shade>,
    /// Why.
    pub why: Why,
}

/// What is known before the first frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clues<'a> {
    /// The theme the config names.
    pub named: ThemeName,
    /// `NO_COLOR` is set (and not empty).
    pub no_color: bool,
    /// The screens take the whole terminal (not plain mode, not a pipe).
    pub full_screen: bool,
    /// `COLORFGBG`, as the environment has it.
    pub colorfgbg: Option<&'a str>,
    /// What this terminal did at an earlier start.
    pub remembered: Option<Remembered>,
}

impl ThemeChoice {
    /// The palette for the first frame, and whether to ask the terminal for its background.
    pub fn first(clues: Clues<'_>) -> (Self, bool) {
        let choice = |shade, why| Self {
            named: clues.named,
            shade,
            why,
        };
        if clues.no_color {
            return (choice(None, Why::NoColor), false);
        }
        let night = Some(Shade::Night);
        match clues.named {
            ThemeName::Night => return (choice(night, Why::Named), false),
            ThemeName::Day => return (choice(Some(Shade::Day), Why::Named), false),
            ThemeName::Auto => {}
        }
        if let Some(value) = clues.colorfgbg
            && let Some(shade) = colorfgbg(value)
        {
            return (
                choice(Some(shade), Why::ColorFgBg(value.to_string())),
                false,
            );
        }
        if !clues.full_screen {
            return (choice(night, Why::NotAsked), false);
        }
        match clues.remembered {
            Some(Remembered::Silent) => (choice(night, Why::SilentBefore), false),
            Some(Remembered::Answered(shade)) => (choice(Some(shade), Why::AnsweredBefore), true),
            None => (choice(night, Why::NoAnswer), true),
        }
    }

    /// The choice once the terminal has answered with its background.
    pub fn answered(&self, background: Rgb) -> Self {
        Self {
            named: self.named,
            shade: Some(shade_of(background)),
            why: Why::Answered(background),
        }
    }

    /// The choice and why, in one line: "auto: the terminal's background is light (#ffffff):
    /// day".
    pub fn words(&self) -> String {
        let shade = self.shade.map_or("no colour", Shade::name);
        let because = match &self.why {
            Why::Named => return format!("{}: named in the config", self.named.name()),
            Why::NoColor => return "no colour: NO_COLOR is set".to_string(),
            Why::NotAsked => "not a full-screen terminal, so not asked".to_string(),
            Why::ColorFgBg(value) => format!("COLORFGBG is {value:?}"),
            Why::Answered(rgb) => {
                let light = match shade_of(*rgb) {
                    Shade::Day => "light",
                    Shade::Night => "dark",
                };
                let [r, g, b] = rgb;
                format!("the terminal's background is {light} (#{r:02x}{g:02x}{b:02x})")
            }
            Why::AnsweredBefore => "as the terminal answered last time".to_string(),
            Why::NoAnswer => "no answer yet".to_string(),
            Why::SilentBefore => "this terminal did not answer before".to_string(),
        };
        format!("{}: {because}: {shade}", self.named.name())
    }
}

/// WCAG 2 relative luminance, 0 (black) to 1 (white).
pub fn luminance([r, g, b]: Rgb) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// Day when black text would stand out more on `background` than white text does: the
/// luminance where the two contrasts are equal, about 0.18, is the line between.
pub fn shade_of(background: Rgb) -> Shade {
    let l = luminance(background);
    let on_black = (l + 0.05) / 0.05;
    let on_white = 1.05 / (l + 0.05);
    if on_black > on_white {
        Shade::Day
    } else {
        Shade::Night
    }
}

/// The shade `COLORFGBG` ("15;0", or rxvt's "0;default;15") asks for: its last field is the
/// background's ANSI colour. 0 to 6 and 8 are dark, 7 and 9 to 15 light, as Vim reads it;
/// anything else says nothing.
pub fn colorfgbg(value: &str) -> Option<Shade> {
    let background: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match background {
        0..=6 | 8 => Some(Shade::Night),
        7 | 9..=15 => Some(Shade::Day),
        _ => None,
    }
}

/// The colour in a terminal's OSC 11 answer without its ESC ] and ending: "11;rgb:ffff/ffff/ffff"
/// (1 to 4 hex digits a channel, as XParseColor reads them) or "11;#rrggbb".
pub fn osc11_answer(text: &str) -> Option<Rgb> {
    let colour = text.strip_prefix("11;")?;
    if let Some(hex) = colour.strip_prefix('#') {
        // Checked first: slicing text that is not all ASCII could cut a character.
        let whole = hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit());
        let channels = whole.then(|| [&hex[0..2], &hex[2..4], &hex[4..6]])?;
        return channel_bytes(channels);
    }
    let body = colour
        .strip_prefix("rgb:")
        .or_else(|| colour.strip_prefix("rgba:"))?;
    let mut parts = body.split('/');
    let channels = [parts.next()?, parts.next()?, parts.next()?];
    channel_bytes(channels)
}

/// Each channel's hex digits scaled to a byte: "f" and "ffff" are both 255.
fn channel_bytes(channels: [&str; 3]) -> Option<Rgb> {
    let mut rgb = [0; 3];
    for (byte, hex) in rgb.iter_mut().zip(channels) {
        if hex.is_empty() || hex.len() > 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let value = u32::from_str_radix(hex, 16).ok()?;
        let max = (1u32 << (4 * hex.len())) - 1;
        *byte = u8::try_from((value * 255 + max / 2) / max).ok()?;
    }
    Some(rgb)
}

#[cfg(test)]
#[path = "background_tests.rs"]
mod tests;
