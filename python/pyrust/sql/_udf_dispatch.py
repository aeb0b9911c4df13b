"""Running Python user-defined functions for the engine.

Every UDF gets a process-unique engine name when it is made (``register``);
plans call it by that name (``docs/architecture.md``, contract 11). Each engine
session registers the functions it has not seen before it runs a plan
(``sync``), giving the engine one callable, ``dispatch``: the engine calls it
with the name, the input as ``pyarrow`` record batches (zero-copy) and the
schema of the result, and it runs the function as its kind asks:

======================  =====================================================
kind                    input → output
======================  =====================================================
``batched``             a batch of argument columns → one value per row
                        (``udf``: Python values in, Python values out)
``pandas``/``arrow``    the argument columns as Series / Arrays → one column
``pandas_iter``/        an iterator over the batch's argument columns (one or a
``arrow_iter``          tuple per batch) → an iterator of columns
``pandas_agg``/         a group's argument columns → one value
``arrow_agg``           (``_iter``: an iterator over them)
``map_pandas``/         a partition's batches as DataFrames / RecordBatches →
``map_arrow``           rows of the declared schema (``mapInPandas``/``mapInArrow``)
``group_pandas``/       one group's rows as a DataFrame / Table (and its key) →
``group_arrow``         rows (``applyInPandas``/``applyInArrow``)
======================  =====================================================

Results are converted to the declared type as PySpark 4.3 does: row-wise
results through PySpark's Python-to-Arrow rules (strings from any value,
structs from tuples, dicts or objects), then Arrow's conversion, with an unsafe
cast as the fallback; a value Arrow cannot convert fails the query with a
``PythonException`` carrying the traceback.
"""

from __future__ import annotations

import datetime
import decimal
import itertools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from pyrust.sql import types as T
from pyrust.sql._conversion import _python_value


@dataclass
class HostFunction:
    """A registered Python function: what the engine calls by ``name``."""

    name: str
    kind: str
    function: Callable[..., Any]
    return_type: T.DataType | None
    deterministic: bool = True
    # For grouped kinds: the key columns' names; for the others, unused.
    keys: tuple[str, ...] = ()
    # For grouped kinds: whether the function takes the key as its first argument.
    with_key: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def engine_kind(self) -> str:
        if self.kind in ("batched", "pandas", "arrow", "pandas_iter", "arrow_iter"):
            return "scalar"
        if self.kind.endswith("_agg") or self.kind.endswith("_agg_iter"):
            return "aggregate"
        return "relation"


_LOCK = threading.Lock()
_FUNCTIONS: dict[str, HostFunction] = {}
_ORDER: list[str] = []
_COUNTER = itertools.count(1)


def register(display_name: str, make: Callable[[str], HostFunction]) -> HostFunction:
    """A new host function named after ``display_name``, unique in the process."""
    slug = re.sub(r"[^a-z0-9_]", "_", display_name.lower())[:40]
    with _LOCK:
        name = f"pyrust_udf_{next(_COUNTER)}_{slug}"
        entry = make(name)
        _FUNCTIONS[name] = entry
        _ORDER.append(name)
    return entry


def lookup(name: str) -> HostFunction | None:
    return _FUNCTIONS.get(name)


def sync(engine: Any, known: int) -> int:
    """Register with ``engine`` (an ``_engine.Session``) the functions made since
    the first ``known``; returns how many it knows now."""
    with _LOCK:
        pending = _ORDER[known:]
    for name in pending:
        entry = _FUNCTIONS[name]
        return_field = None
        if entry.engine_kind != "relation":
            return_field = pa.field("_result", T.to_arrow_type(entry.return_type), True)
        engine.register_host_function(name, entry.engine_kind, entry.deterministic, dispatch, return_field)
    return known + len(pending)


def variant(entry: HostFunction, argument_types: tuple[T.DataType, ...]) -> HostFunction:
    """``entry`` for one call site whose arguments hold structs: the engine names struct
    fields by position, so the dispatcher renames them from ``argument_types``."""
    key = (entry.name, argument_types)
    with _LOCK:
        found = _VARIANTS.get(key)
    if found is not None:
        return found
    made = register(
        entry.name,
        lambda name: HostFunction(
            name, entry.kind, entry.function, entry.return_type, entry.deterministic,
            extra={"argument_types": [T.to_arrow_type(data_type) for data_type in argument_types]},
        ),
    )
    with _LOCK:
        _VARIANTS[key] = made
    return made


_VARIANTS: dict[tuple[str, tuple[T.DataType, ...]], HostFunction] = {}


def _renamed(array: pa.Array, arrow_type: pa.DataType) -> pa.Array:
    """``array`` with the struct field names of ``arrow_type`` (same shape, names by position)."""
    if pa.types.is_struct(array.type) and pa.types.is_struct(arrow_type) and array.type.num_fields == arrow_type.num_fields:
        children = [_renamed(array.field(index), arrow_type.field(index).type) for index in range(arrow_type.num_fields)]
        names = [arrow_type.field(index).name for index in range(arrow_type.num_fields)]
        return pa.StructArray.from_arrays(children, names=names, mask=array.is_null())
    return array


def dispatch(name: str, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    """What the engine calls: run function ``name`` on ``batches``; batches of ``schema``."""
    entry = _FUNCTIONS[name]
    argument_types = entry.extra.get("argument_types")
    if argument_types is not None:
        names = entry.extra.get("input_names")
        batches = [
            pa.RecordBatch.from_arrays(
                [_renamed(column, arrow_type) for column, arrow_type in zip(batch.columns, argument_types)],
                names=names if names is not None else batch.schema.names,
            )
            for batch in batches
        ]
    runner = _RUNNERS[entry.kind]
    return runner(entry, batches, schema)


# -- results -------------------------------------------------------------------


def _result_converter(data_type: T.DataType) -> Callable[[Any], Any] | None:
    """PySpark's conversion of a row-wise result to the shape Arrow takes for ``data_type``."""
    if isinstance(data_type, T.StringType):
        return lambda value: (
            value
            if value is None or type(value) is str
            else ("true" if value is True else "false" if value is False else str(value))
        )
    if isinstance(data_type, T.StructType):
        names = data_type.fieldNames()
        converters = [_result_converter(item.dataType) for item in data_type.fields]

        def convert_struct(value: Any) -> Any:
            if value is None:
                return None
            if isinstance(value, tuple):
                items = list(value)
            elif isinstance(value, dict):
                items = [value.get(name) for name in names]
            else:
                items = [vars(value).get(name) for name in names]
            return {
                name: (converter(item) if converter else item)
                for name, converter, item in zip(names, converters, items)
            }

        return convert_struct
    if isinstance(data_type, T.ArrayType):
        element = _result_converter(data_type.elementType)
        if element is None:
            return None
        return lambda value: None if value is None else [element(item) for item in value]
    if isinstance(data_type, T.MapType):
        key = _result_converter(data_type.keyType) or (lambda item: item)
        item_converter = _result_converter(data_type.valueType) or (lambda item: item)
        return lambda value: None if value is None else [(key(k), item_converter(v)) for k, v in value.items()]
    if isinstance(data_type, T.BinaryType):
        return lambda value: None if value is None else bytes(value)
    if isinstance(data_type, T.TimestampType):
        # A naive datetime is a local time, as PySpark reads it.
        return lambda value: None if value is None else value.astimezone(datetime.timezone.utc)
    if isinstance(data_type, T.DecimalType):
        exponent = decimal.Decimal(f"1E-{data_type.scale}")
        context = decimal.Context(prec=data_type.precision, rounding=decimal.ROUND_HALF_EVEN)
        return lambda value: (
            None if value is None or (isinstance(value, decimal.Decimal) and value.is_nan())
            else decimal.Decimal(value).quantize(exponent, context=context)
        )
    return None


def _to_arrow(values: list[Any], arrow_type: pa.DataType) -> pa.Array:
    """``values`` as an array of ``arrow_type``, with an unsafe cast where Arrow will not convert them directly."""
    try:
        return pa.array(values, type=arrow_type)
    except pa.lib.ArrowInvalid:
        return pa.array(values).cast(target_type=arrow_type, safe=False)


def _single_column(array: pa.Array, schema: pa.Schema) -> list[pa.RecordBatch]:
    target = schema.field(0).type
    if array.type != target:
        array = array.cast(target, safe=False)
    return [pa.RecordBatch.from_arrays([array], schema=schema)]


def _check_length(name: str, got: int, expected: int) -> None:
    if got != expected:
        from pyrust import errors

        raise errors.PySparkRuntimeError(
            errorClass="SCHEMA_MISMATCH_FOR_PANDAS_UDF",
            messageParameters={"expected": str(expected), "actual": str(got)},
        )


# -- row-wise ------------------------------------------------------------------


def _python_columns(batch: pa.RecordBatch) -> list[list[Any]]:
    """The batch's columns as Python values, as PySpark's row-wise UDFs see them."""
    columns = []
    for column in batch.columns:
        data_type = T.from_arrow_type(column.type)
        values = column.to_pylist()
        if isinstance(data_type, (T.StructType, T.MapType, T.ArrayType, T.BinaryType, T.TimestampType)):
            values = [_python_value(value, data_type) for value in values]
        columns.append(values)
    return columns


def _run_batched(entry: HostFunction, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    output: list[pa.RecordBatch] = []
    function = entry.function
    converter = _result_converter(entry.return_type)
    arrow_type = schema.field(0).type
    for batch in batches:
        columns = _python_columns(batch)
        if columns:
            results = [function(*row) for row in zip(*columns)]
        else:
            results = [function() for _ in range(batch.num_rows)]
        if converter is not None:
            results = [converter(value) for value in results]
        output += _single_column(_to_arrow(results, arrow_type), schema)
    return output


# -- vectorized scalars -------------------------------------------------------------


def _pandas_argument(column: pa.Array) -> Any:
    """A column as a pandas UDF gets it: a Series, or a DataFrame for a struct."""
    if pa.types.is_struct(column.type):
        import pandas as pd

        return pd.DataFrame(
            {column.type.field(index).name: _pandas_argument(column.field(index)) for index in range(column.type.num_fields)}
        )
    return column.to_pandas()


def _from_pandas(result: Any, arrow_type: pa.DataType) -> pa.Array:
    """A pandas result (Series, or DataFrame for a struct type) as an array of ``arrow_type``."""
    import pandas as pd

    if isinstance(result, pd.DataFrame):
        if not pa.types.is_struct(arrow_type):
            result = result.iloc[:, 0]
        else:
            children = []
            for index in range(arrow_type.num_fields):
                child = arrow_type.field(index)
                values = result[child.name] if child.name in result.columns else result.iloc[:, index]
                children.append(_from_pandas(values, child.type))
            return pa.StructArray.from_arrays(children, fields=list(arrow_type))
    if not isinstance(result, pd.Series):
        result = pd.Series(result)
    try:
        return pa.Array.from_pandas(result, type=arrow_type)
    except (pa.lib.ArrowInvalid, pa.lib.ArrowTypeError):
        return pa.Array.from_pandas(result).cast(arrow_type, safe=False)


def _from_arrow_result(result: Any, arrow_type: pa.DataType) -> pa.Array:
    if isinstance(result, pa.ChunkedArray):
        result = result.combine_chunks()
    if not isinstance(result, pa.Array):
        result = pa.array(result)
    return result if result.type == arrow_type else result.cast(arrow_type, safe=False)


def _arguments(entry: HostFunction, batch: pa.RecordBatch) -> list[Any]:
    if entry.kind.startswith("pandas"):
        return [_pandas_argument(column) for column in batch.columns]
    return list(batch.columns)


def _convert(entry: HostFunction, result: Any, arrow_type: pa.DataType) -> pa.Array:
    if entry.kind.startswith("pandas"):
        return _from_pandas(result, arrow_type)
    return _from_arrow_result(result, arrow_type)


def _run_vectorized(entry: HostFunction, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    output = []
    arrow_type = schema.field(0).type
    for batch in batches:
        result = _convert(entry, entry.function(*_arguments(entry, batch)), arrow_type)
        _check_length(entry.name, len(result), batch.num_rows)
        output += _single_column(result, schema)
    return output


def _iterator_item(arguments: list[Any]) -> Any:
    return arguments[0] if len(arguments) == 1 else tuple(arguments)


def _run_vectorized_iterator(entry: HostFunction, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    arrow_type = schema.field(0).type
    items = (_iterator_item(_arguments(entry, batch)) for batch in batches)
    results = [_convert(entry, result, arrow_type) for result in entry.function(items)]
    total = sum(len(result) for result in results)
    _check_length(entry.name, total, sum(batch.num_rows for batch in batches))
    array = pa.concat_arrays(results) if results else pa.array([], type=arrow_type)
    return _single_column(array, schema)


def _scalar_result(entry: HostFunction, value: Any, arrow_type: pa.DataType) -> pa.Array:
    if isinstance(value, pa.Scalar):
        value = value.as_py()
    if entry.kind.startswith("pandas"):
        # A pandas result: NaN is a null, as pandas' conversion to Arrow has it.
        return pa.array([value], type=arrow_type, from_pandas=True)
    converter = _result_converter(entry.return_type)
    if converter is not None:
        value = converter(value)
    return _to_arrow([value], arrow_type)


def _run_aggregate(entry: HostFunction, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    arrow_type = schema.field(0).type
    batch = batches[0] if len(batches) == 1 else pa.Table.from_batches(batches).combine_chunks().to_batches()[0]
    arguments = _arguments(entry, batch)
    if entry.kind.endswith("_iter"):
        value = entry.function(iter([_iterator_item(arguments)]))
    else:
        value = entry.function(*arguments)
    return _single_column(_scalar_result(entry, value, arrow_type), schema)


# -- relations ------------------------------------------------------------------


def _table_from_pandas(frame: Any, schema: pa.Schema) -> pa.Table:
    """A pandas DataFrame as a table of ``schema``: by column name when its labels are
    strings, else by position (as PySpark's ``assign_cols_by_name``)."""
    by_name = all(isinstance(label, str) for label in frame.columns)
    arrays = []
    for index, target in enumerate(schema):
        if by_name and target.name in frame.columns:
            values = frame[target.name]
        else:
            values = frame.iloc[:, index]
        arrays.append(_from_pandas(values, target.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _table_from_arrow(result: Any, schema: pa.Schema) -> pa.Table:
    table = pa.Table.from_batches([result]) if isinstance(result, pa.RecordBatch) else result
    arrays = []
    for target in schema:
        column = table.column(target.name) if target.name in table.column_names else table.column(len(arrays))
        arrays.append(column.cast(target.type, safe=False) if column.type != target.type else column)
    return pa.Table.from_arrays(arrays, schema=schema)


def _batches(table: pa.Table) -> list[pa.RecordBatch]:
    return table.combine_chunks().to_batches() if table.num_rows else []


def _run_map(entry: HostFunction, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    output: list[pa.RecordBatch] = []
    if entry.kind == "map_pandas":
        frames = (batch.to_pandas() for batch in batches)
        for frame in entry.function(frames):
            output += _batches(_table_from_pandas(frame, schema))
    else:
        for result in entry.function(iter(batches)):
            output += _batches(_table_from_arrow(result, schema))
    return output


def _run_table_function(entry: HostFunction, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    output: list[pa.RecordBatch] = []
    for result in entry.function(batches):
        output += _batches(_table_from_arrow(result, schema))
    return output


def _group_slices(table: pa.Table, keys: tuple[str, ...]) -> tuple[pa.Table, list[tuple[tuple[Any, ...], int, int]]]:
    """``table`` sorted so that rows of equal ``keys`` are adjacent (in input order
    within a group), and each group's key, first row and row count; groups in key
    order, nulls first, as Spark sorts each partition by the keys."""
    indices = pa.array(range(table.num_rows), type=pa.int64())
    grouped = (
        table.select(list(keys))
        .append_column("__pyrust_row", indices)
        .group_by(list(keys), use_threads=False)
        .aggregate([("__pyrust_row", "list")])
    )
    try:
        grouped = grouped.sort_by([(key, "ascending", "at_start") for key in keys])
    except (TypeError, ValueError, pa.lib.ArrowInvalid):  # pyarrow before 25: one placement for all keys
        grouped = grouped.sort_by([(key, "ascending") for key in keys], null_placement="at_start")
    rows = grouped.column("__pyrust_row_list").combine_chunks()
    ordered = table.take(rows.flatten())
    key_values = [grouped.column(key).to_pylist() for key in keys]
    offsets = rows.offsets.to_pylist()
    slices = [
        (tuple(values[position] for values in key_values), offsets[position], offsets[position + 1] - offsets[position])
        for position in range(grouped.num_rows)
    ]
    return ordered, slices


def _pandas_groups(table: pa.Table, slices: list[tuple[tuple[Any, ...], int, int]]) -> Iterator[Any]:
    """Each group of ``table`` (sorted by :func:`_group_slices`) as a pandas DataFrame,
    as converting the group alone gives it: the whole table is converted once unless a
    column's pandas type would depend on nulls in other groups (integers, booleans)."""
    whole_is_exact = all(
        column.null_count == 0 or not (pa.types.is_integer(column.type) or pa.types.is_boolean(column.type))
        for column in table.columns
    )
    if whole_is_exact:
        frame = table.to_pandas()
        for _, start, length in slices:
            yield frame.iloc[start : start + length].reset_index(drop=True)
    else:
        for _, start, length in slices:
            yield table.slice(start, length).to_pandas()


def _run_grouped(entry: HostFunction, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    table = pa.Table.from_batches(batches)
    if not table.num_rows:
        return []
    output: list[pa.RecordBatch] = []
    hidden = entry.extra.get("hidden_keys", ())
    iterator = entry.extra.get("iterator", False)
    ordered, slices = _group_slices(table, entry.keys)
    key_types = [ordered.schema.field(name).type for name in entry.keys]
    if hidden:
        ordered = ordered.drop_columns(list(hidden))
    pandas = entry.kind == "group_pandas"
    frames = _pandas_groups(ordered, slices) if pandas else (ordered.slice(start, length) for _, start, length in slices)
    convert = _table_from_pandas if pandas else _table_from_arrow
    for (key, _, length), data in zip(slices, frames):
        if not pandas:
            key = tuple(pa.scalar(value, type=key_type) for value, key_type in zip(key, key_types))
        if iterator:
            data = iter([data] if length else [])
        result = entry.function(key, data) if entry.with_key else entry.function(data)
        for item in result if iterator else [result]:
            output += _batches(convert(item, schema))
    return output


def _run_cogrouped(entry: HostFunction, batches: list[pa.RecordBatch], schema: pa.Schema) -> list[pa.RecordBatch]:
    """Each key's rows of both sides (see ``pandas.group_ops.PandasCogroupedOps``)."""
    import pyarrow.compute as pc

    table = pa.Table.from_batches(batches)
    left_names, right_names = entry.extra["left_names"], entry.extra["right_names"]
    left_columns = [f"__pyrust_l_{index}" for index in range(len(left_names))]
    right_columns = [f"__pyrust_r_{index}" for index in range(len(right_names))]
    output: list[pa.RecordBatch] = []
    pandas = entry.kind == "cogroup_pandas"
    if not table.num_rows:
        return []
    ordered, slices = _group_slices(table, entry.keys)
    for key, start, length in slices:
        group = ordered.slice(start, length)
        on_left = pc.equal(group.column("__pyrust_side"), 0)
        left = group.filter(on_left).select(left_columns).rename_columns(left_names)
        right = group.filter(pc.invert(on_left)).select(right_columns).rename_columns(right_names)
        if pandas:
            arguments: list[Any] = [left.to_pandas(), right.to_pandas()]
        else:
            arguments = [left, right]
            key = tuple(pa.scalar(value, type=group.schema.field(name).type) for value, name in zip(key, entry.keys))
        result = entry.function(key, *arguments) if entry.with_key else entry.function(*arguments)
        output += _batches(_table_from_pandas(result, schema) if pandas else _table_from_arrow(result, schema))
    return output


_RUNNERS: dict[str, Callable[[HostFunction, list[pa.RecordBatch], pa.Schema], list[pa.RecordBatch]]] = {
    "batched": _run_batched,
    "pandas": _run_vectorized,
    "arrow": _run_vectorized,
    "pandas_iter": _run_vectorized_iterator,
    "arrow_iter": _run_vectorized_iterator,
    "pandas_agg": _run_aggregate,
    "arrow_agg": _run_aggregate,
    "pandas_agg_iter": _run_aggregate,
    "arrow_agg_iter": _run_aggregate,
    "map_pandas": _run_map,
    "map_arrow": _run_map,
    "group_pandas": _run_grouped,
    "group_arrow": _run_grouped,
    "udtf": _run_table_function,
    "cogroup_pandas": _run_cogrouped,
    "cogroup_arrow": _run_cogrouped,
}
