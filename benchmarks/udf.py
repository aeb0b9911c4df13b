"""Python UDF throughput: each kind over N rows (1M by default), on pyrust with
1, 2 and 4 target partitions and on real PySpark (local[2]), in one run.

    python3 benchmarks/udf.py                          # 1M rows, best of 3
    python3 benchmarks/udf.py --rows 200000 --repeat 1 # quicker
    python3 benchmarks/udf.py --only pandas_udf,mapInArrow --engines pyrust

A command to run by hand (numbers depend on the machine), not a test. Each
engine (and each pyrust partition count) runs this file with ``--engine`` in
its own process, one after the other so they never share the two cores. The
data is made by each engine from ``range(N)`` (no files); every timed action
ends in a one-row aggregate, whose answers are compared across engines.
"""


import argparse
import json
import os
import subprocess
import sys
import time

# The interpreter with pyspark installed: --pyspark-python or $PYSPARK_PYTHON.
DEFAULT_PYSPARK_PYTHON = os.environ.get("PYSPARK_PYTHON")


def workloads(spark, F, rows):
    """(name, action returning a small comparable result)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    data = spark.range(rows).selectExpr(
        "id", "CAST(id % 1000 AS INT) AS k", "CONCAT('s', CAST(id AS STRING)) AS s", "CAST(id AS DOUBLE) / 7 AS x"
    )

    upper = F.udf(lambda value: value.upper(), "string")
    upper_arrow = F.udf(lambda value: value.upper(), "string", useArrow=True)

    @F.pandas_udf("double")
    def scaled(values: pd.Series) -> pd.Series:
        return values * 2 + 1

    @F.pandas_udf("double")
    def mean(values: pd.Series) -> float:
        return values.mean()

    def centre(frame):
        return frame.assign(x=frame.x - frame.x.mean())[["k", "x"]]

    def doubled(batches):
        for batch in batches:
            yield pa.RecordBatch.from_arrays([pc.multiply(batch.column("x"), 2)], names=["x"])

    def max_of(frame, column):
        return frame.agg(F.max(column)).collect()[0][0]

    return [
        ("udf_string", lambda: max_of(data.select(upper("s").alias("r")), "r")),
        ("udf_string_arrow", lambda: max_of(data.select(upper_arrow("s").alias("r")), "r")),
        ("pandas_udf", lambda: max_of(data.select(scaled("x").alias("r")), "r")),
        ("pandas_grouped_agg", lambda: max_of(data.groupBy("k").agg(mean("x").alias("r")), "r")),
        ("applyInPandas_1000_groups", lambda: max_of(data.groupBy("k").applyInPandas(centre, "k int, x double"), "x")),
        ("mapInArrow", lambda: max_of(data.mapInArrow(doubled, "x double"), "x")),
    ]


def run_engine(engine, rows, repeat, only, partitions):
    if engine == "pyspark":
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F

        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.ui.enabled", "false")
            .getOrCreate()
        )
    else:
        from pyrust.sql import SparkSession
        from pyrust.sql import functions as F

        spark = SparkSession.builder.master(f"local[{partitions}]").getOrCreate()
    results = {}
    for name, action in workloads(spark, F, rows):
        if only and name not in only:
            continue
        best, answer = float("inf"), None
        for _ in range(repeat):
            start = time.perf_counter()
            answer = action()
            best = min(best, time.perf_counter() - start)
        results[name] = {"seconds": best, "answer": repr(answer)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="")
    parser.add_argument("--engines", default="pyrust,pyspark")
    parser.add_argument("--partitions", default="1,2,4", help="pyrust target partitions to measure")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--pyspark-python", default=DEFAULT_PYSPARK_PYTHON, required=DEFAULT_PYSPARK_PYTHON is None)
    parser.add_argument("--pyrust-python", default=os.environ.get("PYRUST_PYTHON", sys.executable))
    arguments = parser.parse_args()
    only = set(filter(None, arguments.only.split(","))) or None
    if arguments.engine:
        engine, _, partitions = arguments.engine.partition(":")
        print(json.dumps(run_engine(engine, arguments.rows, arguments.repeat, only, int(partitions or 2))))
        return
    runs: dict[str, dict] = {}
    for engine in arguments.engines.split(","):
        labels = [f"pyrust:{count}" for count in arguments.partitions.split(",")] if engine == "pyrust" else ["pyspark"]
        python = arguments.pyrust_python if engine == "pyrust" else arguments.pyspark_python
        environment = dict(os.environ, SPARK_TESTING="1", PYSPARK_PYTHON=arguments.pyspark_python)
        for label in labels:
            command = [python, __file__, "--engine", label, "--rows", str(arguments.rows), "--repeat", str(arguments.repeat)]
            if only:
                command += ["--only", ",".join(sorted(only))]
            finished = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
            if finished.returncode != 0:
                print(f"{label} failed:\n{finished.stderr[-2000:]}", file=sys.stderr)
                continue
            runs[label] = json.loads(finished.stdout.strip().splitlines()[-1])
    names = sorted({name for result in runs.values() for name in result}, key=lambda name: list(runs.values())[0].get(name, {}).get("seconds", 0))
    labels = list(runs)
    print("| kind | " + " | ".join(f"{label} (s)" for label in labels) + " | speed-up vs pyspark (best pyrust) |")
    print("|---|" + "---:|" * (len(labels) + 1))
    for name in names:
        cells = [f"{runs[label][name]['seconds']:.2f}" if name in runs[label] else "-" for label in labels]
        pyrust = [runs[label][name]["seconds"] for label in labels if label.startswith("pyrust") and name in runs[label]]
        spark = runs.get("pyspark", {}).get(name)
        ratio = f"{spark['seconds'] / min(pyrust):.1f}x" if spark and pyrust else "-"
        answers = {runs[label][name]["answer"] for label in labels if name in runs[label]}
        note = "" if len(answers) <= 1 else f" (answers differ: {sorted(answers)})"
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio}{note} |")


if __name__ == "__main__":
    main()
