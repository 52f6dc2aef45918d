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
        let moment = self.origin.elapsed();
        #[cfg(debug_assertions)]
        test_panic::at(moment);
        moment
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        // Records carry milliseconds (DESIGN.md); finer digits would only be noise.
        let now = Local::now().fixed_offset();
        now.with_nanosecond(now.nanosecond() / 1_000_000 * 1_000_000)
            .unwrap_or(now)
    }
}

/// Debug builds only, for the end-to-end tests (tests/torture_signals.rs): with
/// `BEDSTRETCH_TEST_PANIC_AFTER_SECS=N` in the environment, the first reading of a clock at or
/// after N seconds panics, once. Nothing else can make the real binary panic on purpose, and
/// "a panic mid-session gives the terminal back and records the session" must be seen in a
/// real terminal to be believed. Release builds (`cargo install`) compile none of this.
#[cfg(debug_assertions)]
mod test_panic {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    /// The environment variable that asks for the panic.
    const VAR: &str = "BEDSTRETCH_TEST_PANIC_AFTER_SECS";

    /// Panics if the test asked for a panic by `moment` and none has happened yet: once, so
    /// that the code recording the session after a panic can read the clock.
    pub fn at(moment: Duration) {
        static AFTER: OnceLock<Option<Duration>> = OnceLock::new();
        static DONE: AtomicBool = AtomicBool::new(false);
        let after = AFTER.get_or_init(|| {
            std::env::var(VAR)
                .ok()
                .and_then(|secs| secs.parse::<f64>().ok())
                .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        });
        if let Some(after) = after
            && moment >= *after
            && !DONE.swap(true, Ordering::SeqCst)
        {
            panic!("{VAR}: the panic the test asked for, {after:?} in");
        }
    }
}
