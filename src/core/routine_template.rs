//! The commented template a new routine starts from, for `routine new` and the editor's
//! new routine alike: the file teaches its own format.

/// The routine a new file starts as: every key there is, each with a comment above it saying
/// what it does and its range, so the file teaches its own format.
pub fn template(id: &str) -> String {
    let mut name = id.replace('-', " ");
    if let Some(first) = name.get(..1) {
        name = format!(
            "{}{}",
            first.to_uppercase(),
            name.get(1..).unwrap_or_default()
        );
    }
    format!(
        r#"# A bedstretch routine. Its id is its file name: {id}.toml is `{id}`.
# Run it with `bedstretch run {id}`; `bedstretch routine edit {id}` opens and checks it.
# Times are "45s", "1m 30s", "2 min", "0:30" or a plain number of seconds.

# Required: the name shown on screen, 1 to 60 characters.
name = "{name}"
# What it is for, at most 1000 characters.
description = "A few calm minutes for calves and toes."
# The get-ready countdown before the first step, 0s to 30m (default 5s).
lead_in = "5s"
# Whether a session keeps the night: false for one that is not bedtime stretching, such as
# easing a cramp (default true).
counts = true
# The pause after each step, before the next, 0s to 30m (default 5s).
rest = "5s"
# The pause between the sides of a step, 0s to 30m (default 3s).
switch = "3s"

# Each [[step]] is one stretch, in order; a routine has 1 to 100 of them.
[[step]]
# Required: the stretch's name, 1 to 60 characters.
name = "Wall calf stretch"
# Required: how long to hold it, per side, 1s to 30m.
duration = "30s"
# The step runs once per label, with a switch pause: 1 to 8 labels of 1 to 20 characters.
sides = ["left", "right"]
# What to do, shown under the countdown, at most 1000 characters.
instructions = """
Hands on the wall, this foot back, heel down and knee straight. \
Lean in until the calf pulls gently."""
# A bundled picture: calf-wall, soleus-wall, towel-calf, toe-curls, toe-spread,
# toe-raise, ankle-circles or foot-flex.
art = "calf-wall"
# This step's own pause between sides, 0s to 30m (instead of the routine's `switch`).
switch = "5s"
# This step's own pause after it, 0s to 30m (instead of the routine's `rest`).
rest = "10s"

[[step]]
# Required: the stretch's name, 1 to 60 characters.
name = "Toe curls"
# Required: how long it lasts, 1s to 30m.
duration = "20s"
# The duration is split into counted reps: 1 to 100, at most one a second.
reps = 10
# What to do, at most 1000 characters.
instructions = "Curl your toes under as if gripping sand, then release."
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::routine_file::parse_routine;
    use crate::store::bundled;

    #[test]
    fn the_template_is_valid_and_every_key_has_a_comment_above_it() {
        let text = template("my-routine");
        let routine = parse_routine("my-routine", text.as_bytes(), bundled::ART).expect("valid");
        assert_eq!(routine.name, "My routine");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let is_key = line.split_once(" = ").is_some_and(|(key, _)| {
                !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            });
            if is_key {
                assert!(lines[i - 1].starts_with('#'), "no comment above {line}");
            }
        }
    }
}
