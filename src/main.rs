use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match bedstretch::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(error) => {
            // One plain line (or one per problem in a file), never a backtrace; and never a
            // panic when standard error itself is gone with the terminal.
            // The error may quote a file's name or text; it is cleaned of controls on its way.
            let line = bedstretch::core::text::clean_multiline(&format!("{error:#}"));
            let _ = writeln!(std::io::stderr(), "bedstretch: {line}");
            ExitCode::FAILURE
        }
    }
}
