//! The home screen's model: the routines to choose from, tonight's status, the streak and the
//! recent sessions. Pure, like the session's: keys arrive as actions, time as an argument.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::core::calendar::{Rules, last_night, night_of};
use crate::core::stats::{SessionFacts, Stats};
use crate::core::streaks::Broken;
use crate::core::worth_discussing;

use super::cramp_stats::CrampStats;
use super::diary::{DiaryEffect, Foot, MorningPrompt, Reply};
use super::known::Known;
use super::trial_line::trial_line;
use super::trial_page::StatsPage;

/// One routine as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineRow {
    /// Its id, to start it.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Total time in seconds.
    pub total_secs: u64,
    /// [`MARK_YOURS`] for the person's own, [`MARK_OVERRIDE`] for their version of a bundled
    /// one, empty for bundled.
    pub mark: &'static str,
}

/// The mark of a routine the person made, in their own folder.
pub const MARK_YOURS: &str = "yours";
/// The mark of the person's own version of a bundled routine, used in its place.
pub const MARK_OVERRIDE: &str = "your copy";

/// What a new routine is called before the person renames its file.
const NEW_ID: &str = "my-routine";
/// The longest routine id.
const MAX_ID_CHARS: usize = 40;

/// What a key asks of the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeAction {
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move the selection a page up.
    PageUp,
    /// Move the selection a page down.
    PageDown,
    /// Select the first routine.
    First,
    /// Select the last routine.
    Last,
    /// Show or hide the problems found at start, in full.
    Problems,
    /// Start the selected routine.
    Start,
    /// Edit the selected routine.
    Edit,
    /// Make a new routine.
    New,
    /// Copy the selected routine under a new id, and edit the copy.
    Copy,
    /// Show or hide the stats.
    Stats,
    /// Show or hide the keys.
    Help,
    /// Back from stats or help, or leave.
    Back,
    /// Leave bedstretch.
    Quit,
    /// The morning question's answer: 0 no cramps, 1-10 how bad.
    Severity(u8),
    /// The morning question's second answer: how many cramps (4 for 4 or more); `None`
    /// leaves it unsaid.
    Count(Option<u32>),
    /// The morning question's last answer: which foot.
    Foot(Foot),
    /// Say nothing about last night, and do not ask again.
    SkipNight,
    /// Pause the nights since the streak broke, when home offers it.
    Pause,
    /// Put the morning question away for now.
    Later,
}

/// Which view of home is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomePage {
    /// Routines, tonight, streak, heatmap, recent sessions.
    Main,
    /// The stats in words and a larger heatmap.
    Stats,
    /// The keys.
    Help,
    /// Every problem found at start, in full.
    Problems,
}

/// What the last frame had room for, which only the view knows: paging moves by a screenful
/// and the problems stop scrolling at their end. The loop reports it after each frame that
/// changed it ([`crate::app::Msg::Drawn`]); the view itself never writes to the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    /// Rows the routine list had.
    pub list_rows: usize,
    /// Rows the problems panel had.
    pub panel_rows: usize,
    /// Lines the problems take, wrapped to the panel's width.
    pub panel_lines: usize,
}

impl Default for Drawn {
    /// Before the first frame: a page of five, and no known end.
    fn default() -> Self {
        Self {
            list_rows: 5,
            panel_rows: 5,
            panel_lines: usize::MAX,
        }
    }
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeEffect {
    /// Run a session of this routine, then come back.
    Start(String),
    /// Open the editor on routine `id`, starting from routine `from`'s text (a new routine's
    /// when `None`).
    Edit {
        /// The id it will be saved as.
        id: String,
        /// The routine whose text to start from.
        from: Option<String>,
    },
    /// Leave.
    Exit,
    /// Write the morning question's answer.
    Diary(DiaryEffect),
    /// Pause the nights `from` to `until`: the streak broke and the person was away.
    Pause {
        /// The first night paused.
        from: NaiveDate,
        /// The last night paused.
        until: NaiveDate,
    },
}

/// The history as home knows it: loading, loaded, or failed to load.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryState {
    /// Being read in the background.
    Loading,
    /// Read; stats are derived from these facts.
    Loaded(Known),
    /// Could not be read; said plainly, never shown as an empty history.
    Failed(String),
}

/// The whole home screen.
#[derive(Debug)]
pub struct HomeApp {
    /// Routines to choose from.
    pub routines: Vec<RoutineRow>,
    /// The index of the selected one.
    pub selected: usize,
    /// Which view shows.
    pub page: HomePage,
    /// The history.
    pub history: HistoryState,
    /// Stats as of the last tick; `None` until the history is read.
    pub stats: Option<Stats>,
    /// The cramp comparison and strip, worked out with `stats`; `None` until then.
    pub cramps: Option<CrampStats>,
    /// Which page of the stats shows; the trial's only while there is a trial.
    pub stats_page: StatsPage,
    /// Where the person stands in a personal trial, longest wording first, worked out with
    /// `stats`; empty when there is none (or it ended over a week ago).
    pub trial: Vec<String>,
    /// True when a night of the last week is worth showing a doctor, worked out with `stats`.
    pub worth_discussing: bool,
    /// The streak that broke lately, which a pause of the nights since would make whole;
    /// worked out with `stats`.
    pub broken: Option<Broken>,
    /// A line for the status bar: the last thing worth telling, such as a session that was
    /// not recorded.
    pub status: Option<String>,
    /// Problems found at start, each in full: the config, broken routines, history lines
    /// that were skipped.
    pub problems: Vec<String>,
    /// The first line of the problems panel on screen.
    pub problems_top: usize,
    /// The morning question, while it is asked.
    pub prompt: Option<MorningPrompt>,
    /// Nights already asked about since home opened: the question comes once.
    asked: Vec<NaiveDate>,
    morning_ends_at: NaiveTime,
    drawn: Drawn,
    rules: Rules,
}

impl HomeApp {
    /// Home with these routines; the one called `default` is selected.
    pub fn new(routines: Vec<RoutineRow>, default: &str, rules: Rules) -> Self {
        let selected = routines.iter().position(|r| r.id == default).unwrap_or(0);
        Self {
            routines,
            selected,
            page: HomePage::Main,
            history: HistoryState::Loading,
            stats: None,
            cramps: None,
            stats_page: StatsPage::Cramps,
            trial: Vec::new(),
            worth_discussing: false,
            broken: None,
            status: None,
            problems: Vec::new(),
            problems_top: 0,
            prompt: None,
            asked: Vec::new(),
            morning_ends_at: NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN),
            drawn: Drawn::default(),
            rules,
        }
    }

    /// The history arrived (or failed), with the lines it skipped; stats follow at `now`.
    pub fn set_history(
        &mut self,
        history: HistoryState,
        warnings: Vec<String>,
        now: DateTime<FixedOffset>,
    ) {
        if let HistoryState::Loaded(known) = &history {
            self.rules = std::mem::take(&mut self.rules).paused_by(&known.pauses);
        }
        self.history = history;
        for warning in warnings {
            if !self.problems.contains(&warning) {
                self.problems.push(warning);
            }
        }
        self.stats = None;
        self.cramps = None;
        self.trial.clear();
        self.worth_discussing = false;
        self.tick(now);
    }

    /// Until when, after the rollover, the morning question is asked (default noon).
    pub fn with_morning_ends_at(mut self, time: NaiveTime) -> Self {
        self.morning_ends_at = time;
        self
    }

    /// Recomputes "tonight" and the streak, so a screen left open past the rollover rolls
    /// over, and asks the morning question when it comes due.
    pub fn tick(&mut self, now: DateTime<FixedOffset>) {
        if let HistoryState::Loaded(known) = &self.history {
            let tonight = night_of(now, self.rules.day_starts_at);
            if self.stats.as_ref().is_none_or(|s| s.tonight != tonight) {
                let stats = Stats::compute(&known.sessions, &self.rules, now);
                self.cramps = Some(CrampStats::compute(known, &stats, &self.rules));
                self.trial = trial_line(known, &self.rules, tonight, stats.tonight_kept, |id| {
                    let row = self.routines.iter().find(|r| r.id == id);
                    row.map(|r| r.name.as_str())
                });
                let last = last_night(now, self.rules.day_starts_at);
                self.worth_discussing = worth_discussing::lately(&known.cramps, last);
                self.broken = stats.broken();
                self.stats = Some(stats);
            }
            if self.prompt.is_none() {
                let due = MorningPrompt::due(known, &self.rules, self.morning_ends_at, now)
                    .filter(|p| !self.asked.contains(&p.night));
                if let Some(prompt) = due {
                    self.asked.push(prompt.night);
                    self.prompt = Some(prompt);
                }
            }
        }
    }

    /// Answers the morning question, if `action` is an answer to it: `Some` with what to do
    /// when it was one, `None` when the action is for the rest of home.
    fn answer(&mut self, action: HomeAction) -> Option<Option<HomeEffect>> {
        let prompt = self.prompt.as_mut()?;
        let reply = match action {
            HomeAction::Severity(severity) => Reply::Severity(severity),
            HomeAction::Count(count) => Reply::Count(count),
            HomeAction::Foot(foot) => Reply::Foot(foot),
            HomeAction::SkipNight => Reply::SkipNight,
            HomeAction::Later => Reply::Later,
            _ => Reply::Other,
        };
        let replied = prompt.reply(reply);
        if replied.status.is_some() {
            self.status = replied.status;
        }
        if replied.closed {
            self.prompt = None;
        }
        replied.taken.then(|| replied.effect.map(HomeEffect::Diary))
    }

    /// The last few sessions, newest first.
    pub fn recent(&self, count: usize) -> Vec<&SessionFacts> {
        match &self.history {
            HistoryState::Loaded(known) => known.sessions.iter().rev().take(count).collect(),
            _ => Vec::new(),
        }
    }

    /// The streak rules in force.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// What the last frame had room for.
    pub fn drawn(&self) -> Drawn {
        self.drawn
    }

    /// What the last frame had room for, as the loop reports it; see [`Drawn`].
    pub fn set_drawn(&mut self, drawn: Drawn) {
        self.drawn = drawn;
    }

    /// The routines as they are now; the selection stays on `keep`, or on the routine it was
    /// on, when it is still listed.
    pub fn set_routines(&mut self, routines: Vec<RoutineRow>, keep: Option<&str>) {
        let keep = keep
            .map(str::to_string)
            .or_else(|| self.routines.get(self.selected).map(|r| r.id.clone()));
        self.routines = routines;
        let at = keep.and_then(|id| self.routines.iter().position(|r| r.id == id));
        self.selected = at.unwrap_or(self.selected.min(self.routines.len().saturating_sub(1)));
    }

    /// The first of `base`, `base-2`, `base-3`… that no listed routine has, cut so that it
    /// stays a valid id.
    fn free_id(&self, base: &str, first_suffix: bool) -> String {
        let taken = |id: &str| self.routines.iter().any(|r| r.id == id);
        (1..)
            .map(|n| {
                let suffix = match n {
                    1 if !first_suffix => String::new(),
                    1 => "-copy".to_string(),
                    n if first_suffix => format!("-copy-{n}"),
                    n => format!("-{n}"),
                };
                let room = MAX_ID_CHARS.saturating_sub(suffix.len());
                let stem: String = base.chars().take(room).collect();
                format!("{}{suffix}", stem.trim_end_matches('-'))
            })
            .find(|id| !taken(id))
            .unwrap_or_else(|| base.to_string())
    }

    /// Handles a key.
    pub fn update(&mut self, action: HomeAction) -> Option<HomeEffect> {
        if self.page == HomePage::Main
            && let Some(effect) = self.answer(action)
        {
            return effect;
        }
        match (self.page, action) {
            (_, HomeAction::Quit) => return Some(HomeEffect::Exit),
            // The morning question's keys, when it is not asked.
            (
                _,
                HomeAction::Severity(_)
                | HomeAction::Count(_)
                | HomeAction::Foot(_)
                | HomeAction::SkipNight
                | HomeAction::Later,
            ) => {}
            (HomePage::Main, _) => return self.on_main(action),
            (
                HomePage::Problems,
                HomeAction::Up
                | HomeAction::PageUp
                | HomeAction::First
                | HomeAction::Down
                | HomeAction::PageDown
                | HomeAction::Last,
            ) => self.scroll_problems(action),
            (HomePage::Stats, HomeAction::Help) => self.page = HomePage::Help,
            // The stats have a second page, the trial's, while a trial exists.
            (HomePage::Stats, HomeAction::PageDown)
                if self.cramps.as_ref().is_some_and(|c| c.trial.is_some()) =>
            {
                self.stats_page = StatsPage::Trial;
            }
            (HomePage::Stats, HomeAction::PageUp) if self.stats_page == StatsPage::Trial => {
                self.stats_page = StatsPage::Cramps;
            }
            (HomePage::Stats | HomePage::Help | HomePage::Problems, _) => {
                self.page = HomePage::Main;
            }
        }
        None
    }

    /// A key on the main page: move the selection, open another page, or leave for a routine.
    fn on_main(&mut self, action: HomeAction) -> Option<HomeEffect> {
        // A page keeps one row of the last one in sight, so the eye can follow.
        let list_page = self.drawn.list_rows.saturating_sub(1).max(1);
        let last = self.routines.len().saturating_sub(1);
        match action {
            HomeAction::Back | HomeAction::Quit => return Some(HomeEffect::Exit),
            HomeAction::Up => self.selected = self.selected.saturating_sub(1),
            HomeAction::Down => self.selected = (self.selected + 1).min(last),
            HomeAction::PageUp => self.selected = self.selected.saturating_sub(list_page),
            HomeAction::PageDown => {
                self.selected = self.selected.saturating_add(list_page).min(last);
            }
            HomeAction::First => self.selected = 0,
            HomeAction::Last => self.selected = last,
            HomeAction::Problems => {
                if !self.problems.is_empty() {
                    self.problems_top = 0;
                    self.page = HomePage::Problems;
                }
            }
            HomeAction::Start | HomeAction::Edit | HomeAction::Copy | HomeAction::New => {
                return self.open(action);
            }
            HomeAction::Stats => {
                self.page = HomePage::Stats;
                self.stats_page = StatsPage::Cramps;
            }
            HomeAction::Help => self.page = HomePage::Help,
            // Once: the offer goes until the history, read again, shows the streak whole.
            HomeAction::Pause => {
                let broken = self.broken.take()?;
                return Some(HomeEffect::Pause {
                    from: broken.from,
                    until: broken.until,
                });
            }
            // Answered by the morning question, or nothing when it is not asked.
            HomeAction::Severity(_)
            | HomeAction::Count(_)
            | HomeAction::Foot(_)
            | HomeAction::SkipNight
            | HomeAction::Later => {}
        }
        None
    }

    /// Where the selected routine goes: a session, the editor, the editor on a copy; or the
    /// editor on a new routine.
    fn open(&self, action: HomeAction) -> Option<HomeEffect> {
        let selected = self.routines.get(self.selected);
        match action {
            HomeAction::Start => selected.map(|r| HomeEffect::Start(r.id.clone())),
            HomeAction::Edit => selected.map(|r| HomeEffect::Edit {
                id: r.id.clone(),
                from: Some(r.id.clone()),
            }),
            HomeAction::Copy => selected.map(|r| HomeEffect::Edit {
                id: self.free_id(&r.id, true),
                from: Some(r.id.clone()),
            }),
            HomeAction::New => Some(HomeEffect::Edit {
                id: self.free_id(NEW_ID, false),
                from: None,
            }),
            _ => None,
        }
    }

    /// Scrolls the problems page by a line, a panel or to an end.
    fn scroll_problems(&mut self, action: HomeAction) {
        let drawn = self.drawn;
        let step = match action {
            HomeAction::Up | HomeAction::Down => 1,
            HomeAction::PageUp | HomeAction::PageDown => drawn.panel_rows.saturating_sub(1).max(1),
            _ => usize::MAX,
        };
        if matches!(
            action,
            HomeAction::Up | HomeAction::PageUp | HomeAction::First
        ) {
            self.problems_top = self.problems_top.saturating_sub(step);
        } else {
            // Stops where the last line reaches the bottom, as the view would show it.
            let end = drawn.panel_lines.saturating_sub(drawn.panel_rows);
            self.problems_top = self.problems_top.saturating_add(step).min(end);
        }
    }
}

#[cfg(test)]
#[path = "home_tests.rs"]
mod tests;
