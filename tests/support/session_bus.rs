//! A private D-Bus session bus (the real `dbus-daemon`) and, on it, a small desktop
//! notification service that remembers every notification it was asked to show, so that a
//! test can run bedstretch against real notifications without a desktop.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use tempfile::TempDir;
use zbus::zvariant::OwnedValue;

/// Where the daemon is, on every machine the tests run on (`.ci/run` installs it).
pub const DAEMON: &str = "/usr/bin/dbus-daemon";

/// A `dbus-daemon` of the test's own, ended when dropped.
pub struct Bus {
    daemon: Child,
    /// The address to give as DBUS_SESSION_BUS_ADDRESS.
    pub address: String,
    _dir: TempDir,
}

impl Bus {
    /// A new bus; `None` (with a line saying why) where there is no dbus-daemon.
    pub fn start() -> Option<Self> {
        Self::with_activation(None)
    }

    /// A bus that starts `exec` when someone asks for the notification service, as a
    /// desktop's bus does; a command that never takes the name leaves the caller waiting.
    pub fn activating(exec: &str) -> Option<Self> {
        Self::with_activation(Some(exec))
    }

    fn with_activation(exec: Option<&str>) -> Option<Self> {
        if !Path::new(DAEMON).exists() {
            eprintln!("skipped: {DAEMON} is missing (install the dbus package)");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let services = dir.path().join("services");
        std::fs::create_dir(&services).expect("services folder");
        if let Some(exec) = exec {
            let service =
                format!("[D-BUS Service]\nName=org.freedesktop.Notifications\nExec={exec}\n");
            std::fs::write(services.join("notifications.service"), service).expect("service");
        }
        let config = dir.path().join("session.conf");
        std::fs::write(&config, session_config(dir.path(), &services)).expect("bus config");
        let mut daemon = Command::new(DAEMON)
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon starts");
        let mut address = String::new();
        let stdout = daemon.stdout.take().expect("stdout");
        BufReader::new(stdout)
            .read_line(&mut address)
            .expect("the bus's address");
        Some(Self {
            daemon,
            address: address.trim().to_string(),
            _dir: dir,
        })
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// A session bus that anyone may use, listening in `dir`, activating from `services` only.
fn session_config(dir: &Path, services: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>{}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        dir.display(),
        services.display()
    )
}

/// One notification the service was asked to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notified {
    pub replaces_id: u32,
    pub summary: String,
    pub body: String,
}

/// The notification service: org.freedesktop.Notifications on the bus, remembering what it
/// is asked; it stops with the connection.
pub struct Service {
    _connection: zbus::blocking::Connection,
    notified: Arc<Mutex<Vec<Notified>>>,
}

impl Service {
    /// The service on `bus`, answering from now on.
    pub fn on(bus: &Bus) -> Self {
        let notified = Arc::new(Mutex::new(Vec::new()));
        let server = Server {
            notified: Arc::clone(&notified),
            // Not 1, so that an id passed back is surely the one the service gave.
            last_id: 40,
        };
        let connection = zbus::blocking::connection::Builder::address(bus.address.as_str())
            .expect("address")
            .name("org.freedesktop.Notifications")
            .expect("name")
            .serve_at("/org/freedesktop/Notifications", server)
            .expect("served")
            .build()
            .expect("connected");
        Self {
            _connection: connection,
            notified,
        }
    }

    /// Every notification asked for so far, in order.
    pub fn notified(&self) -> Vec<Notified> {
        self.notified.lock().expect("lock").clone()
    }
}

struct Server {
    notified: Arc<Mutex<Vec<Notified>>>,
    last_id: u32,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    /// As the specification says: a notification that replaces another keeps its id.
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &mut self,
        _app_name: String,
        replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        self.notified.lock().expect("lock").push(Notified {
            replaces_id,
            summary,
            body,
        });
        if replaces_id != 0 {
            return replaces_id;
        }
        self.last_id += 1;
        self.last_id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".to_string()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        let info = ["test-notifier", "bedstretch tests", "1.0", "1.2"].map(String::from);
        let [name, vendor, version, spec] = info;
        (name, vendor, version, spec)
    }

    fn close_notification(&self, _id: u32) {}
}
