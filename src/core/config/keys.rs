//! Reading the config text key by key from toml's spanned tree, so that each bad key costs
//! only itself and every problem is found, with its place, in one pass.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::{NaiveTime, Weekday};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problem::ConfigFault;
use super::{Config, HookCommand, Key, SoundCommand, Source, ThemeName, VoiceCommand};
use crate::core::text::{clean_line, line_col, nearest, shorten};

/// Words people reach for that mean one of our keys, for "did you mean".
const SYNONYMS: &[(&str, Key)] = &[
    ("color", Key::Theme),
    ("colour", Key::Theme),
    ("colors", Key::Theme),
    ("colours", Key::Theme),
    ("palette", Key::Theme),
    ("beep", Key::Bell),
    ("speak", Key::Voice),
    ("speech", Key::Voice),
    ("tts", Key::Voice),
    ("routine", Key::DefaultRoutine),
];

/// A problem found in the text, with the byte offset it points at (none: the whole file).
pub(super) type Found = (Option<usize>, ConfigFault);

/// What the text gave: the settings, where each came from, and every problem.
pub(super) struct Parsed {
    pub config: Config,
    pub sources: [Source; Key::ALL.len()],
    pub problems: Vec<(Option<(usize, usize)>, ConfigFault)>,
}

type Value<'i> = Spanned<DeValue<'i>>;

/// One `key = value` at the top of the file, with the lines it covers.
struct Entry<'t, 'i> {
    key: &'t Spanned<toml::de::DeString<'i>>,
    value: &'t Value<'i>,
    lines: Range<usize>,
}

/// Parses the text; `tainted` holds the lines that had bytes that are not UTF-8, whose keys
/// use their defaults (that problem is reported by the caller).
pub(super) fn parse(source: &str, tainted: &BTreeSet<usize>) -> Parsed {
    let mut parsed = Parsed {
        config: Config::default(),
        sources: [Source::Default; Key::ALL.len()],
        problems: Vec::new(),
    };
    let (table, errors) = DeTable::parse_recoverable(source);
    let lines = Lines::of(source);
    let entries = entries(table.get_ref(), &lines);
    let mut found: Vec<Found> = Vec::new();
    let (spoiled, duplicates) = place_errors(source, &lines, &entries, &errors, &mut found);
    for (i, entry) in entries.iter().enumerate() {
        let name = entry.key.get_ref().as_ref();
        let Some(key) = Key::ALL.into_iter().find(|k| k.name() == name) else {
            found.push((Some(entry.key.span().start), unknown(name)));
            continue;
        };
        if duplicates.contains(name) || entry.lines.clone().any(|l| tainted.contains(&l)) {
            continue;
        }
        if spoiled.contains(&i) {
            let (at, got) = written_after_equals(source, entry.key.span().end);
            found.push((Some(at), rule(key, got)));
            continue;
        }
        let at = entry.value.span().start;
        if apply(
            &mut parsed.config,
            key,
            entry.value.get_ref(),
            source,
            &mut found,
        ) {
            let (line, column) = lines.place(source, at);
            parsed.sources[key as usize] = Source::File { line, column };
        } else {
            found.push((Some(at), rule(key, written(source, entry.value))));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    parsed.problems = found
        .into_iter()
        .map(|(at, fault)| (at.map(|offset| lines.place(source, offset)), fault))
        .collect();
    parsed
}

/// The `key = value` entries at the top of the file, in file order.
fn entries<'t, 'i>(table: &'t DeTable<'i>, lines: &Lines) -> Vec<Entry<'t, 'i>> {
    let mut entries: Vec<Entry<'_, '_>> = table
        .iter()
        // A key with no text is the parser's stand-in for a missing one; its syntax error
        // says more than "unknown key ``" would.
        .filter(|(key, _)| !key.span().is_empty())
        .map(|(key, value)| {
            let end = value.span().end.max(key.span().end);
            Entry {
                key,
                value,
                lines: lines.line(key.span().start)..lines.line(end) + 1,
            }
        })
        .collect();
    entries.sort_by_key(|e| e.key.span().start);
    entries
}

/// Places each syntax error: a duplicate key is a problem of its own, an error inside an
/// entry spoils that entry alone (the recovered value there is the parser's guess, never the
/// person's, so the key keeps its default), and any other is said once per line. Returns
/// the spoiled entries' indexes and the duplicated keys.
fn place_errors(
    source: &str,
    lines: &Lines,
    entries: &[Entry<'_, '_>],
    errors: &[toml::de::Error],
    found: &mut Vec<Found>,
) -> (BTreeSet<usize>, BTreeSet<String>) {
    let by_name: BTreeMap<&str, usize> = entries
        .iter()
        .map(|e| (e.key.get_ref().as_ref(), e.key.span().start))
        .collect();
    let mut spoiled: BTreeSet<usize> = BTreeSet::new();
    let mut duplicates: BTreeSet<String> = BTreeSet::new();
    let mut syntax_lines: BTreeSet<usize> = BTreeSet::new();
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let line = lines.line(span.start);
        let text = source.get(span.clone()).unwrap_or_default();
        if error.message().trim() == "duplicate key"
            && let Some(first) = by_name.get(text)
        {
            duplicates.insert(text.to_string());
            let fault = ConfigFault::Duplicate {
                key: shorten(text),
                first_line: lines.line(*first),
            };
            found.push((Some(span.start), fault));
            continue;
        }
        // Entries are in file order, so the last one starting at or before the line is the
        // only one that can hold it.
        let before = entries.partition_point(|e| e.lines.start <= line);
        let holder = before
            .checked_sub(1)
            .filter(|&i| entries[i].lines.contains(&line));
        match holder {
            Some(i) => {
                spoiled.insert(i);
            }
            // One message per line: a single typo can upset the parser several times.
            None if syntax_lines.insert(line) => {
                let fault = ConfigFault::Syntax(clean_line(error.message()));
                found.push((Some(span.start), fault));
            }
            None => {}
        }
    }
    (spoiled, duplicates)
}

/// Sets `key` from `value` when the value follows the key's rule; false when it does not
/// (the key keeps its default). A list of rest days reports its own bad days in `found`.
fn apply(
    config: &mut Config,
    key: Key,
    value: &DeValue<'_>,
    source: &str,
    found: &mut Vec<Found>,
) -> bool {
    match key {
        Key::DefaultRoutine => set(
            &mut config.default_routine,
            value
                .as_str()
                .filter(|id| !id.trim().is_empty())
                .map(str::to_string),
        ),
        Key::DayStartsAt => set(&mut config.day_starts_at, day_start(value)),
        Key::RemindAt => set(&mut config.remind_at, or_empty(value, day_start)),
        Key::RemindAgain => set(&mut config.remind_again_secs, remind_again(value)),
        Key::OnSessionEnd => set(
            &mut config.on_session_end,
            or_empty(value, |v| v.as_str().and_then(HookCommand::parse)),
        ),
        Key::MorningEndsAt => set(&mut config.morning_ends_at, day_start(value)),
        Key::MinCompletion => set(&mut config.min_completion, share(value)),
        Key::RestDays => set(
            &mut config.rest_days,
            value.as_array().map(|days| weekdays(source, days, found)),
        ),
        Key::Bell => set(&mut config.bell, value.as_bool()),
        Key::Theme => set(
            &mut config.theme,
            [ThemeName::Night, ThemeName::Day, ThemeName::Auto]
                .into_iter()
                .find(|theme| value.as_str() == Some(theme.name())),
        ),
        Key::Voice => set(&mut config.voice, value.as_bool()),
        Key::VoiceCommand => set(
            &mut config.voice_command,
            or_empty(value, |v| v.as_str().and_then(VoiceCommand::parse)),
        ),
        Key::Sound => set(&mut config.sound, value.as_bool()),
        Key::SoundCommand => set(
            &mut config.sound_command,
            or_empty(value, |v| v.as_str().and_then(SoundCommand::parse)),
        ),
    }
}

/// Puts a value that follows its rule in its place; false, and nothing changed, otherwise.
fn set<T>(slot: &mut T, value: Option<T>) -> bool {
    value.map(|value| *slot = value).is_some()
}

/// An optional setting: `""` (as `bedstretch config` prints its default) is none, anything
/// else is read by `read`. `None` when the value follows neither.
fn or_empty<T>(value: &DeValue<'_>, read: impl Fn(&DeValue<'_>) -> Option<T>) -> Option<Option<T>> {
    match value {
        DeValue::String(text) if text.trim().is_empty() => Some(None),
        _ => read(value).map(Some),
    }
}

/// The rule a key's value breaks, in words that also fit a value the parser could not read.
pub(super) fn rule(key: Key, got: String) -> ConfigFault {
    let rule = match key {
        Key::DefaultRoutine => "a routine id in quotes, like \"bedtime-feet\"",
        Key::DayStartsAt => "a time like \"04:00\"",
        Key::MorningEndsAt => "a time like \"12:00\"",
        Key::RemindAt => "a time like \"22:30\", or \"\" for no reminder",
        Key::RemindAgain => "a time from 5m to 12h like \"30m\", or \"0\" to remind once a night",
        Key::OnSessionEnd => "a command like \"sh -c 'cat >> ~/stretch.log'\", or \"\" for none",
        Key::MinCompletion => "a number from 0 to 1",
        Key::RestDays => "a list of weekdays like [\"sat\", \"sun\"]",
        Key::Bell => "true or false",
        Key::Theme => "\"night\", \"day\" or \"auto\" (set NO_COLOR for no colour)",
        Key::Voice => "true or false",
        Key::VoiceCommand => {
            "a command with {text} as a word of its own, like \"espeak-ng -s 140 {text}\", \
             or \"\" for the first of espeak-ng, espeak, spd-say, say"
        }
        Key::Sound => "true or false",
        Key::SoundCommand => {
            "a command with {file} as a word of its own, like \"paplay --volume 30000 {file}\", \
             or \"\" for the first of pw-play, paplay, aplay, afplay"
        }
    };
    ConfigFault::Rule {
        key: key.name(),
        rule,
        got,
    }
}

fn unknown(name: &str) -> ConfigFault {
    let names: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
    let lower = name.to_lowercase();
    let synonym = SYNONYMS
        .iter()
        .find(|(word, _)| *word == lower)
        .map(|(_, key)| key.name());
    let near = synonym.or_else(|| nearest(name, &names));
    ConfigFault::UnknownKey {
        key: shorten(name),
        hint: near.map_or_else(
            || format!("the keys are {}", names.join(", ")),
            |near| format!("did you mean `{near}`?"),
        ),
    }
}

/// The value as the person wrote it, for "got ...".
fn written(source: &str, value: &Value<'_>) -> String {
    match value.get_ref() {
        DeValue::Table(_) => "a table".into(),
        DeValue::Array(_) if value.span().len() > 40 => "a list".into(),
        _ => shorten(source.get(value.span()).unwrap_or_default()),
    }
}

/// Where the text after `key =` starts and what it says, for a value the parser could not
/// read: its guess at the value would not be what the person wrote.
fn written_after_equals(source: &str, key_end: usize) -> (usize, String) {
    let rest = source.get(key_end..).unwrap_or_default();
    let line = rest.split('\n').next().unwrap_or_default();
    let after = line.find('=').map_or(line, |i| &line[i + 1..]);
    let start = key_end + (line.len() - after.len()) + (after.len() - after.trim_start().len());
    let mut text = after.trim();
    // A comment is not part of the value, unless the value is a string that may hold `#`.
    if !text.starts_with(['"', '\'']) {
        text = text.split('#').next().unwrap_or_default().trim_end();
    }
    let got = if text.is_empty() {
        "nothing".to_string()
    } else {
        shorten(text)
    };
    (start, got)
}

/// `remind_again`: "0" (once a night) or a duration from 5 minutes to 12 hours, in seconds.
fn remind_again(value: &DeValue<'_>) -> Option<u64> {
    let secs = match value {
        DeValue::String(text) => crate::core::duration::parse_secs(text)?,
        DeValue::Integer(n) if n.as_str() == "0" => 0,
        _ => return None,
    };
    (secs == 0 || (5 * 60..=12 * 3600).contains(&secs)).then_some(secs)
}

fn day_start(value: &DeValue<'_>) -> Option<NaiveTime> {
    match value {
        DeValue::String(text) => NaiveTime::parse_from_str(text, "%H:%M").ok(),
        // TOML's own local time, `04:00`, means the same; seconds would be a false precision.
        DeValue::Datetime(dt) if dt.date.is_none() && dt.offset.is_none() => {
            let time = dt.time?;
            let whole = time.second.unwrap_or(0) == 0 && time.nanosecond.unwrap_or(0) == 0;
            whole
                .then(|| NaiveTime::from_hms_opt(time.hour.into(), time.minute.into(), 0))
                .flatten()
        }
        _ => None,
    }
}

fn share(value: &DeValue<'_>) -> Option<f64> {
    let number = match value {
        DeValue::Float(f) => f.as_str().parse::<f64>().ok()?,
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok()? as f64,
        _ => return None,
    };
    (0.0..=1.0).contains(&number).then_some(number)
}

/// The weekdays of the list, each once; every entry that is not one is reported alone.
fn weekdays(source: &str, days: &[Value<'_>], found: &mut Vec<Found>) -> Vec<Weekday> {
    let mut kept = Vec::new();
    for day in days {
        match day
            .get_ref()
            .as_str()
            .and_then(|d| d.parse::<Weekday>().ok())
        {
            Some(weekday) if !kept.contains(&weekday) => kept.push(weekday),
            Some(_) => {}
            None => found.push((
                Some(day.span().start),
                ConfigFault::RestDay {
                    got: written(source, day),
                },
            )),
        }
    }
    kept
}

/// Where each line starts, so that a large file with many keys is placed in log time rather
/// than by counting from the top for every key.
struct Lines(Vec<usize>);

impl Lines {
    fn of(source: &str) -> Self {
        let starts = source.match_indices('\n').map(|(i, _)| i + 1);
        Self(std::iter::once(0).chain(starts).collect())
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset).max(1)
    }

    /// 1-based line and column (in characters), as editors show them.
    fn place(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.0.get(line - 1).copied().unwrap_or(0);
        let (_, column) = line_col(
            source.get(start..).unwrap_or_default(),
            offset.saturating_sub(start),
        );
        (line, column)
    }
}
