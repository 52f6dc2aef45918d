//! `on_session_end`: a command of the person's own, run after every recorded session. Its
//! words are split as a shell would split them (quotes keep spaces together), but no shell
//! ever runs it, so nothing in a routine's name or a note can become part of a command.

/// A command of the person's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookCommand {
    /// As written in the config, so that `bedstretch config` shows it unchanged.
    pub written: String,
    /// The program, then its arguments.
    words: Vec<String>,
}

impl HookCommand {
    /// The command written in the config; `None` unless it names a program.
    pub fn parse(written: &str) -> Option<Self> {
        let words = shell_words::split(written).ok()?;
        let program = words.first()?;
        (!program.trim().is_empty()).then(|| Self {
            written: written.to_string(),
            words,
        })
    }

    /// The program to run.
    pub fn program(&self) -> &str {
        self.words.first().map_or("", String::as_str)
    }

    /// Its arguments.
    pub fn args(&self) -> &[String] {
        self.words.get(1..).unwrap_or_default()
    }
}
