use super::*;

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn the_documented_keys_do_what_design_md_says() {
    let on = |code| action_for(press(code), Overlay::None, false);
    assert_eq!(on(KeyCode::Char(' ')), Some(Action::TogglePause));
    assert_eq!(on(KeyCode::Right), Some(Action::Skip));
    assert_eq!(on(KeyCode::Char('n')), Some(Action::Skip));
    assert_eq!(on(KeyCode::Left), Some(Action::Back));
    assert_eq!(on(KeyCode::Char('p')), Some(Action::Back));
    assert_eq!(on(KeyCode::Char('h')), Some(Action::Hurt));
    assert_eq!(on(KeyCode::Char('q')), Some(Action::Quit));
    assert_eq!(on(KeyCode::Char('?')), Some(Action::Help));
    assert_eq!(on(KeyCode::Char('x')), None);
}

#[test]
fn the_quit_question_takes_y_enter_q_n_and_esc() {
    let on = |code| action_for(press(code), Overlay::ConfirmQuit, false);
    for code in [KeyCode::Char('y'), KeyCode::Enter, KeyCode::Char('q')] {
        assert_eq!(on(code), Some(Action::Yes));
    }
    for code in [KeyCode::Char('n'), KeyCode::Esc] {
        assert_eq!(on(code), Some(Action::No));
    }
    assert_eq!(
        on(KeyCode::Char(' ')),
        None,
        "no surprise pause or skip behind the question"
    );
}

#[test]
fn home_keys_move_page_and_open_the_problems() {
    let on = |code, page| home_action_for(press(code), page);
    let main = HomePage::Main;
    assert_eq!(on(KeyCode::Home, main), Some(HomeAction::First));
    assert_eq!(on(KeyCode::End, main), Some(HomeAction::Last));
    assert_eq!(on(KeyCode::PageUp, main), Some(HomeAction::PageUp));
    assert_eq!(on(KeyCode::PageDown, main), Some(HomeAction::PageDown));
    assert_eq!(on(KeyCode::Char('!'), main), Some(HomeAction::Problems));
    assert_eq!(on(KeyCode::Char('q'), main), Some(HomeAction::Quit));
    let panel = HomePage::Problems;
    assert_eq!(on(KeyCode::Down, panel), Some(HomeAction::Down));
    assert_eq!(on(KeyCode::PageDown, panel), Some(HomeAction::PageDown));
    for code in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('!')] {
        assert_eq!(on(code, panel), Some(HomeAction::Back));
    }
    assert_eq!(
        on(KeyCode::Enter, panel),
        None,
        "a stray key keeps the place"
    );
    assert_eq!(
        on(KeyCode::Char('x'), HomePage::Help),
        Some(HomeAction::Back)
    );
}

#[test]
fn ctrl_c_quits_and_ctrl_z_suspends_from_any_screen_and_releases_are_ignored() {
    use crate::app::home::HomeApp;
    use crate::app::{App, SessionSettings};
    let settings = SessionSettings {
        bell: false,
        min_completion: 0.8,
    };
    let home = HomeApp::new(Vec::new(), "", crate::core::calendar::Rules::default());
    let (app, _) = App::home(home, settings);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert!(matches!(msg_for(ctrl('c'), &app), Some(Msg::Quit)));
    assert!(matches!(msg_for(ctrl('z'), &app), Some(Msg::Suspend)));
    let mut release = press(KeyCode::Char('q'));
    release.kind = KeyEventKind::Release;
    assert!(msg_for(release, &app).is_none());
    assert!(matches!(
        msg_for(press(KeyCode::Char('q')), &app),
        Some(Msg::Home(HomeAction::Quit))
    ));
}

/// Home on a Monday morning after a kept Sunday night: the morning question is asked.
fn asked() -> crate::app::home::HomeApp {
    use crate::app::home::{HistoryState, HomeApp};
    use crate::core::calendar::Rules;
    use crate::core::stats::SessionFacts;
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T07:15:00+01:00").expect("time");
    let mut home = HomeApp::new(Vec::new(), "bedtime-feet", Rules::default());
    let night = SessionFacts {
        id: "s".into(),
        routine_name: "Bedtime feet".into(),
        started_at: now - chrono::Duration::hours(9),
        completed: 5,
        planned: 5,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts: true,
    };
    home.set_history(HistoryState::Loaded(vec![night].into()), Vec::new(), now);
    assert!(home.prompt.is_some(), "asked");
    home
}

#[test]
fn the_morning_question_takes_t_for_ten() {
    let home = asked();
    let on = |c| prompt_action_for(press(KeyCode::Char(c)), &home);
    assert_eq!(on('t'), Some(HomeAction::Severity(10)));
    assert_eq!(on('7'), Some(HomeAction::Severity(7)));
    assert!(
        HOME_PROMPT
            .iter()
            .any(|b| b.hint.contains("10") || b.label.contains('t')),
        "the footer names the key"
    );
}

#[test]
fn after_a_cramp_one_key_says_how_many_and_enter_leaves_it_unsaid() {
    use crate::app::diary::Stage;
    let mut home = asked();
    home.update(HomeAction::Severity(10));
    assert!(
        home.prompt
            .as_ref()
            .is_some_and(|p| p.stage == Stage::Count { severity: 10 })
    );
    let on = |code| prompt_action_for(press(code), &home);
    assert_eq!(on(KeyCode::Char('1')), Some(HomeAction::Count(Some(1))));
    assert_eq!(on(KeyCode::Char('4')), Some(HomeAction::Count(Some(4))));
    assert_eq!(on(KeyCode::Char('5')), None, "no key for 5: 4 is 4 or more");
    assert_eq!(on(KeyCode::Enter), Some(HomeAction::Count(None)));
    assert_eq!(on(KeyCode::Esc), Some(HomeAction::Later));
    assert_eq!(
        on(KeyCode::Char('l')),
        None,
        "the foot comes after the count"
    );
}
