use super::*;

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
    let hostile = identity(env(&[("TERM", "x\tterm\n\u{1b}[2J")]));
    assert!(!hostile.contains(['\t', '\n', '\u{1b}']), "{hostile:?}");
}

#[test]
fn each_terminal_is_remembered_apart_and_the_newest_word_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("bedstretch");
    assert_eq!(recall(&cache, "a"), None);
    remember(&cache, "a", Remembered::Silent).expect("remember");
    remember(&cache, "b", Remembered::Answered(Shade::Day)).expect("remember");
    assert_eq!(recall(&cache, "a"), Some(Remembered::Silent));
    assert_eq!(recall(&cache, "b"), Some(Remembered::Answered(Shade::Day)));
    remember(&cache, "a", Remembered::Answered(Shade::Night)).expect("remember");
    assert_eq!(
        recall(&cache, "a"),
        Some(Remembered::Answered(Shade::Night))
    );
    let text = std::fs::read_to_string(path(&cache)).expect("file");
    assert_eq!(text, "night\ta\nday\tb\n");
}

#[test]
fn only_the_newest_terminals_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    for n in 0..KEEP + 3 {
        remember(dir.path(), &n.to_string(), Remembered::Silent).expect("remember");
    }
    assert_eq!(recall(dir.path(), "0"), None);
    assert_eq!(
        recall(dir.path(), &(KEEP + 2).to_string()),
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
        recall(dir.path(), "x"),
        Some(Remembered::Answered(Shade::Day))
    );
    std::fs::write(path(dir.path()), vec![b'a'; MAX_BYTES as usize + 1]).expect("write");
    assert_eq!(recall(dir.path(), "x"), None);
    remember(dir.path(), "x", Remembered::Silent).expect("remember");
    assert_eq!(recall(dir.path(), "x"), Some(Remembered::Silent));
    std::fs::remove_file(path(dir.path())).expect("remove");
    std::fs::create_dir(path(dir.path())).expect("a folder in its place");
    assert_eq!(recall(dir.path(), "x"), None);
}
