use std::fs;
use std::os::unix::fs::MetadataExt;

use super::*;
use crate::voice::tests::{path_of, program};

/// Sounds on, as the config has them by default, with nothing else said.
fn setup<'a>(path: Option<&'a OsStr>, cache: &'a Path) -> Setup<'a> {
    Setup {
        on: true,
        asked: None,
        over_ssh: false,
        command: None,
        path,
        cache: Some(cache),
    }
}

#[test]
fn each_moment_of_a_session_has_its_own_sound_and_get_ready_none() {
    assert_eq!(for_moment(Moment::GetReady), None);
    assert_eq!(for_moment(Moment::Step), Some(Sound::Hold));
    assert_eq!(for_moment(Moment::Side), Some(Sound::Hold));
    assert_eq!(for_moment(Moment::Switch), Some(Sound::Switch));
    assert_eq!(for_moment(Moment::Rest), Some(Sound::Rest));
    for secs in 1..=3 {
        assert_eq!(for_moment(Moment::Count(secs)), Some(Sound::Tick));
    }
    assert_eq!(for_moment(Moment::Done), Some(Sound::End));
}

#[test]
fn the_sounds_are_distinct_short_soft_wav_files() {
    let mut names: Vec<String> = Sound::ALL.iter().map(|s| s.file_name()).collect();
    let mut bytes: Vec<&[u8]> = Sound::ALL.iter().map(|s| s.bytes()).collect();
    names.dedup();
    bytes.dedup();
    assert_eq!((names.len(), bytes.len()), (5, 5));
    for sound in Sound::ALL {
        let wav = sound.bytes();
        assert_eq!((&wav[..4], &wav[8..12]), (&b"RIFF"[..], &b"WAVE"[..]));
        // Mono, 22050 Hz, 16-bit, at most 0.6 s of samples after the 44-byte header.
        assert_eq!(u16::from_le_bytes([wav[22], wav[23]]), 1, "{sound:?} mono");
        assert_eq!(
            u32::from_le_bytes([wav[24], wav[25], wav[26], wav[27]]),
            22_050
        );
        assert!(wav.len() - 44 <= 2 * 22_050 * 6 / 10, "{sound:?} too long");
        let peak = wav[44..]
            .chunks_exact(2)
            .map(|s| i16::from_le_bytes([s[0], s[1]]).unsigned_abs())
            .max()
            .unwrap_or(0);
        // -12 dBFS is 8225; no sound is louder, none silent.
        assert!((1000..=8300).contains(&peak), "{sound:?} peaks at {peak}");
    }
}

#[test]
fn the_cache_is_written_once_and_mended_when_its_bytes_differ() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("sounds");
    write_cache(&folder).expect("written");
    let hold = folder.join(Sound::Hold.file_name());
    assert_eq!(fs::read(&hold).expect("hold"), Sound::Hold.bytes());
    let inode = |path: &Path| fs::metadata(path).expect("there").ino();
    let before = inode(&hold);

    // The same bytes are left alone: the file is the very one written before.
    write_cache(&folder).expect("again");
    assert_eq!(inode(&hold), before);

    // A file spoiled (cut short by a full disk, say) is written whole again.
    fs::write(&hold, b"RIFF").expect("spoil");
    write_cache(&folder).expect("mended");
    assert_eq!(fs::read(&hold).expect("hold"), Sound::Hold.bytes());
    let names: Vec<String> = fs::read_dir(&folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 5, "nothing but the five sounds: {names:?}");
}

#[test]
fn the_first_player_of_the_list_on_the_path_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    program(&a, "afplay");
    let aplay = program(&b, "aplay");
    let path = path_of(&[&a, &b]);
    let player = find(None, Some(&path)).expect("a player");
    assert_eq!(player.program, aplay, "aplay comes before afplay");
    assert_eq!(player.args(Path::new("/c/hold.wav")), ["/c/hold.wav"]);
}

#[test]
fn the_configs_own_player_comes_first_with_the_file_as_one_word() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = path_of(&[dir.path()]);
    let missing = SoundCommand::parse("'my player' {file}").expect("usable");
    assert_eq!(
        find(Some(&missing), Some(&path)),
        Err(
            "the sounds are not played: `my player` (sound_command) is not on the PATH, so \
             the terminal bell marks the moments"
                .to_string()
        )
    );
    // A usual player does not stand in for the person's own: they asked for theirs.
    program(dir.path(), "paplay");
    assert!(find(Some(&missing), Some(&path)).is_err());
    let mine = program(dir.path(), "my player");
    let command = SoundCommand::parse("'my player' --quiet {file}").expect("usable");
    let player = find(Some(&command), Some(&path)).expect("found");
    assert_eq!(
        (
            player.program.clone(),
            player.args(Path::new("/a b/hold.wav"))
        ),
        (
            mine,
            vec!["--quiet".to_string(), "/a b/hold.wav".to_string()]
        )
    );
}

#[test]
fn without_a_player_the_bell_stays_and_it_is_told_once_on_this_machine() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = path_of(&[&dir.path().join("bin")]);
    let mut first = Sounds::new(setup(Some(&empty), dir.path()));
    assert_eq!(first.player(), None);
    let told = first.problem().expect("told the first time");
    assert!(told.starts_with("no sound player was found"), "{told}");
    assert_eq!(first.problem(), None, "and only once");
    assert_eq!(Sounds::new(setup(Some(&empty), dir.path())).problem(), None);
    // Asked for with `--sound`, it is told every time.
    let asked = Setup {
        asked: Some(true),
        ..setup(Some(&empty), dir.path())
    };
    assert!(Sounds::new(asked).problem().is_some());
}

#[test]
fn off_turned_off_or_over_ssh_there_is_no_player_and_no_word() {
    let dir = tempfile::tempdir().expect("temp dir");
    program(&dir.path().join("bin"), "pw-play");
    let path = path_of(&[&dir.path().join("bin")]);
    let base = setup(Some(&path), dir.path());
    let quiet = [
        Setup { on: false, ..base },
        Setup {
            asked: Some(false),
            ..base
        },
        Setup {
            over_ssh: true,
            ..base
        },
    ];
    for setup in quiet {
        let mut sounds = Sounds::new(setup);
        assert_eq!(sounds.problem(), None, "{setup:?}");
        assert_eq!(sounds.player(), None, "{setup:?}");
    }
    assert!(!dir.path().join("sounds").exists(), "nothing written");
    // `--sound` wins over the config and over ssh.
    let asked = Sounds::new(Setup {
        on: false,
        over_ssh: true,
        asked: Some(true),
        ..base
    });
    assert!(asked.player().is_some());
    assert!(
        dir.path()
            .join("sounds")
            .join(Sound::End.file_name())
            .exists()
    );
}

#[test]
fn a_player_that_cannot_start_is_told_once_and_the_bell_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("bin");
    let player = program(&bin, "paplay");
    let path = path_of(&[&bin]);
    let mut sounds = Sounds::new(setup(Some(&path), dir.path()));
    assert!(sounds.player().is_some());
    fs::remove_file(&player).expect("gone");
    sounds.play(Moment::Step);
    assert_eq!(sounds.player(), None);
    let told = sounds.problem().expect("told");
    assert!(
        told.starts_with("the sounds are no longer played:"),
        "{told}"
    );
    sounds.play(Moment::Done);
    assert_eq!(sounds.problem(), None);
}

#[test]
fn a_player_that_fails_is_dropped_and_told_once_and_the_bell_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Run by /bin/sh, so the script is read rather than executed (no "text file busy").
    let script = dir.path().join("player.sh");
    let command = format!("/bin/sh '{}' {{file}}", script.display());
    let command = SoundCommand::parse(&command).expect("usable");
    let mut sounds = Sounds::new(Setup {
        command: Some(&command),
        ..setup(None, dir.path())
    });
    let ended = |sounds: &mut Sounds| {
        sounds.play(Moment::Step);
        for _ in 0..500 {
            sounds.reap();
            if sounds.playing.is_empty() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the player never ended");
    };
    // One that plays and ends well is kept.
    fs::write(&script, "exit 0\n").expect("write");
    ended(&mut sounds);
    assert!(sounds.player().is_some());
    assert_eq!(sounds.problem(), None);

    // One with no sound server to play to ends at once, unheard.
    fs::write(&script, "echo 'Connection refused' >&2\nexit 1\n").expect("write");
    ended(&mut sounds);
    assert_eq!(sounds.player(), None, "the bell marks the moments again");
    let told = sounds.problem().expect("told");
    assert!(
        told.starts_with(
            "the sound player `sh` failed (exit status 1), so the terminal bell marks the \
             moments; "
        ),
        "{told}"
    );
    sounds.play(Moment::Done);
    sounds.reap();
    assert_eq!(sounds.problem(), None, "and only once");
}
