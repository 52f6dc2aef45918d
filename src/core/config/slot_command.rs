//! A program of the person's own with one word that bedstretch fills in: `voice_command`
//! (`{text}`, the words to say) and `sound_command` (`{file}`, the sound to play). Its words
//! are split as a shell would split them (quotes keep spaces together), but no shell ever runs
//! it: each word that is exactly the slot is replaced by the value, as one whole argument. Step
//! names come from routine files that may be a stranger's, so they must never become part of
//! a command.

use std::marker::PhantomData;

/// The word a command has for bedstretch to fill in.
pub trait Slot {
    /// The word, as the person writes it.
    const WORD: &'static str;
}

/// `{text}`: the words a speaker says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSlot;

impl Slot for TextSlot {
    const WORD: &'static str = "{text}";
}

/// `{file}`: the path of the sound a player plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSlot;

impl Slot for FileSlot {
    const WORD: &'static str = "{file}";
}

/// A command of the person's own that speaks its `{text}` argument.
pub type VoiceCommand = SlotCommand<TextSlot>;

/// A command of the person's own that plays the sound file at its `{file}` argument.
pub type SoundCommand = SlotCommand<FileSlot>;

/// A command of the person's own with its slot `S` as a word of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotCommand<S> {
    /// As written in the config, so that `bedstretch config` shows it unchanged.
    pub written: String,
    /// The program, then its arguments; at least one argument is exactly `S::WORD`.
    words: Vec<String>,
    slot: PhantomData<S>,
}

impl<S: Slot> SlotCommand<S> {
    /// The command written in the config; `None` unless it names a program and has the slot
    /// as a word of its own (`"say {text}."` would glue the words to text that a shell might
    /// read, so it is refused rather than guessed at).
    pub fn parse(written: &str) -> Option<Self> {
        let words = shell_words::split(written).ok()?;
        let (program, args) = words.split_first()?;
        let usable = !program.trim().is_empty() && program != S::WORD;
        (usable && args.iter().any(|a| a == S::WORD)).then(|| Self {
            written: written.to_string(),
            words,
            slot: PhantomData,
        })
    }

    /// The program to run.
    pub fn program(&self) -> &str {
        self.words.first().map_or("", String::as_str)
    }

    /// The arguments with `value` in the slot: each slot word replaced by it, whole.
    pub fn args(&self, value: &str) -> Vec<String> {
        self.words
            .iter()
            .skip(1)
            .map(|word| if word == S::WORD { value } else { word }.to_string())
            .collect()
    }
}

#[cfg(test)]
#[path = "slot_command_tests.rs"]
mod tests;
