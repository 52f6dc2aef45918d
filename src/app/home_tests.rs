use super::*;

fn rows() -> Vec<RoutineRow> {
    ["bedtime-feet", "in-bed", "quick"]
        .iter()
        .map(|id| RoutineRow {
            id: id.to_string(),
            name: id.to_string(),
            total_secs: 60,
            mark: "",
        })
        .collect()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

#[test]
fn keys_move_start_and_switch_views() {
    let mut home = HomeApp::new(rows(), "in-bed", Rules::default());
    assert_eq!(home.selected, 1);
    home.update(HomeAction::Up);
    home.update(HomeAction::Up);
    assert_eq!(home.selected, 0);
    for _ in 0..5 {
        home.update(HomeAction::Down);
    }
    assert_eq!(
        home.update(HomeAction::Start),
        Some(HomeEffect::Start("quick".into()))
    );
    home.update(HomeAction::Stats);
    assert_eq!(home.page, HomePage::Stats);
    assert_eq!(
        home.update(HomeAction::Start),
        None,
        "Enter on stats goes back, not start"
    );
    assert_eq!(home.page, HomePage::Main);
    assert_eq!(home.update(HomeAction::Back), Some(HomeEffect::Exit));
}

fn many(count: usize) -> Vec<RoutineRow> {
    (1..=count)
        .map(|i| RoutineRow {
            id: format!("r{i}"),
            name: format!("Routine {i}"),
            total_secs: 60,
            mark: "yours",
        })
        .collect()
}

#[test]
fn home_end_and_paging_move_the_selection_and_stop_at_the_ends() {
    let mut home = HomeApp::new(many(14), "r1", Rules::default());
    let moves = |home: &mut HomeApp, steps: &[(HomeAction, usize)]| {
        for &(action, selected) in steps {
            home.update(action);
            assert_eq!(home.selected, selected, "after {action:?}");
        }
    };
    // Each end stops a page; before any frame a page is five rows less the one kept in sight.
    moves(
        &mut home,
        &[
            (HomeAction::Last, 13),
            (HomeAction::PageDown, 13),
            (HomeAction::First, 0),
            (HomeAction::PageUp, 0),
            (HomeAction::PageDown, 4),
        ],
    );
    // After a frame, a page is what the list showed, less one.
    home.set_drawn(Drawn {
        list_rows: 8,
        ..Drawn::default()
    });
    moves(
        &mut home,
        &[(HomeAction::PageDown, 11), (HomeAction::PageUp, 4)],
    );
    assert_eq!(
        home.update(HomeAction::Start),
        Some(HomeEffect::Start("r5".into()))
    );
}

#[test]
fn paging_an_empty_list_stays_put() {
    let mut home = HomeApp::new(Vec::new(), "", Rules::default());
    for action in [HomeAction::Last, HomeAction::PageDown, HomeAction::Down] {
        home.update(action);
        assert_eq!(home.selected, 0);
    }
    assert_eq!(home.update(HomeAction::Start), None);
}

#[test]
fn the_problems_panel_opens_scrolls_to_its_end_and_closes() {
    let mut home = HomeApp::new(rows(), "quick", Rules::default());
    home.update(HomeAction::Problems);
    assert_eq!(home.page, HomePage::Main, "nothing to show");
    home.problems = vec!["config.toml:1:1: bad".into(); 3];
    home.update(HomeAction::Problems);
    assert_eq!(home.page, HomePage::Problems);
    home.set_drawn(Drawn {
        list_rows: 5,
        panel_rows: 4,
        panel_lines: 10,
    });
    // The second page down stops with the last line at the bottom.
    for (action, top) in [
        (HomeAction::Down, 1),
        (HomeAction::PageDown, 4),
        (HomeAction::PageDown, 6),
        (HomeAction::Up, 5),
        (HomeAction::First, 0),
    ] {
        home.update(action);
        assert_eq!(home.problems_top, top, "after {action:?}");
    }
    assert_eq!(home.update(HomeAction::Back), None);
    assert_eq!(home.page, HomePage::Main);
}

#[test]
fn e_edits_the_selected_routine_c_copies_it_under_a_free_id_and_n_makes_a_new_one() {
    let mut home = HomeApp::new(rows(), "quick", Rules::default());
    let edit = |id: &str, from: Option<&str>| {
        Some(HomeEffect::Edit {
            id: id.into(),
            from: from.map(str::to_string),
        })
    };
    assert_eq!(home.update(HomeAction::Edit), edit("quick", Some("quick")));
    assert_eq!(
        home.update(HomeAction::Copy),
        edit("quick-copy", Some("quick"))
    );
    assert_eq!(home.update(HomeAction::New), edit("my-routine", None));
    let mut taken = rows();
    for id in ["quick-copy", "quick-copy-2", "my-routine"] {
        taken.push(RoutineRow {
            id: id.into(),
            name: id.into(),
            total_secs: 1,
            mark: MARK_YOURS,
        });
    }
    home.set_routines(taken, None);
    assert_eq!(home.routines[home.selected].id, "quick", "selection kept");
    assert_eq!(
        home.update(HomeAction::Copy),
        edit("quick-copy-3", Some("quick"))
    );
    assert_eq!(home.update(HomeAction::New), edit("my-routine-2", None));
    let long = "a".repeat(40);
    home.routines[home.selected].id = long.clone();
    let Some(HomeEffect::Edit { id, .. }) = home.update(HomeAction::Copy) else {
        panic!("a copy");
    };
    assert_eq!(id, format!("{}-copy", &long[..35]), "cut to 40 characters");
    home.update(HomeAction::Stats);
    assert_eq!(home.update(HomeAction::Edit), None, "e on stats goes back");
}

#[test]
fn reloaded_routines_keep_the_asked_for_one_selected() {
    let mut home = HomeApp::new(rows(), "bedtime-feet", Rules::default());
    let mut more = rows();
    more.insert(
        0,
        RoutineRow {
            id: "aaa".into(),
            name: "A".into(),
            total_secs: 1,
            mark: MARK_YOURS,
        },
    );
    home.set_routines(more.clone(), Some("quick"));
    assert_eq!(home.routines[home.selected].id, "quick");
    home.set_routines(rows()[..1].to_vec(), Some("gone"));
    assert_eq!(home.selected, 0, "clamped to the list");
}

#[test]
fn tonight_rolls_over_on_a_tick() {
    let mut home = HomeApp::new(rows(), "quick", Rules::default());
    let kept = SessionFacts {
        id: "a".into(),
        routine_name: String::new(),
        started_at: at("2026-11-23T22:00:00+01:00"),
        completed: 5,
        planned: 5,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts: true,
    };
    home.set_history(
        HistoryState::Loaded(vec![kept].into()),
        Vec::new(),
        at("2026-11-23T23:00:00+01:00"),
    );
    assert!(home.stats.as_ref().is_some_and(|s| s.tonight_kept));
    home.tick(at("2026-11-24T03:59:00+01:00"));
    assert!(
        home.stats.as_ref().is_some_and(|s| s.tonight_kept),
        "still tonight"
    );
    home.tick(at("2026-11-24T04:00:00+01:00"));
    let stats = home.stats.as_ref().expect("stats");
    assert!(!stats.tonight_kept, "a new night, open");
    assert_eq!(stats.current_streak, 1, "last night's streak stands");
}

/// Home at `now` with a trial from `from`, this diary and the trial's routine listed.
fn with_trial(from: &str, cramps: Vec<crate::core::history::CrampRecord>, now: &str) -> HomeApp {
    let mut rows = rows();
    rows.push(RoutineRow {
        id: "calf-hamstring".into(),
        name: "Calf and hamstring".into(),
        total_secs: 170,
        mark: "",
    });
    let known = Known {
        programs: vec![crate::core::fixtures::trial(from)],
        cramps,
        ..Known::default()
    };
    let mut home = HomeApp::new(rows, "quick", Rules::default());
    home.set_history(HistoryState::Loaded(known), Vec::new(), at(now));
    home
}

#[test]
fn home_knows_the_trials_phase_and_its_routine_by_name() {
    let home = with_trial("2026-12-07", Vec::new(), "2026-12-11T21:00:00+01:00");
    assert_eq!(
        home.trial.first().map(String::as_str),
        Some("Trial · Baseline, night 5 of 14: just note cramps each morning")
    );
    let mut home = with_trial("2026-11-16", Vec::new(), "2026-12-14T21:00:00+01:00");
    assert_eq!(
        home.trial.first().map(String::as_str),
        Some("Trial · Week 3 of 6: no cramps were noted before · Calf and hamstring tonight")
    );
    // Weeks after its end, and when the history cannot be read, there is nothing to say.
    home.tick(at("2027-02-20T21:00:00+01:00"));
    assert!(home.trial.is_empty());
    home.set_history(
        HistoryState::Failed("gone".into()),
        Vec::new(),
        at("2026-12-14T21:00:00+01:00"),
    );
    assert!(home.trial.is_empty());
}

#[test]
fn a_night_worth_discussing_in_the_last_week_shows_the_doctor_line() {
    use crate::core::fixtures::{date, diary_entry};
    let mut long = diary_entry(date("2026-12-09"), 6, Some(1));
    long.minutes = Some(15);
    let mut home = with_trial("2026-12-07", vec![long], "2026-12-10T08:00:00+01:00");
    assert!(
        home.worth_discussing,
        "last night's cramp lasted 15 minutes"
    );
    home.tick(at("2026-12-16T08:00:00+01:00"));
    assert!(home.worth_discussing, "still within the week");
    home.tick(at("2026-12-17T08:00:00+01:00"));
    assert!(!home.worth_discussing, "a week on, no longer");
}
