//! The desktop's notification service, asked over the session bus (notify-rust, pure Rust),
//! never for longer than [`WAIT`]: a bus without the service may hold a call for about 25 s
//! while it tries to start one, and a timer that runs `remind` must not hang on it.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use anyhow::{Result, anyhow};
use notify_rust::Notification;

/// The longest a call to the notification service may take.
pub const WAIT: Duration = Duration::from_secs(2);

/// What the service says of itself, as `remind status` shows it.
#[cfg(not(target_os = "macos"))]
pub fn server_information() -> Result<String> {
    within_wait(|| {
        let info = notify_rust::get_server_information()?;
        Ok(format!(
            "{} {} by {} (notification spec {})",
            info.name, info.version, info.vendor, info.spec_version
        ))
    })
}

/// macOS has one notification centre, always there; notify-rust has no question to ask it.
#[cfg(target_os = "macos")]
pub fn server_information() -> Result<String> {
    Ok("the macOS notification centre".to_string())
}

/// Shows `title` and `body`, in place of the notification `replaces` when given (the
/// service's id of an earlier one); returns the id the service gave this one.
#[cfg(not(target_os = "macos"))]
pub fn notify(title: &str, body: &str, replaces: Option<u32>) -> Result<u32> {
    let mut notification = Notification::new();
    notification.appname("bedstretch").summary(title).body(body);
    if let Some(id) = replaces {
        notification.id(id);
    }
    within_wait(move || Ok(notification.show()?.id()))
}

/// Shows `title` and `body`. macOS gives no id to replace a notification by, so a repeat
/// stands beside the last one there; 0 is kept as its id.
#[cfg(target_os = "macos")]
pub fn notify(title: &str, body: &str, _replaces: Option<u32>) -> Result<u32> {
    let mut notification = Notification::new();
    notification.appname("bedstretch").summary(title).body(body);
    within_wait(move || notification.show().map(|_| 0))
}

/// Runs `call` on a thread of its own and waits for it at most [`WAIT`]; a call still
/// waiting then is left to end with the process. Every failure is one error that says no
/// service answered, with the bus's own words in brackets.
fn within_wait<T: Send + 'static>(
    call: impl FnOnce() -> notify_rust::error::Result<T> + Send + 'static,
) -> Result<T> {
    let (answer, answered) = mpsc::channel();
    thread::spawn(move || {
        // The receiver is gone only when the wait is over, and then no one needs the answer.
        let _ = answer.send(call().map_err(|e| e.to_string()));
    });
    let why = match answered.recv_timeout(WAIT) {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(why)) => why,
        Err(_) => format!("no answer within {} s", WAIT.as_secs()),
    };
    Err(anyhow!("no desktop notification service answered ({why})"))
}
