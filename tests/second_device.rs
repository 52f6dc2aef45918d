//! A second device, safely: a data folder copied to another computer (or folder) makes a
//! device id of its own, says so once and never appends to the old file again; machines
//! taking turns on one folder each keep their own id, quietly, after the first; the history
//! files sync tools leave as conflict copies are read like any other, each record once, and
//! never appended to. All through the real binary.

use std::fs;

use serde_json::Value;

mod support;

use support::cli::{self, copy_tree, session_line, strings};
use support::folders::Folders;

/// bedstretch in `folders` on the machine called `machine`: exit code, stdout, stderr.
fn on(machine: &str, folders: &Folders, args: &[&str]) -> (i32, String, String) {
    let output = cli::bedstretch(folders.root(), args)
        .env("BEDSTRETCH_MACHINE_ID", machine)
        .output()
        .expect("runs");
    cli::said(&output)
}

/// A diary entry for the night before `morning` (a date in December 2026), through the binary.
fn note_cramp(machine: &str, folders: &Folders, morning: u32) -> String {
    let as_of = format!("2026-12-{morning:02}T07:00:00+01:00");
    let (code, _, stderr) = on(machine, folders, &["cramp", "3", "--as-of", &as_of]);
    assert_eq!(code, 0, "{stderr}");
    stderr
}

fn device(folders: &Folders) -> String {
    fs::read_to_string(folders.data().join("device"))
        .expect("device id")
        .trim()
        .to_string()
}

fn history_json(machine: &str, folders: &Folders) -> Value {
    let as_of = "2026-12-08T12:00:00+01:00";
    let (code, stdout, stderr) = on(machine, folders, &["history", "--json", "--as-of", as_of]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    serde_json::from_str(&stdout).expect("history JSON")
}

fn stats_json(machine: &str, folders: &Folders) -> Value {
    let as_of = "2026-12-08T12:00:00+01:00";
    let (code, stdout, stderr) = on(machine, folders, &["stats", "--json", "--as-of", as_of]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    serde_json::from_str(&stdout).expect("stats JSON")
}

#[test]
fn a_data_folder_copied_to_another_folder_gets_a_device_id_of_its_own() {
    let first = Folders::new();
    note_cramp("laptop", &first, 6);
    let old = device(&first);
    let copy = Folders::new();
    copy_tree(&first.data(), &copy.data());
    let old_file = copy.history().join(format!("{old}.jsonl"));
    let old_text = fs::read_to_string(&old_file).expect("old file");

    let told = note_cramp("laptop", &copy, 7);
    let new = device(&copy);
    assert_ne!(new, old);
    assert_eq!(
        told,
        format!(
            "bedstretch: this looks like another computer (or another folder) than the one that \
             made device id {old}: new records go to history/{new}.jsonl; the old file is still \
             read\n"
        )
    );
    assert_eq!(fs::read_to_string(&old_file).expect("old file"), old_text);
    let new_file = fs::read_to_string(copy.history().join(format!("{new}.jsonl")));
    assert_eq!(new_file.expect("new file").lines().count(), 1);
    // Said once: the next command is quiet, and both nights' entries are there.
    let history = history_json("laptop", &copy);
    assert_eq!(strings(&history, "night"), ["2026-12-06", "2026-12-05"]);
    assert_eq!(device(&copy), new);
}

#[test]
fn another_machine_on_the_same_folder_gets_a_new_id_and_the_first_keeps_its_own() {
    let folders = Folders::new();
    note_cramp("laptop", &folders, 6);
    let old = device(&folders);
    assert_eq!(note_cramp("laptop", &folders, 7), "");
    assert_eq!(device(&folders), old);
    let told = note_cramp("desktop", &folders, 8);
    assert!(told.contains(&format!("made device id {old}:")), "{told}");
    assert_ne!(device(&folders), old);
    assert_eq!(fs::read_dir(folders.history()).expect("history").count(), 2);
}

#[test]
fn machines_taking_turns_on_one_folder_each_keep_their_own_id_and_are_told_once() {
    // An NFS home, a folder synced whole, or BEDSTRETCH_MACHINE_ID set in a shell but not for
    // the reminder's timer: m1, m2, m1, m2 on one data folder.
    let folders = Folders::new();
    let mut ids = Vec::new();
    let mut told = Vec::new();
    for (morning, machine) in [(6, "m1"), (7, "m2"), (8, "m1"), (9, "m2")] {
        told.push(note_cramp(machine, &folders, morning));
        ids.push(device(&folders));
    }
    let (m1, m2) = (&ids[0], &ids[1]);
    assert_ne!(m1, m2);
    assert_eq!([&ids[2], &ids[3]], [m1, m2]);
    assert_eq!(told[0], "");
    assert!(
        told[1].contains(&format!("made device id {m1}:")),
        "{told:?}"
    );
    assert_eq!([&told[2], &told[3]], ["", ""]);
    assert_eq!(fs::read_dir(folders.history()).expect("history").count(), 2);
    for (id, nights) in [
        (m1, ["2026-12-05", "2026-12-07"]),
        (m2, ["2026-12-06", "2026-12-08"]),
    ] {
        let file = fs::read_to_string(folders.history().join(format!("{id}.jsonl")));
        let file = file.expect("own file");
        let lines: Vec<&str> = file.lines().collect();
        assert_eq!(lines.len(), 2, "{file}");
        for (line, night) in lines.iter().zip(nights) {
            assert!(line.contains(night), "{line}");
        }
    }
    let history = history_json("m1", &folders);
    let nights = ["2026-12-08", "2026-12-07", "2026-12-06", "2026-12-05"];
    assert_eq!(strings(&history, "night"), nights);
}

#[test]
fn a_folder_from_before_fingerprints_keeps_its_device_id() {
    let folders = Folders::used().with_device("old1");
    let earlier = session_line("s1", "2026-12-05T22:00:00+01:00");
    folders.write_history("old1.jsonl", &format!("{earlier}\n"));
    assert_eq!(note_cramp("laptop", &folders, 7), "");
    assert_eq!(device(&folders), "old1");
    let text = fs::read_to_string(folders.history().join("old1.jsonl")).expect("history");
    assert_eq!(text.lines().count(), 2);
    assert_eq!(fs::read_dir(folders.history()).expect("history").count(), 1);
}

#[test]
fn conflict_copies_are_read_each_record_once_and_never_appended_to() {
    let folders = Folders::used().with_device("abcd1234");
    let s = |n: u32| {
        format!(
            "{}\n",
            session_line(&format!("s{n}"), &format!("2026-12-0{n}T22:00:00+01:00"))
        )
    };
    folders.write_history("abcd1234.jsonl", &format!("{}{}", s(5), s(6)));
    let syncthing = "abcd1234.sync-conflict-20261206-101500-ABCDEFG.jsonl";
    let dropbox = "abcd1234 (Ann's conflicted copy 2026-12-07).jsonl";
    let copies = [
        (syncthing, format!("{}{}{}", s(5), s(6), s(7))),
        (dropbox, format!("{}{}", s(6), s(7))),
    ];
    for (name, text) in &copies {
        folders.write_history(name, text);
    }

    let stats = stats_json("laptop", &folders);
    assert_eq!(
        (&stats["sessions"], &stats["current_streak"]),
        (&3.into(), &3.into())
    );
    let history = history_json("laptop", &folders);
    assert_eq!(strings(&history, "id"), ["s7", "s6", "s5"]);

    note_cramp("laptop", &folders, 8);
    let mine = fs::read_to_string(folders.history().join("abcd1234.jsonl")).expect("mine");
    assert_eq!(mine.lines().count(), 3);
    for (name, text) in &copies {
        assert_eq!(
            &fs::read_to_string(folders.history().join(name)).expect("copy"),
            text
        );
    }
}
