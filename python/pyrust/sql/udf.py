"""Python user-defined functions, as ``pyspark.sql.udf``: ``UserDefinedFunction``
(what ``functions.udf``, ``pandas_udf`` and ``arrow_udf`` make) and
``UDFRegistration`` (``spark.udf``).

A UDF call is a function call the analyzer resolves like any other: each UDF
is a declaration of the function table (``_functions``), made when the UDF is
made, whose call is a Substrait call in the extension URN
``extension:dev.pyrust:udf`` naming the UDF's engine name. The engine calls
back into Python to run it (``_udf_dispatch``).
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any

from pyrust import errors
from pyrust.sql import _proto
from pyrust.sql import _udf_dispatch
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, BoundAggregate
from pyrust.sql._substrait_types import to_substrait_type

__all__ = ["PythonEvalType", "UDFRegistration", "UserDefinedFunction"]

UDF_URN = "extension:dev.pyrust:udf"


class PythonEvalType:
    """How Spark runs a Python function (PySpark's numbering)."""

    NON_UDF = 0
    SQL_BATCHED_UDF = 100
    SQL_ARROW_BATCHED_UDF = 101
    SQL_SCALAR_PANDAS_UDF = 200
    SQL_GROUPED_MAP_PANDAS_UDF = 201
    SQL_GROUPED_AGG_PANDAS_UDF = 202
    SQL_WINDOW_AGG_PANDAS_UDF = 203
    SQL_SCALAR_PANDAS_ITER_UDF = 204
    SQL_MAP_PANDAS_ITER_UDF = 205
    SQL_COGROUPED_MAP_PANDAS_UDF = 206
    SQL_MAP_ARROW_ITER_UDF = 207
    SQL_GROUPED_MAP_ARROW_UDF = 209
    SQL_COGROUPED_MAP_ARROW_UDF = 210
    SQL_GROUPED_AGG_PANDAS_ITER_UDF = 217
    SQL_SCALAR_ARROW_UDF = 250
    SQL_SCALAR_ARROW_ITER_UDF = 251
    SQL_GROUPED_AGG_ARROW_UDF = 252
    SQL_WINDOW_AGG_ARROW_UDF = 253
    SQL_GROUPED_AGG_ARROW_ITER_UDF = 254
    SQL_TABLE_UDF = 300
    SQL_ARROW_TABLE_UDF = 301


# Each evaluation type of an expression UDF, as the dispatcher runs it.
_KINDS = {
    PythonEvalType.SQL_BATCHED_UDF: "batched",
    PythonEvalType.SQL_ARROW_BATCHED_UDF: "batched",
    PythonEvalType.SQL_SCALAR_PANDAS_UDF: "pandas",
    PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF: "pandas_iter",
    PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF: "pandas_agg",
    PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF: "pandas_agg_iter",
    PythonEvalType.SQL_SCALAR_ARROW_UDF: "arrow",
    PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF: "arrow_iter",
    PythonEvalType.SQL_GROUPED_AGG_ARROW_UDF: "arrow_agg",
    PythonEvalType.SQL_GROUPED_AGG_ARROW_ITER_UDF: "arrow_agg_iter",
}

_AGGREGATES = (
    PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF,
    PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF,
    PythonEvalType.SQL_GROUPED_AGG_ARROW_UDF,
    PythonEvalType.SQL_GROUPED_AGG_ARROW_ITER_UDF,
)


def parse_return_type(return_type: Any) -> T.DataType:
    """A UDF's return type given as a ``DataType`` or a DDL string."""
    if isinstance(return_type, T.DataType):
        return return_type
    if isinstance(return_type, str):
        return T._parse_ddl(return_type)
    raise errors.PySparkTypeError(
        errorClass="NOT_DATATYPE_OR_STR",
        messageParameters={"arg_name": "returnType", "arg_type": type(return_type).__name__},
    )


class UserDefinedFunction:
    """A Python function usable on columns; calling it gives a ``Column``."""

    def __init__(
        self,
        func: Callable[..., Any],
        returnType: Any = None,  # noqa: N803 - PySpark's name
        name: str | None = None,
        evalType: int = PythonEvalType.SQL_BATCHED_UDF,  # noqa: N803 - PySpark's name
        deterministic: bool = True,
    ) -> None:
        if not callable(func):
            raise errors.PySparkTypeError(
                errorClass="NOT_CALLABLE", messageParameters={"arg_name": "func", "arg_type": type(func).__name__}
            )
        self.func = func
        self._returnType = T.StringType() if returnType is None else returnType
        self._name = name or getattr(func, "__name__", type(func).__name__)
        self.evalType = evalType
        self.deterministic = deterministic
        self._entry: _udf_dispatch.HostFunction | None = None

    @property
    def returnType(self) -> T.DataType:  # noqa: N802 - PySpark's name
        return parse_return_type(self._returnType)

    def _engine_name(self) -> str:
        """The function's engine name: it is registered for the engine on first use."""
        if self._entry is None:
            return_type = self.returnType
            kind = _KINDS[self.evalType]
            self._entry = _udf_dispatch.register(
                self._name,
                lambda name: _udf_dispatch.HostFunction(name, kind, self.func, return_type, self.deterministic),
            )
            _declare(self)
        return self._entry.name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from pyrust.sql.column import Column, _to_column
        from pyrust.sql._expressions import Alias, Call

        if self.evalType not in _KINDS:
            raise errors.PySparkTypeError(
                errorClass="INVALID_UDF_EVAL_TYPE",
                messageParameters={"eval_type": "a scalar or grouped aggregate kind (use applyInPandas for GROUPED_MAP)"},
            )
        arguments = [_to_column(argument)._expression for argument in args]
        if kwargs:
            names = list(inspect.signature(self.func).parameters)
            given = {name: _to_column(value)._expression for name, value in kwargs.items()}
            for name in names[len(arguments):]:
                if name in given:
                    arguments.append(given.pop(name))
            if given:
                raise errors.PySparkTypeError(
                    errorClass="UNEXPECTED_KEYWORD_ARGUMENTS", messageParameters={"names": ", ".join(given)}
                )
            shown = [argument.sql() for argument in arguments[: len(args)]]
            shown += [f"{name} => {_to_column(value)._expression.sql()}" for name, value in kwargs.items()]
            call = Call(self._engine_name(), tuple(arguments))
            return Column(Alias(call, f"{self._name}({', '.join(shown)})"))
        call = Call(self._engine_name(), tuple(arguments))
        shown = [_argument_text(argument) for argument in arguments]
        if shown != [argument.sql() for argument in arguments]:
            return Column(Alias(call, f"{self._name}({', '.join(shown)})"))
        return Column(call)

    def asNondeterministic(self) -> UserDefinedFunction:  # noqa: N802 - PySpark's name
        """This UDF, marked non-deterministic: the optimizer never repeats or merges its calls."""
        self._entry = None
        self.deterministic = False
        return self

    def _wrapped(self) -> Callable[..., Any]:
        """A plain function calling this UDF, with its attributes (what ``udf`` returns)."""

        @functools.wraps(self.func, assigned=("__name__", "__module__", "__doc__"))
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return self(*args, **kwargs)

        if not hasattr(wrapper, "__name__"):
            wrapper.__name__ = self._name
        wrapper.func = self.func  # type: ignore[attr-defined]
        wrapper.returnType = self.returnType  # type: ignore[attr-defined]
        wrapper.evalType = self.evalType  # type: ignore[attr-defined]
        wrapper.deterministic = self.deterministic  # type: ignore[attr-defined]
        wrapper._unwrapped = self  # type: ignore[attr-defined]

        def as_nondeterministic() -> Callable[..., Any]:
            return self.asNondeterministic()._wrapped()

        wrapper.asNondeterministic = as_nondeterministic  # type: ignore[attr-defined]
        return wrapper


def _declare(udf: UserDefinedFunction, sql_name: str | None = None) -> None:
    """Make ``udf`` a declaration of the function table: by its engine name (the
    DataFrame API's calls) and, when registered for SQL, by ``sql_name``."""
    from pyrust.sql._functions import _table
    from pyrust.sql._functions._function import Function, Kind

    entry = udf._entry
    assert entry is not None  # noqa: S101 - set by _engine_name
    display = sql_name or udf._name
    return_type = entry.return_type
    aggregate = udf.evalType in _AGGREGATES

    def resolve(analyzer: Any, call: Any, arguments: list[Bound], column_name: str) -> Any:
        from pyrust.sql import _extensions as ext

        called = entry
        if any(_has_struct(argument.data_type) for argument in arguments):
            called = _udf_dispatch.variant(entry, tuple(argument.data_type for argument in arguments))
        anchor = ext.anchor(UDF_URN, called.name)
        output_type = to_substrait_type(return_type, True)
        argument_protos = [argument.proto for argument in arguments]
        if aggregate:
            proto = _proto.aggregate_function(anchor, argument_protos, output_type, False)
            return BoundAggregate(proto, return_type, True, column_name)
        return Bound(_proto.scalar_function(anchor, argument_protos, output_type), return_type, True, column_name)

    declaration = Function(
        name=display,
        urn=UDF_URN,
        substrait_name=entry.name,
        kind=Kind.AGGREGATE if aggregate else Kind.SCALAR,
        column_name=lambda names: f"{display}({', '.join(names)})",
        resolve=resolve,
    )
    _table.declare_session_function(sql_name or entry.name, declaration)


def _argument_text(expression: Any) -> str:
    """An argument as Spark prints it in a Python UDF's name: a struct shows its field
    names beside its values (``struct(x, x, s, s)``)."""
    from pyrust.sql._expressions import Alias, Call, ColumnReference

    if not (isinstance(expression, Call) and expression.function == "struct"):
        return expression.sql()
    parts = []
    for index, field in enumerate(expression.arguments):
        if isinstance(field, Alias):
            parts += [field.name, field.child.sql()]
        elif isinstance(field, ColumnReference):
            parts += [field.name.rsplit(".", 1)[-1], field.sql()]
        else:
            parts += [f"col{index + 1}", field.sql()]
    return f"struct({', '.join(parts)})"


def _has_struct(data_type: T.DataType) -> bool:
    if isinstance(data_type, T.StructType):
        return True
    if isinstance(data_type, T.ArrayType):
        return _has_struct(data_type.elementType)
    if isinstance(data_type, T.MapType):
        return _has_struct(data_type.keyType) or _has_struct(data_type.valueType)
    return False


def _unwrap(f: Any) -> UserDefinedFunction | None:
    if isinstance(f, UserDefinedFunction):
        return f
    return getattr(f, "_unwrapped", None)


class UDFRegistration:
    """``spark.udf``: Python functions registered by name for SQL and ``expr``."""

    def __init__(self, sparkSession: Any) -> None:  # noqa: N803 - PySpark's name
        self.sparkSession = sparkSession

    def register(self, name: str, f: Callable[..., Any], returnType: Any = None) -> Callable[..., Any]:  # noqa: N803
        """Register ``f`` (a Python function or a UDF) as the SQL function ``name``; returns the UDF."""
        existing = _unwrap(f)
        if existing is not None:
            if returnType is not None:
                raise errors.PySparkTypeError(
                    errorClass="CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF",
                    messageParameters={"arg_name": "f", "return_type": str(returnType)},
                )
            if existing.evalType not in _KINDS:
                raise errors.PySparkTypeError(
                    errorClass="INVALID_UDF_EVAL_TYPE",
                    messageParameters={"eval_type": "SQL_BATCHED_UDF, SQL_ARROW_BATCHED_UDF, SQL_SCALAR_PANDAS_UDF, "
                                       "SQL_SCALAR_ARROW_UDF, SQL_SCALAR_PANDAS_ITER_UDF, SQL_SCALAR_ARROW_ITER_UDF, "
                                       "SQL_GROUPED_AGG_PANDAS_UDF or SQL_GROUPED_AGG_ARROW_UDF"},
                )
            registered = UserDefinedFunction(
                existing.func, existing._returnType, name, existing.evalType, existing.deterministic
            )
        else:
            registered = UserDefinedFunction(f, returnType, name, PythonEvalType.SQL_ARROW_BATCHED_UDF)
        registered._engine_name()
        _declare(registered, name)
        return registered._wrapped()

    def registerJavaFunction(self, name: str, javaClassName: str, returnType: Any = None) -> None:  # noqa: N802, N803
        """Not in pyrust: Java functions need a JVM."""
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "registerJavaFunction (calling a Java function needs a JVM)"},
        )

    def registerJavaUDAF(self, name: str, javaClassName: str) -> None:  # noqa: N802, N803
        """Not in pyrust: Java functions need a JVM."""
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "registerJavaUDAF (calling a Java function needs a JVM)"},
        )


# -- the functions that make UDFs (``pyspark.sql.functions``) ---------------------------


def _make(f: Any, return_type: Any, eval_type: int) -> Callable[..., Any]:
    return UserDefinedFunction(f, return_type, None, eval_type)._wrapped()


def udf(f: Any = None, returnType: Any = None, useArrow: bool | None = None) -> Any:  # noqa: N803
    """A row-wise Python UDF (decorator or function form); the return type defaults to string."""
    if returnType is None:
        returnType = T.StringType()  # noqa: N806
    if f is None or isinstance(f, (str, T.DataType)):
        return_type = returnType if f is None else f
        return functools.partial(udf, returnType=return_type, useArrow=useArrow)
    eval_type = PythonEvalType.SQL_ARROW_BATCHED_UDF if useArrow is not False else PythonEvalType.SQL_BATCHED_UDF
    if useArrow is None:
        # Type hints of pandas Series (or Arrow arrays) make it a pandas (Arrow) UDF, as in Spark 4.1+.
        eval_type = _hinted_eval_type(f) or eval_type
    return _make(f, returnType, eval_type)


def _hinted_eval_type(f: Callable[..., Any]) -> int | None:
    """The pandas or Arrow UDF kind ``f``'s type hints declare, if they declare one."""
    import pyarrow as pa

    kind = _hint_kind(f, (pa.Array,))
    if kind is not None:
        return _ARROW_TYPES[kind]
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return None
    kind = _hint_kind(f, (pd.Series, pd.DataFrame))
    return _PANDAS_TYPES[kind] if kind is not None else None


def _hint_kind(func: Callable[..., Any], vectors: tuple[type, ...]) -> str | None:
    """"scalar", "scalar_iter", "agg" or "agg_iter" from ``func``'s type hints (None without them)."""
    try:
        hints = typing.get_type_hints(func)
    except Exception:  # noqa: BLE001 - hints that cannot be evaluated count as none
        return None
    parameters = [name for name in inspect.signature(func).parameters]
    if "return" not in hints or not parameters or any(name not in hints for name in parameters):
        return None

    def is_vector(hint: Any) -> bool:
        return hint in vectors or (typing.get_origin(hint) is typing.Union and all(is_vector(a) for a in typing.get_args(hint)))

    def is_iterator(hint: Any) -> bool:
        import collections.abc

        return typing.get_origin(hint) in (collections.abc.Iterator, collections.abc.Iterable)

    returned = hints["return"]
    if len(parameters) == 1 and is_iterator(hints[parameters[0]]):
        return "scalar_iter" if is_iterator(returned) else "agg_iter"
    if all(is_vector(hints[name]) for name in parameters):
        return "scalar" if is_vector(returned) else "agg"
    return None


_PANDAS_TYPES = {
    "scalar": PythonEvalType.SQL_SCALAR_PANDAS_UDF,
    "scalar_iter": PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF,
    "agg": PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF,
    "agg_iter": PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF,
}
_ARROW_TYPES = {
    "scalar": PythonEvalType.SQL_SCALAR_ARROW_UDF,
    "scalar_iter": PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF,
    "agg": PythonEvalType.SQL_GROUPED_AGG_ARROW_UDF,
    "agg_iter": PythonEvalType.SQL_GROUPED_AGG_ARROW_ITER_UDF,
}


def _vectorized(f: Any, returnType: Any, functionType: Any, arrow: bool) -> Any:  # noqa: N803
    if f is None or isinstance(f, (str, T.DataType)):
        if f is not None and returnType is not None and functionType is None:
            functionType = returnType  # noqa: N806 - pandas_udf("long", PandasUDFType.SCALAR)
        return_type = returnType if f is None else f
        return lambda func: _vectorized(func, return_type, functionType, arrow)
    if isinstance(returnType, int) and functionType is None:
        returnType, functionType = None, returnType  # noqa: N806
    if returnType is None:
        raise errors.PySparkValueError(errorClass="CANNOT_BE_NONE", messageParameters={"arg_name": "returnType"})
    if functionType is None:
        if arrow:
            import pyarrow as pa

            vectors: tuple[type, ...] = (pa.Array,)
        else:
            import pandas as pd

            vectors = (pd.Series, pd.DataFrame)
        kind = _hint_kind(f, vectors)
        if kind is None:
            if arrow:
                raise errors.PySparkValueError(
                    errorClass="INVALID_PANDAS_UDF_TYPE", messageParameters={"arg_name": "functionType", "arg_type": "None"}
                )
            kind = "scalar"
        functionType = (_ARROW_TYPES if arrow else _PANDAS_TYPES)[kind]  # noqa: N806
    if functionType not in _KINDS and functionType != PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF:
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"pandas_udf of function type {functionType}"}
        )
    return _make(f, returnType, functionType)


def pandas_udf(f: Any = None, returnType: Any = None, functionType: Any = None) -> Any:  # noqa: N803
    """A vectorized UDF over pandas Series (kind from the type hints or ``functionType``)."""
    return _vectorized(f, returnType, functionType, arrow=False)


def arrow_udf(f: Any = None, returnType: Any = None, functionType: Any = None) -> Any:  # noqa: N803
    """A vectorized UDF over Arrow arrays (kind from the type hints or ``functionType``)."""
    return _vectorized(f, returnType, functionType, arrow=True)
