// SPDX-License-Identifier: Apache-2.0
//! Theta sketches: `theta_sketch_agg`, `theta_union_agg`,
//! `theta_intersection_agg`, `theta_sketch_estimate`, `theta_union`,
//! `theta_intersection`, `theta_difference`.
//!
//! As Spark's: `lgNomEntries` 12 by default; integers hashed as longs,
//! floats as doubles (-0.0 as 0.0, one NaN), strings as UTF-8 and binaries
//! and integer arrays as their bytes, empty ones skipped; results are compact,
//! ordered, compressed images.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, BinaryArray, Int64Array};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::ScalarUDF;
use datasketches::hash::value::raw_bytes;
use datasketches::theta::{CompactThetaSketch, ThetaANotB, ThetaIntersection, ThetaSketch, ThetaSketchBuilder, ThetaUnion, ThetaUnionBuilder};

use super::aggregate::{SketchFunction, SketchKind, constant_integer};
use super::hll::round;
use super::{Values, arrays, binary_argument, quoted, row_function, spark_error};

const DEFAULT_LG_NOM_ENTRIES: i64 = 12;
// Spark's range; the crate builds sketches from 5 (4 is refused as not implemented).
const MIN_LG_NOM_ENTRIES: i64 = 4;
const MAX_LG_NOM_ENTRIES: i64 = 26;

fn invalid_sketch(function: &str) -> DataFusionError {
    spark_error(
        "THETA_INVALID_INPUT_SKETCH_BUFFER",
        vec![("function", quoted(function))],
        format!("Invalid call to {}; only valid Theta sketch buffers are supported as inputs (such as those produced by the `theta_sketch_agg` function).", quoted(function)),
    )
}

fn sketch(bytes: &[u8], function: &str) -> Result<CompactThetaSketch> {
    CompactThetaSketch::deserialize(bytes).map_err(|_| invalid_sketch(function))
}

/// `lgNomEntries`, checked as Spark does.
fn lg_nom_entries(value: i64, function: &str) -> Result<u8> {
    if !(MIN_LG_NOM_ENTRIES..=MAX_LG_NOM_ENTRIES).contains(&value) {
        return Err(spark_error(
            "SKETCH_INVALID_LG_NOM_ENTRIES",
            vec![
                ("function", quoted(function)),
                ("min", MIN_LG_NOM_ENTRIES.to_string()),
                ("max", MAX_LG_NOM_ENTRIES.to_string()),
                ("value", value.to_string()),
            ],
            format!(
                "Invalid call to {}; the `lgNomEntries` value must be between {MIN_LG_NOM_ENTRIES} and {MAX_LG_NOM_ENTRIES}, inclusive: {value}.",
                quoted(function)
            ),
        ));
    }
    Ok(value as u8)
}

fn unsupported(error: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::NotImplemented(format!("this Theta sketch setting: {error}"))
}

fn new_union(lg_k: u8) -> Result<ThetaUnion> {
    ThetaUnionBuilder::default().lg_k(lg_k).build().map_err(unsupported)
}

/// `theta_sketch_agg(value, lgNomEntries)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct ThetaSketchAgg;

#[derive(Debug)]
pub(super) struct ThetaBuilder {
    lg_k: u8,
}

/// A group's sketch: updated by rows, or a union once partial sketches merge in.
#[derive(Debug)]
pub(super) enum ThetaState {
    Sketch(ThetaSketch),
    Union(ThetaUnion),
}

impl SketchFunction for ThetaSketchAgg {
    type Kind = ThetaBuilder;

    fn name(&self) -> &'static str {
        "theta_sketch_agg"
    }

    fn kind(&self, constants: &[Option<ScalarValue>]) -> Result<ThetaBuilder> {
        let lg_k = lg_nom_entries(constant_integer(constants, 0, DEFAULT_LG_NOM_ENTRIES, self.name(), "lgNomEntries")?, self.name())?;
        ThetaSketchBuilder::default().lg_k(lg_k).build().map_err(unsupported)?;
        Ok(ThetaBuilder { lg_k })
    }
}

/// A double as DataSketches Java hashes it: -0.0 as 0.0, every NaN as one.
pub(super) fn canonical_double(value: f64) -> i64 {
    if value == 0.0 {
        0
    } else if value.is_nan() {
        0x7ff8_0000_0000_0000
    } else {
        value.to_bits() as i64
    }
}

impl SketchKind for ThetaBuilder {
    type State = ThetaState;
    type Input = Values;

    fn new_state(&self) -> Result<ThetaState> {
        Ok(ThetaState::Sketch(ThetaSketchBuilder::default().lg_k(self.lg_k).build().map_err(unsupported)?))
    }

    fn input(&self, values: &[ArrayRef]) -> Result<Values> {
        match values.first() {
            Some(array) => Values::of(array),
            None => exec_err!("theta_sketch_agg needs a value"),
        }
    }

    fn update(&self, state: &mut ThetaState, input: &Values, row: usize) -> Result<()> {
        let ThetaState::Sketch(sketch) = state else {
            return exec_err!("theta_sketch_agg: a row after a merge");
        };
        match input {
            Values::Long(values) => sketch.update(values.value(row)),
            Values::Double(values) => sketch.update(canonical_double(values.value(row))),
            Values::Float(values) => sketch.update(canonical_double(f64::from(values.value(row)))),
            Values::Text(values) => {
                let text = values.value(row);
                if !text.is_empty() {
                    sketch.update(raw_bytes::from_str(text));
                }
            }
            Values::Bytes(values) => {
                let bytes = values.value(row);
                if !bytes.is_empty() {
                    sketch.update(raw_bytes::from_slice(bytes));
                }
            }
            Values::IntegerLists(lists) => {
                if let Some(Some(bytes)) = lists.get(row)
                    && !bytes.is_empty()
                {
                    sketch.update(raw_bytes::from_slice(bytes));
                }
            }
        }
        Ok(())
    }

    fn merge(&self, state: &mut ThetaState, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let input = sketch(bytes, "theta_sketch_agg")?;
        if let ThetaState::Sketch(own) = state {
            let mut union = new_union(self.lg_k)?;
            own.trim();
            union.update(&own.compact(true)).map_err(|_| invalid_sketch("theta_sketch_agg"))?;
            *state = ThetaState::Union(union);
        }
        if let ThetaState::Union(union) = state {
            union.update(&input).map_err(|_| invalid_sketch("theta_sketch_agg"))?;
        }
        Ok(())
    }

    fn state_bytes(&self, state: &mut ThetaState) -> Result<Vec<u8>> {
        self.result_bytes(state)
    }

    fn result_bytes(&self, state: &mut ThetaState) -> Result<Vec<u8>> {
        Ok(match state {
            ThetaState::Sketch(sketch) => {
                sketch.trim();
                sketch.compact(true).serialize_compressed()
            }
            ThetaState::Union(union) => union.to_sketch(true).serialize_compressed(),
        })
    }
}

/// `theta_union_agg(sketch, lgNomEntries)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct ThetaUnionAgg;

#[derive(Debug)]
pub(super) struct ThetaUnionKind {
    lg_k: u8,
}

impl SketchFunction for ThetaUnionAgg {
    type Kind = ThetaUnionKind;

    fn name(&self) -> &'static str {
        "theta_union_agg"
    }

    fn kind(&self, constants: &[Option<ScalarValue>]) -> Result<ThetaUnionKind> {
        let lg_k = lg_nom_entries(constant_integer(constants, 0, DEFAULT_LG_NOM_ENTRIES, self.name(), "lgNomEntries")?, self.name())?;
        new_union(lg_k)?;
        Ok(ThetaUnionKind { lg_k })
    }
}

impl SketchKind for ThetaUnionKind {
    type State = ThetaUnion;
    type Input = BinaryArray;

    fn new_state(&self) -> Result<ThetaUnion> {
        new_union(self.lg_k)
    }

    fn input(&self, values: &[ArrayRef]) -> Result<BinaryArray> {
        binary_argument(values, 0)
    }

    fn update(&self, state: &mut ThetaUnion, input: &BinaryArray, row: usize) -> Result<()> {
        self.merge(state, input.value(row))
    }

    fn merge(&self, state: &mut ThetaUnion, bytes: &[u8]) -> Result<()> {
        let input = sketch(bytes, "theta_union_agg")?;
        state.update(&input).map_err(|_| invalid_sketch("theta_union_agg"))
    }

    fn state_bytes(&self, state: &mut ThetaUnion) -> Result<Vec<u8>> {
        Ok(state.to_sketch(true).serialize_compressed())
    }

    fn result_bytes(&self, state: &mut ThetaUnion) -> Result<Vec<u8>> {
        self.state_bytes(state)
    }
}

/// `theta_intersection_agg(sketch)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct ThetaIntersectionAgg;

#[derive(Debug)]
pub(super) struct ThetaIntersectionKind;

impl SketchFunction for ThetaIntersectionAgg {
    type Kind = ThetaIntersectionKind;

    fn name(&self) -> &'static str {
        "theta_intersection_agg"
    }

    fn kind(&self, _constants: &[Option<ScalarValue>]) -> Result<ThetaIntersectionKind> {
        Ok(ThetaIntersectionKind)
    }
}

impl SketchKind for ThetaIntersectionKind {
    type State = ThetaIntersection;
    type Input = BinaryArray;

    fn new_state(&self) -> Result<ThetaIntersection> {
        Ok(ThetaIntersection::default())
    }

    fn input(&self, values: &[ArrayRef]) -> Result<BinaryArray> {
        binary_argument(values, 0)
    }

    fn update(&self, state: &mut ThetaIntersection, input: &BinaryArray, row: usize) -> Result<()> {
        self.merge(state, input.value(row))
    }

    /// A partial state without sketches (empty bytes) leaves the intersection as it is.
    fn merge(&self, state: &mut ThetaIntersection, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let input = sketch(bytes, "theta_intersection_agg")?;
        state.update(&input).map_err(|_| invalid_sketch("theta_intersection_agg"))
    }

    fn state_bytes(&self, state: &mut ThetaIntersection) -> Result<Vec<u8>> {
        Ok(state.to_sketch(true).map(|sketch| sketch.serialize_compressed()).unwrap_or_default())
    }

    /// Without any sketch, the intersection is the universe, which no sketch holds:
    /// Spark then gives the empty sketch's image.
    fn result_bytes(&self, state: &mut ThetaIntersection) -> Result<Vec<u8>> {
        match state.to_sketch(true) {
            Some(sketch) => Ok(sketch.serialize_compressed()),
            None => Ok(ThetaSketchBuilder::default().build().map_err(unsupported)?.compact(true).serialize_compressed()),
        }
    }
}

/// `theta_sketch_estimate(sketch)`: the estimated number of distinct values, rounded.
pub(super) fn estimate() -> ScalarUDF {
    row_function("theta_sketch_estimate", DataType::Int64, &[1], |arguments| {
        let sketches = binary_argument(&arrays(arguments)?, 0)?;
        let estimates = sketches
            .iter()
            .map(|bytes| bytes.map(|bytes| sketch(bytes, "theta_sketch_estimate").map(|sketch| round(sketch.estimate()))).transpose())
            .collect::<Result<Int64Array>>()?;
        Ok(Arc::new(estimates))
    })
}

/// A set operation of two sketches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Operation {
    Union,
    Intersection,
    Difference,
}

fn set_operation_kernel(operation: Operation, name: &'static str, arguments: &super::super::string::row_function::Arguments) -> Result<ArrayRef> {
    let arrays = arrays(arguments)?;
    let (first, second) = (binary_argument(&arrays, 0)?, binary_argument(&arrays, 1)?);
    let lg_k = match arrays.get(2) {
        Some(lg_k) => match ScalarValue::try_from_array(lg_k, 0)?.cast_to(&DataType::Int64)? {
            ScalarValue::Int64(Some(lg_k)) => lg_nom_entries(lg_k, name)?,
            _ => return exec_err!("{name}: lgNomEntries must not be null"),
        },
        None => DEFAULT_LG_NOM_ENTRIES as u8,
    };
    let mut results = Vec::with_capacity(first.len());
    for row in 0..first.len() {
        if first.is_null(row) || second.is_null(row) {
            results.push(None);
            continue;
        }
        let left = sketch(first.value(row), name)?;
        let right = sketch(second.value(row), name)?;
        let result = match operation {
            Operation::Union => {
                let mut union = new_union(lg_k)?;
                union.update(&left).map_err(|_| invalid_sketch(name))?;
                union.update(&right).map_err(|_| invalid_sketch(name))?;
                union.to_sketch(true)
            }
            Operation::Intersection => {
                let mut intersection = ThetaIntersection::default();
                intersection.update(&left).map_err(|_| invalid_sketch(name))?;
                intersection.update(&right).map_err(|_| invalid_sketch(name))?;
                match intersection.to_sketch(true) {
                    Some(sketch) => sketch,
                    None => return Err(invalid_sketch(name)),
                }
            }
            Operation::Difference => ThetaANotB::default().compute(&left, &right, true).map_err(|_| invalid_sketch(name))?,
        };
        results.push(Some(result.serialize_compressed()));
    }
    Ok(Arc::new(BinaryArray::from_iter(results)))
}

/// `theta_union(first, second, lgNomEntries)`, `theta_intersection(first,
/// second)` or `theta_difference(first, second)` (first and not second).
pub(super) fn set_operation(operation: Operation) -> ScalarUDF {
    match operation {
        Operation::Union => row_function("theta_union", DataType::Binary, &[2, 3], |a| set_operation_kernel(Operation::Union, "theta_union", a)),
        Operation::Intersection => {
            row_function("theta_intersection", DataType::Binary, &[2], |a| set_operation_kernel(Operation::Intersection, "theta_intersection", a))
        }
        Operation::Difference => {
            row_function("theta_difference", DataType::Binary, &[2], |a| set_operation_kernel(Operation::Difference, "theta_difference", a))
        }
    }
}
