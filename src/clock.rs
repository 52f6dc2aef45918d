//! The one place that reads the real clock. Everything else is handed "now", so that tests
//! run on fixed instants and a late tick can never make a countdown drift.
#![allow(clippy::disallowed_methods)]

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local, Timelike};

/// The clock as the shell sees it: monotonic moments for countdowns, wall time for records.
pub trait Clock {
    /// Monotonic time since the clock's origin.
    fn moment(&self) -> Duration;
    /// The wall-clock time in the local offset, to the millisecond, for records and ids.
    fn wall(&self) -> DateTime<FixedOffset>;
}

/// The real clock: monotonic time since it was made, and the system's local time.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock whose moments count from now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn moment(&self) -> Duration {
        self.origin.elapsed()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        // Records carry milliseconds (DESIGN.md); finer digits would only be noise.
        let now = Local::now().fixed_offset();
        now.with_nanosecond(now.nanosecond() / 1_000_000 * 1_000_000)
            .unwrap_or(now)
    }
}
