//! Spoken cues, so a person can stretch with eyes closed. The words go to a speaker program
//! (the config's `voice_command`, else the first of espeak-ng, espeak, spd-say, say on the
//! PATH) started beside the countdown and never waited for: a slow or hanging speaker cannot
//! hold a phase back, only lose its own words when the next cue cuts it off.
//!
//! Like `clock.rs`, this is the shell's: it starts processes. Nothing the speaker prints may
//! reach the full screen (espeak-ng without a sound card prints ALSA errors at every call), so
//! it gets no terminal at all, and it runs in a process group of its own, so that cutting it
//! off also stops whatever a speaker script started (an `aplay` at the end of a pipe).

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::clock::{Clock, SystemClock};
use crate::core::config::{Slot, SlotCommand, VoiceCommand};
use crate::core::text::clean_line;

/// The speakers looked for on the PATH when the config names none, best first.
pub const SPEAKERS: [&str; 4] = ["espeak-ng", "espeak", "spd-say", "say"];

/// How long the last word may go on once the session is over, counted from when it began:
/// long enough for "Done. Tonight is kept.", short enough that a hanging speaker never holds
/// the exit for long. The end's words are made to fit it.
const LAST_WORD: Duration = crate::app::announce::END_SLOT;

/// How often the exit looks whether the last word has ended.
const LAST_WORD_POLL: Duration = Duration::from_millis(10);

/// A program that speaks, and how to hand it the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The program, as found on the PATH or as the config wrote it with a slash.
    pub program: PathBuf,
    /// The person's own command, whose `{text}` words take the words; `None` for one of
    /// [`SPEAKERS`], which take them as their only argument.
    command: Option<VoiceCommand>,
}

impl Speaker {
    /// The arguments that say `text`.
    fn args(&self, text: &str) -> Vec<String> {
        match &self.command {
            Some(command) => command.args(text),
            None => vec![text.to_string()],
        }
    }
}

/// The speaker to use: the config's own command, else the first of [`SPEAKERS`] on `path`
/// (the PATH's value). The error is one plain sentence for the person.
pub fn find(command: Option<&VoiceCommand>, path: Option<&OsStr>) -> Result<Speaker, String> {
    let (program, command) = choose(command, &SPEAKERS, path).map_err(|missing| match missing {
        Missing::NoneOf => "the cues are not spoken: none of espeak-ng, espeak, spd-say or say \
                            is installed; install one (espeak-ng is small), or set voice_command \
                            in the config"
            .to_string(),
        Missing::Program(name, missing) => format!(
            "the cues are not spoken: `{}` (voice_command) {missing}",
            clean_line(name)
        ),
    })?;
    Ok(Speaker {
        program,
        command: command.cloned(),
    })
}

/// Why [`choose`] found no program to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing<'c> {
    /// No command of the person's own, and none of the usual programs on the PATH.
    NoneOf,
    /// The person's command names this program, which is wrong in the words given.
    Program(&'c str, &'static str),
}

/// The program to run: the one the person's own `command` names (a path when it holds a
/// slash, else found on `path`), else the first of `usual` on `path`; with the command when
/// it is the person's.
pub(crate) fn choose<'c, S: Slot>(
    command: Option<&'c SlotCommand<S>>,
    usual: &[&str],
    path: Option<&OsStr>,
) -> Result<(PathBuf, Option<&'c SlotCommand<S>>), Missing<'c>> {
    let Some(command) = command else {
        return usual
            .iter()
            .find_map(|name| on_path(name, path))
            .map(|program| (program, None))
            .ok_or(Missing::NoneOf);
    };
    let name = command.program();
    let program = if name.contains('/') {
        Some(PathBuf::from(name))
            .filter(|p| runnable(p))
            .ok_or(Missing::Program(name, "is not a program that can be run"))
    } else {
        on_path(name, path).ok_or(Missing::Program(name, "is not on the PATH"))
    };
    program.map(|program| (program, Some(command)))
}

/// `name` in the first folder of `path` that holds it as a program. Empty entries, which
/// a shell reads as the current folder, are skipped: a routine folder is no place to run
/// programs from.
pub fn on_path(name: &str, path: Option<&OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path?)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(name))
        .find(|candidate| runnable(candidate))
}

/// A regular file that someone may run.
fn runnable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A speaker talking, and when it began.
#[derive(Debug)]
struct Speaking {
    child: Child,
    since: Duration,
}

/// The session's voice: says each cue, cuts off the one before, and tells once what stops it.
#[derive(Debug)]
pub struct Voice {
    speaker: Option<Speaker>,
    speaking: Option<Speaking>,
    /// What keeps the cues from being spoken, until it is told.
    problem: Option<String>,
    clock: SystemClock,
}

impl Voice {
    /// A voice that says nothing: cues are off.
    pub fn off() -> Self {
        Self {
            speaker: None,
            speaking: None,
            problem: None,
            clock: SystemClock::new(),
        }
    }

    /// A voice through the speaker [`find`] finds; without one it says nothing, and
    /// [`Voice::problem`] tells why.
    pub fn new(command: Option<&VoiceCommand>, path: Option<&OsStr>) -> Self {
        let mut voice = Self::off();
        match find(command, path) {
            Ok(speaker) => voice.speaker = Some(speaker),
            Err(problem) => voice.problem = Some(problem),
        }
        voice
    }

    /// The speaker in use, if any.
    pub fn speaker(&self) -> Option<&Speaker> {
        self.speaker.as_ref()
    }

    /// What keeps the cues from being spoken, once: the caller shows it, and it is not
    /// said again.
    pub fn problem(&mut self) -> Option<String> {
        self.problem.take()
    }

    /// Starts saying `text` and returns at once; a speaker still saying the last cue is cut
    /// off first, so two cues never overlap and a hanging one is gone by the next.
    pub fn say(&mut self, text: &str) {
        self.hush();
        let Some(speaker) = &self.speaker else {
            return;
        };
        let text = words(text);
        if text.is_empty() {
            return;
        }
        match start_apart(&speaker.program, speaker.args(&text)) {
            Ok(child) => {
                self.speaking = Some(Speaking {
                    child,
                    since: self.clock.moment(),
                });
            }
            Err(e) => {
                // Once: a program that cannot start now will not start at the next cue.
                self.problem = Some(format!(
                    "the cues are no longer spoken: {} could not be started: {}",
                    clean_line(&speaker.program.display().to_string()),
                    clean_line(&e.to_string())
                ));
                self.speaker = None;
            }
        }
    }

    /// Cuts off the speaker still talking, if one is, and reaps it.
    fn hush(&mut self) {
        if let Some(speaking) = self.speaking.take() {
            stop(speaking.child);
        }
    }
}

impl Drop for Voice {
    /// The last word ("Done") may finish after the session, but no speaker outlives the
    /// program by more than [`LAST_WORD`] from its start: it is then cut off and reaped.
    fn drop(&mut self) {
        let Some(mut speaking) = self.speaking.take() else {
            return;
        };
        let until = speaking.since + LAST_WORD;
        while self.clock.moment() < until {
            if !matches!(speaking.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(LAST_WORD_POLL);
        }
        stop(speaking.child);
    }
}

/// Starts `program` with `args` apart from us and returns at once: no terminal (nothing it
/// prints may reach the screen) and a process group of its own (Ctrl-C in the terminal does
/// not reach it, and [`stop`] stops everything it started).
pub(crate) fn start_apart(program: &Path, args: Vec<String>) -> std::io::Result<Child> {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
}

/// Ends a program of ours that is still running (a speaker, a hook), with everything it
/// started, and reaps it.
pub(crate) fn stop(mut child: Child) {
    if !matches!(child.try_wait(), Ok(None)) {
        return;
    }
    // Not yet reaped, so its id still names its group and no other. SIGKILL, as a speaker
    // owes us nothing on the way out, and a reap after it returns at once.
    let group = rustix::process::Pid::from_child(&child);
    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    // The leader alone, should the group signal have been refused.
    let _ = child.kill();
    let _ = child.wait();
}

/// The words as handed to a speaker: one clean line, no leading dash that a program could
/// take for an option.
fn words(text: &str) -> String {
    clean_line(text)
        .trim_start_matches(|c: char| c == '-' || c.is_whitespace())
        .to_string()
}

#[cfg(test)]
#[path = "voice_tests.rs"]
pub(crate) mod tests;
