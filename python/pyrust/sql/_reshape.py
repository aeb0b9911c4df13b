"""``DataFrame.unpivot`` (``melt``): wide to long.

One projection per value column (the ids, the column's name, its value cast
to the value columns' common type), all of them in one union: the rows come
grouped by value column rather than by input row, an order Spark does not
promise either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._coercion import common_type, is_numeric
from pyrust.sql._expressions import Alias, Cast, ColumnReference, Expression, Literal
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
