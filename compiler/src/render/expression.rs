// SPDX-License-Identifier: Apache-2.0
//! Expressions written for people, with function names resolved from the
//! plan's extension declarations: `gt(field#0, 18:i32)`
//! (<https://substrait.io/expressions/>).

use std::collections::HashMap;

use substrait::proto::aggregate_function::AggregationInvocation;
use substrait::proto::expression::field_reference::{ReferenceType, RootType};
use substrait::proto::expression::literal::LiteralType;
use substrait::proto::expression::nested::NestedType;
use substrait::proto::expression::reference_segment::ReferenceType as SegmentType;
use substrait::proto::expression::subquery::SubqueryType;
use substrait::proto::expression::{FieldReference, Literal, ReferenceSegment, RexType};
use substrait::proto::extensions::simple_extension_declaration::MappingType;
use substrait::proto::function_argument::ArgType;
use substrait::proto::sort_field::{SortDirection, SortKind};
use substrait::proto::{AggregateFunction, Expression, FunctionArgument, Plan, SortField};

use crate::types;

/// Function names by anchor, as the plan declares them (signature suffix dropped).
pub(crate) struct FunctionNames(HashMap<u32, String>);

impl FunctionNames {
    pub(crate) fn of(plan: &Plan) -> Self {
        let names = plan
            .extensions
            .iter()
            .filter_map(|declaration| match &declaration.mapping_type {
                Some(MappingType::ExtensionFunction(function)) => {
                    let name = function
                        .name
                        .split(':')
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    Some((function.function_anchor, name))
                }
                _ => None,
            })
            .collect();
        FunctionNames(names)
    }

    fn name(&self, anchor: u32) -> String {
        self.0
            .get(&anchor)
            .cloned()
            .unwrap_or_else(|| format!("fn#{anchor}"))
    }
}

/// One expression on one line.
/// An optional sub-expression, `?` where the plan leaves it out.
fn optional(item: Option<&Expression>, names: &FunctionNames) -> String {
    item.map(|item| expression(item, names))
        .unwrap_or_else(|| "?".into())
}

pub(crate) fn expression(value: &Expression, names: &FunctionNames) -> String {
    // Past the validator's depth limit the plan is refused; the text stops there
    // too rather than recursing through an absurdly deep expression.
    let Some(_depth) = DepthGuard::enter() else {
        return "…".to_string();
    };
    let list = |items: &[Expression]| {
        items
            .iter()
            .map(|item| expression(item, names))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let boxed = |item: &Option<Box<Expression>>| optional(item.as_deref(), names);
    match &value.rex_type {
        Some(RexType::Literal(value)) => literal(value),
        Some(RexType::Selection(reference)) => field_reference(reference, names),
        Some(RexType::ScalarFunction(function)) => {
            format!(
                "{}({})",
                names.name(function.function_reference),
                arguments(&function.arguments, names)
            )
        }
        Some(RexType::WindowFunction(function)) => {
            let mut over = Vec::new();
            if !function.partitions.is_empty() {
                over.push(format!("partition by {}", list(&function.partitions)));
            }
            if !function.sorts.is_empty() {
                over.push(format!("order by {}", sort_fields(&function.sorts, names)));
            }
            format!(
                "{}({}) over ({})",
                names.name(function.function_reference),
                arguments(&function.arguments, names),
                over.join(" ")
            )
        }
        Some(RexType::IfThen(if_then)) => {
            let mut parts: Vec<String> = if_then
                .ifs
                .iter()
                .map(|clause| {
                    let condition = optional(clause.r#if.as_ref(), names);
                    let then = optional(clause.then.as_ref(), names);
                    format!("{condition} then {then}")
                })
                .collect();
            parts.push(format!("else {}", boxed(&if_then.r#else)));
            format!("if({})", parts.join(", "))
        }
        Some(RexType::SwitchExpression(switch)) => {
            let mut parts = vec![boxed(&switch.r#match)];
            for clause in &switch.ifs {
                let when = clause
                    .r#if
                    .as_ref()
                    .map(literal)
                    .unwrap_or_else(|| "?".into());
                let then = optional(clause.then.as_ref(), names);
                parts.push(format!("{when} then {then}"));
            }
            parts.push(format!("else {}", boxed(&switch.r#else)));
            format!("switch({})", parts.join(", "))
        }
        Some(RexType::SingularOrList(in_list)) => {
            format!("{} in ({})", boxed(&in_list.value), list(&in_list.options))
        }
        Some(RexType::MultiOrList(in_list)) => {
            let options: Vec<String> = in_list
                .options
                .iter()
                .map(|record| format!("({})", list(&record.fields)))
                .collect();
            format!("({}) in ({})", list(&in_list.value), options.join(", "))
        }
        Some(RexType::Cast(cast)) => {
            format!(
                "cast({} as {})",
                boxed(&cast.input),
                types::optional(cast.r#type.as_ref())
            )
        }
        Some(RexType::Subquery(subquery)) => match &subquery.subquery_type {
            Some(SubqueryType::Scalar(_)) => "scalar_subquery(…)".to_string(),
            Some(SubqueryType::InPredicate(predicate)) => {
                format!("({}) in (subquery …)", list(&predicate.needles))
            }
            Some(SubqueryType::SetPredicate(_)) => "exists(subquery …)".to_string(),
            Some(SubqueryType::SetComparison(comparison)) => {
                format!("{} compared with (subquery …)", boxed(&comparison.left))
            }
            None => "subquery(?)".to_string(),
        },
        Some(RexType::Nested(nested)) => match &nested.nested_type {
            Some(NestedType::Struct(fields)) => format!("struct({})", list(&fields.fields)),
            Some(NestedType::List(items)) => format!("list({})", list(&items.values)),
            Some(NestedType::Map(map)) => {
                let entries: Vec<String> = map
                    .key_values
                    .iter()
                    .map(|entry| {
                        let key = optional(entry.key.as_ref(), names);
                        let value = optional(entry.value.as_ref(), names);
                        format!("{key}: {value}")
                    })
                    .collect();
                format!("map({})", entries.join(", "))
            }
            None => "nested(?)".to_string(),
        },
        Some(RexType::DynamicParameter(parameter)) => format!("${}", parameter.parameter_reference),
        Some(RexType::Lambda(lambda)) => {
            // `lambda(i32, i32?) -> add(lambda0.field#0, lambda0.field#1)`
            let parameters = lambda
                .parameters
                .as_ref()
                .map(|parameters| {
                    parameters
                        .types
                        .iter()
                        .map(types::display)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_else(|| "?".to_string());
            format!("lambda({parameters}) -> {}", boxed(&lambda.body))
        }
        Some(RexType::LambdaInvocation(_)) => "lambda_invocation(…)".to_string(),
        #[expect(deprecated, reason = "older producers may still send enum expressions")]
        Some(RexType::Enum(_)) => "enum(…)".to_string(),
        None => "?".to_string(),
    }
}

/// An aggregate function call: `sum(field#1)`, `count(distinct field#0)`.
pub(crate) fn aggregate_function(function: &AggregateFunction, names: &FunctionNames) -> String {
    let distinct = if function.invocation == AggregationInvocation::Distinct as i32 {
        "distinct "
    } else {
        ""
    };
    let mut text = format!(
        "{}({distinct}{})",
        names.name(function.function_reference),
        arguments(&function.arguments, names)
    );
    if !function.sorts.is_empty() {
        text.push_str(&format!(
            " order by {}",
            sort_fields(&function.sorts, names)
        ));
    }
    text
}

/// Sort keys: `field#0 asc nulls first, field#1 desc nulls last`.
pub(crate) fn sort_fields(fields: &[SortField], names: &FunctionNames) -> String {
    fields
        .iter()
        .map(|field| {
            let key = optional(field.expr.as_ref(), names);
            let direction = match &field.sort_kind {
                Some(SortKind::Direction(direction)) => match SortDirection::try_from(*direction) {
                    Ok(SortDirection::AscNullsFirst) => "asc nulls first",
                    Ok(SortDirection::AscNullsLast) => "asc nulls last",
                    Ok(SortDirection::DescNullsFirst) => "desc nulls first",
                    Ok(SortDirection::DescNullsLast) => "desc nulls last",
                    Ok(SortDirection::Clustered) => "clustered",
                    Ok(SortDirection::Unspecified) | Err(_) => "unspecified",
                },
                Some(SortKind::ComparisonFunctionReference(anchor)) => {
                    return format!("{key} by {}", names.name(*anchor));
                }
                None => "unspecified",
            };
            format!("{key} {direction}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn arguments(arguments: &[FunctionArgument], names: &FunctionNames) -> String {
    arguments
        .iter()
        .map(|argument| match &argument.arg_type {
            Some(ArgType::Value(value)) => expression(value, names),
            Some(ArgType::Type(value_type)) => types::display(value_type),
            Some(ArgType::Enum(option)) => format!("'{option}'"),
            None => "?".to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `field#2`, nested parts appended: `field#2.0` (struct field), `field#2[1]`
/// (list element), `field#2[key]` (map key); outer references say how far out.
pub(crate) fn field_reference(reference: &FieldReference, names: &FunctionNames) -> String {
    let root = match &reference.root_type {
        Some(RootType::RootReference(_)) | None => "field".to_string(),
        Some(RootType::OuterReference(outer)) => format!("outer{}.field", outer.steps_out),
        Some(RootType::Expression(base)) => format!("({}).field", expression(base, names)),
        Some(RootType::LambdaParameterReference(lambda)) => {
            format!("lambda{}.field", lambda.steps_out)
        }
    };
    match &reference.reference_type {
        Some(ReferenceType::DirectReference(segment)) => {
            let mut text = root;
            segment_text(segment, &mut text, true);
            text
        }
        Some(ReferenceType::MaskedReference(_)) => format!("{root}(masked)"),
        None => format!("{root}#?"),
    }
}

fn segment_text(segment: &ReferenceSegment, text: &mut String, first: bool) {
    match &segment.reference_type {
        Some(SegmentType::StructField(field)) => {
            text.push_str(&if first {
                format!("#{}", field.field)
            } else {
                format!(".{}", field.field)
            });
            if let Some(child) = &field.child {
                segment_text(child, text, false);
            }
        }
        Some(SegmentType::ListElement(element)) => {
            text.push_str(&format!("[{}]", element.offset));
            if let Some(child) = &element.child {
                segment_text(child, text, false);
            }
        }
        Some(SegmentType::MapKey(key)) => {
            text.push_str(&format!(
                "[{}]",
                key.map_key
                    .as_ref()
                    .map(literal)
                    .unwrap_or_else(|| "?".into())
            ));
            if let Some(child) = &key.child {
                segment_text(child, text, false);
            }
        }
        None => text.push_str("#?"),
    }
}

/// A literal with its type: `18:i32`, `'abc':string`, `null:i32?`.
#[expect(
    deprecated,
    reason = "older producers still send the deprecated timestamp literals"
)]
pub(crate) fn literal(value: &Literal) -> String {
    let text = match &value.literal_type {
        Some(LiteralType::Boolean(value)) => value.to_string(),
        Some(LiteralType::I8(value) | LiteralType::I16(value) | LiteralType::I32(value)) => {
            value.to_string()
        }
        Some(LiteralType::I64(value)) => value.to_string(),
        Some(LiteralType::Fp32(value)) => value.to_string(),
        Some(LiteralType::Fp64(value)) => value.to_string(),
        Some(LiteralType::String(value) | LiteralType::FixedChar(value)) => {
            format!("'{}'", value.escape_default())
        }
        Some(LiteralType::VarChar(value)) => format!("'{}'", value.value.escape_default()),
        Some(
            LiteralType::Binary(value) | LiteralType::FixedBinary(value) | LiteralType::Uuid(value),
        ) => {
            format!(
                "x'{}'",
                value
                    .iter()
                    .map(|byte| format!("{byte:02x}"))
                    .collect::<String>()
            )
        }
        Some(LiteralType::Date(days)) => format!("{days}d"),
        Some(
            LiteralType::Timestamp(value)
            | LiteralType::TimestampTz(value)
            | LiteralType::Time(value),
        ) => value.to_string(),
        Some(LiteralType::PrecisionTimestamp(value) | LiteralType::PrecisionTimestampTz(value)) => {
            value.value.to_string()
        }
        Some(LiteralType::PrecisionTime(value)) => value.value.to_string(),
        Some(LiteralType::Decimal(value)) => decimal(&value.value, value.scale),
        Some(LiteralType::Null(_)) => "null".to_string(),
        Some(LiteralType::IntervalYearToMonth(value)) => {
            format!("{}y{}m", value.years, value.months)
        }
        Some(LiteralType::IntervalDayToSecond(value)) => {
            format!("{}d{}s", value.days, value.seconds)
        }
        Some(LiteralType::List(items)) => format!(
            "[{}]",
            items
                .values
                .iter()
                .map(literal)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some(LiteralType::Struct(fields)) => format!(
            "{{{}}}",
            fields
                .fields
                .iter()
                .map(literal)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some(LiteralType::Map(map)) => {
            let entries: Vec<String> = map
                .key_values
                .iter()
                .map(|entry| {
                    let key = entry
                        .key
                        .as_ref()
                        .map(literal)
                        .unwrap_or_else(|| "?".into());
                    let value = entry
                        .value
                        .as_ref()
                        .map(literal)
                        .unwrap_or_else(|| "?".into());
                    format!("{key}: {value}")
                })
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Some(LiteralType::EmptyList(_)) => "[]".to_string(),
        Some(LiteralType::EmptyMap(_)) => "{}".to_string(),
        Some(LiteralType::IntervalCompound(_)) => "interval".to_string(),
        Some(LiteralType::UserDefined(_)) => "user_defined".to_string(),
        None => "?".to_string(),
    };
    match crate::validate::literal_type(value) {
        Some(value_type) => format!("{text}:{}", types::display(&value_type)),
        None => text,
    }
}

/// A decimal literal's 16 little-endian bytes as a number with `scale` digits after the point.
fn decimal(bytes: &[u8], scale: i32) -> String {
    let Ok(bytes) = <[u8; 16]>::try_from(bytes) else {
        return "decimal(?)".to_string();
    };
    let unscaled = i128::from_le_bytes(bytes);
    let scale = usize::try_from(scale).unwrap_or(0);
    let digits = unscaled.unsigned_abs().to_string();
    let sign = if unscaled < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    format!("{sign}{whole}.{fraction}")
}

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts how deep expression rendering has recursed on this thread.
struct DepthGuard;

impl DepthGuard {
    fn enter() -> Option<DepthGuard> {
        DEPTH.with(|depth| {
            if depth.get() >= crate::validate::MAX_DEPTH {
                None
            } else {
                depth.set(depth.get() + 1);
                Some(DepthGuard)
            }
        })
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}
