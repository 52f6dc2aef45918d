use super::super::write::{create_new, move_to_trash};
use super::*;

fn paths(dir: &Path) -> Paths {
    Paths::from_vars(
        Some(dir.join("config").into_os_string()),
        Some(dir.join("data").into_os_string()),
    )
    .expect("paths")
}

#[test]
fn restore_brings_back_the_newest_copy_and_never_replaces() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = paths(dir.path());
    let file = paths.routines_dir().join("my-2.toml");
    let other = paths.routines_dir().join("my.toml");
    create_new(&other, b"other").expect("new");
    move_to_trash(&other).expect("trash");
    create_new(&file, b"one").expect("new");
    move_to_trash(&file).expect("trash");
    create_new(&file, b"two").expect("new");
    move_to_trash(&file).expect("trash");
    let listed: Vec<(String, u32)> = trash_copies(&paths, None)
        .expect("list")
        .into_iter()
        .map(|c| (c.id, c.number))
        .collect();
    assert_eq!(
        listed,
        [("my".into(), 1), ("my-2".into(), 2), ("my-2".into(), 1)]
    );
    restore(&paths, "my-2").expect("restored");
    assert_eq!(fs::read(&file).expect("back"), b"two");
    assert!(matches!(
        restore(&paths, "my-2"),
        Err(RestoreError::Exists(_))
    ));
    assert_eq!(fs::read(&file).expect("untouched"), b"two");
    fs::remove_file(&file).expect("rm");
    restore(&paths, "my-2").expect("the older one");
    assert_eq!(fs::read(&file).expect("back"), b"one");
    assert!(matches!(
        restore(&paths, "my-2"),
        Err(RestoreError::NotInTrash(_))
    ));
}

#[test]
fn a_draft_is_kept_read_and_forgotten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = paths(dir.path());
    assert!(read_draft(&paths, "mine").expect("read").is_none());
    let at = keep_draft(&paths, "mine", b"draft").expect("kept");
    assert_eq!(at, paths.routines_dir().join(".mine.toml.draft"));
    let (path, bytes) = read_draft(&paths, "mine").expect("read").expect("there");
    assert_eq!((path, bytes), (at, b"draft".to_vec()));
    forget_draft(&paths, "mine");
    assert!(read_draft(&paths, "mine").expect("read").is_none());
    assert!(draft_file(&paths, "../x").is_none());
}
