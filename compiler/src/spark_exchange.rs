// SPDX-License-Identifier: Apache-2.0
//! Spark's exchanges: the rows of the input moved to the partitions Spark's
//! `repartition`, `repartitionByRange` and `coalesce` put them in. An
//! `ExtensionSingleRel` (<https://substrait.io/relations/user_defined_relations/>)
//! whose `detail` is a `google.protobuf.Struct`:
//!
//! | field | value |
//! |---|---|
//! | `spark_exchange` | `round_robin`, `by_id`, `range` or `coalesce` |
//! | `partitions` | the number of partitions asked for (positive) |
//! | `keys` | how many of the input's last columns are keys, not rows: one partition id (`by_id`, an `i32` in `[0, partitions)`, null for 0), the sort keys (`range`) |
//! | `orders` | `range`: per key, `asc_nulls_first`, `asc_nulls_last`, `desc_nulls_first` or `desc_nulls_last` |
//! | `sample_size` | `range`: Spark's `spark.sql.execution.rangeExchange.sampleSizePerPartition` |
//! | `located` | `coalesce`: whether the input partitions are a shuffle's, whose non-empty ones prefer the host holding them (Spark's coalescer then groups them by location, not in runs) |
//!
//! The output is the input without its key columns.

use pbjson_types::value::Kind as ValueKind;
use pbjson_types::{Any, Struct};
use prost::Message;

/// The `type_url` of an exchange's detail.
pub const SPARK_EXCHANGE_TYPE_URL: &str = "type.googleapis.com/google.protobuf.Struct";

/// How an exchange assigns rows to partitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd)]
pub enum ExchangeKind {
    /// `repartition(n)`: each input partition sorted by its rows' bytes, then dealt round robin.
    RoundRobin,
    /// `repartition(n, cols)`, `repartitionById`: the partition each row's id names.
    ById,
    /// `repartitionByRange(n, cols)`: Spark's `RangePartitioner`.
    Range,
    /// `coalesce(n)`: runs of adjacent input partitions.
    Coalesce,
}

impl ExchangeKind {
    fn from_name(name: &str) -> Option<Self> {
        match name {
            "round_robin" => Some(ExchangeKind::RoundRobin),
            "by_id" => Some(ExchangeKind::ById),
            "range" => Some(ExchangeKind::Range),
            "coalesce" => Some(ExchangeKind::Coalesce),
            _ => None,
        }
    }

    /// The detail's name of this kind.
    pub fn name(self) -> &'static str {
        match self {
            ExchangeKind::RoundRobin => "round_robin",
            ExchangeKind::ById => "by_id",
            ExchangeKind::Range => "range",
            ExchangeKind::Coalesce => "coalesce",
        }
    }
}

/// A range key's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd)]
pub struct KeyOrder {
    pub descending: bool,
    pub nulls_first: bool,
}

/// A decoded exchange detail.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd)]
pub struct SparkExchange {
    pub kind: ExchangeKind,
    pub partitions: usize,
    /// How many of the input's last columns are keys.
    pub keys: usize,
    /// The range keys' orders (one per key).
    pub orders: Vec<KeyOrder>,
    /// Spark's sample size per partition hint (range).
    pub sample_size: usize,
    /// Whether a coalesce's input partitions are a shuffle's.
    pub located: bool,
}

impl SparkExchange {
    /// Whether `detail` claims to be an exchange (a `Struct` with a `spark_exchange` field).
    pub fn is_spark_exchange(detail: &Any) -> bool {
        detail.type_url == SPARK_EXCHANGE_TYPE_URL
            && Struct::decode(detail.value.as_ref()).is_ok_and(|fields| fields.fields.contains_key("spark_exchange"))
    }

    /// The detail of this exchange (what [`SparkExchange::from_detail`] decodes).
    pub fn to_detail(&self) -> Any {
        let number = |value: usize| {
            #[expect(clippy::cast_precision_loss, reason = "partition and key counts are small")]
            let number = value as f64;
            pbjson_types::Value::from(number)
        };
        let orders = self
            .orders
            .iter()
            .map(|order| {
                let direction = if order.descending { "desc" } else { "asc" };
                let nulls = if order.nulls_first { "first" } else { "last" };
                pbjson_types::Value::from(format!("{direction}_nulls_{nulls}"))
            })
            .collect::<Vec<_>>();
        let fields = [
            ("spark_exchange", pbjson_types::Value::from(self.kind.name())),
            ("partitions", number(self.partitions)),
            ("keys", number(self.keys)),
            ("orders", pbjson_types::Value::from(orders)),
            ("sample_size", number(self.sample_size)),
            ("located", pbjson_types::Value::from(self.located)),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect();
        Any { type_url: SPARK_EXCHANGE_TYPE_URL.to_string(), value: Struct { fields }.encode_to_vec().into() }
    }

    /// Decode an exchange detail; the error says what is wrong with it.
    pub fn from_detail(detail: &Any) -> Result<SparkExchange, String> {
        let fields = Struct::decode(detail.value.as_ref())
            .map_err(|error| format!("the detail is not a google.protobuf.Struct: {error}"))?
            .fields;
        let kind = match fields.get("spark_exchange").and_then(|value| value.kind.as_ref()) {
            Some(ValueKind::StringValue(name)) => ExchangeKind::from_name(name)
                .ok_or_else(|| format!("unknown exchange `{name}` (expected round_robin, by_id, range or coalesce)"))?,
            _ => return Err("the detail has no string field `spark_exchange`".to_string()),
        };
        let count = |name: &str, default: Option<usize>| match fields.get(name).and_then(|value| value.kind.as_ref()) {
            Some(ValueKind::NumberValue(number)) if number.fract() == 0.0 && *number >= 0.0 && *number < f64::from(u32::MAX) => {
                #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "range checked above")]
                let value = *number as u32;
                Ok(value as usize)
            }
            None => default.ok_or_else(|| format!("the detail has no field `{name}`")),
            Some(_) => Err(format!("the detail's `{name}` must be a non-negative integer")),
        };
        let partitions = count("partitions", None)?;
        if partitions == 0 {
            return Err("the detail's `partitions` must be positive".to_string());
        }
        let keys = count("keys", Some(0))?;
        let sample_size = count("sample_size", Some(100))?;
        let orders = match fields.get("orders").and_then(|value| value.kind.as_ref()) {
            None => Vec::new(),
            Some(ValueKind::ListValue(list)) => list
                .values
                .iter()
                .map(|value| match value.kind.as_ref() {
                    Some(ValueKind::StringValue(order)) => match order.as_str() {
                        "asc_nulls_first" => Ok(KeyOrder { descending: false, nulls_first: true }),
                        "asc_nulls_last" => Ok(KeyOrder { descending: false, nulls_first: false }),
                        "desc_nulls_first" => Ok(KeyOrder { descending: true, nulls_first: true }),
                        "desc_nulls_last" => Ok(KeyOrder { descending: true, nulls_first: false }),
                        other => Err(format!("unknown key order `{other}`")),
                    },
                    _ => Err("the detail's `orders` must be strings".to_string()),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("the detail's field `orders` is not a list".to_string()),
        };
        let located = match fields.get("located").and_then(|value| value.kind.as_ref()) {
            None => false,
            Some(ValueKind::BoolValue(located)) => *located,
            Some(_) => return Err("the detail's field `located` is not a boolean".to_string()),
        };
        let expected_keys = match kind {
            ExchangeKind::RoundRobin | ExchangeKind::Coalesce => 0,
            ExchangeKind::ById => 1,
            ExchangeKind::Range => orders.len(),
        };
        if keys != expected_keys || (kind == ExchangeKind::Range && keys == 0) {
            return Err(format!("a {} exchange takes {expected_keys} key columns, got {keys}", kind.name()));
        }
        Ok(SparkExchange { kind, partitions, keys, orders, sample_size, located })
    }
}

#[cfg(test)]
mod tests {
    use pbjson_types::{Any, ListValue, Struct, Value};
    use prost::Message;

    use super::{ExchangeKind, SPARK_EXCHANGE_TYPE_URL, SparkExchange};

    fn detail(fields: Vec<(&str, Value)>) -> Any {
        let fields = fields.into_iter().map(|(name, value)| (name.to_string(), value)).collect();
        Any { type_url: SPARK_EXCHANGE_TYPE_URL.to_string(), value: Struct { fields }.encode_to_vec().into() }
    }

    #[test]
    fn details_decode_and_check_their_keys() {
        let range = detail(vec![
            ("spark_exchange", Value::from("range")),
            ("partitions", Value::from(3.0)),
            ("keys", Value::from(1.0)),
            ("orders", Value::from(ListValue { values: vec![Value::from("desc_nulls_last")] })),
        ]);
        assert!(SparkExchange::is_spark_exchange(&range));
        let decoded = SparkExchange::from_detail(&range);
        assert!(decoded.as_ref().is_ok_and(|exchange| exchange.kind == ExchangeKind::Range && exchange.sample_size == 100));
        let missing_key = detail(vec![("spark_exchange", Value::from("by_id")), ("partitions", Value::from(2.0))]);
        assert!(SparkExchange::from_detail(&missing_key).is_err());
        let round_trip = decoded.map(|exchange| SparkExchange::from_detail(&exchange.to_detail()) == Ok(exchange));
        assert_eq!(round_trip, Ok(true));
        let no_partitions = detail(vec![("spark_exchange", Value::from("coalesce")), ("partitions", Value::from(0.0))]);
        assert!(SparkExchange::from_detail(&no_partitions).is_err());
    }
}
