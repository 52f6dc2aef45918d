//! Each theme against the palettes people actually use, the night on the dark ones and the
//! day on the light ones (the palette each gets from `auto`): each style's colour, as that
//! palette draws it, must stand out from its background.

use ratatui::style::{Color, Modifier, Style};

use super::Theme;
use crate::core::background::{Shade, luminance, shade_of};

/// WCAG's thresholds: 3:1 for large text, 4.5:1 for body text.
const LARGE: f64 = 3.0;
const BODY: f64 = 4.5;

/// A terminal's colour scheme: what `Reset` and the 16 ANSI colours look like.
struct Palette {
    name: &'static str,
    background: u32,
    foreground: u32,
    ansi: [u32; 16],
}

/// The published values of each scheme. Solarized puts its background tone (base03) in
/// bright black, which is why `DarkGray` vanishes there. xterm's own defaults are black on
/// white; the dark setup (`-rv`) swaps them.
const DARK: [Palette; 6] = [
    Palette {
        name: "Solarized Dark",
        background: 0x002b36,
        foreground: 0x839496,
        ansi: [
            0x073642, 0xdc322f, 0x859900, 0xb58900, 0x268bd2, 0xd33682, 0x2aa198, 0xeee8d5,
            0x002b36, 0xcb4b16, 0x586e75, 0x657b83, 0x839496, 0x6c71c4, 0x93a1a1, 0xfdf6e3,
        ],
    },
    Palette {
        name: "Gruvbox Dark",
        background: 0x282828,
        foreground: 0xebdbb2,
        ansi: [
            0x282828, 0xcc241d, 0x98971a, 0xd79921, 0x458588, 0xb16286, 0x689d6a, 0xa89984,
            0x928374, 0xfb4934, 0xb8bb26, 0xfabd2f, 0x83a598, 0xd3869b, 0x8ec07c, 0xebdbb2,
        ],
    },
    Palette {
        name: "Dracula",
        background: 0x282a36,
        foreground: 0xf8f8f2,
        ansi: [
            0x21222c, 0xff5555, 0x50fa7b, 0xf1fa8c, 0xbd93f9, 0xff79c6, 0x8be9fd, 0xf8f8f2,
            0x6272a4, 0xff6e6e, 0x69ff94, 0xffffa5, 0xd6acff, 0xff92df, 0xa4ffff, 0xffffff,
        ],
    },
    Palette {
        name: "Nord",
        background: 0x2e3440,
        foreground: 0xd8dee9,
        ansi: [
            0x3b4252, 0xbf616a, 0xa3be8c, 0xebcb8b, 0x81a1c1, 0xb48ead, 0x88c0d0, 0xe5e9f0,
            0x4c566a, 0xbf616a, 0xa3be8c, 0xebcb8b, 0x81a1c1, 0xb48ead, 0x8fbcbb, 0xeceff4,
        ],
    },
    Palette {
        name: "Tango",
        background: 0x2e3436,
        foreground: 0xd3d7cf,
        ansi: [
            0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf,
            0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
        ],
    },
    Palette {
        name: "xterm default",
        background: 0x000000,
        foreground: 0xffffff,
        ansi: [
            0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
            0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
        ],
    },
];

/// The light schemes, as published. Solarized Light shares its dark twin's 16 colours.
const LIGHT: [Palette; 5] = [
    Palette {
        name: "macOS Terminal Basic",
        background: 0xffffff,
        foreground: 0x000000,
        ansi: [
            0x000000, 0x990000, 0x00a600, 0x999900, 0x0000b2, 0xb200b2, 0x00a6b2, 0xbfbfbf,
            0x666666, 0xe50000, 0x00d900, 0xe5e500, 0x0000ff, 0xe500e5, 0x00e5e5, 0xe5e5e5,
        ],
    },
    Palette {
        name: "Solarized Light",
        background: 0xfdf6e3,
        foreground: 0x657b83,
        ansi: [
            0x073642, 0xdc322f, 0x859900, 0xb58900, 0x268bd2, 0xd33682, 0x2aa198, 0xeee8d5,
            0x002b36, 0xcb4b16, 0x586e75, 0x657b83, 0x839496, 0x6c71c4, 0x93a1a1, 0xfdf6e3,
        ],
    },
    Palette {
        name: "GNOME Tango light",
        background: 0xeeeeec,
        foreground: 0x2e3436,
        ansi: [
            0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf,
            0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
        ],
    },
    Palette {
        name: "One Half Light",
        background: 0xfafafa,
        foreground: 0x383a42,
        ansi: [
            0x383a42, 0xe45649, 0x50a14f, 0xc18401, 0x0184bc, 0xa626a4, 0x0997b3, 0xfafafa,
            0x4f525e, 0xe06c75, 0x98c379, 0xe5c07b, 0x61afef, 0xc678dd, 0x56b6c2, 0xffffff,
        ],
    },
    Palette {
        name: "xterm white",
        background: 0xffffff,
        foreground: 0x000000,
        ansi: [
            0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
            0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
        ],
    },
];

/// Every palette with the shade `auto` gives it.
fn every_palette() -> impl Iterator<Item = (Shade, &'static Palette)> {
    let dark = DARK.iter().map(|p| (Shade::Night, p));
    dark.chain(LIGHT.iter().map(|p| (Shade::Day, p)))
}

type Rgb = [u8; 3];

fn rgb(hex: u32) -> Rgb {
    let [_, r, g, b] = hex.to_be_bytes();
    [r, g, b]
}

/// The named colours in ANSI order: a scheme's 16 slots.
const ANSI: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// The scheme slot a colour is drawn from, if it is one of the 16.
fn ansi_index(color: Color) -> Option<usize> {
    match color {
        Color::Indexed(n) if n < 16 => Some(usize::from(n)),
        _ => ANSI.iter().position(|c| *c == color),
    }
}

/// What a foreground colour looks like under a palette. Schemes only restyle the first 16
/// slots; 16..=255 are xterm's fixed 6x6x6 cube and grey ramp everywhere.
fn resolve(color: Color, palette: &Palette) -> Rgb {
    if let Some(index) = ansi_index(color) {
        return rgb(palette.ansi[index]);
    }
    match color {
        Color::Rgb(r, g, b) => [r, g, b],
        Color::Indexed(n @ 16..=231) => {
            let level = |i: u8| if i == 0 { 0 } else { 55 + 40 * i };
            let n = n - 16;
            [level(n / 36), level(n / 6 % 6), level(n % 6)]
        }
        Color::Indexed(n @ 232..=255) => {
            let grey = 8 + 10 * (n - 232);
            [grey, grey, grey]
        }
        _ => rgb(palette.foreground),
    }
}

/// WCAG 2 contrast ratio, from 1 (same colour) to 21 (black on white).
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every style of a theme by name. Destructured without `..` so that a new field cannot be
/// left out of the contrast test.
fn named_styles(theme: &Theme) -> [(&'static str, Style); 10] {
    let Theme {
        text,
        dim,
        title,
        digits,
        digits_ending,
        digits_paused,
        pause_title,
        gauge,
        key,
        art,
    } = *theme;
    [
        ("text", text),
        ("dim", dim),
        ("title", title),
        ("digits", digits),
        ("digits_ending", digits_ending),
        ("digits_paused", digits_paused),
        ("pause_title", pause_title),
        ("gauge", gauge),
        ("key", key),
        ("art", art),
    ]
}

/// The colours a style can be drawn in: its foreground, and, for bold text in one of the
/// eight normal colours, the bright twin that many terminals (xterm, iTerm2) switch to.
fn drawn_colours(style: Style) -> Vec<(&'static str, Color)> {
    let fg = style.fg.unwrap_or(Color::Reset);
    let mut colours = vec![("", fg)];
    if style.add_modifier.contains(Modifier::BOLD)
        && let Some(index @ 0..=7) = ansi_index(fg)
    {
        colours.push((" (bold drawn bright)", ANSI[index + 8]));
    }
    colours
}

/// What a style must reach. At night the countdown must meet body text's threshold and the
/// rest, dim by design, the large one. By day everything that reads as text meets body
/// text's, and the big digits (paused too) the large one.
fn required_contrast(shade: Shade, style_name: &str) -> f64 {
    match (shade, style_name) {
        (Shade::Night, "digits" | "digits_ending") => BODY,
        (Shade::Night, _) => LARGE,
        (Shade::Day, "digits" | "digits_ending" | "digits_paused") => LARGE,
        (Shade::Day, _) => BODY,
    }
}

/// The lowest contrast a style gets under a palette, over the colours it can be drawn in.
fn worst_contrast(style: Style, palette: &Palette) -> f64 {
    drawn_colours(style)
        .into_iter()
        .map(|(_, color)| contrast(resolve(color, palette), rgb(palette.background)))
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn contrast_follows_wcag() {
    assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert!((contrast([40, 40, 40], [40, 40, 40]) - 1.0).abs() < 1e-9);
    // #777777 on white is the textbook 4.48:1.
    assert!((contrast(rgb(0x777777), rgb(0xffffff)) - 4.48).abs() < 0.01);
}

#[test]
fn colours_resolve_like_a_terminal() {
    let solarized = &DARK[0];
    assert_eq!(
        resolve(Color::DarkGray, solarized),
        rgb(solarized.background)
    );
    assert_eq!(resolve(Color::Indexed(3), solarized), rgb(0xb58900));
    assert_eq!(resolve(Color::Reset, solarized), rgb(0x839496));
    assert_eq!(resolve(Color::Indexed(16), solarized), [0, 0, 0]);
    assert_eq!(resolve(Color::Indexed(214), solarized), [255, 175, 0]);
    assert_eq!(resolve(Color::Indexed(231), solarized), [255, 255, 255]);
    assert_eq!(resolve(Color::Indexed(232), solarized), [8, 8, 8]);
    assert_eq!(resolve(Color::Indexed(255), solarized), [238, 238, 238]);
    assert_eq!(resolve(Color::Rgb(1, 2, 3), solarized), [1, 2, 3]);
}

#[test]
fn auto_gives_each_palette_the_theme_tested_on_it() {
    for (shade, palette) in every_palette() {
        assert_eq!(shade_of(rgb(palette.background)), shade, "{}", palette.name);
    }
}

#[test]
fn every_style_is_readable_on_common_palettes() {
    let mut unreadable = Vec::new();
    for (shade, palette) in every_palette() {
        for (name, style) in named_styles(&Theme::new(shade)) {
            let required = required_contrast(shade, name);
            for (how, color) in drawn_colours(style) {
                let ratio = contrast(resolve(color, palette), rgb(palette.background));
                if ratio < required {
                    unreadable.push(format!(
                        "{} {name}{how} ({color:?}) on {}: {ratio:.2}:1, needs {required}:1",
                        shade.name(),
                        palette.name
                    ));
                }
            }
        }
    }
    assert!(
        unreadable.is_empty(),
        "unreadable:\n{}",
        unreadable.join("\n")
    );
}

#[test]
fn secondary_styles_stay_dimmer_than_their_primaries() {
    for (shade, palette) in every_palette() {
        let theme = Theme::new(shade);
        let pairs = [
            ("dim", theme.dim, "text", theme.text),
            ("art", theme.art, "text", theme.text),
            ("digits_paused", theme.digits_paused, "digits", theme.digits),
        ];
        for (low_name, low, high_name, high) in pairs {
            let (low_ratio, high_ratio) =
                (worst_contrast(low, palette), worst_contrast(high, palette));
            assert!(
                low_ratio * 1.2 <= high_ratio,
                "{low_name} ({low_ratio:.2}:1) is not visibly dimmer than {high_name} \
                 ({high_ratio:.2}:1) on {}",
                palette.name
            );
        }
    }
}

#[test]
fn no_color_uses_no_colour() {
    for (name, style) in named_styles(&Theme::plain()) {
        assert_eq!((style.fg, style.bg), (None, None), "{name}");
    }
}

#[test]
fn day_draws_none_of_the_night_pale_greys_and_yellows() {
    let pale = [Color::Gray, Color::Indexed(7), Color::Indexed(244)];
    let yellow = [
        Color::Yellow,
        Color::LightYellow,
        Color::Indexed(3),
        Color::Indexed(11),
    ];
    let gold = Color::Indexed(178);
    for (name, style) in named_styles(&Theme::new(Shade::Day)) {
        let fg = style.fg.unwrap_or(Color::Reset);
        assert!(
            !pale.contains(&fg) && !yellow.contains(&fg) && fg != gold,
            "{name}: {fg:?}"
        );
        // Nor the scheme's own colours, which light schemes draw as they please.
        assert!(
            ansi_index(fg).is_none() && fg != Color::Reset,
            "{name}: {fg:?}"
        );
    }
}
