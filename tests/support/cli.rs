//! The binary run without a terminal, as the command-line tests run it: a person's folders
//! under one folder, a generous timeout, and what it said.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

use super::pty::WAIT;

/// bedstretch with these arguments, its folders `root/config` and `root/data`, and a timeout,
/// so a hang fails the test rather than freezing it; a test adds what else it needs (a
/// shorter timeout, an environment variable, input).
pub fn bedstretch(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bedstretch"));
    cmd.args(args)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_CACHE_HOME", root.join("cache"))
        .timeout(WAIT);
    cmd
}

/// The exit code (-1 when a signal ended it), standard output and standard error.
pub fn said(output: &Output) -> (i32, String, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// [`bedstretch`] run to its end: the exit code, standard output and standard error.
pub fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    said(&bedstretch(root, args).output().expect("runs"))
}

/// Every line of every history file in `root/data/bedstretch/history`, each parsed as JSON;
/// the folder must be there.
pub fn history(root: &Path) -> Vec<Value> {
    let dir = root.join("data/bedstretch/history");
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(dir).expect("history folder") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        lines.extend(
            text.lines()
                .map(|l| serde_json::from_str::<Value>(l).expect("json")),
        );
    }
    lines
}

/// A copy of the fixture folder `fixture` (a path from the crate's root) in a temporary
/// folder, so that what bedstretch writes beside the history (its summary cache) lands there
/// and never in the source tree.
pub fn fixture_copy(fixture: &str) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("temp dir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture),
        copy.path(),
    );
    copy
}

/// Copies every file below `from` to the same place below `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The string `key` of every item of a JSON list, in order.
pub fn strings<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|item| {
            item[key]
                .as_str()
                .unwrap_or_else(|| panic!("no string {key:?} in {item}"))
        })
        .collect()
}

/// Fails unless `text` has a line that is exactly `line`.
pub fn has_line(text: &str, line: &str) {
    assert!(
        text.lines().any(|l| l == line),
        "no line {line:?} in:\n{text}"
    );
}

/// An HTML page bedstretch wrote, read as the XML (XHTML) it must be.
pub fn xhtml(page: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(page, options).expect("well-formed XML")
}

/// The text of an element and everything in it.
pub fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// A whole session of Quick, one step held to its end, that started at `started_at` (RFC
/// 3339) and took five minutes: one history line, without its line break.
pub fn session_line(id: &str, started_at: &str) -> String {
    let start = chrono::DateTime::parse_from_rfc3339(started_at).expect("time");
    let end = (start + chrono::Duration::minutes(5)).to_rfc3339();
    format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":\"{id}\",\"routine\":\"quick\",\"routine_name\":\"Quick\",\
         \"started_at\":\"{started_at}\",\"ended_at\":\"{end}\",\"outcome\":\"completed\",\"steps\":[\
         {{\"name\":\"Toe curls\",\"planned_secs\":30,\"done_secs\":30,\"status\":\"completed\"}}]}}"
    )
}
