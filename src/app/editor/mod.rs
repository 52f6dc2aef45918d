//! The routine editor's model: the file's own TOML, changed in place.
//!
//! The routine is held as a `toml_edit` document rather than as a [`Routine`], so that every
//! comment, blank line, key order and quoting the person wrote survives a save; only the
//! values a key changes are rewritten. After each change the document is written out and
//! read back with the one routine parser, so the screen shows exactly the problems that
//! `bedstretch` would report, and saving is refused while any remain. Pure: a save leaves as
//! an [`EditorEffect`] carrying the text, and its answer comes back through
//! [`EditorApp::saved`].

mod doc;
mod draft;
mod fields;
mod library;
mod types;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use crate::core::problem::Problem;
use crate::core::routine::Routine;
use crate::core::routine_file::parse_routine;

use self::doc::{
    Place, read_secs, remove, set_duration, set_reps, set_secs, step_row, swap, toggle_sides,
};
use self::draft::LineDraft;
pub use self::library::LibraryStep;
pub use self::types::{
    EditorAction, EditorEffect, EditorOverlay, Field, StepRow, TextEdit, Timing, problem_words,
};

/// Durations a key can set, as the routine format allows them.
const MIN_SECS: u64 = 1;
const MAX_SECS: u64 = 30 * 60;
/// How far `+` and `-` change a duration.
const DURATION_STEP: u64 = 5;
/// The most reps a step may have.
const MAX_REPS: i64 = 100;
/// How many changes undo remembers; older ones are forgotten first.
const MAX_UNDO: usize = 200;

/// The editor screen.
#[derive(Debug)]
pub struct EditorApp {
    /// The routine's id; it is saved as the user file of this id.
    pub id: String,
    /// True while the text shown is the bundled one: saving makes the person's own copy.
    pub from_bundled: bool,
    /// The selected step.
    pub selected: usize,
    /// The routine's time chosen above the steps, when one is; `+`/`-` then change it.
    pub timing: Option<Timing>,
    /// What shows over the steps.
    pub overlay: EditorOverlay,
    /// The last thing worth telling, such as "saved".
    pub status: Option<String>,
    /// True once the editor should close.
    pub closed: bool,
    /// True once anything was saved, so that home reads its list again.
    pub saved_any: bool,
    /// True once the person asked to quit bedstretch itself (Ctrl-C), not only the editor.
    pub quit: bool,
    doc: DocumentMut,
    routine: Option<Routine>,
    problems: Vec<Problem>,
    saved_text: String,
    /// The text sent to be saved, until the answer comes.
    saving: Option<String>,
    /// The person's file as it was read or last saved; `None` when there is none.
    on_disk: Option<String>,
    /// True when the text opened is a draft kept from an edit that was not saved.
    from_draft: bool,
    /// The text being typed, while [`EditorOverlay::Rename`] shows.
    input: LineDraft,
    undo: Vec<(DocumentMut, usize)>,
    redo: Vec<(DocumentMut, usize)>,
    library: Vec<LibraryStep>,
    /// The chosen step among those the library shows for the text typed.
    library_selected: usize,
    art: &'static [(&'static str, &'static str)],
}

impl EditorApp {
    /// Opens `text` as routine `id`. `saved` says whether this text is already on disk as
    /// the person's file (so leaving without a change asks nothing); `art` holds the bundled
    /// illustrations, for validation. A text that is not TOML at all cannot be edited here.
    pub fn open(
        id: &str,
        text: &str,
        from_bundled: bool,
        saved: bool,
        art: &'static [(&'static str, &'static str)],
    ) -> Result<Self, String> {
        let doc: DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| format!("{id}.toml: {}", e.message()))?;
        let mut editor = Self {
            id: id.to_string(),
            from_bundled,
            selected: 0,
            timing: None,
            overlay: EditorOverlay::None,
            status: None,
            closed: false,
            saved_any: false,
            quit: false,
            doc,
            routine: None,
            problems: Vec::new(),
            // A text not yet on disk counts as a change, so leaving it asks first.
            saved_text: if saved {
                text.to_string()
            } else {
                String::new()
            },
            saving: None,
            on_disk: (saved && !from_bundled).then(|| text.to_string()),
            from_draft: false,
            input: LineDraft::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            library: Vec::new(),
            library_selected: 0,
            art,
        };
        editor.validate();
        Ok(editor)
    }

    /// The same editor, knowing what the person's file holds now (`None`: no file), so that
    /// a save never replaces what someone else saved meanwhile.
    pub fn with_disk(mut self, on_disk: Option<String>) -> Self {
        self.on_disk = on_disk;
        self
    }

    /// The same editor, on a draft kept from an edit that was not saved.
    pub fn on_draft(mut self) -> Self {
        self.from_draft = true;
        self.status = Some(
            "this is your edit that was not saved: s saves it; leaving without saving lets it go"
                .to_string(),
        );
        self
    }

    /// The routine as it would run, when the text has no problems.
    pub fn routine(&self) -> Option<&Routine> {
        self.routine.as_ref()
    }

    /// Every problem the text has now, in file order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The file as it would be saved.
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// True when the text differs from what is on disk.
    pub fn unsaved(&self) -> bool {
        self.text() != self.saved_text
    }

    /// The steps in order, as the list shows them.
    pub fn steps(&self) -> Vec<StepRow> {
        let Some(steps) = self.doc.get("step").and_then(Item::as_array_of_tables) else {
            return Vec::new();
        };
        steps.iter().map(step_row).collect()
    }

    /// The routine's name as written, or empty.
    pub fn name(&self) -> String {
        self.doc
            .get("name")
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_string()
    }

    /// Handles a key.
    pub fn update(&mut self, action: EditorAction) -> Vec<EditorEffect> {
        match (self.overlay, action) {
            (EditorOverlay::ConfirmQuit, EditorAction::Yes) => self.leave(true),
            (_, EditorAction::Quit) => self.ask_to_quit(),
            (EditorOverlay::Instructions, EditorAction::QuitWriting(text)) => {
                // What was written counts as written, so that Ctrl-C never throws it away.
                self.write_instructions(text);
                self.ask_to_quit();
            }
            (EditorOverlay::ConfirmQuit, EditorAction::No | EditorAction::Back) => {
                self.overlay = EditorOverlay::None;
            }
            (EditorOverlay::ConfirmQuit, _) => {}
            (
                EditorOverlay::Rename(_) | EditorOverlay::Library | EditorOverlay::Instructions,
                action,
            ) => self.typed(action),
            (EditorOverlay::Help, _) => self.overlay = EditorOverlay::None,
            (EditorOverlay::ConfirmLeave, EditorAction::Yes) => {
                self.leave(false);
                return self.let_draft_go();
            }
            (EditorOverlay::ConfirmLeave, EditorAction::No | EditorAction::Back) => {
                self.overlay = EditorOverlay::None;
            }
            (EditorOverlay::ConfirmLeave, _) => {}
            (EditorOverlay::None, action) => return self.act(action),
        }
        Vec::new()
    }

    /// Ctrl-C: quits at once when everything is saved; otherwise asks, as leaving does, so
    /// that a reflex never throws an edit away.
    fn ask_to_quit(&mut self) {
        if self.unsaved() {
            self.overlay = EditorOverlay::ConfirmQuit;
        } else {
            self.leave(true);
        }
    }

    /// Leaving a draft unsaved, when asked, lets it go: otherwise it would open every time.
    fn let_draft_go(&mut self) -> Vec<EditorEffect> {
        if !std::mem::take(&mut self.from_draft) {
            return Vec::new();
        }
        vec![EditorEffect::ForgetDraft {
            id: self.id.clone(),
        }]
    }

    /// Closes the editor; `quit` closes bedstretch too.
    fn leave(&mut self, quit: bool) {
        self.overlay = EditorOverlay::None;
        self.closed = true;
        self.quit = quit;
    }

    /// The routine's own time, as the file says or by default; `None` when unreadable.
    pub fn timing_secs(&self, timing: Timing) -> Option<u64> {
        if self.doc.get(timing.key()).is_none() {
            return Some(timing.default_secs());
        }
        read_secs(self.doc.as_table(), timing.key())
    }

    fn act(&mut self, action: EditorAction) -> Vec<EditorEffect> {
        let count = self.step_count();
        // Above the steps, the arrows walk the routine's times and +/- change the one chosen;
        // step keys wait until a step is chosen again.
        if let Some(timing) = self.timing {
            let at = Timing::ALL.iter().position(|t| *t == timing).unwrap_or(0);
            match action {
                EditorAction::Up => self.timing = Some(Timing::ALL[at.saturating_sub(1)]),
                EditorAction::Down => {
                    self.timing = Timing::ALL.get(at + 1).copied();
                    self.selected = 0;
                }
                EditorAction::Longer => self.nudge_timing(timing, 1),
                EditorAction::Shorter => self.nudge_timing(timing, -1),
                EditorAction::Undo
                | EditorAction::Redo
                | EditorAction::Save
                | EditorAction::Help
                | EditorAction::Back
                | EditorAction::RenameRoutine => return self.act_on_steps(action, count),
                _ => {}
            }
            return Vec::new();
        }
        self.act_on_steps(action, count)
    }

    /// A key while the steps are chosen: moving, the overlays, undo and save; a change to
    /// the selected step goes to [`Self::edit_step`].
    fn act_on_steps(&mut self, action: EditorAction, count: usize) -> Vec<EditorEffect> {
        match action {
            EditorAction::Up if self.selected == 0 => self.timing = Some(Timing::Switch),
            EditorAction::Up => self.selected -= 1,
            EditorAction::Down => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
            }
            EditorAction::LessRest
            | EditorAction::MoreRest
            | EditorAction::LessSwitch
            | EditorAction::MoreSwitch
            | EditorAction::MoreReps
            | EditorAction::FewerReps
            | EditorAction::MoveUp
            | EditorAction::MoveDown
            | EditorAction::Delete
            | EditorAction::Duplicate
            | EditorAction::ToggleSides => self.edit_step(action, count),
            EditorAction::Longer | EditorAction::Shorter => self.nudge_duration(action),
            EditorAction::RenameStep if count > 0 => {
                let name = self.steps().get(self.selected).map(|s| s.name.clone());
                self.input = LineDraft::new(name.unwrap_or_default());
                self.overlay = EditorOverlay::Rename(Field::Step);
            }
            EditorAction::EditInstructions if count > 0 => {
                self.overlay = EditorOverlay::Instructions;
            }
            EditorAction::AddStep => {
                self.input = LineDraft::default();
                self.library_selected = 0;
                self.overlay = EditorOverlay::Library;
            }
            EditorAction::RenameRoutine => {
                self.input = LineDraft::new(self.name());
                self.overlay = EditorOverlay::Rename(Field::Routine);
            }
            EditorAction::Undo => self.undo(),
            EditorAction::Redo => self.redo(),
            EditorAction::Save => return self.save(),
            EditorAction::Help => self.overlay = EditorOverlay::Help,
            EditorAction::Back if self.unsaved() => self.overlay = EditorOverlay::ConfirmLeave,
            EditorAction::Back => self.closed = true,
            _ => {}
        }
        Vec::new()
    }

    /// Changes the selected step, or the steps' order; nothing when there is no step to change.
    fn edit_step(&mut self, action: EditorAction, count: usize) {
        match action {
            EditorAction::LessRest | EditorAction::MoreRest if count > 0 => {
                let by = if action == EditorAction::MoreRest {
                    1
                } else {
                    -1
                };
                self.nudge_step_timing(Timing::Rest, by);
            }
            EditorAction::LessSwitch | EditorAction::MoreSwitch if count > 0 => {
                let by = if action == EditorAction::MoreSwitch {
                    1
                } else {
                    -1
                };
                self.nudge_step_timing(Timing::Switch, by);
            }
            EditorAction::MoreReps | EditorAction::FewerReps if count > 0 => {
                let at = self.selected;
                let reps = self.steps().get(at).and_then(|s| s.reps);
                let reps = match (action, reps) {
                    (EditorAction::MoreReps, None) => Some(1),
                    (EditorAction::MoreReps, Some(n)) => Some((n + 1).min(MAX_REPS)),
                    (_, Some(n)) if n > 1 => Some(n - 1),
                    _ => None,
                };
                self.change(|steps, _| set_reps(steps, at, reps), at);
            }
            EditorAction::MoveUp if self.selected > 0 => {
                let at = self.selected;
                self.change(|steps, _| swap(steps, at - 1, at), at - 1);
            }
            EditorAction::MoveDown if self.selected + 1 < count => {
                let at = self.selected;
                self.change(|steps, _| swap(steps, at, at + 1), at + 1);
            }
            EditorAction::Delete if count > 0 => {
                let at = self.selected;
                let selected = at.min(count.saturating_sub(2));
                self.change(|steps, places| remove(steps, places, at), selected);
            }
            EditorAction::Duplicate if count > 0 => {
                let at = self.selected;
                self.change(
                    |steps, _| {
                        if let Some(copy) = steps.get(at).cloned() {
                            steps.insert(at + 1, copy);
                        }
                    },
                    at + 1,
                );
            }
            EditorAction::ToggleSides if count > 0 => {
                let at = self.selected;
                self.change(|steps, _| toggle_sides(steps, at), at);
            }
            _ => {}
        }
    }

    /// The save asked for has been carried out, or not.
    pub fn saved(&mut self, result: Result<(), String>) {
        let Some(text) = self.saving.take() else {
            return;
        };
        match result {
            Ok(()) => {
                self.status = Some(if self.from_bundled {
                    "saved as your own copy; it replaces the bundled one".to_string()
                } else {
                    "saved".to_string()
                });
                self.on_disk = Some(text.clone());
                self.saved_text = text;
                self.from_bundled = false;
                self.from_draft = false;
                self.saved_any = true;
            }
            Err(problem) => self.status = Some(format!("not saved: {problem}")),
        }
    }

    fn save(&mut self) -> Vec<EditorEffect> {
        if !self.problems.is_empty() {
            let n = self.problems.len();
            let s = if n == 1 { "" } else { "s" };
            self.status = Some(format!("not saved: fix the {n} problem{s} first"));
            return Vec::new();
        }
        let text = self.text();
        self.saving = Some(text.clone());
        vec![EditorEffect::Save {
            id: self.id.clone(),
            text,
            expected: self.on_disk.clone(),
        }]
    }

    fn step_count(&self) -> usize {
        self.doc
            .get("step")
            .and_then(Item::as_array_of_tables)
            .map_or(0, ArrayOfTables::len)
    }

    fn nudge_timing(&mut self, timing: Timing, by: i64) {
        let Some(secs) = self.timing_secs(timing) else {
            self.status = Some(format!("{} cannot be read; fix it first", timing.key()));
            return;
        };
        let secs = secs.saturating_add_signed(by).min(MAX_SECS);
        let selected = self.selected;
        self.change_doc(
            |doc| set_secs(doc.as_table_mut(), timing.key(), secs),
            Some(selected),
        );
    }

    /// The selected step's own rest or switch, from what it has now (its own, or the
    /// routine's); the step keeps its own from then on.
    fn nudge_step_timing(&mut self, timing: Timing, by: i64) {
        let at = self.selected;
        let step = self.steps().get(at).cloned();
        let own = step.and_then(|s| match timing {
            Timing::Switch => s.switch_secs,
            _ => s.rest_secs,
        });
        let Some(secs) = own.or_else(|| self.timing_secs(timing)) else {
            self.status = Some(format!("{} cannot be read; fix it first", timing.key()));
            return;
        };
        let secs = secs.saturating_add_signed(by).min(MAX_SECS);
        self.change(
            |steps, _| {
                if let Some(step) = steps.get_mut(at) {
                    set_secs(step, timing.key(), secs);
                }
            },
            at,
        );
    }

    fn nudge_duration(&mut self, action: EditorAction) {
        let at = self.selected;
        let Some(secs) = self.steps().get(at).and_then(|s| s.duration_secs) else {
            self.status = Some("this step's duration cannot be read; fix it first".to_string());
            return;
        };
        let secs = match action {
            EditorAction::Longer => secs.saturating_add(DURATION_STEP),
            _ => secs.saturating_sub(DURATION_STEP),
        }
        .clamp(MIN_SECS, MAX_SECS);
        self.change(|steps, _| set_duration(steps, at, secs), at);
    }

    /// Applies one change to the document, remembering the document before it for undo; a
    /// change that changes nothing is not remembered. `selected` is the step to select after.
    fn change_doc(&mut self, edit: impl FnOnce(&mut DocumentMut), selected: Option<usize>) {
        let before = self.doc.clone();
        edit(&mut self.doc);
        if self.doc.to_string() == before.to_string() {
            self.doc = before;
            return;
        }
        self.undo.push((before, self.selected));
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
        if let Some(selected) = selected {
            self.selected = selected;
        }
        self.status = None;
        self.validate();
    }

    /// Applies one change to the steps, remembering the document before it for undo; a
    /// change that changes nothing is not remembered.
    fn change(&mut self, edit: impl FnOnce(&mut Vec<Table>, &mut Vec<Place>), selected: usize) {
        self.change_doc(
            |doc| {
                let Some(steps) = doc.get_mut("step").and_then(Item::as_array_of_tables_mut) else {
                    return;
                };
                // The document orders tables by their place in the original file, not by
                // their index in the array; and what stands above a step, up to a blank line,
                // is about that step, while what stands above that blank line (a "--- steps
                // ---" heading) is about the place. So each place keeps its position and its
                // heading, and the steps, each with its own comment, move through them.
                let mut tables: Vec<Table> = std::mem::take(steps).into_iter().collect();
                let mut places: Vec<Place> = tables.iter_mut().map(Place::take).collect();
                edit(&mut tables, &mut places);
                for (i, table) in tables.iter_mut().enumerate() {
                    let place = places.get(i).cloned().unwrap_or_else(|| Place {
                        // A copy takes the place after the last one, a blank line above it.
                        position: places.last().and_then(|p| p.position),
                        heading: "\n".to_string(),
                    });
                    place.give(table);
                }
                for table in tables {
                    steps.push(table);
                }
            },
            Some(selected),
        );
    }

    fn undo(&mut self) {
        self.travel(true);
    }

    fn redo(&mut self) {
        self.travel(false);
    }

    /// One step back through the changes (`back`), or forward again: the document swaps
    /// with the one remembered, which the other way then remembers.
    fn travel(&mut self, back: bool) {
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some((doc, selected)) = from.pop() else {
            let what = if back { "undo" } else { "redo" };
            self.status = Some(format!("nothing to {what}"));
            return;
        };
        let now = std::mem::replace(&mut self.doc, doc);
        to.push((now, self.selected));
        self.selected = selected;
        // What was said of the text before ("not saved: fix …") may no longer hold.
        self.status = None;
        self.validate();
    }

    fn validate(&mut self) {
        match parse_routine(&self.id, self.text().as_bytes(), self.art) {
            Ok(routine) => {
                self.routine = Some(routine);
                self.problems.clear();
            }
            Err(problems) => {
                self.routine = None;
                self.problems = problems;
            }
        }
        self.selected = self.selected.min(self.step_count().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests;
