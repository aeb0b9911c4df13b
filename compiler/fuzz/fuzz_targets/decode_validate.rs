// SPDX-License-Identifier: Apache-2.0
//! Arbitrary bytes through the compiler's binary gate: decode as a Substrait
//! `Plan`, then validate and render the findings. Decoding may refuse the
//! input with a diagnostic; nothing may panic, overflow the stack, hang or grow
//! memory without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: pyrust_compiler_fuzz::report_stack_overflows(), |bytes: &[u8]| {
    if let Ok(plan) = pyrust_compiler::decode_plan(bytes) {
        for diagnostic in pyrust_compiler::validate(&plan) {
            let _ = diagnostic.to_string();
        }
        let _ = pyrust_compiler::check(&plan);
    }
});
