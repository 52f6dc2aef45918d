//! The terminal shell: the only code that knows ratatui and crossterm. It runs every screen
//! through one loop ([`event_loop`]), and gives the terminal back on every exit path.

mod cbreak;
pub mod compact_backend;
pub mod editor_keymap;
pub mod editor_view;
pub mod event_loop;
pub mod home_heatmap;
pub mod home_layout;
pub mod home_lists;
pub mod home_pages;
pub mod home_view;
pub mod input;
pub mod keymap;
pub mod overlays;
pub mod plain;
pub mod plain_out;
pub mod session_layout;
pub mod session_view;
pub mod stats_charts;
pub mod stats_page;
pub mod summary_view;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io::{self, Write};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The real terminal, drawn through [`compact_backend::CompactBackend`].
pub type RealTerminal = Terminal<compact_backend::CompactBackend<CrosstermBackend<io::Stdout>>>;

/// Raw mode, the alternate screen, and a panic hook that gives the terminal back before the
/// panic message is printed. Undone by [`restore`].
pub fn init() -> io::Result<RealTerminal> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enter()?;
    let backend = compact_backend::CompactBackend::new(CrosstermBackend::new(io::stdout()))?;
    Terminal::new(backend)
}

/// Raw mode and the alternate screen, with the cursor hidden; again after a suspend.
pub fn enter() -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::cursor::Hide
    )
}

/// Leaves the alternate screen, shows the cursor and ends raw mode; safe to call twice.
pub fn restore() {
    // Never panics: the terminal may already be gone, and then there is nothing to restore.
    let _ = ratatui::try_restore();
    // ratatui's restore leaves the cursor to the terminal's drop, which a panic may skip.
    let _ = crossterm::execute!(io::stdout(), crossterm::cursor::Show);
}

/// Gives the terminal back and stops the process as Ctrl-Z would; returns when it is
/// continued (`fg`), or at once where nothing could continue it. The caller sets the terminal
/// up again.
pub fn suspend() {
    restore();
    stop_job();
}

/// Stops the whole job, as a cooked terminal's Ctrl-Z does: were bedstretch run from a
/// wrapper script, stopping only this process would leave the shell waiting on the script
/// with the terminal taken. Only where a shell could continue it: where no shell does job
/// control (`ssh host bedstretch`, `xterm -e bedstretch`) the kernel itself discards a
/// terminal stop rather than freeze a job that nothing could continue, and so does this.
///
/// SIGSTOP to the process group, after that check, does what SIGTSTP with its default action
/// would, without taking signal-hook's SIGTSTP handler down and putting it back, which only
/// unsafe code could do.
pub(crate) fn stop_job() {
    if !job_control() {
        return;
    }
    // Delivered to this process before the call returns: the stop happens inside it.
    let _ = rustix::process::kill_current_process_group(rustix::process::Signal::STOP);
}

/// Whether a shell could continue this job: the kernel's rule for an orphaned process group,
/// followed up this process's ancestry. The group is not orphaned when some member's parent is
/// in another group of the same session (a shell doing job control). Where an ancestor cannot
/// be looked up (no /proc), the answer is no: pausing without stopping is the safe mistake.
fn job_control() -> bool {
    use rustix::process::{getpgid, getpgrp, getpid, getppid, getsid};
    let group = getpgrp();
    let Ok(session) = getsid(None) else {
        return false;
    };
    let mut pid = getpid();
    // A job's chain of processes within one group is short; the bound only guards a loop.
    for _ in 0..64 {
        let parent = if pid == getpid() {
            getppid()
        } else {
            parent_of(pid)
        };
        let Some(parent) = parent else {
            return false;
        };
        match getpgid(Some(parent)) {
            Ok(parent_group) if parent_group == group => pid = parent,
            Ok(_) => return getsid(Some(parent)).is_ok_and(|s| s == session),
            Err(_) => return false,
        }
    }
    false
}

/// Another process's parent, from `/proc/PID/stat` (the name in it may hold spaces and
/// parentheses, so the fields are read after the last `)`).
fn parent_of(pid: rustix::process::Pid) -> Option<rustix::process::Pid> {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero())).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    let ppid: i32 = after_name.split_whitespace().nth(1)?.parse().ok()?;
    rustix::process::Pid::from_raw(ppid)
}

/// Rings the terminal bell on standard output.
pub fn ring_bell() {
    let mut out = io::stdout();
    // A bell that cannot be rung is not worth stopping a session for.
    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
}
