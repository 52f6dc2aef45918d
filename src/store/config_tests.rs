use std::fs;

use crate::core::config::{Config, Key, MAX_FILE_BYTES, Source};

use super::*;

fn paths_with(config: &[u8]) -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths::under(dir.path());
    fs::create_dir_all(&paths.config_dir).expect("mkdir");
    fs::write(paths.config_file(), config).expect("write");
    (dir, paths)
}

fn file(paths: &Paths) -> String {
    paths.config_file().display().to_string()
}

#[test]
fn no_file_is_no_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths::under(dir.path());
    let loaded = load(&paths);
    assert_eq!(loaded.config, Config::default());
    assert!(loaded.problems.is_empty());
    assert!(!loaded.exists);
    assert_eq!(loaded.source(Key::Bell), Source::Default);
}

#[test]
fn a_folder_at_the_config_path_is_a_problem_not_a_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths::under(dir.path());
    fs::create_dir_all(paths.config_file()).expect("mkdir");
    let loaded = load(&paths);
    assert_eq!(loaded.config, Config::default());
    let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{}: is a folder, not a regular file; the defaults are used",
            file(&paths)
        )]
    );
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
    let loaded = load(&paths);
    assert_eq!(loaded.config, Config::default());
    let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{}: is a named pipe (FIFO), not a regular file; the defaults are used",
            file(&paths)
        )]
    );
}

#[test]
fn a_file_over_one_mebibyte_is_not_read() {
    let mut big = b"bell = false\n".to_vec();
    big.resize(MAX_FILE_BYTES as usize + 1, b'#');
    let (_dir, paths) = paths_with(&big);
    let loaded = load(&paths);
    assert!(loaded.config.bell);
    let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{}: file is 1048577 bytes; a config file may be at most 1 MiB; the defaults are used",
            file(&paths)
        )]
    );
}
