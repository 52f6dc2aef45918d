//! Files: the bundled routines and art, the person's own routines, and where they all live.

pub mod bundled;
pub mod paths;
pub mod routines;
