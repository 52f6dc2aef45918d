//! The one place that reads the real clock. Everything else is handed "now", so that tests
//! run on fixed instants and a late tick can never make a countdown drift.
#![allow(clippy::disallowed_methods)]

use std::time::Instant;

use chrono::{DateTime, Local};

/// The wall-clock time in the local offset, for records and nights.
pub fn local_now() -> DateTime<Local> {
    Local::now()
}

/// A monotonic instant, for countdowns: it never jumps when the wall clock is changed.
pub fn monotonic_now() -> Instant {
    Instant::now()
}
