//! `bedstretch config` and `bedstretch config check`: the settings in use and where each came
//! from, and a check of the file for scripts and for the person editing it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::core::config::{ConfigFault, Key, Loaded, Source};
use crate::core::text::{clean_line, pad};

/// `config`: every setting as TOML that can be copied into the file, each with where it came
/// from; then the problems, on stderr, so that what is copied stays valid TOML.
pub fn show(loaded: &Loaded, out: &mut impl Write) -> Result<ExitCode> {
    let path = clean_line(&loaded.path.display().to_string());
    if loaded.exists {
        writeln!(out, "# the settings in use, from {path} and the defaults")?;
    } else {
        writeln!(
            out,
            "# the settings in use: all defaults, as {path} does not exist"
        )?;
    }
    let name = loaded.path.file_name().map_or_else(
        || "config.toml".to_string(),
        |n| clean_line(&n.to_string_lossy()),
    );
    let lines: Vec<(String, String)> = Key::ALL
        .iter()
        .map(|&key| {
            let setting = format!("{} = {}", key.name(), key.toml(&loaded.config));
            let from = match loaded.source(key) {
                Source::Default => "default".to_string(),
                Source::File { line, .. } => format!("{name}:{line}"),
            };
            (setting, from)
        })
        .collect();
    let width = lines
        .iter()
        .map(|(setting, _)| crate::core::text::width(setting))
        .max()
        .unwrap_or(0);
    for (setting, from) in &lines {
        writeln!(out, "{}  # {from}", pad(setting, width))?;
    }
    out.flush()?;
    for problem in &loaded.problems {
        eprintln!("{problem}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `config check`: `ok` and status 0 for a usable file (or none), else every problem on
/// stderr and status 1.
pub fn check(loaded: &Loaded, out: &mut impl Write) -> Result<ExitCode> {
    let path = clean_line(&loaded.path.display().to_string());
    if loaded.problems.is_empty() {
        if loaded.exists {
            writeln!(out, "ok  {path}")?;
        } else {
            writeln!(
                out,
                "ok  {path} does not exist; every setting is its default"
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &loaded.problems {
        eprintln!("{problem}");
    }
    let count: usize = loaded
        .problems
        .iter()
        .map(|p| match p.fault {
            ConfigFault::More { count } => count,
            _ => 1,
        })
        .sum();
    let problems = if count == 1 { "problem" } else { "problems" };
    eprintln!(
        "bedstretch: {count} {problems} in the config; `bedstretch config` shows the settings in use"
    );
    Ok(ExitCode::FAILURE)
}
