//! What the torture tests share: a seeded random source whose seed is printed, so that any
//! failure can be replayed exactly, and the counts that keep `cargo test` quick while
//! `scripts/torture` runs the full ones.

use bedstretch::clock::{Clock, SystemClock};

/// Set to replay a run: the seed every torture test printed when it started.
pub const SEED_VAR: &str = "BEDSTRETCH_TORTURE_SEED";

/// splitmix64: a few lines, good enough to scatter moments, and the same on every machine,
/// which a replay needs (no crate's generator may change its stream under us).
pub struct Rng(u64);

impl Rng {
    /// The seed from [`SEED_VAR`] when set, else a fresh one; printed either way, with the
    /// test's name, so the output of a failed run says how to replay it.
    pub fn for_test(test: &str) -> Self {
        let seed = match std::env::var(SEED_VAR) {
            Ok(text) => text
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("{SEED_VAR} must be a number, got {text:?}")),
            Err(_) => {
                let wall = SystemClock::new().wall();
                wall.timestamp_nanos_opt().unwrap_or_default() as u64
                    ^ u64::from(std::process::id())
            }
        };
        eprintln!("{test}: seed {seed} (replay with {SEED_VAR}={seed})");
        Self(seed)
    }

    /// The next number of the stream.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0); the tiny bias of a modulo does not matter here.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}
