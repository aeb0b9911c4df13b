"""``sample``, ``randomSplit`` and ``sampleBy``: Bernoulli sampling, seeded and reproducible.

Spark draws one XORShift random number per row, seeded per partition, so its
choice of rows depends on how data is partitioned. Over ``spark.range``, whose
partitions pyrust keeps as Spark's, the number is Spark's (``rand(seed)``) and
the rows kept are Spark's. Elsewhere pyrust gives each row a number uniform
in [0, 1) that depends only on the seed, the row's values and its occurrence
among equal rows
(``xxhash64`` of them): the same seed picks the same rows on every run and
under any partitioning, each row is kept with the asked probability, and
``randomSplit``'s parts are disjoint and cover every row. The rows picked
differ from Spark's for the same seed; so do the sizes of the samples,
within the randomness of sampling. Sampling with replacement (Spark's
Poisson draws) keeps Spark's rows over a bare ``spark.range`` and is not
implemented elsewhere.
"""

from __future__ import annotations

import math
import random
import re
from typing import TYPE_CHECKING, Any

import pyarrow as pa

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
        elif not bare and isinstance(node, (plan.Project, plan.Filter, plan.Observed, plan.Hint)):
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
        if fraction < 0:
            msg = f"requirement failed: Sampling fraction ({fraction}) must be nonnegative with replacement"
            raise errors.IllegalArgumentException(msg)
        return _poisson_sample(frame, float(fraction), _seed(seed))
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


# -- with replacement: Spark's Poisson sampler, over a bare spark.range --------------------------

_RANGE_SOURCE = re.compile(r"^range\((-?\d+), (-?\d+), (-?\d+), (\d+)\)$")
_MAX_POISSON_ROWS = 1_000_000


def _poisson_sample(frame: DataFrame, fraction: float, seed: int) -> DataFrame:
    """``sample(True, fraction, seed)`` over a bare ``spark.range``: Spark's rows, each
    repeated as often as Spark's sampler says.

    Spark gives partition ``i`` the ``(i + 1)``-th ``nextLong()`` of
    ``java.util.Random(seed)`` as the seed of commons-math's ``Well19937c``, and draws
    per row a Poisson count with mean ``fraction`` (Knuth's product of uniforms). The
    counts are computed here, the rows kept in memory. Elsewhere (other sources, whose
    partitions are not Spark's, or a mean of 40 and more, where commons-math switches
    algorithms) sampling with replacement is not implemented.
    """
    source = next((table.source for table in frame._tables), None) if isinstance(frame._plan, plan.Read) else None
    found = _RANGE_SOURCE.match(source or "")
    if found is None or len(frame._tables) != 1:
        raise _not_implemented("DataFrame.sample with replacement (only over spark.range, whose partitions are Spark's)")
    start, end, step, partitions = (int(group) for group in found.groups())
    count = len(range(start, end, step))
    if fraction >= 40 or count > _MAX_POISSON_ROWS:
        raise _not_implemented("DataFrame.sample with replacement of a mean of 40 or more, or over more than a million rows")
    ids: list[int] = []
    seeds = _JavaRandom(seed)
    for partition in range(partitions):
        partition_seed = seeds.next_long()
        low, high = partition * count // partitions, (partition + 1) * count // partitions
        if fraction <= 0.0:
            continue
        draws = _Well19937c(partition_seed)
        threshold = math.exp(-fraction)
        for position in range(low, high):
            copies, product = 0, 1.0
            while copies < 1000 * fraction:
                product *= draws.next_double()
                if product < threshold:
                    break
                copies += 1
            ids.extend([start + position * step] * copies)
    table = pa.table({"id": pa.array(ids, pa.int64())})
    return frame._materialized(table, frame._attributes)


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


class _JavaRandom:
    """``java.util.Random``: a 48-bit linear congruential generator."""

    _MULTIPLIER = 0x5DEECE66D
    _MASK = (1 << 48) - 1

    def __init__(self, seed: int) -> None:
        self._state = (seed ^ self._MULTIPLIER) & self._MASK

    def _next(self, bits: int) -> int:
        self._state = (self._state * self._MULTIPLIER + 0xB) & self._MASK
        value = self._state >> (48 - bits)
        return value - (1 << bits) if value & (1 << (bits - 1)) else value

    def next_long(self) -> int:
        """As a signed 64-bit number."""
        value = ((self._next(32) << 32) + self._next(32)) & 0xFFFFFFFFFFFFFFFF
        return value - (1 << 64) if value & (1 << 63) else value


class _Well19937c:
    """commons-math3's ``Well19937c`` (a WELL generator of 624 words with Matsumoto-Kurita
    tempering), seeded by a long, and ``BitsStreamGenerator.nextDouble`` over it."""

    _WORDS = 624
    _M1, _M2, _M3 = 70, 179, 449
    _INT = 0xFFFFFFFF

    def __init__(self, seed: int) -> None:
        words = [0] * self._WORDS
        unsigned = seed & 0xFFFFFFFFFFFFFFFF
        words[0], words[1] = unsigned >> 32, unsigned & self._INT
        for index in range(2, self._WORDS):
            previous = words[index - 2]
            previous = previous - (1 << 32) if previous & 0x80000000 else previous  # the int, sign-extended
            words[index] = (1812433253 * (previous ^ (previous >> 30)) + index) & self._INT
        self._words = words
        self._index = 0

    def _next(self, bits: int) -> int:
        words, index, size, mask = self._words, self._index, self._WORDS, self._INT
        minus_one, minus_two = (index + size - 1) % size, (index + size - 2) % size
        v0 = words[index]
        m1, m2, m3 = words[(index + self._M1) % size], words[(index + self._M2) % size], words[(index + self._M3) % size]
        z0 = (0x80000000 & words[minus_one]) ^ (0x7FFFFFFF & words[minus_two])
        z1 = (v0 ^ ((v0 << 25) & mask)) ^ (m1 ^ (m1 >> 27))
        z2 = (m2 >> 9) ^ (m3 ^ (m3 >> 1))
        z3 = z1 ^ z2
        z4 = z0 ^ (z1 ^ ((z1 << 9) & mask)) ^ (z2 ^ ((z2 << 21) & mask)) ^ (z3 ^ (z3 >> 21))
        words[index] = z3
        words[minus_one] = z4
        words[minus_two] &= 0x80000000
        self._index = minus_one
        z4 ^= (z4 << 7) & 0xE46E1700
        z4 ^= (z4 << 15) & 0x9B868000
        return z4 >> (32 - bits)

    def next_double(self) -> float:
        high = self._next(26) << 26
        return (high | self._next(26)) * 2.0**-52
