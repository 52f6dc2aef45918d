//! `bedstretch routine new|path|rm|import|export` and `show --toml`: the person's routine
//! files made, printed, moved to the trash and shared, never one lost on the way.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};

use crate::app::routine_copy::rename_copy;
use crate::core::problem::FileProblems;
use crate::core::routine_file::{MAX_FILE_BYTES, parse_routine};
use crate::core::text;
use crate::store::bundled;
use crate::store::paths::Paths;
use crate::store::routines::{
    self, Catalog, bundled_text, check_new_id, create_new, move_to_trash, read_routine_bytes,
    user_file,
};

/// Finds the text of a routine by id (the person's file first, as it replaces a bundled one)
/// or by path, with the bytes exactly as they are.
pub fn source(paths: &Paths, name: &str) -> Result<Vec<u8>> {
    let looks_like_path =
        name.ends_with(".toml") || name.contains(['/', std::path::MAIN_SEPARATOR]);
    let file = if looks_like_path {
        Some(PathBuf::from(name))
    } else {
        user_file(paths, name).filter(|path| path.exists() || path.is_symlink())
    };
    if let Some(path) = file {
        let bytes = read_routine_bytes(&path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        return Ok(bytes);
    }
    match bundled_text(name) {
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => Err(unknown(paths, name)),
    }
}

/// "No routine called X", with the nearest id or the list of them.
pub fn unknown(paths: &Paths, name: &str) -> anyhow::Error {
    let catalog = Catalog::load(paths);
    let ids: Vec<&str> = catalog.ids().collect();
    let near = ids
        .iter()
        .min_by_key(|id| strsim::damerau_levenshtein(name, id))
        .filter(|id| strsim::damerau_levenshtein(name, id) <= 3)
        .map(|id| format!("; did you mean `{}`?", as_typed(id)))
        .unwrap_or_else(|| format!("; the routines are: {}", ids.join(", ")));
    anyhow!("no routine called `{}`{near}", text::clean_line(name))
}

/// An id as it must be typed on the command line: one that begins with a dash (a file made
/// by hand) goes after `--`, or it would be read as an option. Cleaned of controls.
pub fn as_typed(id: &str) -> String {
    let id = text::clean_line(id);
    if id.starts_with('-') {
        format!("-- {id}")
    } else {
        id
    }
}

/// The names of the routines other than `id`'s, which a new routine `id` replaces: what a
/// copy's name must differ from.
fn other_names(paths: &Paths, id: &str) -> Vec<String> {
    Catalog::load(paths)
        .routines
        .iter()
        .filter(|(routine, _)| routine.id != id)
        .map(|(routine, _)| routine.name.clone())
        .collect()
}

/// Prints a routine file exactly, so that `> mine.toml` makes a copy; on a terminal, the
/// control characters a stranger's file may hold are removed first.
fn print_exactly(bytes: &[u8], out: &mut impl Write) -> Result<()> {
    if io::stdout().is_terminal() {
        out.write_all(text::clean_multiline(&String::from_utf8_lossy(bytes)).as_bytes())?;
    } else {
        out.write_all(bytes)?;
    }
    out.flush()?;
    Ok(())
}

/// `routine show ID --toml` and `routine export ID`: the file, byte for byte.
pub fn show_toml(paths: &Paths, name: &str, out: &mut impl Write) -> Result<ExitCode> {
    let bytes = source(paths, name)?;
    print_exactly(&bytes, out)?;
    Ok(ExitCode::SUCCESS)
}

/// `routine path ID`: where the person's file is, or would be for a bundled routine.
pub fn path(paths: &Paths, id: &str, out: &mut impl Write) -> Result<ExitCode> {
    let Some(path) = user_file(paths, id) else {
        return Err(unknown(paths, id));
    };
    if !path.exists() && !path.is_symlink() {
        if bundled_text(id).is_none() {
            return Err(unknown(paths, id));
        }
        eprintln!(
            "bedstretch: `{id}` is bundled and has no file of yours yet; this is where your \
             copy would go (`bedstretch routine new {id} --from {id}` or `routine edit {id}` \
             makes it)"
        );
    }
    writeln!(out, "{}", text::clean_path(&path))?;
    Ok(ExitCode::SUCCESS)
}

/// The id's file in the routines folder, once the id follows the rule for new routines;
/// `retry` says how to try again with the suggested id.
fn new_file(paths: &Paths, id: &str, retry: impl Fn(&str) -> String) -> Result<PathBuf> {
    check_new_id(id).map_err(|bad| {
        anyhow!(
            "{}; {}",
            text::clean_line(&bad.to_string()),
            retry(&bad.suggestion)
        )
    })?;
    user_file(paths, id).ok_or_else(|| anyhow!("`{id}` cannot name a file"))
}

/// What to say when a new file of the person's will replace a bundled routine.
fn replaces_note(id: &str) -> Option<String> {
    bundled_text(id).map(|_| {
        format!(
            "it replaces the bundled `{id}` (`bedstretch routine rm {id}` brings that one back)"
        )
    })
}

/// `routine new ID [--from ID]`: a copy of another routine's file exactly, or the template.
pub fn new(paths: &Paths, id: &str, from: Option<&str>, out: &mut impl Write) -> Result<ExitCode> {
    let path = new_file(paths, id, |ok| format!("try `bedstretch routine new {ok}`"))?;
    let (bytes, what) = match from {
        Some(from) => {
            let bytes = source(paths, from)?;
            let what = format!("a copy of `{}`", text::clean_line(from));
            // A copy still called "Bedtime feet" could not be told from the original.
            let renamed = std::str::from_utf8(&bytes)
                .ok()
                .and_then(|source| rename_copy(source, &other_names(paths, id)));
            match renamed {
                Some((copy, name)) => (
                    copy.into_bytes(),
                    format!("{what} as {}", text::quote(&name)),
                ),
                None => (bytes, what),
            }
        }
        None => (
            crate::core::routine_template::template(id).into_bytes(),
            "a new routine".to_string(),
        ),
    };
    create_new(&path, &bytes).map_err(|e| written_error(&path, e))?;
    let shown = text::clean_path(&path);
    writeln!(out, "Wrote {what} to {shown}")?;
    if let Some(note) = replaces_note(id) {
        writeln!(out, "As your own, {note}.")?;
    }
    writeln!(
        out,
        "Change it with `bedstretch routine edit {id}` (or any editor), then \
         `bedstretch run {id}`."
    )?;
    // A copy of a broken file is still what was asked for; say what to fix.
    if let Err(problems) = parse_routine(id, &bytes, bundled::ART) {
        let problems = FileProblems {
            file: shown,
            problems,
        };
        eprintln!("{}", text::clean_multiline(&problems.to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The id of another routine called `name` (as home compares names), if there is one.
fn same_name(paths: &Paths, id: &str, name: &str) -> Option<String> {
    let key = text::clean_line(name).to_lowercase();
    Catalog::load(paths)
        .routines
        .iter()
        .find(|(routine, _)| {
            routine.id != id && text::clean_line(&routine.name).to_lowercase() == key
        })
        .map(|(routine, _)| routine.id.clone())
}

/// A write refused or failed, in the person's words.
fn written_error(path: &Path, error: io::Error) -> anyhow::Error {
    if error.kind() == io::ErrorKind::AlreadyExists {
        anyhow!(
            "{} already exists and was left as it is; choose another id, or change that one \
             with `bedstretch routine edit {}`",
            text::clean_path(path),
            routines::file_id(path)
        )
    } else {
        anyhow!("{}: cannot write: {error}", text::clean_path(path))
    }
}

/// Asks a yes/no question on the terminal; `default` is the answer to a bare Enter, and no
/// answer at all (end of input) is `None`.
pub fn ask(question: &str, default: bool) -> Option<bool> {
    eprint!("{question} ");
    let _ = io::stderr().flush();
    let mut answer = String::new();
    match io::stdin().read_line(&mut answer) {
        Ok(0) | Err(_) => None,
        Ok(_) => match answer.trim().to_lowercase().as_str() {
            "" => Some(default),
            "y" | "yes" => Some(true),
            _ => Some(false),
        },
    }
}

/// `routine rm ID [--yes]`: the person's file to the trash, from where it can be put back.
pub fn rm(paths: &Paths, id: &str, yes: bool, out: &mut impl Write) -> Result<ExitCode> {
    let path = user_file(paths, id).filter(|p| p.exists() || p.is_symlink());
    let Some(path) = path else {
        if bundled_text(id).is_some() {
            bail!(
                "`{id}` is bundled with bedstretch, not a file of yours, so there is nothing to \
                 remove; routines you make or copy (`bedstretch routine new`) can be removed"
            );
        }
        return Err(unknown(paths, id));
    };
    let shown = text::clean_path(&path);
    if !yes && io::stdin().is_terminal() {
        let question = format!(
            "Move your routine `{}` ({shown}) to the trash? [y/N]",
            text::clean_line(id)
        );
        if ask(&question, false) != Some(true) {
            bail!("nothing was removed: {shown} is as it was");
        }
    }
    let to = move_to_trash(&path).with_context(|| format!("{shown}: cannot move to the trash"))?;
    let to = text::clean_path(&to);
    writeln!(out, "Moved {shown} to {to}")?;
    writeln!(
        out,
        "To put it back: {}",
        super::routine_trash::restore_hint(id)
    )?;
    if bundled_text(id).is_some() {
        writeln!(out, "The bundled `{id}` is used again.")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `routine import FILE|- [--as ID] [--force]`: a shared file checked, then copied in byte
/// for byte; a file with problems writes nothing.
pub fn import(
    paths: &Paths,
    file: &Path,
    as_id: Option<&str>,
    force: bool,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let from_stdin = file == Path::new("-");
    let id = match as_id {
        Some(id) => id.to_string(),
        None if from_stdin => bail!(
            "a routine read from standard input needs an id: add `--as ID`, such as \
             `--as from-my-physio`"
        ),
        None => routines::file_id(file),
    };
    let path = new_file(paths, &id, |ok| format!("import it with `--as {ok}`"))?;
    let (name, bytes) = if from_stdin {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes =
            read_routine_bytes(file).with_context(|| format!("{}: cannot read", file.display()))?;
        (file.display().to_string(), bytes)
    };
    let routine = match parse_routine(&id, &bytes, bundled::ART) {
        Ok(routine) => routine,
        Err(problems) => {
            eprintln!(
                "{}",
                text::clean_multiline(
                    &FileProblems {
                        file: name,
                        problems
                    }
                    .to_string()
                )
            );
            bail!("nothing was imported: fix the problems above, or ask for a corrected file");
        }
    };
    let shown = text::clean_path(&path);
    if force && (path.exists() || path.is_symlink()) {
        let old = move_to_trash(&path)
            .with_context(|| format!("{shown}: cannot move the old one to the trash"))?;
        writeln!(out, "Your previous `{id}` is in {}", text::clean_path(&old))?;
    }
    create_new(&path, &bytes).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            anyhow!(
                "{shown} already exists and was left as it is; import with `--as ANOTHER-ID`, \
                 or `--force` to replace it (the old one goes to the trash)"
            )
        } else {
            written_error(&path, e)
        }
    })?;
    writeln!(out, "Imported `{id}` to {shown}")?;
    if let Some(twin) = same_name(paths, &id, &routine.name) {
        eprintln!(
            "bedstretch: `{}` is also called {}; home shows their ids beside the name, or \
             rename this one with `bedstretch routine edit {id}`",
            as_typed(&twin),
            text::quote(&routine.name)
        );
    }
    if let Some(note) = replaces_note(&id) {
        writeln!(out, "As your own, {note}.")?;
    }
    Ok(ExitCode::SUCCESS)
}
