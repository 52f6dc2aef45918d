//! What the next command that writes does with the device id kept in the data folder, as
//! `store::device` decides it and `doctor` tells it.

/// The device id's fate at the next command that writes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NextId {
    /// Keeps it (or makes the first, where there is none yet).
    #[default]
    Keeps,
    /// Goes back to this id, the one this machine and folder were given before: the kept one
    /// is another's, in a data folder that several computers or folders share.
    BackTo(String),
    /// Makes a new one: the kept id was made on another computer or in another folder, and
    /// this fingerprint was never seen here.
    New,
}
