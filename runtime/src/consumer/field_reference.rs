// SPDX-License-Identifier: Apache-2.0
//! Field references (<https://substrait.io/expressions/field_references/>).
//!
//! datafusion-substrait resolves a top-level column of the input (or of an
//! outer query). We add the rest of direct references: a chain of segments
//! into nested values (`StructField` of a struct, `ListElement` of a list,
//! `MapKey` of a map) rooted at the input, an outer query or any expression.
//! Masked references (projections of nested fields) remain unsupported.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DFSchema, not_impl_err, substrait_err};
use datafusion::functions::core::expr_fn::get_field;
use datafusion::functions_nested::expr_fn::array_element;
use datafusion::logical_expr::{Expr, ExprSchemable, lit};
use datafusion_substrait::logical_plan::consumer::{SubstraitConsumer, from_field_reference};
use substrait::proto::expression::field_reference::{ReferenceType, RootType};
use substrait::proto::expression::reference_segment::{self, StructField};
use substrait::proto::expression::{FieldReference, ReferenceSegment};

use super::SparkConsumer;

pub(super) async fn consume_field_reference(
    consumer: &SparkConsumer<'_>,
    reference: &FieldReference,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    let segment = match &reference.reference_type {
        Some(ReferenceType::DirectReference(segment)) => segment,
        Some(ReferenceType::MaskedReference(_)) => {
            return not_impl_err!(
                "masked field references (FieldReference.masked_reference) are not supported"
            );
        }
        None => return substrait_err!("FieldReference.reference_type is required"),
    };
    let (base, rest) = match (&reference.root_type, &segment.reference_type) {
        (Some(RootType::Expression(root)), _) => (
            consumer.consume_expression(root, input_schema).await?,
            Some(segment),
        ),
        (_, Some(reference_segment::ReferenceType::StructField(field))) => {
            // The first segment selects a column: the default consumer knows the input and outer schemas.
            let top = FieldReference {
                reference_type: Some(ReferenceType::DirectReference(ReferenceSegment {
                    reference_type: Some(reference_segment::ReferenceType::StructField(Box::new(
                        StructField {
                            field: field.field,
                            child: None,
                        },
                    ))),
                })),
                root_type: reference.root_type.clone(),
            };
            (
                from_field_reference(consumer, &top, input_schema).await?,
                field.child.as_deref(),
            )
        }
        (_, Some(_)) => {
            return substrait_err!(
                "a field reference into the input must start with a StructField segment"
            );
        }
        (_, None) => return substrait_err!("ReferenceSegment.reference_type is required"),
    };
    let mut value = base;
    let mut next = rest;
    while let Some(segment) = next {
        let (selected, child) = select(consumer, value, segment, input_schema).await?;
        value = selected;
        next = child;
    }
    Ok(value)
}

/// Apply one segment to `value`; returns the selected value and the next segment.
async fn select<'s>(
    consumer: &SparkConsumer<'_>,
    value: Expr,
    segment: &'s ReferenceSegment,
    input_schema: &DFSchema,
) -> datafusion::common::Result<(Expr, Option<&'s ReferenceSegment>)> {
    match &segment.reference_type {
        Some(reference_segment::ReferenceType::StructField(field)) => {
            let DataType::Struct(fields) = value.get_type(input_schema)? else {
                return substrait_err!(
                    "StructField segment applied to a value that is not a struct: {value}"
                );
            };
            let Some(selected) = usize::try_from(field.field)
                .ok()
                .and_then(|index| fields.get(index))
            else {
                return substrait_err!(
                    "StructField {} is out of range for a struct of {} fields",
                    field.field,
                    fields.len()
                );
            };
            Ok((
                get_field(value, selected.name().as_str()),
                field.child.as_deref(),
            ))
        }
        Some(reference_segment::ReferenceType::ListElement(element)) => {
            if element.offset < 0 {
                return not_impl_err!(
                    "negative ListElement offsets are not supported (offset {})",
                    element.offset
                );
            }
            // Substrait offsets count from zero, DataFusion's array_element from one.
            Ok((
                array_element(value, lit(i64::from(element.offset) + 1)),
                element.child.as_deref(),
            ))
        }
        Some(reference_segment::ReferenceType::MapKey(key)) => {
            let Some(map_key) = &key.map_key else {
                return substrait_err!("ReferenceSegment.MapKey.map_key is required");
            };
            let key_value = consumer.consume_literal(map_key).await?;
            Ok((
                datafusion::functions::core::get_field().call(vec![value, key_value]),
                key.child.as_deref(),
            ))
        }
        None => substrait_err!("ReferenceSegment.reference_type is required"),
    }
}
