#!/usr/bin/env bash
# Lints the Rust workspace with clippy (the workspace lint table denies unwrap,
# expect, panic, dbg and todo outside tests). Not part of CI: clippy's check
# build of DataFusion would add about ten minutes to a cold run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_prerequisites.sh
step "clippy (workspace, all targets, warnings are errors)"
cargo clippy --locked --profile dev-opt --all-targets -- -D warnings
