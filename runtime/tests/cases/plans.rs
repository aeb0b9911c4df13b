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
    Expression, FetchRel, FilterRel, FunctionArgument, NamedStruct, Plan, PlanRel, ReadRel, Rel, RelRoot, Type, Version, plan_rel,
    fetch_rel, rel,
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

/// The plan's `id` values in the order the engine returned them.
fn ids_in_order(session: &Session, plan_bytes: &[u8]) -> Vec<i64> {
    let (_, batches) = session.execute(plan_bytes).unwrap();
    let mut values = Vec::new();
    for batch in batches {
        let column = batch.column(0).as_any().downcast_ref::<Int64Array>().unwrap().clone();
        values.extend((0..column.len()).map(|row| column.value(row)));
    }
    values
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
    catalog::register_range(&session, "numbers", 0, 5, 1, 2).unwrap();
    assert_eq!(ids(&session, &plan(read_ids("numbers"), vec![])), vec![0, 1, 2, 3, 4]);
}

/// `input` filtered by `left > right`, and the declaration of `gt` it uses.
fn greater_than_filter(input: Rel, left: Expression, right: Expression) -> (Rel, Vec<SimpleExtensionDeclaration>) {
    let greater_than = SimpleExtensionDeclaration {
        mapping_type: Some(MappingType::ExtensionFunction(ExtensionFunction {
            extension_urn_reference: 1,
            function_anchor: 7,
            name: "gt:i64_i64".to_string(),
        })),
    };
    let value = |expression| FunctionArgument { arg_type: Some(substrait::proto::function_argument::ArgType::Value(expression)) };
    let condition = Expression {
        rex_type: Some(RexType::ScalarFunction(ScalarFunction {
            function_reference: 7,
            arguments: vec![value(left), value(right)],
            output_type: Some(Type { kind: Some(Kind::Bool(Default::default())) }),
            ..Default::default()
        })),
    };
    let filter = Rel {
        rel_type: Some(rel::RelType::Filter(Box::new(FilterRel {
            input: Some(Box::new(input)),
            condition: Some(Box::new(condition)),
            ..Default::default()
        }))),
    };
    (filter, vec![greater_than])
}

#[test]
fn filters_with_a_declared_standard_function() {
    let session = Session::new(&[]).unwrap();
    catalog::register_range(&session, "numbers", 0, 10, 1, 2).unwrap();
    let (filter, extensions) = greater_than_filter(read_ids("numbers"), column(0), int64(6));
    assert_eq!(ids(&session, &plan(filter, extensions)), vec![7, 8, 9]);
}

#[test]
fn analyze_reports_the_schema_without_running() {
    let session = Session::new(&[]).unwrap();
    catalog::register_range(&session, "numbers", 0, 3, 1, 2).unwrap();
    let schema = session.analyze(&plan(read_ids("numbers"), vec![])).unwrap();
    assert_eq!(schema.field(0).name(), "id");
}

fn four_partition_session() -> Session {
    Session::new(&[("datafusion.execution.target_partitions".to_string(), "4".to_string())]).unwrap()
}

fn fetch(input: Rel, offset: i64, count: i64) -> Rel {
    Rel {
        rel_type: Some(rel::RelType::Fetch(Box::new(FetchRel {
            input: Some(Box::new(input)),
            offset_mode: Some(fetch_rel::OffsetMode::OffsetExpr(Box::new(int64(offset)))),
            count_mode: Some(fetch_rel::CountMode::CountExpr(Box::new(int64(count)))),
            ..Default::default()
        }))),
    }
}

#[test]
fn partitions_come_back_in_partition_order() {
    // Spark's order: the partitions of a range one after another, every run.
    let session = four_partition_session();
    catalog::register_range(&session, "numbers", 0, 200_000, 1, 4).unwrap();
    for _ in 0..5 {
        assert_eq!(ids_in_order(&session, &plan(read_ids("numbers"), vec![])), (0..200_000).collect::<Vec<_>>());
    }
}

#[test]
fn a_limit_keeps_the_first_rows_of_the_first_partitions() {
    let session = four_partition_session();
    catalog::register_range(&session, "numbers", 0, 200_000, 1, 4).unwrap();
    for _ in 0..5 {
        let first = fetch(read_ids("numbers"), 0, 7);
        assert_eq!(ids_in_order(&session, &plan(first, vec![])), (0..7).collect::<Vec<_>>());
        // Rows 49,990.. straddle the first and second partitions' boundary.
        let straddling = fetch(read_ids("numbers"), 49_990, 20);
        assert_eq!(ids_in_order(&session, &plan(straddling, vec![])), (49_990..50_010).collect::<Vec<_>>());
    }
}

#[test]
fn dropping_a_running_query_cancels_it() {
    let session = four_partition_session();
    // Far too many rows to finish: only cancellation ends this test.
    catalog::register_range(&session, "numbers", 0, i64::MAX, 1, 4).unwrap();
    let (nothing, extensions) = greater_than_filter(read_ids("numbers"), int64(0), column(0));
    let mut query = session.start(&plan(nothing, extensions)).unwrap();
    assert!(query.wait(std::time::Duration::from_millis(200)).is_none(), "the query cannot have finished");
    let dropped = std::time::Instant::now();
    drop(query);
    // The session's threads are free again: a small query answers at once.
    catalog::register_range(&session, "few", 0, 3, 1, 4).unwrap();
    assert_eq!(ids_in_order(&session, &plan(read_ids("few"), vec![])), vec![0, 1, 2]);
    assert!(dropped.elapsed() < std::time::Duration::from_secs(5));
}

