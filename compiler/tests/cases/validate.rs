// SPDX-License-Identifier: Apache-2.0
//! Each finding has a stable code and a path into the plan.

use prost::Message;
use pyrust_compiler::{check, decode_plan, validate};
use substrait::proto::expression::{Literal, RexType, ScalarFunction, literal};
use substrait::proto::read_rel::{ReadType, VirtualTable};
use substrait::proto::{
    Expression, FilterRel, FunctionArgument, NamedStruct, Plan, PlanRel, ReadRel, Rel, RelRoot,
    Version, plan_rel, rel,
};

fn rendered(plan: &Plan) -> Vec<String> {
    validate(plan).iter().map(ToString::to_string).collect()
}

fn versioned(relations: Vec<PlanRel>) -> Plan {
    Plan {
        version: Some(Version {
            minor_number: 85,
            ..Default::default()
        }),
        relations,
        ..Default::default()
    }
}

fn root(input: Rel) -> PlanRel {
    PlanRel {
        rel_type: Some(plan_rel::RelType::Root(RelRoot {
            input: Some(input),
            names: vec![],
        })),
    }
}

fn empty_read() -> Rel {
    Rel {
        rel_type: Some(rel::RelType::Read(Box::new(ReadRel {
            base_schema: Some(NamedStruct::default()),
            read_type: Some(ReadType::VirtualTable(VirtualTable::default())),
            ..Default::default()
        }))),
    }
}

fn filter(input: Rel, condition: Expression) -> Rel {
    Rel {
        rel_type: Some(rel::RelType::Filter(Box::new(FilterRel {
            input: Some(Box::new(input)),
            condition: Some(Box::new(condition)),
            ..Default::default()
        }))),
    }
}

#[test]
fn a_plan_without_relations_is_e5001() {
    assert_eq!(
        rendered(&versioned(vec![])),
        vec!["error[E5001]: plan has no relations at plan"]
    );
}

#[test]
fn a_missing_version_is_a_warning_only() {
    let plan = Plan {
        relations: vec![root(empty_read())],
        ..Default::default()
    };
    assert_eq!(
        rendered(&plan),
        vec!["warning[E1003]: plan declares no Substrait version at plan.version"]
    );
    assert!(check(&plan).is_ok());
}

#[test]
fn an_undeclared_function_anchor_points_at_the_call() {
    let call = Expression {
        rex_type: Some(RexType::ScalarFunction(ScalarFunction {
            function_reference: 42,
            arguments: vec![FunctionArgument {
                arg_type: Some(substrait::proto::function_argument::ArgType::Value(
                    Expression {
                        rex_type: Some(RexType::Literal(Literal {
                            literal_type: Some(literal::LiteralType::Boolean(true)),
                            ..Default::default()
                        })),
                    },
                )),
            }],
            ..Default::default()
        })),
    };
    let plan = versioned(vec![root(filter(empty_read(), call))]);
    assert_eq!(
        rendered(&plan),
        vec![
            "error[E3001]: function anchor 42 is not declared in the plan's extensions \
             at plan.relations[0].root.input<filter>.condition<scalar_function>.function_reference"
        ]
    );
}

#[test]
fn absurd_nesting_is_refused_without_overflowing_the_stack() {
    let truth = Expression {
        rex_type: Some(RexType::Literal(Literal {
            literal_type: Some(literal::LiteralType::Boolean(true)),
            ..Default::default()
        })),
    };
    let mut relation = empty_read();
    for _ in 0..1000 {
        relation = filter(relation, truth.clone());
    }
    let diagnostics = rendered(&versioned(vec![root(relation)]));
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0].starts_with("error[E1005]: plan nests deeper than 256 levels"),
        "{diagnostics:?}"
    );
}

#[test]
fn bytes_that_are_not_a_plan_fail_to_decode() {
    let error = decode_plan(&[0xff, 0xff, 0xff]).unwrap_err();
    assert!(error.to_string().contains("error[E1001]"), "{error}");
    let valid = versioned(vec![]).encode_to_vec();
    assert!(decode_plan(&valid).is_ok());
}

#[test]
fn absurdly_deep_expressions_are_refused_and_still_render() {
    let mut condition = Expression {
        rex_type: Some(RexType::Literal(Literal {
            literal_type: Some(literal::LiteralType::Boolean(true)),
            ..Default::default()
        })),
    };
    for _ in 0..2000 {
        condition = Expression {
            rex_type: Some(RexType::Cast(Box::new(
                substrait::proto::expression::Cast {
                    r#type: Some(substrait::proto::Type {
                        kind: Some(substrait::proto::r#type::Kind::Bool(Default::default())),
                    }),
                    input: Some(Box::new(condition)),
                    ..Default::default()
                },
            ))),
        };
    }
    let plan = versioned(vec![root(filter(empty_read(), condition))]);
    let diagnostics = rendered(&plan);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0].starts_with("error[E1005]"),
        "{diagnostics:?}"
    );
    let tree = pyrust_compiler::render::tree(&plan);
    assert!(tree.contains("cast(cast(") && tree.contains('…'), "{tree}");
}

/// Reproducers from compiler/fuzz/regressions: each overflowed the stack.
#[test]
fn plans_nested_deeper_than_the_stack_allows_are_e1005_before_decoding() {
    for bytes in [
        &include_bytes!("../../fuzz/regressions/stack-overflow-rel-5000.bin")[..],
        &include_bytes!("../../fuzz/regressions/stack-overflow-expr-10000.bin")[..],
        &include_bytes!("../../fuzz/regressions/stack-overflow-group-120000.bin")[..],
    ] {
        let error = decode_plan(bytes).unwrap_err();
        assert_eq!(error.code.to_string(), "E1005", "{error}");
    }
}

#[test]
fn a_chain_of_references_is_bounded_like_nesting() {
    let bytes = include_bytes!("../../fuzz/regressions/stack-overflow-reference-8000.bin");
    let plan = decode_plan(bytes).unwrap();
    let codes: Vec<String> = validate(&plan)
        .iter()
        .map(|finding| finding.code.to_string())
        .collect();
    assert!(codes.iter().any(|code| code == "E1005"), "{codes:?}");
}
