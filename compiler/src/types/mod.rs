// SPDX-License-Identifier: Apache-2.0
//! Substrait types as the compiler reasons about them
//! (<https://substrait.io/types/type_classes/>): relation schemas, the short
//! type names of the extension YAMLs and of compound function names, and how
//! types are written for people (`i32`, `string?`, `decimal<10,2>`).
//!
//! A type the compiler cannot derive is `None`: checks that would need it are
//! skipped rather than guessed, so an unknown never produces a false error.

use substrait::proto::r#type::{Kind, Nullability};
use substrait::proto::{NamedStruct, Type};

/// One output field of a relation.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The field's name where the plan gives one (reads and the root do).
    pub name: Option<String>,
    /// The field's type with its nullability, `None` where it cannot be derived.
    pub r#type: Option<Type>,
}

/// The output fields of a relation, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    /// The fields.
    pub columns: Vec<Column>,
}

impl Schema {
    /// A schema of unnamed fields.
    pub fn unnamed(types: Vec<Option<Type>>) -> Self {
        Schema {
            columns: types
                .into_iter()
                .map(|r#type| Column { name: None, r#type })
                .collect(),
        }
    }

    /// The fields of a named struct (a read's base schema): top-level names
    /// picked out of the depth-first name list.
    pub fn from_named_struct(named: &NamedStruct) -> Self {
        let mut names = named.names.iter();
        let types = named
            .r#struct
            .as_ref()
            .map(|fields| fields.types.clone())
            .unwrap_or_default();
        let columns = types
            .into_iter()
            .map(|field_type| {
                let name = names.next().cloned();
                // Names of nested struct fields follow their parent's, depth first.
                for _ in 0..nested_name_count(&field_type, false) {
                    names.next();
                }
                Column {
                    name,
                    r#type: Some(field_type),
                }
            })
            .collect();
        Schema { columns }
    }

    /// The number of fields.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// The type of field `index`, if the field exists and its type is known.
    pub fn type_of(&self, index: usize) -> Option<&Type> {
        self.columns
            .get(index)
            .and_then(|column| column.r#type.as_ref())
    }

    /// The fields of `self` followed by those of `other`.
    pub fn concat(&self, other: &Schema) -> Schema {
        let mut columns = self.columns.clone();
        columns.extend(other.columns.iter().cloned());
        Schema { columns }
    }

    /// The same fields, every one nullable (the padded side of an outer join).
    pub fn nullable(&self) -> Schema {
        let columns = self
            .columns
            .iter()
            .map(|column| Column {
                name: column.name.clone(),
                r#type: column.r#type.clone().map(|t| with_nullability(t, true)),
            })
            .collect();
        Schema { columns }
    }
}

/// How many names a field of type `field_type` takes after its own in a
/// depth-first name list: one per nested struct field, recursively. With
/// `through_collections`, structs inside lists and maps count too (some
/// producers name those as well).
pub fn nested_name_count(field_type: &Type, through_collections: bool) -> usize {
    match &field_type.kind {
        Some(Kind::Struct(fields)) => fields
            .types
            .iter()
            .map(|child| 1 + nested_name_count(child, through_collections))
            .sum(),
        Some(Kind::List(list)) if through_collections => list
            .r#type
            .as_deref()
            .map(|element| nested_name_count(element, true))
            .unwrap_or(0),
        Some(Kind::Map(map)) if through_collections => {
            let key = map
                .key
                .as_deref()
                .map(|key| nested_name_count(key, true))
                .unwrap_or(0);
            let value = map
                .value
                .as_deref()
                .map(|value| nested_name_count(value, true))
                .unwrap_or(0);
            key + value
        }
        _ => 0,
    }
}

/// Whether values of the type may be null (an unspecified nullability counts as nullable).
#[expect(
    deprecated,
    reason = "older producers still send the deprecated timestamp kinds"
)]
pub fn is_nullable(value_type: &Type) -> bool {
    let nullability = match &value_type.kind {
        Some(Kind::Bool(t)) => t.nullability,
        Some(Kind::I8(t)) => t.nullability,
        Some(Kind::I16(t)) => t.nullability,
        Some(Kind::I32(t)) => t.nullability,
        Some(Kind::I64(t)) => t.nullability,
        Some(Kind::Fp32(t)) => t.nullability,
        Some(Kind::Fp64(t)) => t.nullability,
        Some(Kind::String(t)) => t.nullability,
        Some(Kind::Binary(t)) => t.nullability,
        Some(Kind::Timestamp(t)) => t.nullability,
        Some(Kind::Date(t)) => t.nullability,
        Some(Kind::Time(t)) => t.nullability,
        Some(Kind::IntervalYear(t)) => t.nullability,
        Some(Kind::IntervalDay(t)) => t.nullability,
        Some(Kind::IntervalCompound(t)) => t.nullability,
        Some(Kind::TimestampTz(t)) => t.nullability,
        Some(Kind::Uuid(t)) => t.nullability,
        Some(Kind::FixedChar(t)) => t.nullability,
        Some(Kind::Varchar(t)) => t.nullability,
        Some(Kind::FixedBinary(t)) => t.nullability,
        Some(Kind::Decimal(t)) => t.nullability,
        Some(Kind::PrecisionTime(t)) => t.nullability,
        Some(Kind::PrecisionTimestamp(t)) => t.nullability,
        Some(Kind::PrecisionTimestampTz(t)) => t.nullability,
        Some(Kind::Struct(t)) => t.nullability,
        Some(Kind::List(t)) => t.nullability,
        Some(Kind::Map(t)) => t.nullability,
        Some(Kind::Func(t)) => t.nullability,
        Some(Kind::UserDefined(t)) => t.nullability,
        Some(Kind::Alias(t)) => t.nullability,
        Some(Kind::UserDefinedTypeReference(_)) | None => Nullability::Nullable as i32,
    };
    nullability != Nullability::Required as i32
}

/// The type with its nullability set.
#[expect(
    deprecated,
    reason = "older producers still send the deprecated timestamp kinds"
)]
pub fn with_nullability(mut value_type: Type, nullable: bool) -> Type {
    let nullability = if nullable {
        Nullability::Nullable
    } else {
        Nullability::Required
    } as i32;
    match &mut value_type.kind {
        Some(Kind::Bool(t)) => t.nullability = nullability,
        Some(Kind::I8(t)) => t.nullability = nullability,
        Some(Kind::I16(t)) => t.nullability = nullability,
        Some(Kind::I32(t)) => t.nullability = nullability,
        Some(Kind::I64(t)) => t.nullability = nullability,
        Some(Kind::Fp32(t)) => t.nullability = nullability,
        Some(Kind::Fp64(t)) => t.nullability = nullability,
        Some(Kind::String(t)) => t.nullability = nullability,
        Some(Kind::Binary(t)) => t.nullability = nullability,
        Some(Kind::Timestamp(t)) => t.nullability = nullability,
        Some(Kind::Date(t)) => t.nullability = nullability,
        Some(Kind::Time(t)) => t.nullability = nullability,
        Some(Kind::IntervalYear(t)) => t.nullability = nullability,
        Some(Kind::IntervalDay(t)) => t.nullability = nullability,
        Some(Kind::IntervalCompound(t)) => t.nullability = nullability,
        Some(Kind::TimestampTz(t)) => t.nullability = nullability,
        Some(Kind::Uuid(t)) => t.nullability = nullability,
        Some(Kind::FixedChar(t)) => t.nullability = nullability,
        Some(Kind::Varchar(t)) => t.nullability = nullability,
        Some(Kind::FixedBinary(t)) => t.nullability = nullability,
        Some(Kind::Decimal(t)) => t.nullability = nullability,
        Some(Kind::PrecisionTime(t)) => t.nullability = nullability,
        Some(Kind::PrecisionTimestamp(t)) => t.nullability = nullability,
        Some(Kind::PrecisionTimestampTz(t)) => t.nullability = nullability,
        Some(Kind::Struct(t)) => t.nullability = nullability,
        Some(Kind::List(t)) => t.nullability = nullability,
        Some(Kind::Map(t)) => t.nullability = nullability,
        Some(Kind::Func(t)) => t.nullability = nullability,
        Some(Kind::UserDefined(t)) => t.nullability = nullability,
        Some(Kind::Alias(t)) => t.nullability = nullability,
        Some(Kind::UserDefinedTypeReference(_)) | None => {}
    }
    value_type
}

/// The type class's name as the extension YAMLs spell it (`i32`, `varchar`,
/// `precision_timestamp`); parameters and nullability are not part of it.
#[expect(
    deprecated,
    reason = "older producers still send the deprecated timestamp kinds"
)]
pub fn class_name(value_type: &Type) -> &'static str {
    match &value_type.kind {
        Some(Kind::Bool(_)) => "boolean",
        Some(Kind::I8(_)) => "i8",
        Some(Kind::I16(_)) => "i16",
        Some(Kind::I32(_)) => "i32",
        Some(Kind::I64(_)) => "i64",
        Some(Kind::Fp32(_)) => "fp32",
        Some(Kind::Fp64(_)) => "fp64",
        Some(Kind::String(_)) => "string",
        Some(Kind::Binary(_)) => "binary",
        Some(Kind::Timestamp(_)) => "timestamp",
        Some(Kind::Date(_)) => "date",
        Some(Kind::Time(_)) => "time",
        Some(Kind::IntervalYear(_)) => "interval_year",
        Some(Kind::IntervalDay(_)) => "interval_day",
        Some(Kind::IntervalCompound(_)) => "interval_compound",
        Some(Kind::TimestampTz(_)) => "timestamp_tz",
        Some(Kind::Uuid(_)) => "uuid",
        Some(Kind::FixedChar(_)) => "fixedchar",
        Some(Kind::Varchar(_)) => "varchar",
        Some(Kind::FixedBinary(_)) => "fixedbinary",
        Some(Kind::Decimal(_)) => "decimal",
        Some(Kind::PrecisionTime(_)) => "precision_time",
        Some(Kind::PrecisionTimestamp(_)) => "precision_timestamp",
        Some(Kind::PrecisionTimestampTz(_)) => "precision_timestamp_tz",
        Some(Kind::Struct(_)) => "struct",
        Some(Kind::List(_)) => "list",
        Some(Kind::Map(_)) => "map",
        Some(Kind::Func(_)) => "func",
        Some(Kind::UserDefined(_)) | Some(Kind::UserDefinedTypeReference(_)) => "user_defined",
        Some(Kind::Alias(_)) => "alias",
        None => "unknown",
    }
}

/// The type written for people: `i32`, `string?` (nullable), `decimal<10,2>`,
/// `struct<i32, list<string?>>`.
pub fn display(value_type: &Type) -> String {
    let base = match &value_type.kind {
        Some(Kind::FixedChar(t)) => format!("fixedchar<{}>", t.length),
        Some(Kind::Varchar(t)) => format!("varchar<{}>", t.length),
        Some(Kind::FixedBinary(t)) => format!("fixedbinary<{}>", t.length),
        Some(Kind::Decimal(t)) => format!("decimal<{},{}>", t.precision, t.scale),
        Some(Kind::PrecisionTime(t)) => format!("precision_time<{}>", t.precision),
        Some(Kind::PrecisionTimestamp(t)) => format!("precision_timestamp<{}>", t.precision),
        Some(Kind::PrecisionTimestampTz(t)) => format!("precision_timestamp_tz<{}>", t.precision),
        Some(Kind::Struct(t)) => format!(
            "struct<{}>",
            t.types.iter().map(display).collect::<Vec<_>>().join(", ")
        ),
        Some(Kind::List(t)) => format!("list<{}>", optional(t.r#type.as_deref())),
        Some(Kind::Map(t)) => format!(
            "map<{}, {}>",
            optional(t.key.as_deref()),
            optional(t.value.as_deref())
        ),
        Some(Kind::UserDefined(t)) => format!("u!{}", t.type_reference),
        _ => class_name(value_type).to_string(),
    };
    if is_nullable(value_type) {
        format!("{base}?")
    } else {
        base
    }
}

/// A type that may be unknown, written for people (`?type` when unknown).
pub fn optional(value_type: Option<&Type>) -> String {
    value_type
        .map(display)
        .unwrap_or_else(|| "unknown".to_string())
}

/// A boolean type of the given nullability.
pub fn boolean(nullable: bool) -> Type {
    with_nullability(
        Type {
            kind: Some(Kind::Bool(Default::default())),
        },
        nullable,
    )
}

/// A 32-bit integer type of the given nullability.
pub fn i32(nullable: bool) -> Type {
    with_nullability(
        Type {
            kind: Some(Kind::I32(Default::default())),
        },
        nullable,
    )
}

/// Classes that engines convert between freely: character strings, byte
/// strings, and each kind of timestamp or time with or without precision.
/// Wildcard arguments (`any1`) bound to two classes of one family are not
/// refused: producers do mix them (`equal(varchar<3>, string)`) and engines run it.
pub fn family(value_type: &Type) -> &'static str {
    match class_name(value_type) {
        "string" | "varchar" | "fixedchar" => "string",
        "binary" | "fixedbinary" => "binary",
        "timestamp" | "precision_timestamp" => "timestamp",
        "timestamp_tz" | "precision_timestamp_tz" => "timestamp_tz",
        "time" | "precision_time" => "time",
        other => other,
    }
}

/// Whether the type is a number (integer, floating point or decimal).
pub fn is_numeric(value_type: &Type) -> bool {
    matches!(
        class_name(value_type),
        "i8" | "i16" | "i32" | "i64" | "fp32" | "fp64" | "decimal"
    )
}

/// Whether two types are of the same class, ignoring nullability and
/// parameters, up to the [`family`] (a `varchar` is as good as a `string`).
pub fn same_class(left: &Type, right: &Type) -> bool {
    family(left) == family(right)
}

/// A type of a parameterless class (`i64`, `date`), `None` for classes with
/// parameters or nested types.
#[expect(
    deprecated,
    reason = "the YAMLs still name the deprecated timestamp classes"
)]
pub fn from_class(class: &str, nullable: bool) -> Option<Type> {
    let kind = match class {
        "boolean" => Kind::Bool(Default::default()),
        "i8" => Kind::I8(Default::default()),
        "i16" => Kind::I16(Default::default()),
        "i32" => Kind::I32(Default::default()),
        "i64" => Kind::I64(Default::default()),
        "fp32" => Kind::Fp32(Default::default()),
        "fp64" => Kind::Fp64(Default::default()),
        "string" => Kind::String(Default::default()),
        "binary" => Kind::Binary(Default::default()),
        "timestamp" => Kind::Timestamp(Default::default()),
        "timestamp_tz" => Kind::TimestampTz(Default::default()),
        "date" => Kind::Date(Default::default()),
        "time" => Kind::Time(Default::default()),
        "interval_year" => Kind::IntervalYear(Default::default()),
        "uuid" => Kind::Uuid(Default::default()),
        _ => return None,
    };
    Some(with_nullability(Type { kind: Some(kind) }, nullable))
}
