//! Fuzz target `history_line`: the invariants live in `bedstretch_fuzz::history_line`, shared with the
//! proptest twin in `tests/fuzz_twins.rs` that runs on every `cargo test`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bedstretch_fuzz::history_line(data));
