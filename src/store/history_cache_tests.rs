use std::io::Write;

use super::*;

fn line(id: &str) -> String {
    format!(
        "{{\"kind\":\"session\",\"id\":\"{id}\",\"started_at\":\"2026-11-20T22:00:00+01:00\",\
             \"steps\":[]}}\n"
    )
}

fn summary_of(path: &Path, cached: Option<FileSummary>) -> FileSummary {
    let (mut file, meta) = read::open_regular(path).expect("open");
    summarise(&mut file, &meta, path, "a.jsonl".into(), cached)
        .expect("summarise")
        .0
}

#[test]
fn the_cache_reads_back_whole_and_nothing_cut_short_or_garbled_is_believed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("a.jsonl");
    fs::write(&path, format!("{}{}{{\"torn", line("a"), line("b"))).expect("write");
    let summary = summary_of(&path, None);
    let bytes = encode(&CacheRef {
        v: VERSION,
        files: vec![&summary],
    })
    .expect("encoded");
    let read = decode(&bytes).expect("decoded");
    assert_eq!(read.files.len(), 1);
    let again = &read.files[0];
    assert_eq!(again.body, summary.body);
    assert_eq!(again.tail, summary.tail);
    assert_eq!(
        (again.offset, again.lines, again.prefix_hash, &again.stamp),
        (
            summary.offset,
            summary.lines,
            summary.prefix_hash,
            &summary.stamp
        )
    );
    for cut in 0..bytes.len() {
        assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
    }
    for at in [0, 27, 28, bytes.len() - 1] {
        let mut garbled = bytes.clone();
        garbled[at] ^= 0x20;
        assert!(decode(&garbled).is_none(), "byte {at} changed");
    }
    assert!(
        decode(&vec![0; bytes.len()]).is_none(),
        "zeros, as after a crash"
    );
}

#[test]
fn the_old_json_summary_is_removed_when_the_binary_one_is_written() {
    let (_dir, paths) = Paths::temp();
    fs::create_dir_all(paths.history_dir()).expect("history folder");
    fs::write(paths.history_dir().join("a.jsonl"), line("a")).expect("write");
    let cache = cache_path(&paths);
    fs::create_dir_all(cache.parent().expect("folder")).expect("cache folder");
    let old = cache.with_file_name(OLD_JSON_NAME);
    fs::write(&old, "{\"v\":8,\"files\":[]}").expect("old cache");
    assert_eq!(read_facts(&paths, None).expect("read").sessions.len(), 1);
    assert!(cache.exists() && !old.exists());
}

#[test]
fn an_append_after_an_over_long_line_or_a_torn_tail_hashes_like_a_fresh_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("a.jsonl");
    let long = "x".repeat(MAX_LINE_BYTES as usize + 10);
    fs::write(&path, format!("{}{long}\n{}{{\"torn", line("a"), line("b"))).expect("write");
    let first = summary_of(&path, None);
    assert_eq!((first.body.sessions.len(), first.lines), (2, 3));
    assert_eq!(first.tail.bad.first.len(), 1, "the torn tail is remembered");
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("open");
    file.write_all(format!("\n{}", line("c")).as_bytes())
        .expect("append");
    // A mark only a summary extended from this one (not made anew) can carry.
    let mut marked = first.clone();
    marked.body.sessions[0].id = "marked".into();
    let appended = summary_of(&path, Some(marked));
    assert_eq!(appended.body.sessions[0].id, "marked", "read as an append");
    let fresh = summary_of(&path, None);
    assert_eq!(appended.prefix_hash, fresh.prefix_hash);
    assert_eq!(appended.offset, fresh.offset);
    assert_eq!(appended.body.sessions.len(), 3);
    assert_eq!(appended.body.bad, fresh.body.bad);
    assert!(appended.tail == FileLines::default());
}
