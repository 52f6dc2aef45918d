//! The routines and illustrations compiled into the binary, so that bedstretch works on a
//! fresh machine with nothing installed beside it.

/// Bundled routines as (id, TOML source), in the order they are listed.
pub const ROUTINES: &[(&str, &str)] = &[
    (
        "bedtime-feet",
        include_str!("../../routines/bedtime-feet.toml"),
    ),
    ("in-bed", include_str!("../../routines/in-bed.toml")),
    ("quick", include_str!("../../routines/quick.toml")),
    (
        "calf-hamstring",
        include_str!("../../routines/calf-hamstring.toml"),
    ),
    (
        "cramp-relief",
        include_str!("../../routines/cramp-relief.toml"),
    ),
];

/// The routine that runs when none is named.
pub use crate::core::config::DEFAULT_ROUTINE;

/// Bundled illustrations as (name, ASCII art), each at most 12 lines of 30 columns.
pub const ART: &[(&str, &str)] = &[
    ("calf-wall", include_str!("../../assets/art/calf-wall.txt")),
    (
        "soleus-wall",
        include_str!("../../assets/art/soleus-wall.txt"),
    ),
    (
        "towel-calf",
        include_str!("../../assets/art/towel-calf.txt"),
    ),
    ("toe-curls", include_str!("../../assets/art/toe-curls.txt")),
    (
        "toe-spread",
        include_str!("../../assets/art/toe-spread.txt"),
    ),
    ("toe-raise", include_str!("../../assets/art/toe-raise.txt")),
    (
        "ankle-circles",
        include_str!("../../assets/art/ankle-circles.txt"),
    ),
    ("foot-flex", include_str!("../../assets/art/foot-flex.txt")),
    (
        "hamstring-seated",
        include_str!("../../assets/art/hamstring-seated.txt"),
    ),
];
