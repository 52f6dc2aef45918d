//! `bedstretch routine edit ID`: the person's editor on a copy, checked when it closes, and
//! the routine replaced only by a valid result, so a slip never breaks a working routine.

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, anyhow, bail};

use crate::core::problem::FileProblems;
use crate::core::routine_file::parse_routine;
use crate::core::text;
use crate::store::atomic::{random_u64, write_atomic};
use crate::store::bundled;
use crate::store::paths::Paths;
use crate::store::routines::{
    bundled_text, forget_draft, keep_draft, read_draft, read_routine_bytes, user_file,
};

use super::routine_files::{ask, unknown};

/// Editors tried, in order, when neither `VISUAL` nor `EDITOR` is set.
const FALLBACK_EDITORS: &[&str] = &["editor", "nano", "vi"];

/// The copy the editor works on; removed however the edit ends.
struct EditCopy(PathBuf);

impl EditCopy {
    /// In the routines folder itself, so the copy is on the same file system as the
    /// routine; a dot-file, so the list of routines never shows it.
    fn new(paths: &Paths, id: &str, bytes: &[u8]) -> Result<Self> {
        let dir = paths.routines_dir();
        fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
        let copy = EditCopy(dir.join(format!(".{id}.toml.edit-{:08x}", random_u64() as u32)));
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&copy.0)
            .with_context(|| format!("{}: cannot create", copy.0.display()))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("{}: cannot write", copy.0.display()))?;
        Ok(copy)
    }
}

impl Drop for EditCopy {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// `routine edit ID`.
pub fn edit(paths: &Paths, id: &str, out: &mut impl Write) -> Result<ExitCode> {
    let Some(path) = user_file(paths, id) else {
        return Err(unknown(paths, id));
    };
    let shown = text::clean_path(&path);
    let on_disk = read_if_there(&path)?;
    let base = match &on_disk {
        Some(bytes) => bytes.clone(),
        None => {
            let Some(text) = bundled_text(id) else {
                return Err(anyhow!(
                    "{}; make it with `bedstretch routine new {id}`",
                    unknown(paths, id)
                ));
            };
            writeln!(
                out,
                "`{id}` is bundled: your edit is saved as your own copy in {shown}; the \
                 bundled one stays as it is."
            )?;
            text.as_bytes().to_vec()
        }
    };
    let (start, resumed) = start_from(paths, id, &base, out)?;
    let editor = find_editor()?;
    let copy = EditCopy::new(paths, id, &start)?;
    loop {
        let status = editor_command(&editor, &copy.0)
            .status()
            .with_context(|| format!("cannot start the editor `{}`", editor.to_string_lossy()))?;
        if !status.success() {
            bail!(
                "the editor `{}` ended with {status}; nothing was changed",
                editor.to_string_lossy()
            );
        }
        let edited = read_routine_bytes(&copy.0)
            .with_context(|| format!("{}: cannot read the edited copy", copy.0.display()))?;
        let problems = match parse_routine(id, &edited, bundled::ART) {
            // An untouched bundled routine is not copied: the copy would hide its updates.
            Ok(_) if edited == base => {
                if resumed {
                    forget_draft(paths, id);
                }
                writeln!(out, "No changes; nothing was saved.")?;
                return Ok(ExitCode::SUCCESS);
            }
            Ok(_) => return save(paths, id, on_disk.as_deref(), &edited, out),
            Err(problems) => problems,
        };
        // Kept before anything is asked, so that a closed terminal loses nothing; the
        // problems are named after the draft, whose lines they are.
        let draft = keep(paths, id, &edited)?;
        let problems = FileProblems {
            file: draft.clone(),
            problems,
        };
        eprintln!("{}", text::clean_multiline(&problems.to_string()));
        let again = io::stdin().is_terminal() && ask("Edit again? [Y/n]", true) == Some(true);
        if !again {
            bail!(
                "{shown} was not changed: your edit had problems and is kept in {draft}; \
                 `bedstretch routine edit {id}` offers to take it up again"
            );
        }
    }
}

/// The file's bytes, or `None` when there is no file.
fn read_if_there(path: &Path) -> Result<Option<Vec<u8>>> {
    match read_routine_bytes(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.is_not_found() && !path.is_symlink() => Ok(None),
        Err(e) => Err(e).with_context(|| format!("{}: cannot read", text::clean_path(path))),
    }
}

/// What the editor opens: a draft kept from an edit that could not be saved, when there is
/// one and the person takes it up (without a terminal to ask on, it is taken up: it is the
/// newer work), else the routine as it is. True when it is the draft.
fn start_from(
    paths: &Paths,
    id: &str,
    base: &[u8],
    out: &mut impl Write,
) -> Result<(Vec<u8>, bool)> {
    let Some((draft, bytes)) =
        read_draft(paths, id).with_context(|| format!("the draft of `{id}` cannot be read"))?
    else {
        return Ok((base.to_vec(), false));
    };
    let draft = text::clean_path(&draft);
    writeln!(
        out,
        "An edit of `{id}` that was not saved is kept in {draft}."
    )?;
    let resume = !io::stdin().is_terminal() || ask("Take it up again? [Y/n]", true) != Some(false);
    if resume {
        return Ok((bytes, true));
    }
    writeln!(
        out,
        "Starting from the routine as it is; the draft stays until an edit of `{id}` is saved."
    )?;
    Ok((base.to_vec(), false))
}

/// Replaces the routine with `edited`, unless the file changed since the edit began (another
/// edit, in another terminal, saved first): then nothing is replaced, and this edit is kept
/// as the draft, so that neither is lost.
fn save(
    paths: &Paths,
    id: &str,
    on_disk: Option<&[u8]>,
    edited: &[u8],
    out: &mut impl Write,
) -> Result<ExitCode> {
    let Some(path) = user_file(paths, id) else {
        return Err(unknown(paths, id));
    };
    let shown = text::clean_path(&path);
    if read_if_there(&path)?.as_deref() != on_disk {
        let draft = keep(paths, id, edited)?;
        bail!(
            "{shown} changed while you were editing it (another edit saved first), so it was \
             not replaced; your edit is kept in {draft}, and `bedstretch routine edit {id}` \
             offers to take it up again"
        );
    }
    // The bytes that were checked are the ones that land, even should the editor still hold
    // the copy.
    write_atomic(&path, edited).with_context(|| format!("{shown}: cannot save"))?;
    forget_draft(paths, id);
    writeln!(out, "Saved {shown}")?;
    if on_disk.is_none() {
        writeln!(
            out,
            "Your copy replaces the bundled `{id}` (`bedstretch routine rm {id}` brings that \
             one back)."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Keeps an edit that cannot be saved as the routine's draft; returns where, for the person.
fn keep(paths: &Paths, id: &str, edited: &[u8]) -> Result<String> {
    let draft = keep_draft(paths, id, edited)
        .with_context(|| format!("your edit of `{id}` could not be kept as a draft"))?;
    Ok(text::clean_path(&draft))
}

/// `$VISUAL`, else `$EDITOR`, else the first of the usual editors on the PATH. The value may
/// carry arguments (`code --wait`), as it is run by the shell, as git does.
fn find_editor() -> Result<OsString> {
    for var in ["VISUAL", "EDITOR"] {
        if let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return Ok(value);
        }
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in FALLBACK_EDITORS {
        if std::env::split_paths(&path).any(|dir| is_executable(&dir.join(name))) {
            return Ok(OsString::from(name));
        }
    }
    bail!(
        "no editor found: set VISUAL or EDITOR (for example `export EDITOR=nano`), or install \
         one of {}",
        FALLBACK_EDITORS.join(", ")
    )
}

/// The editor on the file. A plain name or path runs as it is; a value with spaces or quotes
/// (`code --wait`, `"/opt/my editor/ed"`) is shell words, run by `sh` as git runs it.
fn editor_command(editor: &OsString, file: &Path) -> Command {
    let plain = editor
        .to_string_lossy()
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ',' | ':' | '@'));
    if plain {
        let mut command = Command::new(editor);
        command.arg(file);
        return command;
    }
    let mut script = editor.clone();
    script.push(r#" "$@""#);
    let mut command = Command::new("sh");
    command.arg("-c").arg(script).arg("sh").arg(file);
    command
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
