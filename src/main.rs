use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // A shell pressing Tab runs bedstretch with COMPLETE set: answer and exit before anything
    // else is read or written.
    bedstretch::cli::answer_completion_request();
    match bedstretch::cli::run(std::env::args_os()) {
        Ok(code) => code,
        // `bedstretch history | head -1`: the reader has all it wanted; that is no failure.
        Err(error) if closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // One plain line (or one per problem in a file), never a backtrace; and never a
            // panic when standard error itself is gone with the terminal.
            // The error may quote a file's name or text; it is cleaned of controls on its way.
            let line = bedstretch::core::text::clean_multiline(&once(&error));
            let _ = writeln!(io::stderr(), "bedstretch: {line}");
            ExitCode::FAILURE
        }
    }
}

/// True when the command failed only because its output was closed.
fn closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line, each said once: a cause that the message before it
/// already quotes (as "cannot read: it is a folder" quotes "it is a folder") is not repeated.
fn once(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}
