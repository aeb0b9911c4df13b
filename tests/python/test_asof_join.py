"""The two ways pyrust computes an as-of join agree: on equal keys (``on`` as names) it
sorts both sides once (``_asof_join._sweep``); with a join condition (``on`` as
Columns) it joins every pair and keeps the nearest. Random data, every direction,
tolerance and exact-match setting; right values are distinct within a key, so there
are no ties (whose pick Spark leaves open). Parity with Spark itself is in
parity_cases_asof.py."""

import itertools
import random

import pytest

from pyrust import errors
from pyrust.sql import SparkSession
from pyrust.sql import functions as F


@pytest.fixture(scope="module")
def spark():
    return SparkSession.builder.getOrCreate()


def _frames(spark, seed):
    generator = random.Random(seed)

    def maybe(value):
        return None if generator.random() < 0.1 else value

    left = [(maybe(generator.randint(0, 3)), maybe(generator.randint(0, 60)), index) for index in range(80)]
    right = []
    for key in range(4):
        for value in generator.sample(range(0, 60), 12):
            right.append((key, value + 0.5 * (value % 3 == 0), f"r{key}-{value}"))
    right.append((None, 5.0, "null key"))
    right.append((1, None, "null value"))
    generator.shuffle(right)
    return (
        spark.createDataFrame(left, "k int, t int, id int"),
        spark.createDataFrame(right, "k bigint, t double, label string"),
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_sweep_agrees_with_the_join_of_every_pair(spark, seed):
    left, right = _frames(spark, seed)
    settings = itertools.product(("backward", "forward", "nearest"), (True, False), (None, 0, 3), ("inner", "left"))
    for direction, exact, tolerance, how in settings:
        options = {
            "how": how,
            "direction": direction,
            "allowExactMatches": exact,
            "tolerance": None if tolerance is None else F.lit(tolerance),
        }
        swept = left._joinAsOf(right, "t", "t", on="k", **options)
        paired = left._joinAsOf(right, "t", "t", on=left.k == right.k, **options)
        assert swept.columns == paired.columns == ["k", "t", "id", "k", "t", "label"]
        assert swept.schema == paired.schema
        got, expected = swept.collect(), paired.collect()
        assert _outcomes(got, direction) == _outcomes(expected, direction), (direction, exact, tolerance, how)


def _outcomes(rows, direction):
    """The rows, comparable: for ``nearest`` a right row at the same distance on the
    other side is as near (Spark picks either), so its distance stands for it."""
    if direction != "nearest":
        return sorted(map(tuple, rows), key=repr)
    return sorted(((row[2], None if row[4] is None else abs(row[1] - row[4])) for row in rows), key=repr)


def test_right_join_type_is_refused(spark):
    left, right = _frames(spark, 3)
    with pytest.raises(errors.IllegalArgumentException, match="Unsupported as-of join type RightOuter"):
        left._joinAsOf(right, "t", "t", how="right")
