#!/usr/bin/env bash
# Installs the test dependencies, builds everything and runs the whole test
# suite: the Rust tests, then the Python tests against the freshly built wheel
# (with PySpark's docstring examples, tests/conformance).
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/_prerequisites.sh

step "installing Python build and test dependencies"
"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    "maturin>=1.9,<2" "pytest>=8" "pandas>=2" "pyarrow>=15" \
    "substrait[extensions]==0.37.1" substrait-antlr pyyaml "sqlglot==30.31.0" \
    "datafusion==55.0.0" "duckdb==1.1.3" "duckdb-extension-substrait==1.1.3" "tpchgen-cli==4.0.0"

step "Rust tests (profile dev-opt)"
cargo test --locked --profile dev-opt

step "building and installing the pyrust wheel (profile dev-opt)"
wheel_dir="$(mktemp -d)"
pyspark_partial=""
trap 'rm -rf "$wheel_dir" "$pyspark_partial"' EXIT
maturin build --locked --profile dev-opt --out "$wheel_dir" --quiet
"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    --force-reinstall --no-deps "$wheel_dir"/pyrust-*.whl

step "Python tests"
"$PYTHON" -m pytest -q -p no:cacheprovider tests/python "$@"

step "PySpark's docstring examples against pyrust (tests/conformance: no example baseline.json lists may fail)"
# Only PySpark's sources are read, never imported (no JVM). They are installed
# once outside the clone and reused: a cold install downloads a 456 MB sdist and
# builds it (~50 s). pip's cache would keep a second copy, so it is not used.
# Into a temporary directory first, so that an interrupted install is never
# taken for a complete one.
pyspark_sources="$HOME/.cache/pyrust/pyspark-4.3.0"
if [ ! -f "$pyspark_sources/pyspark/version.py" ]; then
    step "installing PySpark 4.3.0's sources into $pyspark_sources (once)"
    mkdir -p "$(dirname "$pyspark_sources")"
    pyspark_partial="$(mktemp -d "$pyspark_sources.partial.XXXXXX")"
    "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
        --no-cache-dir --no-deps --target "$pyspark_partial" "pyspark==4.3.0"
    # Without version.py it is not one of ours (they appear whole): replace it.
    [ -f "$pyspark_sources/pyspark/version.py" ] || rm -rf "$pyspark_sources"
    # Fails only if another run has just put its copy there; the trap removes ours.
    mv -T "$pyspark_partial" "$pyspark_sources" 2>/dev/null || true
fi
# CI=true makes a missing PySpark a failure rather than a skip (test_conformance.py).
PYRUST_PYSPARK_DIR="$pyspark_sources/pyspark" "$PYTHON" -m pytest -q -p no:cacheprovider -rfEP tests/conformance

step "Substrait interop tests (producers x consumers, TPC-H from other producers)"
# ibis-substrait needs its own venv (~30 s to create; reused from ~/.cache/pyrust/ibis-venv).
"$PYTHON" scripts/interop_matrix.py --setup-ibis
"$PYTHON" -m pytest -q -p no:cacheprovider -rfE tests/interop

step "Python doctests (of the installed package)"
(cd "$(mktemp -d)" && "$PYTHON" -m pytest -q -p no:cacheprovider --doctest-modules --pyargs pyrust)
