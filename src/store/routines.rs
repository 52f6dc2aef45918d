//! Finding routines: the bundled ones, the person's own folder, or any file named on the
//! command line. A broken file never hides the good ones.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::core::problem::{Fault, FileProblems, Problem};
use crate::core::routine::Routine;
use crate::core::routine_file::{MAX_FILE_BYTES, parse_routine};

use super::bundled;
use super::paths::Paths;

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
}

/// Every routine that can run, plus the user files that cannot.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Usable routines: bundled first, then the person's, each sorted by id.
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
            match parse_routine(id, source.as_bytes(), &bundled::art_names()) {
                Ok(routine) => catalog.routines.push((routine, Origin::Bundled)),
                // Bundled routines are checked by the test suite; this is only a safety net.
                Err(problems) => catalog.broken.push(Broken {
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
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml") && !path.is_dir())
            .collect();
        files.sort();
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
                Err(error) => self.broken.push(Broken { id, error }),
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

/// The id a file gives its routine: its stem.
pub fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads and checks one routine file. A file over 1 MiB is refused without being read.
pub fn load_file(path: &Path) -> Result<Routine, LoadError> {
    let file_name = path.display().to_string();
    let io_error = |source| LoadError::Io {
        file: file_name.clone(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if metadata.is_dir() {
        return Err(io_error(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    let too_large = |bytes| {
        LoadError::Invalid(FileProblems {
            file: file_name.clone(),
            problems: vec![Problem {
                line: 1,
                column: 1,
                step: None,
                fault: Fault::TooLarge { bytes },
            }],
        })
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::new();
    // The size can change between the check and the read; never read more than the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    parse_routine(&file_id(path), &bytes, &bundled::art_names()).map_err(|problems| {
        LoadError::Invalid(FileProblems {
            file: file_name.clone(),
            problems,
        })
    })
}
