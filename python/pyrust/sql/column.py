"""``Column``: an expression over a DataFrame's columns, as in PySpark.

A Column is unresolved until a DataFrame uses it: ``col("age") + 1`` only
records the expression; the DataFrame resolves names and types.
"""

from __future__ import annotations

import json

from typing import Any

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._expressions import (
    Alias,
    CaseWhen,
    Call,
    Cast,
    ColumnReference,
    Expression,
    ExtractValue,
    GetField,
    Literal,
    MultiAlias,
    OuterReference,
    SortOrder,
    Star,
    SubqueryExpression,
    UpdateFields,
    WindowExpression,
)


def _literal_type(value: object) -> T.DataType:
    """The Spark type of a Python constant, as ``lit`` chooses it."""
    if value is None:
        return T.NullType()
    if isinstance(value, bool):
        return T.BooleanType()
    if isinstance(value, int):
        return T.IntegerType() if -(2**31) <= value < 2**31 else T.LongType()
    return T._infer_type(value)


def _to_expression(value: Any) -> Expression:
    """A Column's expression, or a literal for a plain Python value."""
    if isinstance(value, Column):
        return value._expression
    return Literal(value, _literal_type(value))


def _is_dataframe(value: Any) -> bool:
    """Whether ``value`` is a DataFrame (or one waiting for its enclosing query)."""
    from pyrust.sql._subquery import Deferred
    from pyrust.sql.dataframe import DataFrame

    return isinstance(value, (DataFrame, Deferred))


def _to_column(value: Any) -> Column:
    """``value`` as a Column: strings name columns, other values are literals."""
    if isinstance(value, Column):
        return value
    if isinstance(value, str):
        if value == "*":
            return Column(Star())
        if value.endswith(".*"):
            # `t.*`: the columns of table `t`, or the fields of struct column `t`.
            return Column(Star(value[:-2]))
        return Column(ColumnReference(value))
    raise errors.PySparkTypeError(
        errorClass="NOT_COLUMN_OR_STR",
        messageParameters={"arg_name": "col", "arg_type": type(value).__name__},
    )


def _binary(function: str, reverse: bool = False):
    def operator(self: Column, other: Any) -> Column:
        left, right = self._expression, _to_expression(other)
        if reverse:
            left, right = right, left
        return Column(Call(function, (left, right)))

    return operator


class Column:
    """An expression over the columns of a DataFrame.

    Examples
    --------
    >>> from pyrust.sql import functions as F
    >>> F.col("age") + 1
    Column<'(age + 1)'>
    """

    def __init__(self, expression: Expression) -> None:
        self._expression = expression

    def __repr__(self) -> str:
        return f"Column<'{self._expression.sql()}'>"

    # Arithmetic
    __add__ = _binary("+")
    # PySpark keeps the column on the left for the commutative reflected
    # operators (`1 + col` is named `(a + 1)`) and swaps the others.
    __radd__ = _binary("+")
    __sub__ = _binary("-")
    __rsub__ = _binary("-", reverse=True)
    __mul__ = _binary("*")
    __rmul__ = _binary("*")
    __truediv__ = _binary("/")
    __rtruediv__ = _binary("/", reverse=True)
    __div__ = __truediv__
    __mod__ = _binary("%")
    __rmod__ = _binary("%", reverse=True)
    __pow__ = _binary("power")
    __rpow__ = _binary("power", reverse=True)

    def __neg__(self) -> Column:
        return Column(Call("negative", (self._expression,)))

    # Comparison
    __eq__ = _binary("=")  # type: ignore[assignment]
    __ne__ = _binary("!=")  # type: ignore[assignment]
    __lt__ = _binary("<")
    __le__ = _binary("<=")
    __gt__ = _binary(">")
    __ge__ = _binary(">=")
    eqNullSafe = _binary("<=>")

    # Boolean logic
    __and__ = _binary("and")
    __rand__ = _binary("and")
    __or__ = _binary("or")
    __ror__ = _binary("or")

    def __invert__(self) -> Column:
        return Column(Call("not", (self._expression,)))

    def __bool__(self) -> bool:
        raise errors.PySparkValueError(errorClass="CANNOT_CONVERT_COLUMN_INTO_BOOL", messageParameters={})

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> None:
        raise errors.PySparkTypeError(errorClass="NOT_ITERABLE", messageParameters={"objectName": "Column"})

    # Naming and types
    def alias(self, *alias: str, **kwargs: Any) -> Column:
        """The same expression under another name; ``metadata=`` (a dict) for the column's
        ``StructField.metadata``."""
        metadata = kwargs.pop("metadata", None)
        if kwargs:
            msg = f"Unexpected kwargs where passed: {kwargs}"
            raise AssertionError(msg)
        if len(alias) > 1:
            if metadata is not None:
                raise errors.PySparkValueError(
                    errorClass="ONLY_ALLOWED_FOR_SINGLE_COLUMN", messageParameters={"arg_name": "metadata"}
                )
            # Several names: the columns of a generator (`posexplode(a).alias("p", "x")`).
            return Column(MultiAlias(self._expression, tuple(alias)))
        if len(alias) != 1:
            raise errors.PySparkValueError(
                errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "an alias without a name"}
            )
        # Spark reads the metadata as JSON: what it keeps is the dict's JSON form.
        kept = json.loads(json.dumps(metadata)) if metadata is not None else None
        return Column(Alias(self._expression, alias[0], kept))

    name = alias

    def cast(self, dataType: T.DataType | str) -> Column:
        """The expression converted to ``dataType`` (a DataType or a type name such as ``"int"``)."""
        if isinstance(dataType, str):
            dataType = T._parse_datatype_string(dataType)
        if not isinstance(dataType, T.DataType):
            raise errors.PySparkTypeError(
                errorClass="NOT_DATATYPE_OR_STR",
                messageParameters={"arg_name": "dataType", "arg_type": type(dataType).__name__},
            )
        # Spark casts to char(n)/varchar(n) as to string.
        return Column(Cast(self._expression, T._replace_char_varchar(dataType)))

    astype = cast

    def try_cast(self, dataType: T.DataType | str) -> Column:  # noqa: N803 - PySpark's name
        """Like ``cast``, but null where the value does not convert (also in ANSI mode)."""
        converted = self.cast(dataType)._expression
        return Column(Cast(converted.child, converted.data_type, safe=True))

    # Predicates
    def isNull(self) -> Column:
        """True where the value is null."""
        return Column(Call("isnull", (self._expression,)))

    def isNotNull(self) -> Column:
        """True where the value is not null."""
        return Column(Call("isnotnull", (self._expression,)))

    def isin(self, *cols: Any) -> Column:
        """True where the value equals one of ``cols`` (values or Columns)."""
        if len(cols) == 1 and isinstance(cols[0], (list, set, tuple)):
            cols = tuple(cols[0])
        if len(cols) == 1 and _is_dataframe(cols[0]):
            # An IN subquery: the DataFrame's rows.
            return Column(SubqueryExpression("in", cols[0], (self._expression,)))
        return Column(Call("in", (self._expression, *(_to_expression(value) for value in cols))))

    def between(self, lowerBound: Any, upperBound: Any) -> Column:
        """True where ``lowerBound <= value <= upperBound``."""
        return (self >= lowerBound) & (self <= upperBound)

    def like(self, other: str) -> Column:
        """SQL ``LIKE`` with ``%`` and ``_`` wildcards."""
        return Column(Call("like", (self._expression, _to_expression(other))))

    def ilike(self, other: str) -> Column:
        """Case-insensitive SQL ``LIKE``."""
        return Column(Call("ilike", (self._expression, _to_expression(other))))

    def rlike(self, other: str) -> Column:
        """True where a match of the (Java) regular expression ``other`` occurs."""
        return Column(Call("rlike", (self._expression, _to_expression(other))))

    def substr(self, startPos: int | Column, length: int | Column) -> Column:  # noqa: N803 - PySpark's names
        """The ``length`` characters from position ``startPos`` (1-based), as ``substring``."""
        if type(startPos) is not type(length):
            from pyrust import errors

            raise errors.PySparkTypeError(
                errorClass="NOT_SAME_TYPE",
                messageParameters={
                    "arg_name1": "startPos",
                    "arg_name2": "length",
                    "arg_type1": type(startPos).__name__,
                    "arg_type2": type(length).__name__,
                },
            )
        return Column(Call("substr", (self._expression, _to_expression(startPos), _to_expression(length))))

    def startswith(self, other: Any) -> Column:
        """True where the string starts with ``other``."""
        return Column(Call("startswith", (self._expression, _to_expression(other))))

    def endswith(self, other: Any) -> Column:
        """True where the string ends with ``other``."""
        return Column(Call("endswith", (self._expression, _to_expression(other))))

    def contains(self, other: Any) -> Column:
        """True where the string contains ``other``."""
        return Column(Call("contains", (self._expression, _to_expression(other))))

    # Conditionals
    def when(self, condition: Column, value: Any) -> Column:
        """Add a branch to a ``when`` chain."""
        case = self._expression
        if not isinstance(case, CaseWhen) or case.otherwise is not None:
            raise errors.PySparkValueError(
                errorClass="INVALID_WHEN_USAGE",
                messageParameters={},
            )
        branch = (condition._expression, _to_expression(value))
        return Column(CaseWhen((*case.branches, branch)))

    def otherwise(self, value: Any) -> Column:
        """The value of a ``when`` chain where no branch matched."""
        case = self._expression
        if not isinstance(case, CaseWhen) or case.otherwise is not None:
            raise errors.PySparkValueError(errorClass="INVALID_OTHERWISE_USAGE", messageParameters={})
        return Column(CaseWhen(case.branches, _to_expression(value)))

    # Ordering
    def asc(self) -> Column:
        """Ascending order, nulls first."""
        return Column(SortOrder(self._expression, ascending=True, nulls_first=True))

    def asc_nulls_first(self) -> Column:
        return Column(SortOrder(self._expression, ascending=True, nulls_first=True))

    def asc_nulls_last(self) -> Column:
        return Column(SortOrder(self._expression, ascending=True, nulls_first=False))

    def desc(self) -> Column:
        """Descending order, nulls last."""
        return Column(SortOrder(self._expression, ascending=False, nulls_first=False))

    def desc_nulls_first(self) -> Column:
        return Column(SortOrder(self._expression, ascending=False, nulls_first=True))

    def desc_nulls_last(self) -> Column:
        return Column(SortOrder(self._expression, ascending=False, nulls_first=False))

    # Nested values
    def getItem(self, key: Any) -> Column:
        """An array's element (0-based), a map's value by key, or a struct's field by name."""
        if isinstance(key, Column):
            raise errors.PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"arg_name": "key", "expected_type": "a literal value", "arg_type": "Column"},
            )
        return Column(ExtractValue(self._expression, _to_expression(key)))

    def getField(self, name: Any) -> Column:
        """A struct's field by name."""
        if isinstance(name, Column):
            raise errors.PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"arg_name": "name", "expected_type": "a literal value", "arg_type": "Column"},
            )
        return Column(GetField(self._expression, name))

    def withField(self, fieldName: str, col: Column) -> Column:  # noqa: N803 - PySpark's name
        """This struct with field ``fieldName`` (a dotted path for nested structs) set to ``col``."""
        if not isinstance(fieldName, str):
            raise errors.PySparkTypeError(
                errorClass="NOT_STR", messageParameters={"arg_name": "fieldName", "arg_type": type(fieldName).__name__}
            )
        if not isinstance(col, Column):
            raise errors.PySparkTypeError(
                errorClass="NOT_COLUMN", messageParameters={"arg_name": "col", "arg_type": type(col).__name__}
            )
        return Column(_update_fields(self._expression, ((fieldName, col._expression),)))

    def dropFields(self, *fieldNames: str) -> Column:  # noqa: N803 - PySpark's name
        """This struct without the named fields (dotted paths reach nested structs)."""
        return Column(_update_fields(self._expression, tuple((name, None) for name in fieldNames)))

    def __getitem__(self, key: Any) -> Column:
        if isinstance(key, slice):
            if key.step is not None:
                raise errors.PySparkValueError(errorClass="SLICE_WITH_STEP", messageParameters={})
            return self.substr(key.start, key.stop)
        return Column(ExtractValue(self._expression, _to_expression(key)))

    def __getattr__(self, item: str) -> Column:
        if item.startswith("__"):
            raise errors.PySparkAttributeError(
                errorClass="CANNOT_ACCESS_TO_DUNDER", messageParameters={}
            )
        return self[item]

    # Numbers
    def isNaN(self) -> Column:
        """True where the value is NaN."""
        return Column(Call("isnan", (self._expression,)))

    bitwiseAND = _binary("&")
    bitwiseOR = _binary("|")
    bitwiseXOR = _binary("^")

    def transform(self, f: Any, *args: Any, **kwargs: Any) -> Column:
        """``f(self, *args, **kwargs)``, for chaining."""
        return f(self, *args, **kwargs)

    def outer(self) -> Column:
        """This column, resolved late: in a DataFrame used as a subquery (``scalar``,
        ``exists``, ``isin``), names the DataFrame lacks are the enclosing query's.

        Examples
        --------
        >>> from pyrust.sql import SparkSession, functions as F
        >>> spark = SparkSession.builder.getOrCreate()
        >>> people = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "name"])
        >>> orders = spark.createDataFrame([(1, 10), (1, 20)], ["person", "amount"])
        >>> people.where(orders.where(F.col("person") == F.col("id").outer()).exists()).show()
        +---+----+
        | id|name|
        +---+----+
        |  1|   a|
        +---+----+
        <BLANKLINE>
        """
        return Column(OuterReference(self._expression))

    # Windows
    def over(self, window: Any) -> Column:
        """This window function or aggregate evaluated over ``window`` (a ``WindowSpec``).

        Examples
        --------
        >>> from pyrust.sql import Window, functions as F
        >>> F.row_number().over(Window.partitionBy("k").orderBy("t"))
        Column<'row_number() OVER (PARTITION BY k ORDER BY t ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)'>
        """
        from pyrust.sql.window import WindowSpec

        if not isinstance(window, WindowSpec):
            raise errors.PySparkTypeError(
                errorClass="NOT_WINDOWSPEC",
                messageParameters={"arg_name": "window", "arg_type": type(window).__name__},
            )
        return Column(WindowExpression(self._expression, window._partition, window._order, window._frame))


def _update_fields(expression: Expression, operations: tuple[tuple[str, Expression | None], ...]) -> Expression:
    """``expression`` with more field operations (consecutive updates make one node)."""
    if isinstance(expression, UpdateFields):
        return UpdateFields(expression.child, expression.operations + operations)
    return UpdateFields(expression, operations)
