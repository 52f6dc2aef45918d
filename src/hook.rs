//! `on_session_end`: the person's own command, run after each session is in the history, with
//! the session's history line on its standard input (to log it elsewhere, or to commit the
//! history folder).
//!
//! Like `voice.rs`, this is the shell's: it starts processes. The record is always saved
//! first, so a hook can neither lose nor delay it. The command runs on a thread of its own, so
//! the screen never waits for it; it gets no terminal (nothing it prints may scribble on the
//! full screen), and a process group of its own, so Ctrl-C in the terminal does not reach it
//! and stopping it stops everything it started. It may take [`LIMIT`]; then it is stopped.
//! Before bedstretch exits it waits for any hook still running, up to the rest of its time,
//! so that a hook is never left running past it (what a hook starts in the background and
//! leaves behind when it exits is its own).

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::clock::{Clock, SystemClock};
use crate::core::config::HookCommand;
use crate::core::text::clean_line;
use crate::voice::stop;

/// How long a hook may run before it is stopped.
pub const LIMIT: Duration = Duration::from_secs(10);

/// How often a wait looks whether the hook has ended.
const POLL: Duration = Duration::from_millis(10);

/// How a hook ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It ran and exited with status 0.
    Ended,
    /// It did not: one line that says so, for the person.
    Failed(String),
}

/// One run of the command.
#[derive(Debug)]
pub struct Hook;

impl Hook {
    /// Starts `command` with `line` (one history line, without its newline) on its standard
    /// input, and returns at once.
    pub fn start(command: &HookCommand, line: &str) -> Running {
        let clock = SystemClock::new();
        let started = Command::new(command.program())
            .args(command.args())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
        let child = started.map(|mut child| {
            if let Some(mut stdin) = child.stdin.take() {
                let text = format!("{line}\n");
                // Apart, so that a hook that never reads cannot hold the wait past its limit;
                // the write ends when the hook does. A hook may ignore its input.
                std::thread::spawn(move || {
                    let _ = stdin.write_all(text.as_bytes());
                });
            }
            child
        });
        Running {
            program: command.program().to_string(),
            child: child.map_err(|e| e.to_string()),
            clock,
        }
    }
}

/// A hook started, not yet waited for.
#[derive(Debug)]
pub struct Running {
    program: String,
    /// The hook, or why it could not be started.
    child: Result<Child, String>,
    /// Counts from the hook's start.
    clock: SystemClock,
}

impl Running {
    /// Waits until the hook ends, or until `deadline` after its start: then it is stopped,
    /// with everything it started.
    pub fn wait_up_to(self, deadline: Duration) -> Outcome {
        let mut child = match self.child {
            Ok(child) => child,
            Err(why) => {
                return Outcome::Failed(failed(
                    &self.program,
                    &format!("could not be started: {why}"),
                ));
            }
        };
        loop {
            match child.try_wait() {
                Ok(Some(status)) => return ended(&self.program, status),
                Ok(None) if self.clock.moment() < deadline => std::thread::sleep(POLL),
                Ok(None) => {
                    stop(child);
                    let why = format!(
                        "was still running after {} seconds and was stopped",
                        deadline.as_secs()
                    );
                    return Outcome::Failed(failed(&self.program, &why));
                }
                Err(e) => {
                    stop(child);
                    let why = format!("could not be waited for: {e}");
                    return Outcome::Failed(failed(&self.program, &why));
                }
            }
        }
    }
}

/// What an exit status says.
fn ended(program: &str, status: ExitStatus) -> Outcome {
    use std::os::unix::process::ExitStatusExt;
    let why = match (status.code(), status.signal()) {
        (Some(0), _) => return Outcome::Ended,
        (Some(code), _) => format!("exited with status {code}"),
        (None, Some(signal)) => format!("was ended by signal {signal}"),
        (None, None) => "ended without a status".to_string(),
    };
    Outcome::Failed(failed(program, &why))
}

/// The one line that tells of a failed hook.
fn failed(program: &str, why: &str) -> String {
    clean_line(&format!(
        "on_session_end failed: `{program}` {why}; your session is saved"
    ))
}

/// The hooks of one bedstretch: started after each recorded session, each waited for on a
/// thread of its own. Dropped, it waits for those still running (up to each one's limit) and
/// says on standard error which failed and were not yet told.
#[derive(Debug, Default)]
pub struct Hooks {
    command: Option<HookCommand>,
    running: Vec<JoinHandle<Outcome>>,
    /// Failures known at once (no thread to wait on), not yet told.
    failed: Vec<String>,
}

impl Hooks {
    /// The hooks of `command`; none when it is `None`.
    pub fn new(command: Option<HookCommand>) -> Self {
        Self {
            command,
            running: Vec::new(),
            failed: Vec::new(),
        }
    }

    /// Runs the command, if there is one, for the session whose history line is `line`.
    pub fn start(&mut self, line: String) {
        let Some(command) = self.command.clone() else {
            return;
        };
        let waiting = std::thread::Builder::new()
            .name("on_session_end".to_string())
            .spawn(move || Hook::start(&command, &line).wait_up_to(LIMIT));
        match waiting {
            Ok(handle) => self.running.push(handle),
            Err(e) => self.failed.push(failed(
                self.command.as_ref().map_or("", HookCommand::program),
                &format!("could not be started: {e}"),
            )),
        }
    }

    /// A failure that has come in, if any; never waits.
    pub fn failure(&mut self) -> Option<String> {
        if let Some(line) = self.failed.pop() {
            return Some(line);
        }
        while let Some(at) = self.running.iter().position(JoinHandle::is_finished) {
            if let Outcome::Failed(line) = joined(self.running.remove(at)) {
                return Some(line);
            }
        }
        None
    }

    /// Waits for every hook still running, up to the rest of its limit; the failures not yet
    /// taken, in the order the hooks started.
    pub fn finish(&mut self) -> Vec<String> {
        let mut lines = std::mem::take(&mut self.failed);
        for handle in self.running.drain(..) {
            if let Outcome::Failed(line) = joined(handle) {
                lines.push(line);
            }
        }
        lines
    }

    /// [`Hooks::finish`], each failure told on standard error.
    pub fn tell(&mut self) {
        let mut err = std::io::stderr();
        for line in self.finish() {
            let _ = writeln!(err, "bedstretch: {line}");
        }
    }
}

impl Drop for Hooks {
    fn drop(&mut self) {
        self.tell();
    }
}

/// The outcome a waiting thread gave.
fn joined(handle: JoinHandle<Outcome>) -> Outcome {
    handle.join().unwrap_or_else(|_| {
        Outcome::Failed(
            "on_session_end failed: its wait stopped unexpectedly; your session is saved"
                .to_string(),
        )
    })
}

#[cfg(test)]
#[path = "hook_tests.rs"]
mod tests;
