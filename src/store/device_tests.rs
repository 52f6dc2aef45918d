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
        format!("{} {first}\n", fingerprint(&paths).hash)
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
    assert_eq!(kept(&paths, "device-machine"), format!("{HERE} old1\n"));
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
    assert_eq!(
        kept(&paths, "device-machine"),
        format!("{THERE} {}\n{HERE} {old}\n", moved.id)
    );
    assert_eq!(
        settled(&paths, THERE),
        Settled {
            id: moved.id,
            replaced: None
        }
    );
}

#[test]
fn a_fingerprint_seen_before_takes_its_own_id_again_quietly() {
    let (_dir, paths) = Paths::temp();
    let here = settled(&paths, HERE).id;
    let there = settled(&paths, THERE).id;
    let quiet = |id: &str| Settled {
        id: id.to_string(),
        replaced: None,
    };
    for _ in 0..2 {
        assert_eq!(facts_next(&paths, HERE), NextId::BackTo(here.clone()));
        assert_eq!(settled(&paths, HERE), quiet(&here));
        assert_eq!(kept(&paths, "device"), format!("{here}\n"));
        assert_eq!(settled(&paths, HERE), quiet(&here));
        assert_eq!(settled(&paths, THERE), quiet(&there));
        assert_eq!(kept(&paths, "device"), format!("{there}\n"));
    }
    assert_eq!(
        kept(&paths, "device-machine"),
        format!("{THERE} {there}\n{HERE} {here}\n")
    );
}

/// What `facts` would say with the fingerprint `now`: the id gone back to, and whether new.
fn facts_next(paths: &Paths, now: &str) -> NextId {
    next_facts(paths, now).1
}

#[test]
fn the_one_line_form_belongs_to_the_kept_id_and_is_never_read_as_another_machine() {
    let (_dir, paths) = Paths::temp();
    fs::create_dir_all(&paths.data_dir).expect("data folder");
    fs::write(paths.data_dir.join("device"), "old1\n").expect("id");
    fs::write(paths.data_dir.join("device-machine"), format!("{HERE}\n")).expect("old form");
    assert_eq!(parse_seen(&format!("{HERE}\n"), None), []);
    assert_eq!(facts_next(&paths, HERE), NextId::Keeps);
    assert_eq!(facts_next(&paths, THERE), NextId::New);
    let moved = settled(&paths, THERE);
    assert_eq!(moved.replaced.as_deref(), Some("old1"));
    let back = settled(&paths, HERE);
    assert_eq!((back.id.as_str(), back.replaced), ("old1", None));
    assert_eq!(kept(&paths, "device"), "old1\n");
}

#[test]
fn the_fingerprints_kept_are_the_newest_and_bounded() {
    let (_dir, paths) = Paths::temp();
    let prints: Vec<String> = (0..MAX_SEEN + 2).map(|n| format!("{n:016x}")).collect();
    let ids: Vec<String> = prints.iter().map(|p| settled(&paths, p).id).collect();
    let text = kept(&paths, "device-machine");
    assert_eq!(text.lines().count(), MAX_SEEN);
    let seen = parse_seen(&text, None);
    assert_eq!(
        seen[0],
        (prints[MAX_SEEN + 1].clone(), ids[MAX_SEEN + 1].clone())
    );
    assert!(!seen.iter().any(|(print, _)| *print == prints[1]));
    assert_eq!(settled(&paths, &prints[2]).id, ids[2]);
    // Forgotten: it comes back as another machine.
    let again = settled(&paths, &prints[0]);
    assert_ne!(again.id, ids[0]);
    assert!(again.replaced.is_some());
    // Lines that are no pair are left out; a fingerprint is read once, its newest line.
    let mixed = format!("{HERE} a1\nnonsense\n{THERE} bad id!\n{HERE} a2\n{THERE}\n");
    assert_eq!(
        parse_seen(&mixed, Some("k")),
        [
            (HERE.to_string(), "a1".to_string()),
            (THERE.to_string(), "k".to_string())
        ]
    );
}

#[test]
fn a_fingerprint_that_is_no_fingerprint_is_written_anew_and_the_id_kept() {
    let (_dir, paths) = Paths::temp();
    let id = settled(&paths, HERE).id;
    fs::write(paths.data_dir.join("device-machine"), "garbage\n").expect("spoilt");
    assert_eq!(
        settled(&paths, THERE),
        Settled {
            id: id.clone(),
            replaced: None
        }
    );
    assert_eq!(kept(&paths, "device-machine"), format!("{THERE} {id}\n"));
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
