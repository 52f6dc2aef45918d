//! The rules for each kind of value in a routine file: text, durations, reps, sides, art.

use super::super::duration::{Unreadable, float_secs, format_secs, read_secs};
use super::super::problem::Fault;
use super::super::routine::Art;
use super::super::text::{clean_line, clean_multiline, shorten};
use super::{
    DeValue, MAX_NAME_CHARS, MAX_REPS, MAX_SECS, MAX_SIDE_CHARS, MAX_SIDES, StepRef, Value, Walker,
    nearest,
};

const DURATION_RULE: &str = r#"a duration like "45s", "1m30s", "2m" or 90"#;

impl Walker<'_> {
    pub(super) fn name(&mut self, value: &Value<'_>, at: &Option<StepRef>) -> Option<String> {
        self.text(value, at, "name", 1, MAX_NAME_CHARS)
    }

    pub(super) fn text(
        &mut self,
        value: &Value<'_>,
        at: &Option<StepRef>,
        key: &'static str,
        min: usize,
        max: usize,
    ) -> Option<String> {
        let Some(raw) = value.get_ref().as_str() else {
            self.rule(value, at, key, "a string");
            return None;
        };
        let text = if key == "name" {
            clean_line(raw)
        } else {
            clean_multiline(raw)
        };
        let chars = text.chars().count();
        if chars < min || chars > max {
            let rule = if min == 0 {
                format!("at most {max} characters")
            } else {
                format!("{min} to {max} characters")
            };
            self.rule(value, at, key, &rule);
            return None;
        }
        Some(text)
    }

    pub(super) fn secs_or(
        &mut self,
        value: Option<&Value<'_>>,
        at: &Option<StepRef>,
        key: &'static str,
        min: u64,
        default: u64,
    ) -> Option<u64> {
        match value {
            Some(v) => self.secs(v, at, key, min),
            None => Some(default),
        }
    }

    pub(super) fn secs(
        &mut self,
        value: &Value<'_>,
        at: &Option<StepRef>,
        key: &'static str,
        min: u64,
    ) -> Option<u64> {
        let secs = match value.get_ref() {
            DeValue::String(text) => read_secs(text),
            // A negative or huge number is simply out of range.
            DeValue::Integer(int) => {
                Ok(u64::from_str_radix(int.as_str(), int.radix()).unwrap_or(u64::MAX))
            }
            DeValue::Float(float) => float
                .as_str()
                .replace('_', "")
                .parse()
                .map_or(Err(Unreadable::Spelling { near: None }), float_secs),
            _ => Err(Unreadable::Spelling { near: None }),
        };
        let range = min..=MAX_SECS;
        // A guess is offered only when it would pass.
        let near = |secs: Option<u64>| secs.filter(|s| range.contains(s)).map(format_secs);
        let (rule, near) = match secs {
            Ok(s) if range.contains(&s) => return Some(s),
            Ok(_) => {
                self.rule(value, at, key, &format!("{min}s..30m"));
                return None;
            }
            Err(Unreadable::Spelling { near: guess }) => (DURATION_RULE, near(guess)),
            Err(Unreadable::Fraction { near: guess }) => ("whole seconds", near(Some(guess))),
        };
        let got = self.got(value);
        let fault = Fault::Duration {
            key,
            rule,
            got,
            near,
        };
        self.report(value.span(), at, fault);
        None
    }

    /// A true-or-false key, such as `counts`.
    pub(super) fn flag(
        &mut self,
        value: &Value<'_>,
        at: &Option<StepRef>,
        key: &'static str,
    ) -> Option<bool> {
        let flag = value.get_ref().as_bool();
        if flag.is_none() {
            let rule = format!("true or false, as in `{key} = false`");
            self.rule(value, at, key, &rule);
        }
        flag
    }

    pub(super) fn reps(
        &mut self,
        value: &Value<'_>,
        at: &Option<StepRef>,
        duration: u64,
    ) -> Option<u32> {
        let Some(int) = value.get_ref().as_integer() else {
            self.rule(value, at, "reps", "a whole number");
            return None;
        };
        let reps = i64::from_str_radix(int.as_str(), int.radix()).unwrap_or(i64::MAX);
        let max = MAX_REPS.min(duration);
        match u32::try_from(reps) {
            Ok(r) if r >= 1 && u64::from(r) <= max => Some(r),
            _ if duration < MAX_REPS => {
                let rule = format!("1..{max}, at most one a second of the {duration}s duration");
                self.rule(value, at, "reps", &rule);
                None
            }
            _ => {
                self.rule(value, at, "reps", &format!("1..{MAX_REPS}"));
                None
            }
        }
    }

    pub(super) fn sides(&mut self, value: &Value<'_>, at: &Option<StepRef>) -> Option<Vec<String>> {
        const RULE: &str =
            "a list of 1 to 8 different labels of 1 to 20 characters, like [\"left\", \"right\"]";
        let labels: Option<Vec<String>> = value.get_ref().as_array().and_then(|items| {
            items
                .iter()
                .map(|i| i.get_ref().as_str().map(clean_line))
                .collect()
        });
        let fits = |labels: &Vec<String>| {
            let mut seen: Vec<String> = labels.iter().map(|l| l.to_lowercase()).collect();
            seen.sort();
            seen.dedup();
            (1..=MAX_SIDES).contains(&labels.len())
                && seen.len() == labels.len()
                && labels
                    .iter()
                    .all(|l| (1..=MAX_SIDE_CHARS).contains(&l.chars().count()))
        };
        match labels {
            Some(labels) if fits(&labels) => Some(labels),
            _ => {
                self.rule(value, at, "sides", RULE);
                None
            }
        }
    }

    pub(super) fn art(&mut self, value: &Value<'_>, at: &Option<StepRef>) -> Option<Art> {
        let name = self.text(value, at, "art", 1, MAX_NAME_CHARS)?;
        if let Some((_, picture)) = self.art.iter().find(|(known, _)| *known == name) {
            return Some(Art {
                name,
                picture: picture.to_string(),
            });
        }
        let names: Vec<&str> = self.art.iter().map(|(known, _)| *known).collect();
        let fault = Fault::UnknownArt {
            got: shorten(&name),
            hint: nearest(&name, &names).map_or_else(
                || format!("the illustrations are: {}", names.join(", ")),
                |near| format!("did you mean \"{near}\"?"),
            ),
        };
        self.report(value.span(), at, fault);
        None
    }
}
