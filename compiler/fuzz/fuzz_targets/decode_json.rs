// SPDX-License-Identifier: Apache-2.0
//! Arbitrary bytes through everything the compiler does with a plan it did not
//! build: decode (protobuf JSON, or binary when the text does not start with
//! `{`), validate, analyze, render (tree, dot, mermaid) and write back as JSON.
//! Decoding may refuse the input with a diagnostic; nothing may panic, overflow
//! the stack, hang or grow memory without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyrust_compiler::render;

fuzz_target!(init: pyrust_compiler_fuzz::report_stack_overflows(), |bytes: &[u8]| {
    if let Ok(plan) = pyrust_compiler::decode_plan_auto(bytes) {
        for diagnostic in pyrust_compiler::validate(&plan) {
            let _ = diagnostic.to_string();
        }
        let _ = pyrust_compiler::analyze(&plan);
        let _ = render::tree(&plan);
        let _ = render::dot(&plan);
        let _ = render::mermaid(&plan);
        let _ = pyrust_compiler::encode_plan_json(&plan);
    }
});
