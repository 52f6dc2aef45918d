use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{NaiveTime, Weekday};
use proptest::prelude::*;

use super::*;

/// The settings and the problems (as `LINE:COL: message`) from a config text.
pub(super) fn parse(text: &str) -> (Config, Vec<String>) {
    let parsed = keys::parse(text, &BTreeSet::new());
    let problems = parsed
        .problems
        .into_iter()
        .map(|(place, fault)| match place {
            Some((line, column)) => format!("{line}:{column}: {fault}"),
            None => fault.to_string(),
        })
        .collect();
    (parsed.config, problems)
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a time")
}

/// Good values for every key but `bell`, to show that one bad key costs only itself.
const GOOD: &str = "default_routine = \"quick\"\nday_starts_at = \"05:30\"\nmin_completion = 0.5\n\
                    rest_days = [\"sat\", \"Sunday\"]\nbell = false\ntheme = \"night\"\n\
                    morning_ends_at = \"11:15\"\nremind_at = \"22:30\"\nvoice = true\n\
                    voice_command = \"espeak-ng -s 140 {text}\"\nremind_again = \"1h\"\n\
                    sound = false\nsound_command = \"paplay --volume 30000 {file}\"\n\
                    on_session_end = \"sh -c 'cat >> \\\"$HOME/stretch log\\\"'\"\n";

fn good() -> Config {
    Config {
        default_routine: "quick".into(),
        day_starts_at: time(5, 30),
        min_completion: 0.5,
        rest_days: vec![Weekday::Sat, Weekday::Sun],
        bell: false,
        theme: ThemeName::Night,
        morning_ends_at: time(11, 15),
        remind_at: Some(time(22, 30)),
        voice: true,
        voice_command: VoiceCommand::parse("espeak-ng -s 140 {text}"),
        sound: false,
        sound_command: SoundCommand::parse("paplay --volume 30000 {file}"),
        remind_again_secs: 3600,
        on_session_end: HookCommand::parse("sh -c 'cat >> \"$HOME/stretch log\"'"),
    }
}

#[test]
fn the_session_end_command_is_split_like_a_shell_would_and_run_by_none() {
    let hook = good().on_session_end.expect("a command");
    assert_eq!(hook.program(), "sh");
    assert_eq!(hook.args(), ["-c", "cat >> \"$HOME/stretch log\""]);
    assert_eq!(HookCommand::parse("   "), None);
    assert_eq!(HookCommand::parse("'unclosed"), None);
}

#[test]
fn remind_again_is_zero_or_five_minutes_to_twelve_hours() {
    let cases = [
        ("\"0\"", Some(0)),
        ("0", Some(0)),
        ("\"30m\"", Some(1800)),
        ("\"5 min\"", Some(300)),
        ("\"1m\"", None),
        ("\"13h\"", None),
        ("true", None),
    ];
    for (value, want) in cases {
        let text = format!("remind_again = {value}");
        let text = text.as_str();
        let (config, problems) = parse(text);
        match want {
            Some(secs) => assert_eq!(
                (config.remind_again_secs, problems.len()),
                (secs, 0),
                "{text}"
            ),
            None => {
                assert_eq!(config.remind_again_secs, 1800, "{text}: the default stays");
                assert!(
                    problems[0].contains("remind_again must be a time from 5m to 12h"),
                    "{problems:?}"
                );
            }
        }
    }
}

/// Where the tests' config file is said to be.
const FILE: &str = "/home/me/.config/bedstretch/config.toml";

/// The config as read from a file holding `bytes`.
fn read(bytes: &[u8]) -> Loaded {
    parse_bytes(PathBuf::from(FILE), bytes)
}

#[test]
fn every_key_is_read() {
    let (config, problems) = parse(GOOD);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(config, good());
    let rules = config.rules();
    assert_eq!(rules.day_starts_at, time(5, 30));
    assert_eq!(rules.rest_days, [Weekday::Sat, Weekday::Sun]);
    assert_eq!(rules.min_completion, 0.5);
}

#[test]
fn an_empty_file_is_all_defaults() {
    assert_eq!(parse(""), (Config::default(), Vec::new()));
    assert_eq!(parse("# nothing\n\n"), (Config::default(), Vec::new()));
}

#[test]
fn each_bad_key_falls_back_alone_and_is_said_plainly() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "default_routine",
            "default_routine = 3",
            "default_routine must be a routine id in quotes, like \"bedtime-feet\", got 3",
        ),
        (
            "default_routine",
            "default_routine = \" \"",
            "default_routine must be a routine id in quotes, like \"bedtime-feet\", got \" \"",
        ),
        (
            "day_starts_at",
            "day_starts_at = \"25:00\"",
            "day_starts_at must be a time like \"04:00\", got \"25:00\"",
        ),
        (
            "day_starts_at",
            "day_starts_at = 04:00:30",
            "day_starts_at must be a time like \"04:00\", got 04:00:30",
        ),
        (
            "min_completion",
            "min_completion = 1.5",
            "min_completion must be a number from 0 to 1, got 1.5",
        ),
        (
            "min_completion",
            "min_completion = nan",
            "min_completion must be a number from 0 to 1, got nan",
        ),
        (
            "min_completion",
            "min_completion = \"80%\"",
            "min_completion must be a number from 0 to 1, got \"80%\"",
        ),
        (
            "rest_days",
            "rest_days = \"sat\"",
            "rest_days must be a list of weekdays like [\"sat\", \"sun\"], got \"sat\"",
        ),
        (
            "bell",
            "bell = \"no\"",
            "bell must be true or false, got \"no\"",
        ),
        (
            "theme",
            "theme = \"dusk\"",
            "theme must be \"night\", \"day\" or \"auto\" (set NO_COLOR for no colour), got \"dusk\"",
        ),
        (
            "morning_ends_at",
            "morning_ends_at = \"noon\"",
            "morning_ends_at must be a time like \"12:00\", got \"noon\"",
        ),
        (
            "remind_at",
            "remind_at = 22",
            "remind_at must be a time like \"22:30\", or \"\" for no reminder, got 22",
        ),
        (
            "voice =",
            "voice = \"yes\"",
            "voice must be true or false, got \"yes\"",
        ),
        (
            "voice_command",
            "voice_command = \"espeak-ng\"",
            VOICE_COMMAND_RULE,
        ),
        (
            "sound =",
            "sound = \"quiet\"",
            "sound must be true or false, got \"quiet\"",
        ),
        (
            "sound_command",
            "sound_command = \"paplay {file}.wav\"",
            "sound_command must be a command with {file} as a word of its own, like \
             \"paplay --volume 30000 {file}\", or \"\" for the first of pw-play, paplay, aplay, \
             afplay, got \"paplay {file}.wav\"",
        ),
    ];
    for (key, line, message) in cases {
        // The bad line replaces the good one for its key; every other key keeps its value.
        let text: String = GOOD
            .lines()
            .map(|l| if l.starts_with(key) { *line } else { l })
            .map(|l| format!("{l}\n"))
            .collect();
        let row = text.lines().position(|l| l == *line).expect("replaced") + 1;
        let column = line.find('=').expect("a key") + 3;
        let (config, problems) = parse(&text);
        let message = message.replace("{got}", "\"espeak-ng\"");
        assert_eq!(problems, [format!("{row}:{column}: {message}")], "{line}");
        let mut expected = good();
        let defaults = Config::default();
        match *key {
            "default_routine" => expected.default_routine = defaults.default_routine,
            "day_starts_at" => expected.day_starts_at = defaults.day_starts_at,
            "min_completion" => expected.min_completion = defaults.min_completion,
            "rest_days" => expected.rest_days = defaults.rest_days,
            "bell" => expected.bell = defaults.bell,
            "morning_ends_at" => expected.morning_ends_at = defaults.morning_ends_at,
            "remind_at" => expected.remind_at = defaults.remind_at,
            "voice =" => expected.voice = defaults.voice,
            "voice_command" => expected.voice_command = defaults.voice_command,
            "sound =" => expected.sound = defaults.sound,
            "sound_command" => expected.sound_command = defaults.sound_command,
            _ => expected.theme = defaults.theme,
        }
        assert_eq!(config, expected, "{line}");
    }
}

#[test]
fn a_bad_bell_keeps_the_rest_days() {
    let (config, problems) = parse("bell = \"no\"\nrest_days = [\"sat\"]\n");
    assert_eq!(problems, ["1:8: bell must be true or false, got \"no\""]);
    assert_eq!(config.rest_days, [Weekday::Sat]);
    assert!(config.bell);
}

#[test]
fn values_the_parser_cannot_read_cost_only_their_key() {
    let (config, problems) = parse(
        "bell = no\nrest_days = [\"sat\"]\nmin_completion = 0.8.5 # typo\nday_starts_at = 4am\n",
    );
    assert_eq!(
        problems,
        [
            "1:8: bell must be true or false, got no",
            "3:18: min_completion must be a number from 0 to 1, got 0.8.5",
            "4:17: day_starts_at must be a time like \"04:00\", got 4am",
        ]
    );
    assert_eq!(config.rest_days, [Weekday::Sat]);
    assert_eq!(config.min_completion, 0.8);
    assert!(config.bell);
}

#[test]
fn toml_local_time_is_a_time() {
    let (config, problems) = parse("day_starts_at = 05:15\n");
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(config.day_starts_at, time(5, 15));
    assert_eq!(parse("min_completion = 1\n").0.min_completion, 1.0);
    assert_eq!(parse("min_completion = 0\n").0.min_completion, 0.0);
}

#[test]
fn each_bad_rest_day_is_reported_and_the_others_kept() {
    let (config, problems) = parse("rest_days = [\"sat\", \"caturday\", 6, \"SAT\", \"fri\"]\n");
    assert_eq!(
        problems,
        [
            "1:21: rest_days must name weekdays like \"sat\" or \"sunday\", got \"caturday\"; the other days are kept",
            "1:33: rest_days must name weekdays like \"sat\" or \"sunday\", got 6; the other days are kept",
        ]
    );
    assert_eq!(config.rest_days, [Weekday::Sat, Weekday::Fri]);
}

#[test]
fn unknown_keys_get_a_suggestion_or_the_list() {
    let (config, problems) =
        parse("bell = false\nbel = true\ncolour = \"red\"\n[extra]\nzzz = 1\n");
    assert_eq!(
        problems,
        [
            "2:1: unknown key `bel`; did you mean `bell`?",
            "3:1: unknown key `colour`; did you mean `theme`?",
            "4:2: unknown key `extra`; the keys are default_routine, day_starts_at, \
             min_completion, rest_days, bell, theme, voice, voice_command, sound, sound_command, morning_ends_at, \
             remind_at, remind_again, on_session_end",
        ]
    );
    assert!(!config.bell);
}

/// What a `voice_command` without a `{text}` word of its own is told; `{got}` is the value.
pub(super) const VOICE_COMMAND_RULE: &str = "voice_command must be a command with {text} as a word of its \
    own, like \"espeak-ng -s 140 {text}\", or \"\" for the first of espeak-ng, espeak, spd-say, say, \
    got {got}";

#[test]
fn a_key_set_twice_uses_its_default() {
    let (config, problems) = parse("bell = false\nrest_days = [\"sun\"]\nbell = false\n");
    assert_eq!(
        problems,
        ["3:1: bell is set twice (first on line 1); the default is used until one goes"]
    );
    assert!(config.bell);
    assert_eq!(config.rest_days, [Weekday::Sun]);
}

#[test]
fn syntax_errors_outside_any_key_are_located() {
    let (config, problems) = parse("bell = false\n= 3\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("2:1: TOML syntax: "),
        "{problems:?}"
    );
    assert!(!config.bell);
}

#[test]
fn control_characters_never_reach_a_message() {
    let (_, problems) = parse("bell = \"\u{1b}[2J\"\n\"\u{1b}]0;x\u{7}\" = 1\n");
    assert_eq!(problems.len(), 2, "{problems:?}");
    for problem in problems {
        assert!(!problem.chars().any(char::is_control), "{problem:?}");
    }
}

#[test]
fn settings_print_as_toml_that_reads_back_the_same() {
    let config = good();
    let text: String = Key::ALL
        .iter()
        .map(|k| format!("{} = {}\n", k.name(), k.toml(&config)))
        .collect();
    assert_eq!(parse(&text), (config, Vec::new()));
    assert_eq!(Key::RestDays.toml(&good()), "[\"sat\", \"sun\"]");
    assert_eq!(Key::MinCompletion.toml(&Config::default()), "0.8");
}

#[test]
fn sources_name_the_line_of_each_value() {
    let loaded = read(b"# mine\n\nbell = false\n");
    assert_eq!(
        loaded.source(Key::Bell),
        Source::File { line: 3, column: 8 }
    );
    assert_eq!(loaded.source(Key::Theme), Source::Default);
}

#[test]
fn problems_name_the_file() {
    let loaded = read(b"bell = \"no\"\n");
    let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{}:1:8: bell must be true or false, got \"no\"",
            FILE
        )]
    );
}

#[test]
fn bytes_that_are_not_utf8_cost_only_their_line() {
    let loaded = read(b"bell = false\nday_starts_at = \"05:\xff0\"\nmin_completion = 0.5\n");
    assert!(!loaded.config.bell);
    assert_eq!(loaded.config.min_completion, 0.5);
    assert_eq!(loaded.config.day_starts_at, time(4, 0));
    let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{}:2:21: not UTF-8 text (byte 0xFF); save the file as UTF-8",
            FILE
        )]
    );
}

#[test]
fn a_flood_of_problems_is_cut_short() {
    let text: String = (0..50).map(|i| format!("key{i} = 1\n")).collect();
    let loaded = read(text.as_bytes());
    assert_eq!(loaded.problems.len(), SHOWN_PROBLEMS + 1);
    assert_eq!(
        loaded.problems.last().map(ToString::to_string),
        Some(format!("{}: and 30 more problems", FILE))
    );
}

#[test]
fn an_unknown_default_routine_is_a_problem_and_falls_back() {
    let mut loaded = read(b"bell = \"no\"\ndefault_routine = \"quik\"\ntheme = \"dusk\"\n");
    loaded.check_default_routine(["bedtime-feet", "quick"]);
    assert_eq!(loaded.config.default_routine, "bedtime-feet");
    assert_eq!(loaded.source(Key::DefaultRoutine), Source::Default);
    let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    let name = FILE;
    assert_eq!(
        shown,
        [
            format!("{name}:1:8: bell must be true or false, got \"no\""),
            format!(
                "{name}:2:19: default_routine must name a routine, got \"quik\"; \
                 did you mean \"quick\"? \"bedtime-feet\" is used"
            ),
            format!(
                "{name}:3:9: theme must be \"night\", \"day\" or \"auto\" (set NO_COLOR \
                 for no colour), got \"dusk\""
            ),
        ]
    );

    let mut loaded = read(b"default_routine = \"nothing-like-it\"\n");
    loaded.check_default_routine(["bedtime-feet", "quick"]);
    assert_eq!(
        loaded.problems.last().map(ToString::to_string),
        Some(format!(
            "{}:1:19: default_routine must name a routine, got \"nothing-like-it\"; \
             see `bedstretch routine list`; \"bedtime-feet\" is used",
            FILE
        ))
    );

    let mut loaded = read(b"default_routine = \"quick\"\n");
    loaded.check_default_routine(["bedtime-feet", "quick"]);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.config.default_routine, "quick");
}

/// Bytes of every kind, and TOML-ish text mixing good and bad values of real keys.
fn config_bytes() -> impl Strategy<Value = Vec<u8>> {
    let tomlish = "((bell|rest_days|min_completion|day_starts_at|theme|default_routine|voice|x)\
                   [ ]?=[ ]?(true|no|\"sat\"|\\[\"sun\", 6\\]|0\\.5|1e9|\"04:00\"|05:00|\
                   \"night\"|\\{\\}|\\[|\"\u{1b}\")[ \n#\"\u{ff}]{0,2}){0,8}";
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        tomlish.prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_give_a_config_and_never_a_panic(bytes in config_bytes()) {
        let mut loaded = read(&bytes);
        loaded.check_default_routine(["bedtime-feet"]);
        let config = &loaded.config;
        prop_assert!((0.0..=1.0).contains(&config.min_completion));
        prop_assert!(config.rest_days.len() <= 7);
        prop_assert_eq!(&config.default_routine, "bedtime-feet");
        for problem in &loaded.problems {
            prop_assert!(!problem.to_string().chars().any(char::is_control), "{}", problem);
        }
        for key in Key::ALL {
            prop_assert!(!key.toml(config).is_empty());
        }
    }
}

#[test]
fn every_theme_is_read_and_written_back_as_named() {
    assert_eq!(Config::default().theme, ThemeName::Auto);
    for theme in [ThemeName::Night, ThemeName::Day, ThemeName::Auto] {
        let written = format!(
            "theme = {}\n",
            Key::Theme.toml(&Config {
                theme,
                ..Config::default()
            })
        );
        let (config, problems) = parse(&written);
        assert_eq!((config.theme, problems), (theme, vec![]), "{written}");
    }
}
