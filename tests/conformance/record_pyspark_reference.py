"""Records which docstring examples fail on real PySpark, into pyspark_failures.json.

Those examples (a missing file, a Spark Connect-only API, an order that is not
deterministic, ...) cannot count against pyrust, so the conformance figures
leave them out of the denominator. Run once per PySpark release, from the
repository root, with PySpark's interpreter:

    SPARK_TESTING=1 PYSPARK_PYTHON=/path/to/venv/bin/python \\
        /path/to/venv/bin/python tests/conformance/record_pyspark_reference.py [--module NAME ...]

The examples run exactly as for pyrust (same extraction, checking, timeout and
process time zone; ``supervisor.py``), but on PySpark ``local[4]`` with the
globals its own ``_test()`` sets. The file records each failing example's key
and the kind of failure (an exception's class name, "wrong output", "timeout"),
never PySpark's text. With --module only those modules' entries are replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from examples import find_pyspark_dir, pyspark_version
from modules import MODULES, MODULES_BY_NAME
from report import PYSPARK_FAILURES_PATH
from supervisor import run_modules

REPOSITORY = Path(__file__).resolve().parents[2]


def failure_kind(failure: str | None) -> str:
    """ "NameError: name 'x' ..." -> "NameError"; "wrong output: ..." -> "wrong output"."""
    return (failure or "failed").split(":", 1)[0][:60]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", action="append", choices=sorted(MODULES_BY_NAME), help="record only these modules (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (one JVM each) at a time")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per example (default 60: the JVM is slow to warm up)")
    options = parser.parse_args()

    package_dir = find_pyspark_dir()  # this interpreter's own pyspark
    version = pyspark_version(package_dir)
    modules = [MODULES_BY_NAME[name] for name in options.module] if options.module else list(MODULES)
    started = time.monotonic()
    outcomes = run_modules(
        modules,
        engine="pyspark",
        package_dir=package_dir,
        log_dir=REPOSITORY / "target" / "conformance" / "pyspark-logs",
        jobs=options.jobs,
        timeout=options.timeout,
    )

    recorded_modules = {module.name for module in modules}
    previous = json.loads(PYSPARK_FAILURES_PATH.read_text())["examples"] if PYSPARK_FAILURES_PATH.is_file() else {}
    kept = {key: kind for key, kind in previous.items() if key.split(":", 1)[0] not in recorded_modules}
    failing = {outcome.key: failure_kind(outcome.failure) for outcome in outcomes if not outcome.passed}
    document = {
        "comment": "Docstring examples of PySpark that fail on PySpark itself (local[4]); "
        "left out of the conformance figures. Written by record_pyspark_reference.py.",
        "pyspark_version": version,
        "examples": dict(sorted({**kept, **failing}.items())),
    }
    PYSPARK_FAILURES_PATH.write_text(json.dumps(document, indent=1) + "\n")

    for module in modules:
        own = [outcome for outcome in outcomes if outcome.module == module.name]
        print(f"{module.name:28} {sum(not outcome.passed for outcome in own):5} of {len(own):5} examples fail on PySpark")
    print(f"{time.monotonic() - started:.0f} s; wrote {PYSPARK_FAILURES_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
