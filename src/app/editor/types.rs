//! The editor's vocabulary: what a key asks of it, what shows over its steps, and what it
//! asks the shell to do.

use crate::core::problem::{Fault, Problem};

/// What a key asks of the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorAction {
    /// Select the step above.
    Up,
    /// Select the step below.
    Down,
    /// Move the selected step up one place.
    MoveUp,
    /// Move the selected step down one place.
    MoveDown,
    /// Delete the selected step.
    Delete,
    /// Put a copy of the selected step after it.
    Duplicate,
    /// Five seconds more per side.
    Longer,
    /// Five seconds less per side.
    Shorter,
    /// Left and right sides on or off.
    ToggleSides,
    /// Take back the last change.
    Undo,
    /// Make the last undone change again.
    Redo,
    /// One rep more (from none, one).
    MoreReps,
    /// One rep fewer (below one, none).
    FewerReps,
    /// Open the step library, to add a step after the selected one.
    AddStep,
    /// A second less rest after the selected step.
    LessRest,
    /// A second more rest after the selected step.
    MoreRest,
    /// A second less between the selected step's sides.
    LessSwitch,
    /// A second more between the selected step's sides.
    MoreSwitch,
    /// Edit the selected step's instructions, in the view's text box.
    EditInstructions,
    /// Esc in the instructions: the text written in the view's text box, kept as the step's
    /// (one undo takes it back).
    Written(String),
    /// Ctrl-C in the instructions: the text written so far is kept, then bedstretch quits as
    /// [`EditorAction::Quit`] does.
    QuitWriting(String),
    /// Rename the selected step.
    RenameStep,
    /// Rename the routine.
    RenameRoutine,
    /// A key typed into the name being edited, or into the library's search.
    Type(TextEdit),
    /// Save the file.
    Save,
    /// Show or hide the keys.
    Help,
    /// Leave the editor (asks first when there are unsaved changes).
    Back,
    /// Ctrl-C: quit bedstretch from the editor (asks first when there are unsaved changes).
    Quit,
    /// Yes to the question shown.
    Yes,
    /// No to the question shown.
    No,
}

/// What a key does to a line being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    /// Put this character at the cursor.
    Insert(char),
    /// Delete the character before the cursor (Backspace).
    DeleteBack,
    /// Delete the character at the cursor (Delete).
    DeleteForward,
    /// Move the cursor a character left.
    Left,
    /// Move the cursor a character right.
    Right,
    /// Move the cursor to the start.
    Home,
    /// Move the cursor to the end.
    End,
}

/// What shows over the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorOverlay {
    /// Nothing: the steps.
    None,
    /// The keys.
    Help,
    /// "Leave without saving?"
    ConfirmLeave,
    /// "Quit bedstretch without saving?", after Ctrl-C.
    ConfirmQuit,
    /// A name being typed: Enter keeps it, Esc forgets it.
    Rename(Field),
    /// The step library, searched by typing: Enter adds the chosen step, Esc closes it.
    Library,
    /// The selected step's instructions, in the view's text box; Esc keeps them.
    Instructions,
}

/// One of the routine's own times, above the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// The get-ready countdown before the first step.
    LeadIn,
    /// The pause between steps.
    Rest,
    /// The pause between the sides of a step.
    Switch,
}

impl Timing {
    /// All three, in the order they show.
    pub const ALL: [Timing; 3] = [Timing::LeadIn, Timing::Rest, Timing::Switch];

    /// Its key in the file.
    pub fn key(self) -> &'static str {
        match self {
            Timing::LeadIn => "lead_in",
            Timing::Rest => "rest",
            Timing::Switch => "switch",
        }
    }

    /// Its name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Timing::LeadIn => "Lead-in",
            Timing::Rest => "Rest between steps",
            Timing::Switch => "Switch sides",
        }
    }

    /// What bedstretch uses when the file does not say.
    pub(super) fn default_secs(self) -> u64 {
        match self {
            Timing::LeadIn | Timing::Rest => 5,
            Timing::Switch => 3,
        }
    }
}

/// A text the person can type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The routine's name.
    Routine,
    /// The selected step's name.
    Step,
}

/// What the shell must do for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorEffect {
    /// Write this text as the user routine `id` (answered through [`EditorApp::saved`]).
    Save {
        /// The routine's id, its file stem.
        id: String,
        /// The whole file.
        text: String,
        /// What the file held when the editor read or last saved it (`None`: no file). A
        /// file that holds anything else now was changed by someone else, and is not
        /// replaced.
        expected: Option<String>,
    },
    /// Let go of the draft that the editor opened, which the person chose not to save.
    ForgetDraft {
        /// The routine's id.
        id: String,
    },
}

/// One step as the list shows it, read leniently from the document so that a step with a
/// problem still shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRow {
    /// The name, or empty when it has none.
    pub name: String,
    /// Hold time per side, when it can be read.
    pub duration_secs: Option<u64>,
    /// Side labels; empty for a step done once.
    pub sides: Vec<String>,
    /// Repetitions, when set.
    pub reps: Option<i64>,
    /// The rest after it, when the step sets its own.
    pub rest_secs: Option<u64>,
    /// The pause between its sides, when the step sets its own.
    pub switch_secs: Option<u64>,
}

/// A problem as the editor says it: by step and field ("step 2: name is empty"), since the
/// person editing here never sees the file's lines and columns.
pub fn problem_words(problem: &Problem) -> String {
    let what = match &problem.fault {
        Fault::Rule { key, got, .. } if got == "\"\"" => format!("{} is empty", field(key)),
        Fault::Rule { key, rule, got } => format!("{} must be {rule}, got {got}", field(key)),
        Fault::Missing(key) => format!("{} is missing", field(key)),
        other => other.to_string(),
    };
    match problem.step {
        Some((n, _)) => format!("step {n}: {what}"),
        None => what,
    }
}

/// A key of the file by the name the editor shows it under.
fn field(key: &str) -> &str {
    match key {
        "lead_in" => Timing::LeadIn.label(),
        "rest" => "rest",
        "switch" => "switch sides",
        other => other,
    }
}
