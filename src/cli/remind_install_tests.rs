use std::path::{Path, PathBuf};

use super::*;

#[test]
fn a_plain_path_is_one_quoted_word() {
    let word = systemd_word(Path::new("/usr/local/bin/bedstretch"));
    assert_eq!(word.as_deref(), Some("\"/usr/local/bin/bedstretch\""));
}

#[test]
fn spaces_quotes_backslashes_and_percents_stay_one_literal_word() {
    let word = systemd_word(Path::new("/home/a b/50% \"x\\y\"/bedstretch"));
    assert_eq!(
        word.as_deref(),
        Some(r#""/home/a b/50%% \"x\\y\"/bedstretch""#)
    );
}

#[test]
fn paths_a_unit_cannot_name_are_refused() {
    for path in [
        "/opt/$HOME/bedstretch",
        "/opt/a\nb/bedstretch",
        "/opt/\x1b[31m/b",
    ] {
        assert_eq!(systemd_word(Path::new(path)), None, "{path:?}");
    }
}

#[test]
fn the_service_runs_remind_once_and_carries_the_marker() {
    let unit = service_unit("\"/opt/my apps/bedstretch\"", &[]);
    assert!(unit.starts_with(&format!("# {MARKER}")));
    assert!(unit.contains("\nType=oneshot\n"));
    assert!(unit.contains("\nExecStart=\"/opt/my apps/bedstretch\" remind\n"));
}

#[test]
fn the_timer_looks_every_five_minutes_without_catching_up() {
    let unit = timer_unit();
    assert!(unit.starts_with(&format!("# {MARKER}")));
    for line in [
        "OnCalendar=*:0/5",
        "Persistent=false",
        "AccuracySec=1min",
        "WantedBy=timers.target",
    ] {
        assert!(unit.lines().any(|l| l == line), "{line} in\n{unit}");
    }
}

#[test]
fn the_plist_runs_remind_every_300_seconds_with_the_path_escaped() {
    let plist = launchd_plist(Path::new("/Users/a&b/<bin>/bedstretch"), &[]);
    assert!(plist.contains(&format!("<!-- {MARKER}")));
    assert!(plist.contains("<string>com.bedstretch.remind</string>"));
    assert!(plist.contains(
        "<array>\n\t\t<string>/Users/a&amp;b/&lt;bin&gt;/bedstretch</string>\n\
         \t\t<string>remind</string>\n\t</array>"
    ));
    assert!(plist.contains("<key>StartInterval</key>\n\t<integer>300</integer>"));
}

#[test]
fn the_crontab_line_quotes_for_the_shell_and_escapes_cron_percents() {
    assert_eq!(
        cron_line(Path::new("/opt/bin/bedstretch"), &[]),
        "*/5 * * * * '/opt/bin/bedstretch' remind"
    );
    assert_eq!(
        cron_line(Path::new("/opt/it's 100%/bedstretch"), &[]),
        r"*/5 * * * * '/opt/it'\''s 100\%/bedstretch' remind"
    );
}

#[test]
fn the_next_look_is_the_time_of_day_systemctl_shows() {
    let cases = [
        (
            "NextElapseUSecRealtime=Mon 2026-12-07 22:35:00 CET\n",
            Some("22:35"),
        ),
        ("NextElapseUSecRealtime=\n", None),
        ("NextElapseUSecRealtime=n/a\n", None),
        ("something else", None),
    ];
    for (show, time) in cases {
        assert_eq!(next_look(show).as_deref(), time, "{show:?}");
    }
}

#[test]
fn only_a_regular_file_with_the_marker_is_ours() {
    let dir = tempfile::tempdir().expect("temp");
    let ours = dir.path().join("ours");
    let theirs = dir.path().join("theirs");
    let link = dir.path().join("link");
    std::fs::write(&ours, timer_unit()).expect("write");
    std::fs::write(&theirs, "[Timer]\nOnCalendar=daily\n").expect("write");
    std::os::unix::fs::symlink(&ours, &link).expect("link");
    assert_eq!(Written::at(&ours), Written::Ours);
    assert_eq!(Written::at(&theirs), Written::Foreign);
    assert_eq!(Written::at(&link), Written::Foreign);
    assert_eq!(Written::at(dir.path()), Written::Foreign);
    assert_eq!(Written::at(&dir.path().join("none")), Written::Missing);
}

/// A `systemctl` in `dir` that answers as `script` says.
fn fake_systemctl(dir: &Path, script: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("systemctl");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).expect("systemctl");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn status_says_installed_enabled_and_when_it_looks_next() {
    let dir = tempfile::tempdir().expect("temp");
    let systemctl = fake_systemctl(
        dir.path(),
        "case \"$*\" in *is-enabled*) echo enabled ;; \
         *Realtime*) echo NextElapseUSecRealtime=Mon 2026-12-07 22:35:00 CET ;; esac",
    );
    assert_eq!(
        systemd_status(dir.path(), &systemctl),
        (TimerState::Off, vec![NOT_INSTALLED.to_string()])
    );
    std::fs::write(dir.path().join(TIMER), timer_unit()).expect("timer");
    std::fs::write(dir.path().join(SERVICE), service_unit("\"/b\"", &[])).expect("service");
    let timer = dir.path().join(TIMER).display().to_string();
    assert_eq!(
        systemd_status(dir.path(), &systemctl),
        (
            TimerState::Runs,
            vec![format!(
                "timer: installed ({timer}), enabled, next look at 22:35"
            )]
        )
    );
    std::fs::remove_file(dir.path().join(SERVICE)).expect("remove");
    let (state, lines) = systemd_status(dir.path(), &systemctl);
    assert!(lines[1].starts_with("service: "), "{lines:?}");
    assert_eq!(state, TimerState::Off);
}

#[test]
fn status_without_a_user_manager_does_not_guess() {
    let dir = tempfile::tempdir().expect("temp");
    let systemctl = fake_systemctl(dir.path(), "exit 1");
    std::fs::write(dir.path().join(TIMER), timer_unit()).expect("timer");
    std::fs::write(dir.path().join(SERVICE), service_unit("\"/b\"", &[])).expect("service");
    let (state, lines) = systemd_status(dir.path(), &systemctl);
    assert_eq!((state, lines.len()), (TimerState::Unknown, 1));
    assert!(
        lines[0].ends_with("no systemd user manager answered, so whether it runs is not known")
    );
}

#[test]
fn a_tool_that_does_not_answer_is_given_up_on() {
    let dir = tempfile::tempdir().expect("temp");
    let systemctl = fake_systemctl(dir.path(), "exec sleep 60");
    let wait = Duration::from_millis(100);
    assert!(ask_within(&systemctl, &["--user", "show-environment"], wait).is_none());
}

#[test]
fn the_persons_folders_go_with_every_scheduler() {
    let env = [(
        "XDG_DATA_HOME",
        std::path::PathBuf::from("/home/me/Sync/<data>"),
    )];
    let plist = launchd_plist(Path::new("/opt/bedstretch"), &env);
    assert!(
        plist.contains(
            "\t<key>EnvironmentVariables</key>\n\t<dict>\n\t\t<key>XDG_DATA_HOME</key>\n\
             \t\t<string>/home/me/Sync/&lt;data&gt;</string>\n\t</dict>\n"
        ),
        "{plist}"
    );
    assert_eq!(
        cron_line(Path::new("/opt/bedstretch"), &env),
        "*/5 * * * * XDG_DATA_HOME='/home/me/Sync/<data>' '/opt/bedstretch' remind"
    );
    let unit = service_unit("\"/opt/bedstretch\"", &["\"XDG_DATA_HOME=/d\"".into()]);
    assert!(
        unit.contains("Environment=\"XDG_DATA_HOME=/d\"\nExecStart="),
        "{unit}"
    );
}
