use super::*;

fn clues(named: ThemeName) -> Clues<'static> {
    Clues {
        named,
        no_color: false,
        full_screen: true,
        colorfgbg: None,
        remembered: None,
    }
}

#[test]
fn colorfgbg_reads_the_background_from_its_last_field() {
    assert_eq!(colorfgbg("0;15"), Some(Shade::Day));
    assert_eq!(colorfgbg("0;7"), Some(Shade::Day));
    assert_eq!(colorfgbg("0;default;15"), Some(Shade::Day));
    assert_eq!(colorfgbg("15;0"), Some(Shade::Night));
    assert_eq!(colorfgbg("7;8"), Some(Shade::Night));
    assert_eq!(colorfgbg("15;default;0"), Some(Shade::Night));
    // A lone field is the background too.
    assert_eq!(colorfgbg("15"), Some(Shade::Day));
    for unknown in ["", "0;default", "0;16", "0;-1", "0;x", "0;15x"] {
        assert_eq!(colorfgbg(unknown), None, "{unknown:?}");
    }
}

#[test]
fn a_background_is_light_when_black_text_reads_better_on_it() {
    assert_eq!(shade_of([255, 255, 255]), Shade::Day);
    assert_eq!(shade_of([0xfd, 0xf6, 0xe3]), Shade::Day); // Solarized Light
    assert_eq!(shade_of([0xee, 0xee, 0xec]), Shade::Day); // Tango light
    assert_eq!(shade_of([0, 0, 0]), Shade::Night);
    assert_eq!(shade_of([0x00, 0x2b, 0x36]), Shade::Night); // Solarized Dark
    assert_eq!(shade_of([0x28, 0x28, 0x28]), Shade::Night); // Gruvbox Dark
    // Either side of the line, about luminance 0.18: #767676 is 0.181, #747474 0.175.
    assert_eq!(shade_of([0x76, 0x76, 0x76]), Shade::Day);
    assert_eq!(shade_of([0x74, 0x74, 0x74]), Shade::Night);
}

#[test]
fn osc11_answers_are_read_at_every_precision() {
    assert_eq!(osc11_answer("11;rgb:ffff/ffff/ffff"), Some([255, 255, 255]));
    assert_eq!(
        osc11_answer("11;rgb:fdfd/f6f6/e3e3"),
        Some([0xfd, 0xf6, 0xe3])
    );
    assert_eq!(osc11_answer("11;rgb:0/8/f"), Some([0, 136, 255]));
    assert_eq!(osc11_answer("11;rgb:00/2b/36"), Some([0, 0x2b, 0x36]));
    assert_eq!(osc11_answer("11;rgba:2828/2828/2828/ffff"), Some([0x28; 3]));
    assert_eq!(osc11_answer("11;#fafafa"), Some([0xfa; 3]));
    for bad in [
        "",
        "10;rgb:0/0/0",
        "11;rgb:0/0",
        "11;rgb:12345/0/0",
        "11;rgb:g/0/0",
        "11;#ééé",
        "11;#fff",
    ] {
        assert_eq!(osc11_answer(bad), None, "{bad:?}");
    }
}

#[test]
fn a_named_theme_or_no_color_asks_nothing() {
    let (night, ask) = ThemeChoice::first(clues(ThemeName::Night));
    assert_eq!((night.shade, ask), (Some(Shade::Night), false));
    assert_eq!(night.words(), "night: named in the config");
    let (day, ask) = ThemeChoice::first(clues(ThemeName::Day));
    assert_eq!((day.shade, ask), (Some(Shade::Day), false));
    for named in [ThemeName::Night, ThemeName::Day, ThemeName::Auto] {
        let (plain, ask) = ThemeChoice::first(Clues {
            no_color: true,
            colorfgbg: Some("0;15"),
            ..clues(named)
        });
        assert_eq!((plain.shade, ask), (None, false));
        assert_eq!(plain.words(), "no colour: NO_COLOR is set");
    }
}

#[test]
fn auto_takes_colorfgbg_before_asking() {
    let (choice, ask) = ThemeChoice::first(Clues {
        colorfgbg: Some("0;15"),
        ..clues(ThemeName::Auto)
    });
    assert_eq!((choice.shade, ask), (Some(Shade::Day), false));
    assert_eq!(choice.words(), "auto: COLORFGBG is \"0;15\": day");
    // One that says nothing leaves the question to the terminal.
    let (_, ask) = ThemeChoice::first(Clues {
        colorfgbg: Some("default;default"),
        ..clues(ThemeName::Auto)
    });
    assert!(ask);
}

#[test]
fn auto_asks_only_a_full_screen_terminal_that_has_not_stayed_silent() {
    let (choice, ask) = ThemeChoice::first(clues(ThemeName::Auto));
    assert_eq!((choice.shade, ask), (Some(Shade::Night), true));
    assert_eq!(choice.words(), "auto: no answer yet: night");
    let (choice, ask) = ThemeChoice::first(Clues {
        full_screen: false,
        ..clues(ThemeName::Auto)
    });
    assert_eq!((choice.shade, ask), (Some(Shade::Night), false));
    let (choice, ask) = ThemeChoice::first(Clues {
        remembered: Some(Remembered::Silent),
        ..clues(ThemeName::Auto)
    });
    assert_eq!((choice.shade, ask), (Some(Shade::Night), false));
    assert_eq!(
        choice.words(),
        "auto: this terminal did not answer before: night"
    );
    let (choice, ask) = ThemeChoice::first(Clues {
        remembered: Some(Remembered::Answered(Shade::Day)),
        ..clues(ThemeName::Auto)
    });
    assert_eq!((choice.shade, ask), (Some(Shade::Day), true));
    assert_eq!(
        choice.words(),
        "auto: as the terminal answered last time: day"
    );
}

#[test]
fn an_answer_decides_by_its_luminance_and_says_so() {
    let (first, _) = ThemeChoice::first(clues(ThemeName::Auto));
    let light = first.answered([255, 255, 255]);
    assert_eq!(light.shade, Some(Shade::Day));
    assert_eq!(
        light.words(),
        "auto: the terminal's background is light (#ffffff): day"
    );
    let dark = first.answered([0, 0x2b, 0x36]);
    assert_eq!(
        dark.words(),
        "auto: the terminal's background is dark (#002b36): night"
    );
}
