//! A session line read for its facts alone: the quick way for `stats` and the summary cache,
//! which need a handful of numbers and names from each of thousands of lines.
//!
//! [`SessionLine`] has the fields and types of [`SessionRecord`], so it accepts exactly the
//! lines [`parse_session`] accepts and no others; the only difference is that its strings
//! borrow from the line instead of each taking an allocation: about 9 % off parsing ten
//! years of history (`cargo bench --bench stats -- parse_history_lines`: 21.2 -> 19.3 ms).
//!
//! [`SessionRecord`]: super::history::SessionRecord
//! [`parse_session`]: super::history::parse_session

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::history::{
    Outcome, Recorded, SessionKind, Status, StepView, counts_by_default, longer_than_a_night,
    placeable, step_facts,
};
use super::record::format_version;
use super::stats::SessionFacts;

/// [`super::history::SessionRecord`], borrowed. Fields stats do not use are still read, with
/// the same types, so that a line with a bad one is refused here as it is there.
#[derive(Deserialize)]
struct SessionLine<'a> {
    #[serde(rename = "v", default = "format_version")]
    _v: u32,
    #[serde(rename = "kind")]
    _kind: SessionKind,
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(rename = "routine", default, borrow)]
    _routine: Cow<'a, str>,
    #[serde(default, borrow)]
    routine_name: Cow<'a, str>,
    started_at: DateTime<FixedOffset>,
    #[serde(default)]
    ended_at: Option<DateTime<FixedOffset>>,
    #[serde(rename = "outcome", default)]
    _outcome: Recorded<Outcome>,
    #[serde(default, borrow)]
    steps: Vec<StepLine<'a>>,
    #[serde(default = "counts_by_default")]
    counts: bool,
}

/// [`super::history::StepRecord`], borrowed.
#[derive(Deserialize)]
struct StepLine<'a> {
    #[serde(default, borrow)]
    name: Cow<'a, str>,
    #[serde(default, borrow)]
    side: Option<Cow<'a, str>>,
    #[serde(default)]
    planned_secs: u64,
    #[serde(default)]
    done_secs: u64,
    #[serde(default)]
    status: Recorded<Status>,
}

/// The facts of a good session line, or `None` for any line that is not one, which the
/// caller sends through [`super::history::parse_line`] for what it is and why.
pub fn session_facts(line: &str) -> Option<SessionFacts> {
    if !line.trim_start().starts_with('{') {
        return None;
    }
    let record: SessionLine = serde_json::from_str(line).ok()?;
    if !placeable(record.started_at) {
        return None;
    }
    let secs = record.steps.iter().map(|s| (s.planned_secs, s.done_secs));
    if longer_than_a_night(record.started_at, record.ended_at, secs).is_some() {
        return None;
    }
    let steps = record.steps.iter().map(|s| StepView {
        name: &s.name,
        side: s.side.as_deref(),
        status: &s.status,
    });
    let (completed, planned, skipped, hurt) = step_facts(steps);
    Some(SessionFacts {
        id: record.id.into_owned(),
        routine_name: record.routine_name.into_owned(),
        started_at: record.started_at,
        completed,
        planned,
        skipped,
        hurt,
        counts: record.counts,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::core::history::{HistoryLine, parse_line};

    /// What the one line parser makes of a line, as facts.
    fn through_parse_line(line: &str) -> Option<SessionFacts> {
        match parse_line(line) {
            HistoryLine::Session(record) => Some(record.into()),
            _ => None,
        }
    }

    const GOOD: &str = r#"{"v":1,"kind":"session","id":"20261120T220000.000+0100-00ab","routine":"bedtime-feet","routine_name":"Bedtime \"feet\"","started_at":"2026-11-20T22:00:00+01:00","ended_at":"2026-11-20T22:10:00+01:00","outcome":"completed","steps":[{"name":"Calf","side":"left","planned_secs":30,"done_secs":30,"status":"completed"},{"name":"Calf","side":"right","planned_secs":30,"done_secs":4,"status":"hurt"},{"name":"Calf","side":"right","planned_secs":30,"done_secs":0,"status":"hurt"},{"name":"Toe\u0020curls","planned_secs":30,"done_secs":0,"status":"skipped"},{"name":"Spread","status":"someday"}]}"#;

    #[test]
    fn a_good_line_gives_the_facts_the_record_gives() {
        let facts = session_facts(GOOD).expect("a session");
        assert_eq!(Some(&facts), through_parse_line(GOOD).as_ref());
        assert_eq!((facts.completed, facts.planned), (1, 5));
        assert_eq!(facts.skipped, ["Toe curls"]);
        assert_eq!(facts.routine_name, "Bedtime \"feet\"");
        assert_eq!(facts.hurt.len(), 1);
    }

    #[test]
    fn lines_the_record_refuses_are_refused_here() {
        for line in [
            "",
            "   ",
            "not json",
            r#"{"kind":"cramp","night":"2026-11-20","severity":2}"#,
            r#"{"kind":"session","started_at":"2026-11-20T22:00:00+01:00"}"#,
            r#"{"kind":"session","id":"a","started_at":"yesterday"}"#,
            r#"{"kind":"session","id":"a","started_at":"2026-11-20T22:00:00+01:00","v":-1}"#,
            r#"{"kind":"session","id":"a","started_at":"2026-11-20T22:00:00+01:00","ended_at":"x"}"#,
            r#"{"kind":"session","id":"a","started_at":"2026-11-20T22:00:00+01:00","steps":[{"done_secs":-4}]}"#,
            r#"{"kind":"session","id":"a","id":"b","started_at":"2026-11-20T22:00:00+01:00"}"#,
            r#"{"kind":"session","id":"a","started_at":"2026-11-20T22:00:00+01:00","counts":"no"}"#,
            r#"{"kind":"session","id":"a","started_at":"+262142-12-31T23:00:00-23:59"}"#,
        ] {
            assert_eq!(session_facts(line), None, "{line}");
            assert_eq!(through_parse_line(line), None, "{line}");
        }
    }

    /// A line cut, spliced or with a character changed, from a good one: the neighbourhood
    /// where two readers of one format would first disagree.
    fn mutated() -> impl Strategy<Value = String> {
        let bytes = GOOD.len();
        (0..bytes, 0..bytes, 0usize..4, any::<char>()).prop_map(|(a, b, how, c)| {
            let chars: Vec<char> = GOOD.chars().collect();
            let (a, b) = (a.min(b).min(chars.len()), a.max(b).min(chars.len()));
            let mut out: Vec<char> = match how {
                0 => chars[..a].iter().chain(&chars[b..]).copied().collect(),
                1 => chars[a..b].to_vec(),
                2 => {
                    let mut v = chars.clone();
                    if a < v.len() {
                        v[a] = c;
                    }
                    v
                }
                _ => {
                    let mut v = chars.clone();
                    v.insert(a, c);
                    v
                }
            };
            out.retain(|&c| c != '\n');
            out.into_iter().collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn reads_exactly_the_sessions_parse_line_reads(line in mutated()) {
            prop_assert_eq!(session_facts(&line), through_parse_line(&line));
        }

        #[test]
        fn agrees_on_any_text_too(line in "\\PC{0,80}") {
            prop_assert_eq!(session_facts(&line), through_parse_line(&line));
        }
    }
}
