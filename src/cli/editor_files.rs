//! The files behind the in-app editor: the text it opens (the person's routine, a bundled
//! one, the template, or a draft kept from an edit that was not saved) and its saves, which
//! never replace what someone else saved while the editor was open.

use crate::app::EditorSource;
use crate::core::routine_file::MAX_FILE_BYTES;
use crate::core::text;
use crate::store::atomic::write_atomic;
use crate::store::bundled;
use crate::store::paths::Paths;
use crate::store::read::read_capped;
use crate::store::routines::{forget_draft, keep_draft, read_draft, user_file};

/// The text to edit as routine `id`: routine `from`'s (a draft of it first, when `from` is
/// `id` and one was kept), or the template when `from` is `None`.
pub(super) fn source(paths: &Paths, id: &str, from: Option<&str>) -> Result<EditorSource, String> {
    let on_disk = read_text(paths, id)?;
    if from != Some(id) && on_disk.is_some() {
        // Home lists only the routines that load; a broken file of the person's under this
        // id must not be written over by a new routine or a copy.
        return Err(format!(
            "routines/{}.toml already exists (it has problems; fix or remove it first)",
            text::clean_line(id)
        ));
    }
    let source = |text: String, bundled, saved| EditorSource {
        id: id.to_string(),
        text,
        bundled,
        saved,
        art: bundled::ART,
        library: bundled::ROUTINES,
        on_disk: on_disk.clone(),
        draft: false,
    };
    let Some(from) = from else {
        return Ok(source(
            crate::core::routine_template::template(id),
            false,
            false,
        ));
    };
    if from == id
        && let Some(draft) = read_draft_text(paths, id)?
    {
        return Ok(EditorSource {
            draft: true,
            ..source(draft, false, false)
        });
    }
    // A copy is a new file of the person's, unsaved until they save it.
    let same = id == from;
    if let Some(text) = if same {
        on_disk.clone()
    } else {
        read_text(paths, from)?
    } {
        return Ok(source(text, false, same));
    }
    let (_, bundled_text) = bundled::ROUTINES
        .iter()
        .find(|(bundled_id, _)| *bundled_id == from)
        .ok_or_else(|| format!("no routine called `{}`", text::clean_line(from)))?;
    Ok(source(bundled_text.to_string(), same, same))
}

/// Writes `text` as routine `id` when its file still holds `expected` (`None`: no file);
/// otherwise keeps `text` as the draft and says so.
pub(super) fn save(
    paths: &Paths,
    id: &str,
    text: &str,
    expected: Option<&str>,
) -> Result<(), String> {
    let path = routine_file(paths, id)?;
    let shown = text::clean_path(&path);
    if read_text(paths, id)?.as_deref() != expected {
        let kept = keep_draft(paths, id, text.as_bytes())
            .map(|draft| format!("yours is kept in {}", text::clean_path(&draft)))
            .unwrap_or_else(|e| format!("and yours could not be kept as a draft: {e}"));
        return Err(format!(
            "{shown} changed since you opened it (another edit saved first); {kept}"
        ));
    }
    write_atomic(&path, text.as_bytes()).map_err(|e| format!("{shown}: cannot save: {e}"))?;
    forget_draft(paths, id);
    Ok(())
}

/// The person's routine `id` as text, or `None` when there is no such file.
fn read_text(paths: &Paths, id: &str) -> Result<Option<String>, String> {
    let path = routine_file(paths, id)?;
    match read_capped(&path, MAX_FILE_BYTES) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{}: not UTF-8 text", text::clean_path(&path))),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(format!("{}: {e}", text::clean_path(&path))),
    }
}

/// The draft of routine `id` as text, when one was kept.
fn read_draft_text(paths: &Paths, id: &str) -> Result<Option<String>, String> {
    match read_draft(paths, id) {
        Ok(Some((path, bytes))) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{}: not UTF-8 text", text::clean_path(&path))),
        Ok(None) => Ok(None),
        Err(e) => Err(format!("the draft of `{}`: {e}", text::clean_line(id))),
    }
}

/// Where the person's routine `id` lives, by the store's one rule for ids that name a file
/// (never a path out of the routines folder); an id from home with a control character in
/// it is refused too.
fn routine_file(paths: &Paths, id: &str) -> Result<std::path::PathBuf, String> {
    user_file(paths, id)
        .filter(|_| !id.chars().any(char::is_control))
        .ok_or_else(|| format!("`{}` cannot be a routine id", text::clean_line(id)))
}
