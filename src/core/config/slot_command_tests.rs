use super::super::tests::{VOICE_COMMAND_RULE, parse};
use super::super::{Config, Key};
use super::*;

#[test]
fn the_text_is_one_argument_whatever_it_holds() {
    let command = VoiceCommand::parse("espeak-ng -s '140' {text}").expect("usable");
    assert_eq!(command.program(), "espeak-ng");
    let text = "Toe \"flexes\"; rm -rf ~ $(reboot) 'x'";
    assert_eq!(command.args(text), ["-s", "140", text]);
}

#[test]
fn quoted_words_stay_together_and_text_may_come_twice() {
    let command = VoiceCommand::parse("'/opt/my speaker/say' --voice \"en gb\" {text} {text}")
        .expect("usable");
    assert_eq!(command.program(), "/opt/my speaker/say");
    assert_eq!(command.args("Rest"), ["--voice", "en gb", "Rest", "Rest"]);
}

#[test]
fn a_command_without_a_whole_text_word_or_a_program_is_refused() {
    for written in [
        "",
        "   ",
        "espeak-ng",
        "espeak-ng {text}.",
        "sh -c 'espeak-ng {text}'",
        "{text}",
        "'' {text}",
        "espeak-ng 'unclosed {text}",
    ] {
        assert_eq!(VoiceCommand::parse(written), None, "{written}");
    }
}

#[test]
fn voice_is_off_and_its_command_the_usual_speakers_by_default() {
    let config = Config::default();
    assert!(!config.voice);
    assert_eq!(config.voice_command, None);
    assert_eq!(Key::Voice.toml(&config), "false");
    assert_eq!(Key::VoiceCommand.toml(&config), "\"\"");
}

#[test]
fn a_voice_command_is_shown_as_written_and_empty_means_the_usual_speakers() {
    let (config, problems) = parse("voice_command = 'say -v \"Moira\" {text}'\n");
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(
        Key::VoiceCommand.toml(&config),
        "'say -v \"Moira\" {text}'",
        "TOML that reads back the same"
    );
    let (config, problems) = parse("voice = true\nvoice_command = \"\"\n");
    assert_eq!(problems, Vec::<String>::new());
    assert!(config.voice);
    assert_eq!(config.voice_command, None);
}

/// The problem with a `voice_command` value written as `got`, placed where a value on the
/// file's first line starts.
fn refused_value(got: &str) -> String {
    format!("1:17: {}", VOICE_COMMAND_RULE.replace("{got}", got))
}

#[test]
fn a_voice_command_a_shell_would_read_the_text_of_is_refused() {
    let (config, problems) = parse("voice_command = \"sh -c 'espeak-ng {text}'\"\n");
    assert_eq!(problems, [refused_value("\"sh -c 'espeak-ng {text}'\"")]);
    assert_eq!(config.voice_command, None);
    let (_, problems) = parse("voice_command = true\n");
    assert_eq!(problems, [refused_value("true")]);
}

#[test]
fn a_sound_command_takes_the_file_and_not_the_text() {
    let command = SoundCommand::parse("paplay --volume 30000 {file}").expect("usable");
    assert_eq!(
        command.args("/c/a b.wav"),
        ["--volume", "30000", "/c/a b.wav"]
    );
    assert_eq!(SoundCommand::parse("paplay {text}"), None);
    assert_eq!(VoiceCommand::parse("say {file}"), None);
}

#[test]
fn sounds_are_on_through_the_usual_players_by_default() {
    let config = Config::default();
    assert!(config.sound);
    assert_eq!(config.sound_command, None);
    assert_eq!(Key::Sound.toml(&config), "true");
    assert_eq!(Key::SoundCommand.toml(&config), "\"\"");
    let (config, problems) = parse("sound = false\nsound_command = 'aplay -q {file}'\n");
    assert_eq!(problems, Vec::<String>::new());
    assert!(!config.sound);
    assert_eq!(Key::SoundCommand.toml(&config), "\"aplay -q {file}\"");
}
