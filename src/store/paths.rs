//! Where bedstretch keeps things, following the XDG base directories on Linux and the
//! platform's own places elsewhere.

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
        let dirs = ProjectDirs::from("", "", "bedstretch").context(
            "cannot find your home folder; set HOME (or XDG_CONFIG_HOME and XDG_DATA_HOME)",
        )?;
        Ok(Self {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
        })
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
