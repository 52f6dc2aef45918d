use super::*;

fn copies(name: &str) -> Option<(String, SyncTool)> {
    conflict_copy(name).map(|c| (c.original, c.tool))
}

#[test]
fn names_the_device_file_a_conflict_copy_copies() {
    let table = [
        (
            "abcd1234.sync-conflict-20261206-101500-ABCDEFG.jsonl",
            Some(("abcd1234.jsonl", SyncTool::Syncthing)),
        ),
        (
            "abcd1234 (conflicted copy 2026-12-06).jsonl",
            Some(("abcd1234.jsonl", SyncTool::Dropbox)),
        ),
        (
            "abcd1234 (Ann's conflicted copy 2026-12-06).jsonl",
            Some(("abcd1234.jsonl", SyncTool::Dropbox)),
        ),
        (
            "abcd1234 (Ann’s conflicted copy 2026-12-06 (1)).jsonl",
            Some(("abcd1234.jsonl", SyncTool::Dropbox)),
        ),
        (
            "abcd1234 (conflicted copy 2026-12-06 101500).jsonl",
            Some(("abcd1234.jsonl", SyncTool::Dropbox)),
        ),
    ];
    for (name, expected) in table {
        let expected = expected.map(|(o, t)| (o.to_string(), t));
        assert_eq!(copies(name), expected, "{name}");
    }
}

#[test]
fn a_device_file_or_a_stranger_is_no_conflict_copy() {
    for name in [
        "abcd1234.jsonl",
        "my-laptop_2.jsonl",
        "abcd1234.sync-conflict-20261206-101500-ABCDEFG.json",
        "abcd1234.sync-conflict-2026-101500-ABCDEFG.jsonl",
        "abcd1234.sync-conflict-20261206-101500-.jsonl",
        ".sync-conflict-20261206-101500-ABCDEFG.jsonl",
        " (conflicted copy 2026-12-06).jsonl",
        "abcd1234 (conflicted copy 2026-12-06.jsonl",
        "abcd1234 (not a conflicted copy).jsonl",
        "notes about a conflicted copy.jsonl",
    ] {
        assert_eq!(copies(name), None, "{name}");
    }
}
