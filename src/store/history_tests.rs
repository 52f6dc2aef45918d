use super::*;

#[test]
fn appends_on_a_fresh_line_even_after_a_torn_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("history/dev.jsonl");
    append_line(&path, "{\"a\":1}").expect("append");
    let mut file = OpenOptions::new().append(true).open(&path).expect("open");
    file.write_all(b"{\"torn").expect("tear");
    append_line(&path, "{\"b\":2}").expect("append");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "{\"a\":1}\n{\"torn\n{\"b\":2}\n"
    );
}
