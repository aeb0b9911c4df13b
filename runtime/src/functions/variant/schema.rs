// SPDX-License-Identifier: Apache-2.0
//! Spark's `schema_of_variant` and `schema_of_variant_agg`: the type of a
//! variant value as Spark names it (`OBJECT<a: BIGINT>`, `ARRAY<VOID>`,
//! `DECIMAL(2,1)`), and the type of many merged as Spark merges them
//! (numbers widen, an object has every key, anything else that differs is
//! `VARIANT`).

use arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};

use super::node::{Node, digits, stripped};
use super::udf::variant_rows;

const MAX_PRECISION: u32 = 38;

/// A variant value's type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Schema {
    Void,
    Boolean,
    Bigint,
    Float,
    Double,
    Decimal(u32, u8),
    String,
    Binary,
    Date,
    Timestamp,
    TimestampNtz,
    Object(Vec<(String, Schema)>),
    Array(Box<Schema>),
    Variant,
}

impl Schema {
    /// The type of `node`.
    pub(crate) fn of(node: &Node) -> Schema {
        match node {
            Node::Null => Schema::Void,
            Node::Bool(_) => Schema::Boolean,
            Node::Int(_) => Schema::Bigint,
            Node::Float(_) => Schema::Float,
            Node::Double(_) => Schema::Double,
            Node::Decimal { unscaled, scale } => {
                let (unscaled, scale) = stripped(*unscaled, *scale);
                Schema::Decimal(digits(unscaled).max(u32::from(scale)), scale)
            }
            Node::String(_) => Schema::String,
            Node::Binary(_) => Schema::Binary,
            Node::Date(_) => Schema::Date,
            Node::Timestamp(_) => Schema::Timestamp,
            Node::TimestampNtz(_) => Schema::TimestampNtz,
            Node::Object(fields) => Schema::Object(fields.iter().map(|(name, value)| (name.clone(), Schema::of(value))).collect()),
            Node::Array(values) => Schema::Array(Box::new(values.iter().fold(Schema::Void, |merged, value| merged.merge(Schema::of(value))))),
        }
    }

    /// The type both `self` and `other` fit.
    pub(crate) fn merge(self, other: Schema) -> Schema {
        match (self, other) {
            (left, right) if left == right => left,
            (Schema::Void, other) | (other, Schema::Void) => other,
            (Schema::Bigint, Schema::Decimal(precision, scale)) | (Schema::Decimal(precision, scale), Schema::Bigint) => {
                Schema::Decimal(20, 0).merge(Schema::Decimal(precision, scale))
            }
            (Schema::Decimal(left_precision, left_scale), Schema::Decimal(right_precision, right_scale)) => {
                let scale = left_scale.max(right_scale);
                let integral = (left_precision - u32::from(left_scale)).max(right_precision - u32::from(right_scale));
                let precision = integral + u32::from(scale);
                if precision > MAX_PRECISION { Schema::Double } else { Schema::Decimal(precision, scale) }
            }
            (Schema::Double, Schema::Bigint | Schema::Float | Schema::Decimal(..))
            | (Schema::Bigint | Schema::Float | Schema::Decimal(..), Schema::Double)
            | (Schema::Float, Schema::Decimal(..))
            | (Schema::Decimal(..), Schema::Float) => Schema::Double,
            (Schema::Float, Schema::Bigint) | (Schema::Bigint, Schema::Float) => Schema::Float,
            (Schema::Object(left), Schema::Object(right)) => {
                let mut merged = left;
                for (name, schema) in right {
                    match merged.iter().position(|(known, _)| *known == name) {
                        Some(found) => {
                            let known = std::mem::replace(&mut merged[found].1, Schema::Void);
                            merged[found].1 = known.merge(schema);
                        }
                        None => merged.push((name, schema)),
                    }
                }
                merged.sort_by(|left, right| left.0.cmp(&right.0));
                Schema::Object(merged)
            }
            (Schema::Array(left), Schema::Array(right)) => Schema::Array(Box::new(left.merge(*right))),
            _ => Schema::Variant,
        }
    }

    /// Spark's name of the type.
    pub(crate) fn text(&self) -> String {
        match self {
            Schema::Void => "VOID".into(),
            Schema::Boolean => "BOOLEAN".into(),
            Schema::Bigint => "BIGINT".into(),
            Schema::Float => "FLOAT".into(),
            Schema::Double => "DOUBLE".into(),
            Schema::Decimal(precision, scale) => format!("DECIMAL({precision},{scale})"),
            Schema::String => "STRING".into(),
            Schema::Binary => "BINARY".into(),
            Schema::Date => "DATE".into(),
            Schema::Timestamp => "TIMESTAMP".into(),
            Schema::TimestampNtz => "TIMESTAMP_NTZ".into(),
            Schema::Object(fields) => {
                let fields: Vec<String> =
                    fields.iter().map(|(name, schema)| format!("{}: {}", quoted_if_needed(name), schema.text())).collect();
                format!("OBJECT<{}>", fields.join(", "))
            }
            Schema::Array(element) => format!("ARRAY<{}>", element.text()),
            Schema::Variant => "VARIANT".into(),
        }
    }

    /// The type as JSON, the aggregate's state between partitions.
    fn to_state(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Schema::Decimal(precision, scale) => json!({ "decimal": [precision, scale] }),
            Schema::Object(fields) => {
                json!({ "object": fields.iter().map(|(name, schema)| json!([name, schema.to_state()])).collect::<Vec<_>>() })
            }
            Schema::Array(element) => json!({ "array": element.to_state() }),
            simple => json!(simple.text()),
        }
    }

    fn from_state(state: &serde_json::Value) -> Option<Schema> {
        if let Some(text) = state.as_str() {
            return Some(match text {
                "VOID" => Schema::Void,
                "BOOLEAN" => Schema::Boolean,
                "BIGINT" => Schema::Bigint,
                "FLOAT" => Schema::Float,
                "DOUBLE" => Schema::Double,
                "STRING" => Schema::String,
                "BINARY" => Schema::Binary,
                "DATE" => Schema::Date,
                "TIMESTAMP" => Schema::Timestamp,
                "TIMESTAMP_NTZ" => Schema::TimestampNtz,
                _ => Schema::Variant,
            });
        }
        if let Some(decimal) = state.get("decimal") {
            let precision = u32::try_from(decimal.get(0)?.as_u64()?).ok()?;
            let scale = u8::try_from(decimal.get(1)?.as_u64()?).ok()?;
            return Some(Schema::Decimal(precision, scale));
        }
        if let Some(fields) = state.get("object") {
            let fields = fields
                .as_array()?
                .iter()
                .map(|field| Some((field.get(0)?.as_str()?.to_string(), Schema::from_state(field.get(1)?)?)))
                .collect::<Option<Vec<_>>>()?;
            return Some(Schema::Object(fields));
        }
        Some(Schema::Array(Box::new(Schema::from_state(state.get("array")?)?)))
    }
}

/// A field name as Spark writes it in a type: as it is when made of letters,
/// digits and `_` (and not only digits), else between backticks (doubled inside).
fn quoted_if_needed(name: &str) -> String {
    let plain = !name.is_empty()
        && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
        && !name.bytes().all(|byte| byte.is_ascii_digit());
    if plain { name.to_string() } else { format!("`{}`", name.replace('`', "``")) }
}

/// Spark's `schema_of_variant_agg`.
pub(crate) fn schema_of_variant_agg() -> AggregateUDF {
    AggregateUDF::new_from_impl(SchemaOfVariantAgg { signature: Signature::any(1, Volatility::Immutable) })
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SchemaOfVariantAgg {
    signature: Signature,
}

impl AggregateUDFImpl for SchemaOfVariantAgg {
    fn name(&self) -> &str {
        "schema_of_variant_agg"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Field::new(format_state_name(args.name, "schema"), DataType::Utf8, true).into()])
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(SchemaAccumulator { schema: None }))
    }
}

#[derive(Debug)]
struct SchemaAccumulator {
    /// The merged type of the values so far; `None` before the first non-null one.
    schema: Option<Schema>,
}

impl SchemaAccumulator {
    fn offer(&mut self, schema: Schema) {
        self.schema = Some(match self.schema.take() {
            Some(known) => known.merge(schema),
            None => schema,
        });
    }
}

impl Accumulator for SchemaAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(values) = values.first() else {
            return exec_err!("schema_of_variant_agg takes a variant");
        };
        for node in variant_rows(values)?.into_iter().flatten() {
            self.offer(Schema::of(&node));
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(states) = states.first() else {
            return exec_err!("schema_of_variant_agg's state has one part");
        };
        let states = states.as_string::<i32>();
        for row in 0..states.len() {
            if states.is_null(row) {
                continue;
            }
            let parsed = serde_json::from_str::<serde_json::Value>(states.value(row)).ok();
            match parsed.as_ref().and_then(Schema::from_state) {
                Some(schema) => self.offer(schema),
                None => return exec_err!("schema_of_variant_agg: a malformed state"),
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Utf8(self.schema.as_ref().map(|schema| schema.to_state().to_string()))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        // No value at all (or only nulls) is Spark's VOID.
        Ok(ScalarValue::Utf8(Some(self.schema.as_ref().map_or_else(|| Schema::Void.text(), Schema::text))))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_as_spark() {
        let decimal = Schema::Decimal(2, 1);
        assert_eq!(Schema::Bigint.merge(decimal.clone()).text(), "DECIMAL(21,1)");
        assert_eq!(decimal.merge(Schema::Decimal(4, 2)).text(), "DECIMAL(4,2)");
        assert_eq!(Schema::Bigint.merge(Schema::Boolean).text(), "VARIANT");
        let left = Schema::Object(vec![("a".into(), Schema::Bigint)]);
        let right = Schema::Object(vec![("b".into(), Schema::Bigint)]);
        assert_eq!(left.clone().merge(right).text(), "OBJECT<a: BIGINT, b: BIGINT>");
        let state = left.to_state();
        assert_eq!(Schema::from_state(&state), Some(left));
    }

    #[test]
    fn names_decimals_without_trailing_zeros() {
        assert_eq!(Schema::of(&Node::Decimal { unscaled: 1000, scale: 1 }).text(), "DECIMAL(3,0)");
        assert_eq!(Schema::of(&Node::Decimal { unscaled: 0, scale: 1 }).text(), "DECIMAL(1,0)");
        assert_eq!(Schema::of(&Node::Decimal { unscaled: 1, scale: 3 }).text(), "DECIMAL(3,3)");
        assert_eq!(Schema::of(&Node::Array(vec![])).text(), "ARRAY<VOID>");
        let odd = Schema::Object(vec![("é".into(), Schema::String), ("1".into(), Schema::Bigint), ("a`b".into(), Schema::Void)]);
        assert_eq!(odd.text(), "OBJECT<`é`: STRING, `1`: BIGINT, `a``b`: VOID>");
    }
}
