"""SQL functions: ``CREATE [TEMPORARY] FUNCTION f(x INT) RETURNS INT RETURN x + 1``.

A SQL function is a named expression (or, with ``RETURNS TABLE``, a named
query) over its parameters, and Spark inlines it where it is called. So does
pyrust: a call becomes the body with each parameter replaced by its argument
cast to the parameter's type (``CAST(arg AS INT)``: ``plus1('5')`` is 6), the
body cast to the declared result type, under the call's column name
(``plus1(41)``; ``spark_catalog.default.f(41)`` for a function kept in the
catalog). A table function's arguments are evaluated first and bound as the
named parameters of its query.

Temporary functions live as long as the process's function table (as Python
UDFs do); persistent ones are also written to the catalog, so later sessions
over the same warehouse declare them again (:func:`declare_stored`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlglot.expressions as exp

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._expressions import Cast, ColumnReference, Expression, map_children
from pyrust.sql._sql._dialect import PySparkSQL, parse_expression
from pyrust.sql._sql._expressions import ExpressionBinder, data_type, unsupported

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._bound import Bound
    from pyrust.sql._expressions import Call
    from pyrust.sql.column import Column
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession

# Not an extension URN: a SQL function's calls never reach the plan, only its body does.
SQL_FUNCTION_URN = "pyrust:sql-function"
CLASS_NAME = "sqlFunction."


@dataclass(frozen=True)
class Parameter:
    name: str
    data_type: T.DataType
    default: str | None  # SQL text of the default value


@dataclass(frozen=True)
class SqlFunction:
    """One ``CREATE FUNCTION``: what the catalog keeps of it, and how calls expand."""

    name: str
    parameters: tuple[Parameter, ...]
    returns: T.DataType | None  # a scalar function's declared result type
    table: T.StructType | None  # a table function's declared columns
    body: str  # SQL text of the expression or query after RETURN
    qualifier: str | None = None  # "spark_catalog.default" for one kept in the catalog

    @property
    def shown_name(self) -> str:
        return f"{self.qualifier}.{self.name}" if self.qualifier else self.name

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "parameters": [[p.name, p.data_type.json(), p.default] for p in self.parameters],
            "returns": None if self.returns is None else self.returns.json(),
            "table": None if self.table is None else self.table.json(),
            "body": self.body,
        }

    @staticmethod
    def from_json(entry: dict[str, Any], qualifier: str | None) -> SqlFunction:
        parameters = tuple(Parameter(name, T._parse_datatype_json_string(kind), default) for name, kind, default in entry["parameters"])
        returns = None if entry["returns"] is None else T._parse_datatype_json_string(entry["returns"])
        table = None if entry["table"] is None else T._parse_datatype_json_string(entry["table"])
        return SqlFunction(entry["name"], parameters, returns, table, entry["body"], qualifier)

    # -- calls ------------------------------------------------------------------------------

    def arguments(self, given: list[Expression]) -> dict[str, Expression]:
        """Each parameter's value: the argument given, else its default; Spark's
        ``WRONG_NUM_ARGS`` for a count outside what the parameters take."""
        required = sum(1 for p in self.parameters if p.default is None)
        if not required <= len(given) <= len(self.parameters):
            expected = str(len(self.parameters))  # Spark counts the parameters with defaults too
            raise errors.AnalysisException(
                errorClass="WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                messageParameters={
                    "functionName": f"`{self.name}`", "expectedNum": expected, "actualNum": str(len(given)),
                    "docroot": "https://spark.apache.org/docs/latest",
                },
            )
        values = {}
        for position, parameter in enumerate(self.parameters):
            value = given[position] if position < len(given) else _parsed(parameter.default or "NULL")
            values[parameter.name.lower()] = Cast(value, parameter.data_type)
        return values

    def expanded(self, given: list[Expression]) -> Expression:
        """A scalar function's body with the arguments in place of the parameters."""
        values = self.arguments(given)
        body = _substituted(_parsed(self.body), values)
        return body if self.returns is None else Cast(body, self.returns)

    def resolve(self, analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        from pyrust.sql._bound import Bound

        bound = analyzer.resolve(self.expanded(list(call.arguments)))
        return Bound(bound.proto, bound.data_type, bound.nullable, column_name)

    def column_name(self, names: list[str]) -> str:
        return f"{self.shown_name}({', '.join(names)})"

    def table_of(self, session: SparkSession, arguments: list[Column]) -> DataFrame:
        """A table function's rows: its query over the arguments' values, as its declared columns."""
        from pyrust.sql import functions as F
        from pyrust.sql._sql._queries import QueryBinder
        from pyrust.sql.column import Column

        values = self.arguments([argument._expression for argument in arguments])
        row = session.range(1).select([Column(value).alias(name) for name, value in values.items()]).first()
        query = _parsed_query(self.body)
        names = {p.name.lower() for p in self.parameters}
        query = query.transform(lambda node: exp.Placeholder(this=node.name.lower()) if _is_parameter(node, names) else node)
        frame = QueryBinder(session, row.asDict() if row is not None else {}).query(query)
        assert self.table is not None  # noqa: S101 - only table functions get here
        if len(frame.columns) != len(self.table.fields):
            raise errors.AnalysisException(
                errorClass="USER_DEFINED_FUNCTIONS.RETURN_COLUMN_COUNT_MISMATCH",
                messageParameters={"name": self.name, "outputSize": str(len(frame.columns)), "returnParamSize": str(len(self.table.fields))},
            )
        return frame.select(
            [F.col(f"`{column}`").cast(field.dataType).alias(field.name) for column, field in zip(frame.columns, self.table.fields)]
        )


def _parsed(text: str) -> Expression:
    return ExpressionBinder().bind(parse_expression(text))


def _parsed_query(text: str) -> exp.Expr:
    import sqlglot

    return sqlglot.parse_one(text, read=PySparkSQL)


def _substituted(expression: Expression, values: dict[str, Expression]) -> Expression:
    if isinstance(expression, ColumnReference) and expression.plan_id is None and expression.name.lower() in values:
        return values[expression.name.lower()]
    return map_children(expression, lambda child: _substituted(child, values))


def _is_parameter(node: exp.Expr, names: set[str]) -> bool:
    return isinstance(node, exp.Column) and not node.table and node.name.lower() in names


# -- CREATE FUNCTION ------------------------------------------------------------------------


def from_statement(statement: exp.Create) -> SqlFunction:
    """The function a ``CREATE FUNCTION ... RETURN`` statement defines."""
    signature = statement.this
    parameters = []
    for column in signature.expressions:
        default = next(
            (c.args["kind"].this for c in column.args.get("constraints") or [] if isinstance(c.args.get("kind"), exp.DefaultColumnConstraint)),
            None,
        )
        parameters.append(Parameter(column.name, data_type(column.args["kind"]), None if default is None else default.sql(dialect=PySparkSQL)))
    returns = table = None
    for item in statement.args["properties"].expressions if statement.args.get("properties") else []:
        if isinstance(item, exp.ReturnsProperty):
            if isinstance(item.this, exp.Schema):
                table = T.StructType([T.StructField(c.name, data_type(c.args["kind"])) for c in item.this.expressions])
            else:
                returns = data_type(item.this)
    body = statement.expression.this
    if table is None:
        body = _scalar_body(body, {p.name.lower() for p in parameters})
    return SqlFunction(signature.this.name, tuple(parameters), returns, table, body.sql(dialect=PySparkSQL))


def _scalar_body(body: exp.Expr, names: set[str]) -> exp.Expr:
    """A scalar function's body as an expression: ``RETURN SELECT x * x`` (no FROM)
    is ``x * x``; a query that reads the parameters is not inlined by pyrust."""
    if isinstance(body, exp.Select) and not body.args.get("from") and len(body.expressions) == 1 and not body.args.get("where"):
        body = body.expressions[0].unalias()
    for query in body.find_all(exp.Select):
        if any(_is_parameter(node, names) for node in query.find_all(exp.Column)):
            raise unsupported(query, "a parameter of a SQL function inside a subquery of its body")
    return body


def check(session: SparkSession, function: SqlFunction) -> None:
    """Bind a scalar function's body over its parameters alone, as Spark does at
    CREATE: an unknown name is ``UNRESOLVED_COLUMN`` with the parameters as candidates."""
    if function.table is not None:
        return
    from pyrust.sql import functions as F
    from pyrust.sql.column import Column

    columns = [F.lit(None).cast(p.data_type).alias(p.name) for p in function.parameters]
    frame = session.range(1).select(columns) if columns else session.range(1).select()
    frame.select(Column(_parsed(function.body)))


def declare(function: SqlFunction) -> None:
    """Make ``function`` callable by name (scalar) or in FROM (table)."""
    from pyrust.sql._functions import _table
    from pyrust.sql._functions._function import Function, Kind

    _DECLARED[function.name.lower()] = function
    if function.table is not None:
        return
    _table.declare_session_function(
        function.name,
        Function(
            name=function.name, urn=SQL_FUNCTION_URN, substrait_name=function.name, kind=Kind.SCALAR,
            resolve=function.resolve, column_name=function.column_name,
        ),
    )


def forget(name: str) -> bool:
    """Drop the SQL function ``name`` from this process's table; whether there was one."""
    from pyrust.sql._functions import _table

    function = _DECLARED.pop(name.lower(), None)
    if function is None:
        return False
    if function.table is None:
        _table.drop_session_function(name)
    return True


def lookup(name: str) -> SqlFunction | None:
    """The SQL function ``name`` (scalar or table), if one is declared."""
    return _DECLARED.get(name.lower())


def temporary() -> list[SqlFunction]:
    """The temporary SQL functions declared in this process."""
    return [function for function in _DECLARED.values() if function.qualifier is None]


def table_function(name: str) -> SqlFunction | None:
    """The SQL table function ``name``, if one is declared."""
    found = _DECLARED.get(name.lower())
    return found if found is not None and found.table is not None else None


def declare_stored(stored: dict[str, dict[str, Any]], qualifier: str) -> None:
    """Declare the SQL functions a catalog database keeps (``{name: entry}``)."""
    for entry in stored.values():
        if "sqlFunction" in entry:
            declare(SqlFunction.from_json(entry["sqlFunction"], qualifier))


# Every SQL function declared in this process, by lower-case name.
_DECLARED: dict[str, SqlFunction] = {}
