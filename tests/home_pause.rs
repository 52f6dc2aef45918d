//! Home's offer when the streak has just broken: one line in place of the rule, and `p`
//! pauses the nights missed since, after which home shows the streak whole and the heatmap
//! marks those nights paused. Driven through the real loop, with a manual clock.

mod support;

use bedstretch::app::home::HomeApp;
use bedstretch::app::{App, Effect};
use bedstretch::core::calendar::Rules;
use bedstretch::core::stats::SessionFacts;
use chrono::NaiveDate;

use support::test_io as io;
use support::{SETTINGS, TestIo, bundled, char, kept_session_on, routine_rows, wait};

const OFFER: &str = "Streak lost after 10 nights. Were you away? p pause those nights";

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// Kept every evening of `days` in November 2026.
fn kept_in_november(days: std::ops::RangeInclusive<u32>) -> Vec<SessionFacts> {
    days.map(|d| kept_session_on(&format!("2026-11-{d:02}T22:30:00+01:00")))
        .collect()
}

/// Home on the script's clock (22:41 on Monday 23 November) over `known`, keys as `steps`.
fn home(known: Vec<SessionFacts>, steps: Vec<support::Step>) -> TestIo {
    let mut io = io(steps);
    let catalog = vec![bundled("quick")];
    io.shell.catalog = catalog.clone();
    io.shell.known = known.into();
    let home = HomeApp::new(routine_rows(&catalog, ""), "quick", Rules::default());
    let mut app = App::home(home, SETTINGS).0;
    io.run(&mut app, vec![Effect::LoadHistory])
        .expect("loop runs");
    io
}

fn frames(io: &TestIo) -> Vec<String> {
    let frames = &io.terminal.backend().frames;
    frames.iter().map(|(_, _, screen)| screen.clone()).collect()
}

#[test]
fn a_streak_lost_lately_is_offered_a_pause_and_p_makes_it_whole() {
    // Kept 10–19 Nov; the nights of 20, 21 and 22 Nov were missed.
    let io = home(
        kept_in_november(10..=19),
        vec![wait(1), char('p'), wait(1), wait(1)],
    );
    let offered = frames(&io)
        .into_iter()
        .find(|f| f.contains(OFFER))
        .expect("the offer on home");
    insta::assert_snapshot!("home-pause-offered", offered);
    assert_eq!(
        io.shell.pauses,
        [(date("2026-11-20"), date("2026-11-22"))],
        "from the first night missed to last night"
    );
    assert_eq!(io.shell.history_loads, 2, "read again after the pause");
    let after = io.terminal.backend().screen();
    assert!(!after.contains("Streak lost"), "{after}");
    support::assert_has(
        &after,
        &["Streak 10 nights", "~ paused", "Those nights are paused"],
    );
    insta::assert_snapshot!("home-pause-whole", after);
}

#[test]
fn no_offer_for_a_short_run_a_long_absence_or_a_streak_that_stands() {
    for (why, known) in [
        (
            "two nights kept are not a streak lost",
            kept_in_november(18..=19),
        ),
        (
            "31 nights missed are more than one pause",
            kept_in_october(),
        ),
        ("kept last night: nothing lost", kept_in_november(10..=22)),
    ] {
        let io = home(known, vec![wait(1), char('p'), wait(1)]);
        let shown = io.terminal.backend().screen();
        assert!(!shown.contains("Streak lost"), "{why}: {shown}");
        assert!(io.shell.pauses.is_empty(), "{why}: p does nothing");
    }
}

/// Kept 10–22 October: the 31 nights since, 23 Oct to 22 Nov, are too many for one pause.
fn kept_in_october() -> Vec<SessionFacts> {
    (10..=22)
        .map(|d| kept_session_on(&format!("2026-10-{d}T22:30:00+01:00")))
        .collect()
}
