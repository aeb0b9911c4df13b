"""Reproduces the seed table: CSV read, filter, groupBy and join, timed on
pyrust and on real PySpark (local[2]) over the same generated data.

    python3 benchmarks/seed.py                    # 2M rows, both engines, best of 3
    python3 benchmarks/seed.py --quick            # 200k rows
    python3 benchmarks/seed.py --engines pyspark  # one engine only

Each engine runs benchmarks/workload.py in its own process with its own
interpreter (pyrust and PySpark live in different Pythons), one after the
other so they never compete for the two cores. This script only generates
the data, starts those processes, checks their answers agree, and prints the
table; it needs nothing but numpy and pyarrow. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import datagen
import report
import verify
import workload

HERE = Path(__file__).resolve().parent
DEFAULT_ROWS = 2_000_000
QUICK_ROWS = 200_000
OPERATION_NAMES = [name for name, _, _ in workload.OPERATIONS]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, help=f"rows in people.csv (default {DEFAULT_ROWS:,}; {QUICK_ROWS:,} with --quick)")
    parser.add_argument("--quick", action="store_true", help=f"small run: {QUICK_ROWS:,} rows")
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation, the best is kept (default 3)")
    parser.add_argument("--engines", default="pyrust,pyspark", help="comma-separated, run in this order (default pyrust,pyspark)")
    parser.add_argument("--only", help=f"comma-separated subset of: {','.join(OPERATION_NAMES)}")
    parser.add_argument("--data-dir", type=Path, help="where to write (or reuse) the data; default: a temporary directory")
    parser.add_argument("--keep-data", action="store_true", help="keep the temporary data directory")
    parser.add_argument("--seed", type=int, default=42, help="random seed for the data (default 42)")
    parser.add_argument("--pyrust-python", default=os.environ.get("PYRUST_PYTHON", "python3"),
                        help="interpreter with pyrust installed (default $PYRUST_PYTHON or python3)")
    parser.add_argument("--pyspark-python", default=os.environ.get("PYSPARK_PYTHON"),
                        required="PYSPARK_PYTHON" not in os.environ,
                        help="interpreter with pyspark installed (default $PYSPARK_PYTHON)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per engine process (default 3600)")
    parser.add_argument("--results", type=Path, default=HERE / "results" / "latest.json", help="JSON output file")
    args = parser.parse_args(argv)
    args.rows = args.rows or (QUICK_ROWS if args.quick else DEFAULT_ROWS)
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(args.engines) - {"pyrust", "pyspark"}
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    args.only = [o.strip() for o in args.only.split(",")] if args.only else None
    if args.only and set(args.only) - set(OPERATION_NAMES):
        parser.error(f"unknown operation(s): {', '.join(sorted(set(args.only) - set(OPERATION_NAMES)))}")
    return args


def run_engine(engine: str, python: str, data_dir: Path, args: argparse.Namespace, log_dir: Path) -> dict:
    """Runs workload.py for one engine, streaming its progress lines; its
    stderr (JVM and library logs) goes to a file, shown only on failure."""
    out = log_dir / f"{engine}.json"
    out.unlink(missing_ok=True)
    stderr_path = log_dir / f"{engine}.stderr.log"
    command = [python, str(HERE / "workload.py"), "--engine", engine, "--data", str(data_dir),
               "--out", str(out), "--repeat", str(args.repeat)]
    if args.only:
        command += ["--only", ",".join(args.only)]
    env = dict(os.environ)
    if engine == "pyspark":
        # Python workers (none are used by this workload, but Spark checks)
        # must be the same interpreter as the driver.
        env["PYSPARK_PYTHON"] = env["PYSPARK_DRIVER_PYTHON"] = python

    print(f"$ {' '.join(command)}", flush=True)
    with open(stderr_path, "w") as stderr:
        try:
            # Own process group, so a timeout can stop the JVM child as well.
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True,
                                    env=env, start_new_session=True)
        except OSError as error:
            return {"engine": engine, "status": "failed", "error": f"cannot run {python}: {error}"}
        timer = threading.Timer(args.timeout, _kill_group, [proc.pid])
        timer.start()
        try:
            for line in proc.stdout:
                print(line, end="", flush=True)
            code = proc.wait()
        finally:
            timer.cancel()

    data = json.loads(out.read_text()) if out.exists() else {"engine": engine, "status": "failed"}
    if code != 0 or data.get("status") != "done":
        data["exit"] = f"exit status {code}" if code >= 0 else f"killed by {signal.Signals(-code).name}"
        data.setdefault("error", f"workload process ended early ({data['exit']})")
        print(f"[{engine}] ended early ({data['exit']}); last lines of {stderr_path}:")
        print(_tail(stderr_path, 15))
    data["stderr_log"] = str(stderr_path)
    return data


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:  # it ended just before the timeout
        pass


def _tail(path: Path, lines: int) -> str:
    text = path.read_text(errors="replace").splitlines()
    return "\n".join("    " + line for line in text[-lines:])


def machine_info() -> dict:
    info = {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "platform": platform.platform(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    java = shutil.which("java")
    if java:
        result = subprocess.run([java, "-version"], capture_output=True, text=True)
        info["java"] = (result.stderr or result.stdout).splitlines()[0] if (result.stderr or result.stdout) else "?"
    return info


def check_answers(engines: dict[str, dict]) -> list[str]:
    """Warnings for every operation whose results differ between engines."""
    if not {"pyspark", "pyrust"} <= engines.keys():
        return []
    warnings = []
    spark_ops, rust_ops = engines["pyspark"].get("operations", {}), engines["pyrust"].get("operations", {})
    for name in OPERATION_NAMES:
        a, b = spark_ops.get(name, {}).get("result"), rust_ops.get(name, {}).get("result")
        if a is None or b is None:
            continue
        difference = verify.compare(a, b)
        if difference:
            warnings.append(f"WARNING: {name} results differ (pyspark vs pyrust): {difference}")
    return warnings


def header_lines(meta: dict) -> list[str]:
    m, d = meta["machine"], meta["data"]
    lines = [
        f"rows: {d['people_rows']:,} people ({d['people_bytes'] / 1e6:.1f} MB), {d['cities_rows']} cities;"
        f" best of {meta['repeat']}",
        f"machine: {m['usable_cores']} usable cores of {m['cores']}, {m.get('cpu', '?')}; {m.get('java', 'no java')}",
    ]
    for engine, data in meta["engines"].items():
        lines.append(f"{engine}: {data.get('version') or '?'} on Python {data.get('python') or '?'} ({data.get('executable') or '?'})")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pythons = {"pyrust": args.pyrust_python, "pyspark": args.pyspark_python}

    temporary = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="pyrust-seed-")) if temporary else args.data_dir.resolve()
    args.results.parent.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        data_meta = datagen.generate(data_dir, args.rows, args.seed)
        print(f"data in {data_dir} ({'reused' if data_meta['reused'] else f'generated in {time.perf_counter() - started:.1f}s'})",
              flush=True)

        engines = {}
        for engine in args.engines:
            engines[engine] = run_engine(engine, pythons[engine], data_dir, args, args.results.parent)
    finally:
        if temporary and not args.keep_data:
            shutil.rmtree(data_dir, ignore_errors=True)
        elif temporary:
            print(f"data kept in {data_dir} (reuse it with --data-dir {data_dir})")

    operations = [n for n in OPERATION_NAMES if not args.only or n in args.only]
    rows = report.summarize(operations, engines)
    warnings = check_answers(engines)
    meta = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": " ".join([Path(sys.argv[0]).name] + (argv if argv is not None else sys.argv[1:])),
        "repeat": args.repeat,
        "machine": machine_info(),
        "data": data_meta,
        "engines": {e: {k: d.get(k) for k in ("version", "spark_version", "python", "executable", "notes")}
                    for e, d in engines.items()},
    }

    print()
    print("\n".join(header_lines(meta)))
    print()
    print(report.format_table(rows))
    errors = report.format_errors(rows)
    if errors:
        print("\nerrors:\n" + errors)
    for engine, data in engines.items():
        for note in data.get("notes", []):
            print(f"note ({engine}): {note}")
    for warning in warnings:
        print(warning)
    if not warnings and {"pyspark", "pyrust"} <= engines.keys():
        print("results: pyspark and pyrust agree on every operation both completed")

    args.results.write_text(json.dumps({"meta": meta, "summary": rows, "warnings": warnings, "engines": engines},
                                       indent=2) + "\n")
    print(f"\nJSON results: {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
