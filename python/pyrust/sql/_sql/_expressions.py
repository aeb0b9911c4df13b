"""A SQL expression's syntax tree → an unresolved expression, as a Column holds.

SQL and the DataFrame API meet here: ``F.expr("upper(a) || 'x'")`` and
``spark.sql("SELECT upper(a) || 'x' FROM t")`` become the same tree
``F.concat(F.upper("a"), F.lit("x"))`` builds, so the analyzer gives them the
same types, column names and errors. Nothing is resolved here: names stay
names, functions stay names the function table looks up.

What has no counterpart yet raises NOT_IMPLEMENTED naming the construct.
"""

from __future__ import annotations

import datetime
import decimal
import re
import zoneinfo
from collections.abc import Callable, Mapping
from typing import Any

from sqlglot import exp

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._expressions import (
    Alias,
    CaseWhen,
    Call,
    Cast,
    ColumnReference,
    Expression,
    LambdaFunction,
    LambdaVariable,
    Literal,
    MultiAlias,
    SortOrder,
    Star,
    SubqueryExpression,
    WindowExpression,
    WindowFrame,
    fresh_lambda_name,
)
from pyrust.sql._sql._dialect import PySparkSQL
from pyrust.sql._sql._intervals import interval_literal

# Binary operators, by sqlglot node → the analyzer's operator or function name.
_BINARY: dict[type, str] = {
    exp.Add: "+",
    exp.Sub: "-",
    exp.Mul: "*",
    exp.Div: "/",
    exp.Mod: "%",
    exp.IntDiv: "div",
    exp.EQ: "=",
    exp.NEQ: "!=",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.GT: ">",
    exp.GTE: ">=",
    exp.NullSafeEQ: "<=>",
    exp.And: "and",
    exp.Or: "or",
    exp.RegexpLike: "rlike",
    exp.BitwiseAnd: "&",
    exp.BitwiseOr: "|",
    exp.BitwiseXor: "^",
}

# Calls sqlglot parses with a grammar of their own, by node → Spark's function name.
_NAMED_NODES: dict[type, str] = {
    exp.CurrentDate: "current_date",
    exp.CurrentTimestamp: "current_timestamp",
    exp.CurrentUser: "current_user",
}

# Typed number suffixes (`1L`, `1.5BD`) → Spark's literal type.
_NUMBER_SUFFIXES: dict[str, T.DataType] = {
    "L": T.LongType(),
    "S": T.ShortType(),
    "Y": T.ByteType(),
    "D": T.DoubleType(),
    "F": T.FloatType(),
}

# Spark's type-named functions (`int('1')`, `date(s)`): a CAST named after its argument.
_CAST_FUNCTIONS: dict[str, T.DataType] = {
    "boolean": T.BooleanType(),
    "tinyint": T.ByteType(),
    "smallint": T.ShortType(),
    "int": T.IntegerType(),
    "bigint": T.LongType(),
    "float": T.FloatType(),
    "double": T.DoubleType(),
    "decimal": T.DecimalType(10, 0),
    "string": T.StringType(),
    "binary": T.BinaryType(),
    "date": T.DateType(),
    "timestamp": T.TimestampType(),
}

_INT_RANGE = range(-(2**31), 2**31)
_LONG_RANGE = range(-(2**63), 2**63)


class ExpressionBinder:
    """Turns sqlglot expressions into unresolved expressions.

    ``parameters`` holds ``spark.sql``'s ``args`` (``:name`` and ``?``);
    ``subquery`` binds a subquery when a query binder is present.
    """

    def __init__(
        self,
        parameters: Mapping[str, Any] | list[Any] | None = None,
        windows: Mapping[str, exp.Window] | None = None,
        time_zone: str | None = None,
    ) -> None:
        self._parameters = parameters
        self._time_zone = time_zone
        # `?` markers take args in the order they appear in the text, whatever order
        # the query's clauses are bound in; the query binder lists them.
        self.markers: list[exp.Placeholder] = []
        self._windows = dict(windows or {})
        # The variables of the lambdas being bound, innermost last, by lowercase name.
        self._lambdas: list[dict[str, LambdaVariable]] = []
        # Set by the query binder: a subquery's query → its DataFrame, built when resolved
        # (``_subquery.LazyQuery``), so that it sees the enclosing query's columns.
        self.subquery: Callable[[exp.Expr], object] | None = None

    def bind(self, node: exp.Expr) -> Expression:
        handler = _HANDLERS.get(type(node))
        if handler is not None:
            return handler(self, node)
        operator = _BINARY.get(type(node))
        if operator is not None:
            return Call(operator, (self.bind(node.this), self.bind(node.expression)))
        name = _NAMED_NODES.get(type(node))
        if name is not None:
            return Call(name, ())
        raise unsupported(node)

    def bind_order(self, node: exp.Expr) -> SortOrder:
        """An ``ORDER BY`` item: Spark sorts nulls first ascending, last descending."""
        if isinstance(node, exp.Ordered):
            descending = bool(node.args.get("desc"))
            nulls_first = node.args.get("nulls_first")
            explicit = node.args.get("nulls_first") is not None and _nulls_written(node)
            first = bool(nulls_first) if explicit else not descending
            return SortOrder(self.bind(node.this), ascending=not descending, nulls_first=first)
        return SortOrder(self.bind(node))

    # -- leaves ------------------------------------------------------------------

    def _column(self, node: exp.Column) -> Expression:
        if isinstance(node.this, exp.Star):
            return _star(node.this, node.table or None)
        if not node.table:
            variable = self._lambda_variable(node.name)
            if variable is not None:
                return variable
        parts = [part.name for part in node.parts]
        return ColumnReference(".".join(_quote_part(part) for part in parts))

    def _identifier(self, node: exp.Identifier) -> Expression:
        """A lambda's variable (sqlglot leaves them bare identifiers), else a column."""
        variable = self._lambda_variable(node.name)
        return variable if variable is not None else ColumnReference(_quote_part(node.name))

    def _lambda_variable(self, name: str) -> LambdaVariable | None:
        for scope in reversed(self._lambdas):
            variable = scope.get(name.lower())
            if variable is not None:
                return variable
        return None

    def _lambda(self, node: exp.Lambda) -> Expression:
        """``(x, i) -> body``: a lambda as a Python function gives one, its variables numbered afresh."""
        variables = tuple(LambdaVariable(fresh_lambda_name(parameter.name)) for parameter in node.expressions)
        self._lambdas.append({parameter.name.lower(): variable for parameter, variable in zip(node.expressions, variables)})
        try:
            body = self.bind(node.this)
        finally:
            self._lambdas.pop()
        return LambdaFunction(body, variables)

    def _literal(self, node: exp.Literal) -> Expression:
        if node.is_string:
            return Literal(node.this, T.StringType())
        return number_literal(node.this, node)

    def _placeholder(self, node: exp.Placeholder) -> Expression:
        name = node.name if node.this else None
        if self._parameters is None:
            raise errors.AnalysisException(
                errorClass="UNBOUND_SQL_PARAMETER", messageParameters={"name": name or "?"}
            )
        if name is not None and name != "?":
            if not isinstance(self._parameters, Mapping) or name not in self._parameters:
                raise errors.AnalysisException(errorClass="UNBOUND_SQL_PARAMETER", messageParameters={"name": name})
            value = self._parameters[name]
        else:
            position = next((index for index, marker in enumerate(self.markers) if marker is node), len(self.markers))
            if isinstance(self._parameters, Mapping) or position >= len(self._parameters):
                raise errors.AnalysisException(
                    errorClass="UNBOUND_SQL_PARAMETER", messageParameters={"name": f"_{position + 1}"}
                )
            value = self._parameters[position]
        from pyrust.sql.column import _to_expression

        return _to_expression(value)

    def _typed_literal(self, node: exp.Cast) -> Expression:
        """``DATE '2024-01-01'``, ``TIMESTAMP '...'``: sqlglot writes them as a plain Cast
        (an explicit ``CAST(...)`` is a TryCast in its Spark dialect)."""
        target = node.to.this
        text = node.this.this if isinstance(node.this, exp.Literal) and node.this.is_string else None
        if text is not None and target == exp.DataType.Type.DATE:
            return Literal(_typed_value(datetime.date.fromisoformat, text, "DATE"), T.DateType())
        timestamps = (exp.DataType.Type.TIMESTAMP, exp.DataType.Type.TIMESTAMPTZ, exp.DataType.Type.TIMESTAMPLTZ)
        if text is not None and target in timestamps:
            # An instant read in the session time zone: a literal when the binder knows the
            # zone (spark.sql), else the engine's cast of the text, which reads it there.
            moment = _typed_value(datetime.datetime.fromisoformat, text, "TIMESTAMP")
            name = f"TIMESTAMP '{_timestamp_text(moment)}'"
            if self._time_zone is None:
                return Alias(Cast(Literal(text, T.StringType()), T.TimestampType()), name)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(self._time_zone))
            return Alias(Literal(moment, T.TimestampType()), name)
        if text is not None and target == exp.DataType.Type.TIMESTAMPNTZ:
            moment = _typed_value(datetime.datetime.fromisoformat, text, "TIMESTAMP")
            return Alias(Literal(moment, T.TimestampNTZType()), f"TIMESTAMP_NTZ '{_timestamp_text(moment)}'")
        if text is not None and target == exp.DataType.Type.TIME and not node.to.expressions:
            return Literal(_typed_value(_time_of_day, text, "TIME"), T.TimeType())
        return self._cast(node)

    def _cast(self, node: exp.Cast) -> Expression:
        return Cast(self.bind(node.this), data_type(node.to), safe=bool(node.args.get("safe")))

    # -- operators ---------------------------------------------------------------

    def _negative(self, node: exp.Neg) -> Expression:
        # Spark's parser reads `-16` as one literal (named `-16`), not negative(16).
        if isinstance(node.this, exp.Literal) and not node.this.is_string:
            return number_literal("-" + node.this.this, node)
        child = self.bind(node.this)
        # Spark's unary minus prints as ``(- x)``; negative(x) is the function's name.
        return Alias(Call("negative", (child,)), f"(- {child.sql()})")

    def _not(self, node: exp.Not) -> Expression:
        inner = node.this
        if isinstance(inner, exp.Is) and isinstance(inner.expression, exp.Null):
            return Call("isnotnull", (self.bind(inner.this),))
        return Call("not", (self.bind(inner),))

    def _like(self, node: exp.Like | exp.ILike | exp.Escape) -> Expression:
        """``a [NOT] LIKE b [ESCAPE 'c']`` and ``ILIKE``: the escape is a one-character
        string (else Spark's parser's INVALID_ESC)."""
        escape = None
        if isinstance(node, exp.Escape):
            escape, node = node.expression, node.this
            if not isinstance(node, (exp.Like, exp.ILike)):
                raise unsupported(node, "ESCAPE")
            if not (isinstance(escape, exp.Literal) and escape.is_string and len(escape.this) == 1):
                shown = f"'{escape.this}'" if isinstance(escape, exp.Literal) else escape.sql()
                raise errors.ParseException(errorClass="INVALID_ESC", messageParameters={"invalidEscape": shown})
        function = "like" if isinstance(node, exp.Like) else "ilike"
        arguments = (self.bind(node.this), self.bind(node.expression))
        call = Call(function, arguments if escape is None else (*arguments, self.bind(escape)))
        return Call("not", (call,)) if node.args.get("negate") else call

    def _is(self, node: exp.Is) -> Expression:
        if isinstance(node.expression, exp.Null):
            return Call("isnull", (self.bind(node.this),))
        raise unsupported(node)

    def _in(self, node: exp.In) -> Expression:
        query = node.args.get("query")
        if query is not None and node.args.get("unnest") is None:
            values = node.this.expressions if isinstance(node.this, exp.Tuple) else [node.this]
            needles = tuple(self.bind(value) for value in values)
            return SubqueryExpression("in", self._subquery_plan(query.this if isinstance(query, exp.Subquery) else query, node), needles)
        if query is not None or node.args.get("unnest") is not None:
            raise unsupported(node, "IN with a subquery")
        return Call("in", (self.bind(node.this), *(self.bind(item) for item in node.expressions)))

    def _subquery_plan(self, query: exp.Expr, node: exp.Expr) -> object:
        """The DataFrame of a subquery's ``query``, built when the subquery is resolved."""
        if self.subquery is None:
            raise unsupported(node, "a subquery outside a query")
        return self.subquery(query)

    def _scalar_subquery(self, node: exp.Subquery) -> Expression:
        if node.args.get("alias") is not None:
            raise unsupported(node)
        return SubqueryExpression("scalar", self._subquery_plan(node.this, node))

    def _exists(self, node: exp.Exists) -> Expression:
        return SubqueryExpression("exists", self._subquery_plan(node.this, node))

    def _between(self, node: exp.Between) -> Expression:
        # Spark rewrites BETWEEN to the two comparisons but names it `between(v, low, high)`.
        value, low, high = self.bind(node.this), self.bind(node.args["low"]), self.bind(node.args["high"])
        comparisons = Call("and", (Call(">=", (value, low)), Call("<=", (value, high))))
        return Alias(comparisons, f"between({value.sql()}, {low.sql()}, {high.sql()})")

    def _case(self, node: exp.Case) -> Expression:
        subject = self.bind(node.this) if node.this is not None else None
        branches = []
        for branch in node.args.get("ifs") or []:
            condition = self.bind(branch.this)
            if subject is not None:
                condition = Call("=", (subject, condition))
            branches.append((condition, self.bind(branch.args["true"])))
        otherwise = node.args.get("default")
        return CaseWhen(tuple(branches), self.bind(otherwise) if otherwise is not None else None)

    def _if(self, node: exp.If) -> Expression:
        # Spark's If types its branches as CASE WHEN does, and is named `(IF(c, a, b))`.
        condition, value = self.bind(node.this), self.bind(node.args["true"])
        otherwise_node = node.args.get("false")
        otherwise = self.bind(otherwise_node) if otherwise_node is not None else Literal(None, T.NullType())
        name = f"(IF({condition.sql()}, {value.sql()}, {otherwise.sql()}))"
        return Alias(CaseWhen(((condition, value),), otherwise), name)

    # -- calls -------------------------------------------------------------------

    def _call(self, node: exp.Anonymous) -> Expression:
        name = node.name.lower()
        arguments = list(node.expressions)
        distinct = len(arguments) == 1 and isinstance(arguments[0], exp.Distinct)
        if distinct:
            arguments = list(arguments[0].expressions)
        cast_type = _CAST_FUNCTIONS.get(name)
        if cast_type is not None and len(arguments) == 1 and not distinct:
            child = self.bind(arguments[0])
            return Alias(Cast(child, cast_type), child.sql())
        if name == "count" and len(arguments) == 1 and isinstance(arguments[0], exp.Star):
            # Spark reads count(*) as count(1), and names it so.
            return Call("count", (Literal(1, T.IntegerType()),))
        bound = [self.bind(argument) for argument in arguments]
        omitted = _OMITTED_ARGUMENTS.get(name)
        if omitted is not None and 0 < len(bound) <= len(omitted):
            # The arguments SQL may leave out, as Spark fills them in (and names the call).
            bound += omitted[len(bound) - 1:]
        return Call(name, tuple(bound), distinct)

    def _substring(self, node: exp.Substring) -> Expression:
        arguments = [node.this, node.args.get("start"), node.args.get("length")]
        return Call("substring", tuple(self.bind(argument) for argument in arguments if argument is not None))

    def _trim(self, node: exp.Trim) -> Expression:
        position = (node.args.get("position") or "BOTH").upper()
        function = {"BOTH": "trim", "LEADING": "ltrim", "TRAILING": "rtrim"}[position]
        characters = node.expression
        arguments = (self.bind(node.this),) if characters is None else (self.bind(node.this), self.bind(characters))
        return Call(function, arguments)

    def _extract(self, node: exp.Extract) -> Expression:
        return Call("extract", (Literal(node.this.name.upper(), T.StringType()), self.bind(node.expression)))

    def _position(self, node: exp.StrPosition) -> Expression:
        # Spark reads POSITION(a IN b) as locate(a, b, 1).
        start = node.args.get("position")
        arguments = (self.bind(node.args["substr"]), self.bind(node.this))
        return Call("locate", (*arguments, self.bind(start) if start is not None else Literal(1, T.IntegerType())))

    def _alias(self, node: exp.Alias) -> Expression:
        return Alias(self.bind(node.this), node.alias)

    def _window(self, node: exp.Window) -> Expression:
        if isinstance(node.this, exp.Filter | exp.IgnoreNulls | exp.RespectNulls):
            raise unsupported(node.this)
        function = self.bind(node.this)
        window = node
        if not node.args.get("partition_by") and not node.args.get("order") and node.alias:
            named = self._windows.get(node.alias.lower())
            if named is None:
                raise errors.AnalysisException(
                    errorClass="MISSING_WINDOW_SPECIFICATION",
                    messageParameters={"windowName": node.alias, "docroot": "https://spark.apache.org/docs/latest"},
                )
            window = named
        partition = tuple(self.bind(item) for item in window.args.get("partition_by") or [])
        order_node = window.args.get("order")
        order = tuple(self.bind_order(item) for item in order_node.expressions) if order_node is not None else ()
        frame = _frame(window.args.get("spec"), node)
        return WindowExpression(function, partition, order, frame)


def _frame(spec: exp.WindowSpec | None, node: exp.Expr) -> WindowFrame | None:
    if spec is None:
        return None
    kind = (spec.args.get("kind") or "ROWS").upper()
    start = _frame_bound(spec.args.get("start"), spec.args.get("start_side"), node)
    end = _frame_bound(spec.args.get("end"), spec.args.get("end_side"), node)
    return WindowFrame(kind, start, end, from_sql=True)


def _frame_bound(value: Any, side: str | None, node: exp.Expr) -> int | None:
    text = value.name if isinstance(value, exp.Expr) else str(value or "")
    if text.upper() == "UNBOUNDED":
        return None
    if text.upper() == "CURRENT ROW":
        return 0
    try:
        offset = int(text)
    except ValueError:
        raise unsupported(node, f"the window frame bound {text}") from None
    return -offset if (side or "").upper() == "PRECEDING" else offset


# Functions whose trailing arguments SQL may omit: the values after the first argument.
_OMITTED_ARGUMENTS: dict[str, list[Expression]] = {
    "lag": [Literal(1, T.IntegerType()), Literal(None, T.NullType())],
    "lead": [Literal(1, T.IntegerType()), Literal(None, T.NullType())],
}

_HANDLERS: dict[type, Callable[[ExpressionBinder, Any], Expression]] = {
    exp.Column: ExpressionBinder._column,
    exp.Identifier: ExpressionBinder._identifier,
    exp.Lambda: ExpressionBinder._lambda,
    # sqlglot parses Spark's transform(array, lambda) into a node of its own.
    exp.Transform: lambda binder, node: Call("transform", (binder.bind(node.this), binder.bind(node.expression))),
    exp.Star: lambda binder, node: _star(node, None),
    exp.Literal: ExpressionBinder._literal,
    exp.Interval: lambda binder, node: interval_literal(node),
    exp.Boolean: lambda binder, node: Literal(bool(node.this), T.BooleanType()),
    exp.RawString: lambda binder, node: Literal(node.this, T.StringType()),
    exp.BitwiseNot: lambda binder, node: Call("~", (binder.bind(node.this),)),
    exp.Null: lambda binder, node: Literal(None, T.NullType()),
    exp.HexString: lambda binder, node: Literal(_hex_bytes(node), T.BinaryType()),
    exp.Placeholder: ExpressionBinder._placeholder,
    exp.Paren: lambda binder, node: binder.bind(node.this),
    # `(a, b)` is a struct of fields col1, col2, ... (Spark names it `named_struct(col1, a, ...)`).
    exp.Tuple: lambda binder, node: Call(
        "named_struct",
        tuple(
            part
            for index, item in enumerate(node.expressions)
            for part in (Literal(f"col{index + 1}", T.StringType()), binder.bind(item))
        ),
    ),
    exp.Neg: ExpressionBinder._negative,
    exp.BitwiseNot: lambda binder, node: Call("~", (binder.bind(node.this),)),
    exp.Not: ExpressionBinder._not,
    exp.Is: ExpressionBinder._is,
    exp.Like: ExpressionBinder._like,
    exp.ILike: ExpressionBinder._like,
    exp.Escape: ExpressionBinder._like,
    exp.In: ExpressionBinder._in,
    exp.Subquery: ExpressionBinder._scalar_subquery,
    exp.Exists: ExpressionBinder._exists,
    exp.Between: ExpressionBinder._between,
    exp.DPipe: lambda binder, node: Call("concat", (binder.bind(node.this), binder.bind(node.expression))),
    exp.Case: ExpressionBinder._case,
    exp.If: ExpressionBinder._if,
    exp.Cast: ExpressionBinder._typed_literal,
    exp.TryCast: ExpressionBinder._cast,
    exp.Anonymous: ExpressionBinder._call,
    exp.Substring: ExpressionBinder._substring,
    exp.Trim: ExpressionBinder._trim,
    exp.Extract: ExpressionBinder._extract,
    exp.StrPosition: ExpressionBinder._position,
    exp.Alias: ExpressionBinder._alias,
    # `explode(m) AS (k, v)`: the names of a generator's columns.
    exp.Aliases: lambda binder, node: MultiAlias(binder.bind(node.this), tuple(name.name for name in node.expressions)),
    exp.Window: ExpressionBinder._window,
}


def number_literal(text: str, node: exp.Expr) -> Literal:
    """A number as Spark types it: ``1`` int, ``1L`` bigint, ``1.5`` decimal(2,1),
    ``1e3`` and ``1D`` double, ``1.5BD`` decimal, too big for bigint: decimal."""
    upper = text.upper()
    if upper.endswith("BD"):
        return _decimal_literal(text[:-2], node)
    suffix = _NUMBER_SUFFIXES.get(upper[-1:])
    if suffix is not None:
        digits = text[:-1]
        if isinstance(suffix, (T.DoubleType, T.FloatType)):
            return Literal(float(digits), suffix)
        value = int(digits)
        bits = {"LongType": 64, "ShortType": 16, "ByteType": 8}[type(suffix).__name__]
        if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
            raise errors.ParseException(
                errorClass="INVALID_NUMERIC_LITERAL_RANGE",
                messageParameters={
                    "rawStrippedQualifier": digits,
                    "minValue": str(-(2 ** (bits - 1))),
                    "maxValue": str(2 ** (bits - 1) - 1),
                    "typeName": suffix.simpleString(),
                },
            )
        return Literal(value, suffix)
    if "e" in text.lower():
        return Literal(float(text), T.DoubleType())
    if "." in text:
        return _decimal_literal(text, node)
    value = int(text)
    if value in _INT_RANGE:
        return Literal(value, T.IntegerType())
    if value in _LONG_RANGE:
        return Literal(value, T.LongType())
    return _decimal_literal(text, node)


def _decimal_literal(text: str, node: exp.Expr) -> Literal:
    value = decimal.Decimal(text)
    sign, digits, exponent = value.as_tuple()
    scale = max(-exponent, 0)
    precision = max(len(digits), scale)
    if precision > 38:
        raise unsupported(node, f"the decimal literal {text} (more than 38 digits)")
    return Literal(value, T.DecimalType(max(precision, 1), scale))


def data_type(node: exp.DataType) -> T.DataType:
    """A sqlglot type as Spark's, read from its DDL text."""
    if node.this == exp.DataType.Type.TIME:
        # sqlglot's Spark dialect writes TIME as TIMESTAMP.
        precision = [parameter.sql() for parameter in node.expressions]
        return T._parse_ddl(f"time({precision[0]})" if precision else "time")
    return T._parse_ddl(node.sql(dialect=PySparkSQL))


def _timestamp_text(moment: datetime.datetime) -> str:
    """A timestamp literal's text as Spark prints it: seconds always, the fraction without trailing zeros."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    return text + (f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else "")


def _star(node: exp.Star, qualifier: str | None) -> Star:
    # SELECT's own items take ``* EXCEPT (...)`` apart (the query binder knows the columns).
    if node.args.get("except_"):
        raise unsupported(node, "* EXCEPT outside a SELECT list")
    return Star(qualifier)


def unsupported(node: exp.Expr, what: str | None = None) -> errors.PySparkNotImplementedError:
    text = what or f"{node.sql(dialect=PySparkSQL)} ({type(node).__name__})"
    return errors.PySparkNotImplementedError(
        errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"{text} in SQL"}
    )


def _quote_part(part: str) -> str:
    return f"`{part}`" if "." in part else part


def _nulls_written(node: exp.Ordered) -> bool:
    """Whether the query said NULLS FIRST/LAST (sqlglot fills in a default otherwise)."""
    text = node.sql(dialect=PySparkSQL).upper()
    return "NULLS FIRST" in text or "NULLS LAST" in text


def _hex_bytes(node: exp.HexString) -> bytes:
    text = node.this
    return bytes.fromhex(text if len(text) % 2 == 0 else "0" + text)


def _typed_value(parse: Callable[[str], Any], text: str, type_name: str) -> Any:
    """The value of a typed literal (``DATE '...'``), or Spark's INVALID_TYPED_LITERAL."""
    try:
        return parse(text.strip())
    except ValueError:
        raise errors.ParseException(
            errorClass="INVALID_TYPED_LITERAL",
            messageParameters={"valueType": f'"{type_name}"', "value": f"'{text}'"},
        ) from None


def _time_of_day(text: str) -> datetime.time:
    """A ``TIME '...'`` literal's value: ``[h]h:[m]m[:[s]s[.fraction]]`` (digits past microseconds dropped)."""
    match = re.fullmatch(r"(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?", text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59 or int(match[3] or 0) > 59:
        msg = f"not a time of day: {text}"
        raise ValueError(msg)
    micros = int((match[4] or "").ljust(6, "0")[:6])
    return datetime.time(int(match[1]), int(match[2]), int(match[3] or 0), micros)
