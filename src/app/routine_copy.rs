//! The name a copy of a routine takes, so that home and `routine list` can tell it from the
//! original: "Bedtime feet (my copy)", then "(my copy 2)" and on while those are taken.
//! Only the `name` value changes; every comment and space of the file stays.

use toml_edit::{Document, Item, Value};

use crate::core::text::clean_line;

/// The longest name a routine file may have, in characters.
const MAX_NAME_CHARS: usize = 60;

/// The first of "NAME (my copy)", "NAME (my copy 2)"… that no routine in `taken` has,
/// compared as home compares them (cleaned, ignoring case). The name is shortened when the
/// words would take it past 60 characters.
pub fn copy_name(name: &str, taken: &[String]) -> String {
    let taken: Vec<String> = taken.iter().map(|t| clean_line(t).to_lowercase()).collect();
    let name = clean_line(name);
    for n in 1u32.. {
        let words = if n == 1 {
            " (my copy)".to_string()
        } else {
            format!(" (my copy {n})")
        };
        let room = MAX_NAME_CHARS.saturating_sub(words.chars().count());
        let base: String = name.chars().take(room).collect();
        let candidate = format!("{}{words}", base.trim_end());
        if !taken.contains(&candidate.to_lowercase()) {
            return candidate;
        }
    }
    // More copies than numbers: unreachable, but the name is still a name.
    name
}

/// The routine's text for a copy, and its new name: when another routine in `taken` has
/// the file's name, the `name` value becomes [`copy_name`]'s, written in place of the old
/// value so that every other byte (comments, spaces, line ends) stays. `None` when the name
/// is not taken, or the text has no string `name` to change (the copy is then the text as
/// it is).
pub fn rename_copy(text: &str, taken: &[String]) -> Option<(String, String)> {
    let doc = Document::parse(text).ok()?;
    let value = doc.get("name").and_then(Item::as_value)?;
    let old = value.as_str()?;
    let key = clean_line(old).to_lowercase();
    if !taken.iter().any(|t| clean_line(t).to_lowercase() == key) {
        return None;
    }
    let name = copy_name(old, taken);
    let span = value.span()?;
    let written = Value::from(name.as_str()).to_string();
    let mut copy = String::with_capacity(text.len() + written.len());
    copy.push_str(text.get(..span.start)?);
    copy.push_str(written.trim());
    copy.push_str(text.get(span.end..)?);
    Some((copy, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_copy_is_named_apart_from_every_routine() {
        assert_eq!(
            copy_name("Bedtime feet", &names(&["Bedtime feet"])),
            "Bedtime feet (my copy)"
        );
        assert_eq!(
            copy_name(
                "Bedtime feet",
                &names(&[
                    "Bedtime feet",
                    "bedtime feet (MY COPY)",
                    "Bedtime feet (my copy 2)"
                ])
            ),
            "Bedtime feet (my copy 3)"
        );
        let long = "a".repeat(60);
        let named = copy_name(&long, &names(&[&long]));
        assert_eq!(named.chars().count(), 60);
        assert!(named.ends_with("a (my copy)"), "{named}");
    }

    #[test]
    fn only_the_name_changes_and_only_when_it_is_taken() {
        let text = "# mine\r\nname   =   'Calves'   # keep me\n[[step]]\nname = \"Calves\"\nduration = 30\n";
        let (copy, name) = rename_copy(text, &names(&["Calves"])).expect("renamed");
        assert_eq!(name, "Calves (my copy)");
        assert_eq!(
            copy,
            "# mine\r\nname   =   \"Calves (my copy)\"   # keep me\n[[step]]\nname = \"Calves\"\nduration = 30\n"
        );
        assert_eq!(rename_copy(text, &names(&["Toes"])), None);
        assert_eq!(rename_copy("name = ", &names(&["Calves"])), None);
        assert_eq!(rename_copy("name = 4", &names(&["4"])), None);
    }
}
