//! The shell behind the full screen and plain mode: it carries out the screens' effects
//! against the real files (sessions, progress, the history, routines, the diary), speaks
//! the cues and plays their sounds.

use std::io::Write;
use std::sync::mpsc;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;

use crate::app::announce::Announcement;
use crate::app::diary::DiaryEffect;
use crate::app::home::{HistoryState, MARK_OVERRIDE, MARK_YOURS, RoutineRow};
use crate::app::known::Known;
use crate::app::routine_copy::rename_copy;
use crate::app::{EditorSource, Msg, NewSession, Now};
use crate::clock::{Clock, SystemClock};
use crate::core::config::Config;
use crate::core::history::{SessionRecord, session_id};
use crate::core::routine::Routine;
use crate::core::stats::Stats;
use crate::core::text;
use crate::hook::Hooks;
use crate::sound::{Setup, Sounds};
use crate::store::atomic::random_u64;
use crate::store::history::note_cramp;
use crate::store::paths::Paths;
use crate::store::progress::{self, Kept, SessionLock};
use crate::store::routines::{Catalog, Origin, forget_draft, keep_draft};
use crate::store::{diary_skip, history, history_read};
use crate::tui::event_loop::Shell;
use crate::tui::{self};
use crate::voice::Voice;

use super::editor_files;

/// Carries out the screens' effects against the real files and terminal.
pub(super) struct StoreShell<'a> {
    pub(super) paths: &'a Paths,
    config: &'a Config,
    pub(super) catalog: Option<Catalog>,
    /// Held from a session's start to its record, so no other bedstretch recovers it.
    pub(super) lock: Option<SessionLock>,
    history: Option<mpsc::Receiver<Msg>>,
    /// Finished sessions that could not be appended, and where each was kept: printed with
    /// the command that appends them once the terminal is given back.
    pub(super) unsaved: Vec<(SessionRecord, Kept)>,
    /// The spoken cues; silent unless the config (or `run --voice`) turns them on.
    pub(super) voice: Voice,
    /// The config's `on_session_end`, run after each session is in the history.
    pub(super) hooks: Hooks,
    /// The sounds at each moment; off until the command sets them up ([`sounds`]).
    pub(super) sound: Sounds,
}

impl<'a> StoreShell<'a> {
    pub(super) fn new(paths: &'a Paths, config: &'a Config) -> Self {
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
            hooks: Hooks::new(config.on_session_end.clone()),
            sound: Sounds::off(),
        }
    }
}

/// The sounds as the config and the command line (`asked`: `--sound` or `--no-sound`) have
/// them, on this machine: its PATH, its cache folder, and whether it is reached over ssh.
pub(super) fn sounds(config: &Config, asked: Option<bool>) -> Sounds {
    let path = std::env::var_os("PATH");
    let cache = crate::store::paths::cache_dir();
    Sounds::new(Setup {
        on: config.sound,
        asked,
        over_ssh: crate::sound::over_ssh(),
        command: config.sound_command.as_ref(),
        path: path.as_deref(),
        cache: cache.as_deref(),
    })
}

impl Shell for StoreShell<'_> {
    fn bell(&mut self) {
        // With a player, the moment's sound stands in for the bell: never both. A player
        // seen to have failed is dropped first, so this very moment has its bell.
        self.sound.reap();
        if self.sound.player().is_none() {
            tui::ring_bell();
        }
    }

    fn announce(&mut self, announcement: &Announcement) {
        self.voice.say(&announcement.spoken);
        self.sound.play(announcement.moment);
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
        // Only now that the session is in the history; the same line, as serde writes it.
        if let Ok(line) = serde_json::to_string(record) {
            self.hooks.start(line);
        }
        // The streak after this session, for the summary; the session is saved either way.
        // As of its start, so that "tonight" is the session's own night even when it ended
        // past the rollover.
        Ok(
            history_read::read_facts_as_of(self.paths, record.started_at)
                .ok()
                .map(|history| {
                    let rules = self.config.rules().paused_by(&history.pauses);
                    Stats::compute(&history.sessions, &rules, record.started_at)
                }),
        )
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
        let now = SystemClock::new().wall();
        // Read on another thread, so the first frame need not wait for it.
        std::thread::spawn(move || {
            let msg = match history_read::read_facts_as_of(&paths, now) {
                Ok(history) => Msg::HistoryLoaded(
                    HistoryState::Loaded(Known {
                        sessions: history.sessions,
                        cramps: history.cramps,
                        programs: history.programs,
                        pauses: history.pauses,
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
        if let Some(line) = self.hooks.failure() {
            return Some(Msg::HookFailed(line));
        }
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
        let mut source = editor_files::source(self.paths, id, from)?;
        // A copy is named apart from the routine it copies.
        if from.is_some_and(|from| from != id) {
            let catalog = self
                .catalog
                .get_or_insert_with(|| Catalog::load(self.paths));
            let names: Vec<String> = catalog
                .routines
                .iter()
                .filter(|(routine, _)| routine.id != id)
                .map(|(routine, _)| routine.name.clone())
                .collect();
            if let Some((copy, _)) = rename_copy(&source.text, &names) {
                source.text = copy;
            }
        }
        Ok(source)
    }

    fn save_routine(&mut self, id: &str, text: &str, expected: Option<&str>) -> Result<(), String> {
        editor_files::save(self.paths, id, text, expected)
    }

    fn keep_draft(&mut self, id: &str, text: &str) {
        // Said at the next open of the routine, which shows the draft; at a signal there is
        // no screen left to say a failure on.
        let _ = keep_draft(self.paths, id, text.as_bytes());
    }

    fn forget_draft(&mut self, id: &str) {
        forget_draft(self.paths, id);
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
            DiaryEffect::Note(note) => note_cramp(self.paths, note.clone(), now.wall)
                .map(|_| ())
                .map_err(|not| not.problem),
            DiaryEffect::Skip(night) => diary_skip::skip_night(self.paths, *night),
        };
        written.map_err(|e| format!("{e:#}"))
    }

    fn pause(&mut self, from: NaiveDate, until: NaiveDate, now: Now) -> Result<(), String> {
        super::pause::set(self.paths, from, until, now.wall).map_err(|e| format!("{e:#}"))
    }
}

/// The routines as home lists them.
pub(super) fn routine_rows(catalog: &Catalog) -> Vec<RoutineRow> {
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

/// The session lock, when the data folder can hold one: a read-only or full data folder
/// still lets the person stretch (the first save says plainly that progress is not saved).
/// Another session running, or an unrecovered one waiting in current.json, is an error.
pub(super) fn lock(paths: &Paths) -> Result<Option<SessionLock>> {
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
        let _ = writeln!(
            err,
            "bedstretch: the session {} could not be added to your history; {kept}. {}",
            text::clean_line(&record.id),
            add_it_yourself(&line, &file)
        );
    }
}

/// "To add it yourself:" and, on the next line, the one command that appends the record
/// `line` to `file`. The line and the command are exact: only the words around are cleaned.
pub(super) fn add_it_yourself(line: &str, file: &std::path::Path) -> String {
    format!(
        "To add it yourself:\necho {} >> {}",
        shell_quote(&text::escape_json_controls(line)),
        shell_quote(&file.display().to_string())
    )
}

/// `text` as one single-quoted shell word.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
#[path = "store_shell_tests.rs"]
mod tests;
