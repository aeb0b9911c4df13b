// SPDX-License-Identifier: Apache-2.0
//! HyperLogLog sketches: `hll_sketch_agg`, `hll_union_agg`,
//! `hll_sketch_estimate`, `hll_union`.
//!
//! As Spark's: sketches of `HLL_8` registers with `lgConfigK` in [4, 21]
//! (12 by default); integers hashed as 64-bit longs, strings as their UTF-8
//! bytes and binaries as they are (empty ones skipped), as DataSketches Java
//! does; partial sketches merged through a union of the sketch's `lgConfigK`.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, BinaryArray, Int64Array};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::ScalarUDF;
use datasketches::hash::value::raw_bytes;
use datasketches::hll::{HllSketch, HllType, HllUnion};

use super::aggregate::{SketchFunction, SketchKind, constant_boolean, constant_integer};
use super::{Values, arrays, binary_argument, quoted, row_function, spark_error};

const DEFAULT_LG_K: i64 = 12;
const MIN_LG_K: i64 = 4;
const MAX_LG_K: i64 = 21;

fn invalid_sketch(function: &str) -> datafusion::error::DataFusionError {
    spark_error(
        "HLL_INVALID_INPUT_SKETCH_BUFFER",
        vec![("function", quoted(function))],
        format!("Invalid call to {}; only valid HLL sketch buffers are supported as inputs (such as those produced by the `hll_sketch_agg` function).", quoted(function)),
    )
}

fn different_lg_k(left: u8, right: u8, function: &str) -> datafusion::error::DataFusionError {
    spark_error(
        "HLL_UNION_DIFFERENT_LG_K",
        vec![("left", left.to_string()), ("right", right.to_string()), ("function", quoted(function))],
        format!("Sketches have different `lgConfigK` values: {left} and {right}. Set the `allowDifferentLgConfigK` parameter to true to call {} with different `lgConfigK` values.", quoted(function)),
    )
}

fn sketch(bytes: &[u8], function: &str) -> Result<HllSketch> {
    HllSketch::deserialize(bytes).map_err(|_| invalid_sketch(function))
}

/// `hll_sketch_agg(value, lgConfigK)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct HllSketchAgg;

#[derive(Debug)]
pub(super) struct HllBuilder {
    lg_k: u8,
}

impl SketchFunction for HllSketchAgg {
    type Kind = HllBuilder;

    fn name(&self) -> &'static str {
        "hll_sketch_agg"
    }

    fn kind(&self, constants: &[Option<ScalarValue>]) -> Result<HllBuilder> {
        let lg_k = constant_integer(constants, 0, DEFAULT_LG_K, self.name(), "lgConfigK")?;
        if !(MIN_LG_K..=MAX_LG_K).contains(&lg_k) {
            return Err(spark_error(
                "HLL_INVALID_LG_K",
                vec![
                    ("function", quoted(self.name())),
                    ("min", MIN_LG_K.to_string()),
                    ("max", MAX_LG_K.to_string()),
                    ("value", lg_k.to_string()),
                ],
                format!("Invalid call to {}; the `lgConfigK` value must be between {MIN_LG_K} and {MAX_LG_K}, inclusive: {lg_k}.", quoted(self.name())),
            ));
        }
        Ok(HllBuilder { lg_k: lg_k as u8 })
    }
}

impl SketchKind for HllBuilder {
    type State = HllSketch;
    type Input = Values;

    fn new_state(&self) -> Result<HllSketch> {
        HllSketch::new(self.lg_k, HllType::Hll8).map_err(|error| datafusion::error::DataFusionError::Execution(error.to_string()))
    }

    fn input(&self, values: &[ArrayRef]) -> Result<Values> {
        match values.first() {
            Some(array) => Values::of(array),
            None => datafusion::common::exec_err!("hll_sketch_agg needs a value"),
        }
    }

    fn update(&self, state: &mut HllSketch, input: &Values, row: usize) -> Result<()> {
        match input {
            Values::Long(values) => state.update(values.value(row)),
            Values::Text(values) => {
                let text = values.value(row);
                if !text.is_empty() {
                    state.update(raw_bytes::from_str(text));
                }
            }
            Values::Bytes(values) => {
                let bytes = values.value(row);
                if !bytes.is_empty() {
                    state.update(raw_bytes::from_slice(bytes));
                }
            }
            _ => return datafusion::common::exec_err!("hll_sketch_agg of this type is not supported"),
        }
        Ok(())
    }

    fn merge(&self, state: &mut HllSketch, bytes: &[u8]) -> Result<()> {
        let input = sketch(bytes, "hll_sketch_agg")?;
        let mut union = HllUnion::new(state.lg_config_k()).map_err(|_| invalid_sketch("hll_sketch_agg"))?;
        union.update(state);
        union.update(&input);
        *state = union.to_sketch(HllType::Hll8);
        Ok(())
    }

    fn state_bytes(&self, state: &mut HllSketch) -> Result<Vec<u8>> {
        Ok(state.serialize())
    }

    fn result_bytes(&self, state: &mut HllSketch) -> Result<Vec<u8>> {
        Ok(state.serialize())
    }
}

/// `hll_union_agg(sketch, allowDifferentLgConfigK)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct HllUnionAgg;

#[derive(Debug)]
pub(super) struct HllUnionKind {
    allow_different_lg_k: bool,
}

impl SketchFunction for HllUnionAgg {
    type Kind = HllUnionKind;

    fn name(&self) -> &'static str {
        "hll_union_agg"
    }

    fn kind(&self, constants: &[Option<ScalarValue>]) -> Result<HllUnionKind> {
        Ok(HllUnionKind { allow_different_lg_k: constant_boolean(constants, 0, false, self.name(), "allowDifferentLgConfigK")? })
    }
}

impl HllUnionKind {
    fn add(&self, state: &mut Option<HllUnion>, bytes: &[u8]) -> Result<()> {
        let sketch = sketch(bytes, "hll_union_agg")?;
        let union = match state {
            Some(union) => union,
            None => state.insert(HllUnion::new(sketch.lg_config_k()).map_err(|_| invalid_sketch("hll_union_agg"))?),
        };
        if !self.allow_different_lg_k && union.lg_config_k() != sketch.lg_config_k() {
            return Err(different_lg_k(union.lg_config_k(), sketch.lg_config_k(), "hll_union_agg"));
        }
        union.update(&sketch);
        Ok(())
    }
}

impl SketchKind for HllUnionKind {
    type State = Option<HllUnion>;
    type Input = BinaryArray;

    fn new_state(&self) -> Result<Option<HllUnion>> {
        Ok(None)
    }

    fn input(&self, values: &[ArrayRef]) -> Result<BinaryArray> {
        binary_argument(values, 0)
    }

    fn update(&self, state: &mut Option<HllUnion>, input: &BinaryArray, row: usize) -> Result<()> {
        self.add(state, input.value(row))
    }

    fn merge(&self, state: &mut Option<HllUnion>, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.add(state, bytes)
    }

    fn state_bytes(&self, state: &mut Option<HllUnion>) -> Result<Vec<u8>> {
        Ok(state.as_ref().map(|union| union.to_sketch(HllType::Hll8).serialize()).unwrap_or_default())
    }

    fn result_bytes(&self, state: &mut Option<HllUnion>) -> Result<Vec<u8>> {
        let union = match state {
            Some(union) => union,
            None => state.insert(HllUnion::new(DEFAULT_LG_K as u8).map_err(|_| invalid_sketch("hll_union_agg"))?),
        };
        Ok(union.to_sketch(HllType::Hll8).serialize())
    }
}

/// Java's `Math.round` of an estimate.
pub(super) fn round(estimate: f64) -> i64 {
    (estimate + 0.5).floor() as i64
}

/// `hll_sketch_estimate(sketch)`: the estimated number of distinct values, rounded.
pub(super) fn estimate() -> ScalarUDF {
    row_function("hll_sketch_estimate", DataType::Int64, &[1], |arguments| {
        let sketches = binary_argument(&arrays(arguments)?, 0)?;
        let estimates = sketches
            .iter()
            .map(|bytes| bytes.map(|bytes| sketch(bytes, "hll_sketch_estimate").map(|sketch| round(sketch.estimate()))).transpose())
            .collect::<Result<Int64Array>>()?;
        Ok(Arc::new(estimates))
    })
}

/// `hll_union(first, second, allowDifferentLgConfigK)`: the union of two
/// sketches, at the smaller `lgConfigK`.
pub(super) fn union() -> ScalarUDF {
    row_function("hll_union", DataType::Binary, &[2, 3], |arguments| {
        let arrays = arrays(arguments)?;
        let (first, second) = (binary_argument(&arrays, 0)?, binary_argument(&arrays, 1)?);
        let allow = match arrays.get(2) {
            Some(flags) => ScalarValue::try_from_array(flags, 0)? == ScalarValue::Boolean(Some(true)),
            None => false,
        };
        let mut result = Vec::with_capacity(first.len());
        for row in 0..first.len() {
            if first.is_null(row) || second.is_null(row) {
                result.push(None);
                continue;
            }
            let left = sketch(first.value(row), "hll_union")?;
            let right = sketch(second.value(row), "hll_union")?;
            if !allow && left.lg_config_k() != right.lg_config_k() {
                return Err(different_lg_k(left.lg_config_k(), right.lg_config_k(), "hll_union"));
            }
            let lg_k = left.lg_config_k().min(right.lg_config_k());
            let mut union = HllUnion::new(lg_k).map_err(|_| invalid_sketch("hll_union"))?;
            union.update(&left);
            union.update(&right);
            result.push(Some(union.to_sketch(HllType::Hll8).serialize()));
        }
        Ok(Arc::new(BinaryArray::from_iter(result)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_round_half_up_as_java() {
        assert_eq!(round(2.5), 3);
        assert_eq!(round(2.4999), 2);
        assert_eq!(round(0.0), 0);
    }

    #[test]
    fn reads_a_sketch_spark_wrote() -> Result<()> {
        // hll_sketch_agg over 1, 2, 2, 3 in Spark 4.3 (HLL_8, lgConfigK 12, list mode).
        let bytes: Vec<u8> = (0..80)
            .step_by(2)
            .filter_map(|index| u8::from_str_radix(&"0201070C030003082BF2FB06862FF90D758166070000000000000000000000000000000000000000"[index..index + 2], 16).ok())
            .collect();
        assert_eq!(round(sketch(&bytes, "test")?.estimate()), 3);
        Ok(())
    }
}
