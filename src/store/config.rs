//! The config file on disk: read with the same care as every file that came from outside, then
//! understood by `core::config`. Nothing in it can stop bedstretch from starting.

use crate::core::config::{ConfigFault, Loaded, MAX_FILE_BYTES, parse_bytes};
use crate::core::text::clean_line;

use super::paths::Paths;
use super::read::{ReadError, read_capped};

/// Reads the config file. A missing file is no problem; anything else wrong is reported, and
/// costs only the keys it touches.
pub fn load(paths: &Paths) -> Loaded {
    let path = paths.config_file();
    match read_capped(&path, MAX_FILE_BYTES) {
        Ok(bytes) => parse_bytes(path, &bytes),
        Err(e) if e.is_not_found() => Loaded::absent(path),
        Err(e) => Loaded::unreadable(path, fault(e)),
    }
}

/// Why the file could not be read, as the config says it.
fn fault(e: ReadError) -> ConfigFault {
    match e {
        ReadError::NotRegular(kind) => ConfigFault::NotAFile { kind },
        ReadError::TooLarge { bytes, .. } => ConfigFault::TooLarge { bytes },
        ReadError::Io(e) => ConfigFault::Unreadable {
            reason: clean_line(&e.to_string()),
        },
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
