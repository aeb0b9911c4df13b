"""Moving data between Python values, Arrow, and PySpark's result objects.

Results arrive as Arrow tables; ``collect()`` turns them into ``Row``s with the
Python values PySpark returns (``bytes`` for binary, as PySpark 4.3 does, ``dict`` for maps,
``Row`` for structs, naive local datetimes for timestamps).
"""

from __future__ import annotations

import datetime
from typing import Any

import pyarrow as pa

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql.row import Row, _create_row


def arrow_to_rows(table: pa.Table, schema: T.StructType, for_show: bool = False) -> list[Row]:
    """The rows of a result table as PySpark ``Row`` objects.

    PySpark cannot collect year-month and calendar intervals (``NOT_IMPLEMENTED``); ``show()``
    can, so with ``for_show`` their values stay as they come: a number of months, and
    ``(months, days, nanoseconds)``.
    """
    names = [field.name for field in schema.fields]
    if not for_show:
        for field in schema.fields:
            _check_collectable(field.dataType)
    columns = [
        [_python_value(value, field.dataType) for value in table.column(index).to_pylist()]
        for index, field in enumerate(schema.fields)
    ]
    return [_create_row(names, list(values)) for values in zip(*columns)] if columns else []


def _check_collectable(data_type: T.DataType) -> None:
    """PySpark's error for a type it has no Python value of."""
    if isinstance(data_type, (T.YearMonthIntervalType, T.CalendarIntervalType)):
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"{type(data_type).__name__}.fromInternal"}
        )
    if isinstance(data_type, T.ArrayType):
        _check_collectable(data_type.elementType)
    elif isinstance(data_type, T.MapType):
        _check_collectable(data_type.keyType)
        _check_collectable(data_type.valueType)
    elif isinstance(data_type, T.StructType):
        for field in data_type.fields:
            _check_collectable(field.dataType)


def _python_value(value: Any, data_type: T.DataType) -> Any:
    if value is None:
        return None
    if isinstance(data_type, T.TimestampType) and isinstance(value, datetime.datetime) and value.tzinfo:
        return value.astimezone().replace(tzinfo=None)
    if isinstance(data_type, T.BinaryType):
        return bytes(value)
    if isinstance(data_type, T.VariantType):
        # By position: the engine's struct may name its fields otherwise.
        variant_value, metadata = value.values() if isinstance(value, dict) else value
        return T.VariantVal(bytearray(variant_value), bytearray(metadata))
    if isinstance(data_type, T.ArrayType):
        return [_python_value(item, data_type.elementType) for item in value]
    if isinstance(data_type, T.MapType):
        return {
            _python_value(key, data_type.keyType): _python_value(item, data_type.valueType) for key, item in value
        }
    if isinstance(data_type, T.StructType):
        names = [field.name for field in data_type.fields]
        values = [_python_value(value.get(field.name), field.dataType) for field in data_type.fields]
        return _create_row(names, values)
    return value


def rows_to_arrow(data: list[Any], schema: T.StructType) -> pa.Table:
    """Python rows (tuples, lists, dicts or ``Row``s) as an Arrow table of ``schema``."""
    names = [field.name for field in schema.fields]
    columns: list[list[Any]] = [[] for _ in names]
    for row in data:
        values = _row_values(row, names)
        if len(values) != len(names):
            raise errors.PySparkValueError(
                errorClass="LENGTH_SHOULD_BE_THE_SAME",
                messageParameters={
                    "arg1": "data",
                    "arg2": "schema",
                    "arg1_length": str(len(values)),
                    "arg2_length": str(len(names)),
                },
            )
        for column, value in zip(columns, values):
            column.append(value)
    arrays = [
        pa.array([_arrow_value(value, field.dataType) for value in column], type=T.to_arrow_type(field.dataType))
        for column, field in zip(columns, schema.fields)
    ]
    return pa.Table.from_arrays(arrays, schema=T.to_arrow_schema(schema))


def _row_values(row: Any, names: list[str]) -> list[Any]:
    if isinstance(row, Row) and hasattr(row, "__fields__"):
        return list(row)
    if isinstance(row, dict):
        return [row.get(name) for name in names]
    if isinstance(row, (tuple, list)):
        return list(row)
    return [row]


def _arrow_value(value: Any, data_type: T.DataType) -> Any:
    """A Python value in the shape ``pyarrow.array`` expects for ``data_type``."""
    if value is None:
        return None
    if isinstance(data_type, T.VariantType) and isinstance(value, T.VariantVal):
        return {"value": bytes(value.value), "metadata": bytes(value.metadata)}
    if isinstance(data_type, T.MapType):
        return [
            (_arrow_value(key, data_type.keyType), _arrow_value(item, data_type.valueType))
            for key, item in value.items()
        ]
    if isinstance(data_type, T.StructType):
        if isinstance(value, dict):
            return {field.name: _arrow_value(value.get(field.name), field.dataType) for field in data_type.fields}
        return {
            field.name: _arrow_value(item, field.dataType) for field, item in zip(data_type.fields, value)
        }
    if isinstance(data_type, T.ArrayType):
        return [_arrow_value(item, data_type.elementType) for item in value]
    if isinstance(data_type, T.BinaryType):
        return bytes(value)
    if isinstance(data_type, T.StringType) and not isinstance(value, str):
        # A column whose values mix strings and other types is a string column (type
        # inference merges them so); PySpark stores the other values as ``str(value)``,
        # booleans in lower case as Spark's cast prints them.
        return str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(data_type, T.TimestampType) and isinstance(value, datetime.datetime) and value.tzinfo is None:
        # A naive datetime is a local time of this process, as PySpark reads it.
        return value.astimezone()
    return value
