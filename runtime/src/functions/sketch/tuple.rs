// SPDX-License-Identifier: Apache-2.0
//! Tuple sketches with a double or an integer summary per key:
//! `tuple_sketch_agg_*`, `tuple_union_agg_*`, `tuple_intersection_agg_*`,
//! `tuple_sketch_estimate_*`, `tuple_sketch_summary_*`, `tuple_sketch_theta_*`,
//! `tuple_union_*`, `tuple_intersection_*`, `tuple_difference_*` and their
//! `_theta_` forms, whose second sketch is a Theta sketch.
//!
//! As Spark's (DataSketches Java's `DoubleSummary` and `IntegerSummary`): the
//! mode (`sum`, `min`, `max`, `alwaysone`) combines the summaries of a key
//! seen twice, in a sketch and in unions and intersections; a Theta sketch's
//! keys join with the mode's starting summary (0 for `sum`, the largest value
//! for `min`, the smallest for `max`, 1 for `alwaysone`). Keys are hashed as
//! by `theta_sketch_agg`.

use std::fmt::Debug;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryArray, Float64Array, Int64Array};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Float64Type, Int32Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{AggregateUDF, ScalarUDF};
use datasketches::codec::{SketchBytes, SketchSlice};
use datasketches::hash::value::raw_bytes;
use datasketches::theta::CompactThetaSketch;
use datasketches::tuple::{
    CompactTupleSketch, SummaryCombinePolicy, SummaryPolicy, SummaryUpdatePolicy, TupleANotB, TupleIntersection, TupleSketch,
    TupleSketchBuilder, TupleSummaryValue, TupleUnion, TupleUnionBuilder,
};

use super::aggregate::{SketchAggregate, SketchFunction, SketchKind, constant_integer};
use super::theta::canonical_double;
use super::{Values, arrays, binary_argument, quoted, row_function, spark_error};

const DEFAULT_LG_NOM_ENTRIES: i64 = 12;

/// How the summaries of one key combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Mode {
    Sum,
    Min,
    Max,
    AlwaysOne,
}

const MODES: &str = "sum, min, max, alwaysone";

impl Mode {
    fn parse(text: &str, function: &str) -> Result<Mode> {
        match text.to_lowercase().as_str() {
            "sum" => Ok(Mode::Sum),
            "min" => Ok(Mode::Min),
            "max" => Ok(Mode::Max),
            "alwaysone" => Ok(Mode::AlwaysOne),
            _ => Err(spark_error(
                "TUPLE_INVALID_SKETCH_MODE",
                vec![("function", quoted(function)), ("mode", text.to_string()), ("validModes", MODES.to_string())],
                format!("Invalid call to {}: mode '{text}' is not supported. Valid modes are: {MODES}.", quoted(function)),
            )),
        }
    }
}

/// A summary value: `f64` (`DoubleSummary`) or `i32` (`IntegerSummary`, whose sums wrap as Java's).
pub(super) trait Summary: Copy + Debug + PartialOrd + Send + Sync + 'static {
    /// The bytes of a value in an image.
    const BYTES: usize;
    fn write(self, bytes: &mut SketchBytes);
    fn read(cursor: &mut SketchSlice<'_>) -> std::io::Result<Self>;
    const SMALLEST: Self;
    const LARGEST: Self;
    const ZERO: Self;
    const ONE: Self;
    fn add(self, other: Self) -> Self;
    fn to_f64(self) -> f64;
    fn to_i64(self) -> i64;
    fn values(array: &ArrayRef) -> Result<Vec<Option<Self>>>;
}

impl Summary for f64 {
    const BYTES: usize = 8;
    fn write(self, bytes: &mut SketchBytes) {
        bytes.write_f64_le(self);
    }
    fn read(cursor: &mut SketchSlice<'_>) -> std::io::Result<f64> {
        cursor.read_f64_le()
    }
    const SMALLEST: f64 = f64::NEG_INFINITY;
    const LARGEST: f64 = f64::INFINITY;
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;
    fn add(self, other: f64) -> f64 {
        self + other
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn to_i64(self) -> i64 {
        self as i64
    }
    fn values(array: &ArrayRef) -> Result<Vec<Option<f64>>> {
        Ok(cast(array, &DataType::Float64)?.as_primitive::<Float64Type>().iter().collect())
    }
}

impl Summary for i32 {
    const BYTES: usize = 4;
    fn write(self, bytes: &mut SketchBytes) {
        bytes.write_i32_le(self);
    }
    fn read(cursor: &mut SketchSlice<'_>) -> std::io::Result<i32> {
        cursor.read_i32_le()
    }
    const SMALLEST: i32 = i32::MIN;
    const LARGEST: i32 = i32::MAX;
    const ZERO: i32 = 0;
    const ONE: i32 = 1;
    fn add(self, other: i32) -> i32 {
        self.wrapping_add(other)
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn to_i64(self) -> i64 {
        i64::from(self)
    }
    fn values(array: &ArrayRef) -> Result<Vec<Option<i32>>> {
        Ok(cast(array, &DataType::Int32)?.as_primitive::<Int32Type>().iter().collect())
    }
}

/// A summary as DataSketches Java writes it: the value, then the ordinal of
/// its mode (`Sum`, `Min`, `Max`, `AlwaysOne`) in one byte.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct JavaSummary<V> {
    value: V,
    mode: u8,
}

impl Mode {
    fn ordinal(self) -> u8 {
        match self {
            Mode::Sum => 0,
            Mode::Min => 1,
            Mode::Max => 2,
            Mode::AlwaysOne => 3,
        }
    }
}

fn truncated(_error: std::io::Error) -> datasketches::error::Error {
    datasketches::error::Error::new(datasketches::error::ErrorKind::InvalidData, "truncated Tuple sketch summary")
}

impl<V: Summary> TupleSummaryValue for JavaSummary<V> {
    fn serialize_size(&self) -> usize {
        V::BYTES + 1
    }

    fn serialize_value(&self, bytes: &mut SketchBytes) {
        self.value.write(bytes);
        bytes.write_u8(self.mode);
    }

    fn deserialize_value(cursor: &mut SketchSlice<'_>) -> std::result::Result<Self, datasketches::error::Error> {
        let value = V::read(cursor).map_err(truncated)?;
        let mode = cursor.read_u8().map_err(truncated)?;
        Ok(JavaSummary { value, mode })
    }
}

/// The mode as a DataSketches summary policy.
#[derive(Debug, Clone, Copy)]
pub(super) struct ModePolicy<S> {
    mode: Mode,
    summary: std::marker::PhantomData<fn() -> S>,
}

impl<S: Summary> ModePolicy<S> {
    fn new(mode: Mode) -> Self {
        ModePolicy { mode, summary: std::marker::PhantomData }
    }

    fn apply(&self, summary: &mut S, value: S) {
        *summary = match self.mode {
            Mode::Sum => summary.add(value),
            Mode::Min if value < *summary => value,
            Mode::Max if value > *summary => value,
            Mode::Min | Mode::Max => *summary,
            Mode::AlwaysOne => S::ONE,
        };
    }
}

impl<S: Summary> SummaryPolicy for ModePolicy<S> {
    type Summary = JavaSummary<S>;

    /// Java's new summary of the mode: the starting value updates fold into.
    fn create(&self) -> JavaSummary<S> {
        let value = match self.mode {
            Mode::Sum => S::ZERO,
            Mode::Min => S::LARGEST,
            Mode::Max => S::SMALLEST,
            Mode::AlwaysOne => S::ONE,
        };
        JavaSummary { value, mode: self.mode.ordinal() }
    }
}

impl<S: Summary> SummaryUpdatePolicy<S> for ModePolicy<S> {
    fn update(&self, summary: &mut JavaSummary<S>, value: S) {
        self.apply(&mut summary.value, value);
    }
}

impl<S: Summary> SummaryCombinePolicy for ModePolicy<S> {
    /// Java's set operations: a new summary of the operation's mode, updated with both values.
    fn combine(&self, summary: &mut JavaSummary<S>, other: &JavaSummary<S>) {
        self.apply(&mut summary.value, other.value);
        summary.mode = self.mode.ordinal();
    }
}

fn invalid_sketch(function: &str) -> DataFusionError {
    spark_error(
        "TUPLE_INVALID_INPUT_SKETCH_BUFFER",
        vec![("function", quoted(function))],
        format!("Invalid call to {}; only valid Tuple sketch buffers are supported as inputs (such as those produced by the corresponding `tuple_sketch_agg_*` function).", quoted(function)),
    )
}

fn invalid_theta_sketch(function: &str) -> DataFusionError {
    spark_error(
        "THETA_INVALID_INPUT_SKETCH_BUFFER",
        vec![("function", quoted(function))],
        format!("Invalid call to {}; only valid Theta sketch buffers are supported as inputs (such as those produced by the `theta_sketch_agg` function).", quoted(function)),
    )
}

fn unsupported(error: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::NotImplemented(format!("this Tuple sketch setting: {error}"))
}

fn sketch<S: Summary>(bytes: &[u8], function: &str) -> Result<CompactTupleSketch<JavaSummary<S>>> {
    CompactTupleSketch::<JavaSummary<S>>::deserialize(bytes).map_err(|_| invalid_sketch(function))
}

/// A Theta sketch's keys as a Tuple sketch whose summaries are all `summary`
/// (the image of a compact Tuple sketch, read back).
fn from_theta<S: Summary>(bytes: &[u8], summary: JavaSummary<S>, function: &str) -> Result<CompactTupleSketch<JavaSummary<S>>> {
    if bytes.get(2) == Some(&9) {
        return Err(spark_error(
            "THETA_INVALID_INPUT_SKETCH_BUFFER_FAMILY",
            vec![("function", quoted(function)), ("expectedFamily", "COMPACT".to_string()), ("actualFamily", "TUPLE".to_string())],
            format!("Invalid call to {}: expected COMPACT sketch family but received TUPLE. Only valid Theta sketch buffers (produced by `theta_sketch_agg`) are supported as inputs.", quoted(function)),
        ));
    }
    let theta = CompactThetaSketch::deserialize(bytes).map_err(|_| invalid_theta_sketch(function))?;
    if theta.is_empty() {
        return sketch(&[1, 3, 9, 1, 0, 0x1e, 0, 0], function);
    }
    let hashes: Vec<u64> = theta.iter().map(|entry| entry.hash()).collect();
    let mut image = vec![3, 3, 9, 1, 0, 0x0a];
    image.extend_from_slice(&theta.seed_hash().to_le_bytes());
    image.extend_from_slice(&(hashes.len() as u32).to_le_bytes());
    image.extend_from_slice(&0u32.to_le_bytes());
    image.extend_from_slice(&theta.theta64().to_le_bytes());
    let mut summary_bytes = SketchBytes::with_capacity(summary.serialize_size());
    summary.serialize_value(&mut summary_bytes);
    let summary_bytes = summary_bytes.into_bytes();
    for hash in hashes {
        image.extend_from_slice(&hash.to_le_bytes());
        image.extend_from_slice(&summary_bytes);
    }
    sketch(&image, function)
}

fn lg_nom_entries(value: i64, function: &str) -> Result<u8> {
    if !(4..=26).contains(&value) {
        return Err(spark_error(
            "SKETCH_INVALID_LG_NOM_ENTRIES",
            vec![("function", quoted(function)), ("min", "4".to_string()), ("max", "26".to_string()), ("value", value.to_string())],
            format!("Invalid call to {}; the `lgNomEntries` value must be between 4 and 26, inclusive: {value}.", quoted(function)),
        ));
    }
    Ok(value as u8)
}

fn constant_mode(constants: &[Option<ScalarValue>], index: usize, function: &str) -> Result<Mode> {
    match constants.get(index) {
        None => Ok(Mode::Sum),
        Some(Some(value)) => match value.cast_to(&DataType::Utf8)? {
            ScalarValue::Utf8(Some(text)) => Mode::parse(&text, function),
            _ => exec_err!("{function}: the mode must not be null"),
        },
        Some(None) => exec_err!("{function}: the mode must be a constant"),
    }
}

fn new_union<S: Summary>(lg_k: u8, mode: Mode) -> Result<TupleUnion<ModePolicy<S>>> {
    TupleUnionBuilder::new(ModePolicy::new(mode)).lg_k(lg_k).build().map_err(unsupported)
}

// -- aggregates -------------------------------------------------------------------

/// Which tuple aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum TupleAggregate {
    Sketch,
    Union,
    Intersection,
}

#[derive(Debug)]
struct TupleAgg<S> {
    name: &'static str,
    aggregate: TupleAggregate,
    summary: std::marker::PhantomData<fn() -> S>,
}

impl<S> PartialEq for TupleAgg<S> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl<S> Eq for TupleAgg<S> {}

impl<S> std::hash::Hash for TupleAgg<S> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

#[derive(Debug)]
struct TupleKind<S> {
    name: &'static str,
    aggregate: TupleAggregate,
    lg_k: u8,
    mode: Mode,
    summary: std::marker::PhantomData<fn() -> S>,
}

/// One group's state.
#[derive(Debug)]
enum TupleState<S: Summary> {
    Sketch(TupleSketch<ModePolicy<S>>),
    Union(TupleUnion<ModePolicy<S>>),
    Intersection(TupleIntersection<ModePolicy<S>>),
}

impl<S: Summary> SketchFunction for TupleAgg<S> {
    type Kind = TupleKind<S>;

    fn name(&self) -> &'static str {
        self.name
    }

    fn value_count(&self) -> usize {
        match self.aggregate {
            TupleAggregate::Sketch => 2,
            TupleAggregate::Union | TupleAggregate::Intersection => 1,
        }
    }

    fn kind(&self, constants: &[Option<ScalarValue>]) -> Result<TupleKind<S>> {
        let (lg_k, mode) = match self.aggregate {
            TupleAggregate::Sketch | TupleAggregate::Union => (
                lg_nom_entries(constant_integer(constants, 0, DEFAULT_LG_NOM_ENTRIES, self.name, "lgNomEntries")?, self.name)?,
                constant_mode(constants, 1, self.name)?,
            ),
            TupleAggregate::Intersection => (DEFAULT_LG_NOM_ENTRIES as u8, constant_mode(constants, 0, self.name)?),
        };
        Ok(TupleKind { name: self.name, aggregate: self.aggregate, lg_k, mode, summary: std::marker::PhantomData })
    }
}

/// A batch of a tuple aggregate: keys and summaries, or sketches.
pub(super) enum TupleInput<S> {
    Keys(Values, Vec<Option<S>>),
    Sketches(BinaryArray),
}

impl<S: Summary> TupleKind<S> {
    fn union_with(&self, state: &mut TupleState<S>, input: &CompactTupleSketch<JavaSummary<S>>) -> Result<()> {
        if let TupleState::Sketch(own) = state {
            let mut union = new_union::<S>(self.lg_k, self.mode)?;
            union.update(&own.compact(true)).map_err(|_| invalid_sketch(self.name))?;
            *state = TupleState::Union(union);
        }
        match state {
            TupleState::Union(union) => union.update(input).map_err(|_| invalid_sketch(self.name)),
            TupleState::Intersection(intersection) => intersection.update(input).map_err(|_| invalid_sketch(self.name)),
            TupleState::Sketch(_) => exec_err!("{}: a sketch state after a union", self.name),
        }
    }
}

impl<S: Summary> SketchKind for TupleKind<S> {
    type State = TupleState<S>;
    type Input = TupleInput<S>;

    fn new_state(&self) -> Result<TupleState<S>> {
        Ok(match self.aggregate {
            TupleAggregate::Sketch => TupleState::Sketch(
                TupleSketchBuilder::new(ModePolicy::new(self.mode)).lg_k(self.lg_k).build().map_err(unsupported)?,
            ),
            TupleAggregate::Union => TupleState::Union(new_union(self.lg_k, self.mode)?),
            TupleAggregate::Intersection => TupleState::Intersection(TupleIntersection::new(ModePolicy::new(self.mode))),
        })
    }

    fn input(&self, values: &[ArrayRef]) -> Result<TupleInput<S>> {
        match (self.aggregate, values) {
            (TupleAggregate::Sketch, [keys, summaries, ..]) => Ok(TupleInput::Keys(Values::of(keys)?, S::values(summaries)?)),
            (TupleAggregate::Union | TupleAggregate::Intersection, [sketches, ..]) => {
                Ok(TupleInput::Sketches(binary_argument(&[Arc::clone(sketches)], 0)?))
            }
            _ => exec_err!("{}: missing arguments", self.name),
        }
    }

    fn update(&self, state: &mut TupleState<S>, input: &TupleInput<S>, row: usize) -> Result<()> {
        match input {
            TupleInput::Sketches(sketches) => self.merge(state, sketches.value(row)),
            TupleInput::Keys(keys, summaries) => {
                let (TupleState::Sketch(sketch), Some(Some(value))) = (state, summaries.get(row)) else {
                    return Ok(());
                };
                let value = *value;
                match keys {
                    Values::Long(keys) => sketch.update(keys.value(row), value),
                    Values::Double(keys) => sketch.update(canonical_double(keys.value(row)), value),
                    Values::Float(keys) => sketch.update(canonical_double(f64::from(keys.value(row))), value),
                    Values::Text(keys) => {
                        let key = keys.value(row);
                        if !key.is_empty() {
                            sketch.update(raw_bytes::from_str(key), value);
                        }
                    }
                    Values::Bytes(keys) => {
                        let key = keys.value(row);
                        if !key.is_empty() {
                            sketch.update(raw_bytes::from_slice(key), value);
                        }
                    }
                    Values::IntegerLists(keys) => {
                        if let Some(Some(key)) = keys.get(row)
                            && !key.is_empty()
                        {
                            sketch.update(raw_bytes::from_slice(key), value);
                        }
                    }
                }
                Ok(())
            }
        }
    }

    fn merge(&self, state: &mut TupleState<S>, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let input = sketch::<S>(bytes, self.name)?;
        self.union_with(state, &input)
    }

    fn state_bytes(&self, state: &mut TupleState<S>) -> Result<Vec<u8>> {
        Ok(match state {
            TupleState::Sketch(sketch) => sketch.compact(true).serialize(),
            TupleState::Union(union) => union.to_sketch(true).serialize(),
            // An intersection without sketches is no sketch, not the empty one.
            TupleState::Intersection(intersection) => intersection.to_sketch(true).map(|sketch| sketch.serialize()).unwrap_or_default(),
        })
    }

    fn result_bytes(&self, state: &mut TupleState<S>) -> Result<Vec<u8>> {
        let bytes = self.state_bytes(state)?;
        Ok(if bytes.is_empty() { vec![1, 3, 9, 1, 0, 0x1e, 0, 0] } else { bytes })
    }
}

fn tuple_aggregate<S: Summary>(name: &'static str, aggregate: TupleAggregate) -> AggregateUDF {
    AggregateUDF::new_from_impl(SketchAggregate::new(TupleAgg::<S> { name, aggregate, summary: std::marker::PhantomData }))
}

/// The tuple aggregate `aggregate` of double (`double`) or integer summaries.
pub(super) fn aggregate(aggregate: TupleAggregate, double: bool) -> AggregateUDF {
    let name = match (aggregate, double) {
        (TupleAggregate::Sketch, true) => "tuple_sketch_agg_double",
        (TupleAggregate::Sketch, false) => "tuple_sketch_agg_integer",
        (TupleAggregate::Union, true) => "tuple_union_agg_double",
        (TupleAggregate::Union, false) => "tuple_union_agg_integer",
        (TupleAggregate::Intersection, true) => "tuple_intersection_agg_double",
        (TupleAggregate::Intersection, false) => "tuple_intersection_agg_integer",
    };
    if double { tuple_aggregate::<f64>(name, aggregate) } else { tuple_aggregate::<i32>(name, aggregate) }
}

// -- scalars ------------------------------------------------------------------------

type Arguments = super::super::string::row_function::Arguments;

/// The mode argument at `index` (a constant), `sum` without it.
fn mode_argument(arrays: &[ArrayRef], index: usize, function: &str) -> Result<Option<Mode>> {
    match arrays.get(index) {
        None => Ok(Some(Mode::Sum)),
        Some(modes) => match ScalarValue::try_from_array(modes, 0)?.cast_to(&DataType::Utf8)? {
            ScalarValue::Utf8(Some(text)) => Mode::parse(&text, function).map(Some),
            _ => Ok(None),
        },
    }
}

fn estimate_kernel<S: Summary>(name: &'static str, arguments: &Arguments) -> Result<ArrayRef> {
    let sketches = binary_argument(&arrays(arguments)?, 0)?;
    let estimates =
        sketches.iter().map(|bytes| bytes.map(|bytes| sketch::<S>(bytes, name).map(|sketch| sketch.estimate())).transpose()).collect::<Result<Float64Array>>()?;
    Ok(Arc::new(estimates))
}

fn theta_kernel<S: Summary>(name: &'static str, arguments: &Arguments) -> Result<ArrayRef> {
    let sketches = binary_argument(&arrays(arguments)?, 0)?;
    let thetas =
        sketches.iter().map(|bytes| bytes.map(|bytes| sketch::<S>(bytes, name).map(|sketch| sketch.theta())).transpose()).collect::<Result<Float64Array>>()?;
    Ok(Arc::new(thetas))
}

/// Values combined by the mode, as Spark sums a sketch's summaries (in
/// doubles, or bigints for integer summaries); 0 for min and max of none.
fn summarize<T: Copy + PartialOrd + std::ops::Add<Output = T>>(mut values: impl Iterator<Item = T>, mode: Mode, zero: T, one: T) -> T {
    match mode {
        Mode::Sum => values.fold(zero, |sum, value| sum + value),
        Mode::AlwaysOne => values.fold(zero, |count, _| count + one),
        Mode::Min => values.next().map_or(zero, |first| values.fold(first, |low, value| if value < low { value } else { low })),
        Mode::Max => values.next().map_or(zero, |first| values.fold(first, |high, value| if value > high { value } else { high })),
    }
}

fn summary_kernel<S: Summary>(name: &'static str, arguments: &Arguments, double: bool) -> Result<ArrayRef> {
    let arrays = arrays(arguments)?;
    let sketches = binary_argument(&arrays, 0)?;
    let mut doubles: Vec<Option<f64>> = Vec::with_capacity(sketches.len());
    let mut longs: Vec<Option<i64>> = Vec::with_capacity(sketches.len());
    for row in 0..sketches.len() {
        let mode = match arrays.get(1) {
            Some(modes) => match ScalarValue::try_from_array(modes, row)?.cast_to(&DataType::Utf8)? {
                ScalarValue::Utf8(Some(text)) => Some(Mode::parse(&text, name)?),
                _ => None,
            },
            None => Some(Mode::Sum),
        };
        let (Some(mode), false) = (mode, sketches.is_null(row)) else {
            doubles.push(None);
            longs.push(None);
            continue;
        };
        let sketch = sketch::<S>(sketches.value(row), name)?;
        let summaries = || sketch.iter().map(|entry| entry.summary().value);
        doubles.push(Some(summarize(summaries().map(S::to_f64), mode, 0.0, 1.0)));
        longs.push(Some(summarize(summaries().map(S::to_i64), mode, 0, 1)));
    }
    if double { Ok(Arc::new(Float64Array::from(doubles))) } else { Ok(Arc::new(Int64Array::from(longs))) }
}

/// A set operation of a tuple sketch with a tuple (or Theta) sketch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Operation {
    Union,
    Intersection,
    Difference,
}

fn set_operation_kernel<S: Summary>(name: &'static str, operation: Operation, with_theta: bool, arguments: &Arguments) -> Result<ArrayRef> {
    let arrays = arrays(arguments)?;
    let (first, second) = (binary_argument(&arrays, 0)?, binary_argument(&arrays, 1)?);
    let (lg_k, mode_index) = match operation {
        Operation::Union => {
            let lg_k = match arrays.get(2) {
                Some(lg_k) => match ScalarValue::try_from_array(lg_k, 0)?.cast_to(&DataType::Int64)? {
                    ScalarValue::Int64(Some(lg_k)) => lg_nom_entries(lg_k, name)?,
                    _ => return exec_err!("{name}: lgNomEntries must not be null"),
                },
                None => DEFAULT_LG_NOM_ENTRIES as u8,
            };
            (lg_k, Some(3))
        }
        Operation::Intersection => (DEFAULT_LG_NOM_ENTRIES as u8, Some(2)),
        Operation::Difference => (DEFAULT_LG_NOM_ENTRIES as u8, None),
    };
    let mode = match mode_index {
        Some(index) => match mode_argument(&arrays, index, name)? {
            Some(mode) => mode,
            None => return exec_err!("{name}: the mode must not be null"),
        },
        None => Mode::Sum,
    };
    let policy = ModePolicy::<S>::new(mode);
    let mut results = Vec::with_capacity(first.len());
    for row in 0..first.len() {
        if first.is_null(row) || second.is_null(row) {
            results.push(None);
            continue;
        }
        let left = sketch::<S>(first.value(row), name)?;
        let right = if with_theta { from_theta(second.value(row), policy.create(), name)? } else { sketch::<S>(second.value(row), name)? };
        let result = match operation {
            Operation::Union => {
                let mut union = new_union::<S>(lg_k, mode)?;
                union.update(&left).map_err(|_| invalid_sketch(name))?;
                union.update(&right).map_err(|_| invalid_sketch(name))?;
                union.to_sketch(true)
            }
            Operation::Intersection => {
                let mut intersection = TupleIntersection::new(policy);
                intersection.update(&left).map_err(|_| invalid_sketch(name))?;
                intersection.update(&right).map_err(|_| invalid_sketch(name))?;
                match intersection.to_sketch(true) {
                    Some(sketch) => sketch,
                    None => return Err(invalid_sketch(name)),
                }
            }
            Operation::Difference => TupleANotB::default().compute(&left, &right, true).map_err(|_| invalid_sketch(name))?,
        };
        results.push(Some(result.serialize()));
    }
    Ok(Arc::new(BinaryArray::from_iter(results)))
}

/// The tuple scalar functions, by name.
pub(super) fn scalar(name: &'static str) -> ScalarUDF {
    macro_rules! both {
        ($double:literal, $integer:literal, $arities:expr, $output_double:expr, $output_integer:expr, $kernel:ident $(, $extra:expr)*) => {
            match name {
                $double => return row_function($double, $output_double, $arities, |a| $kernel::<f64>($double, $($extra,)* a)),
                $integer => return row_function($integer, $output_integer, $arities, |a| $kernel::<i32>($integer, $($extra,)* a)),
                _ => {}
            }
        };
    }
    both!("tuple_sketch_estimate_double", "tuple_sketch_estimate_integer", &[1], DataType::Float64, DataType::Float64, estimate_kernel);
    both!("tuple_sketch_theta_double", "tuple_sketch_theta_integer", &[1], DataType::Float64, DataType::Float64, theta_kernel);
    match name {
        "tuple_sketch_summary_double" => {
            return row_function("tuple_sketch_summary_double", DataType::Float64, &[1, 2], |a| {
                summary_kernel::<f64>("tuple_sketch_summary_double", a, true)
            });
        }
        "tuple_sketch_summary_integer" => {
            return row_function("tuple_sketch_summary_integer", DataType::Int64, &[1, 2], |a| {
                summary_kernel::<i32>("tuple_sketch_summary_integer", a, false)
            });
        }
        _ => {}
    }
    both!("tuple_union_double", "tuple_union_integer", &[2, 3, 4], DataType::Binary, DataType::Binary, set_operation_kernel, Operation::Union, false);
    both!(
        "tuple_union_theta_double",
        "tuple_union_theta_integer",
        &[2, 3, 4],
        DataType::Binary,
        DataType::Binary,
        set_operation_kernel,
        Operation::Union,
        true
    );
    both!(
        "tuple_intersection_double",
        "tuple_intersection_integer",
        &[2, 3],
        DataType::Binary,
        DataType::Binary,
        set_operation_kernel,
        Operation::Intersection,
        false
    );
    both!(
        "tuple_intersection_theta_double",
        "tuple_intersection_theta_integer",
        &[2, 3],
        DataType::Binary,
        DataType::Binary,
        set_operation_kernel,
        Operation::Intersection,
        true
    );
    both!(
        "tuple_difference_double",
        "tuple_difference_integer",
        &[2],
        DataType::Binary,
        DataType::Binary,
        set_operation_kernel,
        Operation::Difference,
        false
    );
    both!(
        "tuple_difference_theta_double",
        "tuple_difference_theta_integer",
        &[2],
        DataType::Binary,
        DataType::Binary,
        set_operation_kernel,
        Operation::Difference,
        true
    );
    row_function(name, DataType::Null, &[], |_| exec_err!("not a tuple sketch function"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(hex: &str) -> Vec<u8> {
        (0..hex.len()).step_by(2).filter_map(|index| u8::from_str_radix(&hex[index..index + 2], 16).ok()).collect()
    }

    #[test]
    fn modes_fold_as_java_s() {
        let values = [10.0, -1.5, 50.0];
        assert_eq!(summarize(values.into_iter(), Mode::Sum, 0.0, 1.0), 58.5);
        assert_eq!(summarize(values.into_iter(), Mode::Min, 0.0, 1.0), -1.5);
        assert_eq!(summarize(values.into_iter(), Mode::Max, 0.0, 1.0), 50.0);
        assert_eq!(summarize(values.into_iter(), Mode::AlwaysOne, 0.0, 1.0), 3.0);
        assert_eq!(summarize(std::iter::empty::<f64>(), Mode::Min, 0.0, 1.0), 0.0);
        let mut summary = ModePolicy::<i32>::new(Mode::Min).create();
        ModePolicy::<i32>::new(Mode::Min).update(&mut summary, 7);
        assert_eq!(summary, JavaSummary { value: 7, mode: 1 });
    }

    #[test]
    fn reads_sketches_spark_wrote() -> Result<()> {
        // tuple_sketch_agg_double and _integer in Spark 4.3: keys 1, 2, 4 with 10.0, 50.0, -1.5 and 5, 13, -3.
        let doubles = sketch::<f64>(&bytes("02030901000ACC93030000000000000015F97DCBBD86A10500000000000024400040DE2EE1C9DB3D08000000000000F8BF00C397FC1281709D1E000000000000494000"), "test")?;
        assert_eq!(doubles.estimate(), 3.0);
        assert_eq!(summarize(doubles.iter().map(|entry| entry.summary().value), Mode::Sum, 0.0, 1.0), 58.5);
        let integers = sketch::<i32>(&bytes("02030901000ACC93030000000000000015F97DCBBD86A105050000000040DE2EE1C9DB3D08FDFFFFFF00C397FC1281709D1E0D00000000"), "test")?;
        assert_eq!(summarize(integers.iter().map(|entry| i64::from(entry.summary().value)), Mode::Sum, 0, 1), 15);
        // The image pyrust writes reads back the same.
        let again = sketch::<f64>(&doubles.serialize(), "test")?;
        assert_eq!(again.num_retained(), 3);
        Ok(())
    }
}
