"""The ``pyrust-compile`` console script: the engine's plan compiler CLI.

Run ``pyrust-compile --help``; the command line itself lives in the Rust
``pyrust-cli`` crate, so the script and the cargo binary behave the same.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run ``pyrust-compile`` with this process's arguments and exit with its code."""
    from pyrust import _native

    # Rust writes to the file descriptors directly: flush what Python buffered first.
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(_native.run_compile_cli(["pyrust-compile", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
