//! `bedstretch completions` and `bedstretch man` through the binary: a script for every
//! shell, candidates for every command and every routine id, and a manual page that roff
//! reads without a warning.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

fn bedstretch(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bedstretch").expect("binary");
    cmd.env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("COMPLETE");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let output = cmd.output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The commands `bedstretch help` lists, as a newcomer reads them.
fn commands(home: &Path) -> Vec<String> {
    let help = stdout(bedstretch(home).arg("help"));
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A description wrapped onto a line of its own is no command.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

#[test]
fn every_shell_gets_a_script_that_calls_back_into_bedstretch() {
    let home = tempfile::tempdir().expect("temp dir");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(bedstretch(home.path()).args(["completions", shell]));
        assert!(script.contains("bedstretch"), "{shell}: {script}");
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
    }
    let refused = bedstretch(home.path())
        .args(["completions", "tcsh"])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("bash"));
}

#[test]
fn tab_offers_every_command_and_every_routine_id_as_it_is_now() {
    let home = tempfile::tempdir().expect("temp dir");
    let names = commands(home.path());
    assert!(names.len() >= 10, "{names:?}");
    // fish's protocol: the words so far, then the one being completed.
    let offered =
        stdout(
            bedstretch(home.path())
                .env("COMPLETE", "fish")
                .args(["--", "bedstretch", ""]),
        );
    for name in &names {
        assert!(
            offered
                .lines()
                .any(|l| l.split('\t').next() == Some(name.as_str())),
            "{name} not offered: {offered}"
        );
    }

    // A routine made after the script was sourced completes too.
    let routines = home.path().join("config/bedstretch/routines");
    std::fs::create_dir_all(&routines).expect("folder");
    std::fs::write(
        routines.join("mine.toml"),
        "name = \"Mine\"\n[[step]]\nname = \"Toe raises\"\nduration = \"20s\"\n",
    )
    .expect("routine");
    for words in [["run", ""], ["routine", "show"]] {
        let mut args = vec!["--", "bedstretch"];
        args.extend(words);
        if words[1] == "show" {
            args.push("");
        }
        let offered = stdout(bedstretch(home.path()).env("COMPLETE", "fish").args(&args));
        for id in ["bedtime-feet", "quick", "cramp-relief", "mine"] {
            assert!(
                offered.lines().any(|l| l.starts_with(&format!("{id}\t"))),
                "{id} after {words:?}: {offered}"
            );
        }
    }
}

#[test]
fn the_manual_covers_every_command_key_file_and_rule_and_roff_reads_it_cleanly() {
    let home = tempfile::tempdir().expect("temp dir");
    let page = stdout(bedstretch(home.path()).arg("man"));
    assert!(page.is_ascii(), "other characters go as roff escapes");
    assert!(
        page.starts_with(".ie") || page.contains(".TH bedstretch 1"),
        "{page}"
    );
    for name in commands(home.path()) {
        assert!(
            page.contains(&format!(".SS \"bedstretch {name}\""))
                || page.contains(&format!(".SS bedstretch {name}")),
            "{name} has no section"
        );
    }
    for section in [
        "KEYS",
        "NIGHTS AND STREAKS",
        "FILES",
        "EXIT STATUS",
        "ENVIRONMENT",
    ] {
        assert!(
            page.contains(&format!(".SH \"{section}\""))
                || page.contains(&format!(".SH {section}")),
            "{section}"
        );
    }
    assert!(page.contains("day_starts_at") && page.contains("min_completion"));

    // groff with every warning on, where it is installed (mandoc -T lint elsewhere).
    let file = home.path().join("bedstretch.1");
    std::fs::write(&file, &page).expect("page");
    let checked = Process::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file)
        .output()
        .or_else(|_| {
            Process::new("mandoc")
                .args(["-T", "lint"])
                .arg(&file)
                .output()
        });
    match checked {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(String::from_utf8_lossy(&out.stderr), "", "roff warnings");
        }
        Err(e) => eprintln!("neither groff nor mandoc to check the page with: {e}"),
    }
}

#[test]
fn tab_offers_the_values_of_side_kind_and_format() {
    let home = tempfile::tempdir().expect("temp dir");
    for (words, values) in [
        (
            &["cramp", "3", "--side"][..],
            &["left", "right", "both"][..],
        ),
        (&["history", "--kind"][..], &["session", "cramp"][..]),
        (&["status", "--format"][..], &["short", "long", "json"][..]),
        (&["report", "--format"][..], &["md", "csv", "html"][..]),
    ] {
        let mut args = vec!["--", "bedstretch"];
        args.extend(words);
        args.push("");
        let offered = stdout(bedstretch(home.path()).env("COMPLETE", "fish").args(&args));
        let mut names: Vec<&str> = offered
            .lines()
            .filter_map(|l| l.split('\t').next())
            .collect();
        names.sort_unstable();
        let mut want = values.to_vec();
        want.sort_unstable();
        assert_eq!(names, want, "after {words:?}: {offered}");
    }
}

#[test]
fn the_manuals_files_section_names_every_file_bedstretch_uses() {
    let home = tempfile::tempdir().expect("temp dir");
    let page = stdout(bedstretch(home.path()).arg("man"));
    let files: String = page
        .lines()
        .skip_while(|l| !l.starts_with(".SH FILES") && !l.starts_with(".SH \"FILES\""))
        .skip(1)
        .take_while(|l| !l.starts_with(".SH"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("\\-", "-");
    for file in [
        "$XDG_CONFIG_HOME/bedstretch/config.toml",
        "$XDG_CONFIG_HOME/bedstretch/routines/*.toml",
        "$XDG_CONFIG_HOME/bedstretch/routines/.trash/",
        "$XDG_DATA_HOME/bedstretch/history/<device>.jsonl",
        "$XDG_DATA_HOME/bedstretch/device",
        "$XDG_DATA_HOME/bedstretch/current.json",
        "$XDG_DATA_HOME/bedstretch/session.lock",
        "$XDG_DATA_HOME/bedstretch/diary-skipped",
        "$XDG_DATA_HOME/bedstretch/cache/history-summary.bin",
        "$XDG_DATA_HOME/bedstretch/cache/streak-sessions.bin",
        "bedstretch-unsaved-",
    ] {
        assert!(files.contains(file), "{file} missing from FILES:\n{files}");
    }
}
