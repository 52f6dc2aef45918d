//! The palette of the full screens: chosen before the first frame from the config, the
//! environment and what this terminal did last time; corrected by the terminal's answer, if
//! it gives one; and what it did remembered for the next start.

use std::path::PathBuf;

use chrono::NaiveDate;
use std::time::Duration;

use crate::clock::{Clock, SystemClock};
use crate::core::background::{Clues, Remembered, Rgb, ThemeChoice, shade_of};
use crate::core::config::{Config, ThemeName};
use crate::store::{paths, terminal_memory};
use crate::tui::theme::Theme;

/// A terminal asked this long ago without answering is taken to be silent; one left sooner
/// may only have been slow, and is asked again next time.
const PATIENCE: Duration = Duration::from_secs(2);

/// When the screens close this soon after the question, the answer is waited for until this
/// long after it, and everything the terminal sends meanwhile dropped; otherwise an answer
/// still on its way is typed into the shell. Half a second covers a round trip over ssh
/// between continents or on a busy mobile link (100 to 300 ms) with room for tmux and a slow
/// terminal; a terminal that never answers costs at most that, and only to someone who quits
/// within half a second of the start.
pub const LAST_CALL: Duration = Duration::from_millis(500);

/// The palette for the screens, and whether and where to keep what the terminal does.
pub struct ScreenTheme {
    /// What the first frame uses, and why.
    pub choice: ThemeChoice,
    /// Whether to ask the terminal for its background.
    pub ask: bool,
    /// The cache folder and who this terminal is, when `auto` needs them.
    memory: Option<(PathBuf, String)>,
    /// The local date, which dates a silence.
    today: NaiveDate,
}

/// The choice and why, in one line, as the screens would make it now ("auto: no answer yet:
/// night"); `full_screen` false for a command that draws no screen.
pub fn theme_choice(config: &Config, full_screen: bool) -> String {
    let today = SystemClock::new().wall().date_naive();
    ScreenTheme::first(config, full_screen, today)
        .choice
        .words()
}

impl ScreenTheme {
    /// The choice before the first frame, on the local date `today`. Nothing here waits on
    /// the terminal.
    pub fn first(config: &Config, full_screen: bool, today: NaiveDate) -> Self {
        let var = |name: &str| std::env::var(name).ok();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let auto = config.theme == ThemeName::Auto && !no_color;
        let memory = auto
            .then(paths::cache_dir)
            .flatten()
            .map(|dir| (dir, terminal_memory::identity(var)));
        let colorfgbg = var("COLORFGBG");
        let (choice, ask) = ThemeChoice::first(Clues {
            named: config.theme,
            no_color,
            full_screen,
            colorfgbg: colorfgbg.as_deref(),
            remembered: memory
                .as_ref()
                .and_then(|(dir, who)| terminal_memory::recall(dir, who, today)),
        });
        Self {
            choice,
            ask,
            memory,
            today,
        }
    }

    /// The palette of the first frame.
    pub fn theme(&self) -> Theme {
        self.choice.shade.map_or_else(Theme::plain, Theme::new)
    }

    /// After the screens: the answer, if one came, or, when the terminal had long enough,
    /// that it stayed silent. A cache that cannot be written costs a question next time.
    pub fn remember(&self, answer: Option<Rgb>, asked_for: Duration) {
        let Some((dir, who)) = self.memory.as_ref().filter(|_| self.ask) else {
            return;
        };
        let what = match answer {
            Some(rgb) => Remembered::Answered(shade_of(rgb)),
            None if asked_for >= PATIENCE => Remembered::Silent,
            None => return,
        };
        let _ = terminal_memory::remember(dir, who, what, self.today);
    }
}
