// SPDX-License-Identifier: Apache-2.0
//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Inspect, validate, optimize, convert, explain and draw Substrait plans;
/// list the functions the compiler knows.
///
/// PLAN is a Substrait plan file, protobuf binary or protobuf JSON (told
/// apart by content), or `-` for standard input. Without a command, the plan
/// is validated and printed as a tree.
///
/// Exit codes: 0 the plan is valid, 1 the plan is invalid (diagnostics
/// printed), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(
    name = "pyrust-compile",
    version,
    args_conflicts_with_subcommands = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub inspect: PlanArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Validate the plan and print it as a tree (the default).
    Inspect(PlanArgs),
    /// Validate the plan and print its diagnostics.
    Validate(PlanArgs),
    /// Optimize the plan with DataFusion's optimizer and write the result.
    Optimize(TransformArgs),
    /// Convert between protobuf JSON and protobuf binary.
    Convert(TransformArgs),
    /// Print DataFusion's logical, optimized and physical plans.
    Explain(EngineArgs),
    /// Draw the relation tree as a Graphviz DOT graph.
    Dot(PlanArgs),
    /// Draw the relation tree as a Mermaid flowchart.
    Mermaid(PlanArgs),
    /// List the functions of the extension YAMLs the compiler checks calls against.
    Functions(ListArgs),
}

/// Options every command shares.
#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// The plan file (`-` for standard input).
    pub plan: Option<PathBuf>,

    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write the result to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Commands that read no plan.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// How the list is printed.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Commands that run the plan through the engine.
#[derive(Debug, Args)]
pub(crate) struct EngineArgs {
    #[command(flatten)]
    pub plan: PlanArgs,

    /// Read table NAME from a parquet, csv or json file (`NAME=PATH`). Tables
    /// not given are planned as empty tables with the schema the plan declares.
    #[arg(long = "table", value_name = "NAME=PATH", value_parser = parse_table)]
    pub tables: Vec<(String, PathBuf)>,
}

/// Commands that write a plan.
#[derive(Debug, Args)]
pub(crate) struct TransformArgs {
    #[command(flatten)]
    pub engine: EngineArgs,

    /// The encoding of the written plan (default: `convert` switches
    /// encodings, `optimize` keeps the input's).
    #[arg(long, value_enum)]
    pub to: Option<Encoding>,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// For people, like a compiler's errors.
    Text,
    /// For tools: one JSON document.
    Json,
}

/// A Substrait plan encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Encoding {
    /// The canonical protobuf JSON mapping.
    Json,
    /// Protobuf binary.
    Binary,
}

fn parse_table(text: &str) -> Result<(String, PathBuf), String> {
    match text.split_once('=') {
        Some((name, path)) if !name.is_empty() && !path.is_empty() => {
            Ok((name.to_string(), PathBuf::from(path)))
        }
        _ => Err(format!("expected NAME=PATH, got {text:?}")),
    }
}
