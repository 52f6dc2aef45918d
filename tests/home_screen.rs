//! The home screen on TestBackend with a fixed clock: loading, a history, an empty one, one
//! that could not be read, the stats, the keys and the problems; at 80x24 and at every size
//! from the smallest up, where every label must stay whole.

mod support;

use bedstretch::app::home::{Drawn, HistoryState, HomeAction, HomeApp, HomePage, RoutineRow};
use bedstretch::app::known::Known;
use bedstretch::core::calendar::Rules;
use bedstretch::core::history::{CrampNote, CrampRecord};
use bedstretch::core::program::{Plan, ProgramRecord};
use bedstretch::core::routine_file::parse_routine;
use bedstretch::core::stats::SessionFacts;
use bedstretch::store::bundled;
use bedstretch::tui::home_view::HomeView;
use bedstretch::tui::theme::Theme;
use std::cell::Cell;

use chrono::{DateTime, Duration, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

fn rows() -> Vec<RoutineRow> {
    bundled::ROUTINES
        .iter()
        .map(|(id, source)| {
            let routine = parse_routine(id, source.as_bytes(), bundled::ART).expect("valid");
            RoutineRow {
                id: routine.id.clone(),
                name: routine.name.clone(),
                total_secs: routine.total_secs(),
                mark: "",
            }
        })
        .collect()
}

/// Six weeks of evenings: most kept, a few partly done, a few missed, one tonight.
fn history() -> Vec<SessionFacts> {
    let first = at("2026-10-12T22:15:00+01:00");
    (0..42)
        .filter(|day| day % 9 != 4)
        .map(|day| SessionFacts {
            id: format!("s{day}"),
            routine_name: if day % 5 == 0 {
                "Quick".into()
            } else {
                "Bedtime feet".into()
            },
            started_at: first + Duration::days(day),
            completed: if day % 7 == 3 { 6 } else { 15 },
            planned: 15,
            skipped: Vec::new(),
            hurt: Vec::new(),
            counts: true,
        })
        .collect()
}

fn screen(app: &HomeApp) -> String {
    screen_at(app, 80, 24)
}

/// The screen as quoted rows, each as a terminal shows it: a wide character once, not
/// followed by the cell it covers.
fn screen_at(app: &HomeApp, w: u16, h: u16) -> String {
    support::quoted(&cells(app, w, h))
}

fn home_at(now: &str, history: HistoryState) -> HomeApp {
    let mut app = HomeApp::new(rows(), "bedtime-feet", Rules::default());
    app.set_history(history, Vec::new(), at(now));
    app
}

#[test]
fn home_with_a_history() {
    let app = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(history().into()),
    );
    let shown = screen(&app);
    assert!(shown.contains("Not yet tonight"), "{shown}");
    insta::assert_snapshot!("home-not-yet-tonight", shown);
}

#[test]
fn home_after_tonights_session() {
    let mut facts = history();
    facts.push(SessionFacts {
        id: "tonight".into(),
        routine_name: "Bedtime feet".into(),
        started_at: at("2026-11-24T00:20:00+01:00"),
        completed: 15,
        planned: 15,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts: true,
    });
    let app = home_at(
        "2026-11-24T00:40:00+01:00",
        HistoryState::Loaded(facts.into()),
    );
    let shown = screen(&app);
    assert!(shown.contains("Kept tonight"), "{shown}");
    insta::assert_snapshot!("home-kept-tonight", shown);
}

#[test]
fn home_while_loading_when_empty_and_when_unreadable() {
    let loading = HomeApp::new(rows(), "bedtime-feet", Rules::default());
    let shown = screen(&loading);
    assert!(
        shown.contains("Reading your history…") && shown.contains("Bedtime feet"),
        "{shown}"
    );
    let empty = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(Default::default()),
    );
    insta::assert_snapshot!("home-first-night", screen(&empty));
    let failed = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Failed(
            "/home/you/.local/share/bedstretch/history: cannot read the history folder".into(),
        ),
    );
    let shown = screen(&failed);
    assert!(shown.contains("Your history could not be read"), "{shown}");
    assert!(
        !shown.contains("Streak"),
        "never shown as an empty history: {shown}"
    );
}

#[test]
fn the_stats_and_the_keys() {
    let mut app = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(history().into()),
    );
    app.update(HomeAction::Stats);
    insta::assert_snapshot!("home-stats", screen(&app));
    app.update(HomeAction::Back);
    app.update(HomeAction::Help);
    insta::assert_snapshot!("home-help", screen(&app));
}

// The grid: every page at every size, each label whole where it is drawn.

fn many_rows() -> Vec<RoutineRow> {
    let mut all = rows();
    for i in 1..=10 {
        all.push(RoutineRow {
            id: format!("r{i}"),
            name: if i == 10 {
                "足のストレッチ 寝る前のゆっくりコース".into()
            } else {
                format!("My evening routine number {i}")
            },
            total_secs: 207,
            mark: "yours",
        });
    }
    all
}

/// Problems as they come at start: long, with paths, lines and columns.
fn problems() -> Vec<String> {
    vec![
        "/home/you/.config/bedstretch/config.toml:3:18: min_completion must be a number from 0 \
         to 1, got 2; using 0.8"
            .into(),
        "/home/you/.config/bedstretch/routines/evening.toml:14:12: step 3 \"Toe flexes\": \
         duration must be 1s..30m, got \"0s\""
            .into(),
        "/home/you/.local/share/bedstretch/history/laptop.jsonl:17: skipped a line that is \
         not a record"
            .into(),
    ]
}

fn cells(app: &HomeApp, w: u16, h: u16) -> Vec<String> {
    draw(app, w, h).0
}

/// Draws home as the loop does; returns the rows and what the frame had room for.
fn draw(app: &HomeApp, w: u16, h: u16) -> (Vec<String>, Drawn) {
    support::draw_home(app, w, h)
}

fn bounded(row: &str, at: usize, len: usize) -> bool {
    let before = row[..at].chars().next_back();
    let after = row[at + len..].chars().next();
    before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
}

/// Problems in one screen, as text to print when the check fails.
fn check(name: &str, app: &HomeApp, rows: &[String], w: u16, h: u16) -> Vec<String> {
    let mut bad = Vec::new();
    let mut fail = |why: String| bad.push(format!("{name} at {w}x{h}: {why}"));
    let main = app.page == HomePage::Main;
    // (b) The selected routine, whole or shortened with …, on exactly one row.
    if main {
        let selected = &app.routines[app.selected].name;
        let marked: Vec<&String> = rows.iter().filter(|r| r.contains("› ")).collect();
        if marked.len() != 1 {
            fail(format!("{} rows with the selection marker", marked.len()));
        } else {
            let row = marked[0];
            let at = row.find("› ").unwrap_or(0) + "› ".len();
            let shown = &row[at..];
            let whole = shown.starts_with(selected.as_str()) && bounded(row, at, selected.len());
            let shortened = shown.find('…').is_some_and(|end| {
                end > 0
                    && selected.starts_with(&shown[..end])
                    && bounded(row, at, end + '…'.len_utf8())
            });
            if !whole && !shortened {
                fail(format!("selected {selected:?} not intact in {row:?}"));
            }
        }
    }
    // (c) Every label is whole where drawn, with a space (or the edge) on each side.
    let labels = [
        "Not yet tonight",
        "Kept tonight",
        "Routines",
        "Recent",
        "Last 12 weeks",
        "Reading your history…",
        "Your nights",
        "Keys",
        "problems found at start",
    ];
    for (y, row) in rows.iter().enumerate() {
        for label in labels {
            // Enough of the label to recognise a piece of it: its first word and one more letter.
            let stem_len = label.find(' ').map_or(5, |space| space + 2);
            let stem: String = label.chars().take(stem_len).collect();
            for (at, _) in row.match_indices(stem.as_str()) {
                if !row[at..].starts_with(label) || !bounded(row, at, label.len()) {
                    fail(format!("label {label:?} cut or glued on row {y}: {row:?}"));
                }
            }
        }
        for (at, _) in row.match_indices("Streak") {
            let rest = &row[at + "Streak".len()..];
            let digits = rest
                .trim_start_matches(' ')
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
            if !bounded(row, at, "Streak".len()) || !digits {
                fail(format!("streak cut or glued on row {y}: {row:?}"));
            }
        }
        for (at, _) in row.match_indices(" min") {
            let after_number = row[..at].ends_with(|c: char| c.is_ascii_digit());
            // The doctor line's "10 minutes" is words, not a routine's total.
            let minutes = row[at..].starts_with(" minutes");
            if main && after_number && !minutes && !bounded(row, at + 1, 3) {
                fail(format!("a total glued to other text on row {y}: {row:?}"));
            }
        }
    }
    if main && app.stats.is_some() {
        let tonight = rows
            .iter()
            .any(|r| r.contains(" Not yet tonight") || r.contains(" Kept tonight"));
        let streak = rows.iter().any(|r| r.contains("Streak "));
        if !tonight || !streak {
            fail("tonight or the streak is missing".into());
        }
    }
    // The rule sentence, when shown, is whole: wrapped, never cut mid-word.
    let rule = "A night counts when you finish 80 % of a routine; the night ends at 04:00.";
    if let Some(start) = rows.iter().position(|r| r.contains("A night counts")) {
        let mut joined = String::new();
        for row in &rows[start..] {
            let text = row
                .split("  ")
                .find(|part| !part.trim().is_empty())
                .unwrap_or("")
                .trim();
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(text);
            if joined.len() >= rule.len() {
                break;
            }
        }
        if !joined.starts_with(rule) {
            fail(format!("the rule is cut: {joined:?}"));
        }
    }
    // The status line: the note when there is one, else the problems in short with the key.
    if main {
        let note = rows
            .iter()
            .any(|r| r.trim_start().starts_with("Stopped before"));
        let summary = rows.iter().any(|r| r.contains(" more · !"));
        if app.status.is_some() && !note {
            fail("the status note is missing".into());
        }
        if app.status.is_none() && !app.problems.is_empty() && !summary {
            fail("the problems summary is missing".into());
        }
    }
    if app.page == HomePage::Problems {
        let first = bedstretch::core::text::wrap(&app.problems[0], w as usize - 2);
        let shown = rows.get(4).map(|r| r.trim()).unwrap_or("");
        if shown != first[0] {
            fail(format!(
                "the first problem starts {shown:?}, not {:?}",
                first[0]
            ));
        }
    }
    // The footer is the last row, whole, and nothing is drawn over it.
    let footer = rows.last().map(|r| r.trim_end()).unwrap_or("");
    let last_word = match app.page {
        HomePage::Main => "q quit",
        HomePage::Problems => "Esc close",
        HomePage::Stats | HomePage::Help => "any key back",
    };
    if !footer.ends_with(last_word) || footer.contains(['■', '▪', '□']) {
        fail(format!("footer {footer:?}"));
    }
    bad
}

fn grid_sizes() -> Vec<(u16, u16)> {
    // Every width and height near the smallest, a step through the rest, and the sizes
    // people use most.
    let widths = (30..=45).chain((52..=200).step_by(7)).chain([50, 120, 200]);
    let heights: Vec<u16> = (8..=16)
        .chain((21..=60).step_by(5))
        .chain([24, 40])
        .collect();
    widths
        .flat_map(|w| heights.iter().map(move |h| (w, *h)))
        .collect()
}

fn grid_apps() -> Vec<(&'static str, HomeApp)> {
    let now = at("2026-11-23T21:00:00+01:00");
    let with = |history, selected: usize| {
        let mut app = HomeApp::new(many_rows(), "bedtime-feet", Rules::default());
        app.set_history(history, Vec::new(), now);
        for _ in 0..selected {
            app.update(HomeAction::Down);
        }
        app
    };
    let mut main = with(HistoryState::Loaded(history().into()), 13);
    main.status = Some("Stopped before the first stretch; nothing was recorded.".into());
    main.problems = problems();
    let mut loading = HomeApp::new(many_rows(), "bedtime-feet", Rules::default());
    for _ in 0..6 {
        loading.update(HomeAction::Down);
    }
    let mut empty = with(HistoryState::Loaded(Default::default()), 0);
    empty.problems = problems();
    let mut failed = with(
        HistoryState::Failed(
            "/home/you/.local/share/bedstretch/history: cannot read the history folder".into(),
        ),
        2,
    );
    failed.problems = problems();
    let mut stats = with(HistoryState::Loaded(history().into()), 0);
    stats.update(HomeAction::Stats);
    let mut help = with(HistoryState::Loaded(history().into()), 0);
    help.update(HomeAction::Help);
    let mut panel = with(HistoryState::Loaded(history().into()), 0);
    panel.problems = problems();
    panel.update(HomeAction::Problems);
    // A trial's baseline in the morning, with a night worth discussing: every line at once.
    let long = vec![diary("2026-11-21", 7, Some(1), Some(15))];
    let mut trial = HomeApp::new(many_rows(), "bedtime-feet", Rules::default());
    let morning = at("2026-11-23T07:15:00+01:00");
    trial.set_history(
        HistoryState::Loaded(with_trial("2026-11-19", long)),
        Vec::new(),
        morning,
    );
    // Halfway through the morning question: how many.
    let mut count = HomeApp::new(many_rows(), "bedtime-feet", Rules::default());
    count.set_history(HistoryState::Loaded(history().into()), Vec::new(), morning);
    count.update(HomeAction::Severity(6));
    let mut twins = HomeApp::new(rows_with_twins(), "bedtime-feet", Rules::default());
    twins.set_history(HistoryState::Loaded(history().into()), Vec::new(), now);
    vec![
        ("main", main),
        ("twins", twins),
        ("trial", trial),
        ("count", count),
        ("loading", loading),
        ("empty", empty),
        ("failed", failed),
        ("stats", stats),
        ("help", help),
        ("problems", panel),
    ]
}

#[test]
fn every_page_at_every_size_keeps_its_words_whole() {
    let apps = grid_apps();
    let mut bad = Vec::new();
    for (w, h) in grid_sizes() {
        for (name, app) in &apps {
            let rows = cells(app, w, h);
            bad.extend(check(name, app, &rows, w, h));
        }
    }
    let sample: Vec<&String> = bad.iter().take(40).collect();
    assert!(
        bad.is_empty(),
        "{} problems, first ones:\n{sample:#?}",
        bad.len()
    );
}

/// Fourteen routines, the selection moved to the last one.
fn scrolled(now: &str) -> HomeApp {
    let mut app = HomeApp::new(many_rows(), "bedtime-feet", Rules::default());
    app.set_history(HistoryState::Loaded(history().into()), Vec::new(), at(now));
    app.update(HomeAction::Last);
    app
}

#[test]
fn the_main_page_at_each_size_with_the_list_scrolled_to_the_end() {
    for (w, h) in [(30, 8), (40, 12), (50, 15), (80, 24), (120, 40)] {
        let app = scrolled("2026-11-23T21:00:00+01:00");
        let shown = screen_at(&app, w, h);
        assert!(shown.contains("› 足のストレッチ"), "{shown}");
        // A snapshot at the sizes a reviewer reads; the others only need the last row shown.
        if (w, h) != (50, 15) {
            insta::assert_snapshot!(format!("home-main-{w}x{h}"), shown);
        }
    }
}

#[test]
fn the_stats_at_80x12_and_80x24() {
    let mut app = scrolled("2026-11-23T21:00:00+01:00");
    app.update(HomeAction::Stats);
    insta::assert_snapshot!("home-stats-80x12", screen_at(&app, 80, 12));
    insta::assert_snapshot!("home-stats-80x24", screen_at(&app, 80, 24));
}

#[test]
fn the_problems_panel_and_the_status_line() {
    let mut app = scrolled("2026-11-23T21:00:00+01:00");
    app.problems = problems();
    let shown = screen_at(&app, 80, 24);
    assert!(shown.contains("· 2 more · ! shows all"), "{shown}");
    assert!(
        shown.contains("! problems"),
        "the footer names the key: {shown}"
    );
    app.update(HomeAction::Problems);
    insta::assert_snapshot!("home-problems", screen_at(&app, 80, 24));
    // Scrolled down at the smallest size, then closed.
    let (_, room) = draw(&app, 30, 8);
    app.set_drawn(room);
    app.update(HomeAction::PageDown);
    insta::assert_snapshot!("home-problems-30x8-scrolled", screen_at(&app, 30, 8));
    app.update(HomeAction::Back);
    assert_eq!(app.page, HomePage::Main);
}

#[test]
fn a_routine_shows_the_minutes_its_session_starts_with() {
    let app = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(history().into()),
    );
    let shown = screen(&app);
    // Quick is 3m 27s; its session opens on "4 min left".
    let quick = shown
        .lines()
        .find(|l| l.starts_with("\"   Quick"))
        .unwrap_or_default();
    assert!(quick.contains(" 4 min"), "{shown}");
}

#[test]
fn the_help_names_every_key_even_when_short() {
    let mut app = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(history().into()),
    );
    app.update(HomeAction::Help);
    for (w, h) in [(30, 8), (40, 12), (50, 15), (80, 24)] {
        let shown = screen_at(&app, w, h);
        for key in ["Enter", "↑↓", "Home End", "PgUp PgDn", "s ", "? ", "q "] {
            assert!(shown.contains(key), "{key:?} missing at {w}x{h}:\n{shown}");
        }
    }
}

/// Home at 07:15 on Monday with six weeks of evenings and no word yet about Sunday night.
fn morning() -> HomeApp {
    home_at(
        "2026-11-23T07:15:00+01:00",
        HistoryState::Loaded(history().into()),
    )
}

#[test]
fn in_the_morning_home_asks_about_last_night() {
    let app = morning();
    let shown = screen(&app);
    support::assert_has(
        &shown,
        &[
            "Any cramps last night?",
            "0 none · 1-9 how bad · t 10 · s skip",
            "0-9 cramps   t 10   s skip   Esc later",
        ],
    );
    assert!(
        !shown.contains("A night counts when"),
        "the question takes the rule's place: {shown}"
    );
    insta::assert_snapshot!("home-morning-prompt-80x24", shown);
    insta::assert_snapshot!("home-morning-prompt-40x12", screen_at(&app, 40, 12));
    let smallest = screen_at(&app, 30, 8);
    assert!(smallest.contains("Any cramps last night?"), "{smallest}");
    assert!(
        smallest
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("\" 0-9 t s Esc Enter q quit ")),
        "every key and the way out on the footer: {smallest}"
    );
}

#[test]
fn after_a_cramp_the_question_asks_how_many_then_which_foot() {
    let mut app = morning();
    app.update(HomeAction::Severity(6));
    let shown = screen(&app);
    support::assert_has(
        &shown,
        &[
            "Noted 6 of 10. How many cramps?",
            "1 · 2 · 3 · 4 or more · Enter skip",
            "1-4 how many   Enter skip   Esc done",
        ],
    );
    app.update(HomeAction::Count(Some(2)));
    let shown = screen(&app);
    support::assert_has(
        &shown,
        &[
            "Noted 6 of 10, 2 cramps. Which foot?",
            "l left · r right · b both",
        ],
    );
    assert!(
        shown.contains("l/r/b left/right/both   Esc done"),
        "{shown}"
    );
    app.update(HomeAction::Foot(bedstretch::app::diary::Foot::Both));
    let shown = screen(&app);
    assert!(
        shown.contains("Noted for Sun 22 Nov: 6 of 10, 2 cramps, both feet."),
        "{shown}"
    );
    assert!(
        shown.contains("A night counts when"),
        "the rule is back: {shown}"
    );
}

#[test]
fn cramp_relief_in_the_night_is_asked_about_by_name() {
    let mut facts = history();
    facts.push(SessionFacts {
        id: "relief".into(),
        routine_name: "Cramp relief\u{1b}[2J".into(),
        started_at: at("2026-11-23T02:40:00+01:00"),
        completed: 4,
        planned: 4,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts: false,
    });
    let app = home_at(
        "2026-11-23T02:55:00+01:00",
        HistoryState::Loaded(facts.into()),
    );
    let shown = screen(&app);
    assert!(
        shown.contains("You ran Cramp relief[2J at 02:40: how bad was it?"),
        "the routine's name, cleaned of its escape: {shown}"
    );
    assert!(!shown.contains('\u{1b}'));
}

/// The bundled routines and two of the person's: a copy still called "Bedtime feet" and one
/// whose file name begins with a dash and holds an escape.
fn rows_with_twins() -> Vec<RoutineRow> {
    let mut rows = rows();
    for id in ["bedtime-feet-2", "-x\u{1b}[2J"] {
        rows.push(RoutineRow {
            id: id.into(),
            name: "Bedtime feet".into(),
            total_secs: 583,
            mark: "yours",
        });
    }
    rows
}

#[test]
fn routines_of_the_same_name_are_told_apart_by_their_ids() {
    let mut app = HomeApp::new(rows_with_twins(), "bedtime-feet", Rules::default());
    app.set_history(
        HistoryState::Loaded(history().into()),
        Vec::new(),
        at("2026-11-23T21:00:00+01:00"),
    );
    let shown = screen(&app);
    insta::assert_snapshot!("home-same-names-80x24", shown);
    let rows = cells(&app, 80, 24);
    for twin in [
        "Bedtime feet bedtime-feet ",
        "Bedtime feet bedtime-feet-2 ",
        "Bedtime feet -x[2J ",
    ] {
        assert!(rows.iter().any(|r| r.contains(twin)), "{twin}:\n{shown}");
    }
    // Narrow, the shared name gives way before the id that tells the twins apart.
    let narrow = cells(&app, 40, 12);
    assert!(
        narrow
            .iter()
            .any(|r| r.contains("› Bedtime f… bedtime-feet ")),
        "{}",
        narrow.join("\n")
    );
    // The id is dimmed beside the name, the name itself is not.
    let (theme, terminal) = in_colour(&app);
    let buffer = terminal.backend().buffer();
    let rows = support::buffer_rows(buffer);
    let y = rows
        .iter()
        .position(|r| r.contains("bedtime-feet-2"))
        .expect("listed");
    let x = rows[y].find("bedtime-feet-2").expect("id");
    let name_x = rows[y].find("Bedtime").expect("name");
    let cell = |x: usize| buffer[(x as u16, y as u16)].style();
    assert_eq!(cell(x).fg, theme.dim.fg);
    assert_ne!(cell(name_x).fg, theme.dim.fg);
}

/// Home drawn at 80x24 in the night palette, for a test of its colours.
fn in_colour(app: &HomeApp) -> (Theme, Terminal<TestBackend>) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let theme = Theme::new(bedstretch::core::background::Shade::Night);
    let room = Cell::new(app.drawn());
    terminal
        .draw(|f| {
            let view = HomeView {
                app,
                theme: &theme,
                room: &room,
            };
            f.render_widget(view, f.area());
        })
        .expect("draw");
    (theme, terminal)
}

#[test]
fn a_routine_whose_name_is_its_own_shows_no_id() {
    let shown = screen(&home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(history().into()),
    ));
    assert!(!shown.contains("bedtime-feet"), "{shown}");
}

// A personal trial, and a night worth showing a doctor.

/// The six weeks of evenings with a trial from the night `from` and this diary.
fn with_trial(from: &str, cramps: Vec<CrampRecord>) -> Known {
    let plan = Plan {
        routine: "calf-hamstring".into(),
        from: from.parse().expect("date"),
        baseline_nights: 14,
        weeks: 6,
    };
    let start = ProgramRecord::new(&plan, at(&format!("{from}T21:00:00+01:00")), 0);
    Known {
        programs: vec![start],
        cramps,
        ..history().into()
    }
}

/// The diary line for `night`, noted the next morning.
fn diary(night: &str, severity: u8, count: Option<u32>, minutes: Option<u32>) -> CrampRecord {
    let night: chrono::NaiveDate = night.parse().expect("date");
    let note = CrampNote {
        night,
        severity,
        side: None,
        count,
        note: None,
        minutes,
    };
    let morning = night.succ_opt().expect("next day");
    note.record(at(&format!("{morning}T07:00:00+01:00")), 0)
}

/// Monday evening 23 November, night 5 of a trial's baseline.
fn in_the_baseline() -> HomeApp {
    home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(with_trial("2026-11-19", Vec::new())),
    )
}

/// Monday evening 23 November, week 3 of a trial whose baseline had 2.1 cramps a night.
fn in_week_three() -> HomeApp {
    let baseline = chrono::NaiveDate::from_ymd_opt(2026, 10, 26).expect("date");
    let cramps = baseline
        .iter_days()
        .take(10)
        .enumerate()
        .map(|(n, night)| diary(&night.to_string(), 4, Some(2 + u32::from(n == 0)), None))
        .collect();
    home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(with_trial("2026-10-26", cramps)),
    )
}

#[test]
fn home_says_where_the_trial_stands_in_one_line() {
    let app = in_the_baseline();
    let shown = screen(&app);
    assert!(
        shown.contains(" Trial · Baseline, night 5 of 14: just note cramps each morning "),
        "{shown}"
    );
    insta::assert_snapshot!("home-trial-baseline-80x24", shown);
    let narrow = screen_at(&app, 40, 12);
    assert!(
        narrow.contains(" Trial · Baseline, night 5 of 14 "),
        "{narrow}"
    );
    insta::assert_snapshot!("home-trial-baseline-40x12", narrow);
    let smallest = screen_at(&app, 30, 8);
    assert!(
        !smallest.contains("Baseline"),
        "dropped for the list: {smallest}"
    );

    let app = in_week_three();
    let shown = screen(&app);
    assert!(
        shown.contains(
            " Trial · Week 3 of 6: 2.1 cramps a night before · Calf and hamstring tonight "
        ),
        "{shown}"
    );
    insta::assert_snapshot!("home-trial-week-3-80x24", shown);
    let narrow = screen_at(&app, 40, 12);
    assert!(narrow.contains(" Trial · Week 3 of 6 "), "{narrow}");
    insta::assert_snapshot!("home-trial-week-3-40x12", narrow);
}

#[test]
fn in_the_baseline_the_morning_question_says_why_it_matters() {
    let app = home_at(
        "2026-11-23T07:15:00+01:00",
        HistoryState::Loaded(with_trial("2026-11-19", Vec::new())),
    );
    let shown = screen(&app);
    support::assert_has(
        &shown,
        &[
            "Any cramps last night?",
            "0 none · 1-9 how bad · t 10 · s skip",
            "Your trial's baseline: every morning counts.",
        ],
    );
    insta::assert_snapshot!("home-trial-morning-80x24", shown);
    let narrow = screen_at(&app, 40, 12);
    assert!(
        narrow.contains("Any cramps last night?") && narrow.contains("› Bedtime feet"),
        "{narrow}"
    );
    let smallest = screen_at(&app, 30, 8);
    assert!(
        smallest.contains("Any cramps last night?") && !smallest.contains("every morning"),
        "the question's keys before its reason: {smallest}"
    );
}

#[test]
fn a_night_worth_discussing_brings_the_doctor_line_calmly() {
    let cramps = vec![diary("2026-11-21", 7, Some(1), Some(15))];
    let app = home_at(
        "2026-11-23T21:00:00+01:00",
        HistoryState::Loaded(with_trial("2026-11-19", cramps)),
    );
    let shown = screen(&app);
    support::assert_has(
        &shown,
        &[
            "Cramps that last over 10 minutes, or come with swelling, numbness or weakness,",
            " are worth showing to a doctor.",
        ],
    );
    for routine in rows() {
        assert!(
            shown.contains(&routine.name),
            "{} crowded out: {shown}",
            routine.name
        );
    }
    insta::assert_snapshot!("home-doctor-line-80x24", shown);
    // In the theme's normal text, never an alarm.
    let (theme, terminal) = in_colour(&app);
    let buffer = terminal.backend().buffer();
    let rows = support::buffer_rows(buffer);
    let y = rows
        .iter()
        .position(|r| r.contains("worth showing"))
        .expect("shown");
    let x = rows[y].find("doctor").expect("the line") as u16;
    assert_eq!(buffer[(x, y as u16)].style().fg, theme.text.fg);
}
