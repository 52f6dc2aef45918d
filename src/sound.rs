//! Sounds at the moments of a session, for a person lying with eyes closed: a soft tone as a
//! hold starts, another to switch sides, to rest, a tick in each of the last three seconds and
//! a chord at the end. The tones are compiled in (`assets/sounds/`, made by
//! `scripts/make-sounds`) and written once to the cache folder, where the player reads them.
//!
//! Like `voice.rs`, this is the shell's: it starts processes, the same way (no terminal, a
//! process group of its own), and never waits for one. The player is the config's
//! `sound_command`, else the first of [`PLAYERS`] on the PATH. A sound stands in for the
//! terminal bell; without a player the bell stays, and one line says so.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::Duration;

use twox_hash::XxHash3_64;

use crate::app::announce::Moment;
use crate::clock::{Clock, SystemClock};
use crate::core::config::SoundCommand;
use crate::core::text::{clean_line, clean_path};
use crate::store::atomic::write_derived;
use crate::voice::{Missing, choose, start_apart, stop};

/// The players looked for on the PATH when the config names none, best first.
pub const PLAYERS: [&str; 4] = ["pw-play", "paplay", "aplay", "afplay"];

/// How long the last sound may go on once the session is over, counted from its start: the
/// longest is 0.6 s, and a hanging player must not hold the exit for long.
const LAST_SOUND: Duration = Duration::from_secs(1);

/// How often the exit looks whether the last sound has ended.
const LAST_SOUND_POLL: Duration = Duration::from_millis(10);

/// Left in the cache folder once the missing player has been told, so it is told once.
const TOLD: &str = "no-player-told";

/// The sounds there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sound {
    /// A hold starts (each step, each side).
    Hold,
    /// Switch sides.
    Switch,
    /// The rest between steps.
    Rest,
    /// One of the last three seconds of a hold.
    Tick,
    /// The session is over.
    End,
}

impl Sound {
    /// Every sound.
    pub const ALL: [Sound; 5] = [
        Sound::Hold,
        Sound::Switch,
        Sound::Rest,
        Sound::Tick,
        Sound::End,
    ];

    /// The WAV file's bytes, as compiled in.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Sound::Hold => include_bytes!("../assets/sounds/hold.wav"),
            Sound::Switch => include_bytes!("../assets/sounds/switch.wav"),
            Sound::Rest => include_bytes!("../assets/sounds/rest.wav"),
            Sound::Tick => include_bytes!("../assets/sounds/tick.wav"),
            Sound::End => include_bytes!("../assets/sounds/end.wav"),
        }
    }

    /// The cached file's name, `hold-1a2b3c4d.wav`: named after its bytes, so that a sound
    /// changed in a later version is a new file and never one half-old.
    pub fn file_name(self) -> String {
        let name = match self {
            Sound::Hold => "hold",
            Sound::Switch => "switch",
            Sound::Rest => "rest",
            Sound::Tick => "tick",
            Sound::End => "end",
        };
        format!("{name}-{:08x}.wav", XxHash3_64::oneshot(self.bytes()) >> 32)
    }
}

/// The sound for a moment; `None` for one that has none. The get-ready words have none: the
/// first hold's sound comes a few seconds later, and one sound per change is calmer.
pub fn for_moment(moment: Moment) -> Option<Sound> {
    match moment {
        Moment::Step | Moment::Side => Some(Sound::Hold),
        Moment::Switch => Some(Sound::Switch),
        Moment::Rest => Some(Sound::Rest),
        Moment::Count(_) => Some(Sound::Tick),
        Moment::Done => Some(Sound::End),
        _ => None,
    }
}

/// Writes every sound into `folder` (made if missing), skipping a file already there with the
/// same bytes.
pub fn write_cache(folder: &Path) -> std::io::Result<()> {
    for sound in Sound::ALL {
        let path = folder.join(sound.file_name());
        let bytes = sound.bytes();
        // Only a regular file of the right size is read: the cache may hold anything.
        let same = std::fs::symlink_metadata(&path)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(&path).is_ok_and(|there| there == bytes);
        if !same {
            write_derived(&path, |out| out.write_all(bytes))?;
        }
    }
    Ok(())
}

/// A program that plays a sound file, and how to hand it the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// The program, as found on the PATH or as the config wrote it with a slash.
    pub program: PathBuf,
    /// The person's own command, whose `{file}` words take the file; `None` for one of
    /// [`PLAYERS`], which take it as their only argument.
    command: Option<SoundCommand>,
}

impl Player {
    /// The arguments that play `file`.
    fn args(&self, file: &Path) -> Vec<String> {
        let file = file.display().to_string();
        match &self.command {
            Some(command) => command.args(&file),
            None => vec![file],
        }
    }
}

/// The player to use: the config's own command, else the first of [`PLAYERS`] on `path` (the
/// PATH's value). The error is one plain sentence for the person.
pub fn find(command: Option<&SoundCommand>, path: Option<&OsStr>) -> Result<Player, String> {
    let (program, command) = choose(command, &PLAYERS, path).map_err(|missing| match missing {
        Missing::NoneOf => "no sound player was found (pw-play, paplay, aplay or afplay), so \
                            the terminal bell marks the moments; install one or set \
                            sound_command in the config (sound = false turns this off)"
            .to_string(),
        Missing::Program(name, missing) => format!(
            "the sounds are not played: `{}` (sound_command) {missing}, so the terminal bell \
             marks the moments",
            clean_line(name)
        ),
    })?;
    Ok(Player {
        program,
        command: command.cloned(),
    })
}

/// What decides whether and how the sounds play.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    /// The config's `sound`.
    pub on: bool,
    /// `run --sound` (true) or `--no-sound` (false); `None` when neither was given.
    pub asked: Option<bool>,
    /// On a machine reached over ssh, where a player would sound on the far side.
    pub over_ssh: bool,
    /// The config's `sound_command`.
    pub command: Option<&'a SoundCommand>,
    /// The PATH's value.
    pub path: Option<&'a OsStr>,
    /// `$XDG_CACHE_HOME/bedstretch`, where the sounds are written for the player.
    pub cache: Option<&'a Path>,
}

/// A player still playing, and when it began.
#[derive(Debug)]
struct Playing {
    child: Child,
    since: Duration,
}

/// The session's sounds: plays each moment's, never waits, and tells once what stops them.
#[derive(Debug)]
pub struct Sounds {
    player: Option<Player>,
    folder: PathBuf,
    /// Players started and not yet reaped.
    playing: Vec<Playing>,
    /// What keeps the sounds from playing, until it is told.
    problem: Option<String>,
    clock: SystemClock,
}

impl Sounds {
    /// No sounds: the bell, if on, marks the moments.
    pub fn off() -> Self {
        Self {
            player: None,
            folder: PathBuf::new(),
            playing: Vec::new(),
            problem: None,
            clock: SystemClock::new(),
        }
    }

    /// The sounds as `setup` has them. Over ssh, unless asked for with `--sound`, they are
    /// off without a word: the bell sounds where the person is. Without a player,
    /// [`Sounds::problem`] tells why: once on this machine, or every time when asked for.
    pub fn new(setup: Setup<'_>) -> Self {
        let mut sounds = Self::off();
        let asked = setup.asked == Some(true);
        if !setup.asked.unwrap_or(setup.on) || (setup.over_ssh && !asked) {
            return sounds;
        }
        let folder = setup.cache.map(|cache| cache.join("sounds"));
        let ready = find(setup.command, setup.path).and_then(|player| {
            let folder = folder.clone().ok_or_else(|| {
                "the sounds are not played: there is no cache folder to keep them in (set \
                 HOME or XDG_CACHE_HOME), so the terminal bell marks the moments"
                    .to_string()
            })?;
            write_cache(&folder).map_err(|e| {
                format!(
                    "the sounds are not played: they cannot be written to {}: {}, so the \
                     terminal bell marks the moments",
                    clean_path(&folder),
                    clean_line(&e.to_string())
                )
            })?;
            Ok((player, folder))
        });
        match ready {
            Ok((player, folder)) => {
                sounds.player = Some(player);
                sounds.folder = folder;
            }
            Err(problem) if asked || first_time(folder.as_deref()) => {
                sounds.problem = Some(problem);
            }
            Err(_) => {}
        }
        sounds
    }

    /// The player in use; when there is one, the sounds stand in for the bell.
    pub fn player(&self) -> Option<&Player> {
        self.player.as_ref()
    }

    /// What keeps the sounds from playing, once: the caller shows it, and it is not said
    /// again.
    pub fn problem(&mut self) -> Option<String> {
        self.problem.take()
    }

    /// Reaps the players that have ended, so none is left a zombie; cheap, so it is done at
    /// each bell too. One that failed (`paplay` with no sound server, `aplay` with no sound
    /// card: they end at once) means the sounds are not heard: the player is dropped, so the
    /// bell marks the moments from then on, and that is told once.
    pub fn reap(&mut self) {
        let mut failed = None;
        self.playing
            .retain_mut(|playing| match playing.child.try_wait() {
                Ok(None) => true,
                Ok(Some(status)) if status.success() => false,
                Ok(Some(status)) => {
                    failed.get_or_insert_with(|| how_it_ended(status));
                    false
                }
                Err(e) => {
                    failed.get_or_insert_with(|| format!("it could not be waited for: {e}"));
                    false
                }
            });
        let Some(how) = failed else {
            return;
        };
        let Some(player) = self.player.take() else {
            return;
        };
        let name = player
            .program
            .file_name()
            .unwrap_or(player.program.as_os_str());
        let name = clean_line(&name.to_string_lossy());
        self.problem = Some(format!(
            "the sound player `{name}` failed ({}), so the terminal bell marks the moments; \
             check that `{name}` plays a sound file from this terminal, or set sound_command \
             in the config (sound = false turns this off)",
            clean_line(&how)
        ));
    }

    /// Starts the moment's sound, if it has one, and returns at once. A sound still playing
    /// plays on: they are short, and a tick must not cut off a word or a chord.
    pub fn play(&mut self, moment: Moment) {
        self.reap();
        let (Some(player), Some(sound)) = (&self.player, for_moment(moment)) else {
            return;
        };
        let file = self.folder.join(sound.file_name());
        match start_apart(&player.program, player.args(&file)) {
            Ok(child) => self.playing.push(Playing {
                child,
                since: self.clock.moment(),
            }),
            Err(e) => {
                // Once: a player that cannot start now will not start at the next moment.
                self.problem = Some(format!(
                    "the sounds are no longer played: {} could not be started: {}; the \
                     terminal bell marks the moments",
                    clean_line(&player.program.display().to_string()),
                    clean_line(&e.to_string())
                ));
                self.player = None;
            }
        }
    }
}

impl Drop for Sounds {
    /// The end's chord may finish after the session, but no player outlives the program by
    /// more than [`LAST_SOUND`] from its start: it is then stopped and reaped.
    fn drop(&mut self) {
        let Some(until) = self.playing.iter().map(|p| p.since + LAST_SOUND).max() else {
            return;
        };
        while self.clock.moment() < until
            && self
                .playing
                .iter_mut()
                .any(|p| matches!(p.child.try_wait(), Ok(None)))
        {
            std::thread::sleep(LAST_SOUND_POLL);
        }
        for playing in self.playing.drain(..) {
            stop(playing.child);
        }
    }
}

/// How a player that failed ended, in a few words: `exit status 1`, `signal 9`. Players are
/// stopped only on the way out, and never looked at after, so any signal here is a failure.
fn how_it_ended(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        (None, None) => status.to_string(),
    }
}

/// True the first time a missing player is to be told on this machine (the marker is then
/// left in `folder`), and whenever the marker cannot be kept: better told again than never.
fn first_time(folder: Option<&Path>) -> bool {
    let Some(folder) = folder else {
        return true;
    };
    let made = std::fs::create_dir_all(folder).and_then(|()| {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(folder.join(TOLD))
    });
    !matches!(made, Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists)
}

/// Whether this is a session over ssh (`SSH_CONNECTION` or `SSH_TTY` set).
pub fn over_ssh() -> bool {
    ["SSH_CONNECTION", "SSH_TTY"]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()))
}

#[cfg(test)]
#[path = "sound_tests.rs"]
mod tests;
