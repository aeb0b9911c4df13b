// SPDX-License-Identifier: Apache-2.0
//! `pyrust-compile`: see the `pyrust_cli` library for what it does.

fn main() -> std::process::ExitCode {
    pyrust_cli::run(std::env::args_os()).into()
}
