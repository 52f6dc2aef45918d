//! The optional config file. Every key has a default; a bad file is reported in one line and
//! the defaults are used, never a crash.

use std::fs;
use std::io;

use serde::Deserialize;

use crate::core::text::{clean_line, line_col};

use super::paths::Paths;

/// Settings from `config.toml`, with DESIGN.md's defaults.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The routine `bedstretch run` starts when none is named.
    pub default_routine: String,
    /// When one night ends and the next begins, "HH:MM".
    pub day_starts_at: String,
    /// Share of step-sides completed for a session to count toward the streak.
    pub min_completion: f64,
    /// Days of the week that neither break nor extend a streak ("sat", "sun", ...).
    pub rest_days: Vec<String>,
    /// Ring the terminal bell at step changes.
    pub bell: bool,
    /// The colour theme; "night" is the only one so far.
    pub theme: String,
    /// Speak cues aloud when a speech program is installed.
    pub voice: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            default_routine: crate::store::bundled::DEFAULT_ROUTINE.to_string(),
            day_starts_at: "04:00".to_string(),
            min_completion: 0.8,
            rest_days: Vec::new(),
            bell: true,
            theme: "night".to_string(),
            voice: false,
        }
    }
}

/// Reads the config file; returns the defaults with a one-line warning when it is broken.
pub fn load(paths: &Paths) -> (Config, Option<String>) {
    let path = paths.config_file();
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (Config::default(), None),
        Err(e) => {
            let warning = format!("{}: cannot read ({e}); using the defaults", path.display());
            return (Config::default(), Some(warning));
        }
    };
    match toml::from_str::<Config>(&text) {
        Ok(config) => (config, None),
        Err(e) => {
            let (line, column) = line_col(&text, e.span().map_or(0, |s| s.start));
            let message = clean_line(e.message());
            let warning = format!(
                "{}:{line}:{column}: {message}; using the defaults",
                path.display()
            );
            (Config::default(), Some(warning))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths_with(config: &str) -> (tempfile::TempDir, Paths) {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths {
            config_dir: dir.path().join("config"),
            data_dir: dir.path().join("data"),
        };
        fs::create_dir_all(&paths.config_dir).expect("mkdir");
        fs::write(paths.config_file(), config).expect("write");
        (dir, paths)
    }

    #[test]
    fn the_documented_example_is_accepted() {
        let (_dir, paths) = paths_with(
            "default_routine = \"quick\"\nday_starts_at = \"04:00\"\nmin_completion = 0.8\n\
             rest_days = []\nbell = false\ntheme = \"night\"\nvoice = false\n",
        );
        let (config, warning) = load(&paths);
        assert_eq!(warning, None);
        assert_eq!(config.default_routine, "quick");
        assert!(!config.bell);
    }

    #[test]
    fn a_bad_file_gives_the_defaults_and_a_located_warning() {
        let (_dir, paths) = paths_with("bell = false\nbel = true\n");
        let (config, warning) = load(&paths);
        assert_eq!(config, Config::default());
        let warning = warning.expect("warned");
        assert!(warning.ends_with("config.toml:2:1: unknown field `bel`, expected one of `default_routine`, `day_starts_at`, `min_completion`, `rest_days`, `bell`, `theme`, `voice`; using the defaults"), "{warning}");
    }
}
