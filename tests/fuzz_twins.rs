//! The fuzz targets' twins: the same invariant checks (`fuzz/src/lib.rs`, included as is) fed
//! by proptest instead of libFuzzer, a few dozen cases each, so that every `cargo test` checks
//! them on a stable toolchain. The long runs are `scripts/fuzz`; a crash they find becomes a
//! regression test here or beside the code it fixed.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use bedstretch::store::bundled::ROUTINES;
use proptest::prelude::*;

const HISTORY: &str = include_str!("fixtures/history/synced/bedstretch/history/a.jsonl");
const CONFIG: &str = include_str!("fixtures/config/mixed.toml");

/// A good text with a few bytes cut out and others put in: mostly close to valid, which is
/// where the interesting mistakes are, unlike wholly random bytes.
fn edited(good: &'static str) -> impl Strategy<Value = Vec<u8>> {
    (
        0..=good.len(),
        0usize..24,
        proptest::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(move |(at, cut, insert)| {
            let end = (at + cut).min(good.len());
            let mut bytes = good.as_bytes()[..at].to_vec();
            bytes.extend(insert);
            bytes.extend(&good.as_bytes()[end..]);
            bytes
        })
}

fn bundled_edited() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(ROUTINES.iter().map(|(_, text)| *text).collect::<Vec<_>>())
        .prop_flat_map(edited)
}

fn any_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn routine_any_bytes(bytes in any_bytes(512)) {
        checks::routine(&bytes);
    }

    #[test]
    fn routine_edited(bytes in bundled_edited()) {
        checks::routine(&bytes);
    }

    #[test]
    fn history_any_bytes(bytes in any_bytes(512)) {
        checks::history_line(&bytes);
    }

    #[test]
    fn history_edited(bytes in edited(HISTORY)) {
        checks::history_line(&bytes);
    }

    #[test]
    fn config_any_bytes(bytes in any_bytes(256)) {
        checks::config(&bytes);
    }

    #[test]
    fn config_edited(bytes in edited(CONFIG)) {
        checks::config(&bytes);
    }

    #[test]
    fn session_any_actions(bytes in any_bytes(256)) {
        checks::session(&bytes);
    }
}
