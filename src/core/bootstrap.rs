//! The random draws behind the bootstrap intervals: the same on every machine, from a fixed
//! seed, so the same diary always gives the same interval.

/// splitmix64: tiny, well mixed and the same on every machine, which is all a fixed-seed
/// bootstrap needs; no dependency for it.
pub(super) struct SplitMix64(pub(super) u64);

impl SplitMix64 {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform pick below `n` by multiply-and-shift; its bias is far below what a share of
    /// a few hundred nights can show.
    pub(super) fn below(&mut self, n: u32) -> u32 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u32
    }

    /// Of `n` draws from `n` nights of which `with` had a cramp, how many had one.
    pub(super) fn successes(&mut self, with: u32, n: u32) -> u32 {
        (0..n).filter(|_| self.below(n) < with).count() as u32
    }
}

/// The 2.5th and 97.5th percentiles of `draws`, taken symmetrically from each end once they
/// are sorted; `point` where there are too few draws to have them.
pub(super) fn interval95(mut draws: Vec<f64>, point: f64) -> (f64, f64) {
    draws.sort_by(f64::total_cmp);
    let tail = draws.len() / 40;
    let low = draws.get(tail).copied().unwrap_or(point);
    let high = draws
        .len()
        .checked_sub(tail + 1)
        .and_then(|i| draws.get(i))
        .copied()
        .unwrap_or(point);
    (low, high)
}
