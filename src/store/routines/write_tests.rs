use super::*;

#[test]
fn ids_follow_the_rule_and_others_get_a_suggestion() {
    assert_eq!(check_new_id("my-feet-2"), Ok(()));
    for (bad, suggestion) in [
        ("My Routine", "my-routine"),
        ("../x", "x"),
        ("", "my-routine"),
        ("Fuß  ache!", "fu-ache"),
        ("-x", "x"),
        ("--", "my-routine"),
    ] {
        let error = check_new_id(bad).expect_err(bad);
        assert_eq!(error.suggestion, suggestion, "{bad}");
    }
    let long = "a".repeat(41);
    assert_eq!(
        check_new_id(&long).expect_err("long").suggestion,
        "a".repeat(40)
    );
}

#[test]
fn new_files_never_replace_and_the_trash_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("routines/mine.toml");
    create_new(&path, b"one").expect("new");
    let error = create_new(&path, b"two").expect_err("taken");
    assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&path).expect("read"), b"one");
    let first = move_to_trash(&path).expect("trash");
    create_new(&path, b"two").expect("new again");
    let second = move_to_trash(&path).expect("trash");
    assert_eq!(first.file_name().expect("name"), "mine-1.toml");
    assert_eq!(second.file_name().expect("name"), "mine-2.toml");
    assert_eq!(fs::read(&first).expect("read"), b"one");
    assert_eq!(fs::read(&second).expect("read"), b"two");
    let left: Vec<_> = fs::read_dir(dir.path().join("routines"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, [TRASH]);
}
