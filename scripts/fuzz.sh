#!/usr/bin/env bash
# Fuzzes the plan compiler (docs/fuzzing.md). Heavy and slow: not part of CI.
#
#   scripts/fuzz.sh [target] [seconds]   fuzz one target (default: decode_validate, 1200 s)
#   scripts/fuzz.sh regressions [target] run the target on every compiler/fuzz/regressions/*.bin
#   scripts/fuzz.sh seeds                regenerate the seed corpus from the Python frontend
#   scripts/fuzz.sh cmin [target]        minimize the committed seed corpus of a target
#
# Targets: decode_validate (binary plan -> decode_plan -> validate), decode_json
# (JSON or binary -> decode_plan_auto -> validate, analyze, render, JSON).
# Works on stable Rust: no sanitizer (`-s none`); the harness itself turns a
# stack overflow into a reported crash. One job: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_prerequisites.sh

FUZZ_DIR=compiler/fuzz
# Kept apart from the shared build directory: every crate is built with
# coverage instrumentation here.
TARGET_DIR="${PYRUST_FUZZ_TARGET_DIR:-$HOME/.cache/pyrust/fuzz-target}"
# libFuzzer's growing working corpus stays out of the repository; the committed
# seeds are read-only inputs.
WORK_DIR="$(realpath -m "${PYRUST_FUZZ_WORK_DIR:-$HOME/.cache/pyrust/fuzz-corpus}")"
# Bounds every input must stay under (memory, time, size).
LIBFUZZER_LIMITS=(-rss_limit_mb=2048 -timeout=10)
MAX_LEN=65536

if ! cargo fuzz --version >/dev/null 2>&1; then
    step "installing cargo-fuzz"
    cargo install --locked cargo-fuzz
fi

# The committed seeds of a target, relative to $FUZZ_DIR.
seed_dirs() {
    # The JSON target reads binary plans too (decode_plan_auto).
    case "$1" in
        decode_json) echo "corpus/decode_json corpus/decode_validate" ;;
        *) echo "corpus/$1" ;;
    esac
}

fuzz() {
    local target="$1" seconds="$2"
    mkdir -p "$WORK_DIR/$target"
    step "fuzzing $target for $seconds s (working corpus: $WORK_DIR/$target)"
    # shellcheck disable=SC2046 # seed_dirs lists directories without spaces
    (cd "$FUZZ_DIR" && cargo fuzz run -s none --release --target-dir "$TARGET_DIR" "$target" \
        "$WORK_DIR/$target" $(seed_dirs "$target") \
        -- "${LIBFUZZER_LIMITS[@]}" -max_len="$MAX_LEN" -max_total_time="$seconds" -print_final_stats=1)
    step "done; crashes, if any, are in $FUZZ_DIR/artifacts/$target/"
}

regressions() {
    local target="$1" binary status=0
    step "building $target"
    (cd "$FUZZ_DIR" && cargo fuzz build -s none --release --target-dir "$TARGET_DIR" "$target")
    binary="$TARGET_DIR/$(rustc -vV | sed -n 's/^host: //p')/release/$target"
    for input in "$FUZZ_DIR"/regressions/*.bin "$FUZZ_DIR"/regressions/*.json; do
        [ -e "$input" ] || continue
        # No -max_len here: a reproducer may be larger than the fuzzed inputs.
        if "$binary" "${LIBFUZZER_LIMITS[@]}" "$input" >/dev/null 2>&1; then
            echo "ok      $input"
        else
            echo "FAILED  $input  (rerun: $binary $input)"
            status=1
        fi
    done
    return "$status"
}

case "${1:-decode_validate}" in
    regressions) regressions "${2:-decode_validate}" ;;
    seeds)
        step "writing seed plans from the Python frontend"
        "$PYTHON" "$FUZZ_DIR/seeds.py" "$FUZZ_DIR/corpus"
        ;;
    cmin)
        target="${2:-decode_validate}"
        step "minimizing the seed corpus of $target"
        (cd "$FUZZ_DIR" && cargo fuzz cmin -s none --release --target-dir "$TARGET_DIR" "$target" "corpus/$target" \
            -- "${LIBFUZZER_LIMITS[@]}" -max_len="$MAX_LEN")
        ;;
    *) fuzz "${1:-decode_validate}" "${2:-1200}" ;;
esac
