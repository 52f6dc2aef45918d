//! `bedstretch doctor`: the setup checked in one look, a line for each finding, so that it
//! pastes into a bug report; `--json` for programs. Exits 1 when a problem is found. The
//! facts are gathered here (in [`super::doctor_facts`]) and judged in `core::doctor`. It
//! writes nothing: no device id is made or replaced, no cache is kept, no session recovered.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::core::config::Loaded;
use crate::core::device_id::NextId;
use crate::core::doctor::files::Device;
use crate::core::doctor::finding::{Finding, count, problems};
use crate::core::text::{clean_line, clean_path, escape_json_controls, pad};
use crate::store::paths::Paths;
use crate::store::routines::Catalog;

use super::doctor_facts::{Facts, gather};

/// `bedstretch doctor [--json]`.
pub fn doctor(
    paths: &Paths,
    loaded: &Loaded,
    catalog: &Catalog,
    json: bool,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let facts = gather(paths, loaded, catalog);
    let wrong = problems(&facts.findings);
    if json {
        print_json(paths, loaded, &facts, out)?;
    } else {
        print_lines(&facts.findings, out)?;
    }
    out.flush().context("cannot write to standard output")?;
    Ok(if wrong == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A line a finding, its level and its check in columns, then the count of problems.
fn print_lines(findings: &[Finding], out: &mut impl Write) -> Result<()> {
    let widest = findings.iter().map(|f| f.check.len()).max().unwrap_or(0);
    for finding in findings {
        writeln!(
            out,
            "{}  {}  {}",
            pad(finding.level.word(), "PROBLEM".len()),
            pad(finding.check, widest),
            clean_line(&finding.line())
        )?;
    }
    match problems(findings) {
        0 => writeln!(out, "All is well.")?,
        n => writeln!(out, "{} found.", count(n, "problem"))?,
    }
    Ok(())
}

/// Where bedstretch keeps its files, for `--json`.
#[derive(Serialize)]
struct Places {
    data: String,
    history: String,
    config: String,
    routines: String,
}

/// This device, for `--json`; the fingerprint is a hash, never the machine's own id.
#[derive(Serialize)]
struct DeviceJson<'a> {
    id: Option<&'a str>,
    fingerprint: &'a str,
    fingerprint_from: &'a str,
    new_id_at_next_command: bool,
    back_to_id_at_next_command: Option<&'a str>,
}

impl<'a> From<&'a Device> for DeviceJson<'a> {
    fn from(device: &'a Device) -> Self {
        Self {
            id: device.id.as_deref(),
            fingerprint: &device.fingerprint,
            fingerprint_from: &device.source,
            new_id_at_next_command: device.next == NextId::New,
            back_to_id_at_next_command: match &device.next {
                NextId::BackTo(own) => Some(own),
                NextId::Keeps | NextId::New => None,
            },
        }
    }
}

/// The whole look, for `--json`.
#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    problems: usize,
    paths: Places,
    device: DeviceJson<'a>,
    checks: &'a [Finding],
}

fn print_json(paths: &Paths, loaded: &Loaded, facts: &Facts, out: &mut impl Write) -> Result<()> {
    let wrong = problems(&facts.findings);
    let report = Report {
        ok: wrong == 0,
        problems: wrong,
        paths: Places {
            data: clean_path(&paths.data_dir),
            history: clean_path(&paths.history_dir()),
            config: clean_path(&loaded.path),
            routines: clean_path(&paths.routines_dir()),
        },
        device: (&facts.device).into(),
        checks: &facts.findings,
    };
    let json = serde_json::to_string_pretty(&report)?;
    writeln!(out, "{}", escape_json_controls(&json))?;
    Ok(())
}
