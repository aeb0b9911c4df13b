// SPDX-License-Identifier: Apache-2.0
//! Matching argument types against the type patterns of the extension YAMLs
//! (<https://substrait.io/extensions/#function-signature-compound-names>).
//!
//! The matching is deliberately lenient: type parameters (`decimal<P1,S1>`),
//! `any`/`any1` and anything it does not understand match every type, so a
//! mismatch reported from here is a real one.

use substrait::proto::Type;

use crate::types;

/// A YAML parameter or return type, reduced to what the checks use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypePattern {
    /// The type class (`i32`, `decimal`, `list`), or `None` for a wildcard.
    pub(crate) class: Option<String>,
    /// The wildcard's name (`any1`), so that two uses of it can be related.
    pub(crate) wildcard: Option<String>,
    /// The pattern's text, for messages.
    pub(crate) text: String,
}

const CLASSES: &[&str] = &[
    "boolean",
    "i8",
    "i16",
    "i32",
    "i64",
    "fp32",
    "fp64",
    "string",
    "binary",
    "timestamp",
    "date",
    "time",
    "interval_year",
    "interval_day",
    "interval_compound",
    "timestamp_tz",
    "uuid",
    "fixedchar",
    "varchar",
    "fixedbinary",
    "decimal",
    "precision_time",
    "precision_timestamp",
    "precision_timestamp_tz",
    "struct",
    "list",
    "map",
    "func",
];

/// The long class name of a short or aliased one (`vchar` → `varchar`).
pub(crate) fn canonical_class(name: &str) -> &str {
    match name {
        "bool" => "boolean",
        "str" => "string",
        "vbin" => "binary",
        "ts" => "timestamp",
        "tstz" => "timestamp_tz",
        "iyear" => "interval_year",
        "iday" => "interval_day",
        "icompound" => "interval_compound",
        "fchar" => "fixedchar",
        "vchar" => "varchar",
        "fbin" => "fixedbinary",
        "dec" => "decimal",
        "pt" => "precision_time",
        "pts" => "precision_timestamp",
        "ptstz" => "precision_timestamp_tz",
        other => other,
    }
}

impl TypePattern {
    /// A pattern matching any type.
    pub(crate) fn wildcard() -> Self {
        TypePattern {
            class: None,
            wildcard: None,
            text: "any".to_string(),
        }
    }

    /// Read a YAML type string such as `i64?`, `DECIMAL<P1,S1>`, `any1` or `list<any1>`.
    pub(crate) fn parse(text: &str) -> Self {
        let text = text.trim().to_string();
        let lowered = text.to_ascii_lowercase();
        let base = lowered
            .split('<')
            .next()
            .unwrap_or_default()
            .trim_end_matches('?')
            .trim();
        let class = canonical_class(base);
        if class.starts_with("any") {
            // `any` alone is unconstrained; `any1`, `any2`... name a type their uses share.
            return TypePattern {
                class: None,
                wildcard: (class != "any").then(|| class.to_string()),
                text,
            };
        }
        if CLASSES.contains(&class) {
            TypePattern {
                class: Some(class.to_string()),
                wildcard: None,
                text,
            }
        } else {
            // Type parameters (`T`), user-defined types (`u!geometry`) and
            // anything newer than this compiler: accepted, not checked.
            TypePattern {
                class: None,
                wildcard: None,
                text,
            }
        }
    }

    /// Whether a value of type `actual` may be passed for this pattern.
    pub(crate) fn accepts(&self, actual: &Type) -> bool {
        match &self.class {
            None => true,
            Some(class) => class == types::class_name(actual),
        }
    }
}

/// Whether the signature part of a compound name (`i64_i64` in `add:i64_i64`)
/// fits an implementation's parameters.
pub(crate) fn matches_compound_signature(
    signature: &str,
    parameters: &[super::Parameter],
    variadic: bool,
) -> bool {
    // Long class names contain `_` themselves (`timestamp_tz`); such
    // signatures cannot be split reliably and are not checked.
    if ["timestamp_", "interval_", "precision_"]
        .iter()
        .any(|long| signature.contains(long))
    {
        return true;
    }
    let parts: Vec<&str> = if signature.is_empty() {
        Vec::new()
    } else {
        signature.split('_').collect()
    };
    let count_fits = if variadic {
        parts.len() + 1 >= parameters.len()
    } else {
        parts.len() == parameters.len()
    };
    if !count_fits {
        return false;
    }
    parts
        .iter()
        .zip(parameters.iter().chain(std::iter::repeat(
            parameters.last().unwrap_or(&super::Parameter::Type),
        )))
        .all(|(part, parameter)| match parameter {
            super::Parameter::Value(pattern) => {
                let class = canonical_class(part.split('<').next().unwrap_or_default());
                match &pattern.class {
                    Some(expected) => !CLASSES.contains(&class) || class == expected,
                    None => true,
                }
            }
            // Enumerations are written `req`/`opt` or by option; type arguments by type.
            super::Parameter::Enumeration(_) | super::Parameter::Type => true,
        })
}
