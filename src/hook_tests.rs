use super::*;

fn command(written: &str) -> HookCommand {
    HookCommand::parse(written).expect("a command")
}

#[test]
fn the_hook_reads_the_line_and_its_newline_on_standard_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("copy");
    let written = format!("sh -c 'cat > \"$1\"' sh '{}'", copy.display());
    let outcome = Hook::start(&command(&written), "{\"v\":1}").wait_up_to(LIMIT);
    assert_eq!(outcome, Outcome::Ended);
    assert_eq!(
        std::fs::read_to_string(copy).expect("copied"),
        "{\"v\":1}\n"
    );
}

#[test]
fn a_failing_hook_is_one_line_that_says_the_session_is_saved() {
    let outcome = Hook::start(&command("sh -c 'exit 3'"), "{}").wait_up_to(LIMIT);
    assert_eq!(
        outcome,
        Outcome::Failed(
            "on_session_end failed: `sh` exited with status 3; your session is saved".to_string()
        )
    );
}

#[test]
fn a_program_that_is_not_there_is_told_not_waited_for() {
    let mut hooks = Hooks::new(Some(command("/no/such/hook --now")));
    hooks.start("{}".to_string());
    let told = hooks.finish();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].starts_with("on_session_end failed: `/no/such/hook` could not be started: "),
        "{told:?}"
    );
    assert!(told[0].ends_with("; your session is saved"), "{told:?}");
    assert_eq!(hooks.failure(), None, "told once");
}

#[test]
fn without_a_command_nothing_runs() {
    let mut hooks = Hooks::new(None);
    hooks.start("{}".to_string());
    assert_eq!(hooks.finish(), Vec::<String>::new());
}
