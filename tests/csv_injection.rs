//! CSV formula injection: a note or a routine name that begins with `=`, `+`, `-`, `@`, a tab
//! or a carriage return must reach a clinician's spreadsheet as text, never as a formula.
//! Hostile text goes in through the real binary (`cramp --note`) and a synced history file;
//! both CSV commands come out, and Python's own `csv` module reads them cell by cell.

use std::fs;
use std::io::Write;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;

/// What a stranger might type or sync, each a formula to a spreadsheet.
const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://x\")",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
];

const AS_OF: &str = "2026-11-30T09:00:00+01:00";

fn bedstretch(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let output = Command::cargo_bin("bedstretch")
        .expect("binary")
        .args(args)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// A session line of a routine whose id and name are `name`, on night `day` of November.
fn session(day: u32, name: &str) -> String {
    let name = serde_json::to_string(name).expect("json");
    format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":\"s{day}\",\"routine\":{name},\"routine_name\":{name},\
         \"started_at\":\"2026-11-{day:02}T22:00:00+01:00\",\"ended_at\":\"2026-11-{day:02}T22:05:00+01:00\",\
         \"outcome\":\"completed\",\"steps\":[{{\"name\":\"Toe curls\",\"planned_secs\":30,\"done_secs\":30,\"status\":\"completed\"}}]}}\n"
    )
}

/// Every cell of `csv`, as Python's `csv` module reads it; `None` without Python.
fn cells(csv: &str) -> Option<Vec<String>> {
    let script = "import csv, json, sys\n\
                  rows = list(csv.reader(sys.stdin))\n\
                  json.dump([c for r in rows for c in r], sys.stdout)";
    let mut child = match Process::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => return None,
    };
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(csv.as_bytes())
        .expect("feed python");
    let output = child.wait_with_output().expect("python runs");
    assert!(output.status.success(), "python could not read {csv:?}");
    Some(serde_json::from_slice(&output.stdout).expect("cells as JSON"))
}

fn is_number(cell: &str) -> bool {
    cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// No cell begins like a formula unless it is a number, and each hostile text is still there,
/// whole, after the `'` that neutralises it.
fn assert_neutralised(what: &str, csv: &str) {
    let Some(cells) = cells(csv) else {
        println!("python3 is not installed: {what} was not read as a spreadsheet would");
        return;
    };
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || is_number(cell),
            "{what}: the cell {cell:?} would be a formula in:\n{csv}"
        );
    }
    for hostile in HOSTILE {
        // Tabs and carriage returns are controls, cleaned from the text around the formula.
        let text = hostile.trim_start();
        assert!(
            cells.iter().any(|c| c
                .strip_prefix('\'')
                .is_some_and(|rest| rest.trim_start() == text)),
            "{what}: {hostile:?} is not kept after a ' in {cells:?}"
        );
    }
}

#[test]
fn hostile_notes_and_routine_names_reach_a_spreadsheet_as_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("data/bedstretch/history");
    fs::create_dir_all(&history).expect("history folder");
    let synced: String = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, name)| session(10 + i as u32, name))
        .collect();
    fs::write(history.join("phone.jsonl"), synced).expect("synced history");
    for (i, note) in HOSTILE.iter().enumerate() {
        let night = format!("2026-11-{:02}", 20 + i);
        bedstretch(
            &dir,
            &["cramp", "3", "--night", &night, &format!("--note={note}")],
        );
    }
    let csv = bedstretch(&dir, &["history", "--csv"]);
    assert_neutralised("history --csv", &csv);
    let csv = bedstretch(
        &dir,
        &[
            "report",
            "--format",
            "csv",
            "--since",
            "2026-11-01",
            "--as-of",
            AS_OF,
        ],
    );
    assert_neutralised("report --format csv", &csv);
}
