//! The session screen on ratatui's TestBackend with a fixed clock: a snapshot of every state at
//! five sizes from 30x8 to 120x40, a grid of sizes on which every label must stay whole, and
//! the order in which smaller screens give things up.

mod support;

use bedstretch::app::session::{Action, SessionApp};
use bedstretch::core::session::{Moment, Phase};
use bedstretch::core::text::width;
use bedstretch::tui::session_view::SessionView;
use bedstretch::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use support::{
    bundled, four_night_streak, now, routine, secs, session_app as app, streak_up_to_last_night,
};

fn screen(app: &SessionApp, now: Moment, width: u16, height: u16) -> String {
    rows(app, now, width, height)
        .iter()
        .map(|r| format!("\"{r}\"\n"))
        .collect()
}

/// The screen's rows as a person reads them: a wide character once, not followed by the
/// cell it covers.
fn rows(app: &SessionApp, now: Moment, width_: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width_, height)).expect("terminal");
    let theme = Theme::plain();
    terminal
        .draw(|f| {
            f.render_widget(
                SessionView {
                    app,
                    now,
                    theme: &theme,
                },
                f.area(),
            )
        })
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut covered = 0;
            for x in 0..buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                if covered == 0 {
                    row.push_str(symbol);
                    covered = width(symbol).saturating_sub(1);
                } else {
                    covered -= 1;
                }
            }
            row
        })
        .collect()
}

/// Every state a person meets, in a fixed order, each at its moment.
fn states() -> Vec<(&'static str, SessionApp, Moment)> {
    let mut out = Vec::new();
    let a = app(bundled("bedtime-feet"));
    out.push(("1-get-ready", a, secs(2)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(17)));
    out.push(("2-hold-left-foot", a, secs(17)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(36)));
    out.push(("3-switch-sides", a, secs(36)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(70)));
    out.push(("4-rest-next-previewed", a, secs(70)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(224)));
    assert_eq!(a.session.phase(), Phase::Hold(6));
    out.push(("5-hold-reps", a, secs(224)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(33)));
    out.push(("6-last-seconds", a, secs(33)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Action::TogglePause, now(secs(20)));
    out.push(("7-paused", a, secs(400)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Action::Quit, now(secs(20)));
    out.push(("8-quit-question", a, secs(20)));
    let mut a = app(bundled("bedtime-feet"));
    a.update(Action::Help, now(secs(20)));
    out.push(("9-help", a, secs(20)));
    let mut a = app(bundled("quick"));
    a.update_time(now(secs(60 * 60)));
    a.recorded(Ok(Some(four_night_streak())));
    out.push(("10-summary-completed", a, secs(3600)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(20)));
    a.update(Action::Hurt, now(secs(20)));
    a.update(Action::Quit, now(secs(30)));
    a.update(Action::Yes, now(secs(30)));
    a.recorded(Ok(Some(four_night_streak())));
    out.push(("11-summary-quit-with-hurt", a, secs(30)));
    let mut a = app(routine(ONE_LINE));
    a.update_time(now(secs(10)));
    out.push(("12-one-line-instructions", a, secs(10)));
    let mut a = app(routine(LONG_NAMES));
    a.update_time(now(secs(10)));
    out.push(("13-long-names", a, secs(10)));
    let mut a = app(routine(CJK));
    a.update_time(now(secs(10)));
    out.push(("14-cjk", a, secs(10)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(17)));
    a.update(Action::Hurt, now(secs(17)));
    out.push(("15-hurt-notice", a, secs(18)));
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(17)));
    a.saved(Err(LONG_SAVE_PROBLEM.into()));
    out.push(("16-progress-not-saved", a, secs(17)));
    let mut a = app(bundled("quick"));
    a.update_time(now(secs(20)));
    a.update(Action::Quit, now(secs(40)));
    a.update(Action::Yes, now(secs(40)));
    a.recorded(Ok(Some(streak_up_to_last_night())));
    out.push(("17-summary-not-kept", a, secs(40)));
    let mut a = app(bundled("quick"));
    a.update_time(now(secs(60 * 60)));
    a.recorded(Err(LONG_SAVE_PROBLEM.into()));
    out.push(("18-summary-not-saved", a, secs(3600)));
    out
}

/// Most hand-written routines: one short line of instructions per step.
const ONE_LINE: &str = r#"
name = "Short night"
[[step]]
name = "Toe spread"
duration = "30s"
instructions = "Spread your toes wide and hold."
"#;

/// Names at the 60-character limit, and instructions longer than any screen.
const LONG_NAMES: &str = r#"
name = "A long, slow bedtime routine for the feet, calves and ankles"
[[step]]
name = "Seated towel calf stretch with the knee straight and toes up"
duration = "30s"
sides = ["left", "right"]
instructions = """
Sit with this leg straight out and loop a towel around the ball of the foot. \
Gently draw the towel toward you so your toes come back toward your shin. \
Keep your back tall and your breathing slow. Hold it there without bouncing, \
and let the calf lengthen a little more with each breath out. If it pulls sharply, \
ease off until it is only a gentle stretch. Then relax, breathe, and let the foot rest \
on the bed for a moment before the other side. Take your time over each of these. \
There is no hurry at all tonight; the point is to end the day calm and unhurried."""
"#;

/// Sixty wide characters of name: 120 columns.
const CJK: &str = r#"
name = "睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展睡前伸展"
[[step]]
name = "靠墙小腿伸展"
duration = "30s"
sides = ["左脚", "右脚"]
instructions = "面对墙站立，双手扶墙，这只脚向后退一步，脚跟着地，膝盖伸直。慢慢向前倾，直到小腿感到轻微的拉伸，然后呼气。"
"#;

const LONG_SAVE_PROBLEM: &str = "/home/someone/.local/share/bedstretch/current.json: cannot save progress: No space left on device (os error 28)";

/// The sizes a reviewer reads: the usual terminal, a small one, the smallest that shows a
/// session, and a large one. Any other size is covered by the grid tests below.
const SNAPSHOT_SIZES: [(u16, u16); 4] = [(80, 24), (40, 12), (30, 8), (120, 40)];

#[test]
fn every_state_at_each_snapshot_size() {
    for (w, h) in SNAPSHOT_SIZES {
        for (name, app, now) in states() {
            insta::assert_snapshot!(format!("{w}x{h}-{name}"), screen(&app, now, w, h));
        }
    }
}

#[test]
fn too_small_asks_for_more_room_and_any_size_is_safe() {
    let a = app(bundled("bedtime-feet"));
    let tiny = screen(&a, secs(1), 29, 8);
    assert!(tiny.contains("Make the terminal"), "{tiny}");
    for (name, app, now) in states() {
        for width in [
            1, 2, 5, 10, 20, 29, 30, 31, 35, 39, 40, 41, 47, 48, 50, 60, 70, 75, 76, 77, 79, 80, 90,
        ] {
            for height in [1, 2, 7, 8, 9, 11, 13, 16, 19, 23, 30] {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    screen(&app, now, width, height)
                }))
                .unwrap_or_else(|_| panic!("{name} panicked at {width}x{height}"));
            }
        }
    }
}

#[test]
fn the_big_digits_give_way_to_plain_ones_last() {
    let mut a = app(bundled("bedtime-feet"));
    a.update_time(now(secs(17)));
    let wide = screen(&a, secs(17), 80, 24);
    assert!(
        wide.contains("Hands on the wall") || wide.contains("Stand facing a wall"),
        "{wide}"
    );
    assert!(wide.contains("||"), "the illustration shows at 80x24");
    let narrow = screen(&a, secs(17), 60, 24);
    assert!(!narrow.contains("||"), "the illustration goes first");
    assert!(narrow.contains("Stand facing a wall"), "{narrow}");
    let short = screen(&a, secs(17), 60, 12);
    assert!(!short.contains("Stand facing"), "then the instructions");
    assert!(
        short.contains('▀') || short.contains('█'),
        "while the digits stay big: {short}"
    );
    let tiny = screen(&a, secs(17), 40, 8);
    assert!(tiny.contains(" 18 "), "plain digits at last: {tiny}");
}

fn state(name: &str) -> (SessionApp, Moment) {
    states()
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, app, now)| (app, now))
        .expect("a state of that name")
}

/// True when `label` shows whole on some row, with nothing glued to either end of it.
fn whole(rows: &[String], label: &str) -> bool {
    rows.iter().any(|row| {
        row.match_indices(label).any(|(at, _)| {
            let before = row[..at].chars().next_back();
            let after = row[at + label.len()..].chars().next();
            let apart = |c: Option<char>| c.is_none_or(|c| c == ' ' || c == '│');
            apart(before) && apart(after)
        })
    })
}

/// True when `label`, or a start of it ending in `…`, is the only thing on some row.
fn whole_or_shortened(rows: &[String], label: &str) -> bool {
    rows.iter().any(|row| {
        let shown = row.trim();
        shown == label
            || shown
                .strip_suffix('…')
                .is_some_and(|start| !start.is_empty() && label.starts_with(start))
    })
}

/// True when a title that ends in a side shows the side whole after its name shortened with
/// `…` ("Wall calf stret… · Left foot"), or, switching sides, without its "Next:".
fn side_kept(rows: &[String], title: &str) -> bool {
    if let Some(side) = title.strip_prefix("Switch sides  Next: ") {
        return rows
            .iter()
            .any(|r| r.trim() == format!("Switch sides  {side}"));
    }
    let Some((name, side)) = title.rsplit_once(" · ") else {
        return false;
    };
    rows.iter().any(|row| {
        row.trim()
            .strip_suffix(&format!("… · {side}"))
            .is_some_and(|start| !start.is_empty() && name.starts_with(start.trim_end()))
    })
}

/// The labels every state must keep whole where it is drawn.
fn check_labels(name: &str, app: &SessionApp, rows: &[String]) -> Result<(), String> {
    let finished = app.session.outcome().is_some();
    let overlay = name.contains("quit-question") || name.contains("help");
    let footer = rows.last().map(|r| r.trim_end()).unwrap_or_default();
    let last_hint = if finished {
        "q close"
    } else if name.contains("quit-question") {
        "n keep going"
    } else if name.contains("help") {
        "any key close"
    } else {
        "? help"
    };
    if !footer.ends_with(last_hint) {
        return Err(format!("footer lost {last_hint:?}"));
    }
    if finished {
        for label in ["Held to the end", "Tonight "] {
            if !rows.iter().any(|r| r.contains(label)) {
                return Err(format!("summary lost {label:?}"));
            }
        }
        // The line that says whether it reached the history: "Saved." or "Not in your history".
        if !rows
            .iter()
            .any(|r| r.contains("aved") || r.contains("history"))
        {
            return Err("summary lost whether it was saved".to_string());
        }
        return Ok(());
    }
    if overlay {
        let labels: &[&str] = if name.contains("help") {
            &[
                "Space", "→ or n", "← or p", "h", "q", "?", "Ctrl-C", "Ctrl-Z",
            ]
        } else {
            &["y quit", "n keep going"]
        };
        for label in labels {
            if !whole(rows, label) {
                return Err(format!("overlay lost {label:?}"));
            }
        }
        return Ok(());
    }
    let header = &rows[0];
    let Some(at) = header.find("Step ") else {
        return Err("header lost \"Step\"".into());
    };
    let numbers: Vec<&str> = header[at + 5..].split_whitespace().take(3).collect();
    let intact = numbers.len() == 3
        && numbers[1] == "of"
        && [numbers[0], numbers[2]]
            .iter()
            .all(|n| n.parse::<u32>().is_ok());
    if !intact {
        return Err(format!("header's step is cut: {header:?}"));
    }
    let before = header[..at].trim();
    if !before.is_empty() && !header[..at].ends_with("  ") {
        return Err(format!("name and step touch: {header:?}"));
    }
    let routine_name = &app.session.routine().name;
    let shown = before.strip_suffix('…').unwrap_or(before);
    if !routine_name.starts_with(shown) {
        return Err(format!(
            "header shows a name that is not the routine's: {header:?}"
        ));
    }
    let title = title_of(name);
    if !whole_or_shortened(&rows[1..3], title) && !side_kept(&rows[1..3], title) {
        return Err(format!("title {title:?} is not whole or shortened with …"));
    }
    if name.contains("hurt") && !whole(rows, "Stopped: it hurt. Go gently.") {
        return Err("the hurt notice is not whole".into());
    }
    Ok(())
}

/// The title each running state should show.
fn title_of(state: &str) -> &'static str {
    match state {
        "1-get-ready" => "Get ready  First: Wall calf stretch · Left foot",
        "3-switch-sides" => "Switch sides  Next: Right foot",
        "4-rest-next-previewed" | "15-hurt-notice" => {
            "Rest  Next: Bent-knee soleus stretch · Left foot"
        }
        "5-hold-reps" => "Toe curls",
        "12-one-line-instructions" => "Toe spread",
        "13-long-names" => {
            "Seated towel calf stretch with the knee straight and toes up · Left foot"
        }
        "14-cjk" => "靠墙小腿伸展 · 左脚",
        _ => "Wall calf stretch · Left foot",
    }
}

/// Every width from 30 to 50, then every 9th to 200; every height from 8 to 16, then every
/// 6th to 60.
#[test]
fn every_label_stays_whole_at_every_size() {
    let widths: Vec<u16> = (30..=50).chain((59..=200).step_by(9)).collect();
    let heights: Vec<u16> = (8..=16).chain((22..=60).step_by(6)).collect();
    let mut faults = Vec::new();
    for (name, app, now) in states() {
        for &w in &widths {
            for &h in &heights {
                let rows = rows(&app, now, w, h);
                if let Err(fault) = check_labels(name, &app, &rows) {
                    faults.push(format!("{name} at {w}x{h}: {fault}\n{}", rows.join("\n")));
                }
            }
        }
    }
    assert_no_faults(&faults);
}

/// Fails with how many faults were found and the first of them, if any were.
fn assert_no_faults(faults: &[String]) {
    assert!(
        faults.is_empty(),
        "{} faults; the first:\n{}",
        faults.len(),
        faults.first().map(String::as_str).unwrap_or_default()
    );
}

/// The side tells the person which foot to stretch without reading the rest: it is whole at
/// every size, the step's name giving way first.
#[test]
fn the_side_is_whole_at_every_size() {
    let mut faults = Vec::new();
    for (state, side) in [
        ("2-hold-left-foot", "Left foot"),
        ("3-switch-sides", "Right foot"),
        ("13-long-names", "Left foot"),
        ("14-cjk", "左脚"),
    ] {
        let (app, now) = self::state(state);
        for w in (30..=50).chain([80, 120]) {
            for h in [8, 12, 24] {
                let rows = rows(&app, now, w, h);
                if !whole(&rows[1..3], side) {
                    faults.push(format!("{state} at {w}x{h}:\n{}", rows.join("\n")));
                }
            }
        }
    }
    assert_no_faults(&faults);
}

/// The help pauses the countdown; it says so, and names Ctrl-Z with the rest, at every size.
#[test]
fn the_help_says_the_session_is_paused_and_names_ctrl_z() {
    let (app, now) = state("9-help");
    for (w, h) in [(30, 8), (40, 12), (50, 15), (80, 24), (120, 40)] {
        let rows = rows(&app, now, w, h);
        let screen = rows.join("\n");
        assert!(screen.contains("Paused"), "{w}x{h}:\n{screen}");
        assert!(whole(&rows, "Ctrl-Z"), "{w}x{h}:\n{screen}");
        assert!(screen.contains("suspend"), "{w}x{h}:\n{screen}");
        assert!(
            screen.contains("Any key closes this."),
            "{w}x{h}:\n{screen}"
        );
    }
}

#[test]
fn one_line_instructions_show_when_two_rows_are_free() {
    let (a, now) = state("12-one-line-instructions");
    for (w, h) in [(40, 18), (50, 18), (80, 24), (120, 40)] {
        let rows = rows(&a, now, w, h);
        assert!(
            whole(&rows, "Spread your toes wide and hold."),
            "{w}x{h}:\n{}",
            rows.join("\n")
        );
    }
}

#[test]
fn long_names_are_shortened_never_dropped() {
    let (a, now) = state("13-long-names");
    for (w, h) in [(30, 8), (40, 12), (80, 24)] {
        let rows = rows(&a, now, w, h);
        let screen = rows.join("\n");
        assert!(rows[0].trim_start().starts_with("A lo"), "{screen}");
        assert!(rows[0].contains("…  Step 1 of 1"), "{screen}");
        assert!(
            rows.iter()
                .any(|r| r.trim_start().starts_with("Seated towel")),
            "{screen}"
        );
    }
    let rows = rows(&a, now, 80, 24);
    assert!(
        rows.iter()
            .any(|r| r.trim_end().ends_with('…') && r.contains("  ") && !r.contains("Seated")),
        "the cut instructions end with …:\n{}",
        rows.join("\n")
    );
    let (cjk, now) = state("14-cjk");
    let rows = self::rows(&cjk, now, 80, 24);
    assert!(rows[0].contains("睡前伸展"), "{}", rows.join("\n"));
}

#[test]
fn a_large_terminal_has_no_empty_half() {
    for name in [
        "2-hold-left-foot",
        "5-hold-reps",
        "12-one-line-instructions",
    ] {
        let (a, now) = state(name);
        let rows = rows(&a, now, 120, 40);
        let mut run = 0;
        let mut longest = 0;
        for row in &rows {
            run = if row.trim().is_empty() { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        assert!(
            longest <= 12,
            "{name}: {longest} empty rows:\n{}",
            rows.join("\n")
        );
    }
}

#[test]
fn a_failed_progress_save_shows_the_reason_and_the_file_whole() {
    let (a, now) = state("16-progress-not-saved");
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let message = squeeze(&format!("Progress not saved: {LONG_SAVE_PROBLEM}"));
    for (w, h) in [(40, 12), (50, 15), (80, 24), (120, 40)] {
        let rows = rows(&a, now, w, h);
        // Only the text column: the illustration may share its rows.
        let text: String = rows
            .iter()
            .map(|r| r.trim_start().split("   ").next().unwrap_or_default())
            .collect();
        assert!(
            squeeze(&text).contains(&message),
            "{w}x{h}:\n{}",
            rows.join("\n")
        );
    }
}

#[test]
fn wide_characters_are_measured_in_columns() {
    let (a, now) = state("14-cjk");
    let instructions = &a.session.routine().steps[0].instructions;
    for (w, h) in [(60, 24), (80, 24), (120, 40)] {
        let rows = rows(&a, now, w, h);
        let screen: String = rows.iter().map(|r| r.replace(' ', "")).collect();
        assert!(
            screen.contains(instructions.as_str()),
            "{}",
            rows.join("\n")
        );
        assert!(
            rows[0].starts_with(" 睡前伸展")
                && rows[0].contains("…  ")
                && rows[0].contains("Step 1 of 1"),
            "{w}x{h}: the name is cut in columns, apart from the step: {:?}",
            rows[0]
        );
        for row in &rows {
            assert_eq!(width(row), w as usize, "{row:?}");
        }
    }
}
