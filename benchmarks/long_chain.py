"""How the cost of a long DataFrame pipeline grows with its length (issue 9).

Builds chains of 250, 500 and 1,000 operations of each kind, then times
  build   the Python side: every transformation, then writing the Substrait plan
  run     executing the plan (collect) on a 1,000-row input
and prints the figures with the cost per operation, which stays flat when
the growth is linear. The plan's relation count and protobuf nesting depth
show what the collapse rules made of each chain.

    PYTHONPATH=python python3 benchmarks/long_chain.py [--lengths 250 500 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

from pyrust.sql import SparkSession
from pyrust.sql import _plan
from pyrust.sql import functions as F


def with_column(df, i):
    # Five columns rewritten in turn, each from the input column.
    return df.withColumn(f"c{i % 5}", F.col("x") + i)


def filter_rows(df, i):
    return df.filter(F.col("x") != i)


def mixed(df, i):
    # withColumn, then a filter on the column just computed, then a select.
    step = i % 3
    if step == 0:
        return df.withColumn("v", F.col("x") * 2 + i)
    if step == 1:
        return df.filter(F.col("v") >= i % 7)
    return df.select("x", "y", "v")


def increment(df, i):
    # Each step reads the previous one: inlining grows the expression, so the
    # projections stack at the depth bound.
    return df.withColumn("x", F.col("x") + 1)


CHAINS = {"withColumn": with_column, "filter": filter_rows, "mixed": mixed, "x = x + 1": increment}


def build(spark, source, step, length):
    df = source
    for i in range(length):
        df = step(df, i)
    return df, df._substrait()


def shape(df) -> tuple[int, int]:
    """(relations, protobuf nesting depth) of the DataFrame's plan."""
    message = _plan.write_plan(df._plan)
    relations, depth = 0, 0
    pending = [(message, 0)]
    while pending:
        current, level = pending.pop()
        depth = max(depth, level)
        if type(current).__name__ == "Rel":
            relations += 1
        for descriptor, value in current.ListFields():
            if descriptor.type != descriptor.TYPE_MESSAGE:
                continue
            children = value if _is_repeated(descriptor) else [value]
            pending.extend((child, level + 1) for child in children)
    return relations, depth


def _is_repeated(descriptor) -> bool:
    if hasattr(descriptor, "is_repeated"):
        return descriptor.is_repeated
    return descriptor.label == descriptor.LABEL_REPEATED


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is shown")
    arguments = parser.parse_args()

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    source = spark.createDataFrame([(i, str(i)) for i in range(1000)], ["x", "y"])
    build(spark, source, with_column, 2)[0].collect()  # loads the extension YAMLs, warms the engine

    print(f"{'chain':<12}{'ops':>6}{'build s':>10}{'ms/op':>8}{'run s':>9}{'ms/op':>8}{'rels':>6}{'depth':>7}")
    for name, step in CHAINS.items():
        for length in arguments.lengths:
            build_times, run_times = [], []
            for _ in range(arguments.repeat):
                started = time.perf_counter()
                df, _ = build(spark, source, step, length)
                built = time.perf_counter()
                df.collect()
                build_times.append(built - started)
                run_times.append(time.perf_counter() - built)
            relations, depth = shape(df)
            build_s, run_s = min(build_times), min(run_times)
            print(
                f"{name:<12}{length:>6}{build_s:>10.3f}{1000 * build_s / length:>8.2f}"
                f"{run_s:>9.3f}{1000 * run_s / length:>8.2f}{relations:>6}{depth:>7}"
            )


if __name__ == "__main__":
    main()
