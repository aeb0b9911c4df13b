"""Python user-defined table functions, as ``pyspark.sql.udtf``.

A UDTF is a class whose ``eval`` yields rows for each input row (and whose
optional ``terminate`` yields more at the end). Called on columns it gives a
DataFrame: the rows ``eval`` yields for the one row of its (constant)
arguments. It runs as a host relation (``_plan.HostRelation``): the engine
gives the Python function a partition's batches, one instance of the class
handles them all, as Spark runs one instance per partition. Its output schema
is its ``returnType`` or what its static ``analyze`` method returns for the
arguments' types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from pyrust import errors
from pyrust.sql import types as T

__all__ = [
    "AnalyzeArgument",
    "AnalyzeResult",
    "OrderingColumn",
    "PartitioningColumn",
    "SelectedColumn",
    "SkipRestOfInputTableException",
    "UDTFRegistration",
    "UserDefinedTableFunction",
]


class SkipRestOfInputTableException(Exception):  # noqa: N818 - PySpark's name
    """Raised by a UDTF's ``eval``: skip the rest of its input (``terminate`` still runs)."""


@dataclass(frozen=True)
class AnalyzeArgument:
    """An argument as ``analyze`` sees it: its type, and its value when constant."""

    dataType: T.DataType  # noqa: N815 - PySpark's name
    value: Any
    isTable: bool  # noqa: N815
    isConstantExpression: bool  # noqa: N815


@dataclass(frozen=True)
class PartitioningColumn:
    name: str


@dataclass(frozen=True)
class OrderingColumn:
    name: str
    ascending: bool = True
    overrideNullsFirst: bool | None = None  # noqa: N815


@dataclass(frozen=True)
class SelectedColumn:
    name: str
    alias: str = ""


@dataclass
class AnalyzeResult:
    """What ``analyze`` returns: the output schema (the partitioning fields are not used by pyrust)."""

    schema: T.StructType
    withSinglePartition: bool = False  # noqa: N815
    partitionBy: Sequence[PartitioningColumn] = field(default_factory=tuple)  # noqa: N815
    orderBy: Sequence[OrderingColumn] = field(default_factory=tuple)  # noqa: N815
    select: Sequence[SelectedColumn] = field(default_factory=tuple)


class UserDefinedTableFunction:
    """A Python table function; calling it on columns gives a DataFrame."""

    def __init__(
        self,
        func: type,
        returnType: Any = None,  # noqa: N803 - PySpark's name
        name: str | None = None,
        evalType: int = 300,  # noqa: N803
        deterministic: bool = False,
    ) -> None:
        if not isinstance(func, type) or not hasattr(func, "eval"):
            raise errors.PySparkTypeError(
                errorClass="INVALID_UDTF_NO_EVAL", messageParameters={"name": getattr(func, "__name__", str(func))}
            )
        has_analyze = isinstance(func.__dict__.get("analyze"), staticmethod)
        if returnType is None and not has_analyze:
            raise errors.PySparkAttributeError(
                errorClass="INVALID_UDTF_RETURN_TYPE", messageParameters={"name": func.__name__}
            )
        if returnType is not None and has_analyze:
            raise errors.PySparkAttributeError(
                errorClass="INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE", messageParameters={"name": func.__name__}
            )
        self.func = func
        self._returnType = returnType
        self._name = name or func.__name__
        self.evalType = evalType
        self.deterministic = deterministic

    @property
    def returnType(self) -> T.StructType | None:  # noqa: N802 - PySpark's name
        if self._returnType is None:
            return None
        from pyrust.sql.pandas._host import output_schema

        return output_schema(self._returnType)

    def asDeterministic(self) -> UserDefinedTableFunction:  # noqa: N802 - PySpark's name
        self.deterministic = True
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from pyrust.sql import functions as F
        from pyrust.sql.column import _to_column
        from pyrust.sql.pandas._host import host_relation
        from pyrust.sql.session import SparkSession

        from pyrust.sql.table_arg import TableArg

        if any(isinstance(argument, TableArg) for argument in (*args, *kwargs.values())):
            return self._over_table(args, kwargs)
        spark = SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()
        columns = [_to_column(argument) for argument in args]
        keywords = list(kwargs)
        columns += [_to_column(value) for value in kwargs.values()]
        arguments = spark.range(1).select(*[column.alias(f"_{index}") for index, column in enumerate(columns)])
        schema = self.returnType
        if schema is None:
            schema = self._analyze(arguments, len(args), keywords, arguments.collect()[0] if columns else ())
        # One row (and one column, so that the row is never an empty batch) with the arguments.
        source = spark.range(1).select(
            F.lit(0).alias("__pyrust_row"), *[column.alias(f"_{index}") for index, column in enumerate(columns)]
        )
        evaluator = _ArrowEvaluator if self.evalType == _ARROW_UDTF else _Evaluator
        function = evaluator(self.func, len(args), tuple(keywords), schema, skip=1)
        return host_relation(source, "udtf", function, schema)

    def _over_table(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """The function over a table argument (``df.asTable()``): ``eval`` gets each of its
        rows as a ``Row`` (its other arguments are constants); an instance per partition."""
        from pyrust.sql import functions as F
        from pyrust.sql._expressions import SortOrder
        from pyrust.sql.column import Column, _to_column
        from pyrust.sql.pandas._host import host_relation
        from pyrust.sql.table_arg import TableArg

        values = [*args, *kwargs.values()]
        tables = [index for index, value in enumerate(values) if isinstance(value, TableArg)]
        if len(tables) > 1:
            raise errors.AnalysisException(
                errorClass="TABLE_VALUED_FUNCTION_TOO_MANY_TABLE_ARGUMENTS",
                messageParameters={"num": str(len(tables))},
            )
        if self.evalType == _ARROW_UDTF:
            raise errors.PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "a table argument of an Arrow UDTF"}
            )
        table: TableArg = values[tables[0]]
        frame = table._frame
        width = len(frame.columns)
        # Partitioned or single: all rows in one call, in partition order (as Spark, whose
        # adaptive execution reads a small shuffle as one partition sorted by the keys).
        partitioning = [F.lit(0), *table._partition_by] if table._partition_by or table._single_partition else []
        keys = [column.alias(f"__pyrust_partition_{index}") for index, column in enumerate(partitioning)]
        orders = []
        directions = []
        for index, column in enumerate(table._order_by):
            expression = column._expression
            if isinstance(expression, SortOrder):
                directions.append((expression.ascending, expression.nulls_first))
                column = Column(expression.child)
            else:
                directions.append((True, True))
            orders.append(column.alias(f"__pyrust_order_{index}"))
        others = [_to_column(value).alias(f"__pyrust_argument_{index}") for index, value in enumerate(values) if index != tables[0]]
        source = frame.select("*", *keys, *orders, *others)
        schema = self.returnType
        if schema is None:
            table_type = T.StructType(list(frame.schema.fields))
            analyze_values = [
                AnalyzeArgument(table_type, None, True, False) if index == tables[0] else None for index in range(len(values))
            ]
            fields = source.schema.fields[width + len(keys) + len(orders) :]
            schema = self._analyze_arguments(analyze_values, fields, len(args), list(kwargs))
        function = _TableEvaluator(
            self.func,
            len(args),
            tuple(kwargs),
            schema,
            table=tables[0],
            names=tuple(frame.columns),
            keys=len(keys),
            directions=tuple(directions),
        )
        return host_relation(source, "udtf", function, schema, keys=(width,) if keys else ())

    def _analyze_arguments(self, table_arguments: list[Any], fields: list[Any], positional: int, keywords: list[str]) -> T.StructType:
        """``analyze``'s schema for arguments among which is a table (``table_arguments``
        holds its ``AnalyzeArgument``, None for each other argument, whose ``fields`` follow)."""
        scalar = iter(fields)
        arguments = [
            argument if argument is not None else AnalyzeArgument(next(scalar).dataType, None, False, False)
            for argument in table_arguments
        ]
        result = self.func.analyze(*arguments[:positional], **dict(zip(keywords, arguments[positional:])))
        if not isinstance(result, AnalyzeResult) or not isinstance(result.schema, T.StructType):
            raise errors.PySparkValueError(
                errorClass="INVALID_UDTF_HANDLER_TYPE", messageParameters={"type": type(result).__name__}
            )
        return result.schema

    def _lateral(self, frame: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
        """``frame`` joined with the rows the function yields for each of its rows
        (SQL's ``FROM t, LATERAL f(t.x)``): its columns, then the function's."""
        from pyrust.sql.pandas._host import host_relation

        columns = [*args, *kwargs.values()]
        width = len(frame.columns)
        source = frame.select("*", *[column.alias(f"__pyrust_argument_{index}") for index, column in enumerate(columns)])
        schema = self.returnType
        if schema is None:
            schema = self._analyze(source.select(*source.columns[width:]), len(args), list(kwargs), None)
        function = _Evaluator(self.func, len(args), tuple(kwargs), schema, passthrough=width)
        output = T.StructType([*frame.schema.fields, *schema.fields])
        return host_relation(source, "udtf", function, output)

    def _analyze(self, source: Any, positional: int, keywords: list[str], values: Any) -> T.StructType:
        constant = values is not None
        values = values if constant else [None] * len(source.columns)
        arguments = [
            AnalyzeArgument(field.dataType, value, False, constant) for field, value in zip(source.schema.fields, values)
        ]
        result = self.func.analyze(*arguments[:positional], **dict(zip(keywords, arguments[positional:])))
        if not isinstance(result, AnalyzeResult) or not isinstance(result.schema, T.StructType):
            raise errors.PySparkValueError(
                errorClass="INVALID_UDTF_HANDLER_TYPE", messageParameters={"type": type(result).__name__}
            )
        return result.schema


class _Evaluator:
    """What the engine runs for a UDTF: one instance of the class per partition."""

    def __init__(
        self,
        cls: type,
        positional: int,
        keywords: tuple[str, ...],
        schema: T.StructType,
        passthrough: int = 0,
        skip: int = 0,
    ) -> None:
        self.cls = cls
        # How many leading input columns are neither passed through nor arguments.
        self.skip = skip
        # How many input columns (a LATERAL join's left side) come before the yielded ones.
        self.passthrough = passthrough
        self.positional = positional
        self.keywords = keywords
        self.schema = schema
        self.__name__ = cls.__name__

    def __call__(self, batches: Any) -> Any:
        """The rows for a partition's ``batches`` (the input columns to pass through, then the arguments)."""
        from pyrust.sql._udf_dispatch import _python_columns, _result_converter

        instance = self.cls()
        rows: list[Any] = []
        try:
            for batch in batches:
                columns = _python_columns(batch)
                for row in zip(*columns):
                    values = row[self.skip :]
                    kept, arguments = values[: self.passthrough], values[self.passthrough :]
                    keywords = dict(zip(self.keywords, arguments[self.positional :]))
                    produced = instance.eval(*arguments[: self.positional], **keywords)
                    rows += [(*kept, *row) for row in produced or ()]
        except SkipRestOfInputTableException:
            pass
        terminate = getattr(instance, "terminate", None)
        if terminate is not None:
            rows += [(*([None] * self.passthrough), *row) for row in terminate() or ()]
        cleanup = getattr(instance, "cleanup", None)
        if cleanup is not None:
            cleanup()
        convert = _result_converter(self.schema)
        converted = [convert(row) for row in rows]
        arrow_type = T.to_arrow_type(self.schema)
        table = pa.Table.from_struct_array(pa.array(converted, type=arrow_type)) if converted else None
        if table is not None:
            yield from table.to_batches()


class _TableEvaluator(_Evaluator):
    """A UDTF over a table argument: each input row is the table's columns, the
    partitioning values (``keys`` of them), the ordering values (one per
    ``directions``: ascending, nulls first), then the other arguments. The rows are
    sorted by partition, then as asked; a new instance starts (and the previous one
    terminates) where the partitioning values change."""

    def __init__(
        self,
        cls: type,
        positional: int,
        keywords: tuple[str, ...],
        schema: T.StructType,
        *,
        table: int,
        names: tuple[str, ...],
        keys: int,
        directions: tuple[tuple[bool, bool], ...],
    ) -> None:
        super().__init__(cls, positional, keywords, schema)
        self.table = table
        self.names = names
        self.keys = keys
        self.directions = directions

    def _sorted(self, rows: list[tuple]) -> list[tuple]:
        width = len(self.names)
        for offset, (ascending, nulls_first) in reversed(list(enumerate(self.directions))):
            position = width + self.keys + offset
            present = [row for row in rows if row[position] is not None]
            missing = [row for row in rows if row[position] is None]
            present.sort(key=lambda row: row[position], reverse=not ascending)
            rows = missing + present if nulls_first else present + missing
        if self.keys:
            # Rows of one partition together (a stable sort keeps the order above).
            rows.sort(key=lambda row: tuple((value is not None, value) for value in row[width : width + self.keys]))
        return rows

    def __call__(self, batches: Any) -> Any:
        from pyrust.sql._udf_dispatch import _python_columns, _result_converter
        from pyrust.sql.row import Row

        width = len(self.names)
        make_row = Row(*self.names)
        inputs = [values for batch in batches for values in zip(*_python_columns(batch))]
        rows: list[Any] = []
        instance: Any = None
        current: Any = None
        skipping = False

        def finish() -> None:
            terminate = getattr(instance, "terminate", None)
            if terminate is not None:
                rows.extend(terminate() or ())
            cleanup = getattr(instance, "cleanup", None)
            if cleanup is not None:
                cleanup()

        for values in self._sorted(inputs):
            partition = values[width : width + self.keys]
            if instance is None or partition != current:
                if instance is not None:
                    finish()
                instance, current, skipping = self.cls(), partition, False
            if skipping:
                continue
            arguments = list(values[width + self.keys + len(self.directions) :])
            arguments.insert(self.table, make_row(*values[:width]))
            keywords = dict(zip(self.keywords, arguments[self.positional :]))
            try:
                rows.extend(instance.eval(*arguments[: self.positional], **keywords) or ())
            except SkipRestOfInputTableException:
                skipping = True
        if instance is not None:
            finish()
        convert = _result_converter(self.schema)
        converted = [convert(row) for row in rows]
        if converted:
            yield from pa.Table.from_struct_array(pa.array(converted, type=T.to_arrow_type(self.schema))).to_batches()


class _ArrowEvaluator(_Evaluator):
    """An Arrow UDTF: ``eval`` gets each batch's argument columns as ``pyarrow`` arrays
    and yields tables or record batches."""

    def __call__(self, batches: Any) -> Any:
        instance = self.cls()
        arrow_schema = T.to_arrow_schema(self.schema)
        results: list[Any] = []
        for batch in batches:
            if not batch.num_rows:
                continue
            columns = batch.columns[self.skip :]
            keywords = dict(zip(self.keywords, columns[self.positional :]))
            results += list(instance.eval(*columns[: self.positional], **keywords) or ())
        terminate = getattr(instance, "terminate", None)
        if terminate is not None:
            results += list(terminate() or ())
        for result in results:
            table = pa.Table.from_batches([result]) if isinstance(result, pa.RecordBatch) else result
            yield from table.cast(arrow_schema).to_batches()


class UDTFRegistration:
    """``spark.udtf``: table functions registered by name for SQL."""

    def __init__(self, sparkSession: Any) -> None:  # noqa: N803 - PySpark's name
        self.sparkSession = sparkSession

    def register(self, name: str, f: UserDefinedTableFunction) -> UserDefinedTableFunction:
        """Register the UDTF ``f`` as the SQL table function ``name``; returns it."""
        if not isinstance(f, UserDefinedTableFunction):
            raise errors.PySparkTypeError(
                errorClass="CANNOT_REGISTER_UDTF", messageParameters={"name": name}
            )
        registered = UserDefinedTableFunction(f.func, f._returnType, name, f.evalType, f.deterministic)
        _REGISTERED[name.lower()] = registered
        return registered


# Table functions registered for SQL, by lower-case name.
_REGISTERED: dict[str, UserDefinedTableFunction] = {}


def lookup(name: str) -> UserDefinedTableFunction | None:
    """The table function registered as ``name``, if any."""
    return _REGISTERED.get(name.lower())


_ARROW_UDTF = 302


def udtf(cls: Any = None, *, returnType: Any = None, useArrow: bool | None = None) -> Any:  # noqa: N803
    """A Python table function from a class with ``eval`` (decorator or function form)."""
    if cls is None:
        return lambda decorated: UserDefinedTableFunction(decorated, returnType)
    return UserDefinedTableFunction(cls, returnType)


def arrow_udtf(cls: Any = None, *, returnType: Any = None) -> Any:  # noqa: N803
    """A table function whose ``eval`` takes ``pyarrow`` arrays and yields tables."""
    if cls is None:
        return lambda decorated: UserDefinedTableFunction(decorated, returnType, evalType=_ARROW_UDTF)
    return UserDefinedTableFunction(cls, returnType, evalType=_ARROW_UDTF)
