use super::*;

fn kept(paths: &Paths, name: &str) -> String {
    fs::read_to_string(paths.data_dir.join(name)).expect("kept")
}

fn settled(paths: &Paths, now: &str) -> Settled {
    fs::create_dir_all(&paths.data_dir).expect("data folder");
    settle_as(paths, now).expect("settled")
}

const HERE: &str = "00000000000000aa";
const THERE: &str = "00000000000000bb";

#[test]
fn the_device_id_is_made_once_and_kept() {
    let (_dir, paths) = Paths::temp();
    let first = device_id(&paths).expect("made");
    assert_eq!(first.len(), 8);
    assert_eq!(device_id(&paths).expect("kept"), first);
    assert_eq!(
        kept(&paths, "device-machine"),
        format!("{}\n", fingerprint(&paths).hash)
    );
}

#[test]
fn a_folder_from_before_fingerprints_keeps_its_id() {
    let (_dir, paths) = Paths::temp();
    fs::create_dir_all(&paths.data_dir).expect("data folder");
    fs::write(paths.data_dir.join("device"), "old1\n").expect("id");
    let first = settled(&paths, HERE);
    assert_eq!(
        first,
        Settled {
            id: "old1".into(),
            replaced: None
        }
    );
    assert_eq!(first.notice(), None);
    assert_eq!(kept(&paths, "device-machine"), format!("{HERE}\n"));
}

#[test]
fn another_machine_gets_an_id_of_its_own_and_is_told_once() {
    let (_dir, paths) = Paths::temp();
    let old = settled(&paths, HERE).id;
    let moved = settled(&paths, THERE);
    assert_ne!(moved.id, old);
    assert_eq!(moved.replaced.as_deref(), Some(old.as_str()));
    assert_eq!(
        moved.notice().expect("told"),
        format!(
            "this looks like another computer (or another folder) than the one that made \
             device id {old}: new records go to history/{}.jsonl; the old file is still read",
            moved.id
        )
    );
    assert_eq!(kept(&paths, "device"), format!("{}\n", moved.id));
    assert_eq!(kept(&paths, "device-machine"), format!("{THERE}\n"));
    assert_eq!(
        settled(&paths, THERE),
        Settled {
            id: moved.id,
            replaced: None
        }
    );
}

#[test]
fn a_fingerprint_that_is_no_fingerprint_is_written_anew_and_the_id_kept() {
    let (_dir, paths) = Paths::temp();
    let id = settled(&paths, HERE).id;
    fs::write(paths.data_dir.join("device-machine"), "garbage\n").expect("spoilt");
    assert_eq!(settled(&paths, THERE), Settled { id, replaced: None });
    assert_eq!(kept(&paths, "device-machine"), format!("{THERE}\n"));
}

#[test]
fn commands_started_together_on_a_copied_folder_agree_on_one_new_id() {
    let (_dir, paths) = Paths::temp();
    let old = settled(&paths, HERE).id;
    let ids: Vec<Settled> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..8)
            .map(|_| scope.spawn(|| settle_as(&paths, THERE).expect("settled")))
            .collect();
        runs.into_iter().map(|r| r.join().expect("ran")).collect()
    });
    let new = &ids[0].id;
    assert_ne!(new, &old);
    assert!(ids.iter().all(|s| &s.id == new), "{ids:?}");
    let told = ids.iter().filter(|s| s.replaced.is_some()).count();
    assert_eq!(told, 1, "{ids:?}");
}

#[test]
fn the_fingerprint_changes_with_the_machine_and_the_folder_and_hides_the_machine_id() {
    let machine = b"4c4c4544003157108052b4c04f4b4d32";
    let here = hash(machine, Path::new("/home/ann/.local/share/bedstretch"));
    assert_eq!(here.len(), 16);
    assert!(here.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        here,
        hash(machine, Path::new("/home/ann/.local/share/bedstretch"))
    );
    assert_ne!(
        here,
        hash(b"another", Path::new("/home/ann/.local/share/bedstretch"))
    );
    assert_ne!(here, hash(machine, Path::new("/home/ann/copy/bedstretch")));
}

#[test]
fn a_device_id_never_names_a_conflict_copy() {
    use crate::core::sync_names::conflict_copy;
    for id in ["abcd1234", "my-laptop", "a_b"] {
        assert!(is_device_id(id));
        assert_eq!(conflict_copy(&format!("{id}.jsonl")), None);
    }
    for copy in [
        "abcd1234.sync-conflict-20261206-101500-ABCDEFG",
        "abcd1234 (conflicted copy 2026-12-06)",
    ] {
        assert!(!is_device_id(copy), "{copy}");
    }
}
