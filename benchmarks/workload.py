"""Runs the seed workload on ONE engine and writes its timings as JSON.

    python benchmarks/workload.py --engine pyspark --data DIR --out FILE [--repeat K]

seed.py starts this once per engine, each with its own interpreter (pyrust is
installed in one Python, PySpark in another). Apart from the import that picks
the engine, every line that touches a DataFrame is the same for both engines:
that is the point of the comparison.

The result file is rewritten after every operation, so if the engine takes the
whole process down (a native crash), the operations finished so far survive
and the orchestrator can tell which one was running.

Only the standard library and the engine are imported here: the PySpark venv
need not have anything else.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path


def import_engine(engine: str):
    """The only engine-specific lines: which package provides pyspark.sql."""
    package = {"pyspark": "pyspark", "pyrust": "pyrust"}[engine]
    sql = importlib.import_module(f"{package}.sql")
    functions = importlib.import_module(f"{package}.sql.functions")
    version = getattr(importlib.import_module(package), "__version__", "unknown")
    return sql.SparkSession, functions, version


def build_session(SparkSession):
    # Fair on this 2-core machine: two local threads and two shuffle
    # partitions (Spark's default of 200 would mostly measure task overhead).
    return (
        SparkSession.builder.appName("pyrust-seed-benchmark")
        .master("local[2]")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "4g")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


# ---- the operations ---------------------------------------------------------
# Each one ends in an action (count or collect of a small result) so the engine
# really executes the plan; both engines get exactly the same action.

def op_csv_read(spark, F, paths, frames):
    return spark.read.csv(paths["people"], header=True, inferSchema=True).count()


def op_filter(spark, F, paths, frames):
    return frames["people"].filter("age > 18").select("name", "city").count()


def op_filter_column(spark, F, paths, frames):
    df = frames["people"]
    return df.filter(df.age > 18).select(F.col("name"), F.col("city")).count()


def op_groupby(spark, F, paths, frames):
    result = frames["people"].groupBy("city").agg(
        F.count("*").alias("n"),
        F.avg("salary").alias("avg_salary"),
        F.max("age"),
    )
    return result.columns, result.collect()


def op_join(spark, F, paths, frames):
    result = (
        frames["people"].join(frames["cities"], on="city", how="inner")
        .groupBy("country").count()
    )
    return result.columns, result.collect()


# (name, function, needs the DataFrames read up front)
OPERATIONS = [
    ("csv_read", op_csv_read, False),
    ("filter", op_filter, True),
    ("filter_column", op_filter_column, True),
    ("groupBy", op_groupby, True),
    ("join", op_join, True),
]


def read_frames(spark, paths):
    """Reads both CSV files once, outside the timings. Neither engine caches:
    every later action re-reads people.csv, on both engines alike."""
    return {
        "people": spark.read.csv(paths["people"], header=True, inferSchema=True),
        "cities": spark.read.csv(paths["cities"], header=True, inferSchema=True),
    }


# ---- timing and bookkeeping -------------------------------------------------

def describe_error(error: BaseException) -> dict:
    return {
        "error": f"{type(error).__name__}: {error}",
        "traceback": "".join(traceback.format_exception(error)),
    }


def to_json_value(value):
    """Makes a collected value JSON-safe for the cross-engine comparison."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "__float__") and not isinstance(value, (bytes, bytearray)):
        return float(value)  # e.g. Decimal
    return str(value)


def to_json_result(result):
    if isinstance(result, tuple) and len(result) == 2:  # (columns, rows) from collect()
        columns, rows = result
        return {"columns": list(columns), "rows": [[to_json_value(v) for v in row] for row in rows]}
    return {"count": to_json_value(result)}


def time_best_of(fn, repeat: int, log):
    """Runs fn `repeat` times and keeps the fastest. The first run doubles as a
    warm-up (JVM JIT, page cache), which best-of-K discounts on both engines."""
    timings, result = [], None
    for i in range(repeat):
        start = time.perf_counter()
        result = fn()
        timings.append(time.perf_counter() - start)
        log(f"  run {i + 1}/{repeat}: {timings[-1]:.3f}s")
    return min(timings), timings, result


class Recorder:
    """Holds this engine's results and rewrites the output file on each change."""

    def __init__(self, out: Path, data: dict) -> None:
        self.out, self.data = out, data

    def update(self, **changes) -> None:
        self.data.update(changes)
        self.save()

    def save(self) -> None:
        tmp = self.out.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data, indent=2))
        os.replace(tmp, self.out)


def run(engine: str, data_dir: Path, out: Path, repeat: int, only: list[str] | None) -> int:
    def log(message: str) -> None:
        print(f"[{engine}] {message}", flush=True)

    rec = Recorder(out, {
        "engine": engine, "python": sys.version.split()[0], "executable": sys.executable,
        "platform": platform.platform(), "repeat": repeat, "status": "starting",
        "notes": [], "operations": {},
    })
    rec.save()
    paths = {"people": str(data_dir / "people.csv"), "cities": str(data_dir / "cities.csv")}

    # Start-up (import + session creation, i.e. JVM launch for PySpark) is
    # measured on its own and kept out of every operation's time.
    start = time.perf_counter()
    try:
        SparkSession, F, version = import_engine(engine)
        imported = time.perf_counter()
        spark = build_session(SparkSession)
    except BaseException as error:  # noqa: BLE001 - report, don't crash
        if isinstance(error, KeyboardInterrupt):
            raise
        rec.update(status="failed", **describe_error(error))
        log(f"could not start: {type(error).__name__}: {error}")
        return 1
    ready = time.perf_counter()
    rec.update(version=version, import_s=imported - start, session_s=ready - imported,
               startup_s=ready - start, status="running")
    log(f"{engine} {version} ready in {ready - start:.2f}s")

    # Same call on both engines; a gap here is worth knowing but not fatal.
    try:
        spark.sparkContext.setLogLevel("ERROR")
    except BaseException as error:  # noqa: BLE001
        rec.data["notes"].append(f"spark.sparkContext.setLogLevel('ERROR') failed: {type(error).__name__}: {error}")
    try:
        rec.update(spark_version=spark.version)
    except BaseException as error:  # noqa: BLE001
        rec.data["notes"].append(f"spark.version failed: {type(error).__name__}: {error}")

    frames, frames_error = None, None
    for name, fn, needs_frames in OPERATIONS:
        if only and name not in only:
            continue
        rec.update(current=name)
        log(f"{name}")
        entry: dict = {}
        try:
            if needs_frames and frames is None and frames_error is None:
                try:
                    frames = read_frames(spark, paths)
                except BaseException as error:  # noqa: BLE001
                    if isinstance(error, KeyboardInterrupt):
                        raise
                    frames_error = error
            if needs_frames and frames_error is not None:
                raise RuntimeError(f"reading the input DataFrames failed: {type(frames_error).__name__}: {frames_error}") from frames_error
            best, timings, result = time_best_of(lambda: fn(spark, F, paths, frames), repeat, log)
            entry = {"best_s": best, "timings_s": timings, "result": to_json_result(result)}
        except BaseException as error:  # noqa: BLE001 - e.g. pyo3's PanicException is a BaseException
            if isinstance(error, KeyboardInterrupt):
                raise
            entry = describe_error(error)
            log(f"  FAILED: {entry['error'].splitlines()[0] if entry['error'] else ''}")
        rec.data["operations"][name] = entry
        rec.save()

    rec.update(current=None, status="done")
    try:
        spark.stop()
    except BaseException:  # noqa: BLE001 - nothing left to measure
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["pyspark", "pyrust"], required=True)
    parser.add_argument("--data", type=Path, required=True, help="directory with people.csv and cities.csv")
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write the results to")
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation; the best is kept")
    parser.add_argument("--only", help="comma-separated operation names (default: all)")
    args = parser.parse_args(argv)
    only = args.only.split(",") if args.only else None
    return run(args.engine, args.data.resolve(), args.out, max(1, args.repeat), only)


if __name__ == "__main__":
    sys.exit(main())
