// SPDX-License-Identifier: Apache-2.0
//! The pictures of a plan and the machine form of diagnostics.

use pyrust_compiler::{Code, decode_plan_json, render, validate};

const JOIN: &str = include_str!("rel/join_left.json");

#[test]
fn dot_draws_one_box_per_relation_with_the_tree_labels() {
    let plan = decode_plan_json(JOIN).unwrap();
    insta::assert_snapshot!(render::dot(&plan));
}

#[test]
fn mermaid_draws_one_box_per_relation_with_the_tree_labels() {
    let plan = decode_plan_json(JOIN).unwrap();
    insta::assert_snapshot!(render::mermaid(&plan));
}

#[test]
fn diagnostics_serialize_for_tools() {
    let plan = decode_plan_json(include_str!(
        "../../../substrait-tests/invalid/e3002_field_reference_out_of_range.json"
    ))
    .unwrap();
    let diagnostics = validate(&plan);
    let json = serde_json::to_value(&diagnostics).unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(&json).unwrap());
}

#[test]
fn every_code_has_a_description_and_a_unique_number() {
    let mut numbers: Vec<u32> = Code::ALL.iter().map(|code| *code as u32).collect();
    numbers.dedup();
    assert_eq!(numbers.len(), Code::ALL.len());
    assert!(
        numbers.windows(2).all(|pair| pair[0] < pair[1]),
        "codes are listed in order"
    );
    for code in Code::ALL {
        assert!(
            code.description().len() > 10,
            "{} needs a description",
            code.name()
        );
    }
}
