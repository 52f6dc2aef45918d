//! The themes through the real binary in a pseudo-terminal: what colours home is drawn in,
//! and how `auto` decides, by `COLORFGBG` or by the terminal's answer to its question.

mod support;

use std::thread;
use std::time::Duration;

use bedstretch::clock::{Clock, SystemClock};
use support::pty::{Home, Pty, command_in, program_in, wait_until};

/// The variables that make up a terminal's identity, unset so that it is the same wherever
/// the tests run.
const IDENTITY: [&str; 12] = [
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "VTE_VERSION",
    "KONSOLE_VERSION",
    "TERMINAL_EMULATOR",
    "INSIDE_EMACS",
    "WT_SESSION",
    "TMUX",
    "STY",
    "SSH_TTY",
    "COLORFGBG",
    "NO_COLOR",
];

/// The night's pale greys and yellows, which vanish on a white background.
const NIGHT_ONLY: [vt100::Color; 6] = [
    vt100::Color::Idx(7),
    vt100::Color::Idx(244),
    vt100::Color::Idx(3),
    vt100::Color::Idx(11),
    vt100::Color::Idx(178),
    vt100::Color::Idx(15),
];

/// Home, in a terminal whose identity is the same wherever the tests run.
fn home_with(home: &Home, config: &str, env: &[(&str, &str)]) -> Pty {
    put(home, "config/bedstretch/config.toml", config);
    let mut cmd = command_in(home.dir.path(), &[]);
    for name in IDENTITY {
        cmd.env_remove(name);
    }
    for (name, value) in env {
        cmd.env(name, value);
    }
    let pty = Pty::spawn(cmd);
    pty.wait_for("Routines");
    pty
}

/// Writes a file in the home, its folders too.
fn put(home: &Home, name: &str, text: &str) {
    let path = home.dir.path().join(name);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
    std::fs::write(path, text).expect("write");
}

/// The distinct colours the text on screen is drawn in.
fn colours(pty: &Pty) -> Vec<vt100::Color> {
    let mut colours: Vec<vt100::Color> = pty.foregrounds().into_iter().map(|(_, c)| c).collect();
    colours.sort_by_key(|c| format!("{c:?}"));
    colours.dedup();
    colours
}

/// Whether the terminal was asked for its background.
fn asked(pty: &Pty) -> bool {
    pty.written().contains("\x1b]11;?\x1b\\")
}

fn quit(mut pty: Pty) {
    pty.send(b"q");
    assert!(pty.wait_exit(), "{}", pty.screen());
}

/// Home shows the day palette: its ink, and none of the night's pale greys and yellows.
#[track_caller]
fn assert_day(pty: &Pty) {
    let drawn = colours(pty);
    assert!(drawn.contains(&vt100::Color::Idx(236)), "{drawn:?}");
    for night in NIGHT_ONLY {
        assert!(!drawn.contains(&night), "{night:?} in {drawn:?}");
    }
}

/// Waits until home is drawn again in the day's ink.
fn wait_for_day(pty: &Pty) {
    let ink = vt100::Color::Idx(236);
    wait_until(
        "home redrawn in day",
        || colours(pty).contains(&ink),
        || pty.screen(),
    );
}

/// Home shows the night palette, in its grey.
#[track_caller]
fn assert_night(pty: &Pty) {
    let drawn = colours(pty);
    assert!(drawn.contains(&vt100::Color::Idx(244)), "{drawn:?}");
}

#[test]
fn home_is_drawn_in_the_theme_the_config_names_and_the_terminal_is_not_asked() {
    let home = Home::empty();
    for (theme, assert_drawn_in) in [("day", assert_day as fn(&Pty)), ("night", assert_night)] {
        let pty = home_with(&home, &format!("theme = \"{theme}\"\n"), &[]);
        assert_drawn_in(&pty);
        assert!(!asked(&pty), "{theme}");
        quit(pty);
    }
}

#[test]
fn auto_takes_a_light_colorfgbg_for_day_without_asking() {
    let home = Home::empty();
    let pty = home_with(&home, "theme = \"auto\"\n", &[("COLORFGBG", "0;15")]);
    assert_day(&pty);
    assert!(!asked(&pty));
    quit(pty);
}

#[test]
fn auto_asks_and_turns_to_day_when_the_terminal_answers_light_and_remembers_it() {
    let home = Home::empty();
    let mut pty = home_with(&home, "", &[]);
    assert!(asked(&pty));
    // Night until it answers.
    assert_night(&pty);
    // The answer as a terminal gives it, ended by ST; none of it may act as a key.
    pty.send(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\");
    wait_for_day(&pty);
    // Every cell drawn again: nothing of the night is left.
    assert_day(&pty);
    assert!(pty.screen().contains("Routines"), "{}", pty.screen());
    quit(pty);
    let memory = std::fs::read_to_string(home.dir.path().join("cache/bedstretch/terminals"))
        .expect("remembered");
    assert_eq!(
        memory,
        "day\tTERM=xterm-256color TERM_PROGRAM= TERM_PROGRAM_VERSION=\n"
    );
    // The next start draws its first frame in day already, and asks again.
    let pty = home_with(&home, "", &[]);
    assert_day(&pty);
    assert!(asked(&pty));
    quit(pty);
}

#[test]
fn an_answer_whose_escape_comes_in_a_read_of_its_own_is_no_esc_key() {
    let home = Home::empty();
    let mut pty = home_with(&home, "", &[]);
    assert!(asked(&pty));
    // Split as ssh or tmux may split it: a lone ESC reads as the Esc key, which quits home.
    pty.send(b"\x1b");
    thread::sleep(Duration::from_millis(30));
    pty.send(b"]11;rgb:ffff/ffff/ffff\x1b\\");
    wait_for_day(&pty);
    assert!(pty.screen().contains("Routines"), "{}", pty.screen());
    // An Esc pressed is still a key: it quits home.
    pty.send(b"\x1b");
    assert!(pty.wait_exit(), "{}", pty.screen());
}

#[test]
fn a_terminal_remembered_silent_is_not_asked_again_for_thirty_days() {
    let today = SystemClock::new().wall().date_naive();
    let who = "TERM=xterm-256color TERM_PROGRAM= TERM_PROGRAM_VERSION=";
    // Remembered this morning, a month ago, or before silences were dated.
    let month_ago = today - chrono::Days::new(30);
    let cases = [
        (format!(" {today}"), false),
        (format!(" {month_ago}"), true),
        (String::new(), true),
    ];
    for (when, asks) in cases {
        let home = Home::empty();
        put(
            &home,
            "cache/bedstretch/terminals",
            &format!("silent{when}\t{who}\n"),
        );
        let pty = home_with(&home, "", &[]);
        assert_eq!(asked(&pty), asks, "{when:?}");
        assert_night(&pty);
        quit(pty);
    }
}

#[test]
fn no_color_wins_over_every_theme() {
    for theme in ["night", "day", "auto"] {
        let home = Home::empty();
        let config = format!("theme = \"{theme}\"\n");
        let pty = home_with(&home, &config, &[("NO_COLOR", "1"), ("COLORFGBG", "0;15")]);
        assert_eq!(colours(&pty), [vt100::Color::Default], "{theme}");
        assert!(!asked(&pty));
        quit(pty);
    }
}

#[test]
fn an_answer_that_comes_after_a_quick_quit_is_not_typed_into_the_shell() {
    let home = Home::empty();
    // The shell the person quits back to: it reads the next line they type.
    let script = format!(
        "'{}'; echo EXITED; read line; echo \"GOT-[$line]\"",
        env!("CARGO_BIN_EXE_bedstretch")
    );
    let mut cmd = program_in(
        home.dir.path(),
        "bash",
        &["--norc", "--noprofile", "-c", &script],
    );
    for name in IDENTITY {
        cmd.env_remove(name);
    }
    let mut pty = Pty::spawn(cmd);
    pty.wait_for_written("\x1b]11;?\x1b\\");
    // Quit at once; the answer comes a round trip later, as over ssh.
    pty.send(b"q");
    thread::sleep(Duration::from_millis(150));
    pty.send(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\");
    pty.wait_for_written("EXITED");
    pty.send(b"typed after\r");
    pty.wait_for_written("GOT-[");
    assert!(pty.wait_exit(), "{}", pty.screen());
    let written = pty.written();
    assert!(written.contains("GOT-[typed after]"), "{written:?}");
    assert!(!written.contains("rgb:ffff"), "{written:?}");
    // The answer was read after all, and kept.
    let memory = std::fs::read_to_string(home.dir.path().join("cache/bedstretch/terminals"))
        .expect("remembered");
    assert!(memory.starts_with("day\t"), "{memory}");
}
