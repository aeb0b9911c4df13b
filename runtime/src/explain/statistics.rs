// SPDX-License-Identifier: Apache-2.0
//! Spark's plan statistics for the `cost` explain mode: each node of the
//! optimized logical plan with `Statistics(sizeInBytes=..., rowCount=...)`.
//!
//! Leaves (table scans) take DataFusion's statistics of the scan: its row count
//! and byte size (exact for in-memory data, estimated from file metadata for
//! files; Spark's default of `Long.MaxValue` bytes when DataFusion knows
//! neither). Above them sizes follow Spark's size-only estimation
//! (`SizeInBytesOnlyStatsPlanVisitor`): an operator of one input keeps its
//! input's size scaled by the ratio of their row widths (Spark's default
//! sizes per type plus 8 bytes a row) and drops the row count; a limit or a
//! global aggregation knows its row count; a union adds sizes; a join
//! multiplies them (a semi or anti join keeps its kept input's); a hint is
//! transparent.

use std::collections::HashMap;
use std::fmt;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::DFSchema;
use datafusion::logical_expr::{FetchType, JoinType, LogicalPlan};

use super::{Line, tree};

/// DataFusion's statistics of each table scan, by the address of its plan node.
#[derive(Debug, Default)]
pub(crate) struct LeafStatistics(pub(crate) HashMap<usize, Leaf>);

/// What DataFusion knows of one scan.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Leaf {
    pub(crate) rows: Option<usize>,
    pub(crate) bytes: Option<usize>,
}

/// The address identifying a plan node while the plan is borrowed.
pub(crate) fn node_address(plan: &LogicalPlan) -> usize {
    std::ptr::from_ref(plan) as usize
}

/// Spark's estimate of a node: its size in bytes and, where known, its rows.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Estimate {
    size: f64,
    rows: Option<f64>,
}

/// Spark's size of a relation it knows nothing of (`spark.sql.defaultSizeInBytes`, `Long.MaxValue`).
const DEFAULT_SIZE: f64 = 9_223_372_036_854_775_807.0;

impl fmt::Display for Estimate {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "Statistics(sizeInBytes={}", bytes_to_string(self.size))?;
        if let Some(rows) = self.rows {
            write!(formatter, ", rowCount={rows:.0}")?;
        }
        write!(formatter, ")")
    }
}

/// Spark's `Utils.bytesToString`: `72.0 B`, `2.5 KiB`, `8.0 EiB`, `8.51E+37 B`.
fn bytes_to_string(size: f64) -> String {
    const UNITS: [(&str, i32); 6] = [("EiB", 60), ("PiB", 50), ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)];
    let exbibyte = 2f64.powi(60);
    if size >= 2f64.powi(63) {
        if size < 2048.0 * exbibyte {
            return format!("{:.1} EiB", size / exbibyte);
        }
        let scientific = format!("{size:.2e}");
        let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
        return format!("{mantissa}E+{exponent} B");
    }
    for (unit, power) in UNITS {
        let unit_size = 2f64.powi(power);
        if size >= 2.0 * unit_size {
            return format!("{:.1} {unit}", size / unit_size);
        }
    }
    format!("{size:.1} B")
}

/// Spark's default size of a value of `data_type` (`DataType.defaultSize`).
fn default_size(data_type: &DataType) -> f64 {
    match data_type {
        DataType::Null | DataType::Boolean | DataType::Int8 | DataType::UInt8 => 1.0,
        DataType::Int16 | DataType::UInt16 | DataType::Float16 => 2.0,
        DataType::Int32 | DataType::UInt32 | DataType::Float32 | DataType::Date32 | DataType::Time32(_) => 4.0,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => 20.0,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView | DataType::FixedSizeBinary(_) => 100.0,
        DataType::Decimal32(precision, _)
        | DataType::Decimal64(precision, _)
        | DataType::Decimal128(precision, _)
        | DataType::Decimal256(precision, _) => {
            if *precision <= 18 {
                8.0
            } else {
                16.0
            }
        }
        DataType::Interval(datafusion::arrow::datatypes::IntervalUnit::YearMonth) => 4.0,
        DataType::Interval(datafusion::arrow::datatypes::IntervalUnit::MonthDayNano) => 16.0,
        DataType::List(field)
        | DataType::LargeList(field)
        | DataType::ListView(field)
        | DataType::LargeListView(field)
        | DataType::FixedSizeList(field, _)
        | DataType::Map(field, _) => default_size(field.data_type()),
        DataType::Struct(fields) => fields.iter().map(|field| default_size(field.data_type())).sum(),
        DataType::Dictionary(_, values) => default_size(values),
        _ => 8.0,
    }
}

/// Spark's size of a row of `schema` (`EstimationUtils.getSizePerRow`).
fn row_size(schema: &DFSchema) -> f64 {
    8.0 + schema.fields().iter().map(|field| default_size(field.data_type())).sum::<f64>()
}

/// `rows` rows of `schema`, as Spark sizes a relation of known row count.
fn of_rows(rows: f64, schema: &DFSchema) -> Estimate {
    if rows == 0.0 {
        return Estimate { size: 1.0, rows: Some(0.0) };
    }
    Estimate { size: rows * row_size(schema), rows: Some(rows) }
}

/// Spark's `visitUnaryNode`: the input's size scaled by the row widths, no row count.
fn scaled(plan: &LogicalPlan, input: &LogicalPlan, estimate: Estimate) -> Estimate {
    let size = (estimate.size * row_size(plan.schema()) / row_size(input.schema())).floor();
    Estimate { size: size.max(1.0), rows: None }
}

/// A count as an estimate's number.
#[expect(clippy::cast_precision_loss, reason = "counts and sizes are estimates; Spark's are too")]
fn estimated(count: usize) -> f64 {
    count as f64
}

fn estimate(plan: &LogicalPlan, inputs: &[Estimate], leaves: &LeafStatistics) -> Estimate {
    let unary = || match (plan.inputs().first(), inputs.first()) {
        (Some(input), Some(estimate)) => scaled(plan, input, *estimate),
        _ => Estimate { size: DEFAULT_SIZE, rows: None },
    };
    match plan {
        LogicalPlan::TableScan(scan) => {
            let leaf = leaves.0.get(&node_address(plan)).copied().unwrap_or_default();
            let (rows, bytes) = (leaf.rows.map(estimated), leaf.bytes.map(estimated));
            let fetch = scan.fetch.map(estimated);
            match (fetch, rows) {
                (Some(fetch), Some(rows)) => of_rows(fetch.min(rows), plan.schema()),
                (Some(fetch), None) => of_rows(fetch, plan.schema()),
                (None, Some(rows)) => Estimate { size: bytes.unwrap_or_else(|| rows * row_size(plan.schema())), rows: Some(rows) },
                (None, None) => Estimate { size: bytes.unwrap_or(DEFAULT_SIZE), rows: None },
            }
        }
        LogicalPlan::Limit(limit) => match limit.get_fetch_type() {
            Ok(FetchType::Literal(Some(fetch))) => {
                let fetch = estimated(fetch);
                of_rows(inputs.first().and_then(|input| input.rows).map_or(fetch, |rows| rows.min(fetch)), plan.schema())
            }
            _ => unary(),
        },
        LogicalPlan::Aggregate(aggregate) if aggregate.group_expr.is_empty() => of_rows(1.0, plan.schema()),
        LogicalPlan::Extension(_) => inputs.first().copied().unwrap_or(Estimate { size: DEFAULT_SIZE, rows: None }),
        LogicalPlan::Union(_) => Estimate {
            size: inputs.iter().map(|input| input.size).sum(),
            rows: inputs.iter().map(|input| input.rows).sum(),
        },
        LogicalPlan::Values(values) => of_rows(estimated(values.values.len()), plan.schema()),
        LogicalPlan::EmptyRelation(empty) => of_rows(if empty.produce_one_row { 1.0 } else { 0.0 }, plan.schema()),
        LogicalPlan::Join(join) => match join.join_type {
            JoinType::LeftSemi | JoinType::LeftAnti | JoinType::LeftMark => inputs.first().copied().unwrap_or_else(unary),
            JoinType::RightSemi | JoinType::RightAnti | JoinType::RightMark => inputs.get(1).copied().unwrap_or_else(unary),
            _ => product(inputs),
        },
        _ if inputs.len() == 1 => unary(),
        _ => product(inputs),
    }
}

/// Spark's default for an operator of many inputs: the product of their sizes.
fn product(inputs: &[Estimate]) -> Estimate {
    Estimate { size: inputs.iter().map(|input| input.size).filter(|size| *size > 0.0).product(), rows: None }
}

/// The optimized logical plan with Spark's statistics on each node.
pub(crate) fn cost_tree(plan: &LogicalPlan, leaves: &LeafStatistics) -> String {
    fn lines(plan: &LogicalPlan, leaves: &LeafStatistics) -> (Line, Estimate) {
        let (children, inputs): (Vec<Line>, Vec<Estimate>) =
            plan.inputs().into_iter().map(|input| lines(input, leaves)).unzip();
        let estimate = estimate(plan, &inputs, leaves);
        (Line { text: format!("{}, {estimate}", plan.display()), children }, estimate)
    }
    tree(&lines(plan, leaves).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_sizes_as_spark() {
        assert_eq!(bytes_to_string(72.0), "72.0 B");
        assert_eq!(bytes_to_string(2560.0), "2.5 KiB");
        assert_eq!(bytes_to_string(DEFAULT_SIZE), "8.0 EiB");
        assert_eq!(bytes_to_string(2.0 * DEFAULT_SIZE), "16.0 EiB");
        assert_eq!(bytes_to_string(DEFAULT_SIZE * DEFAULT_SIZE), "8.51E+37 B");
    }

    #[test]
    fn estimates_limits_from_row_widths() {
        // Spark: `GlobalLimit 2` of (bigint, string) rows is 2 * (8 + 8 + 20) bytes.
        let schema = DFSchema::try_from(datafusion::arrow::datatypes::Schema::new(vec![
            datafusion::arrow::datatypes::Field::new("age", DataType::Int64, true),
            datafusion::arrow::datatypes::Field::new("name", DataType::Utf8, true),
        ]))
        .unwrap_or_else(|_| DFSchema::empty());
        assert_eq!(of_rows(2.0, &schema), Estimate { size: 72.0, rows: Some(2.0) });
    }
}
