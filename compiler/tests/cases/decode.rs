// SPDX-License-Identifier: Apache-2.0
//! Both plan encodings decode to the same plan, and JSON round-trips.

use prost::Message;
use pyrust_compiler::{decode_plan, decode_plan_auto, decode_plan_json, encode_plan_json};

const FILTER: &str = include_str!("rel/filter.json");

#[test]
fn json_and_binary_decode_to_the_same_plan() {
    let plan = decode_plan_json(FILTER).unwrap();
    assert_eq!(plan.relations.len(), 1);
    let bytes = plan.encode_to_vec();
    assert_eq!(decode_plan(&bytes).unwrap(), plan);
    assert_eq!(decode_plan_auto(&bytes).unwrap(), plan);
    assert_eq!(
        decode_plan_auto(format!("  \n{FILTER}").as_bytes()).unwrap(),
        plan
    );
}

#[test]
fn encoded_json_decodes_to_the_same_plan() {
    let plan = decode_plan_json(FILTER).unwrap();
    let text = encode_plan_json(&plan);
    assert!(text.contains("\"extensionUrns\""), "{text}");
    assert!(text.contains('\n'), "pretty-printed: {text}");
    assert_eq!(decode_plan_json(&text).unwrap(), plan);
}

#[test]
fn bad_json_is_e1006_with_the_position() {
    let diagnostic = decode_plan_json("{\"relations\": [").unwrap_err();
    assert_eq!(diagnostic.code.to_string(), "E1006");
    assert!(
        diagnostic.message.contains("line 1"),
        "{}",
        diagnostic.message
    );
    let diagnostic = decode_plan_auto(b"{\"relations\": 3}").unwrap_err();
    assert_eq!(diagnostic.code.to_string(), "E1006");
}

#[test]
fn older_uri_declarations_are_skipped_not_refused() {
    // DuckDB and ibis-substrait write `extensionUris`, which spec 0.85 dropped.
    let text = r#"{"extensionUris": [{"extensionUriAnchor": 1, "uri": "/functions_comparison.yaml"}], "relations": []}"#;
    let plan = decode_plan_json(text).unwrap();
    assert!(plan.extension_urns.is_empty());
}
