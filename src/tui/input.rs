//! Input from the terminal and from signals, as one stream of [`Input`]s.
//!
//! Waiting is one `poll` of the terminal and of a self-pipe that every signal we care about
//! writes to, so a resize, a suspend or a quit wakes the loop at once, and an idle countdown
//! costs nothing between its seconds. crossterm is asked for events only when there is
//! something to read, and everything it has already parsed is handed out before the next
//! wait: fast typing (and ssh or tmux) delivers several keys in one read.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEvent};
// filedescriptor's poll is select(2) on macOS, whose poll(2) refuses a terminal.
use filedescriptor::{POLLIN, pollfd};
use signal_hook::SigId;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

use super::background_reply::{ESC_WAIT, ReplyKeys, Seen};
use crate::clock::Clock;
use crate::core::background::Rgb;

/// How long crossterm may take to read input the terminal says is there.
const READ: Duration = Duration::from_millis(1);

/// One thing the loop must look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key.
    Key(KeyEvent),
    /// The terminal changed size.
    Resize,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: quit at once, recording what was done.
    Quit,
    /// SIGTSTP from outside: pause, give the terminal back, then stop.
    Suspend,
    /// SIGCONT: the process was stopped and goes on; the terminal must be set up again.
    Continue,
    /// The terminal answered with its background colour, when it was asked.
    Background(Rgb),
}

/// Where input comes from: the real terminal, or a script in tests.
pub trait EventSource {
    /// The next input, or `None` when `timeout` passes first.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Input>>;

    /// The loop stopped the process itself and has set the terminal up again: the SIGCONT
    /// that woke it needs no second repaint.
    fn resumed(&mut self) {}
}

/// The signals bedstretch handles, each raising a flag and waking the loop through a pipe.
struct Signals {
    wake: UnixStream,
    quit: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
    resume: Arc<AtomicBool>,
    resize: Arc<AtomicBool>,
    ids: Vec<SigId>,
}

/// True while no screen handles the quit signals: they then end the process as they would
/// without bedstretch (during the wait for `on_session_end`, say). Unregistering the screens'
/// actions leaves signal-hook's own handler installed, which would take them and do nothing.
fn quit_as_usual() -> &'static AtomicBool {
    static AS_USUAL: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    AS_USUAL.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            // A signal that cannot be set keeps what it had: at worst it is ignored until exit.
            let _ = signal_hook::flag::register_conditional_default(signal, Arc::clone(&flag));
        }
        flag
    })
}

impl Signals {
    fn register() -> io::Result<Self> {
        quit_as_usual().store(false, Ordering::Relaxed);
        let (wake, write) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        write.set_nonblocking(true)?;
        let mut signals = Self {
            wake,
            quit: Arc::default(),
            suspend: Arc::default(),
            resume: Arc::default(),
            resize: Arc::default(),
            ids: Vec::new(),
        };
        let table = [
            (SIGTERM, &signals.quit),
            (SIGHUP, &signals.quit),
            (SIGINT, &signals.quit),
            (SIGQUIT, &signals.quit),
            (SIGTSTP, &signals.suspend),
            (SIGCONT, &signals.resume),
            (SIGWINCH, &signals.resize),
        ];
        let mut ids = Vec::new();
        for (signal, flag) in table {
            // The flag first, so that the loop woken by the pipe always finds it set.
            ids.push(signal_hook::flag::register(signal, Arc::clone(flag))?);
            ids.push(signal_hook::low_level::pipe::register(
                signal,
                write.try_clone()?,
            )?);
        }
        signals.ids = ids;
        Ok(signals)
    }

    /// Forgets a resume that was already handled.
    fn resumed(&self) {
        self.resume.store(false, Ordering::Relaxed);
    }

    /// Empties the pipe once the poll has seen it: the flags say which signals came.
    fn drain(&self) {
        let mut bytes = [0u8; 64];
        while matches!((&self.wake).read(&mut bytes), Ok(n) if n > 0) {}
    }

    /// The most urgent signal that arrived, if any.
    fn take(&self) -> Option<Input> {
        let taken = |flag: &AtomicBool| flag.swap(false, Ordering::Relaxed);
        if taken(&self.quit) {
            Some(Input::Quit)
        } else if taken(&self.suspend) {
            Some(Input::Suspend)
        } else if taken(&self.resume) {
            Some(Input::Continue)
        } else if taken(&self.resize) {
            Some(Input::Resize)
        } else {
            None
        }
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        // Ctrl-Z and Ctrl-C behave as usual again once the screens are gone.
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
        quit_as_usual().store(true, Ordering::Relaxed);
    }
}

/// A poll entry that waits for `fd` to be readable.
fn readable(fd: RawFd) -> pollfd {
    pollfd {
        fd,
        events: POLLIN,
        revents: 0,
    }
}

/// Rounded up to the millisecond, so the wait never ends just before a second turns.
fn whole_millis(timeout: Duration) -> Duration {
    Duration::from_millis(timeout.as_millis() as u64 + 1)
}

/// The process's signals alone, for plain mode when there are no keys to read: standard
/// input is a pipe, a file or closed (`nohup`, CI, a service). Needs no terminal at all.
pub struct SignalEvents {
    signals: Signals,
}

impl SignalEvents {
    /// Starts catching signals.
    pub fn new() -> io::Result<Self> {
        Ok(Self {
            signals: Signals::register()?,
        })
    }
}

impl EventSource for SignalEvents {
    fn resumed(&mut self) {
        self.signals.resumed();
    }

    fn next(&mut self, timeout: Duration) -> io::Result<Option<Input>> {
        if let Some(input) = self.signals.take() {
            return Ok(Some(input));
        }
        let timeout = whole_millis(timeout);
        let mut fds = [readable(self.signals.wake.as_raw_fd())];
        // An interrupted poll is a signal, which the pipe or the flags tell.
        let _ = filedescriptor::poll(&mut fds, Some(timeout));
        if fds[0].revents != 0 {
            self.signals.drain();
        }
        Ok(self.signals.take())
    }
}

/// Events from the real terminal and the process's signals.
pub struct TerminalEvents {
    /// The terminal, waited on directly: crossterm's own timed wait spins through the last
    /// millisecond of every timeout, which made an idle countdown cost ten times the CPU.
    tty: Option<File>,
    signals: Signals,
    /// False after crossterm handed out an event: one read may have brought several (keys
    /// typed together), and the rest wait in crossterm's parser, which a zero timeout never
    /// looks at, until they are asked for.
    drained: bool,
    /// The answer to the background question, held out of the keys.
    reply: ReplyKeys,
}

impl TerminalEvents {
    /// Opens the controlling terminal for waiting, and starts catching signals.
    pub fn new() -> io::Result<Self> {
        Ok(Self {
            tty: File::open("/dev/tty").ok(),
            signals: Signals::register()?,
            drained: true,
            reply: ReplyKeys::default(),
        })
    }

    /// Asks the terminal for its background (OSC 11). Nothing waits for the answer: it comes
    /// later, if at all, as [`Input::Background`].
    pub fn ask_background(&mut self) -> io::Result<()> {
        let mut out = io::stdout();
        out.write_all(b"\x1b]11;?\x1b\\")?;
        out.flush()?;
        self.reply.expect();
        Ok(())
    }

    /// Reads, and drops, whatever the terminal sends until the answer to the background
    /// question comes or the clock reaches `until`; at once when no answer is expected. Once
    /// the terminal is given back, an answer still on its way would be typed into the shell.
    pub fn last_answer(&mut self, clock: &impl Clock, until: Duration) -> io::Result<Option<Rgb>> {
        while self.reply.expecting() {
            let left = until.saturating_sub(clock.moment());
            if left.is_zero() {
                break;
            }
            let key = match self.reply.next_key() {
                Some(key) => Some(key),
                None if !event::poll(left)? => break,
                None => match event::read()? {
                    Event::Key(key) => Some(key),
                    _ => None,
                },
            };
            if let Some(Seen::Answer(rgb)) = key.map(|key| self.reply.see(key)) {
                return Ok(Some(rgb));
            }
        }
        Ok(None)
    }

    /// An event crossterm has already parsed or can read from the terminal. crossterm looks
    /// at nothing on a zero timeout (its wait counts as over before it starts), so this asks
    /// for a millisecond, which returns as soon as an event is there.
    fn parsed(&mut self) -> io::Result<Option<Input>> {
        loop {
            let event = match self.reply.next_key() {
                Some(key) => Event::Key(key),
                None if !event::poll(READ)? => break,
                None => event::read()?,
            };
            let input = match event {
                Event::Key(key) => match self.reply.see(key) {
                    Seen::Key(key) => Input::Key(key),
                    Seen::Held => continue,
                    Seen::Answer(rgb) => Input::Background(rgb),
                },
                Event::Resize(..) => Input::Resize,
                _ => continue,
            };
            self.drained = false;
            return Ok(Some(input));
        }
        self.drained = true;
        Ok(None)
    }
}

impl EventSource for TerminalEvents {
    fn resumed(&mut self) {
        self.signals.resumed();
    }

    fn next(&mut self, timeout: Duration) -> io::Result<Option<Input>> {
        if let Some(input) = self.signals.take() {
            return Ok(Some(input));
        }
        if !self.drained
            && let Some(input) = self.parsed()?
        {
            return Ok(Some(input));
        }
        // A held Esc waits for the key after it that long, and no longer: then it is a key.
        let timeout = match self.reply.holds_esc() {
            true => ESC_WAIT,
            false => whole_millis(timeout),
        };
        let Some(tty) = &self.tty else {
            // No terminal to wait on (a test harness, say): crossterm's own wait will do.
            return match event::poll(timeout)? {
                true => self.parsed(),
                false => {
                    self.signals.drain();
                    Ok(self
                        .signals
                        .take()
                        .or_else(|| self.reply.let_go().map(Input::Key)))
                }
            };
        };
        let mut fds = [
            readable(tty.as_raw_fd()),
            readable(self.signals.wake.as_raw_fd()),
        ];
        // An interrupted poll is a signal, which the pipe or the flags tell.
        let _ = filedescriptor::poll(&mut fds, Some(timeout));
        if fds[1].revents != 0 {
            self.signals.drain();
        }
        if let Some(input) = self.signals.take() {
            return Ok(Some(input));
        }
        if fds[0].revents == 0 {
            return Ok(self.reply.let_go().map(Input::Key));
        }
        if let Some(input) = self.parsed()? {
            return Ok(Some(input));
        }
        // A terminal that went away (a closed ssh connection, a killed tmux) polls as ready
        // and then reads as endless end-of-file rather than an error; asking its size is
        // what fails.
        crossterm::terminal::size()
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the terminal went away"))?;
        Ok(None)
    }
}
