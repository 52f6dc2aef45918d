//! The step library: every step of every bundled routine, to add to a routine of one's own,
//! found by typing part of its name or its routine's.

use toml_edit::{DocumentMut, Item, Table};

/// One step the library offers.
#[derive(Debug, Clone)]
pub struct LibraryStep {
    /// The step's name.
    pub name: String,
    /// The name of the bundled routine it comes from.
    pub routine: String,
    /// What to do, as the bundled routine says it.
    pub instructions: String,
    /// Its illustration's name, if it has one.
    pub art: Option<String>,
    /// The step as written, to copy in whole.
    pub(super) table: Table,
}

/// Every step of these routines, given as (id, TOML text), in their order. A text that does
/// not parse gives no steps: the library is a help, never a reason to fail.
pub fn library(sources: &[(&str, &str)]) -> Vec<LibraryStep> {
    let mut steps = Vec::new();
    for (_, text) in sources {
        let Ok(doc) = text.parse::<DocumentMut>() else {
            continue;
        };
        let routine = doc.get("name").and_then(Item::as_str).unwrap_or_default();
        let Some(tables) = doc.get("step").and_then(Item::as_array_of_tables) else {
            continue;
        };
        for table in tables {
            let text = |key: &str| table.get(key).and_then(Item::as_str).map(str::to_string);
            steps.push(LibraryStep {
                name: text("name").unwrap_or_default(),
                routine: routine.to_string(),
                instructions: text("instructions").unwrap_or_default().trim().to_string(),
                art: text("art"),
                table: table.clone(),
            });
        }
    }
    steps
}

/// The steps whose name or routine holds `query`, ignoring case.
pub fn matching<'a>(steps: &'a [LibraryStep], query: &str) -> Vec<&'a LibraryStep> {
    let query = query.trim().to_lowercase();
    steps
        .iter()
        .filter(|s| {
            s.name.to_lowercase().contains(&query) || s.routine.to_lowercase().contains(&query)
        })
        .collect()
}

/// The step ready to go into another routine: its own comments stay behind, since they were
/// about its place in the routine it came from.
pub(super) fn copy_of(step: &LibraryStep) -> Table {
    let mut table = step.table.clone();
    table.decor_mut().set_prefix("");
    table
}
