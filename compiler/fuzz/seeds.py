# SPDX-License-Identifier: Apache-2.0
"""Write seed plans for the fuzz targets from the pyrust Python frontend.

Each DataFrame below is serialized twice: protobuf binary into
``corpus/decode_validate/`` and canonical protobuf JSON (compacted) into
``corpus/decode_json/``. The hand-written JSON seeds there (``*.json`` without a
hash) cover what the frontend never writes: not a plan, unknown extensions,
reference cycles, the older ``extensionUris``.
Run from anywhere with the pyrust wheel installed (``scripts/fuzz.sh seeds``);
``cargo fuzz cmin`` then keeps the inputs that add coverage.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import sys

from pyrust.sql import SparkSession
from pyrust.sql import functions as F


def frames(spark):
    people = spark.createDataFrame(
        [(1, "ann", 34.5, True), (2, "bob", None, False), (3, None, 12.0, None)],
        ["id", "name", "score", "active"],
    )
    orders = spark.createDataFrame([(1, 10), (1, 20), (3, 5)], ["person", "amount"])
    yield "read", people
    yield "range", spark.range(0, 100, 7)
    yield "filter", people.filter((F.col("id") > 1) & F.col("active"))
    yield "project", people.select((F.col("id") * 2).alias("double"), F.upper("name"), F.col("score").cast("int"))
    yield "case_when", people.select(F.when(F.col("score") > 20, "high").when(F.col("score").isNull(), "none").otherwise("low"))
    yield "isin", people.filter(F.col("name").isin("ann", "bob", "eve"))
    yield "aggregate", orders.groupBy("person").agg(F.sum("amount"), F.count("*"), F.max("amount"), F.avg("amount"))
    yield "distinct_count", orders.agg(F.countDistinct("person", "amount"))
    yield "sort_limit", people.orderBy(F.col("score").desc(), "id").limit(2)
    yield "join", people.join(orders, people.id == orders.person, "left")
    yield "cross_join", people.crossJoin(orders)
    yield "union", people.select("id").union(orders.select("person"))
    yield "distinct", orders.select("person").distinct()
    yield "with_columns", people.withColumn("len", F.lower("name")).withColumnRenamed("score", "points").drop("active")
    yield "select_expr", people.selectExpr("id + 1 AS next", "coalesce(name, 'x') AS name", "score / 2")
    deep = people
    for step in range(20):  # ~48 chained relations is the frontend's limit (upb recursion limit 100)
        deep = deep.withColumn(f"c{step}", F.col("id") + step).filter(F.col("id") >= 0)
    yield "long_pipeline", deep
    nested = F.col("id")
    for step in range(25):  # ~33 nested calls is the frontend's limit (upb recursion limit 100)
        nested = nested + step
    yield "deep_expression", people.select(nested.alias("sum"))


def main() -> None:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent / "corpus")
    spark = SparkSession.builder.getOrCreate()
    for name, frame in frames(spark):
        # Compact JSON: the fuzzer mutates fewer bytes that only indent.
        text = json.dumps(json.loads(frame._substrait_json()), separators=(",", ":"))
        for target, data, suffix in (("decode_validate", frame._substrait(), ".bin"), ("decode_json", text.encode(), ".json")):
            directory = root / target
            directory.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha1(data).hexdigest()[:12]
            (directory / f"{name}-{digest}{suffix}").write_bytes(data)


if __name__ == "__main__":
    main()
