// SPDX-License-Identifier: Apache-2.0
//! A runtime session for the commands that need DataFusion (optimize,
//! explain): the tables given with `--table`, and an empty stand-in for
//! every other table the plan reads, with the schema its `ReadRel` declares.

use std::path::Path;

use anyhow::Context;
use pyrust_runtime::Session;
use pyrust_runtime::catalog::{self, FileFormat, ReadOptions};
use substrait::proto::{NamedStruct, Plan};

/// A session that can plan `plan`.
pub(crate) fn session_for(
    plan: &Plan,
    tables: &[(String, std::path::PathBuf)],
) -> anyhow::Result<Session> {
    let session = Session::new(&[]).context("cannot start the engine")?;
    for (name, path) in tables {
        register_file(&session, name, path)?;
    }
    for (name, schema) in named_table_schemas(plan)? {
        catalog::register_schema_only(&session, &name, &schema)
            .with_context(|| format!("cannot declare table {name} from the plan's base_schema"))?;
    }
    Ok(session)
}

fn register_file(session: &Session, name: &str, path: &Path) -> anyhow::Result<()> {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or_default();
    let format = FileFormat::from_name(extension).with_context(|| {
        format!(
            "--table {name}: cannot tell the format of {}",
            path.display()
        )
    })?;
    // Files given here are data, not Spark reads: CSV has a header and typed columns.
    let options = ReadOptions::new(
        [("header", "true"), ("inferSchema", "true")]
            .map(|(key, value)| (key.into(), value.into())),
    );
    catalog::register_files(
        session,
        name,
        format,
        &[path.display().to_string()],
        &options,
        None,
    )
    .with_context(|| format!("--table {name}: cannot read {}", path.display()))?;
    Ok(())
}

/// Every `(table name, base_schema)` pair read by the plan's `NamedTable` reads.
///
/// Reads nest anywhere (below joins, in subqueries), so this walks the plan's
/// JSON form, which has every relation and expression as nested objects,
/// instead of matching each of Substrait's relation types.
fn named_table_schemas(plan: &Plan) -> anyhow::Result<Vec<(String, NamedStruct)>> {
    let json = serde_json::to_value(plan).context("cannot walk the plan")?;
    let mut found = Vec::new();
    collect_reads(&json, &mut found)?;
    Ok(found)
}

fn collect_reads(
    value: &serde_json::Value,
    found: &mut Vec<(String, NamedStruct)>,
) -> anyhow::Result<()> {
    match value {
        serde_json::Value::Object(object) => {
            if let (Some(table), Some(schema)) =
                (object.get("namedTable"), object.get("baseSchema"))
            {
                let names: Vec<String> =
                    serde_json::from_value(table.get("names").cloned().unwrap_or_default())
                        .context("a namedTable without names")?;
                let schema: NamedStruct =
                    serde_json::from_value(schema.clone()).context("an invalid baseSchema")?;
                if let Some(name) = names.last() {
                    found.push((name.clone(), schema));
                }
            }
            object
                .values()
                .try_for_each(|child| collect_reads(child, found))
        }
        serde_json::Value::Array(items) => items
            .iter()
            .try_for_each(|child| collect_reads(child, found)),
        _ => Ok(()),
    }
}
