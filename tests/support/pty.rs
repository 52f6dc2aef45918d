//! The real binary in a pseudo-terminal, read through a vt100 screen, for the end-to-end
//! tests: a person's folders in a temporary home, a terminal of a given size, waits on what
//! the screen shows (never on a fixed time), keys, signals, and the raw bytes written.
//!
//! Every wait is generous ([`WAIT`]): these run on a shared, busy machine, and a slow one must
//! only make them slower, never make them fail. A `Pty` kills and reaps its child when dropped,
//! so a failed assertion never leaves a session running.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use bedstretch::clock::{Clock, SystemClock};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::Value;

/// The longest any wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(30);

/// A person's folders in a temporary folder of their own, with routine files beside them.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    /// An empty home.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A home with one routine file, `name`, in its working folder.
    pub fn with_routine(name: &str, toml: &str) -> Self {
        let home = Self::empty();
        home.write(name, toml);
        home
    }

    /// Writes a file in the working folder (where `run NAME.toml` looks).
    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.path().join(name), text).expect("write");
    }

    /// `$XDG_DATA_HOME`.
    pub fn data_home(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `$XDG_CONFIG_HOME`.
    pub fn config_home(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// bedstretch's own data folder.
    pub fn data(&self) -> PathBuf {
        self.data_home().join("bedstretch")
    }

    /// Where the session in progress is kept.
    pub fn current(&self) -> PathBuf {
        self.data().join("current.json")
    }

    /// Every line of every history file, each parsed as JSON (a line that does not parse
    /// fails the test: it would be a torn or interleaved write).
    pub fn history(&self) -> Vec<Value> {
        self.history_lines()
            .iter()
            .map(|(file, l)| {
                serde_json::from_str::<Value>(l)
                    .unwrap_or_else(|e| panic!("{file}: a line that does not parse ({e}): {l:?}"))
            })
            .collect()
    }

    /// Every line of every history file, raw, with the file's name; none when there is no
    /// history folder yet.
    pub fn history_lines(&self) -> Vec<(String, String)> {
        let dir = self.data().join("history");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        for entry in entries {
            let path = entry.expect("entry").path();
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).expect("read");
            lines.extend(text.lines().map(|l| (name.clone(), l.to_string())));
        }
        lines
    }

    /// bedstretch with these arguments, in this home.
    pub fn command(&self, args: &[&str]) -> CommandBuilder {
        self.program(env!("CARGO_BIN_EXE_bedstretch"), args)
    }

    /// Any program, with bedstretch's folders pointed at this home.
    pub fn program(&self, program: &str, args: &[&str]) -> CommandBuilder {
        program_in(self.dir.path(), program, args)
    }

    /// A command run without a terminal, to its end (with a generous timeout): its exit
    /// status, standard output and standard error.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        assert_cmd::Command::new(env!("CARGO_BIN_EXE_bedstretch"))
            .args(args)
            .current_dir(self.dir.path())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"))
            .timeout(WAIT)
            .output()
            .expect("runs")
    }
}

/// bedstretch with these arguments in `dir`, its folders `dir/config` and `dir/data`, for a
/// test whose home is its own.
pub fn command_in(dir: &Path, args: &[&str]) -> CommandBuilder {
    program_in(dir, env!("CARGO_BIN_EXE_bedstretch"), args)
}

/// Any program in `dir`, with bedstretch's folders pointed at `dir/config` and `dir/data`.
pub fn program_in(dir: &Path, program: &str, args: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.cwd(dir);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", dir.join("config"));
    cmd.env("XDG_DATA_HOME", dir.join("data"));
    // What terminals answered is kept here, never in the person running the tests' own cache.
    cmd.env("XDG_CACHE_HOME", dir.join("cache"));
    cmd
}

/// Polls until `done` holds, failing the test (with `what` and the `detail` of the moment)
/// once [`WAIT`] has passed: the wait on a condition, never on a fixed time.
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool, detail: impl Fn() -> String) {
    let start = SystemClock::new();
    while !done() {
        assert!(
            start.moment() < WAIT,
            "{what}: not after {WAIT:?}\n{}",
            detail()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// A program running in a pseudo-terminal, with everything it wrote kept.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<thread::JoinHandle<()>>,
    size: (u16, u16),
    exited: bool,
}

impl Pty {
    /// Runs `cmd` in an 80x24 terminal.
    pub fn spawn(cmd: CommandBuilder) -> Self {
        Self::spawn_sized(cmd, 80, 24)
    }

    /// Runs `cmd` in a terminal of this size.
    pub fn spawn_sized(cmd: CommandBuilder, cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Self {
            child,
            writer,
            master: pair.master,
            output,
            reader: Some(reader),
            size: (cols, rows),
            exited: false,
        }
    }

    /// The screen as a terminal of the current size shows it, everything written so far
    /// replayed; bytes written before a resize were drawn for the old size, which the
    /// program's full redraw after the resize paints over.
    pub fn screen(&self) -> String {
        self.replayed().screen().contents()
    }

    /// Everything written so far, replayed on a terminal of the current size.
    fn replayed(&self) -> vt100::Parser {
        let size = |n| std::num::NonZeroU16::new(n).expect("non-zero");
        let mut parser = vt100::Parser::new(size(self.size.1), size(self.size.0), 0);
        parser.process(&self.output.lock().expect("lock"));
        parser
    }

    /// The foreground colour of every cell that shows something, as the terminal was told.
    pub fn foregrounds(&self) -> Vec<(char, vt100::Color)> {
        let parser = self.replayed();
        let screen = parser.screen();
        let cells = (0..self.size.1).flat_map(|y| (0..self.size.0).map(move |x| (y, x)));
        cells
            .filter_map(|(y, x)| screen.cell(y, x))
            .filter_map(|cell| {
                let shown = cell
                    .contents()
                    .chars()
                    .next()
                    .filter(|c| !c.is_whitespace());
                shown.map(|c| (c, cell.fgcolor()))
            })
            .collect()
    }

    /// Waits until the screen shows `text`, and gives the screen back.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |screen| screen.contains(text))
    }

    /// Waits until `done` holds for the screen, and gives the screen back.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = SystemClock::new();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                start.moment() < WAIT,
                "no {what:?} on screen after {WAIT:?}:\n{screen}\n\
                 the last it wrote (a panic's message may have scrolled off the screen):\n{}",
                self.written_tail()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// The end of everything written, with escapes made visible, for failure messages.
    fn written_tail(&self) -> String {
        tail(&self.output)
    }

    /// Waits until the bytes written, as text, hold `text` (a line printed outside any screen,
    /// such as a question on the terminal).
    pub fn wait_for_written(&self, text: &str) {
        wait_until(
            &format!("{text:?} written"),
            || self.written().contains(text),
            || self.written(),
        );
    }

    /// Everything written so far, as text.
    pub fn written(&self) -> String {
        String::from_utf8_lossy(&self.raw_output()).into_owned()
    }

    /// Types these bytes.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write");
        self.writer.flush().expect("flush");
    }

    /// Resizes the terminal, as a person dragging its window does.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        self.size = (cols, rows);
    }

    /// Forgets what was written so far, so the next screen shows only what comes after.
    pub fn forget_output(&self) {
        self.output.lock().expect("lock").clear();
    }

    /// Waits for the program to exit; true when it exited with success.
    pub fn wait_exit(&mut self) -> bool {
        let mut status = None;
        let child = &mut self.child;
        let output = &self.output;
        wait_until(
            "the program did not exit",
            || {
                status = child.try_wait().expect("wait");
                status.is_some()
            },
            || tail(output),
        );
        self.exited = true;
        status.is_some_and(|s| s.success())
    }

    /// Waits for the program to exit, then for the reader to take in everything it wrote
    /// (the reader ends when the terminal closes, or after a generous wait, since a child of
    /// the program may hold the terminal open); true when it exited with success.
    pub fn wait_exit_and_output(&mut self) -> bool {
        let success = self.wait_exit();
        let start = SystemClock::new();
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) && start.moment() < WAIT {
            thread::sleep(Duration::from_millis(20));
        }
        success
    }

    /// The program's process id.
    pub fn pid(&self) -> String {
        self.child.process_id().expect("pid").to_string()
    }

    /// Sends a signal by name, as `kill -TERM` does.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([name, &self.pid()])
            .status()
            .expect("kill");
        assert!(status.success());
    }

    /// The process state letter from /proc: `T` when stopped.
    pub fn state(&self) -> char {
        state_of(&self.pid())
    }

    /// The pid of the program's only child (the session, when the program is a shell).
    pub fn child_pid(&self) -> String {
        let pid = self.pid();
        let children =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).expect("children");
        children
            .split_whitespace()
            .next()
            .expect("a child")
            .to_string()
    }

    /// Every byte the program wrote to the terminal so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.output.lock().expect("lock").clone()
    }
}

impl Drop for Pty {
    /// A test that fails half-way must not leave a session running: kill it and reap it.
    fn drop(&mut self) {
        if !self.exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The end of everything written, with escapes made visible, for failure messages.
fn tail(output: &Mutex<Vec<u8>>) -> String {
    let output = output.lock().expect("lock");
    let text = String::from_utf8_lossy(&output);
    let chars: Vec<char> = text.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(3000)..].iter().collect();
    tail.replace('\x1b', "\\e")
}

/// A process's state letter from /proc: `T` when stopped.
pub fn state_of(pid: &str) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    // The state follows the command name, which is in parentheses.
    stat.rsplit(") ")
        .next()
        .and_then(|rest| rest.chars().next())
        .unwrap_or('?')
}

/// True when `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// True when a path exists, even as a dangling link.
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// What `history --json` listed, once it succeeded with not a word on standard error: no
/// warning, no torn line passed over. `what` names the run in a failure's message.
pub fn quiet_history(what: &str, output: &std::process::Output) -> Value {
    assert!(output.status.success(), "{what}: {output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "{what}: nothing to warn about, no torn line"
    );
    serde_json::from_slice(&output.stdout).expect("history JSON")
}
