// SPDX-License-Identifier: Apache-2.0
//! Join strategy hints: Spark's `df.hint("broadcast")`, `broadcast(df)` and
//! SQL's `/*+ BROADCAST(t) */`, resolved onto the join they reach (as Spark's
//! optimizer puts them on `Join ..., rightHint=(strategy=broadcast)`).
//!
//! A `JoinRel` or `CrossRel` carries them in its `advanced_extension`
//! (<https://substrait.io/extensions/#advanced-extensions>): one
//! `optimization` whose value is a `google.protobuf.Struct`:
//!
//! | field | value |
//! |---|---|
//! | `left_strategy` | the hinted strategy for the left input, if any |
//! | `right_strategy` | the hinted strategy for the right input, if any |
//!
//! Strategies are Spark's: `broadcast`, `shuffle_merge`, `shuffle_hash`,
//! `shuffle_replicate_nl`. An optimization may be ignored: a consumer that
//! does not know it runs the join as it would without, with the same result.

use pbjson_types::value::Kind as ValueKind;
use pbjson_types::{Any, Struct};
use prost::Message;
use substrait::proto::extensions::AdvancedExtension;

/// The `type_url` of a join hint.
pub const JOIN_HINT_TYPE_URL: &str = "type.googleapis.com/google.protobuf.Struct";

/// A join strategy Spark's hints ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JoinStrategy {
    /// `BROADCAST`, `BROADCASTJOIN`, `MAPJOIN`: build a hash table of this side, sent to every task.
    Broadcast,
    /// `MERGE`, `SHUFFLE_MERGE`, `MERGEJOIN`: a sort-merge join.
    ShuffleMerge,
    /// `SHUFFLE_HASH`: a hash join of both sides shuffled, building this side.
    ShuffleHash,
    /// `SHUFFLE_REPLICATE_NL`: a cartesian product.
    ShuffleReplicateNl,
}

impl JoinStrategy {
    /// Spark's name of the strategy, as its plans print it (`strategy=broadcast`).
    pub fn name(self) -> &'static str {
        match self {
            JoinStrategy::Broadcast => "broadcast",
            JoinStrategy::ShuffleMerge => "shuffle_merge",
            JoinStrategy::ShuffleHash => "shuffle_hash",
            JoinStrategy::ShuffleReplicateNl => "shuffle_replicate_nl",
        }
    }

    /// The strategy of a name [`JoinStrategy::name`] gives.
    pub fn from_name(name: &str) -> Option<JoinStrategy> {
        [JoinStrategy::Broadcast, JoinStrategy::ShuffleMerge, JoinStrategy::ShuffleHash, JoinStrategy::ShuffleReplicateNl]
            .into_iter()
            .find(|strategy| strategy.name() == name)
    }
}

/// The hints of one join: a strategy per input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JoinHints {
    /// The left input's hint.
    pub left: Option<JoinStrategy>,
    /// The right input's hint.
    pub right: Option<JoinStrategy>,
}

impl JoinHints {
    /// The hints in a join's advanced extension; none when it has no join hint.
    /// The error says what is wrong with a join hint that is malformed.
    pub fn from_extension(extension: Option<&AdvancedExtension>) -> Result<JoinHints, String> {
        let Some(extension) = extension else {
            return Ok(JoinHints::default());
        };
        let mut hints = JoinHints::default();
        for optimization in &extension.optimization {
            let Some(fields) = join_hint_fields(optimization) else {
                continue;
            };
            hints.left = hints.left.or(strategy(&fields, "left_strategy")?);
            hints.right = hints.right.or(strategy(&fields, "right_strategy")?);
        }
        Ok(hints)
    }

    /// Whether neither input is hinted.
    pub fn is_empty(&self) -> bool {
        self.left.is_none() && self.right.is_none()
    }
}

/// The fields of `optimization` if it is a join hint (a `Struct` with a `*_strategy` field).
fn join_hint_fields(optimization: &Any) -> Option<Struct> {
    if optimization.type_url != JOIN_HINT_TYPE_URL {
        return None;
    }
    let fields = Struct::decode(optimization.value.as_ref()).ok()?;
    (fields.fields.contains_key("left_strategy") || fields.fields.contains_key("right_strategy")).then_some(fields)
}

fn strategy(fields: &Struct, key: &str) -> Result<Option<JoinStrategy>, String> {
    match fields.fields.get(key).and_then(|value| value.kind.as_ref()) {
        None | Some(ValueKind::NullValue(_)) => Ok(None),
        Some(ValueKind::StringValue(name)) => JoinStrategy::from_name(name)
            .map(Some)
            .ok_or_else(|| format!("unknown join strategy `{name}` in `{key}`")),
        Some(_) => Err(format!("the join hint's `{key}` is not a string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pbjson_types::Value;

    fn extension(pairs: &[(&str, &str)]) -> AdvancedExtension {
        let fields = Struct {
            fields: pairs
                .iter()
                .map(|(key, value)| (key.to_string(), Value { kind: Some(ValueKind::StringValue(value.to_string())) }))
                .collect(),
        };
        AdvancedExtension {
            optimization: vec![Any { type_url: JOIN_HINT_TYPE_URL.to_string(), value: fields.encode_to_vec().into() }],
            enhancement: None,
        }
    }

    #[test]
    fn reads_each_side() {
        let hints = JoinHints::from_extension(Some(&extension(&[("right_strategy", "broadcast")])));
        assert_eq!(hints, Ok(JoinHints { left: None, right: Some(JoinStrategy::Broadcast) }));
        assert_eq!(JoinHints::from_extension(None), Ok(JoinHints::default()));
    }

    #[test]
    fn rejects_unknown_strategies() {
        let hints = JoinHints::from_extension(Some(&extension(&[("left_strategy", "teleport")])));
        assert_eq!(hints, Err("unknown join strategy `teleport` in `left_strategy`".to_string()));
    }
}
