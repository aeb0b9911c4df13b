#!/usr/bin/env bash
# Installs the test dependencies, builds everything and runs the whole test
# suite: the Rust tests, then the Python tests against the freshly built wheel.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/_prerequisites.sh

step "installing Python build and test dependencies"
"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    "maturin>=1.9,<2" "pytest>=8" "pandas>=2" "pyarrow>=15" \
    "substrait[extensions]==0.37.1" substrait-antlr pyyaml \
    "datafusion==55.0.0" "duckdb==1.1.3" "duckdb-extension-substrait==1.1.3" "tpchgen-cli==4.0.0"

step "Rust tests (profile dev-opt)"
cargo test --locked --profile dev-opt

step "building and installing the pyrust wheel (profile dev-opt)"
wheel_dir="$(mktemp -d)"
trap 'rm -rf "$wheel_dir"' EXIT
maturin build --locked --profile dev-opt --out "$wheel_dir" --quiet
"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    --force-reinstall --no-deps "$wheel_dir"/pyrust-*.whl

step "Python tests"
"$PYTHON" -m pytest -q -p no:cacheprovider tests/python "$@"

step "Substrait interop tests (producers x consumers, TPC-H from other producers)"
# ibis-substrait needs its own venv (~30 s to create; reused from ~/.cache/pyrust/ibis-venv).
"$PYTHON" scripts/interop_matrix.py --setup-ibis
"$PYTHON" -m pytest -q -p no:cacheprovider -rfE tests/interop

step "Python doctests (of the installed package)"
(cd "$(mktemp -d)" && "$PYTHON" -m pytest -q -p no:cacheprovider --doctest-modules --pyargs pyrust)
