//! The editor's changes to the TOML document itself, each keeping what the person wrote
//! around the value it changes.

use toml_edit::{Array, Item, Table, Value};

use super::types::StepRow;

/// One step as the list shows it, read leniently so that a step with a problem still shows.
pub(super) fn step_row(table: &Table) -> StepRow {
    let duration_secs = read_secs(table, "duration");
    let sides = table
        .get("sides")
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    StepRow {
        name: table
            .get("name")
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_string(),
        duration_secs,
        sides,
        reps: table.get("reps").and_then(Item::as_integer),
        rest_secs: read_secs(table, "rest"),
        switch_secs: read_secs(table, "switch"),
    }
}

/// The comments and blank lines written before a table's header.
fn comment_before(table: &Table) -> String {
    table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_string()
}

/// Where a step stands in the file: its position, and the lines above it that are about the
/// place rather than the step.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub(super) position: Option<isize>,
    pub(super) heading: String,
}

impl Place {
    /// Takes the place from a table, leaving it only its own comment.
    pub(super) fn take(table: &mut Table) -> Self {
        let prefix = comment_before(table);
        // Everything up to the last blank line is the place's; the rest is the step's.
        let cut = prefix
            .rfind("\n\n")
            .map_or_else(|| usize::from(prefix.starts_with('\n')), |at| at + 2);
        let (heading, own) = prefix.split_at(cut);
        let heading = heading.to_string();
        table.decor_mut().set_prefix(own.to_string());
        Self {
            position: table.position(),
            heading,
        }
    }

    /// Puts a table in this place.
    pub(super) fn give(self, table: &mut Table) {
        let own = comment_before(table);
        table
            .decor_mut()
            .set_prefix(format!("{}{own}", self.heading));
        if self.position.is_some() {
            table.set_position(self.position);
        }
    }
}

/// Removes a step and its place; the first place's heading stays first, giving up the
/// second place instead.
pub(super) fn remove(steps: &mut Vec<Table>, places: &mut Vec<Place>, at: usize) {
    if at < steps.len() {
        steps.remove(at);
    }
    let place = if at == 0 { 1 } else { at };
    if place < places.len() {
        places.remove(place);
    } else if at < places.len() {
        places.remove(at);
    }
}

/// Swaps two steps; out of range, nothing happens.
pub(super) fn swap(steps: &mut [Table], a: usize, b: usize) {
    if a < steps.len() && b < steps.len() {
        steps.swap(a, b);
    }
}

/// Replaces a value, keeping the spaces and comment the person had around it.
pub(super) fn replace_value(table: &mut Table, key: &str, mut value: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Writes a step's duration in the form the file already used.
pub(super) fn set_duration(steps: &mut [Table], at: usize, secs: u64) {
    if let Some(step) = steps.get_mut(at) {
        set_secs(step, "duration", secs);
    }
}

/// Seconds under `key`, written as a string or a number; `None` when absent or unreadable.
pub(super) fn read_secs(table: &Table, key: &str) -> Option<u64> {
    match table.get(key).and_then(Item::as_value) {
        Some(Value::String(s)) => crate::core::duration::parse_secs(s.value()),
        Some(Value::Integer(n)) => u64::try_from(*n.value()).ok(),
        Some(Value::Float(f)) => crate::core::duration::float_secs(*f.value()).ok(),
        _ => None,
    }
}

/// Writes seconds under `key` in the form the file already used: a number stays a number,
/// a 'literal' string stays one.
pub(super) fn set_secs(table: &mut Table, key: &str, secs: u64) {
    let was_number = matches!(table.get(key), Some(Item::Value(Value::Integer(_))));
    let literal = match table.get(key) {
        Some(Item::Value(Value::String(s))) => s
            .as_repr()
            .and_then(|r| r.as_raw().as_str())
            .is_some_and(|raw| raw.starts_with('\'')),
        _ => false,
    };
    let text = duration_text(secs);
    let value = match i64::try_from(secs) {
        Ok(n) if was_number => Value::from(n),
        // The text never holds a quote, so it always parses.
        _ if literal => format!("'{text}'")
            .parse()
            .unwrap_or_else(|_| Value::from(text)),
        _ => Value::from(text),
    };
    replace_value(table, key, value);
}

/// Sets a step's reps, or removes them with `None`.
pub(super) fn set_reps(steps: &mut [Table], at: usize, reps: Option<i64>) {
    let Some(step) = steps.get_mut(at) else {
        return;
    };
    match reps {
        Some(n) => replace_value(step, "reps", Value::from(n)),
        None => {
            step.remove("reps");
        }
    }
}

/// Seconds as a routine file writes them: "45s", "2m", "1m30s".
pub(super) fn duration_text(secs: u64) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m{s}s"),
    }
}

/// A step with sides loses them; one without gets left and right.
pub(super) fn toggle_sides(steps: &mut [Table], at: usize) {
    let Some(step) = steps.get_mut(at) else {
        return;
    };
    let has_sides = step
        .get("sides")
        .and_then(Item::as_array)
        .is_some_and(|a| !a.is_empty());
    if has_sides {
        step.remove("sides");
    } else {
        let sides: Array = ["left", "right"].into_iter().collect();
        replace_value(step, "sides", Value::Array(sides));
    }
}
