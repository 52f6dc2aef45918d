//! The optional config file. Every key has a default; a bad file is reported in one line and
//! the defaults are used, never a crash.

use std::fs;
use std::io;

use chrono::{NaiveTime, Weekday};
use serde::Deserialize;

use crate::core::stats::Rules;

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
        Ok(config) => match config.check(&text) {
            Ok(()) => (config, None),
            Err((offset, problem)) => {
                let (line, column) = line_col(&text, offset);
                let warning = format!(
                    "{}:{line}:{column}: {problem}; using the defaults",
                    path.display()
                );
                (Config::default(), Some(warning))
            }
        },
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

impl Config {
    /// Checks the values serde cannot: returns the byte offset of the first bad one and why.
    fn check(&self, text: &str) -> Result<(), (usize, String)> {
        let at = |key: &str| value_offset(text, key);
        if parse_time(&self.day_starts_at).is_none() {
            let rule = format!(
                "day_starts_at must be a time like \"04:00\", got {:?}",
                self.day_starts_at
            );
            return Err((at("day_starts_at"), rule));
        }
        if !(self.min_completion > 0.0 && self.min_completion <= 1.0) {
            let rule = format!(
                "min_completion must be more than 0 and at most 1, got {}",
                self.min_completion
            );
            return Err((at("min_completion"), rule));
        }
        if let Some(bad) = self.rest_days.iter().find(|d| parse_weekday(d).is_none()) {
            let rule = format!("rest_days must name days like \"sat\" or \"sunday\", got {bad:?}");
            return Err((at("rest_days"), rule));
        }
        if self.theme != "night" {
            return Err((
                at("theme"),
                format!(
                    "theme must be \"night\" (the only one so far), got {:?}",
                    self.theme
                ),
            ));
        }
        Ok(())
    }

    /// The streak rules this config sets.
    pub fn rules(&self) -> Rules {
        let defaults = Rules::default();
        Rules {
            day_starts_at: parse_time(&self.day_starts_at).unwrap_or(defaults.day_starts_at),
            min_completion: self.min_completion,
            rest_days: self
                .rest_days
                .iter()
                .filter_map(|d| parse_weekday(d))
                .collect(),
        }
    }
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

fn parse_weekday(text: &str) -> Option<Weekday> {
    text.parse().ok()
}

/// Where a top-level key's value starts, for pointing at it; the start of the file otherwise.
fn value_offset(text: &str, key: &str) -> usize {
    toml::de::DeTable::parse(text)
        .ok()
        .and_then(|table| table.get_ref().get(key).map(|v| v.span().start))
        .unwrap_or(0)
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

    #[test]
    fn values_are_checked_with_their_place() {
        for (text, expected) in [
            (
                "day_starts_at = \"4am\"\n",
                "config.toml:1:17: day_starts_at must be a time like \"04:00\", got \"4am\"",
            ),
            (
                "\nmin_completion = 1.5\n",
                "config.toml:2:18: min_completion must be more than 0 and at most 1, got 1.5",
            ),
            (
                "rest_days = [\"sat\", \"caturday\"]\n",
                "config.toml:1:13: rest_days must name days like \"sat\" or \"sunday\", got \"caturday\"",
            ),
        ] {
            let (_dir, paths) = paths_with(text);
            let (config, warning) = load(&paths);
            assert_eq!(config, Config::default());
            let warning = warning.expect("warned");
            assert!(
                warning.ends_with(&format!("{expected}; using the defaults")),
                "{warning}"
            );
        }
    }

    #[test]
    fn rules_follow_the_config() {
        let (_dir, paths) = paths_with(
            "day_starts_at = \"05:30\"\nmin_completion = 0.5\nrest_days = [\"sat\", \"Sunday\"]\n",
        );
        let (config, warning) = load(&paths);
        assert_eq!(warning, None);
        let rules = config.rules();
        assert_eq!(
            rules.day_starts_at,
            NaiveTime::from_hms_opt(5, 30, 0).expect("time")
        );
        assert_eq!(rules.rest_days, [Weekday::Sat, Weekday::Sun]);
        assert_eq!(rules.min_completion, 0.5);
    }
}
