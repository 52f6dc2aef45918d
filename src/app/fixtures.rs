//! What the app's tests share: an evening routine with sides, a rest and reps, and a session
//! of it. Compiled for tests only.

use std::time::Duration;

use chrono::DateTime;

use crate::core::routine_file::parse_routine;
use crate::core::session::Session;

/// Five seconds to get ready, a stretch on each foot, a rest of 10 s, and 10 reps in 90 s.
pub const EVENING: &str = r#"
name = "Evening"
lead_in = "5s"
step = [
    { name = "Wall calf stretch", duration = "30s", sides = ["left", "right"], rest = "10s" },
    { name = "Toe curls", duration = "1m30s", reps = 10 },
]
"#;

/// A session of the routine `toml`, started at 22:00.
pub fn session_of(toml: &str) -> Session {
    let routine = parse_routine("evening", toml.as_bytes(), &[]).expect("valid");
    let started = DateTime::parse_from_rfc3339("2026-11-23T22:00:00+01:00").expect("time");
    Session::start(routine, "id".into(), started, Duration::ZERO).0
}
