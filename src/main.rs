use std::process::ExitCode;

fn main() -> ExitCode {
    match bedstretch::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(error) => {
            // One plain line (or one per problem in a file), never a backtrace.
            eprintln!("bedstretch: {error:#}");
            ExitCode::FAILURE
        }
    }
}
