//! Where bedstretch keeps things: `XDG_CONFIG_HOME` and `XDG_DATA_HOME` when they are set,
//! on every Unix (macOS included, so that tests and people can keep bedstretch to a folder of
//! their choosing), else the platform's own places (`~/.config`, `~/.local/share` on Linux,
//! `~/Library/Application Support` on macOS).

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{Context, Result};
use directories::ProjectDirs;

/// The folders bedstretch reads and writes; nothing is written outside them.
#[derive(Debug, Clone)]
pub struct Paths {
    /// `$XDG_CONFIG_HOME/bedstretch`: config and the person's routines.
    pub config_dir: PathBuf,
    /// `$XDG_DATA_HOME/bedstretch`: history and the session in progress.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The folders for this user, honouring `XDG_CONFIG_HOME` and `XDG_DATA_HOME`.
    pub fn from_env() -> Result<Self> {
        Self::from_vars(
            std::env::var_os("XDG_CONFIG_HOME"),
            std::env::var_os("XDG_DATA_HOME"),
        )
    }

    /// The folders from these XDG variables (as the environment gives them), each falling
    /// back to the platform's place when unset, empty or relative (the XDG rules).
    pub fn from_vars(config: Option<OsString>, data: Option<OsString>) -> Result<Self> {
        let absolute = |var: Option<OsString>| {
            var.map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .map(|p| p.join("bedstretch"))
        };
        let (config, data) = (absolute(config), absolute(data));
        if let (Some(config_dir), Some(data_dir)) = (config.clone(), data.clone()) {
            return Ok(Self {
                config_dir,
                data_dir,
            });
        }
        let dirs = ProjectDirs::from("", "", "bedstretch").context(
            "cannot find your home folder; set HOME (or XDG_CONFIG_HOME and XDG_DATA_HOME)",
        )?;
        Ok(Self {
            config_dir: config.unwrap_or_else(|| dirs.config_dir().to_path_buf()),
            data_dir: data.unwrap_or_else(|| dirs.data_dir().to_path_buf()),
        })
    }

    /// The folders under one temporary folder, `config/` and `data/`, for tests.
    #[cfg(test)]
    pub(crate) fn under(dir: &std::path::Path) -> Self {
        Self {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
        }
    }

    /// Paths under a fresh temporary folder, which lives as long as the returned guard.
    #[cfg(test)]
    pub(crate) fn temp() -> (tempfile::TempDir, Self) {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Self::under(dir.path());
        (dir, paths)
    }

    /// Where the history files of every device live.
    pub fn history_dir(&self) -> PathBuf {
        self.data_dir.join("history")
    }

    /// The optional config file.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// Where the person's own routines live.
    pub fn routines_dir(&self) -> PathBuf {
        self.config_dir.join("routines")
    }
}

/// `$XDG_CACHE_HOME/bedstretch` (the platform's cache folder when unset, empty or relative):
/// what is worth keeping between starts but costs nothing to lose. `None` without a home.
pub fn cache_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from);
    match xdg.filter(|p| p.is_absolute()) {
        Some(dir) => Some(dir.join("bedstretch")),
        None => ProjectDirs::from("", "", "bedstretch").map(|d| d.cache_dir().to_path_buf()),
    }
}

#[cfg(test)]
#[path = "paths_tests.rs"]
mod tests;
