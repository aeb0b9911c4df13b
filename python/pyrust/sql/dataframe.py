"""``DataFrame``: PySpark's DataFrame, lazy and immutable, over a Substrait plan.

A DataFrame is a Substrait relation plus the Spark schema of its output
(``Attribute``s, derived on the Python side without running anything). Each
transformation returns a new DataFrame wrapping a new relation; actions
assemble the plan, send its bytes to the engine and convert the Arrow result.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import replace
from typing import TYPE_CHECKING, Any


from pyrust import errors
from pyrust.sql import _conf, _functions, _generate, _partitions, _proto, _setops, _sql
from pyrust.sql import _plan as plan
from pyrust.sql import types as T
from pyrust.sql._analyzer import Analyzer, Attribute, attribute_of, split_name
from pyrust.sql._functions.json_functions import json_tuple_columns
from pyrust.sql._bound import Bound, cast_to
from pyrust.sql._coercion import common_type
from pyrust.sql._conversion import arrow_to_rows
from pyrust.sql._eval_mode import EvalMode
from pyrust.sql._expressions import (
    Alias,
    Call,
    ColumnReference,
    Expression,
    FieldIndex,
    Literal,
    SortOrder,
    Star,
    map_children,
)
from pyrust.sql._show import show_string, tree_string
from pyrust.sql._subquery import deferrable, predicate_subqueries
from pyrust.sql._dataframe_api import DataFrameMethods, _flatten
from pyrust.sql._joins import JoinMethods
from pyrust.sql.pandas.map_ops import PandasMapOpsMixin
from pyrust.sql._na import DataFrameNaFunctions
from pyrust.sql._stat import DataFrameStatFunctions
from pyrust.sql.column import Column, _to_column
from pyrust.sql.readwriter import DataFrameWriter, DataFrameWriterV2

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from pyrust.sql.group import GroupedData
    from pyrust.sql.plot import PySparkPlotAccessor
    from pyrust.sql.row import Row
    from pyrust.sql.session import SparkSession, TableHandle

__all__ = ["DataFrame", "DataFrameNaFunctions", "DataFrameStatFunctions"]

_PLAN_IDS = itertools.count(1)



def _unique_names(names: list[str]) -> list[str]:
    """Output names the engine accepts: Spark allows duplicates, DataFusion does not."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        count = seen.get(name.lower(), 0)
        seen[name.lower()] = count + 1
        unique.append(name if count == 0 else f"{name}#{count}")
    return unique


class DataFrame(JoinMethods, DataFrameMethods, PandasMapOpsMixin):
    """A distributed collection of rows under named columns, as in PySpark."""

    def __init__(
        self,
        session: SparkSession,
        root: plan.Rel,
        attributes: list[Attribute],
        tables: frozenset[TableHandle] = frozenset(),
    ) -> None:
        self._session = session
        # The root node of this DataFrame's logical plan (immutable, shared with its inputs).
        self._plan = root
        # The engine tables the plan reads; they stay registered while a DataFrame needs them.
        self._tables = tables
        self._plan_id = next(_PLAN_IDS)
        # Every column can be reached as df["x"] through this DataFrame's id.
        self._attributes = tuple(
            Attribute(a.name, a.data_type, a.nullable, a.qualifiers | {self._plan_id}, a.metadata) for a in attributes
        )
        # Set by `persist`: the plan and tables the cached result was computed from.
        self._cached: tuple[plan.Rel, frozenset[TableHandle]] | None = None
        self._storage_level: Any = None
        # PySpark's public flag: whether `cache`/`persist` was called (and not undone).
        self.is_cached = False

    # -- resolution helpers ------------------------------------------------------

    def _analyzer(self, attributes: tuple[Attribute, ...] | None = None) -> Analyzer:
        # Spark binds spark.sql.ansi.enabled when it analyses an expression: as the setting is now.
        mode = EvalMode.from_conf(self._session.conf)
        return Analyzer(self._attributes if attributes is None else attributes, mode)

    def _with_plan(
        self,
        root: plan.Rel,
        attributes: list[Attribute] | tuple[Attribute, ...] | None = None,
        also_reads: DataFrame | None = None,
    ) -> DataFrame:
        """A DataFrame over ``root``, which reads what this one (and ``also_reads``) reads."""
        tables = self._tables | also_reads._tables if also_reads is not None else self._tables
        return DataFrame(self._session, root, list(self._attributes if attributes is None else attributes), tables)

    def _project(self, bounds: list[Bound], input_width: int | None = None, root: plan.Rel | None = None) -> DataFrame:
        width = len(self._attributes) if input_width is None else input_width
        source = self._plan if root is None else root
        bounds = _partitions.checked(bounds, source)
        projected = plan.project(self._plan if root is None else root, [bound.proto for bound in bounds], width)
        return self._with_plan(projected, [attribute_of(bound) for bound in bounds])

    def _resolve_all(self, expressions: list[Expression]) -> list[Bound]:
        analyzer = self._analyzer()
        bounds: list[Bound] = []
        for expression in expressions:
            if isinstance(expression, Star):
                bounds.extend(analyzer.expand_star(expression))
            elif (columns := json_tuple_columns(analyzer, expression)) is not None:
                # A generator whose every input row gives one output row: its columns.
                bounds.extend(columns)
            else:
                bounds.append(analyzer.resolve(expression))
        return bounds

    # -- schema -----------------------------------------------------------------

    @property
    def schema(self) -> T.StructType:
        """The Spark schema of the result (no query runs)."""
        return T.StructType(
            [
                T.StructField(attribute.name, attribute.data_type, attribute.nullable, attribute.metadata)
                for attribute in self._attributes
            ]
        )

    @property
    def columns(self) -> list[str]:
        """The column names."""
        return [attribute.name for attribute in self._attributes]

    @property
    def dtypes(self) -> list[tuple[str, str]]:
        """``(name, type)`` pairs, with Spark's type names."""
        return [(attribute.name, attribute.data_type.simpleString()) for attribute in self._attributes]

    def printSchema(self, level: int | None = None) -> None:
        """Print the schema as a tree."""
        print(tree_string(self.schema, level) if level is not None else tree_string(self.schema))

    # -- projections -------------------------------------------------------------

    @deferrable
    def select(self, *cols: Any) -> DataFrame:
        """The given columns or expressions (``"*"`` for all)."""
        expressions = [_to_column(item)._expression for item in _flatten(cols)]
        if any(_generate.contains_generator(expression) for expression in expressions):
            return self._generate(expressions)
        if any(expression.contains_aggregate() for expression in expressions):
            return self._aggregate([], expressions)
        from pyrust.sql._session_window import select_windows

        source, expressions = select_windows(self, expressions)
        source = source._without_null_window_times(expressions)
        return source._project(source._resolve_all(expressions))

    def _without_null_window_times(self, expressions: list[Expression]) -> DataFrame:
        """The rows whose time column of a ``window(...)`` call in ``expressions`` is not null: Spark's
        time windows leave those rows out (its TimeWindowing rule filters them)."""
        from pyrust.sql._functions.datetime_functions import window_time_columns

        source = self
        for time in window_time_columns(expressions):
            source = source.filter(Column(time).isNotNull())
        return source

    def _generate(self, expressions: list[Expression]) -> DataFrame:
        """``select`` of outputs among which are generator calls: one Generate
        relation per call, each over the previous, then the outputs with each
        call replaced by its generated columns (see ``_generate.py``)."""
        analyzer = self._analyzer()
        root, width = self._plan, len(self._attributes)
        outputs: list[Bound] = []
        for expression in expressions:
            found = _generate.generator_call(expression)
            if found is None:
                if _generate.contains_generator(expression):
                    raise _generate.nested_error(expression)
                if isinstance(expression, Star):
                    outputs.extend(analyzer.expand_star(expression))
                else:
                    outputs.append(analyzer.resolve(expression))
                continue
            generator = _generate.bind_generator(analyzer, *found)
            column = _proto.column_index(generator.argument.proto)
            if column is None:
                # The collection is computed next to the columns so far.
                columns = [_proto.field_reference(index) for index in range(width)]
                root = plan.project(root, [*columns, generator.argument.proto], width)
                column, width = width, width + 1
            root = plan.generate(root, generator.generator, column, generator.outer)
            for generated in generator.columns:
                proto = _proto.field_reference(width)
                outputs.append(Bound(proto, generated.data_type, generated.nullable, generated.name))
                width += 1
        return self._project(outputs, input_width=width, root=root)

    @deferrable
    def selectExpr(self, *expr: str) -> DataFrame:
        """Columns from SQL expression strings, e.g. ``selectExpr("age + 1 AS next")``."""
        return self.select([Column(Star()) if text.strip() == "*" else Column(_sql.expression(text)) for text in _flatten(expr)])

    @deferrable
    def withColumn(self, colName: str, col: Column) -> DataFrame:
        """This DataFrame with column ``colName`` added, or replaced if it exists."""
        if not isinstance(col, Column):
            raise errors.PySparkTypeError(
                errorClass="NOT_COLUMN", messageParameters={"arg_name": "col", "arg_type": type(col).__name__}
            )
        return self.withColumns({colName: col})

    @deferrable
    def withColumns(self, *colsMap: dict[str, Column]) -> DataFrame:
        """This DataFrame with several columns added or replaced."""
        replacements = {name.lower(): (name, column) for name, column in colsMap[0].items()} if colsMap else {}
        if any(_generate.contains_generator(column._expression) for _, column in replacements.values()):
            outputs: list[Expression] = []
            for index, attribute in enumerate(self._attributes):
                replacement = replacements.pop(attribute.name.lower(), None)
                if replacement is None:
                    outputs.append(FieldIndex(index, attribute.name))
                else:
                    outputs.append(Alias(replacement[1]._expression, replacement[0]))
            outputs.extend(Alias(column._expression, name) for name, column in replacements.values())
            return self._generate(outputs)
        analyzer = self._analyzer()
        bounds = []
        for index, attribute in enumerate(self._attributes):
            replacement = replacements.pop(attribute.name.lower(), None)
            if replacement is None:
                bounds.append(analyzer.resolve(FieldIndex(index, attribute.name)))
            else:
                bounds.append(analyzer.resolve(Alias(replacement[1]._expression, replacement[0])))
        bounds.extend(analyzer.resolve(Alias(column._expression, name)) for name, column in replacements.values())
        return self._project(bounds)

    def withColumnRenamed(self, existing: str, new: str) -> DataFrame:
        """This DataFrame with column ``existing`` renamed (a no-op if there is none)."""
        return self.withColumnsRenamed({existing: new})

    def withColumnsRenamed(self, colsMap: dict[str, str]) -> DataFrame:
        """This DataFrame with several columns renamed."""
        renames = {old.lower(): new for old, new in colsMap.items()}
        attributes = [
            Attribute(renames.get(a.name.lower(), a.name), a.data_type, a.nullable, a.qualifiers, a.metadata)
            if a.name.lower() in renames
            else a
            for a in self._attributes
        ]
        # Names live on the Python side; the relation itself is positional.
        return self._with_plan(self._plan, attributes)

    def toDF(self, *cols: str) -> DataFrame:
        """This DataFrame with all its columns renamed."""
        if len(cols) != len(self._attributes):
            raise errors.PySparkValueError(
                errorClass="LENGTH_SHOULD_BE_THE_SAME",
                messageParameters={
                    "arg1": "new column names",
                    "arg2": "existing columns",
                    "arg1_length": str(len(cols)),
                    "arg2_length": str(len(self._attributes)),
                },
            )
        attributes = [Attribute(name, a.data_type, a.nullable, metadata=a.metadata) for name, a in zip(cols, self._attributes)]
        return self._with_plan(self._plan, attributes)

    def drop(self, *cols: Any) -> DataFrame:
        """This DataFrame without the given columns (unknown names are ignored)."""
        dropped: set[int] = set()
        analyzer = self._analyzer()
        for item in cols:
            if isinstance(item, str):
                dropped.update(i for i, a in enumerate(self._attributes) if a.name.lower() == item.lower())
            elif isinstance(item, Column):
                found = _dropped_column(analyzer, item._expression)
                if found is not None:
                    dropped.add(found)
            else:
                raise errors.PySparkTypeError(
                    errorClass="NOT_COLUMN_OR_STR",
                    messageParameters={"arg_name": "col", "arg_type": type(item).__name__},
                )
        kept = [analyzer.resolve(FieldIndex(i, a.name)) for i, a in enumerate(self._attributes) if i not in dropped]
        return self._project(kept)

    def alias(self, alias: str) -> DataFrame:
        """This DataFrame under a name, so columns can be written ``alias.column``."""
        attributes = [
            Attribute(
                a.name, a.data_type, a.nullable, frozenset(q for q in a.qualifiers if not isinstance(q, str)) | {alias}, a.metadata
            )
            for a in self._attributes
        ]
        return self._with_plan(self._plan, attributes)

    # -- filtering and ordering ----------------------------------------------------

    @deferrable
    def filter(self, condition: Column | str) -> DataFrame:
        """The rows where ``condition`` holds (a Column or a SQL string such as ``"age > 18"``)."""
        expression = _sql.expression(condition) if isinstance(condition, str) else _to_column(condition)._expression
        analyzer = self._analyzer()
        analyzer.predicate_subqueries = predicate_subqueries(expression)
        bound = analyzer.resolve(expression)
        if not isinstance(bound.data_type, (T.BooleanType, T.NullType)):
            raise errors.AnalysisException(
                errorClass="DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                messageParameters={"sqlExpr": f'"{bound.name}"', "filter": f'"{bound.name}"', "type": f'"{bound.data_type.simpleString().upper()}"'},
            )
        return self._with_plan(plan.filter_rows(self._plan, cast_to(bound, T.BooleanType()).proto, bound.nullable))

    where = filter

    @deferrable
    def orderBy(self, *cols: Any, ascending: bool | list[bool] | None = None) -> DataFrame:
        """The rows sorted by ``cols`` (ascending with nulls first unless said otherwise)."""
        orders = []
        for position, item in enumerate(_flatten(cols)):
            if isinstance(item, int) and not isinstance(item, bool):
                # PySpark 4: a 1-based column ordinal, descending when negative.
                index = self._ordinal(item)
                reference = FieldIndex(index, self._attributes[index].name)
                order = SortOrder(reference, ascending=item > 0, nulls_first=item > 0)
            else:
                expression = _to_column(item)._expression
                order = expression if isinstance(expression, SortOrder) else SortOrder(expression)
            if ascending is not None:
                up = bool(ascending[position] if isinstance(ascending, list) else ascending)
                order = SortOrder(order.child, ascending=up, nulls_first=up)
            orders.append(order)
        analyzer = self._analyzer()
        keys = [
            (analyzer.resolve(order.child).proto, order.ascending, order.nulls_first)
            for order in orders
        ]
        return self._with_plan(plan.sort(self._plan, keys))

    sort = orderBy

    def limit(self, num: int) -> DataFrame:
        """At most ``num`` rows."""
        if num < 0:
            raise errors.AnalysisException(
                errorClass="INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
                messageParameters={"expr": f'"{num}"', "name": "limit", "v": str(num)},
            )
        return self._with_plan(plan.fetch(self._plan, num))

    # -- aggregation -----------------------------------------------------------------

    def groupBy(self, *cols: Any) -> GroupedData:
        """Group rows by ``cols`` for aggregation."""
        from pyrust.sql.group import GroupedData

        return GroupedData(self, self._grouping_keys(cols))

    groupby = groupBy

    @deferrable
    def agg(self, *exprs: Any) -> DataFrame:
        """Aggregate over all rows (``df.groupBy().agg(...)``)."""
        return self.groupBy().agg(*exprs)

    def _aggregate(self, groupings: list[Expression], aggregates: list[Expression]) -> DataFrame:
        """Group by ``groupings`` and compute ``aggregates``; output: groupings, then aggregates."""
        from pyrust.sql._session_window import sessionize

        source, groupings, aggregates = sessionize(self, groupings, aggregates)
        result = source._without_null_window_times([*groupings, *aggregates])._aggregate_rows(groupings, aggregates)
        if self.isStreaming:
            # Spark types every column of a streaming aggregation's output nullable.
            result = result._with_plan(result._plan, [replace(a, nullable=True) for a in result._attributes])
        return result

    def _aggregate_rows(self, groupings: list[Expression], aggregates: list[Expression]) -> DataFrame:
        analyzer = self._analyzer()
        grouping_bounds = [analyzer.resolve(expression) for expression in groupings]
        measures = []

        def extract(expression: Expression) -> Expression:
            # A grouping expression inside an output is that group's key (SQL's
            # `SELECT a % 3 ... GROUP BY a % 3`), not an expression over the input.
            for index, grouping in enumerate(groupings):
                if expression == grouping and not isinstance(grouping, FieldIndex):
                    return FieldIndex(index, grouping_bounds[index].name)
            if isinstance(expression, Call) and _functions.is_aggregate(expression.function):
                measure = analyzer.resolve_aggregate(expression)
                measures.append(measure)
                return FieldIndex(len(grouping_bounds) + len(measures) - 1, measure.name)
            return map_children(expression, extract)

        outputs = [extract(expression) for expression in aggregates]
        root = plan.aggregate(
            self._plan, len(self._attributes), [bound.proto for bound in grouping_bounds], [m.proto for m in measures]
        )
        after = [attribute_of(bound) for bound in grouping_bounds] + [
            Attribute(measure.name, measure.data_type, measure.nullable) for measure in measures
        ]
        direct = all(
            _plain_index(output) == len(grouping_bounds) + position for position, output in enumerate(outputs)
        ) and len(outputs) == len(measures)
        if direct:
            names = [attribute.name for attribute in after[: len(grouping_bounds)]] + [
                output.name if isinstance(output, Alias) else output.sql() for output in outputs
            ]
            renamed = [Attribute(name, a.data_type, a.nullable, a.qualifiers, a.metadata) for name, a in zip(names, after)]
            return self._with_plan(root, renamed)
        post = self._analyzer(tuple(after))
        bounds = [post.resolve(FieldIndex(index, after[index].name)) for index in range(len(grouping_bounds))]
        bounds.extend(post.resolve(output) for output in outputs)
        return self._project(bounds, input_width=len(after), root=root)

    def distinct(self) -> DataFrame:
        """The distinct rows."""
        if self.isStreaming:
            raise _not_implemented_streaming("distinct/dropDuplicates on a stream (deduplication state)")
        return self._aggregate([FieldIndex(i, a.name) for i, a in enumerate(self._attributes)], [])

    def dropDuplicates(self, subset: list[str] | None = None) -> DataFrame:
        """Rows with duplicates removed, comparing only ``subset`` columns if given."""
        if self.isStreaming:
            raise _not_implemented_streaming("distinct/dropDuplicates on a stream (deduplication state)")
        if subset is None:
            return self.distinct()
        analyzer = self._analyzer()
        keys = [analyzer.find(ColumnReference(name)) for name in subset]
        others = [i for i in range(len(self._attributes)) if i not in keys]
        grouped = self._aggregate(
            [FieldIndex(i, self._attributes[i].name) for i in keys],
            [Call("any_value", (FieldIndex(i, self._attributes[i].name),)) for i in others],
        )
        # Back to the original column order.
        order = keys + others
        position = {index: slot for slot, index in enumerate(order)}
        post = grouped._analyzer()
        bounds = [
            post.resolve(FieldIndex(position[i], self._attributes[i].name)) for i in range(len(self._attributes))
        ]
        return grouped._project(bounds)

    drop_duplicates = dropDuplicates

    # -- combining -----------------------------------------------------------------

    def union(self, other: DataFrame) -> DataFrame:
        """Rows of both DataFrames, matched by position (duplicates kept)."""
        targets = self._common_types(other, "UNION")
        left, right = self._cast_columns(targets), other._cast_columns(targets)
        attributes = [
            Attribute(mine.name, target, mine.nullable or theirs.nullable, mine.qualifiers, mine.metadata)
            for mine, theirs, target in zip(self._attributes, other._attributes, targets)
        ]
        return left._with_plan(plan.union_all([left._plan, right._plan]), attributes, right)

    unionAll = union

    def _common_types(self, other: DataFrame, operator: str) -> list[T.DataType]:
        """The column types both sides of a set operation are cast to."""
        if len(self._attributes) != len(other._attributes):
            raise _column_count_mismatch(self, other, operator)
        targets = []
        for mine, theirs in zip(self._attributes, other._attributes):
            target = common_type(mine.data_type, theirs.data_type)
            if target is None:
                raise errors.AnalysisException(
                    errorClass="INCOMPATIBLE_COLUMN_TYPE",
                    messageParameters={
                        "operator": operator,
                        "columnOrdinalNumber": "first",
                        "tableOrdinalNumber": "second",
                        "dataType1": theirs.data_type.simpleString().upper(),
                        "dataType2": mine.data_type.simpleString().upper(),
                        "hint": "",
                    },
                )
            targets.append(target)
        return targets

    def subtract(self, other: DataFrame) -> DataFrame:
        """The distinct rows of this DataFrame that are not in ``other`` (SQL ``EXCEPT DISTINCT``)."""
        return _setops.set_operation(self, other, "EXCEPT", all_rows=False)

    def exceptAll(self, other: DataFrame) -> DataFrame:
        """The rows of this DataFrame not in ``other``, duplicates counted (SQL ``EXCEPT ALL``)."""
        return _setops.set_operation(self, other, "EXCEPT", all_rows=True)

    def intersect(self, other: DataFrame) -> DataFrame:
        """The distinct rows in both DataFrames (SQL ``INTERSECT DISTINCT``)."""
        return _setops.set_operation(self, other, "INTERSECT", all_rows=False)

    def intersectAll(self, other: DataFrame) -> DataFrame:
        """The rows in both DataFrames, duplicates counted (SQL ``INTERSECT ALL``)."""
        return _setops.set_operation(self, other, "INTERSECT", all_rows=True)

    def _cast_columns(self, targets: list[T.DataType]) -> DataFrame:
        if all(a.data_type == target for a, target in zip(self._attributes, targets)):
            return self
        analyzer = self._analyzer()
        bounds = [
            cast_to(analyzer.resolve(FieldIndex(i, a.name)), target)
            for i, (a, target) in enumerate(zip(self._attributes, targets))
        ]
        return self._project(bounds)

    def unionByName(self, other: DataFrame, allowMissingColumns: bool = False) -> DataFrame:
        """Rows of both DataFrames, matched by column name."""
        theirs = {a.name.lower(): i for i, a in enumerate(other._attributes)}
        mine = {a.name.lower() for a in self._attributes}
        right_columns: list[Expression] = []
        for attribute in self._attributes:
            index = theirs.get(attribute.name.lower())
            if index is not None:
                right_columns.append(FieldIndex(index, attribute.name))
            elif allowMissingColumns:
                right_columns.append(Alias(Literal(None, T.NullType()), attribute.name))
            else:
                raise errors.AnalysisException(
                    errorClass="UNRESOLVED_COLUMN_AMONG_FIELD_NAMES",
                    messageParameters={
                        "colName": attribute.name,
                        "fieldNames": ", ".join(a.name for a in other._attributes),
                    },
                )
        left: DataFrame = self
        if allowMissingColumns:
            extra = [a for a in other._attributes if a.name.lower() not in mine]
            right_columns += [FieldIndex(theirs[a.name.lower()], a.name) for a in extra]
            left = self.select(
                [Column(FieldIndex(i, a.name)) for i, a in enumerate(self._attributes)]
                + [Column(Alias(Literal(None, T.NullType()), a.name)) for a in extra]
            )
        elif len(other._attributes) != len(self._attributes):
            raise _column_count_mismatch(self, other)
        return left.union(other.select([Column(expression) for expression in right_columns]))

    # -- actions -----------------------------------------------------------------------

    def _output_schema(self) -> T.StructType:
        """The schema the plan's root names: this one, with unique column names."""
        return T.StructType(
            [T.StructField(name, a.data_type, a.nullable) for name, a in zip(_unique_names(self.columns), self._attributes)]
        )

    def _substrait(self, portable: bool = False) -> bytes:
        """This DataFrame's Substrait plan as binary protobuf.

        It is the plan the engine runs: Substrait 0.85, functions declared by
        extension URN with compound names (``add:i64_i64``), every function
        call typed, aggregates single-phase, the root naming the columns. Any
        consumer can run it once it knows the tables it reads (see
        ``docs/substrait.md``); ``spark.substrait`` reads it back.

        Parameters
        ----------
        portable : bool, default False
            Also write the deprecated forms consumers of older Substrait
            versions need (pyarrow Acero, DuckDB 1.1): grouping expressions
            inline, fetch offset and count as integers. They repeat what the
            plan says otherwise, so newer consumers are unaffected.

        Returns
        -------
        bytes

        Examples
        --------
        >>> from substrait import plan_pb2
        >>> from pyrust.sql import SparkSession
        >>> spark = SparkSession.builder.getOrCreate()
        >>> df = spark.range(5).filter("id > 2")
        >>> plan = plan_pb2.Plan.FromString(df._substrait())
        >>> list(plan.relations[0].root.names)
        ['id']
        >>> [declaration.extension_function.name for declaration in plan.extensions]
        ['gt:any_any']
        >>> spark.substrait(df._substrait()).collect()
        [Row(id=3), Row(id=4)]
        """
        return plan.plan_bytes(self._plan, self._output_schema(), portable)

    def _substrait_json(self, portable: bool = False) -> str:
        """This DataFrame's Substrait plan as protobuf JSON text.

        The same plan as :meth:`_substrait`, in the canonical JSON mapping of
        the protobuf messages (camelCase field names, 64-bit integers as
        strings).

        Parameters
        ----------
        portable : bool, default False
            As for :meth:`_substrait`: add the deprecated fields older
            consumers read, under their JSON names (``groupingExpressions`` in
            each grouping, ``offset`` and ``count`` in fetches).

        Returns
        -------
        str

        Examples
        --------
        >>> import json
        >>> from pyrust.sql import SparkSession
        >>> spark = SparkSession.builder.getOrCreate()
        >>> df = spark.range(3).limit(2)
        >>> plan = json.loads(df._substrait_json())
        >>> plan["relations"][0]["root"]["input"]["fetch"]["countExpr"]
        {'literal': {'i64': '2'}}
        >>> json.loads(df._substrait_json(portable=True))["relations"][0]["root"]["input"]["fetch"]["count"]
        '2'
        """
        return plan.plan_json(self._plan, self._output_schema(), portable)

    def toArrow(self) -> pa.Table:
        """The result as a ``pyarrow.Table`` (handed over from the engine without copying)."""
        self._check_batch()
        table = self._session._execute(self._substrait())
        self._complete_observations()
        if getattr(self, "_write_partitions", None) == 1 and table.num_columns:
            # One partition (`coalesce(1)`): Spark's batches are that partition's, of at most
            # spark.sql.execution.arrow.maxRecordsPerBatch rows.
            limit = int(self._session.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch"))
            table = table.combine_chunks()
            if limit > 0 and table.num_rows > limit:
                table = type(table).from_batches(table.to_batches(max_chunksize=limit), table.schema)
        return table.rename_columns(self.columns)

    def _complete_observations(self) -> None:
        """After an action: fill the ``Observation``s of this plan (``observation.py``)."""
        from pyrust.sql import observation

        observation.complete(self._session, self._plan)

    def collect(self) -> list[Row]:
        """All rows, as ``Row`` objects."""
        return arrow_to_rows(self.toArrow(), self.schema)

    def toPandas(self) -> pd.DataFrame:
        """The result as a pandas DataFrame."""
        return self.toArrow().to_pandas()

    def count(self) -> int:
        """The number of rows."""
        return self.groupBy().count().collect()[0][0]

    def take(self, num: int) -> list[Row]:
        """The first ``num`` rows."""
        return self.limit(num).collect()

    def head(self, n: int | None = None) -> Row | None | list[Row]:
        """The first row (or ``None``), or the first ``n`` rows."""
        if n is None:
            rows = self.take(1)
            return rows[0] if rows else None
        return self.take(n)

    def first(self) -> Row | None:
        """The first row, or ``None`` when there is none."""
        return self.head()

    def isEmpty(self) -> bool:
        """True when there are no rows."""
        return not self.take(1)

    def show(self, n: int = 20, truncate: bool | int = True, vertical: bool = False) -> None:
        """Print the first ``n`` rows as a table, laid out exactly as PySpark does."""
        if not isinstance(n, int) or isinstance(n, bool):
            raise errors.PySparkTypeError(
                errorClass="NOT_INT", messageParameters={"arg_name": "n", "arg_type": type(n).__name__}
            )
        source = self.limit(n + 1) if n >= 0 else self
        rows = arrow_to_rows(source.toArrow(), source.schema, for_show=True)
        shown = rows[:n] if n >= 0 else rows
        zone = _conf.tzinfo_of(self._session.conf.get("spark.sql.session.timeZone"))
        print(show_string([tuple(row) for row in shown], self.schema, n, truncate, vertical, len(rows) > len(shown), zone))

    def explain(self, extended: bool | str | None = None, mode: str | None = None) -> None:
        """Print the plan under Spark's section titles, laid out as Spark lays plans
        out (``+- `` and ``:- `` before each input).

        ``simple`` (the default) prints the physical plan: each engine operator
        under the name Spark gives its counterpart (``BroadcastHashJoin``,
        ``HashAggregate``, ``InMemoryTableScan`` for a cached result...) followed by
        the engine's description of it. ``extended`` (``explain(True)``) prints the
        parsed plan (the Substrait plan as ``pyrust-compile`` shows it), the analyzed
        and the optimized logical plans, then the physical plan; ``cost`` the
        optimized logical plan with Spark's ``Statistics(sizeInBytes=..., rowCount=...)``
        on each node, then the physical plan; ``formatted`` the physical plan's
        outline, then each operator's engine name and output; ``codegen`` says that no
        operator is compiled to code (the engine runs vectorized kernels).

        >>> from pyrust.sql import SparkSession
        >>> spark = SparkSession.builder.getOrCreate()
        >>> df = spark.createDataFrame([(14, "Tom"), (23, "Alice")], ["age", "name"])
        >>> df.filter("age > 15").explain()
        == Physical Plan ==
        Filter age@0 > 15
        +- LocalTableScan partitions=..., partition_sizes=[...]
        <BLANKLINE>
        """
        explain_mode = _explain_mode(extended, mode)
        plan_bytes = self._substrait()
        engine = self._session._engine
        if explain_mode == "codegen":
            print("Found 0 WholeStageCodegen subtrees.\n")
            return
        sections = []
        if explain_mode == "extended":
            schema = ", ".join(f"{name}: {data_type}" for name, data_type in self.dtypes)
            sections.append(("Parsed Logical Plan", engine.explain(plan_bytes, "substrait")))
            sections.append(("Analyzed Logical Plan", f"{schema}\n{engine.explain(plan_bytes, 'spark_analyzed')}"))
            sections.append(("Optimized Logical Plan", engine.explain(plan_bytes, "spark_optimized")))
        elif explain_mode == "cost":
            sections.append(("Optimized Logical Plan", engine.explain(plan_bytes, "spark_cost")))
        physical = "spark_formatted" if explain_mode == "formatted" else "spark_physical"
        sections.append(("Physical Plan", engine.explain(plan_bytes, physical)))
        print("\n".join(f"== {title} ==\n{body.rstrip()}\n" for title, body in sections))

    # -- conveniences ----------------------------------------------------------------

    def __getitem__(self, item: Any) -> Any:
        from pyrust.sql.functions import _column_reference

        if isinstance(item, str):
            if item == "*":
                return Column(Star())
            self._analyzer().find(ColumnReference(item))
            return _column_reference(item, self._plan_id)
        if isinstance(item, int):
            return _column_reference(self._attributes[item].name, self._plan_id)
        if isinstance(item, Column):
            return self.filter(item)
        if isinstance(item, (list, tuple)):
            return self.select(*item)
        raise errors.PySparkTypeError(
            errorClass="NOT_COLUMN_OR_INT_OR_LIST_OR_STR_OR_TUPLE",
            messageParameters={"arg_name": "item", "arg_type": type(item).__name__},
        )

    def _ipython_key_completions_(self) -> list[str]:
        """The column names, for IPython's completion of ``df["...``."""
        return self.columns

    def __dir__(self) -> list[str]:
        """The class's attributes and the columns whose names are identifiers, as PySpark lists them."""
        return sorted(set(dir(DataFrame)) | {name for name in self.columns if name.isidentifier()})

    def __getattr__(self, name: str) -> Column:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self.columns:
            raise errors.PySparkAttributeError(
                errorClass="ATTRIBUTE_NOT_SUPPORTED", messageParameters={"attr_name": name}
            )
        return self[name]

    def __repr__(self) -> str:
        return f"DataFrame[{', '.join(f'{name}: {data_type}' for name, data_type in self.dtypes)}]"

    @property
    def write(self) -> DataFrameWriter:
        """Writer of this DataFrame's rows to files or tables (``df.write.parquet(path)``)."""
        if self.isStreaming:
            raise errors.AnalysisException(
                errorClass="CALL_ON_STREAMING_DATASET_UNSUPPORTED", messageParameters={"methodName": "`write`"}
            )
        return DataFrameWriter(self)

    @property
    def plot(self) -> PySparkPlotAccessor:
        """The plotting accessor: ``df.plot.line(x="a", y="b")`` or ``df.plot(kind="line", ...)``
        (drawing needs plotly, as in PySpark)."""
        from pyrust.sql.plot import PySparkPlotAccessor

        return PySparkPlotAccessor(self)

    def writeTo(self, table: str) -> DataFrameWriterV2:
        """Writer of this DataFrame to table ``table`` (``df.writeTo("t").create()``)."""
        if self.isStreaming:
            raise errors.AnalysisException(
                errorClass="CALL_ON_STREAMING_DATASET_UNSUPPORTED", messageParameters={"methodName": "`writeTo`"}
            )
        return DataFrameWriterV2(self, table)

    def createTempView(self, name: str) -> None:
        """Name this DataFrame for ``spark.table(name)``; fails if the name is taken."""
        self._session._register_temp_view(name, self, replace=False)

    def createOrReplaceTempView(self, name: str) -> None:
        """Name this DataFrame for ``spark.table(name)``, replacing a view of that name."""
        self._session._register_temp_view(name, self, replace=True)

    def createGlobalTempView(self, name: str) -> None:
        """Name this DataFrame ``global_temp.<name>`` for every session; fails if the name is taken."""
        self._session.catalog.register_global_temp_view(name, self, replace=False)

    def createOrReplaceGlobalTempView(self, name: str) -> None:
        """Name this DataFrame ``global_temp.<name>``, replacing a view of that name."""
        self._session.catalog.register_global_temp_view(name, self, replace=True)

    def registerTempTable(self, name: str) -> None:
        """Deprecated alias of :meth:`createOrReplaceTempView`, as in PySpark."""
        warnings.warn("Deprecated in 2.0, use createOrReplaceTempView instead.", FutureWarning, stacklevel=2)
        self.createOrReplaceTempView(name)


def _dropped_column(analyzer: Analyzer, expression: Expression) -> int | None:
    """The column ``drop(column)`` drops, as Spark resolves it there: a reference to a
    column of this DataFrame, else nothing (an expression, a nested field or a name that
    does not resolve is ignored; an ambiguous one is an error)."""
    if not isinstance(expression, ColumnReference):
        return None
    try:
        index = analyzer.find(expression)
    except errors.AnalysisException as error:
        if error.getCondition() == "AMBIGUOUS_REFERENCE":
            raise
        return None
    # `a.b.c` unquoted names a nested field or a qualified column, never a column named "a.b.c".
    if "." in analyzer.attributes[index].name and len(split_name(expression.name)) > 1:
        return None
    return index


def _plain_index(expression: Expression) -> int | None:
    if isinstance(expression, Alias):
        expression = expression.child
    return expression.index if isinstance(expression, FieldIndex) else None


def _not_implemented_streaming(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


def _column_count_mismatch(first: DataFrame, second: DataFrame, operator: str = "UNION") -> errors.AnalysisException:
    return errors.AnalysisException(
        errorClass="NUM_COLUMNS_MISMATCH",
        messageParameters={
            "operator": operator,
            "firstNumColumns": str(len(first._attributes)),
            "invalidOrdinalNum": "second",
            "invalidNumColumns": str(len(second._attributes)),
        },
    )



_EXPLAIN_MODES = ("simple", "extended", "codegen", "cost", "formatted")


def _explain_mode(extended: Any, mode: Any) -> str:
    """The explain mode PySpark reads from ``explain``'s arguments, checked as it checks them."""
    if extended is not None and mode is not None:
        raise errors.PySparkValueError(errorClass="CANNOT_SET_TOGETHER", messageParameters={"arg_list": "extended and mode"})
    if extended is not None and not isinstance(extended, (bool, str)):
        raise errors.PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"expected_type": "bool or str", "arg_name": "extended", "arg_type": type(extended).__name__},
        )
    if mode is not None and not isinstance(mode, str):
        raise errors.PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"arg_name": "mode", "expected_type": "str", "arg_type": type(mode).__name__},
        )
    if isinstance(extended, bool):
        return "extended" if extended else "simple"
    chosen = (extended if isinstance(extended, str) else mode or "simple").lower()
    if chosen not in _EXPLAIN_MODES:
        msg = f"Unknown explain mode: {chosen}. Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'."
        raise errors.IllegalArgumentException(msg)
    return chosen

