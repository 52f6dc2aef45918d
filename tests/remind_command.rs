//! `bedstretch remind` through the binary, against a real session bus (a private
//! dbus-daemon) and a notification service of the test's own on it: what is sent, when,
//! what a repeat replaces, and how it fails without a service.

#[path = "support/session_bus.rs"]
mod session_bus;
mod support;

use std::time::Duration;

use bedstretch::clock::{Clock, SystemClock};

use session_bus::{Bus, Notified, Service};
use support::folders::Folders;

/// Monday 23 November 2026, past a reminder at 22:30.
const DUE: &str = "2026-11-23T22:40:00+01:00";
/// Half an hour later: `remind_again`'s default has passed.
const LATER: &str = "2026-11-23T23:10:00+01:00";

/// A counting session, everything held, started at `at`.
fn session(at: &str) -> String {
    let step = r#"{"name":"Calf stretch","planned_secs":60,"done_secs":60,"status":"completed"}"#;
    format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":\"s-{at}\",\"routine\":\"bedtime-feet\",\
         \"routine_name\":\"Bedtime feet\",\"started_at\":\"{at}\",\"outcome\":\"completed\",\
         \"steps\":[{step}]}}\n"
    )
}

/// Someone whose config says `config` and who kept Saturday and Sunday, and `more` nights.
fn person(config: &str, more: &[&str]) -> Folders {
    let folders = Folders::used();
    let config_file = folders.root().join("config/bedstretch/config.toml");
    std::fs::write(config_file, format!("remind_at = \"22:30\"\n{config}")).expect("config");
    let nights = ["2026-11-21T22:05:00+01:00", "2026-11-22T22:05:00+01:00"];
    let history: String = nights.iter().chain(more).map(|at| session(at)).collect();
    folders.write_history("d1.jsonl", &history);
    folders
}

/// `bedstretch remind ARGS --as-of AS_OF` on `address`: exit code, stdout, stderr.
fn remind(folders: &Folders, address: &str, as_of: &str, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["remind", "--as-of", as_of];
    all.extend(args);
    let output = support::cli::bedstretch(folders.root(), &all)
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .output()
        .expect("runs");
    support::cli::said(&output)
}

fn notified(replaces_id: u32, body: &str) -> Notified {
    Notified {
        replaces_id,
        summary: "Time to stretch".into(),
        body: body.into(),
    }
}

const BODY: &str = "Bedtime feet · 10 min · keep your 2 nights";

#[test]
fn a_due_reminder_is_one_notification_and_its_repeat_replaces_it() {
    let Some(bus) = Bus::start() else { return };
    let service = Service::on(&bus);
    let folders = person("", &[]);
    assert_eq!(
        remind(&folders, &bus.address, DUE, &[]),
        (0, "".into(), "".into())
    );
    assert_eq!(service.notified(), [notified(0, BODY)]);
    // Ten minutes on, too soon for another.
    let soon = "2026-11-23T22:50:00+01:00";
    assert_eq!(remind(&folders, &bus.address, soon, &[]).0, 0);
    assert_eq!(service.notified().len(), 1);
    assert_eq!(remind(&folders, &bus.address, LATER, &[]).0, 0);
    assert_eq!(service.notified(), [notified(0, BODY), notified(41, BODY)]);
    let (code, status, _) = remind(&folders, &bus.address, LATER, &["status"]);
    assert_eq!(code, 0);
    assert!(
        status.starts_with(
            "notifications: test-notifier 1.0 by bedstretch tests (notification spec 1.2)\n\
             reminder: from 22:30 on a night not kept, again every 30 min until the night is kept\n\
             last sent: 2026-11-23 23:10 +01:00 (for the night of 2026-11-23, notification 41)\n"
        ),
        "{status}"
    );
    // Then what is installed, which depends on the machine's scheduler (tested apart).
    let last = status.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("timer: ") || last.starts_with("agent: "),
        "{status}"
    );
}

#[test]
fn once_a_night_sends_no_second() {
    let Some(bus) = Bus::start() else { return };
    let service = Service::on(&bus);
    let folders = person("remind_again = \"0\"\n", &[]);
    assert_eq!(remind(&folders, &bus.address, DUE, &[]).0, 0);
    assert_eq!(remind(&folders, &bus.address, LATER, &[]).0, 0);
    assert_eq!(service.notified(), [notified(0, BODY)]);
    let (code, out, _) = remind(&folders, &bus.address, LATER, &["--dry-run"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "quiet: sent once tonight, and remind_again is \"0\"\n")
    );
}

#[test]
fn kept_rest_paused_in_a_session_early_and_after_the_night_are_quiet() {
    let Some(bus) = Bus::start() else { return };
    let service = Service::on(&bus);
    let kept = person("", &["2026-11-23T22:10:00+01:00"]);
    let rest = person("rest_days = [\"mon\"]\n", &[]);
    // Away from Monday to Wednesday, said on another device the week before.
    let away = person("", &[]);
    away.write_history(
        "d2.jsonl",
        "{\"v\":1,\"kind\":\"pause\",\"id\":\"p1\",\"from\":\"2026-11-23\",\
         \"until\":\"2026-11-25\",\"why\":\"travel\",\"logged_at\":\"2026-11-16T10:00:00.000+01:00\"}\n",
    );
    let open = person("", &[]);
    // A session running now (its lock held, here by the test): a reminder would interrupt it.
    let busy = person("", &[]);
    let lock = std::fs::File::create(busy.data().join("session.lock")).expect("lock file");
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive).expect("locked");
    let cases = [
        (&kept, DUE, "quiet: tonight is kept"),
        (&rest, DUE, "quiet: tonight is a rest day"),
        (
            &away,
            DUE,
            "quiet: tonight is paused (bedstretch pause --list)",
        ),
        (&busy, DUE, "quiet: a session is running now"),
        (
            &open,
            "2026-11-23T21:00:00+01:00",
            "quiet: it is not 22:30 yet",
        ),
        // 04:00 ended Monday's night; Tuesday's reminder is not due until 22:30.
        (
            &open,
            "2026-11-24T04:30:00+01:00",
            "quiet: it is not 22:30 yet",
        ),
    ];
    for (folders, as_of, why) in cases {
        assert_eq!(
            remind(folders, &bus.address, as_of, &[]),
            (0, "".into(), "".into())
        );
        let said = remind(folders, &bus.address, as_of, &["--dry-run"]);
        assert_eq!(said, (0, format!("{why}\n"), "".into()), "{as_of}");
    }
    assert_eq!(service.notified(), []);
}

#[test]
fn a_dry_run_says_what_it_would_send_and_sends_and_writes_nothing() {
    let Some(bus) = Bus::start() else { return };
    let service = Service::on(&bus);
    let folders = person("", &[]);
    let said = remind(&folders, &bus.address, DUE, &["--dry-run"]);
    assert_eq!(
        said,
        (
            0,
            format!("would send: Time to stretch · {BODY}\n"),
            "".into()
        )
    );
    assert_eq!(service.notified(), []);
    assert!(!folders.data().join("remind-sent.json").exists());
}

/// Fails unless bedstretch said in one line on stderr that no service answered, with a
/// non-zero exit, within `limit`.
fn fails_quickly(folders: &Folders, address: &str, args: &[&str], limit: Duration) {
    let clock = SystemClock::new();
    let (code, out, err) = remind(folders, address, DUE, args);
    let took = clock.moment();
    assert_ne!(code, 0, "{err}");
    assert!(
        err.starts_with("bedstretch: no desktop notification service answered (")
            && err.lines().count() == 1,
        "{err}"
    );
    assert!(took < limit, "took {took:?}");
    assert!(!out.contains("last sent: 2"), "{out}");
}

#[test]
fn without_a_bus_it_says_so_in_one_line_at_once() {
    let folders = person("", &[]);
    let none = "unix:path=/nonexistent";
    fails_quickly(&folders, none, &[], Duration::from_secs(2));
    assert!(!folders.data().join("remind-sent.json").exists());
}

#[test]
fn a_bus_without_a_service_is_given_two_seconds() {
    // A bus that tries to start a service which never answers holds the call for 25 s.
    let Some(bus) = Bus::activating("/bin/sleep 5") else {
        return;
    };
    let folders = person("", &[]);
    let limit = Duration::from_millis(2500);
    fails_quickly(&folders, &bus.address, &[], limit);
    // A bus that knows of no such service says so at once.
    let Some(bare) = Bus::start() else { return };
    fails_quickly(&folders, &bare.address, &[], Duration::from_secs(2));
    let (code, out, _) = remind(&folders, &bus.address, DUE, &["status"]);
    assert_eq!(code, 1);
    support::cli::has_line(
        &out,
        "notifications: no desktop notification service answered (no answer within 2 s)",
    );
    assert!(!folders.data().join("remind-sent.json").exists());
}
