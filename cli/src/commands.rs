// SPDX-License-Identifier: Apache-2.0
//! One function per command: read the plan, call the library, print.

use anyhow::Context;
use prost::Message;
use pyrust_compiler::{Diagnostic, Level};
use pyrust_runtime::ExplainMode;
use substrait::proto::Plan;

use crate::ExitStatus;
use crate::args::{Encoding, EngineArgs, Format, ListArgs, PlanArgs, TransformArgs};
use crate::engine::session_for;
use crate::input::{Input, read_plan};
use crate::output::write;

/// Validate, then print the diagnostics and the plan as a tree.
pub(crate) fn inspect(arguments: &PlanArgs) -> anyhow::Result<ExitStatus> {
    let (plan, diagnostics) = read_and_validate(arguments)?;
    let tree = plan.as_ref().map(pyrust_compiler::render::tree);
    let text = match arguments.format {
        Format::Text => {
            let mut text = render_diagnostics(plan.as_ref(), &diagnostics);
            if let Some(tree) = &tree {
                text.push_str(tree);
            }
            text
        }
        Format::Json => json_report(&diagnostics, tree.as_deref())?,
    };
    write(arguments.output.as_deref(), text.as_bytes())?;
    Ok(status_of(&diagnostics))
}

/// Validate and print the diagnostics only.
pub(crate) fn validate(arguments: &PlanArgs) -> anyhow::Result<ExitStatus> {
    let (plan, diagnostics) = read_and_validate(arguments)?;
    let text = match arguments.format {
        Format::Text => {
            let mut text = render_diagnostics(plan.as_ref(), &diagnostics);
            let errors = diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.level == Level::Error)
                .count();
            let warnings = diagnostics.len() - errors;
            text.push_str(&match errors {
                0 => format!("valid plan ({warnings} warning(s))\n"),
                _ => format!("invalid plan: {errors} error(s), {warnings} warning(s)\n"),
            });
            text
        }
        Format::Json => json_report(&diagnostics, None)?,
    };
    write(arguments.output.as_deref(), text.as_bytes())?;
    Ok(status_of(&diagnostics))
}

/// Optimize a valid plan through DataFusion and write it.
pub(crate) fn optimize(arguments: &TransformArgs) -> anyhow::Result<ExitStatus> {
    let plan_arguments = &arguments.engine.plan;
    let input = read_plan(plan_arguments.plan.as_deref())?;
    let plan = match valid_plan(input.plan, plan_arguments.format)? {
        Ok(plan) => plan,
        Err(status) => return Ok(status),
    };
    let session = session_for(&plan, &arguments.engine.tables)?;
    let optimized = session
        .optimize(&plan.encode_to_vec())
        .context("cannot optimize the plan")?;
    let encoding = arguments.to.unwrap_or(input.encoding);
    write(
        plan_arguments.output.as_deref(),
        &encode(&optimized, encoding)?,
    )?;
    Ok(ExitStatus::Success)
}

/// Write the plan in the other encoding (or the one asked for).
pub(crate) fn convert(arguments: &TransformArgs) -> anyhow::Result<ExitStatus> {
    let plan_arguments = &arguments.engine.plan;
    let input = read_plan(plan_arguments.plan.as_deref())?;
    let plan = match input.plan {
        Ok(plan) => plan,
        Err(diagnostic) => return report_undecodable(&diagnostic, plan_arguments.format),
    };
    let encoding = arguments.to.unwrap_or(match input.encoding {
        Encoding::Json => Encoding::Binary,
        Encoding::Binary => Encoding::Json,
    });
    write(plan_arguments.output.as_deref(), &encode(&plan, encoding)?)?;
    Ok(ExitStatus::Success)
}

/// Print DataFusion's three views of a valid plan.
pub(crate) fn explain(arguments: &EngineArgs) -> anyhow::Result<ExitStatus> {
    let input = read_plan(arguments.plan.plan.as_deref())?;
    let plan = match valid_plan(input.plan, arguments.plan.format)? {
        Ok(plan) => plan,
        Err(status) => return Ok(status),
    };
    let session = session_for(&plan, &arguments.tables)?;
    let bytes = plan.encode_to_vec();
    let mut text = String::new();
    for (title, mode) in [
        ("logical plan", ExplainMode::Logical),
        ("optimized logical plan", ExplainMode::Optimized),
        ("physical plan", ExplainMode::Physical),
    ] {
        let shown = session
            .explain(&bytes, mode)
            .with_context(|| format!("cannot explain the {title}"))?;
        text.push_str(&format!("== {title} ==\n{}\n\n", shown.trim_end()));
    }
    let text = text.trim_end().to_string() + "\n";
    write(arguments.plan.output.as_deref(), text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// Draw the relation tree of a decodable plan with `render`.
pub(crate) fn draw(
    arguments: &PlanArgs,
    render: fn(&Plan) -> String,
) -> anyhow::Result<ExitStatus> {
    let Input { plan, .. } = read_plan(arguments.plan.as_deref())?;
    match plan {
        Ok(plan) => {
            write(arguments.output.as_deref(), render(&plan).as_bytes())?;
            Ok(ExitStatus::Success)
        }
        Err(diagnostic) => report_undecodable(&diagnostic, arguments.format),
    }
}

/// Print every function of the extension YAMLs, by URN.
pub(crate) fn functions(arguments: &ListArgs) -> anyhow::Result<ExitStatus> {
    let functions = pyrust_compiler::extension_functions()?;
    let text = match arguments.format {
        Format::Text => {
            let mut text = String::new();
            let mut current_urn = None;
            for function in &functions {
                if current_urn != Some(&function.urn) {
                    text.push_str(&format!("{}\n", function.urn));
                    current_urn = Some(&function.urn);
                }
                text.push_str(&format!("  {:<9} {}\n", function.kind, function.name));
            }
            text
        }
        Format::Json => {
            let functions: Vec<_> = functions
                .iter()
                .map(|function| {
                    serde_json::json!({
                        "urn": function.urn,
                        "name": function.name,
                        "kind": function.kind,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({ "functions": functions }))
                .context("cannot render the functions as JSON")?
                + "\n"
        }
    };
    write(None, text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// The plan, if it decodes, and every diagnostic about it (or why it does not decode).
fn read_and_validate(arguments: &PlanArgs) -> anyhow::Result<(Option<Plan>, Vec<Diagnostic>)> {
    let Input { plan, .. } = read_plan(arguments.plan.as_deref())?;
    Ok(match plan {
        Ok(plan) => {
            let diagnostics = pyrust_compiler::validate(&plan);
            (Some(plan), diagnostics)
        }
        Err(diagnostic) => (None, vec![diagnostic]),
    })
}

/// The plan if it decodes and validates without errors; else its diagnostics
/// are printed (to standard error: standard output is for the result).
fn valid_plan(
    plan: Result<Plan, Diagnostic>,
    format: Format,
) -> anyhow::Result<Result<Plan, ExitStatus>> {
    let plan = match plan {
        Ok(plan) => plan,
        Err(diagnostic) => return report_undecodable(&diagnostic, format).map(Err),
    };
    let diagnostics = pyrust_compiler::validate(&plan);
    if status_of(&diagnostics) == ExitStatus::Findings {
        let text = match format {
            Format::Text => render_diagnostics(Some(&plan), &diagnostics),
            Format::Json => json_report(&diagnostics, None)?,
        };
        eprint!("{text}");
        return Ok(Err(ExitStatus::Findings));
    }
    Ok(Ok(plan))
}

fn report_undecodable(diagnostic: &Diagnostic, format: Format) -> anyhow::Result<ExitStatus> {
    let diagnostics = std::slice::from_ref(diagnostic);
    let text = match format {
        Format::Text => render_diagnostics(None, diagnostics),
        Format::Json => json_report(diagnostics, None)?,
    };
    eprint!("{text}");
    Ok(ExitStatus::Findings)
}

fn status_of(diagnostics: &[Diagnostic]) -> ExitStatus {
    if diagnostics
        .iter()
        .any(|diagnostic| diagnostic.level == Level::Error)
    {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}

/// Every diagnostic in the full, compiler-like form (with the plan fragment when the plan decoded).
fn render_diagnostics(plan: Option<&Plan>, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| match plan {
            Some(plan) => pyrust_compiler::render::diagnostic_full(plan, diagnostic),
            None => format!("{diagnostic}\n"),
        })
        .map(|rendered| {
            if rendered.ends_with('\n') {
                rendered
            } else {
                rendered + "\n"
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if diagnostics.is_empty() { "" } else { "\n" }
}

/// `{"valid": ..., "diagnostics": [...], "tree": ...}` for tools.
fn json_report(diagnostics: &[Diagnostic], tree: Option<&str>) -> anyhow::Result<String> {
    let mut report = serde_json::json!({
        "valid": status_of(diagnostics) == ExitStatus::Success,
        "diagnostics": diagnostics,
    });
    if let Some(tree) = tree {
        report["tree"] = serde_json::Value::from(tree);
    }
    Ok(
        serde_json::to_string_pretty(&report).context("cannot render the diagnostics as JSON")?
            + "\n",
    )
}

fn encode(plan: &Plan, encoding: Encoding) -> anyhow::Result<Vec<u8>> {
    Ok(match encoding {
        Encoding::Binary => plan.encode_to_vec(),
        Encoding::Json => (pyrust_compiler::encode_plan_json(plan) + "\n").into_bytes(),
    })
}
