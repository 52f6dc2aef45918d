//! What the screen tests share: bundled routines, a manual clock, scripted input and a shell
//! that only remembers what it was asked to do.
#![allow(dead_code)]

pub mod cli;
pub mod folders;
pub mod pty;
pub mod torture;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::io;
use std::rc::Rc;
use std::time::Duration;

use bedstretch::app::home::{MARK_OVERRIDE, MARK_YOURS, RoutineRow};
use bedstretch::app::session::SessionApp;
use bedstretch::app::{EditorSource, Msg, NewSession, Now, SessionSettings};
use bedstretch::clock::Clock;
use bedstretch::core::calendar::Rules;
use bedstretch::core::history::SessionRecord;
use bedstretch::core::routine::Routine;
use bedstretch::core::routine_file::parse_routine;
use bedstretch::core::session::Moment;
use bedstretch::core::stats::{SessionFacts, Stats};
use bedstretch::store::bundled;
use bedstretch::tui::event_loop::{Io, Shell};
use bedstretch::tui::input::{EventSource, Input};
use bedstretch::tui::theme::Theme;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell as Cell_;
use ratatui::layout::{Position, Size};

/// The one-second routine of the tests that run in real time, as tests/fixtures/one-second.toml
/// has it: the only copy.
pub const ONE_SECOND: &str = include_str!("../fixtures/one-second.toml");

/// Where [`ONE_SECOND`] is, for a test that runs it by path.
pub fn one_second_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/one-second.toml")
}

/// [`ONE_SECOND`] under another name, with each `(from, to)` replaced and `more` (further
/// steps) added at its end. Every `from` must be in it, so that a change to the fixture fails
/// here rather than quietly running another routine.
pub fn one_second(name: &str, edits: &[(&str, &str)], more: &str) -> String {
    let mut text = ONE_SECOND.replace("name = \"One second\"", &format!("name = {name:?}"));
    for (from, to) in edits {
        assert!(
            text.contains(from),
            "{from:?} is not in the one-second routine"
        );
        text = text.replace(from, to);
    }
    text + more
}

/// The one-second routine's last step, as [`one_second`]'s edits name it.
pub const LAST_STEP: &str = "name = \"Toe curls\"\nduration = 1\n";

/// Nine seconds: [`ONE_SECOND`] named `name`, with a last hold long enough for its last three
/// seconds to be counted (the spoken cues, the ticks).
pub fn counted(name: &str) -> String {
    one_second(
        name,
        &[(LAST_STEP, "name = \"Toe curls\"\nduration = 4\n")],
        "",
    )
}

pub fn bundled(id: &str) -> Routine {
    let (_, source) = bundled::ROUTINES
        .iter()
        .find(|(i, _)| *i == id)
        .expect("bundled");
    parse_routine(id, source.as_bytes(), bundled::ART).expect("valid")
}

pub fn routine(toml: &str) -> Routine {
    parse_routine("test", toml.as_bytes(), bundled::ART).expect("valid")
}

pub fn started_at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T22:41:05+01:00").expect("time")
}

pub fn secs(s: u64) -> Moment {
    Duration::from_secs(s)
}

pub fn now(moment: Moment) -> Now {
    Now {
        moment,
        wall: started_at() + chrono::Duration::from_std(moment).expect("small"),
    }
}

pub const SETTINGS: SessionSettings = SessionSettings {
    bell: true,
    min_completion: 0.8,
};

pub fn session_app(routine: Routine) -> SessionApp {
    let new = NewSession {
        routine,
        id: "id".into(),
    };
    SessionApp::start(new, SETTINGS, now(Duration::ZERO)).0
}

/// The stats after four kept nights in a row, tonight among them.
pub fn four_night_streak() -> Stats {
    kept_nights(0..4)
}

/// The stats after three kept nights up to last night, tonight not kept.
pub fn streak_up_to_last_night() -> Stats {
    kept_nights(1..4)
}

/// The stats after a kept session on each of these nights (0 is tonight).
fn kept_nights(days_ago: std::ops::Range<i64>) -> Stats {
    let facts: Vec<SessionFacts> = days_ago
        .map(|day| kept_session(started_at() - chrono::Duration::days(day)))
        .collect();
    Stats::compute(&facts, &Rules::default(), started_at())
}

/// A whole session of Quick that started at `at`.
pub fn kept_session(at: DateTime<FixedOffset>) -> SessionFacts {
    SessionFacts {
        id: format!("s{}", at.timestamp()),
        routine_name: "Quick".into(),
        started_at: at,
        completed: 7,
        planned: 7,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts: true,
    }
}

/// [`kept_session`] at an RFC 3339 time.
pub fn kept_session_on(at: &str) -> SessionFacts {
    kept_session(DateTime::parse_from_rfc3339(at).expect("time"))
}

/// The first step of a record: its status (where it is one this version knows) and the
/// seconds held of it.
pub fn first_step(record: &SessionRecord) -> (Option<bedstretch::core::history::Status>, u64) {
    let step = &record.steps[0];
    (step.status.known(), step.done_secs)
}

/// A clock that moves only when the script says so.
#[derive(Clone, Default)]
pub struct ManualClock(pub Rc<Cell<Duration>>);

impl ManualClock {
    pub fn advance(&self, by: Duration) {
        self.0.set(self.0.get() + by);
    }
}

impl Clock for ManualClock {
    fn moment(&self) -> Duration {
        self.0.get()
    }
    fn wall(&self) -> DateTime<FixedOffset> {
        now(self.0.get()).wall
    }
}

/// One step of a script.
pub enum Step {
    /// Let this much time pass, in waits no longer than the loop asks for.
    Wait(Duration),
    /// Hand over this input.
    Input(Input),
    /// Change the terminal's size, as SIGWINCH would tell: the backend takes the new size,
    /// and the loop gets `Input::Resize`.
    Resize(u16, u16),
    /// Time jumps by this much in one wait, however short the loop asked for: the process
    /// was stopped (SIGSTOP) in between.
    Jump(Duration),
}

pub fn wait(s: u64) -> Step {
    Step::Wait(Duration::from_secs(s))
}

pub fn key(code: KeyCode) -> Step {
    Step::Input(Input::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// The key that types `c`.
pub fn char(c: char) -> Step {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Step {
    Step::Input(Input::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

/// Scripted input on a manual clock. When the script runs out, it sends what SIGTERM sends,
/// so that every test ends.
pub struct Script {
    pub steps: VecDeque<Step>,
    pub clock: ManualClock,
    /// Sizes asked for by `Step::Resize`, for the test's backend to take.
    pub resize: Rc<Cell<Option<(u16, u16)>>>,
    /// How many times the loop waited, and the waits it asked for.
    pub waits: Vec<Duration>,
}

impl Script {
    pub fn new(steps: Vec<Step>, clock: &ManualClock) -> Self {
        Self {
            steps: steps.into(),
            clock: clock.clone(),
            resize: Rc::default(),
            waits: Vec::new(),
        }
    }
}

impl EventSource for Script {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Input>> {
        self.waits.push(timeout);
        match self.steps.front_mut() {
            Some(Step::Wait(left)) => {
                // Time passes only up to the loop's own timeout, as with a real terminal.
                let step = timeout.min(*left);
                self.clock.advance(step);
                *left -= step;
                if left.is_zero() {
                    self.steps.pop_front();
                }
                Ok(None)
            }
            Some(Step::Jump(by)) => {
                self.clock.advance(*by);
                self.steps.pop_front();
                Ok(None)
            }
            Some(Step::Resize(w, h)) => {
                self.resize.set(Some((*w, *h)));
                self.steps.pop_front();
                Ok(Some(Input::Resize))
            }
            Some(Step::Input(_)) => match self.steps.pop_front() {
                Some(Step::Input(input)) => Ok(Some(input)),
                _ => Ok(None),
            },
            // As a signal does: Ctrl-C in the editor would ask first.
            None => Ok(Some(Input::Quit)),
        }
    }
}

/// A shell that remembers what it was asked.
#[derive(Default)]
pub struct Recorded {
    pub bells: usize,
    pub saves: Vec<SessionRecord>,
    pub records: Vec<SessionRecord>,
    pub discards: usize,
    pub starts: Vec<String>,
    pub history_loads: usize,
    pub suspends: usize,
    pub reclaims: usize,
    pub catalog: Vec<Routine>,
    pub fail_saves: bool,
    /// The person's routine files, by id, as the editor saved them.
    pub user_routines: std::collections::BTreeMap<String, String>,
    /// Drafts kept of unsaved edits, by id.
    pub drafts: std::collections::BTreeMap<String, String>,
    /// Every routine save asked for, as (id, text).
    pub routine_saves: Vec<(String, String)>,
    /// Routine saves fail with "disk full".
    pub fail_routine_saves: bool,
    pub routine_reloads: usize,
    /// What `load_history` answers with.
    pub known: bedstretch::app::known::Known,
    /// Every answer to the morning question, in order.
    pub diary: Vec<bedstretch::app::diary::DiaryEffect>,
    /// Every pause asked for, as (from, until); each also joins `known`, as a line would.
    pub pauses: Vec<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Every moment announced, as its plain line.
    pub announced: Vec<String>,
    pending: VecDeque<Msg>,
}

impl Shell for Recorded {
    fn bell(&mut self) {
        self.bells += 1;
    }
    fn announce(&mut self, announcement: &bedstretch::app::announce::Announcement) {
        self.announced.push(announcement.line.clone());
    }
    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        self.saves.push(record.clone());
        if self.fail_saves {
            return Err("/data/current.json: cannot save progress: disk full".into());
        }
        Ok(())
    }
    fn record(&mut self, record: &SessionRecord) -> Result<Option<Stats>, String> {
        self.records.push(record.clone());
        Ok(Some(four_night_streak()))
    }
    fn discard(&mut self) {
        self.discards += 1;
    }
    fn start(&mut self, routine: &str, _now: Now) -> Result<NewSession, String> {
        self.starts.push(routine.to_string());
        let routine = self
            .catalog
            .iter()
            .find(|r| r.id == routine)
            .cloned()
            .ok_or_else(|| format!("no routine called `{routine}`"))?;
        Ok(NewSession {
            routine,
            id: format!("id{}", self.starts.len()),
        })
    }
    fn load_history(&mut self) {
        self.history_loads += 1;
        self.pending.push_back(Msg::HistoryLoaded(
            bedstretch::app::home::HistoryState::Loaded(self.known.clone()),
            Vec::new(),
        ));
    }
    fn poll(&mut self) -> Option<Msg> {
        self.pending.pop_front()
    }
    fn suspend(&mut self) {
        self.suspends += 1;
    }
    fn reclaim(&mut self) {
        self.reclaims += 1;
    }
    fn routine_source(&mut self, id: &str, from: Option<&str>) -> Result<EditorSource, String> {
        let (text, bundled) = match from {
            None => (bedstretch::core::routine_template::template(id), false),
            Some(from) => match self.user_routines.get(from) {
                Some(text) => (text.clone(), false),
                None => bundled::ROUTINES
                    .iter()
                    .find(|(i, _)| *i == from)
                    .map(|(_, text)| (text.to_string(), true))
                    .ok_or_else(|| format!("no routine called `{from}`"))?,
            },
        };
        let same = from == Some(id);
        let draft = self.drafts.get(id).filter(|_| same).cloned();
        Ok(EditorSource {
            id: id.to_string(),
            bundled: same && bundled && draft.is_none(),
            saved: same && draft.is_none(),
            draft: draft.is_some(),
            text: draft.unwrap_or(text),
            art: bundled::ART,
            library: bundled::ROUTINES,
            on_disk: self.user_routines.get(id).cloned(),
        })
    }
    fn save_routine(&mut self, id: &str, text: &str, expected: Option<&str>) -> Result<(), String> {
        self.routine_saves.push((id.to_string(), text.to_string()));
        if self.user_routines.get(id).map(String::as_str) != expected {
            self.drafts.insert(id.to_string(), text.to_string());
            return Err(format!(
                "/config/routines/{id}.toml changed since you opened it"
            ));
        }
        if self.fail_routine_saves {
            return Err(format!("/config/routines/{id}.toml: disk full"));
        }
        self.user_routines.insert(id.to_string(), text.to_string());
        Ok(())
    }
    fn keep_draft(&mut self, id: &str, text: &str) {
        self.drafts.insert(id.to_string(), text.to_string());
    }
    fn forget_draft(&mut self, id: &str) {
        self.drafts.remove(id);
    }
    fn diary(
        &mut self,
        effect: &bedstretch::app::diary::DiaryEffect,
        _now: Now,
    ) -> Result<(), String> {
        self.diary.push(effect.clone());
        Ok(())
    }
    fn pause(
        &mut self,
        from: chrono::NaiveDate,
        until: chrono::NaiveDate,
        now: Now,
    ) -> Result<(), String> {
        self.pauses.push((from, until));
        let line = bedstretch::core::pause::PauseRecord::new(from, until, None, now.wall, 0);
        self.known.pauses.push(line);
        Ok(())
    }
    fn reload_routines(&mut self) -> Vec<RoutineRow> {
        self.routine_reloads += 1;
        let mut rows = Vec::new();
        let mut catalog = Vec::new();
        for (id, text) in bundled::ROUTINES {
            let (text, mark) = match self.user_routines.get(*id) {
                Some(user) => (user.as_str(), MARK_OVERRIDE),
                None => (*text, ""),
            };
            catalog.push((parse_routine(id, text.as_bytes(), bundled::ART), mark));
        }
        for (id, text) in &self.user_routines {
            if !bundled::ROUTINES.iter().any(|(i, _)| i == id) {
                catalog.push((parse_routine(id, text.as_bytes(), bundled::ART), MARK_YOURS));
            }
        }
        self.catalog.clear();
        for (routine, mark) in catalog {
            let Ok(routine) = routine else { continue };
            rows.push(RoutineRow {
                id: routine.id.clone(),
                name: routine.name.clone(),
                total_secs: routine.total_secs(),
                mark,
            });
            self.catalog.push(routine);
        }
        rows
    }
}

/// A TestBackend whose size the script can change, and that keeps every frame it showed.
pub struct ScreenBackend {
    inner: RefCell<TestBackend>,
    resize: Rc<Cell<Option<(u16, u16)>>>,
    /// Each flushed screen, as text, with the moment it was drawn.
    pub frames: Vec<(Duration, u16, String)>,
    clock: ManualClock,
}

impl ScreenBackend {
    pub fn new(width: u16, height: u16, script: &Script) -> Self {
        Self {
            inner: RefCell::new(TestBackend::new(width, height)),
            resize: script.resize.clone(),
            frames: Vec::new(),
            clock: script.clock.clone(),
        }
    }

    fn take_resize(&self) {
        if let Some((w, h)) = self.resize.take() {
            self.inner.borrow_mut().resize(w, h);
        }
    }

    /// The screen as it stands.
    pub fn screen(&self) -> String {
        self.inner.borrow().to_string()
    }
}

impl Backend for ScreenBackend {
    type Error = Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell_)>,
    {
        self.inner.get_mut().draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.get_mut().hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.get_mut().show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        panic!("the loop must never ask the terminal where its cursor is");
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.get_mut().set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.get_mut().clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.get_mut().clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.take_resize();
        self.inner.borrow().size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.take_resize();
        self.inner.get_mut().window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        let width = self.inner.get_mut().size()?.width;
        let screen = self.screen();
        self.frames.push((self.clock.moment(), width, screen));
        self.inner.get_mut().flush()
    }
}

/// The rows of a drawn buffer as text, a wide character once (not followed by the blank
/// cell ratatui keeps behind it), so labels can be searched as a person reads them.
pub fn buffer_rows(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buf[(x, y)].symbol();
                skip = bedstretch::core::text::width(symbol).saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}

/// Draws home (or its stats page) as the loop does; returns the rows and what the frame had
/// room for, which the loop would hand back to the model as `Msg::Drawn`.
pub fn draw_home(
    app: &bedstretch::app::home::HomeApp,
    w: u16,
    h: u16,
) -> (Vec<String>, bedstretch::app::home::Drawn) {
    let mut terminal = ratatui::Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let theme = bedstretch::tui::theme::Theme::plain();
    let room = Cell::new(app.drawn());
    terminal
        .draw(|f| {
            let view = bedstretch::tui::home_view::HomeView {
                app,
                theme: &theme,
                room: &room,
            };
            f.render_widget(view, f.area());
        })
        .expect("draw");
    (buffer_rows(terminal.backend().buffer()), room.get())
}

/// Rows as a snapshot shows them: each quoted, on a line of its own.
pub fn quoted(rows: &[String]) -> String {
    rows.iter().map(|row| format!("\"{row}\"\n")).collect()
}

/// Home's rows for these routines, each with this mark.
pub fn routine_rows(routines: &[Routine], mark: &'static str) -> Vec<RoutineRow> {
    routines
        .iter()
        .map(|r| RoutineRow {
            id: r.id.clone(),
            name: r.name.clone(),
            total_secs: r.total_secs(),
            mark,
        })
        .collect()
}

/// The loop as the tests run it: an 80x24 screen, scripted input on a manual clock, and a
/// shell that remembers.
pub type TestIo = Io<ScreenBackend, Script, ManualClock, Recorded>;

/// [`TestIo`], ready to run through `steps`.
pub fn test_io(steps: Vec<Step>) -> TestIo {
    let clock = ManualClock::default();
    let events = Script::new(steps, &clock);
    Io {
        terminal: Terminal::new(ScreenBackend::new(80, 24, &events)).expect("terminal"),
        events,
        clock,
        shell: Recorded::default(),
        theme: Theme::plain(),
        background: None,
    }
}

/// Asserts that `text` holds every one of `needles`, showing the text when one is missing.
#[track_caller]
pub fn assert_has(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "no {needle:?} in:\n{text}");
    }
}
