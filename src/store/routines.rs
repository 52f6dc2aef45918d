//! Finding routines: the bundled ones, the person's own folder, or any file named on the
//! command line. A broken file never hides the good ones.

use std::cmp::Ordering;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::problem::{Fault, FileProblems, Problem};
use crate::core::routine::Routine;
use crate::core::routine_file::{MAX_FILE_BYTES, parse_routine};

use super::bundled;
use super::paths::Paths;
use super::read::{ReadError, read_capped};

mod keep;
mod write;

pub use keep::{
    RestoreError, TrashCopy, draft_file, forget_draft, keep_draft, read_draft, restore,
    trash_copies,
};
pub use write::{
    BadId, MAX_ID_CHARS, TRASH, bundled_text, check_new_id, create_new, move_to_trash,
    read_routine_bytes, suggest_id, user_file,
};

/// Where a routine came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into bedstretch.
    Bundled,
    /// The person's routines folder.
    User {
        /// The file it was read from.
        path: PathBuf,
        /// True when it replaces a bundled routine of the same id.
        overrides: bool,
    },
    /// A file named on the command line.
    File(PathBuf),
}

/// Why a routine file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file as named.
        file: String,
        /// What the system said.
        source: io::Error,
    },
    /// The name is not a regular file (a FIFO, a device, a folder), so it was not read.
    #[error("{file}: cannot read: it is {kind}, not a regular file")]
    NotRegular {
        /// The file as named.
        file: String,
        /// What it is instead.
        kind: &'static str,
    },
    /// The file was read but breaks the rules.
    #[error("{0}")]
    Invalid(FileProblems),
}

/// A user routine file that could not be used, kept so it can be shown with its error.
#[derive(Debug)]
pub struct Broken {
    /// Its file stem.
    pub id: String,
    /// What is wrong with it.
    pub error: LoadError,
    /// True when it would replace a bundled routine, which is then withheld too: running the
    /// bundled one instead would hide that the person's own version is broken.
    pub overrides: bool,
}

/// Every routine that can run, plus the user files that cannot.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Usable routines: bundled first (in their own order), then the person's in the natural
    /// order of their ids, so `r2` comes before `r10`.
    pub routines: Vec<(Routine, Origin)>,
    /// User files with problems; they are skipped, never fatal.
    pub broken: Vec<Broken>,
    /// Problems with the folder itself, such as missing permission.
    pub warnings: Vec<String>,
}

impl Catalog {
    /// The bundled routines and the ones in the person's routines folder.
    pub fn load(paths: &Paths) -> Self {
        let mut catalog = Self::default();
        for (id, source) in bundled::ROUTINES {
            match parse_routine(id, source.as_bytes(), bundled::ART) {
                Ok(routine) => catalog.routines.push((routine, Origin::Bundled)),
                // Bundled routines are checked by the test suite; this is only a safety net.
                Err(problems) => catalog.broken.push(Broken {
                    overrides: false,
                    id: id.to_string(),
                    error: LoadError::Invalid(FileProblems {
                        file: format!("routines/{id}.toml"),
                        problems,
                    }),
                }),
            }
        }
        catalog.add_user_folder(&paths.routines_dir());
        catalog
    }

    fn add_user_folder(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return,
            Err(e) => {
                self.warnings.push(format!(
                    "{}: cannot read your routines folder: {e}",
                    dir.display()
                ));
                return;
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            // Dot-files are bedstretch's own: the copy `routine edit` works on, a half-made
            // new file, and the `.trash` folder of removed routines.
            .filter(|path| {
                let hidden = path
                    .file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with('.'));
                !hidden && path.extension().is_some_and(|ext| ext == "toml")
            })
            .collect();
        files.sort_by(|a, b| natural_cmp(&file_id(a), &file_id(b)).then_with(|| a.cmp(b)));
        for path in files {
            let id = file_id(&path);
            match load_file(&path) {
                Ok(routine) => {
                    let bundled_at = self
                        .routines
                        .iter()
                        .position(|(r, origin)| *origin == Origin::Bundled && r.id == id);
                    let origin = Origin::User {
                        path,
                        overrides: bundled_at.is_some(),
                    };
                    match bundled_at {
                        Some(i) => self.routines[i] = (routine, origin),
                        None => self.routines.push((routine, origin)),
                    }
                }
                Err(error) => {
                    let bundled_at = self
                        .routines
                        .iter()
                        .position(|(r, origin)| *origin == Origin::Bundled && r.id == id);
                    if let Some(i) = bundled_at {
                        self.routines.remove(i);
                    }
                    self.broken.push(Broken {
                        id,
                        error,
                        overrides: bundled_at.is_some(),
                    });
                }
            }
        }
    }

    /// The usable routine with this id.
    pub fn get(&self, id: &str) -> Option<&(Routine, Origin)> {
        self.routines.iter().find(|(r, _)| r.id == id)
    }

    /// Ids of every routine, usable or not, for "did you mean".
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let usable = self.routines.iter().map(|(r, _)| r.id.as_str());
        usable.chain(self.broken.iter().map(|b| b.id.as_str()))
    }
}

/// Orders ids as people read them: runs of digits by their value (`r2` before `r10`), the
/// rest character by character; ids equal that way (`r02` and `r2`) fall back to plain order.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    while let (Some(cx), Some(cy)) = (x.chars().next(), y.chars().next()) {
        let order = if cx.is_ascii_digit() && cy.is_ascii_digit() {
            let (nx, rest_x) = split_digits(x);
            let (ny, rest_y) = split_digits(y);
            (x, y) = (rest_x, rest_y);
            let (nx, ny) = (nx.trim_start_matches('0'), ny.trim_start_matches('0'));
            // Without leading zeros, a longer run is a larger number; equal lengths compare
            // digit by digit. No parsing, so a run of a hundred digits cannot overflow.
            nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny))
        } else {
            (x, y) = (&x[cx.len_utf8()..], &y[cy.len_utf8()..]);
            cx.cmp(&cy)
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

fn split_digits(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}

/// The id a file gives its routine: its stem.
pub fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads and checks one routine file. Only a regular file of at most 1 MiB is read: a FIFO,
/// a device or a folder is refused without waiting on it, a larger file without reading it.
pub fn load_file(path: &Path) -> Result<Routine, LoadError> {
    let file_name = path.display().to_string();
    let bytes = match read_capped(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge { bytes, .. }) => {
            return Err(LoadError::Invalid(FileProblems {
                file: file_name,
                problems: vec![Problem {
                    line: 1,
                    column: 1,
                    step: None,
                    fault: Fault::TooLarge { bytes },
                }],
            }));
        }
        Err(ReadError::NotRegular(kind)) => {
            return Err(LoadError::NotRegular {
                file: file_name,
                kind,
            });
        }
        Err(ReadError::Io(source)) => {
            return Err(LoadError::Io {
                file: file_name,
                source,
            });
        }
    };
    parse_routine(&file_id(path), &bytes, bundled::ART).map_err(|problems| {
        LoadError::Invalid(FileProblems {
            file: file_name.clone(),
            problems,
        })
    })
}

#[cfg(test)]
#[path = "routines_tests.rs"]
mod tests;
