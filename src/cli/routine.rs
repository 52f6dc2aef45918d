//! `bedstretch routine list|show|validate`, and finding a routine by id or path.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::core::duration::format_secs;
use crate::core::routine::Routine;
use crate::core::text::{self, wrap};
use crate::store::paths::Paths;
use crate::store::routines::{Catalog, Origin, load_file};

/// Finds a routine named on the command line: a path to a .toml file, or an id.
pub fn resolve(paths: &Paths, name: &str) -> Result<(Routine, Origin)> {
    // Only a name that looks like a path is one: a file called `quick` in the current folder
    // must not stand in for the routine `quick`.
    let looks_like_path =
        name.ends_with(".toml") || name.contains(['/', std::path::MAIN_SEPARATOR]);
    if looks_like_path {
        let path = PathBuf::from(name);
        let routine = load_file(&path)?;
        return Ok((routine, Origin::File(path)));
    }
    let catalog = Catalog::load(paths);
    if let Some(found) = catalog.get(name) {
        return Ok(found.clone());
    }
    if let Some(broken) = catalog.broken.iter().find(|b| b.id == name) {
        if broken.overrides {
            return Err(anyhow::anyhow!(
                "{}\nyour `{name}` replaces the bundled routine of that name, so neither runs: \
                 fix the file, or move it out of your routines folder to use the bundled one",
                broken.error
            ));
        }
        return Err(anyhow::anyhow!("{}", broken.error));
    }
    Err(super::routine_files::unknown(paths, name))
}

/// The text padded with spaces to `cols` display columns; never cut, as `show` prints
/// everything.
fn at_least(text: &str, cols: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(cols.saturating_sub(text::width(text)))
    )
}

fn origin_label(origin: &Origin) -> &'static str {
    match origin {
        Origin::Bundled => "bundled",
        Origin::User {
            overrides: false, ..
        } => "yours",
        Origin::User {
            overrides: true, ..
        } => "yours, replaces bundled",
        Origin::File(_) => "file",
    }
}

/// `routine list`: one row per routine, then any of the person's files that have problems.
pub fn list(paths: &Paths, out: &mut impl Write) -> Result<ExitCode> {
    let catalog = Catalog::load(paths);
    let width = |header: &str, cell: fn(&Routine) -> &str| {
        let widest = catalog.routines.iter().map(|(r, _)| text::width(cell(r)));
        widest.chain([header.len()]).max().unwrap_or(header.len())
    };
    let id_width = width("ID", |r| &r.id);
    let name_width = width("NAME", |r| &r.name);
    writeln!(
        out,
        "{:id_width$}  {:name_width$}  STEPS  TOTAL    FROM",
        "ID", "NAME"
    )?;
    for (routine, origin) in &catalog.routines {
        // Padded in display columns, so a name in wide characters keeps the columns straight.
        writeln!(
            out,
            "{}  {}  {:>5}  {:<7}  {}",
            text::pad(&text::clean_line(&routine.id), id_width),
            text::pad(&routine.name, name_width),
            routine.steps.len(),
            format_secs(routine.total_secs()),
            origin_label(origin),
        )?;
    }
    if !catalog.broken.is_empty() {
        writeln!(
            out,
            "\nThese routine files have problems and are skipped until fixed:"
        )?;
        // Ids, file names and the values quoted in problems come from files: cleaned here.
        for broken in &catalog.broken {
            writeln!(out, "{}", text::clean_multiline(&broken.error.to_string()))?;
        }
    }
    for warning in &catalog.warnings {
        eprintln!("bedstretch: {}", text::clean_line(warning));
    }
    writeln!(
        out,
        "\nYour own routines go in {}",
        text::clean_path(&paths.routines_dir())
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `routine show`: every step with its time, sides and reps, and the total.
pub fn show(paths: &Paths, name: &str, out: &mut impl Write) -> Result<ExitCode> {
    let (routine, origin) = resolve(paths, name)?;
    let from = match &origin {
        Origin::User { path, .. } => format!("{}: {}", origin_label(&origin), path.display()),
        Origin::File(path) => format!("from {}", path.display()),
        Origin::Bundled => origin_label(&origin).to_string(),
    };
    // The id and the path are file names, which the routine's own checks never see.
    let (id, from) = (text::clean_line(&routine.id), text::clean_line(&from));
    writeln!(out, "{}  ({id}, {from})", routine.name)?;
    for line in wrap(&routine.description, 76) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    if routine.lead_in_secs > 0 {
        writeln!(
            out,
            "{:>3}  {:<44}{:>8}",
            "",
            "Get ready",
            format_secs(routine.lead_in_secs)
        )?;
    }
    let last = routine.steps.len().saturating_sub(1);
    for (i, step) in routine.steps.iter().enumerate() {
        let mut how = Vec::new();
        if !step.sides.is_empty() {
            how.push(step.sides.join(", "));
        }
        if let Some(reps) = step.reps {
            how.push(format!("{reps} reps"));
        }
        let time = if step.sides.len() > 1 {
            format!("{} each", format_secs(step.duration_secs))
        } else {
            format_secs(step.duration_secs)
        };
        // Padded in display columns, so a name in wide characters keeps the time in line; a
        // space after each column, so long sides ("left leg, right leg") never run into the time.
        writeln!(
            out,
            "{:>3}. {} {} {time:>8}",
            i + 1,
            at_least(&step.name, 29),
            at_least(&how.join(" · "), 13)
        )?;
        for line in wrap(&step.instructions, 70) {
            writeln!(out, "     {line}")?;
        }
        if step.sides.len() > 1 && step.switch_secs > 0 {
            writeln!(
                out,
                "     {:<44}{:>8}",
                "switch sides",
                format_secs(step.switch_secs)
            )?;
        }
        if i < last && step.rest_secs > 0 {
            writeln!(out, "     {:<44}{:>8}", "rest", format_secs(step.rest_secs))?;
        }
    }
    writeln!(
        out,
        "\nTotal {}: {}, {} with every side counted.",
        format_secs(routine.total_secs()),
        plural(routine.steps.len(), "step"),
        routine.planned_sides()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `routine validate`: an `ok` line per good file, every problem of the bad ones.
pub fn validate(files: &[PathBuf], out: &mut impl Write) -> Result<ExitCode> {
    let mut bad = 0;
    for file in files {
        match load_file(file) {
            Ok(routine) => writeln!(
                out,
                "ok  {}: \"{}\", {}, {}",
                text::clean_path(file),
                routine.name,
                plural(routine.steps.len(), "step"),
                format_secs(routine.total_secs())
            )?,
            Err(error) => {
                bad += 1;
                eprintln!("{}", text::clean_multiline(&error.to_string()));
            }
        }
    }
    if bad == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "bedstretch: {bad} of {} with problems",
        plural(files.len(), "file")
    );
    Ok(ExitCode::FAILURE)
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}
