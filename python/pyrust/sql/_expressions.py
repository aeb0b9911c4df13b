"""Unresolved expressions: what a ``Column`` holds before it meets a DataFrame.

A PySpark ``Column`` such as ``col("age") + 1`` names columns but does not know
their types; it is resolved against a DataFrame's columns when used
(``_analyzer.py``). Each node here knows the name Spark gives the column it
produces (``sql()``), e.g. ``(age + 1)``, ``sum(x)``, ``CAST(a AS STRING)``.
"""

from __future__ import annotations

import datetime
import decimal
import itertools
from dataclasses import dataclass, field, replace

from pyrust.sql import types as T

# Operators Spark renders infix, by our internal function name.
INFIX_OPERATORS = {
    "+": "+",
    "-": "-",
    "*": "*",
    "/": "/",
    "%": "%",
    "div": "div",
    "=": "=",
    "<=>": "<=>",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "and": "AND",
    "or": "OR",
    "&": "&",
    "|": "|",
    "^": "^",
}

class Expression:
    """Base of unresolved expression nodes (immutable)."""

    def sql(self) -> str:
        """The column name Spark derives from this expression."""
        raise NotImplementedError

    def children(self) -> tuple[Expression, ...]:
        return ()

    def contains_aggregate(self) -> bool:
        return any(child.contains_aggregate() for child in self.children())

    def __repr__(self) -> str:
        return f"Column<'{self.sql()}'>"


@dataclass(frozen=True, repr=False)
class ColumnReference(Expression):
    """A column by name; ``plan_id`` is set for ``df["x"]``, tying it to one DataFrame."""

    name: str
    plan_id: int | None = None

    def sql(self) -> str:
        if "`" in self.name:
            return _unquote(self.name)
        return self.name.split(".")[-1]


@dataclass(frozen=True, repr=False)
class FieldIndex(Expression):
    """A column by position in the input; what SQL strings resolve to."""

    index: int
    name: str

    def sql(self) -> str:
        return self.name


@dataclass(frozen=True, repr=False)
class Star(Expression):
    """``*`` or ``t.*``: every column (of one qualifier); with ``names``, only the columns
    so named (``df.colRegex``'s matches)."""

    qualifier: str | int | None = None
    names: tuple[str, ...] | None = None

    def sql(self) -> str:
        return "*" if self.qualifier is None else f"{self.qualifier}.*"


@dataclass(frozen=True, repr=False)
class Literal(Expression):
    """A constant with its Spark type."""

    value: object
    data_type: T.DataType

    def sql(self) -> str:
        if isinstance(self.data_type, (T.DayTimeIntervalType, T.YearMonthIntervalType)) and self.value is not None:
            # Spark names an interval literal as it shows it: INTERVAL '15' MINUTE.
            from pyrust.sql._show import format_cell

            return format_cell(self.value, self.data_type)
        return literal_text(self.value)


@dataclass(frozen=True, repr=False)
class Call(Expression):
    """A Spark function or operator applied to arguments (``+``, ``sum``, ``upper``...)."""

    function: str
    arguments: tuple[Expression, ...]
    distinct: bool = False

    def children(self) -> tuple[Expression, ...]:
        return self.arguments

    def contains_aggregate(self) -> bool:
        return _function_table().is_aggregate(self.function) or super().contains_aggregate()

    def sql(self) -> str:
        names = [argument.sql() for argument in self.arguments]
        if self.function == "struct":
            # Spark names a struct's aliased fields `child AS name`.
            names = [
                f"{argument.child.sql()} AS {argument.name}" if isinstance(argument, Alias) else name
                for argument, name in zip(self.arguments, names)
            ]
        if self.function in INFIX_OPERATORS and len(names) == 2:
            return f"({names[0]} {INFIX_OPERATORS[self.function]} {names[1]})"
        if self.function == "!=":
            return f"(NOT ({names[0]} = {names[1]}))"
        if self.function == "not":
            return f"(NOT {names[0]})"
        if self.function == "isnull":
            return f"({names[0]} IS NULL)"
        if self.function == "isnotnull":
            return f"({names[0]} IS NOT NULL)"
        if self.function == "like":
            escape = f" ESCAPE '{names[2]}'" if len(names) == 3 else ""
            return f"{names[0]} LIKE {names[1]}{escape}"
        if self.function == "in":
            return f"({names[0]} IN ({', '.join(names[1:])}))"
        declared = _function_table().lookup(self.function)
        if declared is not None:
            return declared.sql(names, self.distinct)
        distinct = "DISTINCT " if self.distinct else ""
        return f"{self.function}({distinct}{', '.join(names)})"


def _function_table():
    """The function table, which knows each function's column name and kind.
    (Imported late: its declarations build expressions of this module.)"""
    from pyrust.sql import _functions

    return _functions


@dataclass(frozen=True, repr=False)
class Alias(Expression):
    """An expression renamed."""

    child: Expression
    name: str
    # ``alias(name, metadata=...)``: the metadata of the column it makes.
    metadata: dict | None = field(default=None, compare=False)

    def children(self) -> tuple[Expression, ...]:
        return (self.child,)

    def sql(self) -> str:
        return self.name


@dataclass(frozen=True, repr=False)
class MultiAlias(Expression):
    """A generator's columns renamed (``explode(m).alias("k", "v")``)."""

    child: Expression
    names: tuple[str, ...]

    def children(self) -> tuple[Expression, ...]:
        return (self.child,)

    def sql(self) -> str:
        return f"multialias({self.child.sql()}, {', '.join(self.names)})"


@dataclass(frozen=True, repr=False)
class Cast(Expression):
    """``CAST(child AS type)``; ``TRY_CAST`` (null where the value does not convert) when ``safe``."""

    child: Expression
    data_type: T.DataType
    safe: bool = False

    def children(self) -> tuple[Expression, ...]:
        return (self.child,)

    def sql(self) -> str:
        # Spark names the (try) cast of a column (or of an alias) after it: `a`,
        # not `CAST(a AS INT)`; any other cast is `CAST((a / 2) AS BIGINT)`.
        if isinstance(self.child, (ColumnReference, FieldIndex, Alias)):
            return self.child.sql()
        function = "TRY_CAST" if self.safe else "CAST"
        return f"{function}({self.child.sql()} AS {self.data_type.simpleString().upper()})"


@dataclass(frozen=True, repr=False)
class CaseWhen(Expression):
    """``CASE WHEN c1 THEN v1 ... [ELSE e] END``."""

    branches: tuple[tuple[Expression, Expression], ...]
    otherwise: Expression | None = None

    def children(self) -> tuple[Expression, ...]:
        flat = tuple(part for branch in self.branches for part in branch)
        return (*flat, self.otherwise) if self.otherwise is not None else flat

    def sql(self) -> str:
        parts = ["CASE"]
        for condition, value in self.branches:
            parts.append(f"WHEN {condition.sql()} THEN {value.sql()}")
        if self.otherwise is not None:
            parts.append(f"ELSE {self.otherwise.sql()}")
        parts.append("END")
        return " ".join(parts)


@dataclass(frozen=True, repr=False)
class SortOrder(Expression):
    """An ordering: ``child ASC NULLS FIRST`` and its variants."""

    child: Expression
    ascending: bool = True
    nulls_first: bool = field(default=True)

    def children(self) -> tuple[Expression, ...]:
        return (self.child,)

    def sql(self) -> str:
        direction = "ASC" if self.ascending else "DESC"
        nulls = "FIRST" if self.nulls_first else "LAST"
        return f"{self.child.sql()} {direction} NULLS {nulls}"


@dataclass(frozen=True)
class WindowFrame:
    """A window frame: ``ROWS`` or ``RANGE`` between two bounds, each an offset
    from the current row (negative: preceding, 0: the current row) or None
    for unbounded."""

    kind: str
    start: int | None
    end: int | None
    # Written in SQL (``1 PRECEDING``, an int literal) rather than by
    # ``rowsBetween``/``rangeBetween`` (``-1 FOLLOWING``, a bigint); the same frame either way.
    from_sql: bool = field(default=False, compare=False)

    def sql(self) -> str:
        start = _bound_text(self.start, "PRECEDING", self.from_sql)
        return f"{self.kind} BETWEEN {start} AND {_bound_text(self.end, 'FOLLOWING', self.from_sql)}"

    def offset_type_name(self) -> str:
        """The SQL type name of the frame's offsets (Spark's literal type): ``BIGINT``
        from ``rangeBetween``, ``INT`` for SQL's offsets that fit one."""
        offsets = [offset for offset in (self.start, self.end) if offset]
        if self.from_sql and all(-(1 << 31) <= offset < (1 << 31) for offset in offsets):
            return "INT"
        return "BIGINT"


def _bound_text(offset: int | None, unbounded: str, from_sql: bool = False) -> str:
    """A frame bound as Spark prints it: ``-1 FOLLOWING`` is one row before
    (``1 PRECEDING`` when the frame was written in SQL)."""
    if offset is None:
        return f"UNBOUNDED {unbounded}"
    if offset == 0:
        return "CURRENT ROW"
    if from_sql and offset < 0:
        return f"{-offset} PRECEDING"
    return f"{offset} FOLLOWING"


# Spark's frame of a window without one: the whole partition, or up to the current row's peers when ordered.
WHOLE_PARTITION = WindowFrame("ROWS", None, None)
UP_TO_CURRENT_PEERS = WindowFrame("RANGE", None, 0)


@dataclass(frozen=True, repr=False)
class WindowExpression(Expression):
    """``function OVER (PARTITION BY ... ORDER BY ... frame)``; ``frame`` None
    when the window does not give one."""

    function: Expression
    partition: tuple[Expression, ...] = ()
    order: tuple[SortOrder, ...] = ()
    frame: WindowFrame | None = None

    def children(self) -> tuple[Expression, ...]:
        return (self.function, *self.partition, *self.order)

    def contains_aggregate(self) -> bool:
        # An aggregate over a window is computed per row, not per group.
        return False

    def effective_frame(self) -> WindowFrame:
        """The frame Spark evaluates: the function's own (ranking and offset
        functions), else the window's, else Spark's default."""
        if isinstance(self.function, Call):
            declared = _function_table().lookup(self.function.function)
            if declared is not None and declared.frame is not None:
                return declared.frame(self.function.arguments)
        if self.frame is not None:
            return self.frame
        return UP_TO_CURRENT_PEERS if self.order else WHOLE_PARTITION

    def sql(self) -> str:
        parts = []
        if self.partition:
            parts.append("PARTITION BY " + ", ".join(expression.sql() for expression in self.partition))
        if self.order:
            parts.append("ORDER BY " + ", ".join(order.sql() for order in self.order))
        parts.append(self.effective_frame().sql())
        return f"{self.function.sql()} OVER ({' '.join(parts)})"


_lambda_numbers = itertools.count()


def fresh_lambda_name(prefix: str) -> str:
    """A lambda variable name no other in the process has (``x_3``), numbered as PySpark does."""
    return f"{prefix}_{next(_lambda_numbers)}"


@dataclass(frozen=True, repr=False)
class LambdaVariable(Expression):
    """A parameter of a lambda (``x`` in ``lambda x: x + 1``); ``name`` is
    unique in the process (``x_3``), as PySpark numbers them, so that nested
    lambdas' parameters never clash."""

    name: str

    def sql(self) -> str:
        # Spark Connect names every lambda variable so in column names.
        return "namedlambdavariable()"


@dataclass(frozen=True, repr=False)
class LambdaFunction(Expression):
    """A Python function given to a higher-order function, called once with
    lambda-variable Columns when the Column was built: its body and parameters."""

    body: Expression
    parameters: tuple[LambdaVariable, ...]

    def children(self) -> tuple[Expression, ...]:
        return (self.body,)

    def sql(self) -> str:
        names = ", ".join(parameter.sql() for parameter in self.parameters)
        return f"lambdafunction({self.body.sql()}, {names})"


def _time_text(value: datetime.time) -> str:
    """A time of day as Spark writes it: ``HH:mm:ss`` and the fraction without trailing zeros."""
    text = value.strftime("%H:%M:%S")
    return f"{text}.{value.microsecond:06d}".rstrip("0") if value.microsecond else text


def literal_text(value: object) -> str:
    """How Spark shows a literal inside a column name."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _java_double_text(value)
    if isinstance(value, datetime.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, datetime.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, datetime.time):
        return f"TIME '{_time_text(value)}'"
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return f"array({', '.join(literal_text(item) for item in value)})"
    if isinstance(value, (bytes, bytearray)):
        return "X'" + bytes(value).hex().upper() + "'"
    return str(value)


def _java_double_text(value: float) -> str:
    """Java's ``Double.toString`` for the common range (Spark names use it)."""
    if value != value:  # noqa: PLR0124 - NaN check
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    magnitude = abs(value)
    if magnitude == 0 or 1e-3 <= magnitude < 1e7:
        text = repr(value)
        return text if "e" not in text else f"{value:f}".rstrip("0")
    mantissa, exponent = f"{value:e}".split("e")
    digits = repr(float(mantissa))
    return f"{digits}E{int(exponent)}"


@dataclass(frozen=True, repr=False)
class ExtractValue(Expression):
    """``col[key]``: a struct's field by name, an array's element by 0-based index or a
    map's value by key, as the child's type decides (Spark's UnresolvedExtractValue)."""

    child: Expression
    key: Expression

    def sql(self) -> str:
        key = self.key.value if isinstance(self.key, Literal) else self.key.sql()
        return f"{self.child.sql()}[{key}]"

    def children(self) -> tuple[Expression, ...]:
        return (self.child, self.key)


@dataclass(frozen=True, repr=False)
class GetField(Expression):
    """``col.getField(name)``: a struct's field."""

    child: Expression
    field: str

    def sql(self) -> str:
        return f"{self.child.sql()}.{self.field}"

    def children(self) -> tuple[Expression, ...]:
        return (self.child,)


@dataclass(frozen=True, repr=False)
class UpdateFields(Expression):
    """``withField``/``dropFields``: a struct with fields set (``value`` given) or dropped
    (``value`` None), each by a dotted path, in order."""

    child: Expression
    operations: tuple[tuple[str, Expression | None], ...]

    def sql(self) -> str:
        parts = [
            f"WithField({path}, {value.sql()})" if value is not None else f"dropfield({path})"
            for path, value in self.operations
        ]
        return f"update_fields({self.child.sql()}, {', '.join(parts)})"

    def children(self) -> tuple[Expression, ...]:
        return (self.child, *(value for _, value in self.operations if value is not None))


@dataclass(frozen=True, repr=False)
class OuterReference(Expression):
    """``col.outer()``: an expression whose columns may belong to an enclosing
    query. Spark calls it lazy: a DataFrame operation that cannot resolve it
    waits until the DataFrame is used as a subquery (``_subquery.py``)."""

    child: Expression

    def children(self) -> tuple[Expression, ...]:
        return (self.child,)

    def sql(self) -> str:
        return self.child.sql()


@dataclass(frozen=True, eq=False, repr=False)
class SubqueryExpression(Expression):
    """A DataFrame used as a value: ``scalar`` (its one value), ``exists``
    (whether it has a row) or ``in`` (whether ``needles`` are among its
    rows). ``plan`` is the DataFrame, or a correlated one waiting for its
    enclosing query (``_subquery.Deferred``)."""

    kind: str
    plan: object
    needles: tuple[Expression, ...] = ()
    # The enclosing query's columns the subquery refers to, as Spark lists them in its
    # name (``scalarsubquery(dept)``): known once resolved, set by the analyzer.
    outer_names: list[str] = field(default_factory=list, compare=False)

    def children(self) -> tuple[Expression, ...]:
        return self.needles

    def contains_aggregate(self) -> bool:
        # An aggregate inside the subquery is the subquery's own.
        return any(needle.contains_aggregate() for needle in self.needles)

    def sql(self) -> str:
        outer = ", ".join(self.outer_names)
        if self.kind == "scalar":
            return f"scalarsubquery({outer})"
        if self.kind == "exists":
            return f"exists({outer})"
        return f"({', '.join(needle.sql() for needle in self.needles)} IN (listquery({outer})))"


def _unquote(name: str) -> str:
    return name.replace("`", "")


def map_children(expression: Expression, function) -> Expression:
    """``expression`` with ``function`` applied to each direct child."""
    if isinstance(expression, Call):
        return Call(expression.function, tuple(function(argument) for argument in expression.arguments), expression.distinct)
    if isinstance(expression, Alias):
        return Alias(function(expression.child), expression.name)
    if isinstance(expression, MultiAlias):
        return MultiAlias(function(expression.child), expression.names)
    if isinstance(expression, Cast):
        return Cast(function(expression.child), expression.data_type, expression.safe)
    if isinstance(expression, SortOrder):
        return SortOrder(function(expression.child), expression.ascending, expression.nulls_first)
    if isinstance(expression, WindowExpression):
        return WindowExpression(
            function(expression.function),
            tuple(function(key) for key in expression.partition),
            tuple(function(order) for order in expression.order),
            expression.frame,
        )
    if isinstance(expression, LambdaFunction):
        return replace(expression, body=function(expression.body))
    if isinstance(expression, ExtractValue):
        return ExtractValue(function(expression.child), function(expression.key))
    if isinstance(expression, GetField):
        return GetField(function(expression.child), expression.field)
    if isinstance(expression, UpdateFields):
        operations = tuple((path, function(value) if value is not None else None) for path, value in expression.operations)
        return UpdateFields(function(expression.child), operations)
    if isinstance(expression, OuterReference):
        return OuterReference(function(expression.child))
    if isinstance(expression, SubqueryExpression):
        return replace(expression, needles=tuple(function(needle) for needle in expression.needles))
    if isinstance(expression, CaseWhen):
        branches = tuple((function(condition), function(value)) for condition, value in expression.branches)
        otherwise = function(expression.otherwise) if expression.otherwise is not None else None
        return CaseWhen(branches, otherwise)
    return expression
