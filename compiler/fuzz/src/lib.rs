// SPDX-License-Identifier: Apache-2.0
//! What the fuzz targets share.
//!
//! Without a sanitizer (stable Rust: `cargo fuzz run -s none`), a stack
//! overflow kills the fuzzer silently: libFuzzer's SIGSEGV handler runs on the
//! exhausted stack, faults again, and the input that did it is lost.
//! [`report_stack_overflows`] gives the handler a stack of its own, so the crash
//! is reported and the input saved under `artifacts/` like any other crash.

use std::io::Write;

/// Bytes of the alternate signal stack (libFuzzer's crash report runs on it).
const SIGNAL_STACK_BYTES: usize = 4 << 20;

/// Run SIGSEGV handlers on an alternate stack and turn a SIGSEGV into an abort
/// that libFuzzer reports. Call once, from the target's `init`, before libFuzzer
/// installs its own handlers (it keeps `SA_ONSTACK` and chains to ours).
pub fn report_stack_overflows() {
    // Leaked on purpose: the signal stack must live as long as the process.
    let stack: &'static mut [u8] = Vec::leak(vec![0_u8; SIGNAL_STACK_BYTES]);
    // SAFETY: `stack` is valid for the whole process; the structs are fully
    // initialized before the calls that read them.
    unsafe {
        let signal_stack = libc::stack_t {
            ss_sp: stack.as_mut_ptr().cast(),
            ss_flags: 0,
            ss_size: SIGNAL_STACK_BYTES,
        };
        if libc::sigaltstack(&signal_stack, std::ptr::null_mut()) != 0 {
            let _ = writeln!(std::io::stderr(), "fuzz harness: sigaltstack failed");
            return;
        }
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_segv as *const () as usize;
        action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        libc::sigemptyset(&mut action.sa_mask);
        if libc::sigaction(libc::SIGSEGV, &action, std::ptr::null_mut()) != 0 {
            let _ = writeln!(std::io::stderr(), "fuzz harness: sigaction failed");
        }
    }
}

extern "C" fn on_segv(
    _signal: libc::c_int,
    _info: *mut libc::siginfo_t,
    _context: *mut libc::c_void,
) {
    const MESSAGE: &[u8] = b"\n==fuzz harness== SIGSEGV (most likely a stack overflow): aborting so libFuzzer saves the input\n";
    // SAFETY: write(2) and abort(3) are async-signal-safe.
    unsafe {
        libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
        libc::abort();
    }
}
