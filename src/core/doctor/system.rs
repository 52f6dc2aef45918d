//! The checks of what bedstretch uses from the system: the speaker, the sound player, the
//! notification service and the timer of the reminder, and the terminal.

use std::path::PathBuf;

use super::finding::Finding;

/// A program that was looked for: found, or why not in words for the person.
pub type Found = Result<PathBuf, String>;

/// What the spoken cues need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The config's `voice`.
    pub voice: bool,
    /// True when the config names a `voice_command` of the person's own.
    pub own_command: bool,
    /// The speaker found, or why none.
    pub found: Found,
}

/// A missing speaker is a problem only when the cues are asked for.
pub fn speaker(speaker: &Speaker) -> Finding {
    match (&speaker.found, speaker.voice) {
        (Ok(program), true) => {
            Finding::ok("speaker", format!("{} speaks the cues", program.display()))
        }
        (Ok(program), false) => Finding::info(
            "speaker",
            format!(
                "off (voice = false); {} would speak the cues",
                program.display()
            ),
        ),
        (Err(_), false) => Finding::info("speaker", "off (voice = false), and none is installed"),
        (Err(why), true) if speaker.own_command => Finding::problem(
            "speaker",
            why.clone(),
            "mend voice_command in the config, or set voice = false",
        ),
        (Err(why), true) => Finding::problem_said("speaker", why.clone()),
    }
}

/// What the sounds need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// The config's `sound`.
    pub sound: bool,
    /// True when the person asked for the sounds themselves: `sound = true` written in the
    /// config, or a `sound_command` of their own.
    pub asked: bool,
    /// True when the session would run over ssh, where a player sounds on the far side.
    pub over_ssh: bool,
    /// The player found, or why none.
    pub found: Found,
}

/// A missing player is a problem only when the person asked for the sounds on this machine;
/// by default the terminal bell stands in, as it does over ssh.
pub fn player(player: &Player) -> Finding {
    if !player.sound {
        return Finding::info(
            "player",
            "off (sound = false); the terminal bell marks the moments",
        );
    }
    if player.over_ssh {
        return Finding::info(
            "player",
            "over ssh the sounds would play on this machine, not where you are, so the terminal \
             bell marks the moments; `bedstretch run --sound` plays them here anyway",
        );
    }
    match &player.found {
        Ok(program) => Finding::ok("player", format!("{} plays the sounds", program.display())),
        Err(why) if player.asked => Finding::problem_said("player", why.clone()),
        Err(why) => Finding::info("player", why.clone()),
    }
}

/// The reminder's notification service: asked only when `remind_at` is set.
pub fn notifications(remind_at: Option<&str>, service: Option<&Result<String, String>>) -> Finding {
    let (Some(at), Some(service)) = (remind_at, service) else {
        return Finding::info("notifications", "not asked: remind_at is not set");
    };
    match service {
        Ok(server) => Finding::ok("notifications", format!("{server} answers")),
        Err(why) => Finding::problem(
            "notifications",
            why.clone(),
            format!(
                "the reminder at {at} needs one: a desktop session, or a notifier such as dunst \
                 or mako on the session bus"
            ),
        ),
    }
}

/// Whether the system's scheduler runs `bedstretch remind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerState {
    /// Installed and due to run.
    Runs,
    /// Cannot be told: no user manager answers, a file bedstretch did not write, or cron.
    Unknown,
    /// Not installed, not enabled, or missing a part.
    Off,
}

/// The reminder's timer, as `remind status` says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    /// How it stands.
    pub state: TimerState,
    /// What `remind status` says of it, with what to do.
    pub words: String,
}

/// The reminder's timer: looked at only when `remind_at` is set.
pub fn timer(remind_at: Option<&str>, timer: Option<&Timer>) -> Finding {
    let (Some(_), Some(timer)) = (remind_at, timer) else {
        return Finding::info("timer", "not looked at: remind_at is not set");
    };
    let words = timer.words.clone();
    match timer.state {
        TimerState::Runs => Finding::ok("timer", words),
        TimerState::Unknown => Finding::info("timer", words),
        TimerState::Off => Finding::problem_said("timer", words),
    }
}

/// The terminal the command runs in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Columns and rows; `None` when standard output is not a terminal.
    pub size: Option<(u16, u16)>,
    /// `TERM`.
    pub term: Option<String>,
    /// `COLORTERM`.
    pub colorterm: Option<String>,
    /// True when `NO_COLOR` is set.
    pub no_color: bool,
    /// Why a session here would run in plain mode, if it would.
    pub plain: Option<String>,
}

/// The terminal's size and colours: information, since plain mode stands in for a terminal
/// that cannot show the full screen.
pub fn terminal(terminal: &Terminal) -> Finding {
    let colours = colours(terminal);
    let Some((cols, rows)) = terminal.size else {
        return Finding::info(
            "terminal",
            format!("standard output is not a terminal, so its size is not known; {colours}"),
        );
    };
    match &terminal.plain {
        Some(why) => Finding::info(
            "terminal",
            format!("{cols}x{rows}, {colours}; sessions run in plain mode here: {why}"),
        ),
        None => Finding::ok("terminal", format!("{cols}x{rows}, {colours}")),
    }
}

/// The colours the screens may use, and the variable that says so.
fn colours(terminal: &Terminal) -> String {
    let term = terminal.term.as_deref().filter(|t| !t.is_empty());
    let colorterm = terminal.colorterm.as_deref().unwrap_or_default();
    if terminal.no_color {
        return "no colour (NO_COLOR is set)".to_string();
    }
    if matches!(colorterm, "truecolor" | "24bit") {
        return format!("24-bit colour (COLORTERM={colorterm})");
    }
    match term {
        None => "TERM is not set".to_string(),
        Some("dumb") => "no colour (TERM=dumb)".to_string(),
        Some(term) if term.contains("256color") => format!("256 colours (TERM={term})"),
        Some(term) => format!("16 colours (TERM={term})"),
    }
}

#[cfg(test)]
#[path = "system_tests.rs"]
mod tests;
