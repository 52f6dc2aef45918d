//! Keys as data: one table per screen, from which both dispatch and the footer hints come.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::diary::{Foot, Stage};
use crate::app::editor::EditorAction;
use crate::app::home::{HomeAction, HomeApp, HomePage};
use crate::app::session::{Action, Overlay};
use crate::app::{App, Msg, Screen};

use super::binding::{Binding, also, bind};

/// While the session runs.
pub const SESSION: &[Binding] = &[
    bind(
        &[KeyCode::Char(' ')],
        "Space",
        "pause",
        "pause or resume",
        Action::TogglePause,
    ),
    bind(
        &[KeyCode::Right, KeyCode::Char('n')],
        "→",
        "skip",
        "skip this stretch or pause",
        Action::Skip,
    ),
    bind(
        &[KeyCode::Left, KeyCode::Char('p')],
        "←",
        "back",
        "start again; near the start, go back one",
        Action::Back,
    ),
    bind(
        &[KeyCode::Char('h')],
        "h",
        "hurts",
        "this hurts: stop this stretch, go on to the next",
        Action::Hurt,
    ),
    bind(
        &[KeyCode::Char('q')],
        "q",
        "quit",
        "quit (asks first; what you did is saved)",
        Action::Quit,
    ),
    bind(
        &[KeyCode::Char('?')],
        "?",
        "help",
        "this list of keys",
        Action::Help,
    ),
];

/// While "Quit?" is asked.
pub const CONFIRM_QUIT: &[Binding] = &[
    bind(
        &[KeyCode::Char('y'), KeyCode::Enter, KeyCode::Char('q')],
        "y",
        "quit",
        "quit and save",
        Action::Yes,
    ),
    bind(
        &[KeyCode::Char('n'), KeyCode::Esc],
        "n",
        "keep going",
        "keep going",
        Action::No,
    ),
];

/// On the summary at the end.
pub const SUMMARY: &[Binding] = &[bind(
    &[KeyCode::Char('q'), KeyCode::Enter, KeyCode::Esc],
    "q",
    "close",
    "close",
    Action::Yes,
)];

/// On the home screen.
pub const HOME: &[Binding<HomeAction>] = &[
    bind(
        &[KeyCode::Enter],
        "Enter",
        "start",
        "start the selected routine",
        HomeAction::Start,
    ),
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑↓",
        "choose",
        "choose a routine (also k and j)",
        HomeAction::Up,
    ),
    // Listed with ↑ above.
    also(&[KeyCode::Down, KeyCode::Char('j')], HomeAction::Down),
    // An empty hint keeps these out of the footer, which has no room for them, but not out
    // of the help.
    bind(
        &[KeyCode::Home, KeyCode::Char('g')],
        "Home End",
        "",
        "the first or last routine (also g and G)",
        HomeAction::First,
    ),
    also(&[KeyCode::End, KeyCode::Char('G')], HomeAction::Last),
    bind(
        &[KeyCode::PageUp],
        "PgUp PgDn",
        "",
        "a page of routines up or down",
        HomeAction::PageUp,
    ),
    also(&[KeyCode::PageDown], HomeAction::PageDown),
    bind(
        &[KeyCode::Char('e')],
        "e",
        "edit",
        "edit the selected routine (a bundled one is saved as your copy)",
        HomeAction::Edit,
    ),
    bind(
        &[KeyCode::Char('n')],
        "n",
        "new",
        "make a new routine of your own",
        HomeAction::New,
    ),
    bind(
        &[KeyCode::Char('c')],
        "c",
        "copy",
        "copy the selected routine under a new name, and edit the copy",
        HomeAction::Copy,
    ),
    bind(
        &[KeyCode::Char('s')],
        "s",
        "stats",
        "your nights in numbers; PgDn there turns to your trial's review",
        HomeAction::Stats,
    ),
    // Shown only when there are problems to see.
    bind(
        &[KeyCode::Char('!')],
        "!",
        "problems",
        "the problems found at start, in full",
        HomeAction::Problems,
    ),
    // Named by home's own line when the streak has just broken; the footer has no room.
    bind(
        &[KeyCode::Char('p')],
        "p",
        "",
        "pause the nights since your streak broke, when home offers it",
        HomeAction::Pause,
    ),
    bind(
        &[KeyCode::Char('?')],
        "?",
        "help",
        "this list of keys",
        HomeAction::Help,
    ),
    bind(
        &[KeyCode::Char('q'), KeyCode::Esc],
        "q",
        "quit",
        "leave bedstretch",
        HomeAction::Quit,
    ),
];

/// Home's editing keys as the footer names them, together; each has its own line in [`HOME`].
pub const HOME_EDITING: Binding<HomeAction> = bind(
    &[KeyCode::Char('e')],
    "e/n/c",
    "edit/new/copy",
    "",
    HomeAction::Edit,
);

/// While home asks about last night's cramps. The digits are read in
/// [`prompt_action_for`]; this table names them for the footer. The rest of home's keys work
/// as ever.
pub const HOME_PROMPT: &[Binding<HomeAction>] = &[
    bind(
        &[KeyCode::Char('0')],
        "0-9",
        "cramps",
        "0 no cramps last night, 1-9 how bad they were",
        HomeAction::Severity(0),
    ),
    // One key for 10, so that 1 never has to wait to see whether a 0 follows.
    bind(
        &[KeyCode::Char('t')],
        "t",
        "10",
        "10, as bad as they get",
        HomeAction::Severity(10),
    ),
    bind(
        &[KeyCode::Char('s')],
        "s",
        "skip",
        "say nothing about last night, and do not ask again",
        HomeAction::SkipNight,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "later",
        "put the question away until home opens again",
        HomeAction::Later,
    ),
    bind(&[KeyCode::Enter], "Enter", "start", "", HomeAction::Start),
];

/// After a cramp was noted: how many. The digits are read in [`prompt_action_for`]; this
/// table names them for the footer.
pub const HOME_PROMPT_COUNT: &[Binding<HomeAction>] = &[
    bind(
        &[KeyCode::Char('1')],
        "1-4",
        "how many",
        "",
        HomeAction::Count(Some(1)),
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        "skip",
        "",
        HomeAction::Count(None),
    ),
    bind(&[KeyCode::Esc], "Esc", "done", "", HomeAction::Later),
];

/// After the count: which foot.
pub const HOME_PROMPT_FOOT: &[Binding<HomeAction>] = &[
    bind(
        &[KeyCode::Char('l')],
        "l/r/b",
        "left/right/both",
        "",
        HomeAction::Foot(Foot::Left),
    ),
    also(&[KeyCode::Char('r')], HomeAction::Foot(Foot::Right)),
    also(&[KeyCode::Char('b')], HomeAction::Foot(Foot::Both)),
    bind(&[KeyCode::Esc], "Esc", "done", "", HomeAction::Later),
];

/// The morning question's keys, while it is asked on home's main page; `None` for a key
/// that is not one of them, which then does what it does on home.
pub fn prompt_action_for(key: KeyEvent, home: &HomeApp) -> Option<HomeAction> {
    let prompt = home
        .prompt
        .as_ref()
        .filter(|_| home.page == HomePage::Main)?;
    match (prompt.stage, key.code) {
        (Stage::Ask, KeyCode::Char(c @ '0'..='9')) => {
            c.to_digit(10).map(|d| HomeAction::Severity(d as u8))
        }
        (Stage::Ask, KeyCode::Char('t')) => Some(HomeAction::Severity(10)),
        (Stage::Count { .. }, KeyCode::Char(c @ '1'..='4')) => {
            c.to_digit(10).map(|d| HomeAction::Count(Some(d)))
        }
        (Stage::Ask, _) => HOME_PROMPT
            .iter()
            .filter(|b| !matches!(b.action, HomeAction::Severity(_) | HomeAction::Start))
            .find(|b| b.keys.contains(&key.code))
            .map(|b| b.action),
        (Stage::Count { .. }, _) => HOME_PROMPT_COUNT
            .iter()
            .filter(|b| !matches!(b.action, HomeAction::Count(Some(_))))
            .find(|b| b.keys.contains(&key.code))
            .map(|b| b.action),
        (Stage::Side { .. }, _) => HOME_PROMPT_FOOT
            .iter()
            .find(|b| b.keys.contains(&key.code))
            .map(|b| b.action),
    }
}

/// On the stats, while there is a trial: a page down to its review and up again. Any other
/// key goes back, as [`HOME_BACK`] says.
pub const HOME_STATS: &[Binding<HomeAction>] = &[
    bind(
        &[KeyCode::PageDown, KeyCode::Down],
        "PgDn",
        "your trial",
        "your trial's review",
        HomeAction::PageDown,
    ),
    bind(
        &[KeyCode::PageUp, KeyCode::Up],
        "PgUp",
        "stats",
        "back to the stats",
        HomeAction::PageUp,
    ),
];

/// On the home screen's stats and help: any key goes back.
pub const HOME_BACK: &[Binding<HomeAction>] = &[bind(
    &[KeyCode::Esc],
    "any key",
    "back",
    "back",
    HomeAction::Back,
)];

/// Maps a key to a message for whatever screen shows. Ctrl-C quits bedstretch and Ctrl-Z
/// suspends it from any screen; releases and repeats of a key are ignored.
pub fn msg_for(key: KeyEvent, app: &App) -> Option<Msg> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            // The editor asks first when there is something unsaved, as its q does.
            KeyCode::Char('c' | 'C') => match app.screen() {
                Some(Screen::Editor(_)) => Some(Msg::Editor(EditorAction::Quit)),
                _ => Some(Msg::Quit),
            },
            KeyCode::Char('z' | 'Z') => Some(Msg::Suspend),
            _ => None,
        };
    }
    match app.screen()? {
        Screen::Session(session) => {
            action_for(key, session.overlay, session.session.outcome().is_some()).map(Msg::Session)
        }
        Screen::Home(home) => prompt_action_for(key, home)
            .or_else(|| home_action_for(key, home.page))
            .map(Msg::Home),
        Screen::Editor(editor) => {
            super::editor_keymap::action_for(key, editor.overlay).map(Msg::Editor)
        }
    }
}

/// On the home screen's problems panel: it scrolls, and only its own keys close it, so that
/// a stray key does not lose the place in a long list.
pub const HOME_PROBLEMS: &[Binding<HomeAction>] = &[
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑↓",
        "scroll",
        "scroll (also k and j)",
        HomeAction::Up,
    ),
    also(&[KeyCode::Down, KeyCode::Char('j')], HomeAction::Down),
    also(&[KeyCode::PageUp], HomeAction::PageUp),
    also(&[KeyCode::PageDown], HomeAction::PageDown),
    also(&[KeyCode::Home], HomeAction::First),
    also(&[KeyCode::End], HomeAction::Last),
    bind(
        &[KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('!')],
        "Esc",
        "close",
        "close",
        HomeAction::Back,
    ),
];

/// Maps a key on the home screen.
pub fn home_action_for(key: KeyEvent, view: HomePage) -> Option<HomeAction> {
    let table = match view {
        HomePage::Main => HOME,
        HomePage::Problems => HOME_PROBLEMS,
        HomePage::Stats => {
            let page = HOME_STATS.iter().find(|b| b.keys.contains(&key.code));
            return Some(page.map_or(HomeAction::Back, |b| b.action));
        }
        HomePage::Help => return Some(HomeAction::Back),
    };
    table
        .iter()
        .find(|binding| binding.keys.contains(&key.code))
        .map(|binding| binding.action)
}

/// While the help is shown; any key closes it, but the footer names one.
pub const HELP: &[Binding] = &[bind(
    &[KeyCode::Esc],
    "any key",
    "close",
    "close",
    Action::No,
)];

/// The table in force for what is on screen.
pub fn table(overlay: Overlay, finished: bool) -> &'static [Binding] {
    match (finished, overlay) {
        (true, _) => SUMMARY,
        (false, Overlay::ConfirmQuit) => CONFIRM_QUIT,
        (false, Overlay::Help) => HELP,
        (false, Overlay::None) => SESSION,
    }
}

/// Maps a key in a session to an action.
pub fn action_for(key: KeyEvent, overlay: Overlay, finished: bool) -> Option<Action> {
    if overlay == Overlay::Help && !finished {
        return Some(Action::No);
    }
    table(overlay, finished)
        .iter()
        .find(|binding| binding.keys.contains(&key.code))
        .map(|binding| binding.action)
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
