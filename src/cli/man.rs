//! `bedstretch man`: the manual page, from the same definitions as `--help` (so the two
//! never disagree), with every command's options and the sections `--help` has no room for:
//! the keys, the files, the streak rules and the exit status.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Command;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

/// Prints the page as roff, for `man -l -` or to install as `bedstretch.1`.
pub fn man(out: &mut impl Write) -> Result<ExitCode> {
    let mut cmd = super::command();
    // Built, so that every argument knows whether it takes a value.
    cmd.build();
    let man = Man::new(cmd.clone());
    let mut page = Vec::new();
    // Rendered part by part rather than whole: clap_mangen's own list of subcommands points
    // at a page per command, and this is one page with every command in it.
    man.render_title(&mut page)
        .and_then(|()| man.render_name_section(&mut page))
        .and_then(|()| man.render_synopsis_section(&mut page))
        .and_then(|()| man.render_description_section(&mut page))
        .and_then(|()| man.render_options_section(&mut page))
        .context("cannot render the manual page")?;
    let mut more = Roff::new();
    more.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        command_section(&mut more, sub, "bedstretch");
    }
    for (title, paragraphs) in SECTIONS {
        more.control("SH", [*title]);
        for paragraph in *paragraphs {
            more.control("PP", []);
            more.text([roman(*paragraph)]);
        }
    }
    more.to_writer(&mut page)
        .context("cannot render the manual page")?;
    // The after-help of `--help` is a short form of KEYS, so it is not repeated here.
    man.render_version_section(&mut page)
        .context("cannot render the manual page")?;
    let page = String::from_utf8_lossy(&page);
    out.write_all(ascii_roff(&page).as_bytes())
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// Writes every character beyond ASCII as a roff escape (`\[u2191]` for ↑), which groff and
/// mandoc draw whatever the input encoding they assume; raw UTF-8 makes `man -l` complain.
fn ascii_roff(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// One command: its usage, what it does, and each option; then its own subcommands.
fn command_section(roff: &mut Roff, cmd: &Command, parent: &str) {
    let name = format!("{parent} {}", cmd.get_name());
    let mut usage = cmd.clone().bin_name(&name);
    roff.control("SS", [name.as_str()]);
    roff.text([bold(
        usage.render_usage().to_string().replace("Usage: ", ""),
    )]);
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        for paragraph in about.to_string().split("\n\n") {
            roff.control("PP", []);
            // An indented block (a table of examples, a config file) keeps its lines.
            if paragraph.lines().any(|l| l.starts_with("  ")) {
                roff.control("nf", []);
                for line in paragraph.lines() {
                    roff.text([roman(line)]);
                }
                roff.control("fi", []);
            } else {
                roff.text([roman(paragraph.replace('\n', " "))]);
            }
        }
    }
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let flag = match (arg.get_long(), arg.get_short()) {
            (Some(long), Some(short)) => format!("-{short}, --{long}"),
            (Some(long), None) => format!("--{long}"),
            (None, Some(short)) => format!("-{short}"),
            (None, None) => id.to_uppercase(),
        };
        let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
        roff.control("TP", []);
        match arg.get_value_names() {
            Some(names)
                if takes_value && (arg.get_long().is_some() || arg.get_short().is_some()) =>
            {
                let names: Vec<String> = names.iter().map(ToString::to_string).collect();
                roff.text([bold(flag), roman(" "), italic(names.join(" "))]);
            }
            _ => {
                roff.text([bold(flag)]);
            }
        }
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            roff.text([roman(help.to_string())]);
        }
    }
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        command_section(roff, sub, &name);
    }
}

/// What the page says beyond the commands, section by section.
const SECTIONS: &[(&str, &[&str])] = &[
    (
        "KEYS",
        &[
            "On the home screen: Enter starts the selected routine; Up and Down (or k and j), \
             Home, End, PgUp and PgDn choose; e edits the routine, n makes a new one, c copies \
             it; s shows the stats; ! shows the problems found at start; ? lists the keys; q or \
             Esc quits.",
            "In the morning home asks about last night's cramps: 0 for none, 1 to 9 for how \
             bad; then l, r or b for the foot; s skips the night; Esc puts the question away.",
            "In a session: Space pauses and resumes; Right or n skips; Left or p goes back (to \
             the start of the stretch, or within its first 3 seconds to the one before); h \
             stops a stretch that hurts; q quits after asking (what was held is saved); ? lists \
             the keys. Anywhere, Ctrl-C quits at once and saves what was held, and Ctrl-Z \
             suspends (a session pauses).",
        ],
    ),
    (
        "NIGHTS AND STREAKS",
        &[
            "A session belongs to the night it started in, and a night ends at day_starts_at \
             (04:00 by default), so a session at 00:30 on Tuesday counts for Monday night.",
            "A session counts when at least min_completion (0.8 by default) of its stretches \
             and sides were held to the end; a night is kept when a session that counts belongs \
             to it. A routine with counts = false (cramp-relief) never keeps a night.",
            "The current streak is the run of kept nights ending tonight if tonight is kept, \
             else ending last night: tonight stays open until the rollover. Rest days \
             (rest_days) neither break nor extend a streak.",
        ],
    ),
    (
        "FILES",
        &[
            "$XDG_CONFIG_HOME/bedstretch/config.toml: the settings, every key optional \
             (bedstretch config shows them with where each came from).",
            "$XDG_CONFIG_HOME/bedstretch/routines/*.toml: your own routines; a file named as a \
             bundled routine is used in its place.",
            "$XDG_CONFIG_HOME/bedstretch/routines/.trash/: routines removed with routine rm, or \
             replaced by routine import --force, as ID-1.toml, ID-2.toml...; move one back to \
             use it again.",
            "$XDG_DATA_HOME/bedstretch/history/<device>.jsonl: the history, one JSON line per \
             session or diary entry, appended and never rewritten; each machine writes its own \
             file, so the folder can be synced.",
            "$XDG_DATA_HOME/bedstretch/device: this machine's short id, made once, which names \
             its history file.",
            "$XDG_DATA_HOME/bedstretch/current.json: the session in progress, recovered as \
             interrupted if bedstretch dies. $XDG_DATA_HOME/bedstretch/session.lock: held while \
             a session runs, so that no other bedstretch recovers it.",
            "$XDG_DATA_HOME/bedstretch/diary-skipped: the last night whose morning question \
             was skipped, so that home does not ask again.",
            "$XDG_DATA_HOME/bedstretch/cache/history-summary.bin and \
             $XDG_DATA_HOME/bedstretch/cache/streak-sessions.bin: summaries of the history for \
             speed, made again when missing; safe to delete.",
            "$TMPDIR/bedstretch-unsaved-<id>.json: a finished session that neither the history \
             nor current.json could take, with the command that adds it to the history.",
        ],
    ),
    (
        "ENVIRONMENT",
        &[
            "XDG_CONFIG_HOME and XDG_DATA_HOME choose the folders (by default ~/.config and \
             ~/.local/share). NO_COLOR turns colour off. VISUAL or EDITOR names the editor for \
             routine edit. COMPLETE is set by the completion scripts to ask for candidates.",
        ],
    ),
    (
        "EXIT STATUS",
        &[
            "0 on success; 1 (or 2 for a command line that cannot be read) with a one-line \
             reason on standard error otherwise. bedstretch status exits 0 when tonight is kept, \
             1 when it is not and 2 when the history cannot be read. bedstretch doctor exits 1 \
             when it finds a problem, which its output names. A closed output pipe ends a \
             command quietly with 0.",
        ],
    ),
];
