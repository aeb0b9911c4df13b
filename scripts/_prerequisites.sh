# Shared by scripts/quickstart.sh and scripts/test.sh: what every build needs.

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
