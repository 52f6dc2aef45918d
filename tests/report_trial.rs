//! `bedstretch report` on a history with a personal trial whose truth is known: a 14-night
//! baseline with 30 cramps (3 on each of the first two nights, 2 on the others), then 42
//! kept nights of calf-hamstring with 8 cramps (one on every fifth night from the first,
//! 15 Oct to 19 Nov). So 2.14 cramps a night before, 0.19 during, a difference of -1.95. The
//! morning of 20 Nov the night of the 19th was noted again on the phone, as `bedstretch
//! cramp 7 --minutes 15` writes it: a cramp of 15 minutes, worth discussing.

mod support;

use support::cli::{has_line, text_of, xhtml};

const TRIAL: &str = "tests/fixtures/report/trial";
/// Friday 27 November, morning: the trial's last night, the 25th, is behind.
const AS_OF: &str = "2026-11-27T09:00:00+01:00";
const VERDICT: &str = "Cramps were less frequent during the program: 2.14 a night before, 0.19 \
                       during, a difference of -1.95 (95 % interval ";
const CAVEAT: &str = "A before/after diary cannot rule out that cramps come and go by \
                      themselves, or that you started when they were at their worst \
                      (regression to the mean).";
const WORTH: &str = "Cramps that last over 10 minutes, or come with swelling, numbness or \
                     weakness, are worth showing to a doctor.";

/// bedstretch with `args` on a copy of the fixture; it must succeed without a word on stderr.
fn run(args: &[&str]) -> String {
    let data = support::cli::fixture_copy(TRIAL);
    let output = support::cli::bedstretch(data.path(), args)
        .env("XDG_DATA_HOME", data.path())
        .output()
        .expect("runs");
    let (code, stdout, stderr) = support::cli::said(&output);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    stdout
}

fn report(format: &str) -> String {
    run(&["report", "--as-of", AS_OF, "--format", format])
}

/// The review's interval as `program review --json` gives it.
fn ci95() -> [f64; 2] {
    let json: serde_json::Value =
        serde_json::from_str(&run(&["program", "review", "--json", "--as-of", AS_OF]))
            .expect("json");
    let ci = &json["difference"]["ci95"];
    let end = |i: usize| ci[i].as_f64().expect("a number");
    assert_eq!(json["difference"]["cramps_per_night"], -1.95);
    assert!(end(0) < -1.95 && -1.95 < end(1) && end(1) < 0.0, "{ci}");
    [end(0), end(1)]
}

#[test]
fn markdown_gives_the_trial_side_by_side_with_its_answer_and_weeks() {
    let md = report("md");
    let [low, high] = ci95();
    has_line(&md, "## Your trial of calf-hamstring (done)");
    has_line(
        &md,
        "Baseline Thu 1 Oct to Wed 14 Oct; program Thu 15 Oct to Wed 25 Nov.",
    );
    has_line(&md, "| Nights noted | 14 | 42 |");
    has_line(&md, "| Cramps a night | 2.14 | 0.19 |");
    has_line(&md, "| Nights with a cramp | 100 % | 19 % |");
    has_line(&md, "| Mean severity | 5.0 | 0.7 |");
    has_line(&md, "| Nights kept | 0 | 42 |");
    has_line(
        &md,
        &format!(
            "Difference in cramps a night, during less before: -1.95 (95 % interval {low:.2} \
             to {high:.2}, from 2000 bootstrap resamples of the nights)."
        ),
    );
    let verdict = format!("**{VERDICT}{low:.2} to {high:.2}).**");
    has_line(&md, &verdict);
    assert_eq!(md.matches(CAVEAT).count(), 1, "{md}");
    has_line(&md, "| Before 1 | 1 Oct | 7 | 2.29 |");
    has_line(&md, "| Before 2 | 8 Oct | 7 | 2.00 |");
    has_line(&md, "| Week 1 | 15 Oct | 7 | 0.29 |");
    has_line(&md, "| Week 6 | 19 Nov | 7 | 0.14 |");
    // The weeks of adherence start at the week of the first diary entry, not 90 nights back.
    let adherence = md.split("## Adherence by week").nth(1).expect("weeks");
    let first_week = adherence
        .lines()
        .find(|l| l.starts_with("| ") && !l.starts_with("| Week") && !l.starts_with("| ---"));
    assert_eq!(
        first_week,
        Some("| 28 Sep – 4 Oct | none due | – | 0 | 0 | 4 of 4 |")
    );
}

#[test]
fn markdown_lists_the_night_worth_discussing_after_the_line() {
    let md = report("md");
    assert!(
        md.contains(&format!(
            "## Worth discussing\n\n{WORTH}\n\n| Night | Why |\n| --- | --- |\n\
             | Thu 19 Nov 2026 | a cramp that lasted 15 minutes |\n"
        )),
        "{md}"
    );
}

#[test]
fn html_gives_the_trial_with_a_chart_of_its_weeks() {
    let html = report("html");
    let [low, high] = ci95();
    let doc = xhtml(&html);
    let texts = |tag: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name(tag))
            .map(text_of)
            .collect()
    };
    let rows: Vec<Vec<String>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .map(|tr| {
            tr.children()
                .filter(|c| c.is_element())
                .map(text_of)
                .collect()
        })
        .collect();
    let has_row = |row: &[&str]| {
        assert!(rows.iter().any(|r| r == row), "no row {row:?} in {rows:?}");
    };
    has_row(&["Cramps a night", "2.14", "0.19"]);
    has_row(&["Nights kept", "0", "42"]);
    has_row(&["Week 1", "15 Oct", "7", "0.29"]);
    has_row(&["Thu 19 Nov 2026", "a cramp that lasted 15 minutes"]);
    let paragraphs = texts("p");
    let difference = format!(
        "Difference in cramps a night, during less before: -1.95 (95 % interval {low:.2} to \
         {high:.2}, from 2000 bootstrap resamples of the nights)."
    );
    assert!(paragraphs.contains(&difference), "{paragraphs:?}");
    assert!(paragraphs.contains(&format!("{VERDICT}{low:.2} to {high:.2}).")));
    assert_eq!(paragraphs.iter().filter(|p| *p == CAVEAT).count(), 1);
    assert!(paragraphs.contains(&WORTH.to_string()));
    assert!(texts("h2").contains(&"Your trial of calf-hamstring (done)".to_string()));

    // The third chart: a bar a week, the baseline's two pale, each with its figure above.
    let charts: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("svg"))
        .collect();
    assert_eq!(charts.len(), 3);
    let trial = charts[2];
    let class_count = |class: &str| {
        trial
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some(class))
            .count()
    };
    assert_eq!((class_count("before"), class_count("bar")), (2, 6));
    let labels: Vec<String> = trial
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(text_of)
        .collect();
    assert_eq!(
        labels[..7],
        ["0", "1.5", "3", "2.29", "Before 1", "2.00", "Before 2"]
    );
}

/// The fields of one CSV line; none of these rows quotes a field.
fn fields(line: &str) -> Vec<&str> {
    line.split(',').collect()
}

#[test]
fn csv_says_each_nights_period_with_its_figures_and_reasons() {
    let csv = report("csv");
    let [low, high] = ci95();
    let mut lines = csv.lines();
    let header = fields(lines.next().expect("a header"));
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let rows: Vec<Vec<&str>> = lines.map(fields).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()), "{csv}");
    let night = |date: &str| rows.iter().find(|r| r[0] == date).expect(date);
    let trial = |date: &str| night(date)[column("trial_phase")..column("paused")].to_vec();
    assert_eq!(trial("2026-09-30"), ["", "", "", "", ""]);
    assert_eq!(trial("2026-10-01"), ["baseline", "2.14", "", "", ""]);
    assert_eq!(trial("2026-10-14"), ["baseline", "2.14", "", "", ""]);
    let (low, high) = (format!("{low:.2}"), format!("{high:.2}"));
    let program = ["program", "0.19", "-1.95", low.as_str(), high.as_str()];
    assert_eq!(trial("2026-10-15"), program);
    assert_eq!(trial("2026-11-25"), program);
    assert_eq!(trial("2026-11-26"), ["", "", "", "", ""]);
    let worth = column("worth_discussing");
    assert_eq!(night("2026-11-19")[worth], "a cramp that lasted 15 minutes");
    let worth_nights = rows.iter().filter(|r| !r[worth].is_empty()).count();
    assert_eq!(worth_nights, 1);
}
