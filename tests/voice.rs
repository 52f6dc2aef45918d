//! Spoken cues through the real binary in a pseudo-terminal, with a fake speaker on the PATH
//! that writes down what it was asked to say and when, complains on stderr as espeak-ng does
//! without a sound card, and then hangs. The words and their order, a screen the complaints
//! never reach, and a session that ends on time whatever the speaker does. These runs sleep
//! for real, so they are few, short, and every wait is generous.

use std::path::{Path, PathBuf};
use std::time::Duration;

mod support;

use bedstretch::clock::{Clock, SystemClock};
use chrono::DateTime;
use portable_pty::CommandBuilder;
use serde_json::Value;
use support::pty::Pty;

/// Fourteen seconds: the one-second routine with each pause just long enough for its whole
/// words (the lead-in to name the first step, the switch its foot, the rest the next step),
/// and a last hold long enough to count.
fn routine() -> String {
    support::one_second(
        "Voice test",
        &[
            ("lead_in = 1", "lead_in = 3"),
            ("rest = 1", "rest = 3"),
            ("switch = 1", "switch = 2"),
            (support::LAST_STEP, "name = \"Toe curls\"\nduration = 4\n"),
        ],
        "",
    )
}

/// What is said, and when, in seconds from the start of the session.
const SPOKEN: [(f64, &str); 10] = [
    (0.0, "Get ready. Calf stretch, left foot"),
    // Named in the lead-in: not named again.
    (3.0, "Go"),
    (4.0, "Switch to your right foot"),
    (6.0, "Right foot"),
    (7.0, "Rest. Next: Toe curls"),
    (10.0, "Toe curls"),
    (11.0, "3"),
    (12.0, "2"),
    (13.0, "1"),
    // Once the record is in the history.
    (14.0, "Done. Tonight is kept."),
];

const PLANNED_MS: i64 = 14_000;

/// espeak-ng as a machine without a sound card has it, that then takes `SPEAKER_SLEEP`
/// seconds over every sentence.
const SPEAKER: &str = r#"#!/bin/sh
echo "$(date +%s.%N) $$ $*" >> "$SPEAKER_LOG"
echo "ALSA lib pcm.c:2722:(snd_pcm_open_noupdate) Unknown PCM default" >&2
echo "ALSA says hello on stdout"
sleep "$SPEAKER_SLEEP"
"#;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        let home = Self {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::write(home.path("voice-test.toml"), routine()).expect("routine");
        std::fs::create_dir(home.path("bin")).expect("bin");
        home
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The fake speaker, as espeak-ng, first on the PATH.
    fn speaker(&self) {
        use std::os::unix::fs::PermissionsExt;
        let path = self.path("bin/espeak-ng");
        std::fs::write(&path, SPEAKER).expect("speaker");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }

    fn command(&self, args: &[&str], sleep: &str) -> CommandBuilder {
        let mut cmd = support::pty::command_in(self.dir.path(), args);
        cmd.env(
            "PATH",
            format!("{}:/usr/bin:/bin", self.path("bin").display()),
        );
        cmd.env("SPEAKER_LOG", self.path("said.log"));
        cmd.env("SPEAKER_SLEEP", sleep);
        cmd
    }

    /// What the speaker was asked to say: (seconds since the epoch, its pid, the words).
    fn said(&self) -> Vec<(f64, String, String)> {
        let log = std::fs::read_to_string(self.path("said.log")).unwrap_or_default();
        log.lines()
            .map(|line| {
                let mut parts = line.splitn(3, ' ');
                let mut next = || parts.next().unwrap_or_default().to_string();
                let at = next().parse::<f64>().expect("a timestamp");
                (at, next(), next())
            })
            .collect()
    }

    fn history(&self) -> Vec<Value> {
        support::cli::history(self.dir.path())
    }
}

/// Everything the program wrote to its terminal, as text.
fn raw(pty: &Pty) -> String {
    String::from_utf8_lossy(&pty.raw_output()).into_owned()
}

/// Waits for the program to end well, then asserts that `notice` was not written again once
/// it left the full screen: told there once, not a second time on the way out.
fn assert_told_only_on_screen(pty: &mut Pty, notice: &str) {
    assert!(pty.wait_exit_and_output());
    let raw = raw(pty);
    let after = &raw[raw.rfind("\x1b[?1049l").expect("left the full screen")..];
    assert!(
        !after.contains(notice),
        "{notice:?} told again after the screen: {after}"
    );
}

/// A process's state letter, `None` once it is gone.
fn state(pid: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(") ").next()?.chars().next()
}

fn millis(value: &Value) -> i64 {
    let text = value.as_str().expect("a time");
    DateTime::parse_from_rfc3339(text)
        .expect("RFC 3339")
        .timestamp_millis()
}

#[test]
fn the_cues_are_spoken_in_order_and_a_hanging_speaker_holds_nothing_back() {
    let home = Home::new();
    home.speaker();
    let clock = SystemClock::new();
    let mut pty = Pty::spawn(home.command(&["run", "--voice", "voice-test.toml"], "10"));
    pty.wait_for("Tonight is kept.");
    pty.send(b"q");
    assert!(pty.wait_exit_and_output());
    let wall = clock.moment();

    let said = home.said();
    let words: Vec<&str> = said.iter().map(|(_, _, words)| words.as_str()).collect();
    let expected: Vec<&str> = SPOKEN.iter().map(|(_, words)| *words).collect();
    assert_eq!(words, expected);

    // The session kept its own time: a speaker that takes 10 s over every word moved no
    // phase boundary, so the record spans the plan to within 20 ms.
    let history = home.history();
    let session = &history[0];
    assert_eq!(session["outcome"], "completed");
    let (started, ended) = (millis(&session["started_at"]), millis(&session["ended_at"]));
    let ran = ended - started;
    assert!(
        (ran - PLANNED_MS).abs() <= 20,
        "ran {ran} ms, planned {PLANNED_MS} ms"
    );
    // Each word at its phase, not a phase late (the measured figure is printed).
    for ((at, _, words), (offset, _)) in said.iter().zip(SPOKEN) {
        let late = at * 1000.0 - (started as f64 + offset * 1000.0);
        eprintln!("{words:?}: spoken {late:.1} ms after its phase");
        assert!(
            (-50.0..500.0).contains(&late),
            "{words:?} {late:.0} ms late"
        );
    }
    // Ten words of 10 s each, had they been waited for, would be 100 s; the last may
    // finish for 2 s after the session.
    assert!(wall < Duration::from_secs(22), "the run took {wall:?}");

    // Every speaker was cut off and reaped; none is left talking.
    for (_, pid, words) in &said {
        assert_eq!(state(pid), None, "the speaker of {words:?} is still there");
    }
    // The speaker's own output never reached the terminal.
    let raw = raw(&pty);
    assert!(
        !raw.contains("ALSA"),
        "speaker output on the screen:\n{raw}"
    );
}

#[test]
fn space_is_said_as_a_pause_and_again_as_going_on() {
    let home = Home::new();
    home.speaker();
    std::fs::write(
        home.path("hold.toml"),
        "name = \"Hold\"\nlead_in = 0\n[[step]]\nname = \"Calf stretch\"\nduration = 60\n",
    )
    .expect("routine");
    let mut pty = Pty::spawn(home.command(&["run", "--voice", "hold.toml"], "10"));
    let said_after = |n: usize, what: &str| {
        support::pty::wait_until(
            what,
            || home.said().len() > n,
            || format!("said only {:?}", home.said()),
        );
    };
    said_after(0, "the step said");
    pty.send(b" ");
    said_after(1, "the pause said");
    pty.send(b" ");
    said_after(2, "the resume said");
    pty.send(b"\x03");
    assert!(pty.wait_exit_and_output());
    let words: Vec<String> = home.said().into_iter().map(|(_, _, w)| w).collect();
    assert_eq!(words, ["Calf stretch", "Paused", "Going on"]);
}

#[test]
fn a_missing_speaker_is_told_once_on_the_screen_and_the_session_goes_on() {
    let home = Home::new();
    std::fs::create_dir_all(home.path("config/bedstretch")).expect("config folder");
    // Turned on in the config this time, with no speaker anywhere on the PATH.
    std::fs::write(home.path("config/bedstretch/config.toml"), "voice = true\n").expect("config");
    std::fs::write(
        home.path("one.toml"),
        "name = \"One\"\nlead_in = 0\n[[step]]\nname = \"Hold\"\nduration = 3\n",
    )
    .expect("routine");
    let mut cmd = home.command(&["run", "one.toml"], "0");
    cmd.env("PATH", home.path("bin"));
    let mut pty = Pty::spawn(cmd);
    // Where a person who asked for a voice and hears none will look: on the session screen.
    pty.wait_for("The cues are not spoken: none of espeak-ng");
    pty.wait_for("Tonight is kept.");
    pty.send(b"q");
    assert_told_only_on_screen(&mut pty, "not spoken");
    assert_eq!(home.history()[0]["outcome"], "completed");
    assert!(!Path::new(&home.path("said.log")).exists());
}

/// A home whose config turns the voice on and makes the test routine tonight's.
fn home_with_voice() -> Home {
    let home = Home::new();
    std::fs::create_dir_all(home.path("config/bedstretch/routines")).expect("config folder");
    std::fs::write(
        home.path("config/bedstretch/config.toml"),
        "voice = true\nsound = false\ndefault_routine = \"voice-test\"\n",
    )
    .expect("config");
    std::fs::write(
        home.path("config/bedstretch/routines/voice-test.toml"),
        routine(),
    )
    .expect("routine");
    home
}

#[test]
fn a_session_started_from_home_speaks_as_the_config_says() {
    let home = home_with_voice();
    home.speaker();
    let mut pty = Pty::spawn(home.command(&[], "0"));
    pty.wait_for("Voice test");
    pty.send(b"\r");
    support::pty::wait_until(
        "two cues said",
        || home.said().len() >= 2,
        || format!("said only {:?}", home.said()),
    );
    pty.send(b"\x03");
    assert!(pty.wait_exit_and_output());
    let said = home.said();
    assert_eq!(said[0].2, "Get ready. Calf stretch, left foot");
    assert_eq!(said[1].2, "Go");
    assert!(!raw(&pty).contains("ALSA"));
}

#[test]
fn home_shows_a_missing_speaker_before_any_session_and_only_there() {
    let home = home_with_voice();
    let mut cmd = home.command(&[], "0");
    cmd.env("PATH", home.path("bin"));
    let mut pty = Pty::spawn(cmd);
    pty.wait_for("the cues are not spoken");
    pty.send(b"!");
    let screen = pty.wait_for("A problem found at start");
    assert!(
        screen.contains("none of espeak-ng, espeak, spd-say or say"),
        "{screen}"
    );
    pty.send(b"q");
    pty.send(b"q");
    assert_told_only_on_screen(&mut pty, "the cues are not spoken");
}
