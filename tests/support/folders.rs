//! A person's folders under one temporary folder, as the command-line tests set them up:
//! `config/` is XDG_CONFIG_HOME and `data/` is XDG_DATA_HOME. A test's own `Home` wraps
//! this (and derefs to it) to add what only it needs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use tempfile::TempDir;

pub struct Folders {
    pub dir: TempDir,
}

impl Folders {
    /// Nothing in them yet, as on a new machine.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A history folder and a routines folder, as someone who has used bedstretch has.
    pub fn used() -> Self {
        let folders = Self::new();
        fs::create_dir_all(folders.history()).expect("history folder");
        fs::create_dir_all(folders.routines()).expect("routines folder");
        folders
    }

    /// This device's id written, so that its history file's name is known.
    pub fn with_device(self, id: &str) -> Self {
        fs::create_dir_all(self.data()).expect("data folder");
        fs::write(self.data().join("device"), format!("{id}\n")).expect("device id");
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        self.root().join("data/bedstretch")
    }

    pub fn history(&self) -> PathBuf {
        self.data().join("history")
    }

    pub fn routines(&self) -> PathBuf {
        self.root().join("config/bedstretch/routines")
    }

    /// Writes a history file by name; returns its path.
    pub fn write_history(&self, name: &str, text: &str) -> PathBuf {
        let path = self.history().join(name);
        fs::write(&path, text).expect("write history");
        path
    }

    /// bedstretch run to its end without colour, within `timeout`.
    pub fn run_within(&self, timeout: Duration, args: &[&str]) -> Output {
        super::cli::bedstretch(self.root(), args)
            .env("NO_COLOR", "1")
            .timeout(timeout)
            .output()
            .expect("runs")
    }
}

/// `impl Deref<Target = Folders>` for a test's own `struct Home(Folders)`, so that the
/// folders' paths are the home's own.
#[macro_export]
macro_rules! home_over_folders {
    ($home:ident) => {
        impl std::ops::Deref for $home {
            type Target = $crate::support::folders::Folders;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }
    };
}
