// SPDX-License-Identifier: Apache-2.0
//! `pyrust-compile`: a person's view of a Substrait plan, and of the functions
//! the compiler knows.
//!
//! The binary is thin: [`run`] parses the command line, calls the compiler
//! (decode, validate, render, list functions) or the runtime (optimize,
//! explain) and maps the
//! outcome to an [`ExitStatus`]. The Python package exposes the same entry
//! point as its `pyrust-compile` console script.
//!
//! ```
//! use pyrust_cli::{ExitStatus, run};
//!
//! // A usage error: no such command.
//! assert_eq!(run(["pyrust-compile", "frobnicate", "plan.json", "extra"]), ExitStatus::Error);
//! ```

mod args;
mod commands;
mod engine;
mod input;
mod output;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

use args::{Cli, Command};

/// How `pyrust-compile` ends; the numbers are its documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// The plan is valid and the command did its work.
    Success = 0,
    /// The plan is invalid; its diagnostics were printed.
    Findings = 1,
    /// Usage or I/O error: the command could not do its work.
    Error = 2,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status as u8)
    }
}

/// Run `pyrust-compile` with `arguments` (the first is the program name).
pub fn run<I, T>(arguments: I) -> ExitStatus
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(arguments) {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version come through here too, and are not failures.
            let _ = error.print();
            return if error.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Success
            };
        }
    };
    let outcome = match cli.command {
        None => commands::inspect(&cli.inspect),
        Some(Command::Inspect(plan)) => commands::inspect(&plan),
        Some(Command::Validate(plan)) => commands::validate(&plan),
        Some(Command::Optimize(transform)) => commands::optimize(&transform),
        Some(Command::Convert(transform)) => commands::convert(&transform),
        Some(Command::Explain(engine)) => commands::explain(&engine),
        Some(Command::Dot(plan)) => commands::draw(&plan, pyrust_compiler::render::dot),
        Some(Command::Mermaid(plan)) => commands::draw(&plan, pyrust_compiler::render::mermaid),
        Some(Command::Functions(list)) => commands::functions(&list),
    };
    match outcome {
        Ok(status) => status,
        Err(error) if is_broken_pipe(&error) => ExitStatus::Success,
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "pyrust-compile failed");
            for cause in error.chain() {
                let _ = writeln!(stderr, "  cause: {cause}");
            }
            ExitStatus::Error
        }
    }
}

/// Output piped into `head` that stops reading is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io_error| io_error.kind() == std::io::ErrorKind::BrokenPipe)
}
