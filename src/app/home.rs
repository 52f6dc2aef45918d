//! The home screen's model: the routines to choose from, tonight's status, the streak and the
//! recent sessions. Pure, like the session's: keys arrive as actions, time as an argument.

use chrono::{DateTime, FixedOffset};

use crate::core::stats::{Rules, SessionFacts, Stats, night_of};

/// One routine as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineRow {
    /// Its id, to start it.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Total time in seconds.
    pub total_secs: u64,
    /// "yours" for the person's own, empty for bundled.
    pub mark: &'static str,
}

/// What a key asks of the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeAction {
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Start the selected routine.
    Start,
    /// Show or hide the stats.
    Stats,
    /// Show or hide the keys.
    Help,
    /// Back from stats or help, or leave.
    Back,
    /// Leave bedstretch.
    Quit,
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
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeEffect {
    /// Run a session of this routine, then come back.
    Start(String),
    /// Leave.
    Exit,
}

/// The history as home knows it: loading, loaded, or failed to load.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryState {
    /// Being read in the background.
    Loading,
    /// Read; stats are derived from these facts.
    Loaded(Vec<SessionFacts>),
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
    /// A line for the status bar: the last thing worth telling, such as a session that was
    /// not recorded.
    pub status: Option<String>,
    /// Problems found at start, each in full: the config, broken routines, history lines
    /// that were skipped.
    pub problems: Vec<String>,
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
            status: None,
            problems: Vec::new(),
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
        self.history = history;
        for warning in warnings {
            if !self.problems.contains(&warning) {
                self.problems.push(warning);
            }
        }
        self.stats = None;
        self.tick(now);
    }

    /// Recomputes "tonight" and the streak, so a screen left open past the rollover rolls over.
    pub fn tick(&mut self, now: DateTime<FixedOffset>) {
        if let HistoryState::Loaded(facts) = &self.history {
            let tonight = night_of(now, self.rules.day_starts_at);
            if self.stats.as_ref().is_none_or(|s| s.tonight != tonight) {
                self.stats = Some(Stats::compute(facts, &self.rules, now));
            }
        }
    }

    /// The last few sessions, newest first.
    pub fn recent(&self, count: usize) -> Vec<&SessionFacts> {
        match &self.history {
            HistoryState::Loaded(facts) => facts.iter().rev().take(count).collect(),
            _ => Vec::new(),
        }
    }

    /// The streak rules in force.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Handles a key.
    pub fn update(&mut self, action: HomeAction) -> Option<HomeEffect> {
        match (self.page, action) {
            (_, HomeAction::Quit) => return Some(HomeEffect::Exit),
            (HomePage::Main, HomeAction::Back) => return Some(HomeEffect::Exit),
            (HomePage::Main, HomeAction::Up) => self.selected = self.selected.saturating_sub(1),
            (HomePage::Main, HomeAction::Down) => {
                self.selected = (self.selected + 1).min(self.routines.len().saturating_sub(1));
            }
            (HomePage::Main, HomeAction::Start) => {
                return self
                    .routines
                    .get(self.selected)
                    .map(|r| HomeEffect::Start(r.id.clone()));
            }
            (HomePage::Main, HomeAction::Stats) => self.page = HomePage::Stats,
            (HomePage::Main, HomeAction::Help) => self.page = HomePage::Help,
            (HomePage::Stats, HomeAction::Help) => self.page = HomePage::Help,
            (HomePage::Stats | HomePage::Help, _) => self.page = HomePage::Main,
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<RoutineRow> {
        ["bedtime-feet", "in-bed", "quick"]
            .iter()
            .map(|id| RoutineRow {
                id: id.to_string(),
                name: id.to_string(),
                total_secs: 60,
                mark: "",
            })
            .collect()
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("time")
    }

    #[test]
    fn keys_move_start_and_switch_views() {
        let mut home = HomeApp::new(rows(), "in-bed", Rules::default());
        assert_eq!(home.selected, 1);
        home.update(HomeAction::Up);
        home.update(HomeAction::Up);
        assert_eq!(home.selected, 0);
        for _ in 0..5 {
            home.update(HomeAction::Down);
        }
        assert_eq!(
            home.update(HomeAction::Start),
            Some(HomeEffect::Start("quick".into()))
        );
        home.update(HomeAction::Stats);
        assert_eq!(home.page, HomePage::Stats);
        assert_eq!(
            home.update(HomeAction::Start),
            None,
            "Enter on stats goes back, not start"
        );
        assert_eq!(home.page, HomePage::Main);
        assert_eq!(home.update(HomeAction::Back), Some(HomeEffect::Exit));
    }

    #[test]
    fn tonight_rolls_over_on_a_tick() {
        let mut home = HomeApp::new(rows(), "quick", Rules::default());
        let kept = SessionFacts {
            id: "a".into(),
            routine_name: String::new(),
            started_at: at("2026-11-23T22:00:00+01:00"),
            completed: 5,
            planned: 5,
            skipped: Vec::new(),
        };
        home.set_history(
            HistoryState::Loaded(vec![kept]),
            Vec::new(),
            at("2026-11-23T23:00:00+01:00"),
        );
        assert!(home.stats.as_ref().is_some_and(|s| s.tonight_kept));
        home.tick(at("2026-11-24T03:59:00+01:00"));
        assert!(
            home.stats.as_ref().is_some_and(|s| s.tonight_kept),
            "still tonight"
        );
        home.tick(at("2026-11-24T04:00:00+01:00"));
        let stats = home.stats.as_ref().expect("stats");
        assert!(!stats.tonight_kept, "a new night, open");
        assert_eq!(stats.current_streak, 1, "last night's streak stands");
    }
}
