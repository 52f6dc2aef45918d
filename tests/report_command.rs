//! `bedstretch report` through the binary on a fixture history of three hand-worked weeks,
//! synced from two devices: kept nights 3, 6 and 5, four diary entries (one noted twice, one
//! with a note full of markup), a session stopped with "this hurts", a routine whose name
//! holds a comma. Each form is read the way its reader would: Markdown as lines, CSV field by
//! field, HTML as XML.

mod support;

use support::cli::{has_line, text_of, xhtml};

const THREE_WEEKS: &str = "tests/fixtures/report/three-weeks";
/// Monday 23 November, morning: the fixture's three weeks end last night.
const AS_OF: &str = "2026-11-23T09:00:00+01:00";
const NOTE: &str = "<b>& calf, \"again\"[31m";
const SENTENCE: &str =
    "Not enough nights yet to compare: 2 with stretching, 2 without; 7 of each are needed.";

/// Runs bedstretch on a copy of `fixture` (or on an empty history), so that the summary
/// cache it writes lands in a temporary folder and never in the source tree.
fn run(fixture: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let data = match fixture {
        Some(fixture) => support::cli::fixture_copy(fixture),
        None => tempfile::tempdir().expect("temp dir"),
    };
    std::fs::create_dir_all(data.path().join("bedstretch/history")).expect("history folder");
    let args: Vec<&str> = ["report"].iter().chain(args).copied().collect();
    let output = support::cli::bedstretch(data.path(), &args)
        .env("XDG_DATA_HOME", data.path())
        .output()
        .expect("runs");
    support::cli::said(&output)
}

/// The fixture's report in `format`, which must succeed without a word on stderr.
fn three_weeks(format: &str) -> String {
    let args = [
        "--since",
        "2026-11-02",
        "--as-of",
        AS_OF,
        "--format",
        format,
    ];
    let (code, stdout, stderr) = run(Some(THREE_WEEKS), &args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    stdout
}

#[test]
fn markdown_shows_the_weeks_routines_hurt_steps_diary_and_comparison() {
    let md = three_weeks("md");
    assert!(
        md.starts_with("# Bedtime stretching and night cramps\n"),
        "{md}"
    );
    has_line(
        &md,
        "Nights of Mon 2 Nov 2026 to Sun 22 Nov 2026 (21 nights), made Mon 23 Nov 2026 09:00 +01:00.",
    );
    has_line(&md, "- Nights kept: 14 of 21 (67 %)");
    has_line(&md, "- Sessions: 16");
    has_line(&md, "- Diary entries: 4, 3 with a cramp");
    has_line(&md, "| 2 Nov – 8 Nov | 3 of 7 | 43 % | 0 | 3 | 1 of 2 |");
    has_line(&md, "| 9 Nov – 15 Nov | 6 of 7 | 86 % | 0 | 8 | 1 of 1 |");
    has_line(&md, "| 16 Nov – 22 Nov | 5 of 7 | 71 % | 0 | 5 | 1 of 1 |");
    has_line(&md, "| Bedtime feet | 15 |");
    has_line(&md, "| Calves, quick | 1 |");
    has_line(&md, "| Wall calf stretch | left | 1 |");
    has_line(&md, "| Tue 3 Nov 2026 | kept | 0 | – |  |  |");
    // The markup is escaped, and the escape sequence's ESC is gone.
    has_line(
        &md,
        "| Thu 5 Nov 2026 | missed | 6 | left | 2 | \\<b\\>& calf, \"again\"\\[31m |",
    );
    has_line(&md, "| Thu 12 Nov 2026 | partly | 4 | right |  |  |");
    // Noted twice that morning: the later entry stands.
    has_line(&md, "| Fri 20 Nov 2026 | kept | 3 | both |  |  |");
    has_line(&md, SENTENCE);
    // No trial: no section for it; no night worth discussing: said so.
    assert!(!md.contains("Your trial"), "{md}");
    assert!(
        md.contains("\n## Worth discussing\n\nNone in this period.\n"),
        "{md}"
    );
    has_line(&md, "| After stretching | 2 | 1 (50 %) | 1.5 | 0.5 |");
    has_line(&md, "| Other nights | 2 | 2 (100 %) | 5.0 | 1.5 |");
    has_line(
        &md,
        "Left out: 0 rest days and 17 nights without a diary entry.",
    );
    assert!(md.contains("an association in one person's own diary, not a trial"));
    assert!(!md.to_lowercase().contains("prove"));
    assert!(!md.contains('\u{1b}'));
}

const CSV_HEADER: &str = "night,evening,sessions,routines,severity,side,cramps,note,hurt,\
worth_discussing,trial_phase,trial_cramps_a_night,trial_difference,trial_ci95_low,\
trial_ci95_high,paused";

/// The fields of one CSV line, as RFC 4180 reads them (no field in these rows spans lines).
fn fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let (mut quoted, mut chars) = (false, line.chars().peekable());
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("a field");
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (_, '"') => quoted = !quoted,
            (false, ',') => fields.push(String::new()),
            (_, c) => field.push(c),
        }
    }
    fields
}

#[test]
fn csv_has_a_header_and_one_row_per_night() {
    let csv = three_weeks("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], CSV_HEADER);
    assert_eq!(lines.len(), 1 + 21);
    let rows: Vec<Vec<String>> = lines[1..].iter().map(|l| fields(l)[..9].to_vec()).collect();
    // No trial, nothing worth discussing, no pause: those columns are there, and empty.
    assert!(lines[1..].iter().all(|l| l.ends_with(",,,,,,,")), "{csv}");
    assert_eq!(rows[0][0], "2026-11-02");
    assert_eq!(rows[20][0], "2026-11-22");
    let kept = rows.iter().filter(|r| r[1] == "kept").count();
    assert_eq!(kept, 14);
    assert_eq!(
        rows[3],
        ["2026-11-05", "missed", "0", "", "6", "left", "2", NOTE, ""]
    );
    assert_eq!(
        rows[8],
        [
            "2026-11-10",
            "kept",
            "2",
            "Bedtime feet; Calves, quick",
            "",
            "",
            "",
            "",
            "Wall calf stretch (left)"
        ]
    );
    assert_eq!(
        rows[10][1..6],
        ["partly", "1", "Bedtime feet", "4", "right"]
    );
    // The quoting itself, as written.
    assert!(lines[4].ends_with(",\"<b>& calf, \"\"again\"\"[31m\",,,,,,,,"));
}

fn with_class<'a>(
    doc: &'a roxmltree::Document,
    tag: &str,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag && n.attribute("class") == Some(class))
        .collect()
}

#[test]
fn html_is_one_self_contained_page_with_its_figures() {
    let html = three_weeks("html");
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    let doc = xhtml(&html);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/1999/xhtml")
    );

    // Nothing runs, nothing is fetched, and it prints on A4.
    assert!(!html.to_lowercase().contains("<script"));
    for node in doc.descendants() {
        for attribute in ["src", "href"] {
            assert!(node.attribute(attribute).is_none(), "{node:?}");
        }
    }
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .expect("a style sheet");
    assert!(text_of(style).contains("@page { size: A4; margin: 15mm }"));

    // The weeks chart: a bar a week, labelled kept/due above and the week's Monday below.
    let charts: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "svg")
        .collect();
    assert_eq!(charts.len(), 2);
    let labels: Vec<String> = charts[0]
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(text_of)
        .collect();
    assert_eq!(
        labels,
        [
            "0 %", "50 %", "100 %", "3/7", "2 Nov", "6/7", "9 Nov", "5/7", "16 Nov"
        ]
    );
    let bars = with_class(&doc, "rect", "bar");
    let heights: Vec<&str> = bars.iter().filter_map(|b| b.attribute("height")).collect();
    // 3/7, 6/7 and 5/7 of 150 units.
    assert_eq!(heights, ["64.3", "128.6", "107.1"]);

    // The severity chart: three cramp nights, one noted without cramps, over 14 kept nights.
    assert_eq!(with_class(&doc, "rect", "severity").len(), 3);
    assert_eq!(with_class(&doc, "rect", "none").len(), 1);
    assert_eq!(with_class(&doc, "rect", "kept").len(), 14);
    assert_eq!(with_class(&doc, "rect", "partly").len(), 1);
    assert_eq!(with_class(&doc, "rect", "missed").len(), 6);

    let sentence = with_class(&doc, "p", "sentence");
    assert_eq!(
        sentence.iter().map(|p| text_of(*p)).collect::<Vec<_>>(),
        [SENTENCE]
    );
    let caveat = with_class(&doc, "p", "caveat");
    assert!(text_of(caveat[0]).contains("not a trial"));
    assert!(!html.to_lowercase().contains("prove"));

    // The note reads back as written, escaped in the file.
    let cells: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("td"))
        .map(text_of)
        .collect();
    assert!(cells.iter().any(|c| c == NOTE), "{cells:?}");
    assert!(html.contains("&lt;b&gt;&amp; calf, &quot;again&quot;[31m"));
    assert!(cells.iter().any(|c| c == "Calves, quick"));
    assert!(cells.iter().any(|c| c == "Wall calf stretch"));
}

#[test]
fn an_empty_history_gives_a_report_that_says_so() {
    let (code, md, stderr) = run(None, &["--as-of", AS_OF]);
    assert_eq!(code, 0, "{stderr}");
    has_line(
        &md,
        "Nights of Tue 25 Aug 2026 to Sun 22 Nov 2026 (90 nights), made Mon 23 Nov 2026 09:00 +01:00.",
    );
    has_line(&md, "- Nights kept: none due");
    has_line(&md, "- Before the first session: 90 nights");
    assert!(!md.contains("Rest days:"), "{md}");
    // A diary not begun is not a diary left unwritten.
    has_line(
        &md,
        "Left out: 0 rest days, 0 nights without a diary entry and 90 nights before the first \
         session or diary entry.",
    );
    has_line(&md, "No sessions or diary entries yet.");
    has_line(&md, "No sessions in this period.");
    has_line(&md, "None in this period.");
    has_line(&md, "No entries in this period.");
    has_line(
        &md,
        "Not enough nights yet to compare: 0 with stretching, 0 without; 7 of each are needed.",
    );
    let (code, html, stderr) = run(None, &["--as-of", AS_OF, "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    xhtml(&html);
    let (code, csv, stderr) = run(None, &["--as-of", AS_OF, "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(csv.lines().count(), 1 + 90);
    assert!(
        csv.lines()
            .nth(1)
            .expect("a night")
            .starts_with("2026-08-25,not started,0,")
    );
}

/// Refused: a non-zero exit, nothing on stdout, and the reason on stderr's first line.
fn refused(args: &[&str], message: &str) {
    let (code, stdout, stderr) = run(Some(THREE_WEEKS), args);
    assert_ne!(code, 0, "{args:?} was accepted");
    assert_eq!(stdout, "", "{args:?}");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.contains(message), "{args:?}: {stderr}");
}

#[test]
fn bad_input_is_refused_with_the_rule_and_an_example() {
    refused(
        &["--since", "2026-13-01"],
        "expected a date as YEAR-MONTH-DAY, such as 2026-11-01",
    );
    refused(
        &["--since", "last week"],
        "expected a date as YEAR-MONTH-DAY, such as 2026-11-01",
    );
    refused(
        &["--format", "pdf"],
        "invalid value 'pdf' for '--format <FORMAT>'",
    );
    refused(
        &["--as-of", "yesterday"],
        "such as 2026-11-23T22:00:00+01:00",
    );
}

#[test]
fn a_since_that_has_not_ended_is_refused_in_one_line() {
    for since in ["2026-11-23", "2027-01-01"] {
        let (code, stdout, stderr) = run(Some(THREE_WEEKS), &["--since", since, "--as-of", AS_OF]);
        assert_eq!(code, 1);
        assert_eq!(stdout, "");
        assert_eq!(
            stderr,
            format!(
                "bedstretch: --since: the night of {since} has not ended yet; a report covers \
                 nights up to last night, such as --since 2026-11-22\n"
            )
        );
    }
    let (code, _, stderr) = run(
        Some(THREE_WEEKS),
        &["--since", "2016-01-01", "--as-of", AS_OF],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "bedstretch: --since: 2016-01-01 is more than 3660 nights ago; a report covers at most \
         that many, such as --since 2016-11-15\n"
    );
}

/// A diary line synced from another device with a severity of 99: every reader skips it with
/// the same warning, and the report never shows the 99 (it used to, while `stats` capped it).
#[test]
fn a_severity_out_of_range_is_skipped_with_one_warning_by_every_command() {
    let root = tempfile::tempdir().expect("temp dir");
    let history = root.path().join("data/bedstretch/history");
    std::fs::create_dir_all(&history).expect("history folder");
    let file = history.join("phone.jsonl");
    std::fs::write(
        &file,
        "{\"v\":1,\"kind\":\"cramp\",\"id\":\"c-99\",\"night\":\"2026-11-20\",\"severity\":99,\
         \"logged_at\":\"2026-11-21T07:15:00+01:00\"}\n\
         {\"v\":1,\"kind\":\"cramp\",\"id\":\"c-4\",\"night\":\"2026-11-21\",\"severity\":4,\
         \"logged_at\":\"2026-11-22T07:15:00+01:00\"}\n",
    )
    .expect("write");
    let warning = format!(
        "bedstretch: {}:1:1: skipped a line that is not a history record (severity must be 0 \
         to 10, got 99)\n",
        file.display()
    );
    let mut reports = Vec::new();
    for args in [
        &["report", "--as-of", AS_OF][..],
        &["report", "--as-of", AS_OF, "--format", "csv"],
        &["report", "--as-of", AS_OF, "--format", "html"],
        &["stats", "--as-of", AS_OF],
        &["history", "--as-of", AS_OF],
    ] {
        let (code, stdout, stderr) = support::cli::run(root.path(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(stderr, warning, "{args:?}");
        if args[0] == "report" {
            reports.push(stdout);
        }
    }
    let [md, csv, html] = &reports[..] else {
        panic!("three reports")
    };
    has_line(md, "| Sat 21 Nov 2026 | not started | 4 | – |  |  |");
    assert!(!md.contains("Fri 20 Nov 2026 |"), "{md}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("2026-11-21,not started,0,,4,"))
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("2026-11-20,not started,0,,,"))
    );
    // The chart's only severity is the 4 (its style sheet has #999 in it, so look closer).
    assert!(html.contains("Sat 21 Nov 2026: severity 4"));
    assert!(
        !html.contains("severity 99") && !html.contains(">99<"),
        "{html}"
    );
    assert!(!md.contains("99") && !csv.contains("99"));
}
