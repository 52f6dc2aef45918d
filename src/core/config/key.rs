//! The config file's keys: their names, their order, and each value written back as TOML.

use super::Config;

/// The keys of the config file, in the order `bedstretch config` prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// `default_routine`
    DefaultRoutine,
    /// `day_starts_at`
    DayStartsAt,
    /// `min_completion`
    MinCompletion,
    /// `rest_days`
    RestDays,
    /// `bell`
    Bell,
    /// `theme`
    Theme,
    /// `voice`
    Voice,
    /// `voice_command`
    VoiceCommand,
    /// `sound`
    Sound,
    /// `sound_command`
    SoundCommand,
    /// `morning_ends_at`
    MorningEndsAt,
    /// `remind_at`
    RemindAt,
    /// `remind_again`
    RemindAgain,
    /// `on_session_end`
    OnSessionEnd,
}

impl Key {
    /// Every key, in the order of the documentation.
    pub const ALL: [Key; 14] = [
        Key::DefaultRoutine,
        Key::DayStartsAt,
        Key::MinCompletion,
        Key::RestDays,
        Key::Bell,
        Key::Theme,
        Key::Voice,
        Key::VoiceCommand,
        Key::Sound,
        Key::SoundCommand,
        Key::MorningEndsAt,
        Key::RemindAt,
        Key::RemindAgain,
        Key::OnSessionEnd,
    ];

    /// The key as written in the file.
    pub fn name(self) -> &'static str {
        match self {
            Key::DefaultRoutine => "default_routine",
            Key::DayStartsAt => "day_starts_at",
            Key::MinCompletion => "min_completion",
            Key::RestDays => "rest_days",
            Key::Bell => "bell",
            Key::Theme => "theme",
            Key::Voice => "voice",
            Key::VoiceCommand => "voice_command",
            Key::Sound => "sound",
            Key::SoundCommand => "sound_command",
            Key::MorningEndsAt => "morning_ends_at",
            Key::RemindAt => "remind_at",
            Key::RemindAgain => "remind_again",
            Key::OnSessionEnd => "on_session_end",
        }
    }

    /// The value this key has in `config`, written as TOML so it can be copied into the file.
    pub fn toml(self, config: &Config) -> String {
        let string = |s: &str| toml::Value::String(s.to_string()).to_string();
        // A command of the person's own as written, `""` for none.
        let command = |written: Option<&String>| string(written.map_or("", String::as_str));
        match self {
            Key::DefaultRoutine => string(&config.default_routine),
            Key::DayStartsAt => string(&config.day_starts_at.format("%H:%M").to_string()),
            Key::MinCompletion => toml::Value::Float(config.min_completion).to_string(),
            Key::RestDays => {
                let days: Vec<String> = config
                    .rest_days
                    .iter()
                    .map(|d| string(&d.to_string().to_lowercase()))
                    .collect();
                format!("[{}]", days.join(", "))
            }
            Key::Bell => config.bell.to_string(),
            Key::Theme => string(config.theme.name()),
            Key::Voice => config.voice.to_string(),
            Key::VoiceCommand => command(config.voice_command.as_ref().map(|c| &c.written)),
            Key::Sound => config.sound.to_string(),
            Key::SoundCommand => command(config.sound_command.as_ref().map(|c| &c.written)),
            Key::MorningEndsAt => string(&config.morning_ends_at.format("%H:%M").to_string()),
            Key::RemindAt => string(
                &config
                    .remind_at
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
            ),
            Key::RemindAgain => match config.remind_again_secs {
                0 => string("0"),
                secs => string(&crate::core::duration::format_secs(secs)),
            },
            Key::OnSessionEnd => command(config.on_session_end.as_ref().map(|c| &c.written)),
        }
    }
}
