use chrono::{DateTime, NaiveDate};

use super::*;

#[test]
fn the_last_sent_is_remembered_in_place_of_the_one_before() {
    let (_dir, paths) = Paths::temp();
    assert_eq!(read(&paths), None);
    let at = DateTime::parse_from_rfc3339("2026-11-23T22:30:00+01:00").expect("time");
    let night = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let first = Sent { night, at, id: 7 };
    write(&paths, &first).expect("written");
    assert_eq!(read(&paths), Some(first));
    let second = Sent { night, at, id: 8 };
    write(&paths, &second).expect("written");
    assert_eq!(read(&paths), Some(second));
}

#[test]
fn garbage_or_a_folder_in_its_place_is_none() {
    let (_dir, paths) = Paths::temp();
    std::fs::create_dir_all(&paths.data_dir).expect("dir");
    std::fs::write(path(&paths), "{\"night\":\"yesterday\"}").expect("written");
    assert_eq!(read(&paths), None);
    std::fs::remove_file(path(&paths)).expect("removed");
    std::fs::create_dir(path(&paths)).expect("dir");
    assert_eq!(read(&paths), None);
}
