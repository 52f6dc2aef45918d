//! Torture: escape sequences planted in every text a stranger can write (a routine's name,
//! description, step names and instructions; history lines; cramp notes, through the command
//! and in a synced file) never reach the terminal, on any screen or command. The raw bytes
//! are checked, not the rendered screen: a terminal acts on bytes a screen model may drop.
//!
//! The payloads are specific (OSC 52 writing the clipboard, a clear-screen with a marker
//! after it, a C1 CSI, a right-to-left override), so bedstretch's own escape sequences never
//! trip the check; and each run also finds the cleaned text, so the data was really shown.

mod support;

use bedstretch::clock::{Clock, SystemClock};
use chrono::Days;

use support::pty::{Home, Pty, contains};

/// Everything a terminal could act on, with plain words between so cleaned text is found.
const PAYLOAD: &str =
    "Zap\u{1b}[2Jzap\u{1b}]52;c;VE9SVFVSRQ==\u{7}Bee\u{9b}6nCee\u{202e}Dee\u{1b}[8;1;1t";

/// The byte strings that must never be written: each payload's control with what follows.
const FORBIDDEN: [(&str, &[u8]); 5] = [
    ("clear screen", b"\x1b[2Jzap"),
    ("OSC 52", b"\x1b]52;"),
    ("C1 CSI", "\u{9b}".as_bytes()),
    ("right-to-left override", "\u{202e}".as_bytes()),
    ("window resize", b"\x1b[8;1;1t"),
];

/// What a screen or command shows of a field once cleaned.
const CLEANED: &str = "VE9SVFVSRQ==";

/// Fails if any payload's control reached these bytes.
fn assert_clean(bytes: &[u8], what: &str) {
    for (name, forbidden) in FORBIDDEN {
        assert!(
            !contains(bytes, forbidden),
            "{what}: a {name} from the data reached the terminal: {}",
            String::from_utf8_lossy(bytes)
        );
    }
}

/// `text` as a TOML basic string, every control and non-ASCII character escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{:04X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// A home with a routine of the person's and a history, every text in them hostile.
fn hostile_home() -> Home {
    let home = Home::empty();
    let routines = home.config_home().join("bedstretch/routines");
    std::fs::create_dir_all(&routines).expect("routines folder");
    let field = |label: &str| toml_string(&format!("{label} {PAYLOAD}"));
    let routine = format!(
        "name = {}\ndescription = {}\nlead_in = 0\nrest = 0\n\n[[step]]\nname = {}\n\
         duration = \"10m\"\nsides = [\"left\", \"right\"]\ninstructions = {}\n",
        field("Evil"),
        field("Described"),
        field("Step"),
        field("Do"),
    );
    std::fs::write(routines.join("evil.toml"), routine).expect("routine");
    // Home asks about last night's cramps from the rollover until noon, and its keys would
    // take this test's keys then: a morning that ends as it starts never asks, whatever the
    // hour the tests run at.
    std::fs::write(
        home.config_home().join("bedstretch/config.toml"),
        "morning_ends_at = \"04:00\"\n",
    )
    .expect("config");

    // Recent nights, so the stats page and the report take them in.
    let today = SystemClock::new().wall().date_naive();
    let night = |days_ago: u64| {
        today
            .checked_sub_days(Days::new(days_ago))
            .expect("a date")
            .to_string()
    };
    let json =
        |label: &str| serde_json::to_string(&format!("{label} {PAYLOAD}")).expect("a JSON string");
    let mut lines = String::new();
    for days_ago in 2..5 {
        let day = night(days_ago);
        lines.push_str(&format!(
            "{{\"v\":1,\"kind\":\"session\",\"id\":\"s{days_ago}\",\"routine\":{},\
             \"routine_name\":{},\"started_at\":\"{day}T22:00:00+00:00\",\
             \"ended_at\":\"{day}T22:05:00+00:00\",\"outcome\":\"completed\",\"steps\":[\
             {{\"name\":{},\"side\":\"left\",\"planned_secs\":30,\"done_secs\":30,\"status\":\"completed\"}},\
             {{\"name\":{},\"side\":\"right\",\"planned_secs\":30,\"done_secs\":3,\"status\":\"hurt\"}}]}}\n",
            json("evil-id"),
            json("Remembered"),
            json("Held"),
            json("Hurting"),
        ));
        lines.push_str(&format!(
            "{{\"v\":1,\"kind\":\"cramp\",\"id\":\"c{days_ago}\",\"night\":\"{day}\",\"severity\":4,\
             \"side\":\"left\",\"note\":{},\"logged_at\":\"{day}T23:59:00+00:00\"}}\n",
            json("Synced note"),
        ));
    }
    lines.push_str(&format!("not a record {PAYLOAD}\n"));
    let history = home.data().join("history");
    std::fs::create_dir_all(&history).expect("history folder");
    std::fs::write(history.join("other-machine.jsonl"), lines).expect("history");
    home
}

#[test]
fn torture_escapes_in_data_never_reach_the_terminal_from_any_command() {
    let home = hostile_home();
    let note = format!("Typed note {PAYLOAD}");
    let output = home.run(&["cramp", "5", "--note", &note]);
    assert!(output.status.success(), "{output:?}");
    assert_clean(&output.stdout, "cramp stdout");
    assert_clean(&output.stderr, "cramp stderr");
    // Each command, and whether it shows the planted text (stats in words and status say
    // numbers only).
    for (args, shows_text) in [
        (&["routine", "list"][..], true),
        (&["routine", "show", "evil"], true),
        (&["history"], true),
        (&["history", "--json"], true),
        (&["history", "--csv"], true),
        (&["stats"], false),
        (&["stats", "--json"], false),
        (&["report", "--format", "md"], true),
        (&["report", "--format", "csv"], true),
        (&["status"], false),
    ] {
        let output = home.run(args);
        let what = args.join(" ");
        assert_clean(&output.stdout, &format!("{what} stdout"));
        assert_clean(&output.stderr, &format!("{what} stderr"));
        let shown = String::from_utf8_lossy(&output.stdout);
        assert!(
            !shows_text || shown.contains(CLEANED),
            "{what} shows the text, cleaned: {shown}"
        );
    }
}

#[test]
fn torture_escapes_in_data_never_reach_the_terminal_on_any_screen() {
    let home = hostile_home();
    // Home, then the stats page, then back and quit.
    let mut pty = Pty::spawn(home.command(&[]));
    let screen = pty.wait_for("Evil");
    assert!(screen.contains("Evil Zap"), "the name, cleaned: {screen}");
    pty.send(b"s");
    pty.wait_for("Hurting");
    pty.send(b"q");
    pty.wait_until("home again", |s| !s.contains("Hurting"));
    // The editor on the routine (the person's own routines are listed last).
    pty.send(b"G");
    pty.send(b"e");
    pty.wait_for("Edit: Evil Zap");
    // The step's instructions, open for writing.
    pty.send(b"i");
    pty.wait_for("Do Zap");
    pty.send(b"\x1b");
    pty.wait_until("the instructions kept", |s| !s.contains("Do Zap"));
    pty.send(b"q");
    pty.wait_until("home again", |s| !s.contains("Edit:"));
    pty.send(b"q");
    pty.wait_exit_and_output();
    assert_clean(&pty.raw_output(), "home, the stats page and the editor");

    // A session of the routine: the step, its instructions, the help, both sides, the
    // question before quitting, the summary.
    let mut pty = Pty::spawn(home.command(&["run", "evil"]));
    let screen = pty.wait_for("Step Zap");
    assert!(
        screen.contains("Do Zap"),
        "the instructions, cleaned: {screen}"
    );
    pty.send(b"?");
    pty.wait_for("Any key closes this.");
    pty.send(b"x");
    pty.wait_until("the help closed", |s| !s.contains("Any key closes this."));
    pty.send(b"n");
    pty.wait_for("Right foot");
    pty.send(b"q");
    pty.wait_for("Quit?");
    pty.send(b"y");
    pty.wait_for("q close");
    pty.send(b"q");
    pty.wait_exit_and_output();
    assert_clean(&pty.raw_output(), "a session");
}

#[test]
fn torture_escapes_in_data_never_reach_the_terminal_in_plain_mode() {
    let home = hostile_home();
    let mut pty = Pty::spawn(home.command(&["run", "--plain", "evil"]));
    let screen = pty.wait_for("Step Zap");
    assert!(
        screen.contains(CLEANED),
        "the step's name, cleaned: {screen}"
    );
    pty.send(b"q");
    pty.wait_for("Quit? Press y");
    pty.send(b"y");
    pty.wait_exit_and_output();
    assert_clean(&pty.raw_output(), "a session in plain mode");
}
