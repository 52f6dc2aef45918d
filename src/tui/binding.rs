//! One key binding, the row of every screen's key table: dispatch and the footer read it.

use crossterm::event::KeyCode;

use crate::app::session::Action;

/// One binding: the keys, how the footer names them, and what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A = Action> {
    /// Every key that triggers it.
    pub keys: &'static [KeyCode],
    /// The keys as the footer shows them.
    pub label: &'static str,
    /// A word or two for the footer.
    pub hint: &'static str,
    /// The longer line for the help screen.
    pub help: &'static str,
    /// What it does.
    pub action: A,
}

/// A binding, written as one line of a table.
pub(super) const fn bind<A>(
    keys: &'static [KeyCode],
    label: &'static str,
    hint: &'static str,
    help: &'static str,
    action: A,
) -> Binding<A> {
    Binding {
        keys,
        label,
        hint,
        help,
        action,
    }
}

/// A key that shares the row before it: it does its own thing, but has no name of its own
/// in the footer or the help (an empty label keeps it out of both).
pub(super) const fn also<A>(keys: &'static [KeyCode], action: A) -> Binding<A> {
    bind(keys, "", "", "", action)
}
