use super::*;

#[test]
fn xdg_variables_win_on_every_unix_when_absolute() {
    let paths = Paths::from_vars(Some("/tmp/c".into()), Some("/tmp/d".into())).expect("paths");
    assert_eq!(paths.config_dir, PathBuf::from("/tmp/c/bedstretch"));
    assert_eq!(paths.data_dir, PathBuf::from("/tmp/d/bedstretch"));
    assert_eq!(
        paths.history_dir(),
        PathBuf::from("/tmp/d/bedstretch/history")
    );
}

#[test]
fn relative_or_empty_xdg_variables_are_ignored_as_the_spec_says() {
    let Ok(paths) = Paths::from_vars(Some("relative".into()), Some("".into())) else {
        return; // No home folder in this environment: nothing to compare against.
    };
    assert!(paths.config_dir.is_absolute());
    assert!(paths.data_dir.is_absolute());
    assert!(!paths.config_dir.starts_with("relative"));
}
