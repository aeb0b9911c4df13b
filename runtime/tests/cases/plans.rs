// SPDX-License-Identifier: Apache-2.0
//! Small Substrait plans built by hand, run end to end.

use datafusion::arrow::array::{Array, Int64Array};
use prost::Message;
use pyrust_runtime::{Session, catalog};
use substrait::proto::expression::field_reference::{ReferenceType, RootType};
use substrait::proto::expression::reference_segment::{self, StructField};
use substrait::proto::expression::{FieldReference, Literal, ReferenceSegment, RexType, ScalarFunction, literal};
use substrait::proto::extensions::simple_extension_declaration::{ExtensionFunction, MappingType};
use substrait::proto::extensions::{SimpleExtensionDeclaration, SimpleExtensionUrn};
use substrait::proto::read_rel::{NamedTable, ReadType};
use substrait::proto::r#type::{I64, Kind, Nullability, Struct};
use substrait::proto::{
    Expression, FilterRel, FunctionArgument, NamedStruct, Plan, PlanRel, ReadRel, Rel, RelRoot, Type, Version, plan_rel,
    rel,
};

fn i64_type() -> Type {
    Type { kind: Some(Kind::I64(I64 { type_variation_reference: 0, nullability: Nullability::Required as i32 })) }
}

fn read_ids(table: &str) -> Rel {
    let base_schema = NamedStruct {
        names: vec!["id".to_string()],
        r#struct: Some(Struct { types: vec![i64_type()], ..Default::default() }),
    };
    Rel {
        rel_type: Some(rel::RelType::Read(Box::new(ReadRel {
            base_schema: Some(base_schema),
            read_type: Some(ReadType::NamedTable(NamedTable { names: vec![table.to_string()], ..Default::default() })),
            ..Default::default()
        }))),
    }
}

fn column(index: i32) -> Expression {
    let segment = ReferenceSegment {
        reference_type: Some(reference_segment::ReferenceType::StructField(Box::new(StructField {
            field: index,
            child: None,
        }))),
    };
    Expression {
        rex_type: Some(RexType::Selection(Box::new(FieldReference {
            reference_type: Some(ReferenceType::DirectReference(segment)),
            root_type: Some(RootType::RootReference(Default::default())),
        }))),
    }
}

fn int64(value: i64) -> Expression {
    Expression {
        rex_type: Some(RexType::Literal(Literal { literal_type: Some(literal::LiteralType::I64(value)), ..Default::default() })),
    }
}

fn plan(root: Rel, extensions: Vec<SimpleExtensionDeclaration>) -> Vec<u8> {
    Plan {
        version: Some(Version { minor_number: 85, producer: "pyrust-tests".to_string(), ..Default::default() }),
        extension_urns: vec![SimpleExtensionUrn {
            extension_urn_anchor: 1,
            urn: "extension:io.substrait:functions_comparison".to_string(),
        }],
        extensions,
        relations: vec![PlanRel {
            rel_type: Some(plan_rel::RelType::Root(RelRoot { input: Some(root), names: vec!["id".to_string()] })),
        }],
        ..Default::default()
    }
    .encode_to_vec()
}

fn ids(session: &Session, plan_bytes: &[u8]) -> Vec<i64> {
    let (_, batches) = session.execute(plan_bytes).unwrap();
    let mut values = Vec::new();
    for batch in batches {
        let column = batch.column(0).as_any().downcast_ref::<Int64Array>().unwrap().clone();
        values.extend((0..column.len()).map(|row| column.value(row)));
    }
    values.sort_unstable();
    values
}

#[test]
fn reads_a_registered_range() {
    let session = Session::new(&[]).unwrap();
    catalog::register_range(&session, "numbers", 0, 5, 1).unwrap();
    assert_eq!(ids(&session, &plan(read_ids("numbers"), vec![])), vec![0, 1, 2, 3, 4]);
}

#[test]
fn filters_with_a_declared_standard_function() {
    let session = Session::new(&[]).unwrap();
    catalog::register_range(&session, "numbers", 0, 10, 1).unwrap();
    let greater_than = SimpleExtensionDeclaration {
        mapping_type: Some(MappingType::ExtensionFunction(ExtensionFunction {
            extension_urn_reference: 1,
            function_anchor: 7,
            name: "gt:i64_i64".to_string(),
        })),
    };
    let condition = Expression {
        rex_type: Some(RexType::ScalarFunction(ScalarFunction {
            function_reference: 7,
            arguments: vec![
                FunctionArgument { arg_type: Some(substrait::proto::function_argument::ArgType::Value(column(0))) },
                FunctionArgument { arg_type: Some(substrait::proto::function_argument::ArgType::Value(int64(6))) },
            ],
            output_type: Some(Type { kind: Some(Kind::Bool(Default::default())) }),
            ..Default::default()
        })),
    };
    let filter = Rel {
        rel_type: Some(rel::RelType::Filter(Box::new(FilterRel {
            input: Some(Box::new(read_ids("numbers"))),
            condition: Some(Box::new(condition)),
            ..Default::default()
        }))),
    };
    assert_eq!(ids(&session, &plan(filter, vec![greater_than])), vec![7, 8, 9]);
}

#[test]
fn analyze_reports_the_schema_without_running() {
    let session = Session::new(&[]).unwrap();
    catalog::register_range(&session, "numbers", 0, 3, 1).unwrap();
    let schema = session.analyze(&plan(read_ids("numbers"), vec![])).unwrap();
    assert_eq!(schema.field(0).name(), "id");
}
