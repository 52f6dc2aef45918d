use super::*;
use crate::core::doctor::finding::Level;

fn level_and_line(finding: &Finding) -> (Level, String) {
    (finding.level, finding.line())
}

#[test]
fn no_speaker_is_a_problem_only_when_the_cues_are_asked_for() {
    let none = || Err("the cues are not spoken: none of … is installed; install one".to_string());
    let mut asked = Speaker {
        voice: true,
        own_command: false,
        found: none(),
    };
    assert_eq!(
        level_and_line(&speaker(&asked)),
        (
            Level::Problem,
            "the cues are not spoken: none of … is installed; install one".into()
        )
    );
    asked.own_command = true;
    assert!(
        speaker(&asked)
            .line()
            .ends_with("; mend voice_command in the config, or set voice = false")
    );
    let off = Speaker {
        voice: false,
        own_command: false,
        found: none(),
    };
    assert_eq!(speaker(&off).level, Level::Info);
    let found = Speaker {
        voice: true,
        own_command: false,
        found: Ok(PathBuf::from("/usr/bin/espeak-ng")),
    };
    assert_eq!(
        level_and_line(&speaker(&found)),
        (Level::Ok, "/usr/bin/espeak-ng speaks the cues".into())
    );
}

#[test]
fn no_player_is_a_problem_only_when_the_sounds_were_asked_for_here() {
    let base = Player {
        sound: true,
        asked: false,
        over_ssh: false,
        found: Err("no sound player was found".into()),
    };
    assert_eq!(player(&base).level, Level::Info);
    let asked = Player {
        asked: true,
        ..base.clone()
    };
    assert_eq!(
        level_and_line(&player(&asked)),
        (Level::Problem, "no sound player was found".into())
    );
    let over_ssh = Player {
        over_ssh: true,
        ..asked.clone()
    };
    assert_eq!(player(&over_ssh).level, Level::Info);
    let off = Player {
        sound: false,
        ..asked
    };
    assert_eq!(player(&off).level, Level::Info);
}

#[test]
fn the_reminder_needs_a_service_and_a_timer_only_when_it_is_set() {
    let gone = Err("no desktop notification service answered (no bus)".to_string());
    assert_eq!(notifications(None, None).level, Level::Info);
    assert_eq!(
        level_and_line(&notifications(Some("22:30"), Some(&gone))),
        (
            Level::Problem,
            "no desktop notification service answered (no bus); the reminder at 22:30 needs \
             one: a desktop session, or a notifier such as dunst or mako on the session bus"
                .into()
        )
    );
    let answers = Ok("dunst 1.9 by knopwob (notification spec 1.2)".to_string());
    assert_eq!(
        notifications(Some("22:30"), Some(&answers)).level,
        Level::Ok
    );
    let timer_in = |state| Timer {
        state,
        words: "not installed; `bedstretch remind install` sets it up".into(),
    };
    assert_eq!(timer(None, None).level, Level::Info);
    let levels: Vec<Level> = [TimerState::Runs, TimerState::Unknown, TimerState::Off]
        .into_iter()
        .map(|state| timer(Some("22:30"), Some(&timer_in(state))).level)
        .collect();
    assert_eq!(levels, [Level::Ok, Level::Info, Level::Problem]);
}

#[test]
fn the_terminal_says_its_size_and_colours_and_when_sessions_run_plainly() {
    let tty = Terminal {
        size: Some((80, 24)),
        term: Some("xterm-256color".into()),
        ..Terminal::default()
    };
    assert_eq!(
        level_and_line(&terminal(&tty)),
        (Level::Ok, "80x24, 256 colours (TERM=xterm-256color)".into())
    );
    let small = Terminal {
        size: Some((20, 6)),
        colorterm: Some("truecolor".into()),
        plain: Some("it is 20x6, smaller than 30x8".into()),
        ..tty.clone()
    };
    assert_eq!(
        level_and_line(&terminal(&small)),
        (
            Level::Info,
            "20x6, 24-bit colour (COLORTERM=truecolor); sessions run in plain mode here: it is \
             20x6, smaller than 30x8"
                .into()
        )
    );
    let piped = Terminal {
        size: None,
        no_color: true,
        ..tty
    };
    assert_eq!(
        terminal(&piped).message,
        "standard output is not a terminal, so its size is not known; no colour (NO_COLOR is set)"
    );
}
