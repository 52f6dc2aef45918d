//! Sounds through the real binary, with a fake player on the PATH that writes down which file
//! it was asked to play and when. The sounds of each moment, in order, as real WAV files in the
//! cache folder; the person's own player; `--no-sound`; and the bell that stays, said once,
//! where there is no player. These runs sleep for real, so they are few and short.

use std::path::{Path, PathBuf};
use std::process::Output;

mod support;

use chrono::DateTime;
use portable_pty::CommandBuilder;
use support::pty::Pty;

/// The sounds of [`support::counted`]'s routine, one a second from its first hold on: a
/// hold, switch, the other side's hold, rest, the last hold, its last three seconds, the end.
/// The get-ready has none.
const PLAYED: [&str; 9] = [
    "hold", "switch", "hold", "rest", "hold", "tick", "tick", "tick", "end",
];

/// A player that writes down when it started and its arguments, and is done at once.
const PLAYER: &str = "#!/bin/sh\necho \"$(date +%s.%N) $*\" >> \"$PLAYER_LOG\"\n";

/// A speaker that writes down its words and then talks for a while, so that a sound played
/// while it talks would show if it cut the speaker off.
const SPEAKER: &str = "#!/bin/sh\necho \"$*\" >> \"$SPEAKER_LOG\"\nsleep 0.3\n\
                       echo \"$* (whole)\" >> \"$SPEAKER_LOG\"\n";

/// A one-hold routine: the bell rings as it begins and as it ends.
const ONE: &str = "name = \"One\"\nlead_in = 0\n[[step]]\nname = \"Hold\"\nduration = 1\n";

/// Support's home with both routines and fake programs in its `bin` folder.
struct Home(support::pty::Home);

impl Home {
    /// A home whose `bin` holds these programs: (name, script).
    fn with(programs: &[(&str, &str)]) -> Self {
        let home = Self(support::pty::Home::with_routine(
            "sound-test.toml",
            &support::counted("Sound test"),
        ));
        home.0.write("one.toml", ONE);
        std::fs::create_dir(home.path("bin")).expect("bin");
        for (name, script) in programs {
            home.program(name, script);
        }
        home
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.dir.path().join(name)
    }

    /// A program `name` in the home's `bin` folder, running `script`.
    fn program(&self, name: &str, script: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = self.path("bin").join(name);
        std::fs::write(&path, script).expect("program");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        path
    }

    fn config(&self, text: &str) {
        let folder = self.0.config_home().join("bedstretch");
        std::fs::create_dir_all(&folder).expect("config folder");
        std::fs::write(folder.join("config.toml"), text).expect("config");
    }

    /// The PATH: the home's `bin` first, then what the fake programs need.
    fn path_var(&self) -> String {
        format!("{}:/usr/bin:/bin", self.path("bin").display())
    }

    /// bedstretch run to its end without a terminal, here, as a person at the machine (not
    /// over ssh) would run it.
    fn run(&self, args: &[&str]) -> Output {
        support::cli::bedstretch(self.0.dir.path(), args)
            .current_dir(self.0.dir.path())
            .env("PATH", self.path_var())
            .env("PLAYER_LOG", self.path("played.log"))
            .env("SPEAKER_LOG", self.path("said.log"))
            .env_remove("SSH_CONNECTION")
            .env_remove("SSH_TTY")
            .output()
            .expect("runs")
    }

    /// The same in a terminal, where plain mode rings the bell.
    fn in_terminal(&self, args: &[&str]) -> CommandBuilder {
        let mut cmd = support::pty::command_in(self.0.dir.path(), args);
        cmd.env("PATH", self.path("bin"));
        cmd.env_remove("SSH_CONNECTION");
        cmd.env_remove("SSH_TTY");
        cmd
    }

    /// What the player was asked: (seconds since the epoch, its arguments).
    fn played(&self) -> Vec<(f64, Vec<String>)> {
        let log = std::fs::read_to_string(self.path("played.log")).unwrap_or_default();
        log.lines()
            .map(|line| {
                let mut words = line.split(' ').map(str::to_string);
                let at = words.next().unwrap_or_default().parse().expect("a time");
                (at, words.collect())
            })
            .collect()
    }
}

/// The sound a file is, from its name: `hold-1a2b3c4d.wav` is `hold`.
fn sound_of(file: &str) -> &str {
    let name = Path::new(file).file_name().and_then(|n| n.to_str());
    name.and_then(|n| n.split('-').next()).unwrap_or_default()
}

fn said(output: &Output) -> (String, String) {
    let (_, out, err) = support::cli::said(output);
    (out, err)
}

#[test]
fn a_plain_session_plays_each_moments_sound_beside_the_voice() {
    let home = Home::with(&[("paplay", PLAYER), ("espeak-ng", SPEAKER)]);
    let output = home.run(&["run", "--plain", "--sound", "--voice", "sound-test.toml"]);
    let (out, err) = said(&output);
    assert_eq!((output.status.code(), err.as_str()), (Some(0), ""), "{out}");

    let played = home.played();
    let files: Vec<&str> = played.iter().map(|(_, args)| args[0].as_str()).collect();
    let sounds: Vec<&str> = files.iter().map(|f| sound_of(f)).collect();
    assert_eq!(sounds, PLAYED, "{files:?}");
    // Five distinct files, each a real WAV in the cache folder.
    let mut distinct = files.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 5, "{distinct:?}");
    for file in distinct {
        assert!(file.starts_with(&home.path("cache/bedstretch/sounds/").display().to_string()));
        let bytes = std::fs::read(file).expect("the file played is there");
        assert_eq!(
            (&bytes[..4], &bytes[8..12]),
            (&b"RIFF"[..], &b"WAVE"[..]),
            "{file}"
        );
    }

    // Each sound at its phase (the measured figure is printed), not a phase late.
    let history = support::cli::history(home.0.dir.path());
    let started = DateTime::parse_from_rfc3339(history[0]["started_at"].as_str().expect("a time"))
        .expect("RFC 3339")
        .timestamp_millis() as f64;
    for (second, ((at, args), sound)) in (1..).zip(played.iter().zip(PLAYED)) {
        let late = at * 1000.0 - (started + f64::from(second) * 1000.0);
        eprintln!("{sound}: played {late:.1} ms after its phase ({})", args[0]);
        assert!((-50.0..500.0).contains(&late), "{sound} {late:.0} ms late");
    }

    // The sounds cut no word off: every word the speaker began, it finished, but for the
    // ones the next word cut off (voice's own rule), and the last words are among the finished.
    let words = std::fs::read_to_string(home.path("said.log")).expect("spoken");
    for whole in ["Get ready (whole)", "Done. Tonight is kept. (whole)"] {
        assert!(words.contains(whole), "{whole} cut off: {words}");
    }
}

#[test]
fn the_persons_own_player_gets_the_file_as_one_word() {
    let home = Home::with(&[("paplay", PLAYER)]);
    let mine = home.program("my player", PLAYER);
    home.config(&format!(
        "sound_command = \"'{}' --volume 0.4 {{file}}\"\n",
        mine.display()
    ));
    let output = home.run(&[
        "run",
        "--plain",
        &support::one_second_path().display().to_string(),
    ]);
    assert_eq!(said(&output).1, "");
    let played = home.played();
    let args: Vec<(&str, &str)> = played
        .iter()
        .map(|(_, args)| (args[0].as_str(), sound_of(&args[2])))
        .collect();
    assert_eq!(
        args,
        [
            ("--volume", "hold"),
            ("--volume", "switch"),
            ("--volume", "hold"),
            ("--volume", "rest"),
            ("--volume", "hold"),
            ("--volume", "end")
        ]
    );
}

#[test]
fn no_sound_plays_nothing_even_with_a_player() {
    let home = Home::with(&[("pw-play", PLAYER)]);
    let output = home.run(&["run", "--plain", "--no-sound", "sound-test.toml"]);
    assert_eq!(said(&output).1, "");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(home.played(), []);
    assert!(!home.path("cache/bedstretch/sounds").exists());
}

#[test]
fn without_a_player_the_bell_rings_and_that_is_said_once_on_this_machine() {
    let home = Home::with(&[]);
    let notice = "no sound player was found (pw-play, paplay, aplay or afplay), so the \
                  terminal bell marks the moments";
    for (run, told) in [("first", true), ("second", false)] {
        let mut pty = Pty::spawn(home.in_terminal(&["run", "--plain", "one.toml"]));
        pty.wait_for("Tonight is kept.");
        assert!(pty.wait_exit_and_output(), "the {run} run ended");
        let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
        assert_eq!(
            raw.matches(notice).count(),
            usize::from(told),
            "{run}: {raw}"
        );
        assert!(raw.contains('\x07'), "{run}: the bell stands in: {raw:?}");
    }
    assert_eq!(support::cli::history(home.0.dir.path()).len(), 2);
}

#[test]
fn with_a_player_the_sound_stands_in_for_the_bell() {
    let home = Home::with(&[("aplay", PLAYER)]);
    let mut cmd = home.in_terminal(&["run", "--plain", "one.toml"]);
    cmd.env("PATH", home.path_var());
    cmd.env("PLAYER_LOG", home.path("played.log"));
    let mut pty = Pty::spawn(cmd);
    pty.wait_for("Tonight is kept.");
    assert!(pty.wait_exit_and_output());
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(!raw.contains('\x07'), "no bell beside the sounds: {raw:?}");
    let sounds: Vec<String> = home
        .played()
        .iter()
        .map(|(_, args)| sound_of(&args[0]).to_string())
        .collect();
    assert_eq!(sounds, ["hold", "end"]);
}

#[test]
fn a_player_that_fails_gives_the_bell_back_and_says_so() {
    // paplay with no sound server to play to: it starts, says why on its own error output
    // (which nobody sees) and ends at once.
    let failing = "#!/bin/sh\necho 'Connection failure: Connection refused' >&2\nexit 1\n";
    let home = Home::with(&[("paplay", failing)]);
    let mut pty = Pty::spawn(home.in_terminal(&["run", "--plain", "one.toml"]));
    pty.wait_for("Tonight is kept.");
    assert!(pty.wait_exit_and_output());
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    // The hold's sound went unheard; the failure is seen by the end, which rings.
    assert!(raw.contains('\x07'), "the bell stands in again: {raw:?}");
    let notice = "the sound player `paplay` failed (exit status 1), so the terminal bell marks \
                  the moments";
    assert_eq!(raw.matches(notice).count(), 1, "{raw}");
}
