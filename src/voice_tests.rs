use std::ffi::OsString;
use std::fs;

use super::*;

/// Waits for something a speaker process does, for at most a generous while.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let clock = SystemClock::new();
    while !done() {
        assert!(clock.moment() < Duration::from_secs(10), "never: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// An executable file `name` in `dir`.
pub(crate) fn program(dir: &Path, name: &str) -> PathBuf {
    fs::create_dir_all(dir).expect("folder");
    let path = dir.join(name);
    fs::write(&path, "#!/bin/sh\n").expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

pub(crate) fn path_of(dirs: &[&Path]) -> OsString {
    std::env::join_paths(dirs).expect("a PATH")
}

/// A speaker run by /bin/sh, so the script is read rather than executed: a test thread
/// writing one while another forks could otherwise make its exec fail as "text file busy".
fn script(dir: &Path, body: &str) -> VoiceCommand {
    let path = dir.join("speaker.sh");
    fs::write(&path, body).expect("write");
    VoiceCommand::parse(&format!("/bin/sh '{}' {{text}}", path.display())).expect("usable")
}

/// A voice whose speaker is the script `body` in a fresh folder; `{dir}` in the body stands
/// for that folder.
fn voice_running(body: &str) -> (tempfile::TempDir, Voice) {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = body.replace("{dir}", &dir.path().display().to_string());
    let command = script(dir.path(), &body);
    (dir, Voice::new(Some(&command), None))
}

/// A process's state letter, `None` once it is gone.
fn state(pid: &str) -> Option<char> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(") ").next()?.chars().next()
}

#[test]
fn the_first_speaker_of_the_list_on_the_path_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    program(&a, "say");
    program(&a, "spd-say");
    let espeak = program(&b, "espeak");
    // Neither a file that cannot run nor a folder is a speaker.
    fs::write(a.join("espeak-ng"), "").expect("write");
    fs::create_dir_all(b.join("espeak-ng")).expect("folder");
    let path = path_of(&[&a, &b]);
    let found = find(None, Some(&path)).expect("found");
    assert_eq!(
        found.program, espeak,
        "espeak, in the second folder, before say"
    );
    assert_eq!(found.args("Rest"), ["Rest"]);

    let espeak_ng = program(&b, "espeak-ng-real");
    fs::remove_dir(b.join("espeak-ng")).expect("rmdir");
    fs::rename(&espeak_ng, b.join("espeak-ng")).expect("rename");
    let found = find(None, Some(&path)).expect("found");
    assert_eq!(found.program, b.join("espeak-ng"));
}

#[test]
fn the_configs_own_command_comes_before_any_speaker() {
    let dir = tempfile::tempdir().expect("temp dir");
    program(dir.path(), "espeak-ng");
    let mine = program(dir.path(), "say-it");
    let path = path_of(&[dir.path()]);
    let command = VoiceCommand::parse("say-it --fast {text}").expect("usable");
    let found = find(Some(&command), Some(&path)).expect("found");
    assert_eq!(found.program, mine);
    assert_eq!(found.args("Switch sides"), ["--fast", "Switch sides"]);

    let command = VoiceCommand::parse("/bin/sh -c 'echo \"$0\"' {text}").expect("usable");
    let found = find(Some(&command), None).expect("a path needs no PATH");
    assert_eq!(found.program, PathBuf::from("/bin/sh"));
}

#[test]
fn a_missing_speaker_is_told_once_plainly_and_nothing_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = path_of(&[dir.path()]);
    let mut voice = Voice::new(None, Some(&empty));
    assert_eq!(
        voice.problem().as_deref(),
        Some(
            "the cues are not spoken: none of espeak-ng, espeak, spd-say or say is installed; \
             install one (espeak-ng is small), or set voice_command in the config"
        )
    );
    voice.say("Rest");
    assert_eq!(voice.problem(), None, "told once");
    assert!(voice.speaker().is_none());

    let command = VoiceCommand::parse("my-speaker {text}").expect("usable");
    let mut voice = Voice::new(Some(&command), Some(&empty));
    assert_eq!(
        voice.problem().as_deref(),
        Some("the cues are not spoken: `my-speaker` (voice_command) is not on the PATH")
    );
    let command = VoiceCommand::parse("/no/such/speaker {text}").expect("usable");
    let mut voice = Voice::new(Some(&command), None);
    assert_eq!(
        voice.problem().as_deref(),
        Some(
            "the cues are not spoken: `/no/such/speaker` (voice_command) is not a program \
             that can be run"
        )
    );
    // Without a PATH at all there is nothing to find, and no panic.
    assert!(Voice::new(None, None).problem().is_some());
}

#[test]
fn the_words_are_one_argument_whatever_they_hold() {
    let (dir, mut voice) =
        voice_running("printf '%s|' \"$@\" > '{dir}/said.tmp'; mv '{dir}/said.tmp' '{dir}/said'\n");
    let out = dir.path().join("said");
    assert_eq!(voice.problem(), None);
    voice.say("-- Toe \"flexes\"; rm -rf ~ $(reboot) 'x'\n`id` \u{1b}[31m");
    eventually("the speaker wrote", || out.exists());
    assert_eq!(
        fs::read_to_string(&out).expect("read"),
        "Toe \"flexes\"; rm -rf ~ $(reboot) 'x' `id` [31m|",
        "one argument, cleaned of controls and of a leading dash"
    );
}

#[test]
fn the_next_cue_cuts_off_a_speaker_and_everything_it_started() {
    let (dir, mut voice) = voice_running(
        "sleep 60 & echo \"$$ $!\" > '{dir}'/\"$1\".tmp; mv '{dir}'/\"$1\".tmp '{dir}'/\"$1\"; wait\n",
    );
    let said = |word: &str| dir.path().join(word);
    voice.say("one");
    eventually("the first speaker started", || said("one").exists());
    let pids = fs::read_to_string(said("one")).expect("pids");
    let (speaker, sleeper) = pids.trim().split_once(' ').expect("two pids");
    voice.say("two");
    // Reaped before `say` returned: no zombie is left behind.
    assert_eq!(state(speaker), None, "the speaker is gone");
    // What it started is killed with it (and reaped by whoever adopts it).
    eventually("the speaker's own child ended", || {
        matches!(state(sleeper), None | Some('Z'))
    });
    eventually("the next speaker started", || said("two").exists());
    voice.hush();
}

#[test]
fn the_last_word_may_finish_after_the_session() {
    let (dir, mut voice) = voice_running("sleep 0.3; echo \"$1\" > '{dir}/said'\n");
    let out = dir.path().join("said");
    voice.say("Done");
    drop(voice);
    assert_eq!(fs::read_to_string(&out).expect("said").trim(), "Done");
}

#[test]
fn a_speaker_that_cannot_start_is_told_once_and_not_tried_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let speaker = dir.path().join("speaker");
    fs::write(&speaker, "#!/no/such/interpreter\n").expect("write");
    fs::set_permissions(&speaker, fs::Permissions::from_mode(0o755)).expect("chmod");
    let command = VoiceCommand::parse(&format!("'{}' {{text}}", speaker.display()));
    let mut voice = Voice::new(command.as_ref(), None);
    assert_eq!(voice.problem(), None, "it looks like a program");
    voice.say("Rest");
    let problem = voice.problem().expect("told");
    let said = format!(
        "the cues are no longer spoken: {} could not be started: ",
        speaker.display()
    );
    assert!(problem.starts_with(&said), "{problem}");
    voice.say("Done");
    assert_eq!(voice.problem(), None, "told once");
    assert!(voice.speaker().is_none(), "not tried again");
}
