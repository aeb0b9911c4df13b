#!/usr/bin/env bash
# Installs the test dependencies, builds everything and runs the whole test
# suite: the Rust tests, then the Python tests against the freshly built wheel.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

# One build directory outside the clone, reused by every clone when present:
# DataFusion takes most of the build time.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/pyrust/target}"
PYTHON="${PYTHON:-python3}"

step() { printf '\n==> %s\n' "$*"; }

if ! command -v protoc >/dev/null; then
    step "installing protoc (the substrait crate's build needs it)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq protobuf-compiler >/dev/null
fi

step "installing Python build and test dependencies"
"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    "maturin>=1.9,<2" "pytest>=8" "pandas>=2" "pyarrow>=15" \
    "substrait[extensions]==0.37.1" substrait-antlr pyyaml

step "Rust tests (profile dev-opt)"
cargo test --locked --profile dev-opt

step "building and installing the pyrust wheel (profile dev-opt)"
wheel_dir="$(mktemp -d)"
trap 'rm -rf "$wheel_dir"' EXIT
maturin build --locked --profile dev-opt --out "$wheel_dir" --quiet
"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    --force-reinstall --no-deps "$wheel_dir"/pyrust-*.whl

step "Python tests"
# Run from the tests folder so `pyrust` is the installed package, not ./python.
"$PYTHON" -m pytest -q -p no:cacheprovider --rootdir=. -c pyproject.toml tests/python "$@"
