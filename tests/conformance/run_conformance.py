"""Runs PySpark's docstring examples against pyrust and reports per-module pass counts.

From the repository root, with pyrust importable and an installed PySpark 4.3
to read the examples from (it is never imported by the run):

    PYTHONPATH=python python3 tests/conformance/run_conformance.py \\
        --pyspark-python /path/to/venv/bin/python [--module sql.column ...] \\
        [--check-baseline | --update-baseline] [--write-docs]

Prints the per-module table, writes every example's outcome to --json
(default target/conformance/outcomes.json) and the workers' logs next to it.
Exit status: 0 done, 1 a module's pass count dropped below the baseline
(--check-baseline), 2 the run could not be done.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import report
from examples import PySparkNotFound, find_pyspark_dir_from_environment, pyspark_version
from modules import MODULES, MODULES_BY_NAME
from supervisor import run_modules

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPOSITORY / "target" / "conformance" / "outcomes.json"


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_argument_group("where PySpark's sources are (else PYRUST_PYSPARK_DIR, PYRUST_PYSPARK_PYTHON, or this interpreter)")
    where.add_argument("--pyspark-dir", help="the installed pyspark package directory")
    where.add_argument("--pyspark-python", help="an interpreter with pyspark 4.3 installed")
    parser.add_argument("--module", action="append", choices=sorted(MODULES_BY_NAME), help="run only these modules (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes at a time")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per example (default 20)")
    parser.add_argument("--json", type=Path, default=DEFAULT_OUTPUT, help="where to write every example's outcome")
    parser.add_argument("--check-baseline", action="store_true", help="exit 1 if a module passes fewer examples than baseline.json")
    parser.add_argument("--update-baseline", action="store_true", help="rewrite baseline.json from this run")
    parser.add_argument("--write-docs", action="store_true", help="rewrite the generated section of docs/compatibility.md")
    options = parser.parse_args(argv)
    if options.module and (options.update_baseline or options.write_docs):
        parser.error("--update-baseline and --write-docs need the full run (no --module)")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    try:
        package_dir = find_pyspark_dir_from_environment(options.pyspark_dir, options.pyspark_python)
    except PySparkNotFound as error:
        print(f"run_conformance failed: {error}", file=sys.stderr)
        return 2
    version = pyspark_version(package_dir)
    modules = [MODULES_BY_NAME[name] for name in options.module] if options.module else list(MODULES)

    started = time.monotonic()
    outcomes = run_modules(
        modules,
        engine="pyrust",
        package_dir=package_dir,
        log_dir=options.json.parent / "logs",
        jobs=options.jobs,
        timeout=options.timeout,
    )
    elapsed = time.monotonic() - started

    pyspark_failures = report.load_pyspark_failures()
    figures = report.module_figures(outcomes, pyspark_failures)
    report.write_outcomes(options.json, outcomes, pyspark_failures, version)
    print(report.markdown_table(figures))
    print(f"\n{len(outcomes)} examples of pyspark {version} in {elapsed:.0f} s; outcomes in {options.json}")
    if not pyspark_failures:
        print("note: no pyspark_failures.json, so examples that fail on PySpark itself are counted")

    if options.write_docs:
        report.rewrite_docs(report.docs_section(figures, version))
        print(f"rewrote the conformance section of {report.DOCS_PATH}")
    if options.update_baseline:
        report.write_baseline(figures, version)
        print(f"rewrote {report.BASELINE_PATH}")
    if options.check_baseline:
        drops, rises = report.compare_with_baseline(figures)
        for line in rises:
            print(f"above the baseline, raise it with --update-baseline: {line}")
        for line in drops:
            print(f"below the baseline: {line}", file=sys.stderr)
        if drops:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
