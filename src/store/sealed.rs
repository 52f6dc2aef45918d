//! The envelope of a derived binary file (a cache): a magic, a version and an xxh3 of the
//! body, little-endian. Caches are written without fsync and may be cut short, zeroed or
//! garbled by a crash, or come from another version; sealed, none of that is ever believed.

use twox_hash::XxHash3_64 as Xxh3;

/// Bytes before the body: the magic, the version (u32) and the body's hash (u64).
const HEADER_BYTES: usize = 16 + 4 + 8;

/// `body` sealed under `magic` and `version`.
pub fn seal(magic: &[u8; 16], version: u32, body: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER_BYTES + body.len());
    bytes.extend(magic);
    bytes.extend(version.to_le_bytes());
    bytes.extend(Xxh3::oneshot(body).to_le_bytes());
    bytes.extend(body);
    bytes
}

/// The body of `bytes`, if they are whole and sealed under `magic` and `version`.
pub fn open<'a>(magic: &[u8; 16], version: u32, bytes: &'a [u8]) -> Option<&'a [u8]> {
    let (header, body) = bytes.split_at_checked(HEADER_BYTES)?;
    let (found, rest) = header.split_at(magic.len());
    let (found_version, hash) = rest.split_at(4);
    let whole = found == magic
        && u32::from_le_bytes(found_version.try_into().ok()?) == version
        && u64::from_le_bytes(hash.try_into().ok()?) == Xxh3::oneshot(body);
    whole.then_some(body)
}

#[cfg(test)]
#[path = "sealed_tests.rs"]
mod tests;
