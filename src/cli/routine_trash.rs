//! `bedstretch routine restore ID` and `restore --list`: a routine that `routine rm` moved to
//! the trash, put back by its id.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};

use crate::core::text;
use crate::store::bundled;
use crate::store::paths::Paths;
use crate::store::routines::{
    RestoreError, TrashCopy, bundled_text, read_routine_bytes, restore as restore_newest,
    trash_copies,
};

/// The command that puts routine `id` back, quoted for the shell should the id need it.
pub fn restore_hint(id: &str) -> String {
    format!(
        "bedstretch routine restore {}",
        shell_words::quote(&text::clean_line(id))
    )
}

/// `routine restore ID`: the newest copy of `id` in the trash becomes the routine again.
pub fn restore(paths: &Paths, id: &str, out: &mut impl Write) -> Result<ExitCode> {
    let shown_id = text::clean_line(id);
    let (from, to) = restore_newest(paths, id).map_err(|e| match e {
        RestoreError::NotInTrash(_) => anyhow!(
            "the trash holds no copy of `{shown_id}`; `bedstretch routine restore --list` \
             shows what it holds"
        ),
        RestoreError::Exists(path) => anyhow!(
            "{} already exists and was left as it is; move it aside first \
             (`bedstretch routine rm {}`), then restore",
            text::clean_path(&path),
            shell_words::quote(&shown_id)
        ),
        other => anyhow!("{}", text::clean_line(&other.to_string())),
    })?;
    writeln!(
        out,
        "Put back {} as {}",
        text::clean_path(&from),
        text::clean_path(&to)
    )?;
    if bundled_text(id).is_some() {
        writeln!(out, "It replaces the bundled `{shown_id}` again.")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `routine restore --list [ID]`: the copies in the trash, newest first for each id.
pub fn list(paths: &Paths, id: Option<&str>, out: &mut impl Write) -> Result<ExitCode> {
    let trash = paths.routines_dir().join(crate::store::routines::TRASH);
    let copies = trash_copies(paths, id)
        .with_context(|| format!("{}: cannot read", text::clean_path(&trash)))?;
    if copies.is_empty() {
        match id {
            Some(id) => writeln!(
                out,
                "The trash holds no copy of `{}`.",
                text::clean_line(id)
            )?,
            None => writeln!(out, "The trash is empty.")?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<[String; 3]> = copies.iter().map(row).collect();
    let id_width = rows.iter().map(|r| text::width(&r[0])).max().unwrap_or(0);
    let name_width = rows.iter().map(|r| text::width(&r[1])).max().unwrap_or(0);
    for [id, name, file] in &rows {
        writeln!(
            out,
            "{}  {}  {file}",
            text::pad(id, id_width),
            text::pad(name, name_width)
        )?;
    }
    writeln!(
        out,
        "\n`bedstretch routine restore ID` puts back the newest copy of ID (the first listed)."
    )?;
    Ok(ExitCode::SUCCESS)
}

/// One copy as a row: its id, the name the file gives the routine, and the file.
fn row(copy: &TrashCopy) -> [String; 3] {
    let name = read_routine_bytes(&copy.path)
        .ok()
        .and_then(|bytes| {
            crate::core::routine_file::parse_routine(&copy.id, &bytes, bundled::ART).ok()
        })
        .map_or_else(|| "(has problems)".to_string(), |routine| routine.name);
    [
        text::clean_line(&copy.id),
        text::clean_line(&name),
        text::clean_path(&copy.path),
    ]
}
