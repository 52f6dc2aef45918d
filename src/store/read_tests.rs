use super::*;

fn lines(input: &[u8], max: u64) -> Vec<(Option<String>, u64, bool)> {
    let mut lines = Lines::new(input, max);
    let mut total = 0;
    let mut out = Vec::new();
    while let Some(line) = lines.next_line().expect("in memory") {
        total += line.len;
        if let Some(raw) = line.raw {
            assert_eq!(raw.len() as u64, line.len, "raw is the whole line");
        }
        let text = line.text.map(|t| String::from_utf8_lossy(t).into_owned());
        out.push((text, line.len, line.complete));
    }
    assert_eq!(total, input.len() as u64, "every byte is in one line");
    out
}

#[test]
fn lines_over_the_cap_are_skipped_whole_and_the_rest_kept() {
    let long = "x".repeat(100_000);
    let input = format!("ab\r\n\n{long}\ncdef\n{long}");
    assert_eq!(
        lines(input.as_bytes(), 4),
        [
            (Some("ab".into()), 4, true),
            (Some(String::new()), 1, true),
            (None, 100_001, true),
            (Some("cdef".into()), 5, true),
            (None, 100_000, false),
        ]
    );
    assert_eq!(lines(b"abcde\nab", 4)[0], (None, 6, true));
    assert_eq!(lines(b"abcd\r\nab", 4)[1], (Some("ab".into()), 2, false));
}

#[test]
fn only_regular_files_are_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = open_regular(dir.path()).expect_err("a folder");
    assert_eq!(err.to_string(), "it is a folder, not a regular file");
    let err = open_regular(Path::new("/dev/null")).expect_err("a device");
    assert_eq!(err.to_string(), "it is a device, not a regular file");
    assert!(
        open_regular(&dir.path().join("none"))
            .expect_err("none")
            .is_not_found()
    );
    let file = dir.path().join("big");
    fs::write(&file, [b'a'; 10]).expect("write");
    assert_eq!(read_capped(&file, 10).expect("fits").len(), 10);
    let err = read_capped(&file, 9).expect_err("too big");
    assert_eq!(err.to_string(), "it is larger than 9 bytes (10 bytes)");
    assert_eq!(size(MAX_BYTES), "1 MiB");
}
