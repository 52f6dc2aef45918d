//! How long saying a cue holds the loop: starting the speaker, and cutting off one that is
//! still talking. The countdown never waits for the speaker itself, only for these.
//!
//! Run with `cargo bench --bench voice`; with espeak-ng installed, its own spawn is measured
//! too.

use bedstretch::core::config::VoiceCommand;
use bedstretch::voice::{SPEAKERS, Voice};

fn main() {
    divan::main();
}

fn voice(command: &str) -> Voice {
    let command = VoiceCommand::parse(command);
    let voice = Voice::new(command.as_ref(), None);
    assert!(voice.speaker().is_some(), "{command:?} cannot be run");
    voice
}

/// A speaker done before the next cue: the spawn alone.
#[divan::bench(sample_count = 50)]
fn a_quick_speaker(bencher: divan::Bencher) {
    let mut voice = voice("/bin/sh -c : {text}");
    bencher.bench_local(|| voice.say("Calf stretch, left foot"));
}

/// A speaker still talking at the next cue: it is killed and reaped, then the next starts.
#[divan::bench(sample_count = 50)]
fn a_hanging_speaker_cut_off(bencher: divan::Bencher) {
    let mut voice = voice("/bin/sh -c 'sleep 10' {text}");
    bencher.bench_local(|| voice.say("Switch sides"));
}

/// The real espeak-ng, when the PATH has it.
#[divan::bench(sample_count = 20)]
fn espeak_ng(bencher: divan::Bencher) {
    let path = std::env::var_os("PATH");
    let mut voice = Voice::new(None, path.as_deref());
    let is_espeak_ng = voice
        .speaker()
        .is_some_and(|s| s.program.file_name().is_some_and(|n| n == SPEAKERS[0]));
    if !is_espeak_ng {
        eprintln!("espeak-ng is not installed; skipped");
        return;
    }
    bencher.bench_local(|| voice.say("Rest"));
}
