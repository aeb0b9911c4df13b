"""``DataFrame.unpivot`` (``melt``): wide to long; ``DataFrame.transpose``.

One projection per value column (the ids, the column's name, its value cast
to the value columns' common type), all of them in one union: the rows come
grouped by value column rather than by input row, an order Spark does not
promise either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._coercion import common_type, is_numeric
from pyrust.sql._expressions import Alias, Cast, ColumnReference, Expression, FieldIndex, Literal
from pyrust.sql.column import Column, _to_column

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame


def _columns(value: Any) -> list[Expression]:
    if value is None:
        return []
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    return [_to_column(item)._expression for item in items]


def unpivot(frame: DataFrame, ids: Any, values: Any, variable: str, value: str) -> DataFrame:
    analyzer = frame._analyzer()
    id_expressions = _columns(ids)
    id_bounds = [analyzer.resolve(expression) for expression in id_expressions]
    if values is None:
        id_names = {bound.name.lower() for bound in id_bounds}
        value_expressions: list[Expression] = [
            ColumnReference(a.name) for a in frame._attributes if a.name.lower() not in id_names
        ]
    else:
        value_expressions = _columns(values)
    value_bounds = [analyzer.resolve(expression) for expression in value_expressions]
    if not value_bounds:
        raise errors.AnalysisException(errorClass="UNPIVOT_REQUIRES_VALUE_COLUMNS", messageParameters={})
    # Spark's least common type without promoting to string: one type, or numbers.
    types = [bound.data_type for bound in value_bounds]
    target: T.DataType | None = types[0]
    if any(data_type != types[0] for data_type in types):
        target = None
        if all(is_numeric(data_type) or isinstance(data_type, T.NullType) for data_type in types):
            target = types[0]
            for data_type in types[1:]:
                target = common_type(target, data_type) if target is not None else None
    if target is None:
        described = ", ".join(f'"{b.data_type.simpleString().upper()}" (`{b.name}`)' for b in value_bounds)
        raise errors.AnalysisException(
            errorClass="UNPIVOT_VALUE_DATA_TYPE_MISMATCH", messageParameters={"types": described}
        )
    parts = []
    for expression, bound in zip(value_expressions, value_bounds):
        parts.append(
            frame.select(
                [Column(item) for item in id_expressions]
                + [Column(Alias(Literal(bound.name, T.StringType()), variable)), Column(Alias(Cast(expression, target), value))]
            )
        )
    result = parts[0]
    for part in parts[1:]:
        result = result.union(part)
    return result


def transpose(frame: DataFrame, index_column: Any) -> DataFrame:
    """Spark's ``DataFrame.transpose``: one row per non-index column (its name under ``key``),
    one column per non-null index value, named by that value as a string, in ascending
    index order; the values are cast to the non-index columns' least common type.

    As in Spark, the index values are collected when this is called (at most
    ``spark.sql.transposeMaxValues`` of them); pyrust collects the rows with them and
    keeps the transposed result in memory.
    """
    from pyrust.sql._analyzer import Attribute

    analyzer = frame._analyzer()
    if index_column is None:
        position = 0
    else:
        expression = _to_column(index_column)._expression
        if not isinstance(expression, (ColumnReference, FieldIndex)):
            raise _invalid_index("Index column must be an atomic attribute")
        position = expression.index if isinstance(expression, FieldIndex) else analyzer.find(expression)
    index = frame._attributes[position]
    if not isinstance(index.data_type, T.AtomicType):
        raise _invalid_index(f"Index column must be of atomic type, but found: {_scala_type(index.data_type)}")
    values = [attribute for i, attribute in enumerate(frame._attributes) if i != position]
    target: T.DataType = T.StringType()
    if values:
        target = values[0].data_type
        ansi = str(frame._session.conf.get("spark.sql.ansi.enabled")).lower() == "true"
        for attribute in values[1:]:
            found = _tightest_common_type(target, attribute.data_type, ansi)
            if found is None:
                raise errors.AnalysisException(
                    errorClass="TRANSPOSE_NO_LEAST_COMMON_TYPE",
                    messageParameters={
                        "dt1": f'"{target.simpleString().upper()}"',
                        "dt2": f'"{attribute.data_type.simpleString().upper()}"',
                    },
                )
            target = found
    limit = int(frame._session.conf.get("spark.sql.transposeMaxValues"))
    index_reference = Column(FieldIndex(position, index.name))
    rows = (
        frame.filter(index_reference.isNotNull())
        .orderBy(index_reference.asc())
        .select(
            index_reference.cast(T.StringType()),
            *[Column(FieldIndex(i, a.name)).cast(target) for i, a in enumerate(frame._attributes) if i != position],
        )
        .limit(limit + 1)
    )
    table = rows._computed()
    if table.num_rows > limit:
        raise errors.AnalysisException(
            errorClass="TRANSPOSE_EXCEED_ROW_LIMIT",
            messageParameters={"maxValues": str(limit), "config": "spark.sql.transposeMaxValues"},
        )
    table = table.combine_chunks()
    names = table.column(0).to_pylist()
    value_type = table.schema.field(1).type if values else pa.string()
    columns = [pa.array([a.name for a in values], pa.string())]
    for row in range(table.num_rows):
        cells = [table.column(1 + i).chunk(0).slice(row, 1) for i in range(len(values))] if table.num_columns > 1 else []
        columns.append(pa.concat_arrays(cells) if cells else pa.array([], value_type))
    result = pa.Table.from_arrays(columns, names=[f"c{i}" for i in range(len(columns))])
    attributes = [Attribute("key", T.StringType(), False)] + [Attribute(name, target, True) for name in names]
    return frame._materialized(result, attributes)


def _invalid_index(reason: str) -> errors.AnalysisException:
    return errors.AnalysisException(errorClass="TRANSPOSE_INVALID_INDEX_COLUMN", messageParameters={"reason": reason})


def _tightest_common_type(left: T.DataType, right: T.DataType, ansi: bool) -> T.DataType | None:
    """Spark's ``findTightestCommonType``: equal types, null, wider numbers (decimals only
    with integers they hold; in ANSI mode an integer and a float make a double); never a
    promotion to string."""
    if left == right:
        return left
    if isinstance(left, T.NullType):
        return right
    if isinstance(right, T.NullType):
        return left
    if isinstance(left, T.DecimalType) or isinstance(right, T.DecimalType):
        decimal, other = (left, right) if isinstance(left, T.DecimalType) else (right, left)
        digits = _INTEGRAL_DIGITS.get(type(other))
        if digits is not None and decimal.precision - decimal.scale >= digits:
            return decimal
        return None
    if is_numeric(left) and is_numeric(right):
        wider = common_type(left, right)
        if ansi and isinstance(wider, T.FloatType):
            return T.DoubleType()
        return wider
    return None


_INTEGRAL_DIGITS = {T.ByteType: 3, T.ShortType: 5, T.IntegerType: 10, T.LongType: 20}


def _scala_type(data_type: T.DataType) -> str:
    """A type as Scala's ``toString`` writes it (``ArrayType(LongType,true)``)."""
    if isinstance(data_type, T.ArrayType):
        return f"ArrayType({_scala_type(data_type.elementType)},{str(data_type.containsNull).lower()})"
    if isinstance(data_type, T.MapType):
        return (
            f"MapType({_scala_type(data_type.keyType)},{_scala_type(data_type.valueType)},"
            f"{str(data_type.valueContainsNull).lower()})"
        )
    if isinstance(data_type, T.StructType):
        fields = ",".join(
            f"StructField({field.name},{_scala_type(field.dataType)},{str(field.nullable).lower()})" for field in data_type.fields
        )
        return f"StructType({fields})"
    if isinstance(data_type, T.DecimalType):
        return f"DecimalType({data_type.precision},{data_type.scale})"
    return type(data_type).__name__
