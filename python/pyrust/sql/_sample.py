"""``sample``, ``randomSplit`` and ``sampleBy``: Bernoulli sampling, seeded and reproducible.

Spark draws one XORShift random number per row, seeded per partition, so its
choice of rows depends on how data is partitioned. Over ``spark.range``, whose
partitions pyrust keeps as Spark's, the number is Spark's (``rand(seed)``) and
the rows kept are Spark's. Elsewhere pyrust gives each row a number uniform in [0, 1) that depends only on
the seed, the row's values and its occurrence among equal rows
(``xxhash64`` of them): the same seed picks the same rows on every run and
under any partitioning, each row is kept with the asked probability, and
``randomSplit``'s parts are disjoint and cover every row. The rows picked
differ from Spark's for the same seed; so do the sizes of the samples,
within the randomness of sampling. Sampling with replacement (Spark's
Poisson draws) is not implemented.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _plan as plan
from pyrust.sql import types as T
from pyrust.sql._expressions import CaseWhen, Call, Cast, Expression, FieldIndex, Literal
from pyrust.sql._setops import _numbered
from pyrust.sql.column import Column, _literal_type, _to_column

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

_SCALE = 2**53


def _with_uniform(frame: DataFrame, seed: int, sorted_rows: bool = False) -> tuple[DataFrame, Expression]:
    """``frame`` with the column sampling needs, and the uniform number of each row.

    Where pyrust's partitions are Spark's (``spark.range`` through projections, filters
    and unions: see ``rand``), the number is Spark's own, ``rand(seed)``: Spark's sampler
    draws ``XORShiftRandom(seed + partition).nextDouble()`` per row, as ``rand`` does, so
    the same rows are kept. ``sorted_rows`` (``randomSplit``, which sorts each partition
    first) asks for it only where the rows are in that order already: a bare range.
    """
    if _spark_partitions(frame._plan, bare=sorted_rows):
        from pyrust.sql.functions import rand

        numbered = frame.select(
            *[Column(FieldIndex(index, a.name)) for index, a in enumerate(frame._attributes)],
            rand(seed).alias("__pyrust_uniform"),
        )
        return numbered, FieldIndex(len(frame._attributes), "__pyrust_uniform")
    numbered = _numbered(frame)
    columns = tuple(FieldIndex(index, a.name) for index, a in enumerate(numbered._attributes))
    hashed = Call("xxhash64", (*columns, Literal(seed, T.LongType())))
    bucket = Call("pmod", (hashed, Literal(_SCALE, T.LongType())))
    uniform = Call("/", (Cast(bucket, T.DoubleType()), Literal(float(_SCALE), T.DoubleType())))
    return numbered, uniform


def _spark_partitions(root: plan.Rel, bare: bool) -> bool:
    """Whether the rows of ``root`` are in Spark's partitions, in Spark's order: a range read,
    alone (``bare``) or through projections, filters, unions and observations."""
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, plan.Read):
            if not node.names[-1].startswith("__pyrust_range_"):
                return False
        elif not bare and isinstance(node, (plan.Project, plan.Filter, plan.Observed)):
            pending.append(node.input)
        elif not bare and isinstance(node, plan.Union):
            pending.extend(node.inputs)
        else:
            return False
    return True


def _kept(frame: DataFrame, numbered: DataFrame, condition: Expression) -> DataFrame:
    """The rows of ``numbered`` where ``condition`` holds, without the row-number column."""
    filtered = numbered.filter(Column(condition))
    return filtered.select([Column(FieldIndex(index, a.name)) for index, a in enumerate(frame._attributes)])


def _seed(seed: Any) -> int:
    return int(seed) if seed is not None else random.randrange(-(2**63), 2**63)


def sample(frame: DataFrame, with_replacement: Any, fraction: Any, seed: Any) -> DataFrame:
    replacement_given = isinstance(with_replacement, bool) and isinstance(fraction, float)
    replacement_omitted = with_replacement is None and isinstance(fraction, float)
    positional_fraction = isinstance(with_replacement, float)
    if not (replacement_given or replacement_omitted or positional_fraction):
        raise errors.PySparkTypeError(
            errorClass="NOT_BOOL_OR_FLOAT_OR_INT",
            messageParameters={
                "arg_name": "withReplacement (optional), fraction (required) and seed (optional)",
                "arg_type": f"{type(with_replacement).__name__}, {type(fraction).__name__}, {type(seed).__name__}",
            },
        )
    if positional_fraction:
        if fraction is not None:
            seed = int(fraction)
        fraction, with_replacement = with_replacement, None
    if with_replacement:
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "DataFrame.sample with replacement"}
        )
    if not 0 <= fraction <= 1:
        msg = f"requirement failed: Sampling fraction ({fraction}) must be on interval [0, 1] without replacement"
        raise errors.IllegalArgumentException(msg)
    numbered, uniform = _with_uniform(frame, _seed(seed))
    return _kept(frame, numbered, Call("<", (uniform, Literal(float(fraction), T.DoubleType()))))


def random_split(frame: DataFrame, weights: list[float], seed: Any) -> list[DataFrame]:
    for weight in weights:
        if weight < 0.0:
            raise errors.PySparkValueError(
                errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "weights", "arg_value": str(weight)}
            )
    total = float(sum(weights))
    if total <= 0:
        msg = f"requirement failed: Sum of weights must be positive, but got {', '.join(str(w) for w in weights)}"
        raise errors.IllegalArgumentException(msg)
    numbered, uniform = _with_uniform(frame, _seed(seed), sorted_rows=True)
    parts, low = [], 0.0
    for position, weight in enumerate(weights):
        high = 1.0 if position == len(weights) - 1 else low + weight / total
        above = Call(">=", (uniform, Literal(low, T.DoubleType())))
        below = Call("<", (uniform, Literal(high, T.DoubleType())))
        parts.append(_kept(frame, numbered, Call("and", (above, below))))
        low = high
    return parts


def sample_by(frame: DataFrame, col: Any, fractions: dict, seed: Any) -> DataFrame:
    if not isinstance(col, (str, Column)):
        raise errors.PySparkTypeError(
            errorClass="NOT_COLUMN_OR_STR", messageParameters={"arg_name": "col", "arg_type": type(col).__name__}
        )
    if not isinstance(fractions, dict):
        raise errors.PySparkTypeError(
            errorClass="NOT_DICT", messageParameters={"arg_name": "fractions", "arg_type": type(fractions).__name__}
        )
    for key, value in fractions.items():
        if not isinstance(key, (float, int, str)):
            raise errors.PySparkTypeError(
                errorClass="DISALLOWED_TYPE_FOR_CONTAINER",
                messageParameters={
                    "arg_name": "fractions",
                    "arg_type": type(fractions).__name__,
                    "allowed_types": "float, int, str",
                    "item_type": type(key).__name__,
                },
            )
        if not 0 <= float(value) <= 1:
            msg = f"requirement failed: Fractions must be in [0, 1], but got {value}."
            raise errors.IllegalArgumentException(msg)
    stratum = _to_column(col)._expression
    numbered, uniform = _with_uniform(frame, _seed(seed))
    branches = tuple(
        (
            Call("=", (stratum, Literal(key, _literal_type(key)))),
            Call("<", (uniform, Literal(float(value), T.DoubleType()))),
        )
        for key, value in fractions.items()
    )
    if not branches:
        return _kept(frame, numbered, Literal(False, T.BooleanType()))
    return _kept(frame, numbered, CaseWhen(branches, Literal(False, T.BooleanType())))
