#!/usr/bin/env bash
# Installs pyrust from this checkout and runs the quickstart on the bundled
# sample (examples/data.csv). This is the README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_prerequisites.sh

step "installing pyrust (builds the Rust engine; the first build takes a while)"
"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore .

step "running examples/quickstart.py"
"$PYTHON" examples/quickstart.py
