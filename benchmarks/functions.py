"""Twenty common Spark functions over 10M rows, timed on pyrust and on real
PySpark (local[2]) in one run, as ratios.

    python3 benchmarks/functions.py                     # 10M rows, both engines, best of 3
    python3 benchmarks/functions.py --rows 1000000      # smaller
    python3 benchmarks/functions.py --only upper,year   # some functions

Each engine runs this same file with ``--engine NAME`` in its own process and
interpreter, one after the other so they never share the two cores. The data
is one Parquet file written once (numpy + pyarrow), read by both engines.
Every timed action is ``df.select(<function>.alias("r")).agg(max("r"))``:
the function runs on every row, and the one-row answers of the two engines
are compared (a mismatch is reported next to the timing).
Start-up (the JVM) and the first read of the file are outside the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The interpreter with pyspark installed: --pyspark-python or $PYSPARK_PYTHON.
DEFAULT_PYSPARK_PYTHON = os.environ.get("PYSPARK_PYTHON")


# -- the functions: name → a column over the data's columns -----------------------


def functions(F, Window):
    """(name, builds the column, is a window/aggregate case)."""
    by_key = Window.partitionBy("k").orderBy("n") if Window is not None else None
    return [
        ("upper", lambda: F.upper("s"), False),
        ("lower", lambda: F.lower("s"), False),
        ("substring", lambda: F.substring("s", 2, 5), False),
        ("length", lambda: F.length("s"), False),
        ("trim", lambda: F.trim("s"), False),
        ("concat_ws", lambda: F.concat_ws("-", "s", "s"), False),
        ("regexp_replace", lambda: F.regexp_replace("s", "[aeiou]", "_"), False),
        ("regexp_extract", lambda: F.regexp_extract("s", r"(\w)(\d+)", 2), False),
        ("split_size", lambda: F.size(F.split("s", "_")), False),
        ("year", lambda: F.year("dt"), False),
        ("date_add", lambda: F.date_add("dt", 30), False),
        ("date_format", lambda: F.date_format("ts", "yyyy-MM-dd HH:mm"), False),
        ("to_date", lambda: F.to_date("ds", "yyyy-MM-dd"), False),
        ("datediff", lambda: F.datediff("dt", F.lit("2020-01-01")), False),
        ("round", lambda: F.round("x", 2), False),
        ("sqrt", lambda: F.sqrt("x"), False),
        ("pow", lambda: F.pow("x", 2), False),
        ("md5", lambda: F.md5("s"), False),
        ("collect_list", lambda: F.size(F.collect_list("n")), True),
        ("row_number", lambda: F.row_number().over(by_key), True),
    ]


def timed_action(F, df, name, column, grouped):
    if name == "collect_list":
        # One list per key, then the largest list's size.
        return df.groupBy("k").agg(column.alias("r")).agg(F.max("r")).collect()[0][0]
    return df.select(column.alias("r")).agg(F.max("r")).collect()[0][0]


# -- one engine ---------------------------------------------------------------------


def run_engine(engine: str, data: str, repeat: int, only: list[str] | None, out: str) -> None:
    import importlib

    sql = importlib.import_module(f"{engine}.sql")
    F = importlib.import_module(f"{engine}.sql.functions")
    SparkSession, Window = sql.SparkSession, getattr(sql, "Window", None)
    spark = (
        SparkSession.builder.master("local[2]").appName("functions-benchmark")
        .config("spark.sql.shuffle.partitions", "2").config("spark.driver.memory", "4g")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    df = spark.read.parquet(data)
    df.count()  # the first read (file metadata, page cache) outside the timings
    results = {}
    for name, build, grouped in functions(F, Window):
        if only and name not in only:
            continue
        try:
            timings, answer = [], None
            for _ in range(repeat):
                start = time.perf_counter()
                answer = timed_action(F, df, name, build(), grouped)
                timings.append(time.perf_counter() - start)
            results[name] = {"seconds": min(timings), "runs": timings, "answer": str(answer)}
        except Exception as error:  # noqa: BLE001 - one function's failure is reported, not fatal
            results[name] = {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"}
        print(f"[{engine}] {name}: {results[name]}", flush=True)
        Path(out).write_text(json.dumps(results, indent=1))
    spark.stop()


# -- data and the comparison ----------------------------------------------------------


def write_data(path: Path, rows: int, seed: int) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    random = np.random.default_rng(seed)
    words = np.array(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"])
    numbers = random.integers(0, 100_000, rows)
    strings = np.char.add(np.char.add(words[random.integers(0, len(words), rows)], "_"), numbers.astype(str))
    days = random.integers(0, 20_000, rows).astype("datetime64[D]")
    seconds = random.integers(0, 20_000 * 86_400, rows).astype("datetime64[s]").astype("datetime64[us]")
    table = pa.table({
        "k": pa.array(random.integers(0, 1_000, rows), pa.int32()),
        "n": pa.array(numbers, pa.int64()),
        "x": pa.array(random.normal(100.0, 50.0, rows), pa.float64()),
        "s": pa.array(strings.tolist(), pa.string()),
        "dt": pa.array(days, pa.date32()),
        "ds": pa.array(days.astype(str).tolist(), pa.string()),
        "ts": pa.array(seconds, pa.timestamp("us", tz="UTC")),
    })
    pq.write_table(table, path, row_group_size=1_000_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="comma-separated function names")
    parser.add_argument("--data", type=Path, help="Parquet file to reuse (written if absent)")
    parser.add_argument("--pyrust-python", default=os.environ.get("PYRUST_PYTHON", sys.executable))
    parser.add_argument("--pyspark-python", default=DEFAULT_PYSPARK_PYTHON, required=DEFAULT_PYSPARK_PYTHON is None)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    only = args.only.split(",") if args.only else None
    if args.engine:
        run_engine(args.engine, str(args.data), args.repeat, only, args.out)
        return

    work = Path(tempfile.mkdtemp(prefix="pyrust-functions-bench-"))
    data = args.data or work / f"data-{args.rows}.parquet"
    if not data.exists():
        started = time.perf_counter()
        write_data(data, args.rows, seed=42)
        print(f"wrote {args.rows:,} rows to {data} in {time.perf_counter() - started:.1f}s", flush=True)
    results = {}
    for engine, python in (("pyrust", args.pyrust_python), ("pyspark", args.pyspark_python)):
        out = work / f"{engine}.json"
        command = [python, __file__, "--engine", engine, "--data", str(data), "--repeat", str(args.repeat), "--out", str(out)]
        if args.only:
            command += ["--only", args.only]
        subprocess.run(command, check=False, env={**os.environ, "SPARK_TESTING": "1", "PYSPARK_PYTHON": args.pyspark_python})
        results[engine] = json.loads(out.read_text()) if out.exists() else {}
    print()
    print(f"{'function':<16}{'pyrust s':>10}{'pyspark s':>11}{'speed-up':>10}  same answer")
    for name in dict.fromkeys([*results["pyspark"], *results["pyrust"]]):
        ours, theirs = results["pyrust"].get(name, {}), results["pyspark"].get(name, {})
        if "seconds" not in ours or "seconds" not in theirs:
            print(f"{name:<16}  {ours.get('error') or theirs.get('error')}")
            continue
        same = "yes" if ours["answer"] == theirs["answer"] else f"NO ({ours['answer']} vs {theirs['answer']})"
        ratio = theirs["seconds"] / ours["seconds"]
        print(f"{name:<16}{ours['seconds']:>10.3f}{theirs['seconds']:>11.3f}{ratio:>9.1f}x  {same}")


if __name__ == "__main__":
    main()
