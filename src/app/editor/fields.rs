//! The editor's text fields: a name being typed, and the step library searched by typing.
//! A child of the editor's module, so it works on the editor's own state.

use toml_edit::{ArrayOfTables, Item, Table, Value};

use super::EditorApp;
use super::doc::replace_value;
use super::library::{LibraryStep, copy_of, library, matching};
use super::types::{EditorAction, EditorOverlay, Field};

impl EditorApp {
    /// The same editor, with the steps of these routines, as (id, TOML text), to add from.
    pub fn with_library(mut self, sources: &[(&str, &str)]) -> Self {
        self.library = library(sources);
        self
    }

    /// The library's steps for the text typed, and the index of the chosen one.
    pub fn library_matches(&self) -> (Vec<&LibraryStep>, usize) {
        let found = matching(&self.library, self.input.text());
        let chosen = self.library_selected.min(found.len().saturating_sub(1));
        (found, chosen)
    }

    /// The picture of a bundled illustration.
    pub fn art_picture(&self, name: &str) -> Option<&'static str> {
        self.art.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }

    /// The selected step's instructions as written, which the view's text box opens with.
    pub fn instructions(&self) -> String {
        self.instructions_of(self.selected).unwrap_or_default()
    }

    /// Writes `text` as the step's instructions: several lines as a literal block ('''), as
    /// people write them by hand; one line, or text a literal block cannot hold, as a quoted
    /// string.
    pub(super) fn write_instructions(&mut self, text: String) {
        let at = self.selected;
        if self.instructions_of(at).unwrap_or_default() == text {
            return;
        }
        let block = text.contains('\n') && !text.contains("'''");
        let value = if block {
            format!("'''\n{text}'''")
                .parse()
                .unwrap_or_else(|_| Value::from(text.clone()))
        } else {
            Value::from(text.clone())
        };
        self.change(
            |steps, _| {
                if let Some(step) = steps.get_mut(at) {
                    replace_value(step, "instructions", value);
                }
            },
            at,
        );
    }

    /// A step's instructions as written, if it has any.
    fn instructions_of(&self, at: usize) -> Option<String> {
        self.doc
            .get("step")
            .and_then(Item::as_array_of_tables)
            .and_then(|steps| steps.get(at))
            .and_then(|step| step.get("instructions"))
            .and_then(Item::as_str)
            .map(str::to_string)
    }

    /// The name being typed, and the cursor in it (in characters).
    pub fn input(&self) -> (&str, usize) {
        (self.input.text(), self.input.cursor())
    }

    /// Handles a key while a name is typed or the library shows.
    pub(super) fn typed(&mut self, action: EditorAction) {
        match (self.overlay, action) {
            (EditorOverlay::Rename(_), EditorAction::Type(edit)) => {
                self.input.edit(edit);
            }
            (EditorOverlay::Rename(field), EditorAction::Yes) => {
                self.overlay = EditorOverlay::None;
                self.rename(field);
            }
            (EditorOverlay::Rename(_), EditorAction::No | EditorAction::Back) => {
                self.overlay = EditorOverlay::None;
            }
            (EditorOverlay::Rename(_), _) => {}
            (EditorOverlay::Library, EditorAction::Type(edit)) => {
                self.input.edit(edit);
                self.library_selected = 0;
            }
            (EditorOverlay::Library, EditorAction::Up) => {
                self.library_selected = self.library_matches().1.saturating_sub(1);
            }
            (EditorOverlay::Library, EditorAction::Down) => {
                let (found, chosen) = self.library_matches();
                self.library_selected = (chosen + 1).min(found.len().saturating_sub(1));
            }
            (EditorOverlay::Library, EditorAction::Yes) => {
                let (found, chosen) = self.library_matches();
                if let Some(step) = found.get(chosen) {
                    let table = copy_of(step);
                    self.overlay = EditorOverlay::None;
                    self.add_step(table);
                }
            }
            (EditorOverlay::Library, EditorAction::No | EditorAction::Back) => {
                self.overlay = EditorOverlay::None;
            }
            (EditorOverlay::Instructions, EditorAction::Written(text)) => {
                self.overlay = EditorOverlay::None;
                self.write_instructions(text);
            }
            // Only the overlays above come here.
            _ => {}
        }
    }

    /// Puts a step after the selected one (first, when there are none), and selects it.
    fn add_step(&mut self, table: Table) {
        let count = self.step_count();
        let at = if count == 0 { 0 } else { self.selected + 1 };
        if self.doc.get("step").is_none() {
            // A routine with no steps at all gets its array, which the change then fills.
            self.doc
                .insert("step", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        self.change(|steps, _| steps.insert(at.min(steps.len()), table), at);
    }

    /// Writes the typed name; an empty or too long one shows as a problem, like any other.
    fn rename(&mut self, field: Field) {
        let name = Value::from(self.input.text().to_string());
        match field {
            Field::Routine => {
                self.change_doc(|doc| replace_value(doc.as_table_mut(), "name", name), None);
            }
            Field::Step => {
                let at = self.selected;
                self.change(
                    |steps, _| {
                        if let Some(step) = steps.get_mut(at) {
                            replace_value(step, "name", name);
                        }
                    },
                    at,
                );
            }
        }
    }
}
