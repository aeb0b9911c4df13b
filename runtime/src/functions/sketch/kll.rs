// SPDX-License-Identifier: Apache-2.0
//! KLL quantile sketches of bigints, floats and doubles:
//! `kll_sketch_agg_*`, `kll_merge_agg_*`, `kll_sketch_get_n_*`,
//! `kll_sketch_get_quantile_*`, `kll_sketch_get_rank_*`, `kll_sketch_merge_*`
//! and `kll_sketch_to_string_*`.
//!
//! As Spark's (DataSketches Java's `KllLongsSketch`, `KllFloatsSketch`,
//! `KllDoublesSketch`): `k` in [8, 65535] (200 by default), NaN skipped,
//! ranks and quantiles with inclusive search; an empty sketch has no
//! quantile or rank (`KLL_INVALID_INPUT_SKETCH_BUFFER`).

use std::fmt::Debug;
use std::hash::Hash;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, BinaryArray, Float32Array, Float64Array, Int64Array, ListArray, StringArray,
};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{
    AggregateUDF, ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datasketches::common::SearchCriteria;
use datasketches::kll::{KllFloat, KllSketch, KllValue};

use super::aggregate::{SketchAggregate, SketchFunction, SketchKind, constant_integer};
use super::{Values, arrays, binary_argument, quoted, row_function, spark_error};

const DEFAULT_K: i64 = 200;
const MIN_K: i64 = 8;
const MAX_K: i64 = 65535;

/// The item type of a KLL sketch function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Item {
    Bigint,
    Float,
    Double,
}

/// What each item type brings: its values, its Spark type, its names.
trait KllItem: Clone + Ord + KllValue + Debug + Send + Sync + 'static {
    /// Java's name of the sketch class in `toString`.
    const TITLE: &'static str;
    /// The bytes of one item in Java's images.
    fn item_bytes() -> usize;
    /// Row `row` of a batch as an item; `None` for NaN (which sketches skip).
    fn item(values: &Values, row: usize) -> Result<Option<Self>>;
    /// A constant (the quantile of `get_rank`) as an item.
    fn from_scalar(value: &ScalarValue) -> Result<Option<Self>>;
    fn array(items: Vec<Option<Self>>) -> ArrayRef;
    /// As Java prints the item.
    fn java_text(&self) -> String;
}

impl KllItem for i64 {
    const TITLE: &'static str = "KllLongsSketch";
    fn item_bytes() -> usize {
        8
    }
    fn item(values: &Values, row: usize) -> Result<Option<i64>> {
        match values {
            Values::Long(values) => Ok(Some(values.value(row))),
            _ => exec_err!("kll_sketch_agg_bigint takes integers"),
        }
    }
    fn from_scalar(value: &ScalarValue) -> Result<Option<i64>> {
        match value.cast_to(&DataType::Int64)? {
            ScalarValue::Int64(value) => Ok(value),
            _ => Ok(None),
        }
    }
    fn array(items: Vec<Option<i64>>) -> ArrayRef {
        Arc::new(Int64Array::from(items))
    }
    fn java_text(&self) -> String {
        self.to_string()
    }
}

impl KllItem for KllFloat<f32> {
    const TITLE: &'static str = "KllFloatsSketch";
    fn item_bytes() -> usize {
        4
    }
    fn item(values: &Values, row: usize) -> Result<Option<Self>> {
        match values {
            Values::Float(values) => Ok(KllFloat::<f32>::new(values.value(row)).ok()),
            _ => exec_err!("kll_sketch_agg_float takes floats"),
        }
    }
    fn from_scalar(value: &ScalarValue) -> Result<Option<Self>> {
        match value.cast_to(&DataType::Float32)? {
            ScalarValue::Float32(Some(value)) => Ok(KllFloat::<f32>::new(value).ok()),
            _ => Ok(None),
        }
    }
    fn array(items: Vec<Option<Self>>) -> ArrayRef {
        Arc::new(Float32Array::from(items.into_iter().map(|item| item.map(KllFloat::into_inner)).collect::<Vec<_>>()))
    }
    fn java_text(&self) -> String {
        java_float(f64::from(self.abs()), format!("{:?}", **self), format!("{:e}", **self))
    }
}

impl KllItem for KllFloat<f64> {
    const TITLE: &'static str = "KllDoublesSketch";
    fn item_bytes() -> usize {
        8
    }
    fn item(values: &Values, row: usize) -> Result<Option<Self>> {
        match values {
            Values::Double(values) => Ok(KllFloat::<f64>::new(values.value(row)).ok()),
            Values::Float(values) => Ok(KllFloat::<f64>::new(f64::from(values.value(row))).ok()),
            _ => exec_err!("kll_sketch_agg_double takes doubles"),
        }
    }
    fn from_scalar(value: &ScalarValue) -> Result<Option<Self>> {
        match value.cast_to(&DataType::Float64)? {
            ScalarValue::Float64(Some(value)) => Ok(KllFloat::<f64>::new(value).ok()),
            _ => Ok(None),
        }
    }
    fn array(items: Vec<Option<Self>>) -> ArrayRef {
        Arc::new(Float64Array::from(items.into_iter().map(|item| item.map(KllFloat::into_inner)).collect::<Vec<_>>()))
    }
    fn java_text(&self) -> String {
        java_float(self.abs(), format!("{:?}", **self), format!("{:e}", **self))
    }
}

/// Java's `Double.toString`/`Float.toString`: the shortest decimal form
/// (Rust's `{:?}`), in Java's exponent form outside [1e-3, 1e7) (`1.0E7`).
fn java_float(magnitude: f64, shortest: String, scientific: String) -> String {
    if magnitude.is_infinite() {
        return shortest.replace("inf", "Infinity");
    }
    if magnitude == 0.0 || (1e-3..1e7).contains(&magnitude) || magnitude.is_nan() {
        return shortest;
    }
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { format!("{mantissa}.0") };
    format!("{mantissa}E{exponent}")
}

fn invalid_sketch(function: &str) -> DataFusionError {
    spark_error(
        "KLL_INVALID_INPUT_SKETCH_BUFFER",
        vec![("function", quoted(function))],
        format!("Invalid call to {}; only valid KLL sketch buffers are supported as inputs (such as those produced by the `kll_sketch_agg` function).", quoted(function)),
    )
}

fn sketch<T: KllItem>(bytes: &[u8], function: &str) -> Result<KllSketch<T>> {
    KllSketch::<T>::deserialize(bytes).map_err(|_| invalid_sketch(function))
}

fn new_sketch<T: KllItem>(k: u16, function: &str) -> Result<KllSketch<T>> {
    KllSketch::<T>::new(k).map_err(|_| invalid_sketch(function))
}

/// The `k` argument of an aggregate, checked as Spark does.
fn k_value(constants: &[Option<ScalarValue>], function: &'static str) -> Result<u16> {
    let k = constant_integer(constants, 0, DEFAULT_K, function, "k")?;
    if !(MIN_K..=MAX_K).contains(&k) {
        return Err(spark_error(
            "KLL_SKETCH_K_OUT_OF_RANGE",
            vec![("functionName", quoted(function)), ("k", k.to_string())],
            format!("For function {}, the k parameter must be between 8 and 65535 (inclusive), but got {k}.", quoted(function)),
        ));
    }
    Ok(k as u16)
}

fn names(item: Item) -> (&'static str, &'static str) {
    match item {
        Item::Bigint => ("kll_sketch_agg_bigint", "kll_merge_agg_bigint"),
        Item::Float => ("kll_sketch_agg_float", "kll_merge_agg_float"),
        Item::Double => ("kll_sketch_agg_double", "kll_merge_agg_double"),
    }
}

/// `kll_sketch_agg_*(value, k)` or `kll_merge_agg_*(sketch, k)`.
#[derive(Debug)]
struct KllAgg<T> {
    name: &'static str,
    merge_only: bool,
    item: std::marker::PhantomData<fn() -> T>,
}

// By name: each name has one item type.
impl<T> PartialEq for KllAgg<T> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl<T> Eq for KllAgg<T> {}

impl<T> Hash for KllAgg<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

#[derive(Debug)]
struct KllKind<T> {
    name: &'static str,
    /// `k` when the call gives it (or for `kll_sketch_agg_*`, the default).
    k: Option<u16>,
    merge_only: bool,
    item: std::marker::PhantomData<fn() -> T>,
}

impl<T: KllItem> SketchFunction for KllAgg<T> {
    type Kind = KllKind<T>;

    fn name(&self) -> &'static str {
        self.name
    }

    fn kind(&self, constants: &[Option<ScalarValue>]) -> Result<KllKind<T>> {
        let k = if self.merge_only && constants.is_empty() { None } else { Some(k_value(constants, self.name)?) };
        Ok(KllKind { name: self.name, k, merge_only: self.merge_only, item: std::marker::PhantomData })
    }
}

/// The state: `None` until the first sketch of a `kll_merge_agg_*` without `k`.
impl<T: KllItem> SketchKind for KllKind<T> {
    type State = Option<KllSketch<T>>;
    type Input = Values;

    fn new_state(&self) -> Result<Self::State> {
        self.k.map(|k| new_sketch(k, self.name)).transpose()
    }

    fn input(&self, values: &[ArrayRef]) -> Result<Values> {
        match values.first() {
            Some(array) => Values::of(array),
            None => exec_err!("{} needs a value", self.name),
        }
    }

    fn update(&self, state: &mut Self::State, input: &Values, row: usize) -> Result<()> {
        if self.merge_only {
            let Values::Bytes(sketches) = input else {
                return Err(invalid_sketch(self.name));
            };
            return self.merge(state, sketches.value(row));
        }
        if let Some(item) = T::item(input, row)? {
            match state {
                Some(sketch) => sketch.update(item),
                None => state.insert(new_sketch(DEFAULT_K as u16, self.name)?).update(item),
            }
        }
        Ok(())
    }

    fn merge(&self, state: &mut Self::State, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let input = sketch::<T>(bytes, self.name)?;
        let target = match state {
            Some(sketch) => sketch,
            None => state.insert(new_sketch(input.k(), self.name)?),
        };
        target.merge(&input).map_err(|_| invalid_sketch(self.name))
    }

    fn state_bytes(&self, state: &mut Self::State) -> Result<Vec<u8>> {
        Ok(state.as_ref().map(KllSketch::serialize).unwrap_or_default())
    }

    fn result_bytes(&self, state: &mut Self::State) -> Result<Vec<u8>> {
        match state {
            Some(sketch) => Ok(sketch.serialize()),
            None => Ok(new_sketch::<T>(DEFAULT_K as u16, self.name)?.serialize()),
        }
    }
}

fn aggregate<T: KllItem>(name: &'static str, merge_only: bool) -> AggregateUDF {
    AggregateUDF::new_from_impl(SketchAggregate::new(KllAgg::<T> { name, merge_only, item: std::marker::PhantomData }))
}

/// `kll_sketch_agg_*`.
pub(super) fn sketch_agg(item: Item) -> AggregateUDF {
    let (name, _) = names(item);
    match item {
        Item::Bigint => aggregate::<i64>(name, false),
        Item::Float => aggregate::<KllFloat<f32>>(name, false),
        Item::Double => aggregate::<KllFloat<f64>>(name, false),
    }
}

/// `kll_merge_agg_*`.
pub(super) fn merge_agg(item: Item) -> AggregateUDF {
    let (_, name) = names(item);
    match item {
        Item::Bigint => aggregate::<i64>(name, true),
        Item::Float => aggregate::<KllFloat<f32>>(name, true),
        Item::Double => aggregate::<KllFloat<f64>>(name, true),
    }
}

fn suffixed(prefix: &str, item: Item) -> &'static str {
    let name = format!(
        "{prefix}_{}",
        match item {
            Item::Bigint => "bigint",
            Item::Float => "float",
            Item::Double => "double",
        }
    );
    // One of the fifteen names of the table, leaked once per registration.
    Box::leak(name.into_boxed_str())
}

fn get_n_kernel<T: KllItem>(name: &'static str, arguments: &super::super::string::row_function::Arguments) -> Result<ArrayRef> {
    let sketches = binary_argument(&arrays(arguments)?, 0)?;
    let counts = sketches
        .iter()
        .map(|bytes| bytes.map(|bytes| sketch::<T>(bytes, name).map(|sketch| sketch.n() as i64)).transpose())
        .collect::<Result<Int64Array>>()?;
    Ok(Arc::new(counts))
}

/// `kll_sketch_get_n_*(sketch)`: the number of items the sketch saw.
pub(super) fn get_n(item: Item) -> ScalarUDF {
    match item {
        Item::Bigint => row_function("kll_sketch_get_n_bigint", DataType::Int64, &[1], |a| get_n_kernel::<i64>("kll_sketch_get_n_bigint", a)),
        Item::Float => {
            row_function("kll_sketch_get_n_float", DataType::Int64, &[1], |a| get_n_kernel::<KllFloat<f32>>("kll_sketch_get_n_float", a))
        }
        Item::Double => {
            row_function("kll_sketch_get_n_double", DataType::Int64, &[1], |a| get_n_kernel::<KllFloat<f64>>("kll_sketch_get_n_double", a))
        }
    }
}

fn merge_kernel<T: KllItem>(name: &'static str, arguments: &super::super::string::row_function::Arguments) -> Result<ArrayRef> {
    let arrays = arrays(arguments)?;
    let (left, right) = (binary_argument(&arrays, 0)?, binary_argument(&arrays, 1)?);
    let mut merged = Vec::with_capacity(left.len());
    for row in 0..left.len() {
        if left.is_null(row) || right.is_null(row) {
            merged.push(None);
            continue;
        }
        let mut sketch = sketch::<T>(left.value(row), name)?;
        let other = self::sketch::<T>(right.value(row), name)?;
        sketch.merge(&other).map_err(|_| invalid_sketch(name))?;
        merged.push(Some(sketch.serialize()));
    }
    Ok(Arc::new(BinaryArray::from_iter(merged)))
}

/// `kll_sketch_merge_*(left, right)`: one sketch of both.
pub(super) fn merge(item: Item) -> ScalarUDF {
    match item {
        Item::Bigint => row_function("kll_sketch_merge_bigint", DataType::Binary, &[2], |a| merge_kernel::<i64>("kll_sketch_merge_bigint", a)),
        Item::Float => {
            row_function("kll_sketch_merge_float", DataType::Binary, &[2], |a| merge_kernel::<KllFloat<f32>>("kll_sketch_merge_float", a))
        }
        Item::Double => {
            row_function("kll_sketch_merge_double", DataType::Binary, &[2], |a| merge_kernel::<KllFloat<f64>>("kll_sketch_merge_double", a))
        }
    }
}

fn to_string_kernel<T: KllItem>(name: &'static str, arguments: &super::super::string::row_function::Arguments) -> Result<ArrayRef> {
    let sketches = binary_argument(&arrays(arguments)?, 0)?;
    let texts = sketches
        .iter()
        .map(|bytes| bytes.map(|bytes| sketch::<T>(bytes, name).map(|sketch| summary(&sketch, bytes))).transpose())
        .collect::<Result<StringArray>>()?;
    Ok(Arc::new(texts))
}

/// `kll_sketch_to_string_*(sketch)`: the summary DataSketches Java's `toString` prints.
pub(super) fn to_string(item: Item) -> ScalarUDF {
    match item {
        Item::Bigint => {
            row_function("kll_sketch_to_string_bigint", DataType::Utf8, &[1], |a| to_string_kernel::<i64>("kll_sketch_to_string_bigint", a))
        }
        Item::Float => row_function("kll_sketch_to_string_float", DataType::Utf8, &[1], |a| {
            to_string_kernel::<KllFloat<f32>>("kll_sketch_to_string_float", a)
        }),
        Item::Double => row_function("kll_sketch_to_string_double", DataType::Utf8, &[1], |a| {
            to_string_kernel::<KllFloat<f64>>("kll_sketch_to_string_double", a)
        }),
    }
}

/// Java's `KllSketch.toString()` of a sketch read from `bytes`: the levels
/// and the level-0 order come from the image's preamble.
fn summary<T: KllItem>(sketch: &KllSketch<T>, bytes: &[u8]) -> String {
    let item = |item: Option<&T>| item.map_or_else(|| "NaN".to_string(), T::java_text);
    // Preamble: byte 0 the preamble ints (5 for the full form), byte 3 the flags, byte 18 the levels.
    let full = bytes.first() == Some(&5);
    let levels = if full { usize::from(bytes.get(18).copied().unwrap_or(1)).max(1) } else { 1 };
    let level_zero_sorted = bytes.get(3).is_some_and(|flags| flags & 2 != 0);
    let capacity = total_capacity(u64::from(sketch.k()), levels);
    let item_bytes = T::item_bytes();
    let updatable_bytes = 20 + (levels + 1) * 4 + 2 * item_bytes + capacity * item_bytes;
    format!(
        "\n### Kll{} Summary:\n   K                      : {}\n   Dynamic min K          : {}\n   M                      : 8\n   N                      : {}\n   Epsilon                : {:.3}%\n   Epsilon PMF            : {:.3}%\n   Empty                  : {}\n   Estimation Mode        : {}\n   Levels                 : {}\n   Level 0 Sorted         : {}\n   Capacity Items         : {}\n   Retained Items         : {}\n   Free Space             : {}\n   ReadOnly               : false\n   Updatable Storage Bytes: {}\n   Compact Storage Bytes  : {}\n   Min Item               : {}\n   Max Item               : {}\n### End sketch summary\n",
        T::TITLE,
        sketch.k(),
        sketch.min_k(),
        sketch.n(),
        sketch.normalized_rank_error() * 100.0,
        sketch.normalized_pmf_error() * 100.0,
        sketch.is_empty(),
        sketch.is_estimation_mode(),
        levels,
        level_zero_sorted,
        capacity,
        sketch.num_retained(),
        capacity.saturating_sub(sketch.num_retained()),
        updatable_bytes,
        sketch.serialize().len(),
        item(sketch.min_item()),
        item(sketch.max_item()),
    )
}

/// Java's `KllHelper.computeTotalItemCapacity`: the items `levels` levels hold.
fn total_capacity(k: u64, levels: usize) -> usize {
    (0..levels).map(|level| level_capacity(k, levels - level - 1)).sum()
}

/// The capacity of a level `depth` levels below the top: `k * (2/3)^depth`, rounded, at least 8.
fn level_capacity(k: u64, depth: usize) -> usize {
    fn scaled(k: u64, depth: u32) -> u64 {
        let doubled = u128::from(k) << 1;
        let value = (doubled << depth) / 3u128.pow(depth);
        ((value + 1) >> 1) as u64
    }
    let depth = depth as u32;
    let capacity = if depth <= 30 { scaled(k, depth) } else { scaled(scaled(k, depth / 2), depth - depth / 2) };
    capacity.max(8) as usize
}

/// `kll_sketch_get_quantile_*` or `kll_sketch_get_rank_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Query {
    Quantile,
    Rank,
}

/// A quantile or rank query: one value or a list of them, the result alike.
#[derive(Debug, PartialEq, Eq, Hash)]
struct KllQuery {
    name: &'static str,
    query: Query,
    item: Item,
    signature: Signature,
}

impl KllQuery {
    fn scalar_type(&self) -> DataType {
        match (self.query, self.item) {
            (Query::Rank, _) => DataType::Float64,
            (Query::Quantile, Item::Bigint) => DataType::Int64,
            (Query::Quantile, Item::Float) => DataType::Float32,
            (Query::Quantile, Item::Double) => DataType::Float64,
        }
    }

    fn answer<T: KllItem>(&self, bytes: &[u8], points: &ScalarValue) -> Result<Option<ScalarValue>> {
        let sketch = sketch::<T>(bytes, self.name)?;
        let (values, is_list) = match points {
            ScalarValue::List(list) if list.len() == 1 => {
                let values = list.value(0);
                ((0..values.len()).map(|index| ScalarValue::try_from_array(&values, index)).collect::<Result<Vec<_>>>()?, true)
            }
            other => (vec![other.clone()], false),
        };
        if sketch.is_empty() {
            return Err(invalid_sketch(self.name));
        }
        let answers = match self.query {
            Query::Quantile => {
                let mut quantiles = Vec::with_capacity(values.len());
                for value in &values {
                    let rank = match value.cast_to(&DataType::Float64)? {
                        ScalarValue::Float64(Some(rank)) => rank,
                        _ => return Ok(None),
                    };
                    if !(0.0..=1.0).contains(&rank) {
                        return Err(spark_error(
                            "KLL_SKETCH_INVALID_QUANTILE_RANGE",
                            vec![("functionName", quoted(self.name))],
                            format!("For function {}, the quantile value must be between 0.0 and 1.0 (inclusive).", quoted(self.name)),
                        ));
                    }
                    quantiles.push(sketch.quantile(rank, SearchCriteria::Inclusive).map_err(|_| invalid_sketch(self.name))?);
                }
                T::array(quantiles)
            }
            Query::Rank => {
                let mut ranks = Vec::with_capacity(values.len());
                for value in &values {
                    let Some(item) = T::from_scalar(value)? else {
                        return Ok(None);
                    };
                    ranks.push(sketch.rank(&item, SearchCriteria::Inclusive));
                }
                Arc::new(Float64Array::from(ranks))
            }
        };
        if is_list {
            let field = Arc::new(Field::new_list_field(self.scalar_type(), true));
            let list = ListArray::new(field, OffsetBuffer::from_lengths([answers.len()]), answers, None);
            Ok(Some(ScalarValue::List(Arc::new(list))))
        } else {
            Ok(Some(ScalarValue::try_from_array(&answers, 0)?))
        }
    }
}

impl ScalarUDFImpl for KllQuery {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types.get(1) {
            Some(DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..)) => {
                Ok(DataType::new_list(self.scalar_type(), true))
            }
            _ => Ok(self.scalar_type()),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let all_scalars = args.args.iter().all(|argument| matches!(argument, ColumnarValue::Scalar(_)));
        let rows = if all_scalars { 1 } else { args.number_rows };
        let output = self.return_type(&args.args.iter().map(ColumnarValue::data_type).collect::<Vec<_>>())?;
        let [sketches, points] = &args.args[..] else {
            return exec_err!("{} takes two arguments", self.name);
        };
        let sketches = binary_argument(&[sketches.to_array(rows)?], 0)?;
        let points = points.to_array(rows)?;
        let mut answers = Vec::with_capacity(rows);
        for row in 0..rows {
            let point = ScalarValue::try_from_array(&points, row)?;
            if sketches.is_null(row) || point.is_null() {
                answers.push(ScalarValue::try_from(&output)?);
                continue;
            }
            let bytes = sketches.value(row);
            let answer = match self.item {
                Item::Bigint => self.answer::<i64>(bytes, &point)?,
                Item::Float => self.answer::<KllFloat<f32>>(bytes, &point)?,
                Item::Double => self.answer::<KllFloat<f64>>(bytes, &point)?,
            };
            answers.push(match answer {
                Some(answer) => answer,
                None => ScalarValue::try_from(&output)?,
            });
        }
        let result = ScalarValue::iter_to_array(answers)?;
        if all_scalars {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }
}

fn query(query: Query, item: Item) -> ScalarUDF {
    let prefix = match query {
        Query::Quantile => "kll_sketch_get_quantile",
        Query::Rank => "kll_sketch_get_rank",
    };
    let name = suffixed(prefix, item);
    ScalarUDF::new_from_impl(KllQuery { name, query, item, signature: Signature::any(2, Volatility::Immutable) })
}

/// `kll_sketch_get_quantile_*(sketch, rank)`: the item at a normalized rank (or ranks).
pub(super) fn get_quantile(item: Item) -> ScalarUDF {
    query(Query::Quantile, item)
}

/// `kll_sketch_get_rank_*(sketch, quantile)`: the normalized rank of an item (or items).
pub(super) fn get_rank(item: Item) -> ScalarUDF {
    query(Query::Rank, item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacities_are_java_s() {
        // Spark's summary of a k = 200 sketch of 10,000 items: 6 levels, 547 items of capacity.
        assert_eq!(total_capacity(200, 1), 200);
        assert_eq!(total_capacity(200, 6), 547);
        assert_eq!(level_capacity(8, 3), 8);
    }

    #[test]
    fn floats_print_as_java_s() {
        assert_eq!(java_float(3.5, format!("{:?}", 3.5f64), format!("{:e}", 3.5f64)), "3.5");
        assert_eq!(java_float(1e7, format!("{:?}", 1e7f64), format!("{:e}", 1e7f64)), "1.0E7");
        assert_eq!(java_float(1.25e-5, format!("{:?}", -1.25e-5f64), format!("{:e}", -1.25e-5f64)), "-1.25E-5");
        assert_eq!(java_float(f64::INFINITY, format!("{:?}", f64::NEG_INFINITY), String::new()), "-Infinity");
    }

    #[test]
    fn summary_of_a_small_sketch_matches_spark_s() -> Result<()> {
        let mut sketch = KllSketch::<i64>::new(200).map_err(|error| DataFusionError::Execution(error.to_string()))?;
        for item in [1, 2, 2, 3] {
            sketch.update(item);
        }
        let bytes = sketch.serialize();
        let text = summary(&sketch, &bytes);
        assert!(text.starts_with("\n### KllKllLongsSketch Summary:\n   K                      : 200\n"));
        assert!(text.contains("   Capacity Items         : 200\n   Retained Items         : 4\n   Free Space             : 196\n"));
        assert!(text.contains("   Updatable Storage Bytes: 1644\n   Compact Storage Bytes  : 72\n   Min Item               : 1\n   Max Item               : 3\n"));
        Ok(())
    }
}
