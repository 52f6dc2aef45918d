use std::fs;

use crate::core::config::{Config, Key, MAX_FILE_BYTES, Source};

use super::*;

fn paths_with(config: &[u8]) -> (tempfile::TempDir, Paths) {
    let (dir, paths) = Paths::temp();
    fs::create_dir_all(&paths.config_dir).expect("mkdir");
    fs::write(paths.config_file(), config).expect("write");
    (dir, paths)
}

fn file(paths: &Paths) -> String {
    paths.config_file().display().to_string()
}

/// The problems, as the person reads them.
fn shown(loaded: &Loaded) -> Vec<String> {
    loaded.problems.iter().map(ToString::to_string).collect()
}

/// The config path holds `what`, not a file: the defaults, and one problem that says so.
fn assert_defaults_because_it_is(paths: &Paths, what: &str) {
    let loaded = load(paths);
    assert_eq!(loaded.config, Config::default());
    assert_eq!(
        shown(&loaded),
        [format!(
            "{}: is {what}, not a regular file; the defaults are used",
            file(paths)
        )]
    );
}

#[test]
fn no_file_is_no_problem() {
    let (_dir, paths) = Paths::temp();
    let loaded = load(&paths);
    assert_eq!(loaded.config, Config::default());
    assert!(loaded.problems.is_empty());
    assert!(!loaded.exists);
    assert_eq!(loaded.source(Key::Bell), Source::Default);
}

#[test]
fn a_folder_at_the_config_path_is_a_problem_not_a_failure() {
    let (_dir, paths) = Paths::temp();
    fs::create_dir_all(paths.config_file()).expect("mkdir");
    assert_defaults_because_it_is(&paths, "a folder");
}

#[test]
fn a_fifo_at_the_config_path_is_a_problem_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths {
        config_dir: dir.path().to_path_buf(),
        data_dir: dir.path().join("data"),
    };
    let made = std::process::Command::new("mkfifo")
        .arg(paths.config_file())
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    assert_defaults_because_it_is(&paths, "a named pipe (FIFO)");
}

#[test]
fn a_file_over_one_mebibyte_is_not_read() {
    let mut big = b"bell = false\n".to_vec();
    big.resize(MAX_FILE_BYTES as usize + 1, b'#');
    let (_dir, paths) = paths_with(&big);
    let loaded = load(&paths);
    assert!(loaded.config.bell);
    assert_eq!(
        shown(&loaded),
        [format!(
            "{}: file is 1048577 bytes; a config file may be at most 1 MiB; the defaults are used",
            file(&paths)
        )]
    );
}
