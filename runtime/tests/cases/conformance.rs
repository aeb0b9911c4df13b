// SPDX-License-Identifier: Apache-2.0
//! The Substrait conformance corpus: every `substrait-tests/cases/<name>.json`
//! plan (proto-JSON) runs against the tables in `substrait-tests/data/`, and
//! its outcome is compared with `<name>.expected` (format in
//! `substrait-tests/README.md`). The test prints one line per case and the
//! pass rate; it fails on any difference, including a recorded expected
//! failure that starts passing (update its record). `PYRUST_UPDATE_GOLDEN=1`
//! rewrites the records of cases that are not expected failures.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use prost::Message;
use pyrust_runtime::Session;
use pyrust_runtime::catalog::{self, FileFormat, ReadOptions};
use substrait::proto::rel::RelType;
use substrait::proto::{Plan, plan_rel};

const DATA_DIR_TOKEN: &str = "$DATA_DIR";
const SEPARATOR: &str = "----";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../substrait-tests")
}

/// What a case is expected to do, as read from its `.expected` file.
#[derive(Debug, Default, Clone, PartialEq)]
struct Expectation {
    /// A known gap: the case is expected not to meet the rest of the record.
    known_gap: Option<String>,
    /// The plan must fail with a message containing this text.
    error: Option<String>,
    /// `name:Type` of each output column, joined by `, `.
    columns: String,
    /// Rows must come in this order (otherwise they are compared sorted).
    ordered: bool,
    rows: Vec<String>,
}

impl Expectation {
    fn parse(text: &str) -> Result<Self, String> {
        let mut expectation = Expectation::default();
        let mut lines = text.lines();
        for line in lines.by_ref() {
            if line == SEPARATOR {
                expectation.rows = lines.map(str::to_string).collect();
                break;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some(reason) = line.strip_prefix("xfail:") {
                expectation.known_gap = Some(reason.trim().to_string());
            } else if let Some(message) = line.strip_prefix("error:") {
                expectation.error = Some(message.trim().to_string());
            } else if let Some(columns) = line.strip_prefix("columns:") {
                expectation.columns = columns.trim().to_string();
            } else if line == "ordered" {
                expectation.ordered = true;
            } else {
                return Err(format!("unknown directive {line:?}"));
            }
        }
        Ok(expectation)
    }

    fn render(&self) -> String {
        let mut text = String::new();
        if let Some(reason) = &self.known_gap {
            writeln!(text, "xfail: {reason}").unwrap();
        }
        if let Some(message) = &self.error {
            writeln!(text, "error: {message}").unwrap();
            return text;
        }
        writeln!(text, "columns: {}", self.columns).unwrap();
        if self.ordered {
            writeln!(text, "ordered").unwrap();
        }
        writeln!(text, "{SEPARATOR}").unwrap();
        for row in &self.rows {
            writeln!(text, "{row}").unwrap();
        }
        text
    }

    /// Whether `outcome` meets this record (ignoring `known_gap`).
    fn is_met_by(&self, outcome: &Outcome) -> bool {
        match (outcome, &self.error) {
            (Outcome::Error(message), Some(expected)) => message.contains(expected.as_str()),
            (Outcome::Rows { columns, rows }, None) => {
                let (mut got, mut want) = (rows.clone(), self.rows.clone());
                if !self.ordered {
                    got.sort();
                    want.sort();
                }
                *columns == self.columns && got == want
            }
            _ => false,
        }
    }
}

/// What running a case did.
#[derive(Debug)]
enum Outcome {
    Rows { columns: String, rows: Vec<String> },
    Error(String),
}

impl Outcome {
    fn describe(&self) -> String {
        match self {
            Outcome::Error(message) => format!("error: {message}"),
            Outcome::Rows { columns, rows } => {
                format!("columns: {columns}\n{SEPARATOR}\n{}", rows.join("\n"))
            }
        }
    }
}

fn render_rows(schema: &SchemaRef, batches: &[RecordBatch]) -> Outcome {
    let columns = schema
        .fields()
        .iter()
        .map(|field| format!("{}:{}", field.name(), field.data_type()))
        .collect::<Vec<_>>()
        .join(", ");
    let options = FormatOptions::default().with_null("NULL");
    let mut rows = Vec::new();
    for batch in batches {
        let formatters: Vec<ArrayFormatter> = batch
            .columns()
            .iter()
            .map(|column| ArrayFormatter::try_new(column.as_ref(), &options).unwrap())
            .collect();
        for row in 0..batch.num_rows() {
            let cells: Vec<String> = formatters
                .iter()
                .map(|formatter| formatter.value(row).to_string())
                .collect();
            rows.push(cells.join(" | "));
        }
    }
    Outcome::Rows { columns, rows }
}

fn session_with_tables(data_dir: &Path) -> Session {
    let session = Session::new(&[(
        "datafusion.execution.target_partitions".to_string(),
        "2".to_string(),
    )])
    .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let (Some(stem), Some(extension)) = (path.file_stem(), path.extension()) else {
            continue;
        };
        let (format, options) = match extension.to_str() {
            Some("csv") => (
                FileFormat::Csv,
                vec![("header", "true"), ("inferSchema", "true")],
            ),
            Some("parquet") => (FileFormat::Parquet, vec![]),
            _ => continue,
        };
        let options = ReadOptions::new(
            options
                .into_iter()
                .map(|(key, value)| (key.to_string(), value.to_string())),
        );
        catalog::register_files(
            &session,
            &stem.to_string_lossy(),
            format,
            &[path.display().to_string()],
            &options,
            None,
        )
        .unwrap();
    }
    session
}

/// Whether the plan's result has a defined order (its root is a sort, or a fetch of one).
fn root_is_ordered(plan: &Plan) -> bool {
    let Some(plan_rel::RelType::Root(root)) = plan
        .relations
        .last()
        .and_then(|relation| relation.rel_type.as_ref())
    else {
        return false;
    };
    match root.input.as_ref().and_then(|rel| rel.rel_type.as_ref()) {
        Some(RelType::Sort(_)) => true,
        Some(RelType::Fetch(fetch)) => {
            matches!(
                fetch.input.as_ref().and_then(|rel| rel.rel_type.as_ref()),
                Some(RelType::Sort(_))
            )
        }
        _ => false,
    }
}

fn run_case(session: &Session, json: &str) -> (Outcome, bool) {
    let plan: Plan = match pyrust_compiler::decode_plan_json(json) {
        Ok(plan) => plan,
        Err(error) => {
            return (
                Outcome::Error(format!("cannot decode the plan's JSON: {error}")),
                false,
            );
        }
    };
    let ordered = root_is_ordered(&plan);
    let outcome = match session.execute(&plan.encode_to_vec()) {
        Ok((schema, batches)) => render_rows(&schema, &batches),
        Err(error) => Outcome::Error(
            error
                .to_string()
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" / "),
        ),
    };
    (outcome, ordered)
}

#[test]
fn substrait_conformance_corpus() {
    let corpus = corpus_dir();
    let data_dir = corpus.join("data").canonicalize().unwrap();
    let session = session_with_tables(&data_dir);
    let update = std::env::var_os("PYRUST_UPDATE_GOLDEN").is_some_and(|value| value == "1");

    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus.join("cases"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", corpus.display());

    let (mut passed, mut known_gaps, mut failures) = (0, 0, Vec::new());
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().to_string();
        let json = std::fs::read_to_string(case)
            .unwrap()
            .replace(DATA_DIR_TOKEN, &data_dir.display().to_string());
        let (outcome, ordered) = run_case(&session, &json);
        let record_path = case.with_extension("expected");
        let record = std::fs::read_to_string(&record_path).ok();
        let expectation = match record.as_deref().map(Expectation::parse) {
            Some(Ok(expectation)) => Some(expectation),
            Some(Err(problem)) => {
                failures.push(format!("{name}: bad record: {problem}"));
                println!("FAIL   {name} (bad record)");
                continue;
            }
            None => None,
        };
        let meets = expectation
            .as_ref()
            .is_some_and(|expectation| expectation.is_met_by(&outcome));
        let known_gap = expectation
            .as_ref()
            .and_then(|expectation| expectation.known_gap.clone());
        match (meets, known_gap) {
            (true, None) => {
                passed += 1;
                println!("pass   {name}");
            }
            (false, Some(reason)) => {
                known_gaps += 1;
                println!("xfail  {name} ({reason})");
            }
            (true, Some(_)) => {
                println!("XPASS  {name}");
                failures.push(format!(
                    "{name}: passes but is recorded as a known gap; remove its xfail line"
                ));
            }
            (false, None) if update => {
                let mut fresh = match &outcome {
                    Outcome::Error(message) => Expectation {
                        error: Some(message.clone()),
                        ..Expectation::default()
                    },
                    Outcome::Rows { columns, rows } => Expectation {
                        columns: columns.clone(),
                        rows: rows.clone(),
                        ordered,
                        ..Expectation::default()
                    },
                };
                fresh.ordered &= fresh.error.is_none();
                std::fs::write(&record_path, fresh.render()).unwrap();
                passed += 1;
                println!("UPDATE {name}");
            }
            (false, None) => {
                println!("FAIL   {name}");
                let wanted = record.unwrap_or_else(|| String::from("(no .expected record)"));
                failures.push(format!(
                    "{name}:\n--- expected\n{wanted}\n--- got\n{}",
                    outcome.describe()
                ));
            }
        }
    }
    let total = cases.len();
    println!(
        "substrait conformance: {passed}/{total} passed ({:.1}%), {known_gaps} known gaps, {} failures",
        100.0 * f64::from(passed) / f64::from(u32::try_from(total).unwrap()),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} conformance failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
