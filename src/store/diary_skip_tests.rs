use super::*;

#[test]
fn a_skip_is_remembered_and_replaces_the_last() {
    let (_dir, paths) = Paths::temp();
    assert_eq!(skipped_night(&paths), None);
    let night = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    skip_night(&paths, night).expect("written");
    assert_eq!(skipped_night(&paths), Some(night));
    let next = night.succ_opt().expect("date");
    skip_night(&paths, next).expect("written");
    assert_eq!(skipped_night(&paths), Some(next));
}

#[test]
fn garbage_or_a_folder_in_its_place_is_no_skip() {
    let (_dir, paths) = Paths::temp();
    std::fs::create_dir_all(&paths.data_dir).expect("dir");
    std::fs::write(paths.data_dir.join("diary-skipped"), "22 Nov\n").expect("written");
    assert_eq!(skipped_night(&paths), None);
    std::fs::remove_file(paths.data_dir.join("diary-skipped")).expect("removed");
    std::fs::create_dir(paths.data_dir.join("diary-skipped")).expect("dir");
    assert_eq!(skipped_night(&paths), None);
}
