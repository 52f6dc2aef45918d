//! What `bedstretch doctor` looks at, gathered without writing anything, and handed to
//! `core::doctor` to judge. The programs and the services are asked only when the config
//! needs them: the notification service and the timer when `remind_at` is set.

use std::io::IsTerminal;

use crate::core::config::{Config, Key, Loaded, Source};
use crate::core::doctor::files::{self, Device};
use crate::core::doctor::finding::Finding;
use crate::core::doctor::settings::{self, BrokenRoutine, Routines};
use crate::core::doctor::system::{self, Player, Speaker, Terminal, Timer};
use crate::core::text::clean_line;
use crate::store::paths::Paths;
use crate::store::routines::Catalog;
use crate::store::{device, history_survey};
use crate::{sound, tui, voice};

use super::{desktop, remind_install, run_plain};

/// The findings, in the order they are printed, and the device they were made for.
pub struct Facts {
    /// Every finding.
    pub findings: Vec<Finding>,
    /// This device's id and fingerprint.
    pub device: Device,
}

/// Every check, in order: bedstretch's own files, what the person wrote, then what it uses
/// from the system.
pub fn gather(paths: &Paths, loaded: &Loaded, catalog: &Catalog) -> Facts {
    let device = this_device(paths);
    let config = &loaded.config;
    let mut findings = vec![
        files::data(&paths.data_dir, paths.data_dir.is_dir()),
        files::device(&device),
    ];
    match history_survey::survey(paths) {
        Ok(found) => findings.extend(files::history(&found)),
        Err(e) => findings.push(files::history_unreadable(&format!("{e:#}"))),
    }
    findings.extend(settings::config(loaded));
    findings.extend(settings::routines(&routines(paths, catalog)));
    // As a screen started from this terminal would choose before its first frame: from
    // COLORFGBG or what this terminal answered before, never by waiting for it now.
    let full_screen = std::io::stdout().is_terminal();
    findings.push(settings::theme(
        &Key::Theme.toml(config),
        is_set(loaded, Key::Theme),
        &super::screen_theme::theme_choice(config, full_screen),
    ));
    findings.push(system::terminal(&terminal()));
    findings.extend(programs(loaded));
    findings.extend(reminder(paths, config));
    Facts { findings, device }
}

/// The device id and the fingerprint, as `device::facts` reads them without writing.
fn this_device(paths: &Paths) -> Device {
    let facts = device::facts(paths);
    Device {
        id: facts.id,
        next: facts.next,
        fingerprint: facts.now.hash,
        source: facts.now.source,
    }
}

/// The routines that run and the person's files that do not, as `routine list` shows them.
fn routines(paths: &Paths, catalog: &Catalog) -> Routines {
    Routines {
        folder: paths.routines_dir(),
        usable: catalog.routines.len(),
        broken: catalog
            .broken
            .iter()
            .map(|broken| BrokenRoutine {
                id: clean_line(&broken.id),
                error: broken.error.to_string(),
                overrides: broken.overrides,
            })
            .collect(),
        warnings: catalog.warnings.clone(),
    }
}

/// True when `key` is written in the config file (and usable), not left to its default.
fn is_set(loaded: &Loaded, key: Key) -> bool {
    matches!(loaded.source(key), Source::File { .. })
}

/// The terminal standard output shows on, and what the screens would make of it.
fn terminal() -> Terminal {
    let var = |name| std::env::var(name).ok();
    Terminal {
        size: tui::line_terminal::terminal_size(),
        term: var("TERM"),
        colorterm: var("COLORTERM"),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        plain: run_plain::why_not_full_screen(),
    }
}

/// The speaker and the sound player, looked for as a session looks for them.
fn programs(loaded: &Loaded) -> [Finding; 2] {
    let config = &loaded.config;
    let path = std::env::var_os("PATH");
    let speaker = Speaker {
        voice: config.voice,
        own_command: config.voice_command.is_some(),
        found: voice::find(config.voice_command.as_ref(), path.as_deref()).map(|s| s.program),
    };
    let player = Player {
        sound: config.sound,
        asked: is_set(loaded, Key::Sound) || config.sound_command.is_some(),
        over_ssh: sound::over_ssh(),
        found: sound::find(config.sound_command.as_ref(), path.as_deref()).map(|p| p.program),
    };
    [system::speaker(&speaker), system::player(&player)]
}

/// The notification service and the timer, asked only when a reminder is set: the service
/// may take two seconds to answer, and the timer's tools as long.
fn reminder(paths: &Paths, config: &Config) -> [Finding; 2] {
    let at = config.remind_at.map(|at| at.format("%H:%M").to_string());
    let service = at
        .as_ref()
        .map(|_| desktop::server_information().map_err(|e| format!("{e:#}")));
    let timer = at.as_ref().map(|_| {
        let (state, lines) = remind_install::scheduled(paths);
        let words: Vec<&str> = lines
            .iter()
            .map(|line| line.strip_prefix("timer: ").unwrap_or(line))
            .collect();
        Timer {
            state,
            words: words.join("; "),
        }
    });
    [
        system::notifications(at.as_deref(), service.as_ref()),
        system::timer(at.as_deref(), timer.as_ref()),
    ]
}
