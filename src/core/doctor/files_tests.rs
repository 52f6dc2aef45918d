use super::*;
use crate::core::doctor::finding::Level;
use crate::core::sync_names::conflict_copy;

fn file(name: &str, lines: usize, bad: usize) -> HistoryFile {
    HistoryFile {
        path: PathBuf::from("/data/history").join(name),
        this_device: false,
        conflict: conflict_copy(name),
        link: None,
        lines: Ok(LineCount { lines, bad }),
    }
}

/// Each finding as its printed level and line.
fn said(findings: &[Finding]) -> Vec<(Level, String)> {
    findings.iter().map(|f| (f.level, f.line())).collect()
}

#[test]
fn a_tidy_folder_is_one_line_with_its_files_and_lines() {
    let files = [file("dev1.jsonl", 1204, 0), file("dev2.jsonl", 1, 0)];
    assert_eq!(
        said(&history(&files)),
        [(Level::Ok, "2 files, 1,205 lines".to_string())]
    );
    assert_eq!(
        said(&history(&[])),
        [(
            Level::Ok,
            "no history files yet; the first session starts one".to_string()
        )]
    );
}

#[test]
fn conflict_copies_of_either_tool_are_problems_that_say_their_records_are_read() {
    let files = [
        file("dev1.sync-conflict-20261206-101500-ABCDEFG.jsonl", 3, 0),
        file("dev1 (conflicted copy 2026-12-06).jsonl", 3, 0),
    ];
    assert_eq!(
        said(&history(&files)),
        [
            (Level::Info, "2 files, 6 lines".to_string()),
            (
                Level::Problem,
                "dev1.sync-conflict-20261206-101500-ABCDEFG.jsonl is a conflict copy of \
                 dev1.jsonl left by Syncthing: its records are read, each once; once every \
                 device has synced, move it out of the history folder"
                    .to_string()
            ),
            (
                Level::Problem,
                "dev1 (conflicted copy 2026-12-06).jsonl is a conflict copy of dev1.jsonl left \
                 by Dropbox (or Nextcloud): its records are read, each once; once every device \
                 has synced, move it out of the history folder"
                    .to_string()
            ),
        ]
    );
}

#[test]
fn a_link_is_read_through_but_never_appended_through() {
    let mut theirs = file("dev2.jsonl", 2, 0);
    theirs.link = Some(PathBuf::from("/elsewhere/dev2.jsonl"));
    let mut mine = file("dev1.jsonl", 2, 0);
    mine.link = Some(PathBuf::from("/elsewhere/dev1.jsonl"));
    mine.this_device = true;
    let found = history(&[mine, theirs]);
    assert_eq!(found.len(), 3);
    assert_eq!(
        found[1].line(),
        "dev1.jsonl, this device's own file, is a symbolic link (to /elsewhere/dev1.jsonl): \
         bedstretch never appends through a link, so new sessions and diary entries are not \
         saved; put the file itself in place of the link"
    );
    assert_eq!(
        found[2].line(),
        "dev2.jsonl is a symbolic link (to /elsewhere/dev2.jsonl): its records are read from \
         there, but a sync tool may copy the link and not the records; put the file itself in \
         place of the link"
    );
}

#[test]
fn bad_lines_are_counted_and_a_file_not_read_is_said_once() {
    let mut dangling = file("zz.jsonl", 0, 0);
    dangling.link = Some(PathBuf::from("gone"));
    dangling.lines = Err(
        "/data/history/zz.jsonl: skipped: it is a symbolic link that leads \
                          to no file"
            .into(),
    );
    let found = history(&[file("dev1.jsonl", 5, 2), dangling]);
    assert_eq!(
        said(&found[1..]),
        [
            (
                Level::Problem,
                "dev1.jsonl: 2 of 5 lines cannot be read and are skipped; `bedstretch history` \
                 names each with its line number; mend or remove them"
                    .to_string()
            ),
            (
                Level::Problem,
                "/data/history/zz.jsonl: skipped: it is a symbolic link that leads to no file; \
                 move it out of the history folder; a history file is a regular file"
                    .to_string()
            ),
        ]
    );
    // A file not read has no lines to count.
    assert_eq!(found[0].message, "2 files, 5 lines");
}

#[test]
fn the_device_line_never_needs_doing_and_says_when_the_id_will_change() {
    let mut device_facts = Device {
        id: Some("dev1".into()),
        next: NextId::Keeps,
        fingerprint: "0123456789abcdef".into(),
        source: "/etc/machine-id".into(),
    };
    let line = device(&device_facts);
    assert_eq!(
        (line.level, line.message.as_str()),
        (
            Level::Ok,
            "dev1, fingerprint 0123456789abcdef (from /etc/machine-id and the data folder's path)"
        )
    );
    device_facts.next = NextId::BackTo("mine".into());
    let line = device(&device_facts);
    assert_eq!(line.level, Level::Ok);
    assert!(
        line.message.starts_with(
            "mine, this computer's own id in a data folder it shares (dev1 was the last used, by \
             another computer or folder); the next command that writes goes back to mine; \
             fingerprint 0123456789abcdef"
        ),
        "{line:?}"
    );
    device_facts.next = NextId::New;
    let line = device(&device_facts);
    assert_eq!(line.level, Level::Info);
    assert!(
        line.message.starts_with(
            "dev1 was made on another computer or in another folder; the next command that \
             writes gives this one a new id"
        ),
        "{line:?}"
    );
    device_facts.id = None;
    device_facts.source = "none".into();
    assert_eq!(
        device(&device_facts).message,
        "no id yet; the first session or diary entry makes one; fingerprint 0123456789abcdef \
         (no machine id found, so from the data folder's path alone)"
    );
}
