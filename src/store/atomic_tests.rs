use super::*;

/// What a folder holds, by name: a temporary file left behind would show.
fn names_in(dir: &Path) -> Vec<std::ffi::OsString> {
    fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect()
}

#[test]
fn replaces_the_whole_file_and_leaves_no_temporary_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/current.json");
    write_atomic(&path, b"first, longer content").expect("write");
    write_atomic(&path, b"second").expect("write");
    assert_eq!(fs::read(&path).expect("read"), b"second");
    assert_eq!(names_in(path.parent().expect("parent")), ["current.json"]);
}

#[test]
fn creating_never_replaces_and_leaves_no_temporary_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("device");
    create_atomic(&path, b"first").expect("made");
    let again = create_atomic(&path, b"second").expect_err("already there");
    assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&path).expect("read"), b"first");
    assert_eq!(names_in(dir.path()), ["device"]);
}

#[test]
fn a_link_planted_as_the_temporary_file_is_never_written_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outside = dir.path().join("outside");
    fs::write(&outside, b"theirs").expect("outside");
    let inside = dir.path().join("data");
    fs::create_dir(&inside).expect("data");
    let planted = inside.join(format!(".current.json.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&outside, &planted).expect("link");
    let path = inside.join("current.json");
    write_atomic(&path, b"ours").expect("write");
    assert_eq!(fs::read(&outside).expect("read"), b"theirs");
    assert_eq!(fs::read(&path).expect("read"), b"ours");
    assert!(fs::symlink_metadata(&planted).is_err(), "the link is gone");
}

#[test]
fn a_link_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let link = dir.path().join("dev.jsonl");
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), &link).expect("link");
    let error =
        open_no_follow(&link, OpenOptions::new().append(true).create(true)).expect_err("a link");
    assert!(
        error.to_string().starts_with("it is a symbolic link (to "),
        "{error}"
    );
    assert!(!dir.path().join("elsewhere").exists(), "nothing made there");
}

#[test]
fn a_failed_write_keeps_what_was_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("current.json");
    write_atomic(&path, b"kept").expect("write");
    // A folder where the temporary file should go makes the write fail part-way.
    fs::create_dir(
        dir.path()
            .join(format!(".current.json.{}.tmp", std::process::id())),
    )
    .expect("block the temp file");
    assert!(write_atomic(&path, b"lost").is_err());
    assert_eq!(fs::read(&path).expect("read"), b"kept");
}
