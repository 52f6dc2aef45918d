//! `bedstretch run` and the home screen: the screens in the terminal, and the shell that
//! carries out their effects against the real files.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;

use anyhow::{Context, Result, anyhow, bail};

use crate::app::announce::Announcement;
use crate::app::diary::DiaryEffect;
use crate::app::home::{HistoryState, HomeApp, Known, MARK_OVERRIDE, MARK_YOURS, RoutineRow};
use crate::app::session::{Recorded, SessionApp};
use crate::app::{App, EditorSource, Effect, Msg, NewSession, Now, SessionSettings};
use crate::clock::{Clock, SystemClock};
use crate::core::duration::format_secs;
use crate::core::history::{SessionRecord, session_id};
use crate::core::routine::Routine;
use crate::core::routine_file::MAX_FILE_BYTES;
use crate::core::stats::Stats;
use crate::core::text;
use crate::store::atomic::{random_u64, write_atomic};
use crate::store::bundled;
use crate::store::config::Config;
use crate::store::history::note_cramp;
use crate::store::paths::Paths;
use crate::store::progress::{self, Kept, SessionLock};
use crate::store::read::read_capped;
use crate::store::routines::{Catalog, Origin};
use crate::store::{diary_skip, history, history_read};
use crate::tui::event_loop::{Io, Shell};
use crate::tui::input::TerminalEvents;
use crate::tui::{self, theme::Theme};
use crate::voice::Voice;

use super::routine::resolve;
use super::run_plain;

/// Carries out the screens' effects against the real files and terminal.
pub(super) struct StoreShell<'a> {
    pub(super) paths: &'a Paths,
    config: &'a Config,
    catalog: Option<Catalog>,
    /// Held from a session's start to its record, so no other bedstretch recovers it.
    lock: Option<SessionLock>,
    history: Option<mpsc::Receiver<Msg>>,
    /// Finished sessions that could not be appended, and where each was kept: printed with
    /// the command that appends them once the terminal is given back.
    pub(super) unsaved: Vec<(SessionRecord, Kept)>,
    /// The spoken cues; silent unless the config (or `run --voice`) turns them on.
    pub(super) voice: Voice,
}

impl<'a> StoreShell<'a> {
    fn new(paths: &'a Paths, config: &'a Config) -> Self {
        Self {
            paths,
            config,
            catalog: None,
            lock: None,
            history: None,
            unsaved: Vec::new(),
            voice: if config.voice {
                Voice::new(
                    config.voice_command.as_ref(),
                    std::env::var_os("PATH").as_deref(),
                )
            } else {
                Voice::off()
            },
        }
    }
}

impl Shell for StoreShell<'_> {
    fn bell(&mut self) {
        tui::ring_bell();
    }

    fn announce(&mut self, announcement: &Announcement) {
        self.voice.say(&announcement.spoken);
    }

    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        progress::save(self.paths, record).map_err(|e| format!("{e:#}"))
    }

    fn record(&mut self, record: &SessionRecord) -> Result<Option<Stats>, String> {
        let saved = (|| {
            // Made (once per machine) only when first needed, so starting never waits for it.
            let device = history::device_id(self.paths)?;
            progress::finish(self.paths, &device, record)
        })();
        if let Err(problem) = saved {
            // Nothing is lost: the session is kept somewhere that says so, and its line is
            // printed when bedstretch closes. The lock stays while current.json holds it.
            let kept = progress::keep(self.paths, record);
            let said = match &kept {
                Kept::Progress(path) => format!(
                    "{problem:#}; it is kept in {}, which the next start adds to your history",
                    path.display()
                ),
                Kept::Fallback(path) => format!(
                    "{problem:#}; it is kept in {} and printed when bedstretch closes",
                    path.display()
                ),
                Kept::Nowhere => {
                    format!("{problem:#}; it is printed, to add by hand, when bedstretch closes")
                }
            };
            self.unsaved.push((record.clone(), kept));
            return Err(said);
        }
        self.lock = None;
        // The streak after this session, for the summary; the session is saved either way.
        // As of its start, so that "tonight" is the session's own night even when it ended
        // past the rollover.
        Ok(history_read::read_facts(self.paths).ok().map(|history| {
            Stats::compute(&history.sessions, &self.config.rules(), record.started_at)
        }))
    }

    fn discard(&mut self) {
        // What cannot be removed is recovered at the next start, which is no loss.
        let _ = progress::discard(self.paths);
        self.lock = None;
    }

    fn start(&mut self, routine: &str, now: Now) -> Result<NewSession, String> {
        let routine = self
            .catalog
            .as_ref()
            .and_then(|catalog| catalog.get(routine))
            .map(|(routine, _)| routine.clone())
            .ok_or_else(|| format!("no routine called `{routine}`"))?;
        if !self.unsaved.is_empty() {
            // The last session could not be appended; what keeps it must not be written over.
            return Err(
                "the last session is not in your history yet; quit, and bedstretch says how to add it"
                    .to_string(),
            );
        }
        self.lock = lock(self.paths).map_err(|e| format!("{e:#}"))?;
        Ok(NewSession {
            routine,
            id: session_id(now.wall, random_u64() as u16),
        })
    }

    fn load_history(&mut self) {
        let (send, receive) = mpsc::channel();
        let paths = self.paths.clone();
        // Read on another thread, so the first frame need not wait for it.
        std::thread::spawn(move || {
            let msg = match history_read::read_facts(&paths) {
                Ok(history) => Msg::HistoryLoaded(
                    HistoryState::Loaded(Known {
                        sessions: history.sessions,
                        cramps: history.cramps,
                        skipped_night: diary_skip::skipped_night(&paths),
                    }),
                    history.warnings,
                ),
                Err(e) => Msg::HistoryLoaded(HistoryState::Failed(format!("{e:#}")), Vec::new()),
            };
            // The receiver is gone only when home has already closed.
            let _ = send.send(msg);
        });
        self.history = Some(receive);
    }

    fn poll(&mut self) -> Option<Msg> {
        let msg = match self.history.as_ref()?.try_recv() {
            Ok(msg) => msg,
            Err(mpsc::TryRecvError::Empty) => return None,
            // The reader died without an answer: say so, rather than read forever.
            Err(mpsc::TryRecvError::Disconnected) => Msg::HistoryLoaded(
                HistoryState::Failed("the history reader stopped unexpectedly".to_string()),
                Vec::new(),
            ),
        };
        self.history = None;
        Some(msg)
    }

    fn suspend(&mut self) {
        tui::suspend();
    }

    fn reclaim(&mut self) {
        // Should this fail, the terminal is gone, and the next wait says so.
        let _ = tui::enter();
    }

    fn routine_source(&mut self, id: &str, from: Option<&str>) -> Result<EditorSource, String> {
        if from != Some(id) && routine_file(self.paths, id)?.exists() {
            // Home lists only the routines that load; a broken file of the person's under
            // this id must not be written over by a new routine or a copy.
            return Err(format!(
                "routines/{}.toml already exists (it has problems; fix or remove it first)",
                text::clean_line(id)
            ));
        }
        let Some(from) = from else {
            return Ok(EditorSource {
                id: id.to_string(),
                text: crate::core::routine_template::template(id),
                bundled: false,
                saved: false,
                art: bundled::ART,
                library: bundled::ROUTINES,
            });
        };
        let path = routine_file(self.paths, from)?;
        let (text, is_bundled) = match read_capped(&path, MAX_FILE_BYTES) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("{}: not UTF-8 text", text::clean_path(&path)))?;
                (text, false)
            }
            Err(e) if e.is_not_found() => {
                let (_, source) = bundled::ROUTINES
                    .iter()
                    .find(|(bundled_id, _)| *bundled_id == from)
                    .ok_or_else(|| format!("no routine called `{}`", text::clean_line(from)))?;
                (source.to_string(), true)
            }
            Err(e) => return Err(format!("{}: {e}", text::clean_path(&path))),
        };
        // A copy is a new file of the person's, unsaved until they save it.
        let same = id == from;
        Ok(EditorSource {
            id: id.to_string(),
            text,
            bundled: same && is_bundled,
            saved: same,
            art: bundled::ART,
            library: bundled::ROUTINES,
        })
    }

    fn save_routine(&mut self, id: &str, text: &str) -> Result<(), String> {
        let path = routine_file(self.paths, id)?;
        write_atomic(&path, text.as_bytes())
            .map_err(|e| format!("{}: cannot save: {e}", text::clean_path(&path)))
    }

    fn reload_routines(&mut self) -> Vec<RoutineRow> {
        let catalog = Catalog::load(self.paths);
        let rows = routine_rows(&catalog);
        // Sessions started from now on run the routines as saved.
        self.catalog = Some(catalog);
        rows
    }

    fn diary(&mut self, effect: &DiaryEffect, now: Now) -> Result<(), String> {
        let written = match effect {
            DiaryEffect::Note(note) => note_cramp(self.paths, note.clone(), now.wall).map(|_| ()),
            DiaryEffect::Skip(night) => diary_skip::skip_night(self.paths, *night),
        };
        written.map_err(|e| format!("{e:#}"))
    }
}

/// Where the person's routine `id` lives. The id comes from a file stem or from home, but
/// anything that could leave the routines folder is refused all the same.
fn routine_file(paths: &Paths, id: &str) -> Result<std::path::PathBuf, String> {
    let plain = !id.is_empty()
        && !id.starts_with('.')
        && !id.contains(['/', '\\'])
        && !id.chars().any(char::is_control);
    if !plain {
        return Err(format!("`{}` cannot be a routine id", text::clean_line(id)));
    }
    Ok(paths.routines_dir().join(format!("{id}.toml")))
}

/// The session lock, when the data folder can hold one: a read-only or full data folder
/// still lets the person stretch (the first save says plainly that progress is not saved).
/// Another session running, or an unrecovered one waiting in current.json, is an error.
fn lock(paths: &Paths) -> Result<Option<SessionLock>> {
    match progress::try_lock(paths) {
        Ok(Some(lock)) => {
            progress::ensure_clear(paths)?;
            Ok(Some(lock))
        }
        Ok(None) => Err(anyhow!(
            "another bedstretch session is running; finish it first"
        )),
        Err(_) => Ok(None),
    }
}

/// After the terminal is given back: each session that could not be appended, whole, with
/// the one command that appends it.
pub(super) fn print_unsaved(paths: &Paths, unsaved: &[(SessionRecord, Kept)]) {
    let mut err = std::io::stderr();
    for (record, kept) in unsaved {
        let Ok(line) = serde_json::to_string(record) else {
            continue;
        };
        let device = history::device_id(paths).unwrap_or_else(|_| "this-machine".to_string());
        let file = history::device_file(paths, &device);
        let kept = match kept {
            Kept::Progress(path) | Kept::Fallback(path) => {
                format!("it is kept in {}", text::clean_path(path))
            }
            Kept::Nowhere => "it could not be kept in any file".to_string(),
        };
        // The line and the command are printed exactly; only the message is cleaned.
        let _ = writeln!(
            err,
            "bedstretch: the session {} could not be added to your history; {kept}. \
             To add it yourself:\necho {} >> {}",
            text::clean_line(&record.id),
            shell_quote(&text::escape_json_controls(&line)),
            shell_quote(&file.display().to_string())
        );
    }
}

/// `text` as one single-quoted shell word.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn theme() -> Theme {
    Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
}

pub(super) fn settings(config: &Config) -> SessionSettings {
    SessionSettings {
        bell: config.bell,
        min_completion: config.min_completion,
    }
}

pub(super) fn need_terminal() -> Result<()> {
    if !std::io::stdout().is_terminal() {
        bail!(
            "the full screen needs a terminal, and standard output is not one; \
             `bedstretch run --plain` runs a session line by line without one"
        );
    }
    Ok(())
}

/// Sets up the terminal, runs `app` in it, and gives the terminal back whatever happens;
/// then prints, whole, any finished session that could not be added to the history.
fn run_app(app: &mut App, start: Vec<Effect>, shell: StoreShell, clock: SystemClock) -> Result<()> {
    let events = TerminalEvents::new().context("cannot catch signals")?;
    let terminal = match tui::init() {
        Ok(terminal) => terminal,
        Err(e) => {
            tui::restore();
            return Err(e).context("cannot set up the terminal");
        }
    };
    let mut io = Io {
        terminal,
        events,
        clock,
        shell,
        theme: theme(),
    };
    let result = io.run(app, start);
    tui::restore();
    print_unsaved(io.shell.paths, &io.shell.unsaved);
    // Under the full screen it would have been hidden; home has shown a missing speaker
    // already, so this is one that `run` found missing or that stopped working.
    if let Some(problem) = io.shell.voice.problem() {
        let _ = writeln!(std::io::stderr(), "bedstretch: {problem}");
    }
    result
}

/// `bedstretch run`: a session of the named routine, or of the default one, at once.
pub fn run(
    paths: &Paths,
    config: &Config,
    routine: Option<&str>,
    plain: bool,
    problems: &[String],
) -> Result<ExitCode> {
    let (routine, _) = resolve(paths, routine.unwrap_or(&config.default_routine))?;
    let plain = run_plain::plain_mode(plain)?;
    let session_lock = lock(paths)?;
    let clock = SystemClock::new();
    let now = Now {
        moment: clock.moment(),
        wall: clock.wall(),
    };
    let new = NewSession {
        routine,
        id: session_id(clock.wall(), random_u64() as u16),
    };
    let mut shell = StoreShell::new(paths, config);
    shell.lock = session_lock;
    if plain {
        return run_plain::run(new, config, shell, clock, problems);
    }
    let (mut app, start) = App::session(new, settings(config), now);
    if let Some(session) = app.session.as_mut() {
        session.unspoken = shell.voice.problem();
    }
    run_app(&mut app, start, shell, clock)?;
    // Said on the ordinary screen too, where it stays after the program ends; the problems
    // found at start as well, which the alternate screen had hidden.
    let mut err = std::io::stderr();
    for problem in problems {
        let _ = writeln!(err, "bedstretch: {problem}");
    }
    match app.session.as_ref() {
        Some(session) => report(session),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// One line on standard error for what the session left in the history.
fn report(session: &SessionApp) -> Result<ExitCode> {
    let summary = session.summary();
    let name = &session.session.routine().name;
    let line = match &session.recorded {
        Recorded::Nothing => {
            format!("{name}: stopped before the first stretch; nothing was recorded.")
        }
        // What happened, and how to add it, was printed just before.
        Recorded::Failed(_) => return Ok(ExitCode::FAILURE),
        Recorded::Saved(_) | Recorded::Pending => format!(
            "saved {name}: {} of {} held to the end, {} stretching.",
            summary.completed,
            summary.planned,
            format_secs(summary.held_secs)
        ),
    };
    // The terminal may be gone (that is one way a session ends); a lost line is no matter.
    let _ = writeln!(std::io::stderr(), "bedstretch: {line}");
    Ok(ExitCode::SUCCESS)
}

/// The routines as home lists them.
fn routine_rows(catalog: &Catalog) -> Vec<RoutineRow> {
    catalog
        .routines
        .iter()
        .map(|(routine, origin)| routine_row(routine, origin))
        .collect()
}

fn routine_row(routine: &Routine, origin: &Origin) -> RoutineRow {
    RoutineRow {
        id: routine.id.clone(),
        name: routine.name.clone(),
        total_secs: routine.total_secs(),
        mark: match origin {
            Origin::Bundled => "",
            Origin::User {
                overrides: true, ..
            } => MARK_OVERRIDE,
            _ => MARK_YOURS,
        },
    }
}

/// `bedstretch` with no arguments: the home screen.
pub fn home(
    paths: &Paths,
    config: &Config,
    problems: Vec<String>,
    catalog: Catalog,
) -> Result<ExitCode> {
    if let Some(why) = run_plain::why_not_full_screen() {
        // Starting a session nobody asked for would surprise more than a line that says
        // how to start one.
        bail!(
            "this terminal cannot show the home screen ({why}); \
             `bedstretch run --plain` runs tonight's routine line by line"
        );
    }
    need_terminal()?;
    let clock = SystemClock::new();
    let mut home = HomeApp::new(
        routine_rows(&catalog),
        &config.default_routine,
        config.rules(),
    )
    .with_morning_ends_at(config.morning_ends_at);
    let mut shell = StoreShell::new(paths, config);
    home.problems = problems;
    // On home's screen, before any session: the person learns it with eyes open.
    home.problems.extend(shell.voice.problem());
    home.problems.extend(catalog.warnings.iter().cloned());
    home.problems
        .extend(catalog.broken.iter().map(|b| b.error.to_string()));
    let (mut app, start) = App::home(home, settings(config));
    shell.catalog = Some(catalog);
    run_app(&mut app, start, shell, clock)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> (tempfile::TempDir, Paths) {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::from_vars(
            Some(dir.path().join("config").into()),
            Some(dir.path().join("data").into()),
        )
        .expect("paths");
        (dir, paths)
    }

    #[test]
    fn the_editor_reads_the_bundled_text_then_the_saved_file_and_home_lists_the_copy() {
        let (_dir, paths) = paths();
        let config = Config::default();
        let mut shell = StoreShell::new(&paths, &config);
        let source = shell
            .routine_source("quick", Some("quick"))
            .expect("bundled");
        assert!(source.bundled && source.saved);
        let mine = source.text.replacen("Quick", "Quick, mine", 1);
        shell.save_routine("quick", &mine).expect("saved");
        let saved = paths.routines_dir().join("quick.toml");
        assert_eq!(std::fs::read_to_string(saved).expect("file"), mine);
        let again = shell
            .routine_source("quick", Some("quick"))
            .expect("user file");
        assert_eq!(again.text, mine);
        assert!(!again.bundled, "the person's own file now");
        let rows = shell.reload_routines();
        let quick = rows.iter().find(|r| r.id == "quick").expect("listed");
        assert_eq!(
            (quick.name.as_str(), quick.mark),
            ("Quick, mine", MARK_OVERRIDE)
        );
        assert!(
            shell
                .catalog
                .as_ref()
                .and_then(|c| c.get("quick"))
                .is_some()
        );
    }

    #[test]
    fn a_copy_and_a_new_routine_start_unsaved() {
        let (_dir, paths) = paths();
        let config = Config::default();
        let mut shell = StoreShell::new(&paths, &config);
        let copy = shell
            .routine_source("quick-copy", Some("quick"))
            .expect("copy");
        assert!(!copy.bundled && !copy.saved);
        let new = shell.routine_source("my-routine", None).expect("new");
        assert_eq!(new.text, crate::core::routine_template::template(&new.id));
        assert!(!new.saved);
        assert!(shell.routine_source("x", Some("nothing")).is_err());
    }

    #[test]
    fn a_new_routine_or_a_copy_never_takes_the_id_of_a_file_home_does_not_list() {
        let (_dir, paths) = paths();
        let config = Config::default();
        std::fs::create_dir_all(paths.routines_dir()).expect("folder");
        let broken = paths.routines_dir().join("my-routine.toml");
        std::fs::write(&broken, "name = ").expect("write");
        let mut shell = StoreShell::new(&paths, &config);
        let err = shell
            .routine_source("my-routine", None)
            .expect_err("refused");
        assert!(
            err.contains("routines/my-routine.toml already exists"),
            "{err}"
        );
        assert!(shell.routine_source("my-routine", Some("quick")).is_err());
        assert_eq!(std::fs::read_to_string(broken).expect("kept"), "name = ");
    }

    #[test]
    fn ids_that_could_leave_the_routines_folder_are_refused() {
        let (_dir, paths) = paths();
        let config = Config::default();
        let mut shell = StoreShell::new(&paths, &config);
        for id in ["../x", "a/b", ".hidden", "", "a\\b"] {
            let err = shell.save_routine(id, "name = \"x\"").expect_err(id);
            assert!(err.contains("cannot be a routine id"), "{err}");
        }
        assert!(!paths.routines_dir().exists(), "nothing written");
    }
}
