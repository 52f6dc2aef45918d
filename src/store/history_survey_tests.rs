use super::*;
use crate::core::sync_names::{ConflictCopy, SyncTool};

const SESSION: &str = "{\"v\":1,\"kind\":\"session\",\"id\":\"s1\",\"routine\":\"quick\",\
    \"routine_name\":\"Quick\",\"started_at\":\"2026-12-05T22:00:00+01:00\",\
    \"ended_at\":\"2026-12-05T22:01:00+01:00\",\"outcome\":\"completed\",\"steps\":[]}";

#[test]
fn names_each_file_with_what_it_is_and_counts_its_lines() {
    let (_dir, paths) = Paths::temp();
    let id = device::device_id(&paths).expect("id");
    let history = paths.history_dir();
    fs::create_dir_all(&history).expect("history folder");
    fs::write(
        history.join(format!("{id}.jsonl")),
        format!("{SESSION}\nnot json\n"),
    )
    .expect("mine");
    let copy = "old1.sync-conflict-20261206-101500-ABCDEFG.jsonl";
    fs::write(history.join(copy), format!("{SESSION}\n\n{{\"torn")).expect("copy");
    std::os::unix::fs::symlink(history.join(copy), history.join("link.jsonl")).expect("link");
    std::os::unix::fs::symlink(history.join("gone"), history.join("zz.jsonl")).expect("dangling");

    let files = survey(&paths).expect("surveyed");
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            format!("{id}.jsonl"),
            "link.jsonl".into(),
            copy.into(),
            "zz.jsonl".into()
        ]
    );
    let (mine, link, conflict, dangling) = (&files[0], &files[1], &files[2], &files[3]);
    assert!(mine.this_device && mine.link.is_none() && mine.conflict.is_none());
    assert_eq!(mine.lines, Ok(LineCount { lines: 2, bad: 1 }));
    assert_eq!(link.link, Some(history.join(copy)));
    assert!(!link.this_device);
    assert_eq!(link.lines, Ok(LineCount { lines: 3, bad: 1 }));
    assert_eq!(
        conflict.conflict,
        Some(ConflictCopy {
            original: "old1.jsonl".into(),
            tool: SyncTool::Syncthing
        })
    );
    assert_eq!(dangling.link, Some(history.join("gone")));
    assert!(
        dangling
            .lines
            .as_ref()
            .is_err_and(|w| w.contains("leads to no file")),
        "{dangling:?}"
    );
}
