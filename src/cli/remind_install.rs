//! `bedstretch remind install` and `remind uninstall`: the reminder handed to the system's own
//! scheduler, which runs `bedstretch remind` every five minutes. That command decides whether
//! it is time and stays silent when it is not, so a changed `remind_at` or `remind_again`
//! takes effect without a new install. A systemd user timer where `systemctl` is on the PATH,
//! a launchd agent on macOS, else a crontab line for the person to add. Only files that carry
//! [`MARKER`] are ever replaced or removed, and the scheduler's own tools are given at most
//! [`WAIT`] to answer, so a stuck bus never hangs the command.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::core::doctor::system::TimerState;
use crate::core::text::clean_path;
use crate::store::atomic::write_atomic;
use crate::store::paths::Paths;

/// A line in every file bedstretch writes here; only a file holding it is replaced or removed.
pub const MARKER: &str = "Written by bedstretch remind install";
/// The systemd timer's file name.
pub const TIMER: &str = "bedstretch-remind.timer";
/// The systemd service's file name.
pub const SERVICE: &str = "bedstretch-remind.service";
/// The launchd agent's label; its file is `LABEL.plist`.
pub const LABEL: &str = "com.bedstretch.remind";
/// The longest a scheduler's tool may take to answer before it is given up on.
pub const WAIT: Duration = Duration::from_secs(5);
/// How often a running tool is looked at while waiting for it.
const LOOK_EVERY: Duration = Duration::from_millis(20);

/// `path` as one word of a systemd command line: in double quotes, `\` and `"` escaped, `%`
/// doubled so that no specifier is expanded. None for a path that cannot be written so: not
/// UTF-8, with a control character (a newline would end the line), or with `$` (systemd
/// versions disagree on whether the program's own path has variables expanded).
pub fn systemd_word(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    if text.chars().any(|c| c.is_control() || c == '$') {
        return None;
    }
    let mut word = String::from('"');
    for c in text.chars() {
        match c {
            '\\' | '"' => word.extend(['\\', c]),
            '%' => word.push_str("%%"),
            _ => word.push(c),
        }
    }
    word.push('"');
    Some(word)
}

/// The service the timer starts: one run of `bedstretch remind`; `exe` and each of `env`
/// ("NAME=value") are [`systemd_word`]'s.
pub fn service_unit(exe: &str, env: &[String]) -> String {
    let env: String = env
        .iter()
        .map(|word| format!("Environment={word}\n"))
        .collect();
    format!(
        "# {MARKER}; `bedstretch remind uninstall` removes it.\n\
         [Unit]\n\
         Description=bedstretch: a reminder to stretch at bedtime, when it is due\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         {env}\
         ExecStart={exe} remind\n"
    )
}

/// The XDG folders this shell sets, absolute, as `(name, value)`. A scheduler's runs do not
/// have the person's shell environment, so what install writes carries them, and `remind`
/// reads the same config and history as the person does.
pub fn folder_env() -> Vec<(&'static str, std::path::PathBuf)> {
    ["XDG_CONFIG_HOME", "XDG_DATA_HOME"]
        .into_iter()
        .filter_map(|name| {
            let value = std::path::PathBuf::from(std::env::var_os(name)?);
            value.is_absolute().then_some((name, value))
        })
        .collect()
}

/// The timer: every 5 minutes, and no catching up on runs missed while the machine slept,
/// since `bedstretch remind` looks at the time itself.
pub fn timer_unit() -> String {
    format!(
        "# {MARKER}; `bedstretch remind uninstall` removes it.\n\
         [Unit]\n\
         Description=bedstretch: look every 5 minutes whether the bedtime reminder is due\n\
         \n\
         [Timer]\n\
         OnCalendar=*:0/5\n\
         Persistent=false\n\
         AccuracySec=1min\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n"
    )
}

/// The launchd agent: `exe remind` every 300 seconds.
pub fn launchd_plist(exe: &Path, env: &[(&str, std::path::PathBuf)]) -> String {
    let exe = xml_text(&exe.to_string_lossy());
    let vars: String = env
        .iter()
        .map(|(name, value)| {
            let value = xml_text(&value.to_string_lossy());
            format!("\t\t<key>{name}</key>\n\t\t<string>{value}</string>\n")
        })
        .collect();
    let env = if vars.is_empty() {
        String::new()
    } else {
        format!("\t<key>EnvironmentVariables</key>\n\t<dict>\n{vars}\t</dict>\n")
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \
         \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <!-- {MARKER}; `bedstretch remind uninstall` removes it. -->\n\
         <plist version=\"1.0\">\n\
         <dict>\n\
         \t<key>Label</key>\n\
         \t<string>{LABEL}</string>\n\
         \t<key>ProgramArguments</key>\n\
         \t<array>\n\
         \t\t<string>{exe}</string>\n\
         \t\t<string>remind</string>\n\
         \t</array>\n\
         \t<key>StartInterval</key>\n\
         \t<integer>300</integer>\n\
         {env}\
         </dict>\n\
         </plist>\n"
    )
}

/// `text` with the characters XML gives a meaning escaped.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The crontab line for a system without systemd or launchd: the path in single quotes for
/// the shell, and `%`, which cron turns into a new line, escaped.
pub fn cron_line(exe: &Path, env: &[(&str, std::path::PathBuf)]) -> String {
    let quoted = |path: &Path| {
        path.to_string_lossy()
            .replace('\'', r"'\''")
            .replace('%', r"\%")
    };
    let vars: String = env
        .iter()
        .map(|(name, value)| format!("{name}='{}' ", quoted(value)))
        .collect();
    format!("*/5 * * * * {vars}'{}' remind", quoted(exe))
}

/// The time in `systemctl show -p NextElapseUSecRealtime`'s answer, as "22:35"; None when
/// the timer has no next run.
pub fn next_look(show: &str) -> Option<String> {
    let value = show.trim().strip_prefix("NextElapseUSecRealtime=")?;
    let time = value
        .split_whitespace()
        .find(|word| word.matches(':').count() == 2)?;
    time.get(..5).map(str::to_string)
}

/// Who runs `bedstretch remind` on this system, and the folder of its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheduler {
    /// systemd user units in `$XDG_CONFIG_HOME/systemd/user`, through this `systemctl`.
    Systemd {
        /// The folder of the unit files.
        dir: PathBuf,
        /// The `systemctl` found on the PATH.
        systemctl: PathBuf,
    },
    /// A launchd agent in `~/Library/LaunchAgents` (macOS).
    Launchd {
        /// The folder of the agent's file.
        dir: PathBuf,
    },
    /// Neither: the person adds a crontab line.
    Cron,
}

impl Scheduler {
    /// The scheduler of this system: launchd on macOS; systemd where `systemctl` is on the
    /// PATH (its units beside bedstretch's config folder, `$XDG_CONFIG_HOME/systemd/user`);
    /// else cron.
    pub fn find(paths: &Paths) -> Result<Self> {
        if cfg!(target_os = "macos") {
            let home = directories::BaseDirs::new()
                .context("cannot find your home folder for ~/Library/LaunchAgents; set HOME")?;
            return Ok(Self::Launchd {
                dir: home.home_dir().join("Library/LaunchAgents"),
            });
        }
        let systemctl = crate::voice::on_path("systemctl", std::env::var_os("PATH").as_deref());
        Ok(match (systemctl, paths.config_dir.parent()) {
            (Some(systemctl), Some(config_home)) => Self::Systemd {
                dir: config_home.join("systemd/user"),
                systemctl,
            },
            _ => Self::Cron,
        })
    }
}

/// What a scheduler's tool said, when it answered within [`WAIT`].
#[derive(Debug)]
struct Answer {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs `program args` and waits for it at most [`WAIT`]; see [`ask_within`].
fn ask(program: &Path, args: &[&str]) -> Option<Answer> {
    ask_within(program, args, WAIT)
}

/// Runs `program args` and waits for it at most `wait` (then stops it); None when it could
/// not start or did not finish. Its answers are a few lines, well within a pipe's buffer, so
/// they are read once it has finished.
fn ask_within(program: &Path, args: &[&str], wait: Duration) -> Option<Answer> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let looks = wait.as_millis().div_ceil(LOOK_EVERY.as_millis());
    for _ in 0..looks {
        match child.try_wait() {
            Ok(Some(status)) => {
                let (mut stdout, mut stderr) = (String::new(), String::new());
                if let Some(pipe) = child.stdout.as_mut() {
                    let _ = pipe.read_to_string(&mut stdout);
                }
                if let Some(pipe) = child.stderr.as_mut() {
                    let _ = pipe.read_to_string(&mut stderr);
                }
                return Some(Answer {
                    ok: status.success(),
                    stdout,
                    stderr,
                });
            }
            Ok(None) => std::thread::sleep(LOOK_EVERY),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// `systemctl --user ARGS`, as the person would type it.
fn user_command(args: &[&str]) -> String {
    format!("systemctl --user {}", args.join(" "))
}

/// A systemd user manager answers: without one (a container, ssh without lingering) the
/// units can only be written.
fn manager_answers(systemctl: &Path) -> bool {
    ask(systemctl, &["--user", "show-environment"]).is_some_and(|a| a.ok)
}

/// Whether a file at `path` is there, and whether bedstretch wrote it. Only a regular file
/// of a sensible size holding [`MARKER`] is bedstretch's: a link (to a unit the system
/// ships, say) or a folder is left alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Nothing there.
    Missing,
    /// A file `remind install` wrote.
    Ours,
    /// Something else, which bedstretch never replaces or removes.
    Foreign,
}

impl Written {
    /// What is at `path`.
    pub fn at(path: &Path) -> Self {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return Self::Missing;
        };
        if !meta.is_file() || meta.len() > 64 * 1024 {
            return Self::Foreign;
        }
        match std::fs::read_to_string(path) {
            Ok(text) if text.lines().take(4).any(|line| line.contains(MARKER)) => Self::Ours,
            _ => Self::Foreign,
        }
    }
}

/// `bedstretch remind install`.
pub fn install(paths: &Paths, out: &mut impl Write) -> Result<ExitCode> {
    let exe = std::env::current_exe().context("cannot tell where this bedstretch is")?;
    match Scheduler::find(paths)? {
        Scheduler::Systemd { dir, systemctl } => install_systemd(&dir, &systemctl, &exe, out),
        Scheduler::Launchd { dir } => install_launchd(&dir, &exe, out),
        Scheduler::Cron => {
            writeln!(
                out,
                "No systemd here, so bedstretch sets nothing up itself. To be reminded, add \
                 this line to your crontab (`crontab -e`):\n\n{}",
                cron_line(&exe, &folder_env())
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes `files` (path, text) into `dir`, after making sure none of them is someone else's.
fn write_ours(dir: &Path, files: &[(PathBuf, String)], out: &mut impl Write) -> Result<()> {
    for (path, _) in files {
        if Written::at(path) == Written::Foreign {
            bail!(
                "{} is there and was not written by bedstretch; move it aside first",
                clean_path(path)
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", clean_path(dir)))?;
    for (path, text) in files {
        write_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", clean_path(path)))?;
        writeln!(out, "Wrote {}", clean_path(path))?;
    }
    Ok(())
}

fn install_systemd(
    dir: &Path,
    systemctl: &Path,
    exe: &Path,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let Some(word) = systemd_word(exe) else {
        bail!(
            "this bedstretch is at {}, a path a systemd unit cannot name (a $, a control \
             character or not UTF-8); move it elsewhere, or run it from cron: {}",
            clean_path(exe),
            cron_line(exe, &folder_env())
        );
    };
    let mut env = Vec::new();
    for (name, value) in folder_env() {
        let mut assignment = std::ffi::OsString::from(format!("{name}="));
        assignment.push(&value);
        let Some(word) = systemd_word(Path::new(&assignment)) else {
            bail!(
                "{name} is {}, a path a systemd unit cannot name (a $, a control character or \
                 not UTF-8); run bedstretch from cron instead: {}",
                clean_path(&value),
                cron_line(exe, &folder_env())
            );
        };
        env.push(word);
    }
    let files = [
        (dir.join(SERVICE), service_unit(&word, &env)),
        (dir.join(TIMER), timer_unit()),
    ];
    write_ours(dir, &files, out)?;
    let steps: [&[&str]; 2] = [&["daemon-reload"], &["enable", "--now", TIMER]];
    if !manager_answers(systemctl) {
        writeln!(
            out,
            "No systemd user manager answered (in a container, or over ssh without lingering), \
             so the timer is not on yet. Where one runs, turn it on with:"
        )?;
        for step in steps {
            writeln!(out, "  {}", user_command(step))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    for step in steps {
        if !run_step(systemctl, step, out)? {
            return Ok(ExitCode::FAILURE);
        }
    }
    writeln!(
        out,
        "The timer is on: every 5 minutes `bedstretch remind` looks whether it is time."
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `systemctl --user STEP` and says so; false (with the reason on stderr) when it failed.
fn run_step(systemctl: &Path, step: &[&str], out: &mut impl Write) -> Result<bool> {
    let mut args = vec!["--user"];
    args.extend_from_slice(step);
    let command = user_command(step);
    match ask(systemctl, &args) {
        Some(answer) if answer.ok => {
            writeln!(out, "Ran {command}")?;
            Ok(true)
        }
        answer => {
            let why = answer.map_or_else(
                || format!("no answer within {} seconds", WAIT.as_secs()),
                |a| crate::core::text::clean_line(&a.stderr),
            );
            eprintln!("bedstretch: `{command}` failed: {why}");
            Ok(false)
        }
    }
}

fn install_launchd(dir: &Path, exe: &Path, out: &mut impl Write) -> Result<ExitCode> {
    let plist = dir.join(format!("{LABEL}.plist"));
    write_ours(
        dir,
        &[(plist.clone(), launchd_plist(exe, &folder_env()))],
        out,
    )?;
    let launchctl = Path::new("launchctl");
    let path = plist.to_string_lossy();
    // A loaded agent keeps its old arguments until it is unloaded.
    let _ = ask(launchctl, &["unload", &path]);
    match ask(launchctl, &["load", "-w", &path]) {
        Some(answer) if answer.ok => {
            writeln!(out, "Ran launchctl load -w {path}")?;
            Ok(ExitCode::SUCCESS)
        }
        _ => {
            eprintln!("bedstretch: `launchctl load -w {path}` failed; run it yourself");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `bedstretch remind uninstall`.
pub fn uninstall(paths: &Paths, out: &mut impl Write) -> Result<ExitCode> {
    match Scheduler::find(paths)? {
        Scheduler::Systemd { dir, systemctl } => uninstall_systemd(&dir, &systemctl, out),
        Scheduler::Launchd { dir } => uninstall_launchd(&dir, out),
        Scheduler::Cron => {
            writeln!(
                out,
                "Nothing to remove: without systemd, bedstretch sets nothing up. If you added \
                 its line to your crontab, remove it with `crontab -e`."
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Removes the files at `files` that bedstretch wrote, saying which; the others are named
/// and left. Returns how many were removed.
fn remove_ours(files: &[PathBuf], out: &mut impl Write) -> Result<usize> {
    let mut removed = 0;
    for path in files {
        match Written::at(path) {
            Written::Ours => {
                std::fs::remove_file(path)
                    .with_context(|| format!("cannot remove {}", clean_path(path)))?;
                writeln!(out, "Removed {}", clean_path(path))?;
                removed += 1;
            }
            Written::Foreign => writeln!(
                out,
                "Left {}: bedstretch did not write it",
                clean_path(path)
            )?,
            Written::Missing => {}
        }
    }
    Ok(removed)
}

fn uninstall_systemd(dir: &Path, systemctl: &Path, out: &mut impl Write) -> Result<ExitCode> {
    let timer = dir.join(TIMER);
    let files = [timer.clone(), dir.join(SERVICE)];
    if !files.iter().any(|f| Written::at(f) == Written::Ours) {
        writeln!(
            out,
            "Nothing to remove: no reminder timer from bedstretch in {}.",
            clean_path(dir)
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let answers = manager_answers(systemctl);
    let mut code = ExitCode::SUCCESS;
    if answers && Written::at(&timer) == Written::Ours {
        if !run_step(systemctl, &["disable", "--now", TIMER], out)? {
            code = ExitCode::FAILURE;
        }
    } else if !answers {
        unlink_wants(dir, &timer, out)?;
    }
    remove_ours(&files, out)?;
    if answers {
        if !run_step(systemctl, &["daemon-reload"], out)? {
            code = ExitCode::FAILURE;
        }
    } else {
        writeln!(
            out,
            "No systemd user manager answered. If the timer runs in another session, stop it \
             there with:\n  {}\n  {}",
            user_command(&["stop", TIMER]),
            user_command(&["daemon-reload"])
        )?;
    }
    Ok(code)
}

/// What `systemctl disable` would do without a manager: removes the link that `enable` made
/// in `timers.target.wants`, when it points at bedstretch's timer.
fn unlink_wants(dir: &Path, timer: &Path, out: &mut impl Write) -> Result<()> {
    let link = dir.join("timers.target.wants").join(TIMER);
    if std::fs::read_link(&link).is_ok_and(|target| target == timer) {
        std::fs::remove_file(&link)
            .with_context(|| format!("cannot remove {}", clean_path(&link)))?;
        writeln!(out, "Removed {}", clean_path(&link))?;
    }
    Ok(())
}

fn uninstall_launchd(dir: &Path, out: &mut impl Write) -> Result<ExitCode> {
    let plist = dir.join(format!("{LABEL}.plist"));
    if Written::at(&plist) != Written::Ours {
        writeln!(
            out,
            "Nothing to remove: no reminder agent from bedstretch in {}.",
            clean_path(dir)
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let path = plist.to_string_lossy();
    if ask(Path::new("launchctl"), &["unload", "-w", &path]).is_some_and(|a| a.ok) {
        writeln!(out, "Ran launchctl unload -w {path}")?;
    }
    remove_ours(std::slice::from_ref(&plist), out)?;
    Ok(ExitCode::SUCCESS)
}

/// Lines for `bedstretch remind status`: whether the system's scheduler runs the reminder,
/// and when it looks next, e.g. "timer: installed (…/bedstretch-remind.timer), enabled, next
/// look at 22:35" or "timer: not installed; `bedstretch remind install` sets it up".
pub fn installed(paths: &Paths) -> Vec<String> {
    scheduled(paths).1
}

/// [`installed`]'s lines, and whether they say the reminder runs (for `bedstretch doctor`).
pub fn scheduled(paths: &Paths) -> (TimerState, Vec<String>) {
    match Scheduler::find(paths) {
        Ok(Scheduler::Systemd { dir, systemctl }) => systemd_status(&dir, &systemctl),
        Ok(Scheduler::Launchd { dir }) => {
            let plist = dir.join(format!("{LABEL}.plist"));
            match Written::at(&plist) {
                Written::Ours => (
                    TimerState::Runs,
                    vec![format!("agent: installed ({})", clean_path(&plist))],
                ),
                _ => (
                    TimerState::Off,
                    vec![NOT_INSTALLED.replace("timer", "agent")],
                ),
            }
        }
        Ok(Scheduler::Cron) => (
            TimerState::Unknown,
            vec![
                "timer: none; without systemd, `bedstretch remind install` prints a crontab \
                 line to add"
                    .to_string(),
            ],
        ),
        Err(e) => (
            TimerState::Unknown,
            vec![format!("timer: cannot tell ({e})")],
        ),
    }
}

const NOT_INSTALLED: &str = "timer: not installed; `bedstretch remind install` sets it up";

fn systemd_status(dir: &Path, systemctl: &Path) -> (TimerState, Vec<String>) {
    let timer = dir.join(TIMER);
    let service = dir.join(SERVICE);
    let shown = clean_path(&timer);
    let (mut state, line) = match Written::at(&timer) {
        Written::Missing => return (TimerState::Off, vec![NOT_INSTALLED.to_string()]),
        Written::Foreign => (
            TimerState::Unknown,
            format!("timer: {shown} is there, but bedstretch did not write it"),
        ),
        Written::Ours if !manager_answers(systemctl) => (
            TimerState::Unknown,
            format!(
                "timer: installed ({shown}); no systemd user manager answered, so whether it \
                 runs is not known"
            ),
        ),
        Written::Ours => {
            let (state, words) = timer_state(systemctl);
            (state, format!("timer: installed ({shown}), {words}"))
        }
    };
    let mut lines = vec![line];
    if Written::at(&service) == Written::Missing {
        state = TimerState::Off;
        lines.push(format!(
            "service: {} is missing; `bedstretch remind install` writes it again",
            clean_path(&service)
        ));
    }
    (state, lines)
}

/// "enabled, next look at 22:35", or what is off.
fn timer_state(systemctl: &Path) -> (TimerState, String) {
    let ask_user = |args: &[&str]| {
        let mut all = vec!["--user"];
        all.extend_from_slice(args);
        ask(systemctl, &all).map(|a| a.stdout.trim().to_string())
    };
    let enabled = ask_user(&["is-enabled", TIMER]).unwrap_or_default();
    if enabled != "enabled" {
        return (
            TimerState::Off,
            format!(
                "not enabled; `{}` turns it on",
                user_command(&["enable", "--now", TIMER])
            ),
        );
    }
    let show = ask_user(&["show", TIMER, "-p", "NextElapseUSecRealtime"]);
    match show.as_deref().and_then(next_look) {
        Some(time) => (TimerState::Runs, format!("enabled, next look at {time}")),
        None => (
            TimerState::Off,
            format!(
                "enabled but not running; `{}` starts it",
                user_command(&["start", TIMER])
            ),
        ),
    }
}

#[cfg(test)]
#[path = "remind_install_tests.rs"]
mod tests;
