//! Reading a routine file: TOML in, a checked [`Routine`] or every problem found out.
//!
//! The file is parsed into a spanned tree first and then walked by hand, rather than
//! deserialized with serde, so that all problems of a file are reported at once, each with its
//! line and column, instead of stopping at the first.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problem::{Fault, Problem};
use super::routine::{Routine, Step};
use super::text::{clean_line, line_col, nearest, shorten};

mod values;

/// A routine file larger than this is refused before it is parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
const MAX_STEPS: usize = 100;
const MAX_NAME_CHARS: usize = 60;
const MAX_TEXT_CHARS: usize = 1000;
const MAX_SIDES: usize = 8;
const MAX_SIDE_CHARS: usize = 20;
const MAX_REPS: u64 = 100;
const MAX_SECS: u64 = 30 * 60;

const TOP_KEYS: &[&str] = &[
    "name",
    "description",
    "lead_in",
    "counts",
    "rest",
    "switch",
    "step",
];
const STEP_KEYS: &[&str] = &[
    "name",
    "duration",
    "sides",
    "reps",
    "instructions",
    "art",
    "rest",
    "switch",
];

const DEFAULT_LEAD_IN: u64 = 5;
const DEFAULT_REST: u64 = 5;
const DEFAULT_SWITCH: u64 = 3;

/// Parses and checks one routine file. `id` is its file stem; `art` holds the illustrations
/// that exist, as (name, picture), so that a misspelt `art` is caught here rather than at
/// bedtime, and a step carries its picture from here on.
pub fn parse_routine(
    id: &str,
    bytes: &[u8],
    art: &[(&str, &str)],
) -> Result<Routine, Vec<Problem>> {
    let at_start = |fault| vec![problem_at(1, 1, None, fault)];
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(at_start(Fault::TooLarge {
            bytes: bytes.len() as u64,
        }));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let source = match std::str::from_utf8(bytes) {
        Ok(source) => source,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by definition, so this never falls back.
            let (line, column) = line_col(std::str::from_utf8(valid).unwrap_or(""), valid.len());
            let byte = bytes[e.valid_up_to()];
            return Err(vec![problem_at(
                line,
                column,
                None,
                Fault::NotUtf8 { byte },
            )]);
        }
    };
    if source.trim().is_empty() {
        return Err(at_start(Fault::Empty));
    }
    let (table, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        let mut problems: Vec<Problem> = syntax_errors
            .iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                let (line, column) = line_col(source, span.start);
                let message = syntax_message(e.message(), source.get(span).unwrap_or_default());
                problem_at(line, column, None, Fault::Syntax(message))
            })
            .collect();
        problems.sort_by_key(|p| (p.line, p.column));
        problems.dedup();
        return Err(problems);
    }
    let mut walker = Walker {
        source,
        art,
        problems: Vec::new(),
    };
    let routine = walker.routine(id, table.get_ref());
    let mut problems = walker.problems;
    match routine {
        Some(routine) if problems.is_empty() => Ok(routine),
        _ => {
            problems.sort_by_key(|p| (p.line, p.column));
            Err(problems)
        }
    }
}

fn problem_at(line: usize, column: usize, step: Option<StepRef>, fault: Fault) -> Problem {
    Problem {
        line,
        column,
        step,
        fault,
    }
}

type StepRef = (usize, Option<String>);

/// The parser's message on one line, in plainer words where they help.
fn syntax_message(message: &str, at: &str) -> String {
    let words: Vec<&str> = message.split_whitespace().collect();
    let message = clean_line(&words.join(" "));
    if message.contains("recurse") {
        "nested too deeply (more than 80 levels of [ ] or { })".into()
    } else if message == "duplicate key" && !at.is_empty() {
        format!(
            "duplicate key `{}`; each key may appear once per table",
            shorten(at)
        )
    } else {
        message
    }
}

struct Walker<'s> {
    source: &'s str,
    art: &'s [(&'s str, &'s str)],
    problems: Vec<Problem>,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Walker<'_> {
    fn report(&mut self, span: Range<usize>, step: &Option<StepRef>, fault: Fault) {
        let (line, column) = line_col(self.source, span.start);
        self.problems
            .push(problem_at(line, column, step.clone(), fault));
    }

    /// The value as the person wrote it, for "got ...".
    fn got(&self, value: &Value<'_>) -> String {
        match value.get_ref() {
            DeValue::Table(_) => "a table".into(),
            DeValue::Array(_) if value.span().len() > 40 => "an array".into(),
            _ => shorten(self.source.get(value.span()).unwrap_or_default()),
        }
    }

    fn rule(&mut self, value: &Value<'_>, step: &Option<StepRef>, key: &'static str, rule: &str) {
        let got = self.got(value);
        self.report(
            value.span(),
            step,
            Fault::Rule {
                key,
                rule: rule.to_string(),
                got,
            },
        );
    }

    fn unknown_keys(
        &mut self,
        table: &DeTable<'_>,
        valid: &[&'static str],
        step: &Option<StepRef>,
    ) {
        for key in table.keys() {
            if valid.contains(&key.get_ref().as_ref()) {
                continue;
            }
            let name = key.get_ref().as_ref();
            let fault = if step.is_none() && STEP_KEYS.contains(&name) {
                Fault::StepKeyAtTop(name.to_string())
            } else {
                Fault::UnknownKey {
                    key: shorten(name),
                    hint: nearest(name, valid).map_or_else(
                        || format!("the keys here are {}", valid.join(", ")),
                        |near| format!("did you mean `{near}`?"),
                    ),
                }
            };
            self.report(key.span(), step, fault);
        }
    }

    /// Reports a missing key, unless a typo of it was already reported with the fix.
    fn missing<T>(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        at: &Option<StepRef>,
        key: &'static str,
    ) -> Option<T> {
        let valid = if at.is_some() { STEP_KEYS } else { TOP_KEYS };
        let typo_of_it = table.keys().any(|k| {
            let k = k.get_ref().as_ref();
            !valid.contains(&k) && nearest(k, valid) == Some(key)
        });
        if !typo_of_it {
            self.report(span, at, Fault::Missing(key));
        }
        None
    }

    fn routine(&mut self, id: &str, top: &DeTable<'_>) -> Option<Routine> {
        self.unknown_keys(top, TOP_KEYS, &None);
        let name = match top.get("name") {
            Some(v) => self.name(v, &None),
            None => self.missing(top, 0..0, &None, "name"),
        };
        let description = top
            .get("description")
            .and_then(|v| self.text(v, &None, "description", 0, MAX_TEXT_CHARS))
            .unwrap_or_default();
        let lead_in = self.secs_or(top.get("lead_in"), &None, "lead_in", 0, DEFAULT_LEAD_IN);
        let counts = match top.get("counts") {
            Some(v) => self.flag(v, &None, "counts"),
            None => Some(true),
        };
        let rest = self.secs_or(top.get("rest"), &None, "rest", 0, DEFAULT_REST);
        let switch = self.secs_or(top.get("switch"), &None, "switch", 0, DEFAULT_SWITCH);
        let steps = self.steps(top.get("step"), rest, switch);
        Some(Routine {
            id: id.to_string(),
            name: name?,
            description,
            lead_in_secs: lead_in?,
            counts: counts?,
            steps: steps?,
        })
    }

    fn steps(
        &mut self,
        value: Option<&Value<'_>>,
        rest: Option<u64>,
        switch: Option<u64>,
    ) -> Option<Vec<Step>> {
        let Some(value) = value else {
            self.report(0..0, &None, Fault::StepCount(0));
            return None;
        };
        let Some(array) = value
            .get_ref()
            .as_array()
            .filter(|a| a.iter().all(|s| s.get_ref().is_table()))
        else {
            self.rule(value, &None, "step", "an array of tables, written [[step]]");
            return None;
        };
        if array.is_empty() || array.len() > MAX_STEPS {
            self.report(value.span(), &None, Fault::StepCount(array.len()));
        }
        let mut steps = Vec::with_capacity(array.len());
        for (i, item) in array.iter().enumerate() {
            if let Some(table) = item.get_ref().as_table() {
                steps.push(self.step(i + 1, item.span(), table, rest, switch));
            }
        }
        let steps: Option<Vec<Step>> = steps.into_iter().collect();
        steps.filter(|s| !s.is_empty() && s.len() <= MAX_STEPS)
    }

    fn step(
        &mut self,
        number: usize,
        span: Range<usize>,
        table: &DeTable<'_>,
        rest: Option<u64>,
        switch: Option<u64>,
    ) -> Option<Step> {
        // The name goes into every message about this step, so it is read first.
        let usable_name = table
            .get("name")
            .and_then(|v| v.get_ref().as_str())
            .map(clean_line)
            .filter(|n| !n.is_empty());
        let at = Some((number, usable_name));
        self.unknown_keys(table, STEP_KEYS, &at);
        let name = match table.get("name") {
            Some(v) => self.name(v, &at),
            None => self.missing(table, span.clone(), &at, "name"),
        };
        let duration = match table.get("duration") {
            Some(v) => self.secs(v, &at, "duration", 1),
            None => self.missing(table, span, &at, "duration"),
        };
        let sides = table
            .get("sides")
            .map_or(Some(Vec::new()), |v| self.sides(v, &at));
        let reps = match (table.get("reps"), duration) {
            (Some(v), Some(duration)) => self.reps(v, &at, duration).map(Some),
            (Some(_), None) | (None, _) => Some(None),
        };
        let instructions = table
            .get("instructions")
            .and_then(|v| self.text(v, &at, "instructions", 0, MAX_TEXT_CHARS))
            .map(|t| t.trim().to_string())
            .unwrap_or_default();
        let art = match table.get("art") {
            Some(v) => self.art(v, &at).map(Some),
            None => Some(None),
        };
        let rest = match table.get("rest") {
            Some(v) => self.secs(v, &at, "rest", 0),
            None => rest,
        };
        let switch = match table.get("switch") {
            Some(v) => self.secs(v, &at, "switch", 0),
            None => switch,
        };
        Some(Step {
            name: name?,
            duration_secs: duration?,
            sides: sides?,
            reps: reps?,
            instructions,
            art: art?,
            rest_secs: rest?,
            switch_secs: switch?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ART: &[(&str, &str)] = &[("calf-wall", " O\n/|\\")];

    fn parse(text: &str) -> Result<Routine, Vec<Problem>> {
        parse_routine("r", text.as_bytes(), ART)
    }

    #[test]
    fn counts_is_true_unless_the_file_says_false() {
        let step = "[[step]]\nname = \"A\"\nduration = 30\n";
        assert!(
            parse(&format!("name = \"R\"\n{step}"))
                .expect("valid")
                .counts
        );
        let relief = parse(&format!("name = \"R\"\ncounts = false\n{step}")).expect("valid");
        assert!(!relief.counts);
    }

    #[test]
    fn defaults_fill_in_and_steps_may_override_rest_and_switch() {
        let routine = parse(
            "name = \"R\"\nrest = \"9s\"\n[[step]]\nname = \"A\"\nduration = 30\n\
             sides = [\"left\", \"right\"]\nswitch = \"1s\"\n[[step]]\nname = \"B\"\nduration = \"1m\"\n\
             reps = 6\nrest = 0\n",
        )
        .expect("valid");
        assert_eq!(routine.lead_in_secs, DEFAULT_LEAD_IN);
        assert_eq!(
            (routine.steps[0].rest_secs, routine.steps[0].switch_secs),
            (9, 1)
        );
        assert_eq!(
            (routine.steps[1].rest_secs, routine.steps[1].switch_secs),
            (0, DEFAULT_SWITCH)
        );
        assert_eq!(routine.steps[1].reps, Some(6));
        assert_eq!(routine.steps[1].duration_secs, 60);
    }

    #[test]
    fn names_are_cleaned_before_their_length_is_checked() {
        let routine =
            parse("name = \"  Two\\n  lines \"\n[[step]]\nname = \"\\u001bA\"\nduration = 1\n")
                .expect("valid");
        assert_eq!(routine.name, "Two lines");
        assert_eq!(routine.steps[0].name, "A");
    }

    #[test]
    fn a_typo_of_a_required_key_is_reported_once_with_the_fix() {
        let problems =
            parse("name = \"R\"\n[[step]]\nnmae = \"A\"\nduration = 1\n").expect_err("invalid");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].to_string(),
            "3:1: step 1: unknown key `nmae`; did you mean `name`?"
        );
    }

    proptest! {
        #[test]
        fn any_bytes_give_a_routine_or_problems_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            if let Err(problems) = parse_routine("r", &bytes, ART) {
                prop_assert!(!problems.is_empty());
            }
        }

        #[test]
        fn any_edit_of_a_good_file_gives_a_routine_or_problems(
            at in 0usize..400,
            cut in 0usize..20,
            insert in "[\\[\\]{}=\"'a-z0-9.,\\n -]{0,12}",
        ) {
            let good = "name = \"Bedtime\"\nlead_in = \"5s\"\n[[step]]\nname = \"Calf\"\n\
                        duration = \"1m30s\"\nsides = [\"left\", \"right\"]\nreps = 10\nart = \"calf-wall\"\n\
                        [[step]]\nname = \"Toes\"\nduration = 30\nrest = 0\n";
            let at = at.min(good.len());
            let end = (at + cut).min(good.len());
            let text = format!("{}{insert}{}", &good[..at], &good[end..]);
            match parse(&text) {
                Ok(routine) => prop_assert!(!routine.steps.is_empty()),
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    for p in &problems {
                        prop_assert!(p.line >= 1 && p.column >= 1);
                        prop_assert!(!p.to_string().contains('\n'));
                    }
                }
            }
        }
    }
}
