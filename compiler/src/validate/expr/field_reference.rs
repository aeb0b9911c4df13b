// SPDX-License-Identifier: Apache-2.0
//! Field references (<https://substrait.io/expressions/field_references/>):
//! a path of struct fields, list elements and map keys, starting from the
//! input record, an enclosing query's record (outer references), the
//! parameters of an enclosing lambda or an expression's value. Every step must exist in the type it steps into.

use substrait::proto::Type;
use substrait::proto::expression::FieldReference;
use substrait::proto::expression::ReferenceSegment;
use substrait::proto::expression::field_reference::{ReferenceType, RootType};
use substrait::proto::expression::reference_segment::ReferenceType as SegmentType;
use substrait::proto::r#type::Kind;

use super::{Scope, unsupported, validate_expression};
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::{self, Schema};
use crate::validate::{Validator, missing_field};

pub(crate) fn validate_field_reference(
    reference: &FieldReference,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    // The record the reference starts from; `None` when it is not known.
    let record: Option<Schema> = match &reference.root_type {
        Some(RootType::RootReference(_)) | None => scope.input.cloned(),
        Some(RootType::OuterReference(outer)) => {
            let steps = usize::try_from(outer.steps_out).unwrap_or(usize::MAX);
            let available = validator.outer.len();
            if steps == 0 || steps > available {
                validator.report(Diagnostic::error(
                    Code::OuterReferenceOutOfRange,
                    path.variant("outer_reference").field("steps_out"),
                    format!(
                        "outer reference steps out of {steps} queries but {available} enclose it"
                    ),
                ));
                return None;
            }
            validator.outer.get(available - steps).cloned().flatten()
        }
        Some(RootType::Expression(base)) => {
            let base_type = validate_expression(
                base,
                &path.variant("expression"),
                scope,
                depth + 1,
                validator,
            )?;
            match base_type.kind {
                Some(Kind::Struct(fields)) => Some(Schema::unnamed(
                    fields.types.into_iter().map(Some).collect(),
                )),
                _ => None,
            }
        }
        Some(RootType::LambdaParameterReference(parameters)) => {
            // Parameters of the lambda `steps_out` lambdas out from the innermost.
            let steps = usize::try_from(parameters.steps_out).unwrap_or(usize::MAX);
            let available = validator.lambdas.len();
            if steps >= available {
                validator.report(Diagnostic::error(
                    Code::LambdaParameterOutOfRange,
                    path.variant("lambda_parameter_reference").field("steps_out"),
                    format!(
                        "lambda parameter reference steps out of {steps} lambdas but {available} enclose it"
                    ),
                ));
                return None;
            }
            validator.lambdas.get(available - 1 - steps).cloned()
        }
    };
    match &reference.reference_type {
        Some(ReferenceType::DirectReference(segment)) => {
            let segment_path = path.variant("direct_reference");
            let Some(SegmentType::StructField(field)) = &segment.reference_type else {
                // A record is a struct: only a field can be its first step.
                validator.report(Diagnostic::error(
                    Code::FieldReferenceOutOfRange,
                    segment_path,
                    "a field reference into a record must start with a struct field",
                ));
                return None;
            };
            let record = record?;
            let index = usize::try_from(field.field)
                .ok()
                .filter(|index| *index < record.width());
            let Some(index) = index else {
                validator.report(
                    Diagnostic::error(
                        Code::FieldReferenceOutOfRange,
                        segment_path.variant("struct_field").field("field"),
                        format!(
                            "field reference {} is out of range for an input of {} fields",
                            field.field,
                            record.width()
                        ),
                    )
                    .with_note(format!(
                        "input schema: {}",
                        crate::render::schema_text(&record)
                    )),
                );
                return None;
            };
            let field_type = record.type_of(index)?.clone();
            match &field.child {
                Some(child) => nested_segment(
                    child,
                    field_type,
                    &segment_path.variant("struct_field").field("child"),
                    validator,
                ),
                None => Some(field_type),
            }
        }
        Some(ReferenceType::MaskedReference(_)) => {
            validator.report(unsupported(
                &path.variant("masked_reference"),
                "masked field references",
            ));
            None
        }
        None => {
            validator.report(missing_field(path, "FieldReference.reference_type"));
            None
        }
    }
}

/// Step into a value of type `parent` and return the type found there.
fn nested_segment(
    segment: &ReferenceSegment,
    parent: Type,
    path: &PlanPath,
    validator: &mut Validator,
) -> Option<Type> {
    let parent_nullable = types::is_nullable(&parent);
    let (child_type, child, child_path) = match (&segment.reference_type, parent.kind) {
        (Some(SegmentType::StructField(field)), Some(Kind::Struct(fields))) => {
            let field_path = path.variant("struct_field");
            let Some(child_type) = usize::try_from(field.field)
                .ok()
                .and_then(|index| fields.types.get(index))
            else {
                validator.report(Diagnostic::error(
                    Code::FieldReferenceOutOfRange,
                    field_path.field("field"),
                    format!(
                        "field reference {} is out of range for a struct of {} fields",
                        field.field,
                        fields.types.len()
                    ),
                ));
                return None;
            };
            // A field of a null struct is null.
            let child_type = types::with_nullability(
                child_type.clone(),
                parent_nullable || types::is_nullable(child_type),
            );
            (child_type, &field.child, field_path.field("child"))
        }
        (Some(SegmentType::ListElement(element)), Some(Kind::List(list))) => {
            // An offset past the end yields null.
            let element_type = types::with_nullability(*list.r#type?, true);
            (
                element_type,
                &element.child,
                path.variant("list_element").field("child"),
            )
        }
        (Some(SegmentType::MapKey(key)), Some(Kind::Map(map))) => {
            let value_type = types::with_nullability(*map.value?, true);
            (
                value_type,
                &key.child,
                path.variant("map_key").field("child"),
            )
        }
        (Some(_), Some(kind)) => {
            let shown = types::display(&Type { kind: Some(kind) });
            validator.report(Diagnostic::error(
                Code::FieldReferenceOutOfRange,
                path.clone(),
                format!("field reference steps into a value of type {shown} that has no such part"),
            ));
            return None;
        }
        (None, _) => {
            validator.report(missing_field(path, "ReferenceSegment.reference_type"));
            return None;
        }
        (Some(_), None) => return None,
    };
    match child {
        Some(child) => nested_segment(child, child_type, &child_path, validator),
        None => Some(child_type),
    }
}
