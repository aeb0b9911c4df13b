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

__all__ = ["PandasGroupedOpsMixin"]


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

    def apply(self, udf: Any) -> DataFrame:
        """``applyInPandas`` of a ``pandas_udf`` of kind ``GROUPED_MAP``."""
        from pyrust.sql.udf import PythonEvalType

        if getattr(udf, "evalType", None) != PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF:
            raise errors.PySparkTypeError(
                errorClass="INVALID_UDF_EVAL_TYPE", messageParameters={"eval_type": "SQL_GROUPED_MAP_PANDAS_UDF"}
            )
        return self.applyInPandas(udf.func, udf.returnType)
