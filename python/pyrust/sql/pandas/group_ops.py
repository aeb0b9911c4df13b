"""PySpark's ``pyspark.sql.pandas.group_ops``: ``GroupedData.applyInPandas``,
``applyInArrow`` and the older ``apply``."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _proto
from pyrust.sql.pandas._host import host_relation

if TYPE_CHECKING:
    from collections.abc import Callable

    from pyrust.sql.dataframe import DataFrame

__all__ = ["PandasCogroupedOps", "PandasGroupedOpsMixin"]


def _takes_key(function: Callable[..., Any]) -> bool:
    """Whether ``function`` takes the group's key before its rows (two parameters)."""
    try:
        return len(inspect.signature(function).parameters) == 2
    except (TypeError, ValueError):
        return False


def _takes_iterator(function: Callable[..., Any]) -> bool:
    """Whether ``function``'s data parameter (its last) is hinted as an iterator."""
    import collections.abc
    import typing

    try:
        hints = typing.get_type_hints(function)
        parameters = list(inspect.signature(function).parameters)
    except Exception:  # noqa: BLE001 - hints that cannot be evaluated count as none
        return False
    if not parameters or parameters[-1] not in hints:
        return False
    return typing.get_origin(hints[parameters[-1]]) in (collections.abc.Iterator, collections.abc.Iterable)


class PandasGroupedOpsMixin:
    """The grouped-data methods that run a Python function on each group's rows."""

    def _grouped(self, kind: str, func: Callable[..., Any], schema: Any) -> DataFrame:
        """The host relation running ``func`` per group: groupings that are input columns
        are its keys; others are computed as extra columns the function does not see."""
        from pyrust.sql.column import Column

        frame = self._frame  # type: ignore[attr-defined]
        if getattr(self, "_grouping_sets", None) is not None or getattr(self, "_pivot", None) is not None:
            raise errors.PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"{kind} after rollup, cube or pivot"}
            )
        analyzer = frame._analyzer()
        keys: list[int] = []
        computed: list[Column] = []
        for grouping in self._groupings:  # type: ignore[attr-defined]
            index = _proto.column_index(analyzer.resolve(grouping).proto)
            if index is None:
                keys.append(len(frame.columns) + len(computed))
                computed.append(Column(grouping).alias(f"__pyrust_key_{len(computed)}"))
            else:
                keys.append(index)
        hidden = tuple(column._expression.name for column in computed)
        if computed:
            frame = frame.select("*", *computed)
        extra = {"hidden_keys": hidden, "iterator": _takes_iterator(func)}
        return host_relation(frame, kind, func, schema, tuple(keys), _takes_key(func), extra)

    def applyInPandas(  # noqa: N802 - PySpark's name
        self, func: Callable[..., Any], schema: Any
    ) -> DataFrame:
        """Rows of ``schema`` from ``func`` run on each group as a pandas DataFrame
        (``func(key, frame)`` when it takes two parameters; an iterator of frames in
        and out when its type hints say so)."""
        return self._grouped("group_pandas", func, schema)

    def applyInArrow(  # noqa: N802 - PySpark's name
        self, func: Callable[..., Any], schema: Any
    ) -> DataFrame:
        """Rows of ``schema`` from ``func`` run on each group as a ``pyarrow.Table``
        (``func(key, table)`` when it takes two parameters; an iterator of record
        batches in and out when its type hints say so)."""
        return self._grouped("group_arrow", func, schema)

    def cogroup(self, other: Any) -> PandasCogroupedOps:
        """This grouped data and ``other``'s, group by group, for ``applyInPandas``/``applyInArrow``."""
        return PandasCogroupedOps(self, other)

    def apply(self, udf: Any) -> DataFrame:
        """``applyInPandas`` of a ``pandas_udf`` of kind ``GROUPED_MAP``."""
        from pyrust.sql.udf import PythonEvalType

        if getattr(udf, "evalType", None) != PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF:
            raise errors.PySparkTypeError(
                errorClass="INVALID_UDF_EVAL_TYPE", messageParameters={"eval_type": "SQL_GROUPED_MAP_PANDAS_UDF"}
            )
        return self.applyInPandas(udf.func, udf.returnType)


class PandasCogroupedOps:
    """Two grouped DataFrames whose groups of equal keys a Python function sees together.

    Both sides travel as one host relation: their rows unioned under a side
    tag, the keys in shared columns, each side's columns next to null columns
    for the other's; the dispatcher splits each group back into its two sides."""

    def __init__(self, left: Any, right: Any) -> None:
        self._left = left
        self._right = right

    def _combined(self) -> tuple[Any, tuple[int, ...], dict[str, Any]]:
        from pyrust.sql import functions as F

        left, right = self._left._frame, self._right._frame
        left_keys, right_keys = self._left._groupings, self._right._groupings
        if len(left_keys) != len(right_keys):
            raise errors.PySparkValueError(
                errorClass="INVALID_NUMBER_OF_GROUPING_KEYS",
                messageParameters={"left": str(len(left_keys)), "right": str(len(right_keys))},
            )

        def side(frame: Any, tag: int, keys: list[Any]) -> Any:
            from pyrust.sql.column import Column

            columns = [F.lit(tag).alias("__pyrust_side")]
            columns += [Column(key).alias(f"__pyrust_key_{index}") for index, key in enumerate(keys)]
            for prefix, source in (("l", left), ("r", right)):
                for index, field in enumerate(source.schema.fields):
                    value = F.col(f"`{field.name}`") if source is frame else F.lit(None).cast(field.dataType)
                    columns.append(value.alias(f"__pyrust_{prefix}_{index}"))
            return frame.select(*columns)

        combined = side(left, 0, left_keys).union(side(right, 1, right_keys))
        extra = {"left_names": left.columns, "right_names": right.columns}
        return combined, tuple(range(1, 1 + len(left_keys))), extra

    def _apply(self, kind: str, func: Callable[..., Any], schema: Any) -> DataFrame:
        combined, keys, extra = self._combined()
        with_key = _parameter_count(func) == 3
        return host_relation(combined, kind, func, schema, keys, with_key, extra)

    def applyInPandas(self, func: Callable[..., Any], schema: Any) -> DataFrame:  # noqa: N802 - PySpark's name
        """Rows of ``schema`` from ``func(left, right)`` (or ``func(key, left, right)``),
        run on each key's pandas DataFrames of both sides."""
        return self._apply("cogroup_pandas", func, schema)

    def applyInArrow(self, func: Callable[..., Any], schema: Any) -> DataFrame:  # noqa: N802 - PySpark's name
        """Rows of ``schema`` from ``func(left, right)`` (or ``func(key, left, right)``),
        run on each key's ``pyarrow.Table``s of both sides."""
        return self._apply("cogroup_arrow", func, schema)


def _parameter_count(function: Callable[..., Any]) -> int:
    try:
        return len(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return 0
