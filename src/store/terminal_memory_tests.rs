use super::*;

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 3, 1).expect("a date");

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    }
}

#[test]
fn a_terminal_is_known_by_its_term_its_program_and_what_stands_between() {
    let plain = identity(env(&[("TERM", "xterm-256color")]));
    assert_eq!(
        plain,
        "TERM=xterm-256color TERM_PROGRAM= TERM_PROGRAM_VERSION="
    );
    let apple = identity(env(&[
        ("TERM", "xterm-256color"),
        ("TERM_PROGRAM", "Apple_Terminal"),
        ("TERM_PROGRAM_VERSION", "455"),
    ]));
    assert_eq!(
        apple,
        "TERM=xterm-256color TERM_PROGRAM=Apple_Terminal TERM_PROGRAM_VERSION=455"
    );
    let inside = identity(env(&[
        ("TERM", "tmux-256color"),
        ("TMUX", "/tmp/tmux-0/default,1,0"),
        ("SSH_TTY", "/dev/pts/3"),
    ]));
    assert!(inside.ends_with(" tmux ssh"), "{inside}");
    // The programs that name themselves apart from TERM are told apart.
    let gnome = identity(env(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")]));
    assert_eq!(
        gnome,
        "TERM=xterm-256color TERM_PROGRAM= TERM_PROGRAM_VERSION= VTE_VERSION=7600"
    );
    let others = identity(env(&[
        ("TERM", "xterm-256color"),
        ("KONSOLE_VERSION", "240802"),
        ("TERMINAL_EMULATOR", "JetBrains-JediTerm"),
        ("INSIDE_EMACS", "29.4,vterm"),
        ("WT_SESSION", "0b1c2d3e-aaaa-bbbb-cccc-111122223333"),
        ("VTE_VERSION", ""),
    ]));
    assert_eq!(
        others,
        "TERM=xterm-256color TERM_PROGRAM= TERM_PROGRAM_VERSION= KONSOLE_VERSION=240802 \
         TERMINAL_EMULATOR=JetBrains-JediTerm INSIDE_EMACS=29.4,vterm wt"
    );
    let hostile = identity(env(&[("TERM", "x\tterm\n\u{1b}[2J")]));
    assert!(!hostile.contains(['\t', '\n', '\u{1b}']), "{hostile:?}");
}

#[test]
fn each_terminal_is_remembered_apart_and_the_newest_word_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("bedstretch");
    assert_eq!(recall(&cache, "a", TODAY), None);
    remember(&cache, "a", Remembered::Silent, TODAY).expect("remember");
    remember(&cache, "b", Remembered::Answered(Shade::Day), TODAY).expect("remember");
    assert_eq!(recall(&cache, "a", TODAY), Some(Remembered::Silent));
    assert_eq!(
        recall(&cache, "b", TODAY),
        Some(Remembered::Answered(Shade::Day))
    );
    remember(&cache, "a", Remembered::Answered(Shade::Night), TODAY).expect("remember");
    assert_eq!(
        recall(&cache, "a", TODAY),
        Some(Remembered::Answered(Shade::Night))
    );
    let text = std::fs::read_to_string(path(&cache)).expect("file");
    assert_eq!(text, "night\ta\nday\tb\n");
}

#[test]
fn only_the_newest_terminals_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    for n in 0..KEEP + 3 {
        remember(dir.path(), &n.to_string(), Remembered::Silent, TODAY).expect("remember");
    }
    assert_eq!(recall(dir.path(), "0", TODAY), None);
    assert_eq!(
        recall(dir.path(), &(KEEP + 2).to_string(), TODAY),
        Some(Remembered::Silent)
    );
    let text = std::fs::read_to_string(path(dir.path())).expect("file");
    assert_eq!(text.lines().count(), KEEP);
}

#[test]
fn a_file_that_is_not_ours_is_read_as_empty_and_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        path(dir.path()),
        b"garbage\n\xff\xfe\nsilentnotab\nday\tx\n",
    )
    .expect("write");
    assert_eq!(
        recall(dir.path(), "x", TODAY),
        Some(Remembered::Answered(Shade::Day))
    );
    std::fs::write(path(dir.path()), vec![b'a'; MAX_BYTES as usize + 1]).expect("write");
    assert_eq!(recall(dir.path(), "x", TODAY), None);
    remember(dir.path(), "x", Remembered::Silent, TODAY).expect("remember");
    assert_eq!(recall(dir.path(), "x", TODAY), Some(Remembered::Silent));
    std::fs::remove_file(path(dir.path())).expect("remove");
    std::fs::create_dir(path(dir.path())).expect("a folder in its place");
    assert_eq!(recall(dir.path(), "x", TODAY), None);
}

#[test]
fn a_silence_is_dated_and_forgotten_after_thirty_days() {
    let dir = tempfile::tempdir().expect("temp dir");
    remember(dir.path(), "a", Remembered::Silent, TODAY).expect("remember");
    let text = std::fs::read_to_string(path(dir.path())).expect("file");
    assert_eq!(text, "silent 2025-03-01\ta\n");
    let later = |days| TODAY + chrono::Days::new(days);
    assert_eq!(
        recall(dir.path(), "a", later(SILENT_FOR as u64 - 1)),
        Some(Remembered::Silent)
    );
    assert_eq!(recall(dir.path(), "a", later(SILENT_FOR as u64)), None);
    // An answer is kept however old.
    remember(dir.path(), "b", Remembered::Answered(Shade::Day), TODAY).expect("remember");
    assert_eq!(
        recall(dir.path(), "b", later(400)),
        Some(Remembered::Answered(Shade::Day))
    );
}

#[test]
fn a_silence_from_before_the_dates_counts_as_forgotten() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        path(dir.path()),
        "silent\told\nsilent someday\tbad\nnight 2025-03-01\tbad\nday\tb\n",
    )
    .expect("write");
    assert_eq!(recall(dir.path(), "old", TODAY), None);
    assert_eq!(recall(dir.path(), "bad", TODAY), None);
    // Dropped when the file is written again.
    remember(dir.path(), "c", Remembered::Silent, TODAY).expect("remember");
    let text = std::fs::read_to_string(path(dir.path())).expect("file");
    assert_eq!(text, "silent 2025-03-01\tc\nday\tb\n");
}
