//! `voice_command`: a speaking program of the person's own. Its words are split as a shell
//! would split them (quotes keep spaces together), but no shell ever runs it: each word that is
//! exactly `{text}` is replaced by the words to say, as one whole argument. Step names come
//! from routine files that may be a stranger's, so they must never become part of a command.

/// The word that stands for what is said.
pub const TEXT: &str = "{text}";

/// A command of the person's own that speaks its `{text}` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceCommand {
    /// As written in the config, so that `bedstretch config` shows it unchanged.
    pub written: String,
    /// The program, then its arguments; at least one argument is exactly [`TEXT`].
    words: Vec<String>,
}

impl VoiceCommand {
    /// The command written in the config; `None` unless it names a program and has `{text}`
    /// as a word of its own (`"say {text}."` would glue the words to text that a shell might
    /// read, so it is refused rather than guessed at).
    pub fn parse(written: &str) -> Option<Self> {
        let words = shell_words::split(written).ok()?;
        let (program, args) = words.split_first()?;
        let usable = !program.trim().is_empty() && program != TEXT;
        (usable && args.iter().any(|a| a == TEXT)).then(|| Self {
            written: written.to_string(),
            words,
        })
    }

    /// The program to run.
    pub fn program(&self) -> &str {
        self.words.first().map_or("", String::as_str)
    }

    /// The arguments that say `text`: each `{text}` replaced by it, whole.
    pub fn args(&self, text: &str) -> Vec<String> {
        self.words
            .iter()
            .skip(1)
            .map(|word| if word == TEXT { text } else { word }.to_string())
            .collect()
    }
}

#[cfg(test)]
#[path = "voice_command_tests.rs"]
mod tests;
