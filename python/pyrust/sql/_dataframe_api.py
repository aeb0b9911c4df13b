"""PySpark's DataFrame methods beyond the core (issue 11), mixed into ``DataFrame``:
missing values and statistics (``na``, ``stat``, ``describe``...), sampling, set-like
reshaping (``unpivot``, grouping sets), partitioning no-ops, semantics, caching.

Each method is small and hands the work to the module of its concern (``_na``,
``_stat``, ``_sample``, ``_reshape``); what pyrust cannot do yet raises
NOT_IMPLEMENTED naming the method.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from google.protobuf import json_format

from pyrust import errors
from pyrust.sql import _foreach, _na, _partitions, _proto, _reshape, _sample, _stat
from pyrust.sql import _plan as plan
from pyrust.sql import types as T
from pyrust.sql._bound import cast_to
from pyrust.sql._conversion import arrow_to_rows
from pyrust.sql._expressions import Call, ColumnReference, Expression, FieldIndex, Literal, SortOrder, Star, SubqueryExpression
from pyrust.sql._na import DataFrameNaFunctions
from pyrust.sql._stat import DataFrameStatFunctions
from pyrust.sql.column import Column, _to_column

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.group import GroupedData
    from pyrust.sql.row import Row
    from pyrust.sql.session import SparkSession


# Spark's join strategy hints (case-insensitive) and the strategy each asks for.
_JOIN_STRATEGY_HINTS = {
    "broadcast": "broadcast",
    "broadcastjoin": "broadcast",
    "mapjoin": "broadcast",
    "merge": "shuffle_merge",
    "shuffle_merge": "shuffle_merge",
    "mergejoin": "shuffle_merge",
    "shuffle_hash": "shuffle_hash",
    "shuffle_replicate_nl": "shuffle_replicate_nl",
}


def _flatten(columns: tuple[Any, ...]) -> list[Any]:
    """PySpark accepts ``f(a, b)`` and ``f([a, b])`` alike."""
    if len(columns) == 1 and isinstance(columns[0], (list, tuple)):
        return list(columns[0])
    return list(columns)


class DataFrameMethods:
    """The methods; ``DataFrame`` provides ``_session``, ``_plan``, ``_attributes``...."""

    # -- more of PySpark's DataFrame API ---------------------------------------------

    @property
    def sparkSession(self) -> SparkSession:
        """The session this DataFrame belongs to."""
        return self._session

    @property
    def na(self) -> DataFrameNaFunctions:
        """Functions for missing values: ``fill``, ``drop``, ``replace``."""
        return DataFrameNaFunctions(self)

    @property
    def stat(self) -> DataFrameStatFunctions:
        """Statistic functions: ``corr``, ``cov``, ``crosstab``, ``approxQuantile``..."""
        return DataFrameStatFunctions(self)

    def fillna(self, value: Any, subset: Any = None) -> DataFrame:
        """Nulls replaced by ``value`` (a number, string, bool, or a dict by column)."""
        return _na.fill(self, value, subset)

    def dropna(self, how: str = "any", thresh: int | None = None, subset: Any = None) -> DataFrame:
        """The rows without nulls (or NaN), as ``how``/``thresh`` say, in ``subset`` columns."""
        return _na.drop(self, how, thresh, subset)

    def replace(self, to_replace: Any, value: Any = _na.NO_VALUE, subset: Any = None) -> DataFrame:
        """Values replaced by others, in the columns of their type (``subset`` to choose)."""
        return _na.replace(self, to_replace, value, subset)

    def describe(self, *cols: Any) -> DataFrame:
        """count, mean, stddev, min and max of numeric and string columns, as strings."""
        return _stat.summary(self, _flatten(cols), ["count", "mean", "stddev", "min", "max"])

    def summary(self, *statistics: str) -> DataFrame:
        """Statistics of numeric and string columns (default: describe's plus quartiles), as strings."""
        return _stat.summary(self, [], list(statistics) or ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"])

    def corr(self, col1: str, col2: str, method: str | None = None) -> float | None:
        """Pearson's correlation coefficient of two columns."""
        return _stat.corr(self, col1, col2, method)

    def cov(self, col1: str, col2: str) -> float | None:
        """The sample covariance of two columns."""
        return _stat.cov(self, col1, col2)

    def crosstab(self, col1: str, col2: str) -> DataFrame:
        """A contingency table: one row per value of ``col1``, one count column per value of ``col2``."""
        return _stat.crosstab(self, col1, col2)

    def freqItems(self, cols: Any, support: float | None = None) -> DataFrame:
        """Frequent items of columns (``support``: minimum frequency, default 1%), Spark's
        items in Spark's order where they do not depend on its partitions (``_freq_items``)."""
        from pyrust.sql._freq_items import freq_items

        return freq_items(self, cols, support)

    def approxQuantile(self, col: Any, probabilities: Any, relativeError: float) -> Any:  # noqa: N803 - PySpark's name
        """Quantiles of numeric columns (exact: within any ``relativeError``)."""
        return _stat.approx_quantile(self, col, probabilities, relativeError)

    def sample(self, withReplacement: Any = None, fraction: Any = None, seed: int | None = None) -> DataFrame:  # noqa: N803
        """Each row kept with probability ``fraction``; seeded, reproducible (see ``_sample``)."""
        return _sample.sample(self, withReplacement, fraction, seed)

    def randomSplit(self, weights: list[float], seed: int | None = None) -> list[DataFrame]:
        """Disjoint random parts of about the ``weights``' proportions; seeded, reproducible."""
        return _sample.random_split(self, weights, seed)

    def sampleBy(self, col: Any, fractions: dict, seed: int | None = None) -> DataFrame:
        """A stratified sample: rows of each ``col`` value kept with that value's fraction."""
        return _sample.sample_by(self, col, fractions, seed)

    def offset(self, num: int) -> DataFrame:
        """All rows but the first ``num``."""
        if num < 0:
            raise errors.AnalysisException(
                errorClass="INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
                messageParameters={"expr": f'"{num}"', "name": "offset", "v": str(num)},
            )
        return self._with_plan(plan.skip(self._plan, num)) if num else self._with_plan(self._plan)

    def tail(self, num: int) -> list[Row]:
        """The last ``num`` rows."""
        table = self.toArrow()
        return arrow_to_rows(table.slice(max(0, table.num_rows - num)), self.schema)

    def transform(self, func: Any, *args: Any, **kwargs: Any) -> DataFrame:
        """``func(self, *args, **kwargs)``, which must return a DataFrame: for chaining."""
        result = func(self, *args, **kwargs)
        from pyrust.sql.dataframe import DataFrame

        if not isinstance(result, DataFrame):
            msg = f"Func returned an instance of type [{type(result)}], should have been DataFrame."
            raise AssertionError(msg)  # noqa: TRY004 - PySpark raises AssertionError
        return result

    def isLocal(self) -> bool:
        """Whether ``collect`` can run without executors. pyrust always runs in this process,
        but answers as Spark does: True only for local data as it was given (``createDataFrame``,
        a command's result), before any transformation."""
        return isinstance(self._plan, plan.Read) and self._plan.names[-1].startswith("__pyrust_local_")

    @property
    def isStreaming(self) -> bool:
        """Whether the plan reads a streaming source (``spark.readStream``); such a
        DataFrame runs through ``writeStream.start()`` only."""
        from pyrust.sql.streaming import _sources

        return _sources.is_streaming(self._plan)

    @property
    def writeStream(self) -> Any:
        """The ``DataStreamWriter`` of this streaming DataFrame."""
        from pyrust.sql.streaming.readwriter import DataStreamWriter

        if not self.isStreaming:
            raise errors.AnalysisException(errorClass="WRITE_STREAM_NOT_ALLOWED", messageParameters={})
        return DataStreamWriter(self)

    def _check_batch(self) -> None:
        """Refuse to run a plan with streaming sources as a batch query, as Spark does."""
        if self.isStreaming:
            message = (
                "Queries with streaming sources must be executed with writeStream.start(), or from a streaming "
                "table or flow definition within a Spark Declarative Pipeline."
            )
            raise errors.AnalysisException(message + ";", errorClass="_LEGACY_ERROR_TEMP_3102", messageParameters={"msg": message})

    def inputFiles(self) -> list[str]:
        """The files the DataFrame reads, as given to the reader."""
        return sorted({path for table in self._tables for path in table.files})

    def toLocalIterator(self, prefetchPartitions: bool = False) -> Iterator[Row]:  # noqa: N803 - PySpark's name
        """The rows, streamed from the engine: each record batch is computed when the
        iteration reaches it and dropped after, so memory stays bounded."""
        self._check_batch()
        schema = self.schema
        for batch in self._session._engine.stream(self._substrait()):
            yield from arrow_to_rows(pa_table_of(batch), schema)
        self._complete_observations()

    def foreach(self, f: Any) -> None:
        """``f(row)`` for every row. As on Spark's executors, what ``f`` prints goes to the
        process's standard output (file descriptor 1), not to a replaced ``sys.stdout``
        (a notebook's, doctest's): see ``_foreach``."""
        _foreach.foreach(self, f)

    def foreachPartition(self, f: Any) -> None:
        """``f(rows)`` once per Spark partition, with an iterator over its rows; what ``f``
        prints goes to the process's standard output, as ``foreach``'s (see ``_foreach``)."""
        _foreach.foreach_partition(self, f)

    def hint(self, name: str, *parameters: Any) -> DataFrame:
        """The same rows, hinted as Spark's planner reads hints. A join strategy hint
        without parameters (``broadcast``/``broadcastjoin``/``mapjoin``, ``merge``/
        ``shuffle_merge``/``mergejoin``, ``shuffle_hash``, ``shuffle_replicate_nl``) goes to
        the joins this DataFrame is an input of: the engine builds a ``broadcast``-hinted
        input as the collected side of the join where Spark may broadcast it, and shows
        the others in ``explain`` only. Other hints (``coalesce``, ``repartition``, ...)
        are accepted and checked as PySpark checks them; the engine partitions data itself."""
        if not isinstance(name, str):
            raise errors.PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"arg_name": "name", "expected_type": "str", "arg_type": type(name).__name__},
            )
        for parameter in _flatten(parameters) if parameters else []:
            if not isinstance(parameter, (str, int, float, list, Column)):
                raise errors.PySparkTypeError(
                    errorClass="DISALLOWED_TYPE_FOR_CONTAINER",
                    messageParameters={
                        "arg_name": "parameters",
                        "arg_type": type(parameters).__name__,
                        "allowed_types": "str, float, int, Column, list[str], list[float], list[int]",
                        "item_type": type(parameter).__name__,
                    },
                )
        strategy = _JOIN_STRATEGY_HINTS.get(name.lower())
        if strategy is not None and not parameters:
            return self._with_plan(plan.Hint(self._plan, strategy))
        return self._with_plan(self._plan)

    def repartition(self, numPartitions: Any = None, *cols: Any) -> DataFrame:  # noqa: N803 - PySpark's name
        """The same rows in Spark's partitions: with a number alone dealt round robin, with a
        number and columns by ``pmod(hash(cols), n)`` (see ``_partitions``); a write makes
        ``numPartitions`` files."""
        _check_partition_count(numPartitions)
        count = numPartitions if isinstance(numPartitions, int) and not isinstance(numPartitions, bool) else None
        frame = self._repartitioned(count)
        keys = [_to_column(column)._expression for column in _flatten(cols)] if cols else []
        if count is not None and keys:
            # Spark's HashPartitioning: Murmur3 hash of the keys (seed 42), modulo the partitions.
            partition = Call("pmod", (Call("hash", tuple(keys)), Literal(count, T.IntegerType())))
            partition_id = self._analyzer().resolve(partition).proto
            frame._plan = self._exchange("by_id", count, keys=(partition_id,), partition_id=partition_id)
        elif count is not None:
            frame._plan = self._exchange("round_robin", count)
        return frame

    def repartitionByRange(self, numPartitions: Any = None, *cols: Any) -> DataFrame:  # noqa: N803
        """The same rows in Spark's ranges of ``cols`` (ascending with nulls first unless a
        column says otherwise), bounded as Spark's sampling bounds them where it samples
        every row; elsewhere the engine's partitions, and partition functions over them
        are NOT_IMPLEMENTED."""
        _check_partition_count(numPartitions)
        count = numPartitions if isinstance(numPartitions, int) and not isinstance(numPartitions, bool) else None
        frame = self._repartitioned(None)
        if count is None or not cols:
            return frame
        analyzer = self._analyzer()
        keys, orders, key_types = [], [], []
        for column in _flatten(cols):
            expression = _to_column(column)._expression
            order = expression if isinstance(expression, SortOrder) else SortOrder(expression)
            key = analyzer.resolve(order.child)
            keys.append(key.proto)
            key_types.append(key.data_type)
            direction = "asc" if order.ascending else "desc"
            orders.append(f"{direction}_nulls_{'first' if order.nulls_first else 'last'}")
        frame._plan = self._exchange("range", count, keys=tuple(keys), orders=tuple(orders), key_types=tuple(key_types))
        return frame

    def _exchange(
        self,
        kind: str,
        count: int,
        keys: tuple[Any, ...] = (),
        orders: tuple[str, ...] = (),
        partition_id: Any = None,
        key_types: tuple[T.DataType, ...] = (),
    ) -> plan.Rel:
        """Spark's exchange ``kind`` into ``count`` partitions over this plan, once Spark's
        ``CollapseRepartition`` dropped a repartition right below it; the engine makes it
        only where the input's partitions are Spark's (``_partitions.spark_partitioned``)."""
        source = self._plan
        if isinstance(source, plan.Repartition) and (kind != "coalesce" or source.coalesce is not None):
            source = source.input
        located = _partitions.shuffled(source) if kind == "coalesce" else False
        exact = _partitions.spark_partitioned(source) and located is not None
        sample_size = int(self._session.conf.get("spark.sql.execution.rangeExchange.sampleSizePerPartition", "100"))
        if kind == "round_robin":
            exact = exact and _partitions.round_robin_rows(attribute.data_type for attribute in self._attributes)
        elif kind == "range":
            sampled = _partitions.sampled_whole(source, self._tables, self._session._partitions, count, sample_size)
            exact = exact and sampled and _partitions.round_robin_rows(key_types)
        return plan.Repartition(
            source,
            count if kind == "coalesce" else None,
            partition_id,
            kind if exact else None,
            count,
            keys if exact else (),
            orders,
            len(self._attributes),
            sample_size,
            bool(located),
        )

    def repartitionById(self, numPartitions: int, partitionIdCol: Any) -> DataFrame:  # noqa: N803 - PySpark's names
        """The same rows, each in the partition its (integer) partition id names, as Spark's
        direct shuffle puts it."""
        if not isinstance(numPartitions, (int, bool)):
            raise errors.PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"expected_type": "int", "arg_name": "numPartitions", "arg_type": type(numPartitions).__name__},
            )
        if numPartitions <= 0:
            raise errors.PySparkValueError(
                errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "numPartitions", "arg_value": str(numPartitions)}
            )
        analyzer = self._analyzer()
        expression = _to_column(partitionIdCol)._expression
        bound = analyzer.resolve(expression)
        if not isinstance(bound.data_type, T.IntegerType):
            raise errors.AnalysisException(
                errorClass="DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                messageParameters={
                    "sqlExpr": f'"direct_shuffle_partition_id({bound.name})"',
                    "paramIndex": "first",
                    "inputSql": f'"{bound.name}"',
                    "inputType": f'"{bound.data_type.simpleString().upper()}"',
                    "requiredType": '"INT"',
                },
            )
        # Spark's partition of a row: its id modulo the partitions (non-negative), 0 for null.
        partition = Call("pmod", (expression, Literal(int(numPartitions), T.IntegerType())))
        partition_id = analyzer.resolve(Call("coalesce", (partition, Literal(0, T.IntegerType()))))
        frame = self._with_plan(self._exchange("by_id", int(numPartitions), keys=(partition_id.proto,), partition_id=partition_id.proto))
        frame._write_partitions = None
        return frame

    def coalesce(self, numPartitions: int) -> DataFrame:  # noqa: N803 - PySpark's name
        """The same rows in runs of adjacent partitions, as Spark's coalescer groups them
        (a write makes ``numPartitions`` files)."""
        _check_partition_count(numPartitions)
        frame = self._repartitioned(numPartitions, coalesce=True)
        below = self._plan
        if isinstance(below, plan.Repartition) and below.coalesce is None:
            # Spark's CollapseRepartition: no coalesce into as many partitions as a shuffle makes.
            shuffled = below.partitions or int(self._session.conf.get("spark.sql.shuffle.partitions", "200"))
            if numPartitions >= shuffled:
                frame._plan = below
                return frame
        frame._plan = self._exchange("coalesce", numPartitions)
        return frame

    def _repartitioned(self, count: int | None, coalesce: bool = False) -> DataFrame:
        """The same rows in partitions that are no longer Spark's (``plan.Repartition``),
        remembering how many files per directory a write of it makes
        (``df.coalesce(1).write.csv(path)`` writes one file, as in Spark)."""
        frame = self._with_plan(plan.Repartition(self._plan, count if coalesce else None))
        frame._write_partitions = count
        return frame

    def sortWithinPartitions(self, *cols: Any, **kwargs: Any) -> DataFrame:
        """The rows sorted by ``cols``: a total order, one valid outcome of sorting each partition."""
        return self.orderBy(*cols, **kwargs)

    def dropDuplicatesWithinWatermark(self, subset: list[str] | None = None) -> DataFrame:
        """Not implemented for streams (it needs state kept across micro-batches); Spark's
        error for a batch DataFrame."""
        if not self.isStreaming:
            message = "dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets"
            raise errors.AnalysisException(message + ";", errorClass="_LEGACY_ERROR_TEMP_3102", messageParameters={"msg": message})
        raise _not_implemented("DataFrame.dropDuplicatesWithinWatermark on a stream (deduplication state)")

    drop_duplicates_within_watermark = dropDuplicatesWithinWatermark

    def _canonical_plan(self, root: plan.Rel | None = None) -> str:
        """This plan (or ``root``, a part of it) with tables named by what they hold,
        without output names."""
        document = json_format.MessageToDict((self._plan if root is None else root).to_proto())
        sources = {table.name: table.source for table in self._tables}
        for node in plan.walk_json_objects(document):
            named = node.get("namedTable")
            if isinstance(named, dict):
                named["names"] = [sources.get(name, name) for name in named.get("names", [])]
            node.pop("baseSchema", None)
        return json.dumps(document, sort_keys=True)

    def sameSemantics(self, other: DataFrame) -> bool:
        """True when both plans compute the same rows (column names aside)."""
        from pyrust.sql.dataframe import DataFrame

        if not isinstance(other, DataFrame):
            raise errors.PySparkTypeError(
                errorClass="NOT_DATAFRAME", messageParameters={"arg_name": "other", "arg_type": type(other).__name__}
            )
        return self._canonical_plan() == other._canonical_plan()

    def semanticHash(self) -> int:
        """A hash of the plan, equal for DataFrames with the same semantics."""
        digest = hashlib.sha256(self._canonical_plan().encode()).digest()
        return int.from_bytes(digest[:4], "big", signed=True)

    def to(self, schema: T.StructType) -> DataFrame:
        """The columns of ``schema``, found by name and cast to its types, in its order."""
        if not isinstance(schema, T.StructType):
            raise errors.PySparkTypeError(
                errorClass="NOT_STRUCT", messageParameters={"arg_name": "schema", "arg_type": type(schema).__name__}
            )
        analyzer = self._analyzer()
        bounds = []
        for target in schema.fields:
            index = analyzer.find(ColumnReference(target.name))
            bound = cast_to(analyzer.resolve(FieldIndex(index, self._attributes[index].name)), target.dataType)
            bounds.append(replace(bound, name=target.name, source=None))
        return self._project(bounds)

    def zip(self, other: DataFrame) -> DataFrame:
        """This DataFrame's columns and ``other``'s side by side, row by row. Both must compute
        the same plan once their outermost projection is set aside (Spark's rule), and then
        are one projection over that plan."""
        from pyrust.sql.dataframe import DataFrame

        if not isinstance(other, DataFrame):
            raise errors.PySparkTypeError(
                errorClass="NOT_DATAFRAME", messageParameters={"arg_name": "other", "arg_type": type(other).__name__}
            )
        left_base, left_expressions = _outer_projection(self._plan, len(self._attributes))
        right_base, right_expressions = _outer_projection(other._plan, len(other._attributes))
        if (
            any(isinstance(node, plan.HostRelation) for node in plan.walk(left_base))
            or self._canonical_plan(left_base) != other._canonical_plan(right_base)
        ):
            raise errors.AnalysisException(errorClass="ZIP_PLANS_NOT_MERGEABLE", messageParameters={})
        width = left_expressions[1]
        root = plan.project(left_base, [*left_expressions[0], *right_expressions[0]], width)
        return self._with_plan(root, [*self._attributes, *other._attributes], other)

    def colRegex(self, colName: str) -> Column:  # noqa: N803 - PySpark's name
        """The columns whose names match the regular expression (written in backquotes)."""
        if not isinstance(colName, str):
            raise errors.PySparkTypeError(
                errorClass="NOT_STR", messageParameters={"arg_name": "colName", "arg_type": type(colName).__name__}
            )
        pattern = colName[1:-1] if len(colName) > 1 and colName.startswith("`") and colName.endswith("`") else None
        if pattern is None:
            return Column(ColumnReference(colName))
        matching = [a.name for a in self._attributes if _java_full_match(pattern, a.name)]
        return Column(Star(qualifier=self._plan_id, names=tuple(matching)))

    def unpivot(self, ids: Any, values: Any, variableColumnName: str, valueColumnName: str) -> DataFrame:  # noqa: N803
        """Wide to long: one row per input row and value column, with its name and value."""
        return _reshape.unpivot(self, ids, values, variableColumnName, valueColumnName)

    melt = unpivot

    def rollup(self, *cols: Any) -> GroupedData:
        """Group by every prefix of ``cols`` (and by nothing), for aggregation."""
        from pyrust.sql.group import GroupedData

        keys = self._grouping_keys(cols)
        return GroupedData(self, keys, [tuple(range(length)) for length in range(len(keys), -1, -1)])

    def cube(self, *cols: Any) -> GroupedData:
        """Group by every subset of ``cols``, for aggregation."""
        from pyrust.sql.group import GroupedData

        keys = self._grouping_keys(cols)
        count = len(keys)
        sets = [tuple(i for i in range(count) if not mask & (1 << (count - 1 - i))) for mask in range(1 << count)]
        return GroupedData(self, keys, sets)

    def groupingSets(self, groupingSets: Any, *cols: Any) -> GroupedData:  # noqa: N803 - PySpark's name
        """Group by each of ``groupingSets`` (sets of the ``cols``), for aggregation."""
        from pyrust.sql.group import GroupedData

        keys = self._grouping_keys(cols)
        sets = []
        for grouping_set in groupingSets:
            members = []
            for item in grouping_set:
                expression = _to_column(item)._expression
                if expression not in keys:
                    keys.append(expression)
                members.append(keys.index(expression))
            sets.append(tuple(members))
        return GroupedData(self, keys, sets)

    def _grouping_keys(self, cols: tuple[Any, ...]) -> list[Expression]:
        """Grouping expressions; an integer is a 1-based column ordinal, as in PySpark 4."""
        keys = []
        for item in _flatten(cols):
            if isinstance(item, int) and not isinstance(item, bool):
                index = self._ordinal(item)
                keys.append(FieldIndex(index, self._attributes[index].name))
            else:
                keys.append(_to_column(item)._expression)
        return keys

    def _ordinal(self, ordinal: int) -> int:
        """The index of the column at a 1-based ``ordinal`` (negative: counted the same way)."""
        if ordinal == 0:
            raise errors.PySparkIndexError(errorClass="ZERO_INDEX", messageParameters={})
        index = abs(ordinal) - 1
        if index >= len(self._attributes):
            msg = "list index out of range"
            raise IndexError(msg)
        return index

    @property
    def executionInfo(self) -> None:
        """None, as in classic PySpark (Spark Connect reports query metrics here)."""
        return None

    def scalar(self) -> Column:
        """This one-column DataFrame's value as a Column (a scalar subquery; null
        without rows, an error with more than one).

        Examples
        --------
        >>> from pyrust.sql import SparkSession, functions as F
        >>> spark = SparkSession.builder.getOrCreate()
        >>> df = spark.createDataFrame([(1,), (5,)], ["x"])
        >>> df.where(F.col("x") > df.select(F.avg("x")).scalar()).show()
        +---+
        |  x|
        +---+
        |  5|
        +---+
        <BLANKLINE>
        """
        return Column(SubqueryExpression("scalar", self))

    def exists(self) -> Column:
        """Whether this DataFrame has a row, as a Column (an EXISTS subquery);
        ``outer()`` columns relate it to the enclosing query's row.

        Examples
        --------
        >>> from pyrust.sql import SparkSession
        >>> spark = SparkSession.builder.getOrCreate()
        >>> spark.range(2).select(spark.range(0).exists()).show()
        +--------+
        |exists()|
        +--------+
        |   false|
        |   false|
        +--------+
        <BLANKLINE>
        """
        return Column(SubqueryExpression("exists", self))

    def lateralJoin(self, other: DataFrame, on: Any = None, how: str | None = None) -> DataFrame:
        """Join each row with the rows ``other`` gives for it: ``other`` refers to the row's
        columns through ``col(...).outer()``; ``how`` is ``inner`` (the default), ``cross``
        or ``left``. The engine runs no correlated plans: the join is decorrelated
        (``_lateral.py``).

        Examples
        --------
        >>> from pyrust.sql import SparkSession, functions as F
        >>> spark = SparkSession.builder.getOrCreate()
        >>> people = spark.createDataFrame([(1, "Ann"), (2, "Bo")], ["id", "name"])
        >>> pets = spark.createDataFrame([(1, "cat"), (1, "dog")], ["owner", "pet"])
        >>> people.lateralJoin(
        ...     pets.where(F.col("owner") == F.col("id").outer()).select(F.count("*").alias("pets"))
        ... ).orderBy("id").show()
        +---+----+----+
        | id|name|pets|
        +---+----+----+
        |  1| Ann|   2|
        |  2|  Bo|   0|
        +---+----+----+
        <BLANKLINE>
        """
        from pyrust.sql._lateral import lateral_join

        return lateral_join(self, other, on, how)

    def asTable(self) -> Any:  # noqa: N802 - PySpark's name
        """This DataFrame as the table argument of a Python UDTF: its ``eval`` gets each
        row (see ``table_arg.py`` for ``partitionBy``, ``orderBy``, ``withSinglePartition``).

        Examples
        --------
        >>> from pyrust.sql import SparkSession
        >>> from pyrust.sql.functions import udtf
        >>> spark = SparkSession.builder.getOrCreate()
        >>> @udtf(returnType="key: int, total: int")
        ... class Total:
        ...     def __init__(self):
        ...         self.key, self.total = None, 0
        ...     def eval(self, row):
        ...         self.key, self.total = row["key"], self.total + row["n"]
        ...     def terminate(self):
        ...         yield self.key, self.total
        >>> df = spark.createDataFrame([(1, 2), (1, 3), (2, 5)], ["key", "n"])
        >>> Total(df.asTable().partitionBy("key")).show()
        +---+-----+
        |key|total|
        +---+-----+
        |  1|    5|
        |  2|    5|
        +---+-----+
        <BLANKLINE>
        """
        from pyrust.sql.table_arg import TableArg

        return TableArg(self)

    def observe(self, observation: Any, *exprs: Column) -> DataFrame:
        """The same rows, with named metrics (aggregates) computed when an action runs over
        them; an ``Observation`` gives their values after it (see ``observation.py``)."""
        from pyrust.sql.observation import Observation, observe

        if not exprs:
            raise errors.PySparkValueError(errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "exprs"})
        if not all(isinstance(column, Column) for column in exprs):
            raise errors.PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"arg_name": "exprs", "expected_type": "list[Column]", "arg_type": type(exprs).__name__},
            )
        if isinstance(observation, Observation):
            return observation._on(self, *exprs)
        if isinstance(observation, str):
            return observe(self, observation, exprs, None)
        raise errors.PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={
                "arg_name": "observation",
                "expected_type": "Observation or str",
                "arg_type": type(observation).__name__,
            },
        )

    def checkpoint(self, eager: bool = True) -> DataFrame:
        """Not implemented: there is no checkpoint directory; ``cache()`` keeps a result in memory."""
        raise _not_implemented("DataFrame.checkpoint")

    def localCheckpoint(self, eager: bool = True, storageLevel: Any = None) -> DataFrame:  # noqa: N803
        """The result, computed now and kept in the engine's memory, as a DataFrame whose plan
        reads it (the plan is truncated there). Spark computes it lazily with ``eager=False``;
        pyrust computes it at once either way: the rows are the same."""
        from pyrust.storagelevel import StorageLevel

        if storageLevel is not None and not isinstance(storageLevel, StorageLevel):
            msg = "storageLevel must be of type pyspark.StorageLevel"
            raise TypeError(msg)
        return self._materialized(self._computed(), self._attributes)

    def zipWithIndex(self, indexColName: str = "index") -> DataFrame:  # noqa: N803 - PySpark's name
        """This DataFrame with a last column of consecutive 0-based indices (``bigint``) in
        the rows' order. The rows are computed when this is called and kept in memory."""
        from pyrust.sql._analyzer import Attribute

        if not isinstance(indexColName, str):
            raise errors.PySparkTypeError(
                errorClass="NOT_STR",
                messageParameters={"arg_name": "indexColName", "arg_type": type(indexColName).__name__},
            )
        table = self._computed()
        table = table.append_column(f"__pyrust_index_{len(self._attributes)}", pa.array(range(table.num_rows), pa.int64()))
        return self._materialized(table, (*self._attributes, Attribute(indexColName, T.LongType(), False)))

    def _computed(self) -> pa.Table:
        """The result's Arrow table as the engine names it (unique names); an action."""
        self._check_batch()
        table = self._session._execute(self._substrait())
        self._complete_observations()
        return table

    def _materialized(self, table: pa.Table, attributes: Any) -> DataFrame:
        """A DataFrame reading ``table`` (kept in the engine) with columns ``attributes``;
        columns keep their qualifiers, so ``df["x"]`` of this DataFrame still finds them."""
        from pyrust.sql.dataframe import DataFrame, _unique_names

        names = _unique_names([attribute.name for attribute in attributes])
        table = table.rename_columns(names)
        handle = self._session._cache_table(table)
        schema = T.StructType([T.StructField(name, a.data_type, a.nullable) for name, a in zip(names, attributes)])
        return DataFrame(self._session, plan.read_named_table([handle.name], schema), list(attributes), frozenset({handle}))

    def mergeInto(self, table: str, condition: Column) -> Any:
        """Not implemented: there are no lakehouse tables to merge into."""
        raise _not_implemented("DataFrame.mergeInto (no lakehouse tables)")

    def withWatermark(self, eventTime: str, delayThreshold: str) -> DataFrame:  # noqa: N803
        """The same rows, with ``eventTime`` (a timestamp column) declared the event time of a
        stream whose rows may arrive up to ``delayThreshold`` late. pyrust records it; its
        streaming aggregations run in complete mode, where Spark does not use it either."""
        from pyrust.sql._functions.datetime_functions import _parse_duration
        from pyrust.sql.streaming._sources import Watermarked

        for name, value in (("eventTime", eventTime), ("delayThreshold", delayThreshold)):
            if not isinstance(value, str) or not value:
                raise errors.PySparkTypeError(
                    errorClass="NOT_STR", messageParameters={"arg_name": name, "arg_type": type(value).__name__}
                )
        index = self._analyzer().find(ColumnReference(eventTime))
        data_type = self._attributes[index].data_type
        if not isinstance(data_type, T.TimestampType):
            raise errors.AnalysisException(
                errorClass="EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE",
                messageParameters={"eventName": errors.quote_identifier(eventTime), "eventType": f'"{data_type.simpleString().upper()}"'},
            )
        months, micros = _parse_duration(delayThreshold)
        return self._with_plan(Watermarked(self._plan, index, months * 31 * 86_400_000_000 + micros))

    def toJSON(self, use_unicode: bool = True) -> Any:
        """Not implemented: PySpark returns an RDD, which pyrust has not."""
        raise _not_implemented("DataFrame.toJSON (returns an RDD)")

    def transpose(self, indexColumn: Any = None) -> DataFrame:  # noqa: N803 - PySpark's name
        """Rows become columns: one row per non-index column, one column per index value
        (the first column by default), as Spark's; see ``_reshape.transpose``."""
        return _reshape.transpose(self, indexColumn)

    def withMetadata(self, columnName: str, metadata: dict) -> DataFrame:  # noqa: N803 - PySpark's names
        """This DataFrame with column ``columnName``'s metadata (``StructField.metadata``) replaced."""
        if not isinstance(metadata, dict):
            raise errors.PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"expected_type": "dict", "arg_name": "metadata", "arg_type": type(metadata).__name__},
            )
        column = Column(ColumnReference(columnName)).alias(columnName, metadata=metadata)
        return self.withColumns({columnName: column})

    # -- caching -----------------------------------------------------------------------

    def cache(self) -> DataFrame:
        """Keep the result in memory (``MEMORY_AND_DISK_DESER``); see :meth:`persist`."""
        from pyrust.storagelevel import StorageLevel

        return self.persist(StorageLevel.MEMORY_AND_DISK_DESER)

    def persist(self, storageLevel: Any = None) -> DataFrame:  # noqa: N803 - PySpark's name
        """Compute the result once and keep it as Arrow batches in the engine's memory.

        Unlike Spark (which fills its cache at the first action), the result is
        computed here, once; this DataFrame, and those derived from it from now
        on, read it instead of recomputing. The storage level is recorded only:
        the data always stays in memory.
        """
        from pyrust.storagelevel import StorageLevel

        level = StorageLevel.MEMORY_AND_DISK_DESER if storageLevel is None else storageLevel
        if not isinstance(level, StorageLevel):
            raise errors.PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"arg_name": "storageLevel", "expected_type": "StorageLevel", "arg_type": type(level).__name__},
            )
        if self._cached is None:
            self._check_batch()
            table = self._session._execute(self._substrait())
            self._complete_observations()
            handle = self._session._cache_table(table)
            self._cached = (self._plan, self._tables)
            self._plan = plan.read_named_table([handle.name], self._output_schema())
            self._tables = frozenset({handle})
        self._storage_level = level
        self.is_cached = True
        return self

    def unpersist(self, blocking: bool = False) -> DataFrame:
        """Drop the cached result; actions recompute it again."""
        if self._cached is not None:
            self._plan, self._tables = self._cached
            self._cached = None
        self._storage_level = None
        self.is_cached = False
        return self

    @property
    def storageLevel(self) -> Any:
        """The storage level this DataFrame is cached at (``StorageLevel.NONE`` if it is not)."""
        from pyrust.storagelevel import StorageLevel

        return self._storage_level if self._storage_level is not None else StorageLevel.NONE


def _outer_projection(root: plan.Rel, width: int) -> tuple[plan.Rel, tuple[tuple[Any, ...], int]]:
    """``root`` as (the plan under its outermost projection, (that projection's expressions,
    the width of its input)); a plan without one is its own base under plain references.
    A projection with window functions is not set aside: Spark's are a Window node."""
    if isinstance(root, plan.Project) and all(
        current.WhichOneof("rex_type") != "window_function"
        for expression in root.expressions
        for current in _proto.expression_messages(expression)
    ):
        return root.input, (root.expressions, root.input_width)
    return root, (tuple(_proto.field_reference(index) for index in range(width)), width)


def _check_partition_count(count: Any) -> None:
    """Spark's requirement on a number of partitions."""
    if isinstance(count, int) and not isinstance(count, bool) and count <= 0:
        msg = f"requirement failed: Number of partitions ({count}) must be positive."
        raise errors.IllegalArgumentException(msg)


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


def _java_full_match(pattern: str, name: str) -> bool:
    """Whether a Java regular expression matches all of ``name`` (Python 3.11's ``re`` has
    Java's possessive quantifiers and atomic groups)."""
    try:
        return re.fullmatch(pattern, name) is not None
    except re.error:
        return False


def pa_table_of(batch: pa.RecordBatch) -> pa.Table:
    return pa.Table.from_batches([batch])
