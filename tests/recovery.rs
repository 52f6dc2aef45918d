//! Recovering a session left behind: an unreadable one is set aside under a name that says
//! when it was written, never deleted; none at all costs nothing and creates nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rustix::fs::{FlockOperation, flock};

fn bedstretch(home: &Path, args: &[&str]) -> (i32, String) {
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_bedstretch"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .timeout(Duration::from_secs(30))
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn data(home: &Path) -> PathBuf {
    home.join("data/bedstretch")
}

#[test]
fn with_nothing_to_recover_nothing_is_created() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = bedstretch(home.path(), &["stats"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !data(home.path()).join("session.lock").exists(),
        "no lock taken for nothing"
    );
}

#[test]
fn an_unreadable_session_is_set_aside_by_date_and_never_deleted() {
    let home = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(data(home.path())).expect("data folder");
    for round in 0..2 {
        fs::write(data(home.path()).join("current.json"), "{\"v\":1,\"kind\":").expect("torn");
        let (code, stderr) = bedstretch(home.path(), &["stats"]);
        assert_eq!(code, 0, "the command still works: {stderr}");
        assert!(
            stderr.contains("an interrupted session could not be read")
                && stderr.contains("current.json.bad-"),
            "round {round}: {stderr}"
        );
    }
    let mut aside: Vec<String> = fs::read_dir(data(home.path()))
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("current.json.bad-"))
        .collect();
    aside.sort();
    assert_eq!(
        aside.len(),
        2,
        "the second never replaces the first: {aside:?}"
    );
    for name in aside {
        let kept = fs::read_to_string(data(home.path()).join(name)).expect("kept");
        assert_eq!(kept, "{\"v\":1,\"kind\":");
    }
    assert!(!data(home.path()).join("current.json").exists());
}

#[test]
fn a_fifo_as_the_device_id_is_replaced_not_waited_on() {
    let home = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(data(home.path())).expect("data folder");
    let device = data(home.path()).join("device");
    let made = std::process::Command::new("mkfifo")
        .arg(&device)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // A left-over session makes the next command recover it, which needs the device id.
    let record = "{\"v\":1,\"kind\":\"session\",\"id\":\"x\",\"routine\":\"quick\",\
                  \"routine_name\":\"Quick\",\"started_at\":\"2026-11-23T22:00:00+01:00\",\
                  \"ended_at\":\"2026-11-23T22:01:00+01:00\",\"outcome\":\"interrupted\",\
                  \"steps\":[]}";
    fs::write(data(home.path()).join("current.json"), record).expect("progress");
    let (code, stderr) = bedstretch(home.path(), &["stats"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("recovered an interrupted session"),
        "{stderr}"
    );
    let id = fs::read_to_string(&device).expect("a regular file now");
    assert_eq!(id.trim().len(), 8, "{id:?}");
}

#[test]
fn a_session_another_bedstretch_holds_is_left_to_it() {
    let home = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(data(home.path())).expect("data folder");
    let progress = data(home.path()).join("current.json");
    fs::write(&progress, "{\"v\":1}").expect("progress");
    // Another bedstretch is running that session: it holds the lock.
    let lock = fs::File::create(data(home.path()).join("session.lock")).expect("lock file");
    flock(&lock, FlockOperation::LockExclusive).expect("locked");
    let (code, stderr) = bedstretch(home.path(), &["stats"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "nothing to say: {stderr}");
    assert!(
        progress.exists(),
        "not recovered from under the running session"
    );
    flock(&lock, FlockOperation::Unlock).expect("unlocked");
}
