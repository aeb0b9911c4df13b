"""``DataFrame.na`` (PySpark's ``DataFrameNaFunctions``): ``fill``, ``drop`` and ``replace``.

Arguments are checked as PySpark checks them in Python; the columns are then
rewritten as Spark's ``DataFrameNaFunctions`` rewrites them: a fill is
``coalesce(col, value)`` (NaN too, in float and double columns), applied only
to the columns of the value's type; a drop keeps the rows with at least
``thresh`` values that are neither null nor NaN; a replacement is a
``CASE col WHEN old THEN new ... ELSE col END`` over the columns of the
replaced values' type, comparing in the common type and casting the new value
to the column's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._coercion import is_numeric
from pyrust.sql._expressions import Alias, CaseWhen, Call, Cast, Expression, FieldIndex, Literal

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

# `replace(to_replace)` with no value given (None is a value: replace by null).
NO_VALUE: Any = object()


class DataFrameNaFunctions:
    """Missing-value functions of a DataFrame (``df.na``)."""

    # PySpark's public home of the class, where pyrust re-exports it too.
    __module__ = "pyrust.sql.dataframe"

    def __init__(self, df: DataFrame) -> None:
        self.df = df

    def drop(self, how: str = "any", thresh: int | None = None, subset: Any = None) -> DataFrame:
        """The rows without nulls or NaN (see ``DataFrame.dropna``)."""
        return drop(self.df, how, thresh, subset)

    def fill(self, value: Any, subset: Any = None) -> DataFrame:
        """Nulls replaced by ``value`` (see ``DataFrame.fillna``)."""
        return fill(self.df, value, subset)

    def replace(self, to_replace: Any, value: Any = NO_VALUE, subset: Any = None) -> DataFrame:
        """Values replaced (see ``DataFrame.replace``)."""
        return replace(self.df, to_replace, value, subset)


def _type_error(name: str, expected: str, value: Any) -> errors.PySparkTypeError:
    return errors.PySparkTypeError(
        errorClass="NOT_EXPECTED_TYPE",
        messageParameters={"arg_name": name, "expected_type": expected, "arg_type": type(value).__name__},
    )


def _subset(frame: DataFrame, subset: Any) -> list[int] | None:
    """The indexes of the ``subset`` columns (None: all columns)."""
    if subset is None:
        return None
    names = [subset] if isinstance(subset, str) else list(subset)
    from pyrust.sql._expressions import ColumnReference

    analyzer = frame._analyzer()
    return [analyzer.find(ColumnReference(name)) for name in names]


def _is_floating(data_type: T.DataType) -> bool:
    return isinstance(data_type, (T.FloatType, T.DoubleType))


def _column(frame: DataFrame, index: int) -> FieldIndex:
    return FieldIndex(index, frame._attributes[index].name)


def _rewrite(frame: DataFrame, replacements: dict[int, Expression]) -> DataFrame:
    """``frame`` with some columns replaced by expressions, under their own names."""
    analyzer = frame._analyzer()
    bounds = []
    for index, attribute in enumerate(frame._attributes):
        expression = replacements.get(index)
        bounds.append(analyzer.resolve(_column(frame, index) if expression is None else Alias(expression, attribute.name)))
    return frame._project(bounds)


def _filled(frame: DataFrame, index: int, value: Any) -> Expression | None:
    """Column ``index`` with nulls replaced by ``value``, or None if its type does not take it."""
    data_type = frame._attributes[index].data_type
    column = _column(frame, index)
    if isinstance(value, bool):
        if not isinstance(data_type, T.BooleanType):
            return None
        replacement: Expression = Literal(value, T.BooleanType())
    elif isinstance(value, (int, float)):
        if not is_numeric(data_type):
            return None
        replacement = Cast(Literal(float(value), T.DoubleType()), data_type)
        if _is_floating(data_type):
            return Call("coalesce", (Call("nanvl", (column, replacement)), replacement))
    elif isinstance(value, str):
        if not isinstance(data_type, T.StringType):
            return None
        replacement = Literal(value, T.StringType())
    else:
        return None
    return Call("coalesce", (column, replacement))


def fill(frame: DataFrame, value: Any, subset: Any = None) -> DataFrame:
    if not isinstance(value, (float, int, str, bool, dict)):
        raise _type_error("value", "bool, dict, float, int or str", value)
    if isinstance(value, dict):
        replacements = {}
        analyzer = frame._analyzer()
        from pyrust.sql._expressions import ColumnReference

        for name, item in value.items():
            if not isinstance(item, (float, int, str, bool)):
                msg = f"Unsupported value type {type(item).__name__} ({item})."
                raise errors.IllegalArgumentException(msg)
            index = analyzer.find(ColumnReference(name))
            data_type = frame._attributes[index].data_type
            column = _column(frame, index)
            literal = Literal(item, T.BooleanType()) if isinstance(item, bool) else (
                Literal(item, T.StringType()) if isinstance(item, str) else Literal(float(item), T.DoubleType())
            )
            replacement = Cast(literal, data_type)
            if _is_floating(data_type):
                replacements[index] = Call("coalesce", (Call("nanvl", (column, replacement)), replacement))
            else:
                replacements[index] = Call("coalesce", (column, replacement))
        return _rewrite(frame, replacements)
    if subset is not None and not isinstance(subset, (str, list, tuple)):
        raise _type_error("subset", "list or tuple", subset)
    indexes = _subset(frame, subset)
    targets = range(len(frame._attributes)) if indexes is None else indexes
    replacements = {}
    for index in targets:
        expression = _filled(frame, index, value)
        if expression is not None:
            replacements[index] = expression
    return _rewrite(frame, replacements)


def drop(frame: DataFrame, how: str = "any", thresh: int | None = None, subset: Any = None) -> DataFrame:
    if how not in ("any", "all"):
        raise errors.PySparkValueError(
            errorClass="VALUE_NOT_ALLOWED", messageParameters={"arg_name": "how", "allowed_values": "['any', 'all']"}
        )
    if subset is not None and not isinstance(subset, (str, list, tuple)):
        raise _type_error("subset", "list, str or tuple", subset)
    indexes = _subset(frame, subset)
    targets = list(range(len(frame._attributes))) if indexes is None else indexes
    if thresh is None:
        thresh = len(targets) if how == "any" else 1
    if thresh <= 0:
        return frame._with_plan(frame._plan)
    present: Expression | None = None
    for index in targets:
        column = _column(frame, index)
        condition: Expression = Call("isnotnull", (column,))
        if _is_floating(frame._attributes[index].data_type):
            condition = Call("and", (condition, Call("not", (Call("isnan", (column,)),))))
        one = CaseWhen(((condition, Literal(1, T.IntegerType())),), Literal(0, T.IntegerType()))
        present = one if present is None else Call("+", (present, one))
    if present is None:
        # No column to look at: no row has `thresh` values.
        from pyrust.sql.column import Column

        return frame.filter(Column(Literal(False, T.BooleanType())))
    from pyrust.sql.column import Column

    return frame.filter(Column(Call(">=", (present, Literal(thresh, T.IntegerType())))))


def _all_of(kind: type | tuple[type, ...], values: Any) -> bool:
    return all(isinstance(value, kind) for value in values)


def replace(frame: DataFrame, to_replace: Any, value: Any = NO_VALUE, subset: Any = None) -> DataFrame:
    if value is NO_VALUE:
        if not isinstance(to_replace, dict):
            raise errors.PySparkTypeError(
                errorClass="ARGUMENT_REQUIRED", messageParameters={"arg_name": "value", "condition": "`to_replace` is dict"}
            )
        value = None
    valid = (bool, float, int, str, list, tuple)
    if not isinstance(to_replace, (*valid, dict)):
        raise _type_error("to_replace", "bool, float, int, list, str or tuple", to_replace)
    if not isinstance(value, valid) and value is not None and not isinstance(to_replace, dict):
        raise _type_error("value", "bool, float, int, list, None, str or tuple", value)
    if isinstance(to_replace, (list, tuple)) and isinstance(value, (list, tuple)) and len(to_replace) != len(value):
        raise errors.PySparkValueError(
            errorClass="LENGTH_SHOULD_BE_THE_SAME",
            messageParameters={
                "arg1": "to_replace",
                "arg2": "value",
                "arg1_length": str(len(to_replace)),
                "arg2_length": str(len(value)),
            },
        )
    if not (subset is None or isinstance(subset, (list, tuple, str))):
        raise _type_error("subset", "list, str or tuple", subset)
    if isinstance(to_replace, (float, int, str)):
        to_replace = [to_replace]
    if isinstance(to_replace, dict):
        mapping = dict(to_replace)
    elif isinstance(value, (float, int, str)) or value is None:
        mapping = dict.fromkeys(to_replace, value)
    else:
        mapping = dict(zip(to_replace, value))
    targets_values = [item for item in mapping.values() if item is not None]
    if not any(
        _all_of(kind, mapping.keys()) and _all_of(kind, targets_values) for kind in (bool, str, (float, int))
    ):
        raise errors.PySparkValueError(errorClass="MIXED_TYPE_REPLACEMENT", messageParameters={})
    indexes = _subset(frame, subset)
    targets = range(len(frame._attributes)) if indexes is None else indexes
    keys = list(mapping)
    if _all_of(bool, keys):
        wanted = lambda data_type: isinstance(data_type, T.BooleanType)  # noqa: E731
        key_type: T.DataType = T.BooleanType()
    elif _all_of(str, keys):
        wanted = lambda data_type: isinstance(data_type, T.StringType)  # noqa: E731
        key_type = T.StringType()
    else:
        wanted = is_numeric
        key_type = T.DoubleType()
    replacements = {}
    for index in targets:
        data_type = frame._attributes[index].data_type
        if not wanted(data_type):
            continue
        column = _column(frame, index)
        branches = []
        for key, new in mapping.items():
            old = Literal(float(key) if key_type == T.DoubleType() else key, key_type)
            new_type = key_type if new is not None else T.NullType()
            new_literal = Literal(float(new) if new is not None and key_type == T.DoubleType() else new, new_type)
            branches.append((Call("=", (column, old)), Cast(new_literal, data_type)))
        replacements[index] = CaseWhen(tuple(branches), column)
    return _rewrite(frame, replacements)
