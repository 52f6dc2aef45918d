//! The checks of what the person wrote: the config file, their routines, the theme chosen.

use std::path::PathBuf;

use crate::core::config::Loaded;

use super::finding::{Finding, count, headed};

/// The config file's place, then each of its problems with its line and column.
pub fn config(loaded: &Loaded) -> Vec<Finding> {
    let path = loaded.path.display();
    let head = if loaded.exists {
        path.to_string()
    } else {
        format!("{path} is not there; every setting is its default")
    };
    let problems = loaded.problems.iter().map(|problem| {
        Finding::problem(
            "config",
            problem.to_string(),
            "mend it in the file; `bedstretch config check` checks it again",
        )
    });
    headed("config", head, problems.collect())
}

/// The person's routines as the shell found them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Routines {
    /// The person's routines folder.
    pub folder: PathBuf,
    /// How many routines can run, bundled ones included.
    pub usable: usize,
    /// The person's files that cannot be used.
    pub broken: Vec<BrokenRoutine>,
    /// Problems with the routines folder itself.
    pub warnings: Vec<String>,
}

/// A routine file of the person's that is skipped until it is mended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRoutine {
    /// Its id (its file's stem).
    pub id: String,
    /// What is wrong, one problem a line, each with the file, line and column.
    pub error: String,
    /// True when it would replace a bundled routine, which is then withheld too.
    pub overrides: bool,
}

/// How many routines run, then a line for each file skipped and each folder problem.
pub fn routines(routines: &Routines) -> Vec<Finding> {
    let head = format!(
        "{} ready to run; yours go in {}",
        count(routines.usable, "routine"),
        routines.folder.display()
    );
    let broken = routines.broken.iter().map(|broken| {
        let mut lines = broken.error.lines();
        let mut message = lines.next().unwrap_or_default().to_string();
        let more = lines.count();
        if more > 0 {
            message.push_str(&format!(" (and {more} more)"));
        }
        let id = &broken.id;
        let until = if broken.overrides {
            format!("until then neither it nor the bundled `{id}` runs")
        } else {
            "until then it is skipped".to_string()
        };
        Finding::problem(
            "routines",
            message,
            format!("`bedstretch routine edit {id}` mends it; {until}"),
        )
    });
    let warnings = routines.warnings.iter().map(|warning| {
        Finding::problem(
            "routines",
            warning.clone(),
            "give yourself permission to read the folder",
        )
    });
    headed("routines", head, broken.chain(warnings).collect())
}

/// The theme the config names (`set`: in the file, else the default), and the one a screen
/// started here would draw in, with why (`chosen`: "auto: COLORFGBG is \"0;15\": day").
pub fn theme(configured: &str, set: bool, chosen: &str) -> Finding {
    let from = if set {
        "set in the config"
    } else {
        "the default"
    };
    Finding::ok("theme", format!("{configured} ({from}); chosen: {chosen}"))
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
