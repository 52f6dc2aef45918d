use super::*;

#[test]
fn numbers_are_grouped_in_threes() {
    let shown: Vec<String> = [0, 999, 1000, 1204, 1_234_567].map(grouped).into();
    assert_eq!(shown, ["0", "999", "1,000", "1,204", "1,234,567"]);
    assert_eq!(count(1, "file"), "1 file");
    assert_eq!(count(1204, "line"), "1,204 lines");
}

#[test]
fn the_fix_follows_the_message_in_one_line() {
    let problem = Finding::problem("config", "bad value", "mend it");
    assert_eq!(problem.line(), "bad value; mend it");
    let asked = Finding::problem("config", "did you mean `theme`?", "mend it");
    assert_eq!(asked.line(), "did you mean `theme`? Mend it");
    assert_eq!(Finding::ok("data", "/d").line(), "/d");
}

#[test]
fn a_check_is_info_at_its_head_only_when_a_problem_follows() {
    let head = |wrong: Vec<Finding>| headed("history", "2 files".into(), wrong)[0].level;
    assert_eq!(head(Vec::new()), Level::Ok);
    assert_eq!(
        head(vec![Finding::problem("history", "a copy", "move it")]),
        Level::Info
    );
    assert_eq!(head(vec![Finding::info("history", "a note")]), Level::Ok);
}
