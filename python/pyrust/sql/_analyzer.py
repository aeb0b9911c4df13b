"""Resolution: binding unresolved expressions to a DataFrame's columns.

The analyzer turns an ``_expressions`` tree into a Substrait expression over
the input's columns (``Bound``), applying Spark's rules on the way: name
resolution (case-insensitive, ``df["x"]`` tied to its DataFrame, ``t.x`` through
aliases), implicit casts, result types and the column name Spark would give.
Function signatures and anchors come from the extension YAMLs
(``_extensions.py``). What overflow, zero divisors and bad casts do follows
the evaluation mode (``_eval_mode.py``) the analyzer was created with.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pyrust import errors
from pyrust.sql import _extensions as ext
from pyrust.sql import _functions
from pyrust.sql import _nested, _proto, _subquery
from pyrust.sql import types as T
from pyrust.sql._bound import (
    Bound,
    BoundAggregate,
    BoundLambda,
    analysis_error,
    cast_to,
    not_implemented,
    scalar_call,
    type_mismatch,
)
from pyrust.sql._coercion import common_type, common_type_or_error, is_integral, is_numeric, wider_numeric
from pyrust.sql._eval_mode import EvalMode
from pyrust.sql._expressions import (
    Alias,
    CaseWhen,
    Call,
    Cast,
    ColumnReference,
    Expression,
    ExtractValue,
    FieldIndex,
    GetField,
    LambdaFunction,
    LambdaVariable,
    Literal,
    OuterReference,
    SortOrder,
    Star,
    SubqueryExpression,
    UpdateFields,
    WindowExpression,
    WindowFrame,
)
from pyrust.sql._substrait_types import to_substrait_type
if TYPE_CHECKING:
    from substrait import algebra_pb2 as stalg


@dataclass(frozen=True)
class Attribute:
    """A column of a DataFrame, with the names it can be reached by.

    ``qualifiers`` holds the ids of the DataFrames this column has passed
    through unchanged (so ``df["x"]`` finds it) and the aliases given with
    ``df.alias("t")`` (so ``col("t.x")`` does).
    """

    name: str
    data_type: T.DataType
    nullable: bool = True
    qualifiers: frozenset = frozenset()
    # The column's metadata (``StructField.metadata``); None for none.
    metadata: dict | None = field(default=None, compare=False, hash=False)


_ARITHMETIC = {"+": "add", "-": "subtract", "*": "multiply", "%": "modulus"}
_COMPARISON = {"=": "equal", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte", "<=>": "is_not_distinct_from"}
_STRING_PREDICATES = {"like": "like", "startswith": "starts_with", "endswith": "ends_with", "contains": "contains"}
# Where Spark looks for a function, as its UNRESOLVED_ROUTINE error lists it.
_SEARCH_PATH = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"


def _quoted(name: str) -> str:
    return f"`{name}`"


def split_name(name: str) -> list[str]:
    """``a.b`` → ``[a, b]``; backticks quote dots (```a.b``` → ``[a.b]``)."""
    parts, current, quoted = [], "", False
    for character in name:
        if character == "`":
            quoted = not quoted
        elif character == "." and not quoted:
            parts.append(current)
            current = ""
        else:
            current += character
    parts.append(current)
    return parts


def attribute_of(bound: Bound) -> Attribute:
    """The column a resolved expression becomes; it keeps its source column's qualifiers
    (``df["x"]``, ``t.x``) while it keeps that column's name."""
    qualifiers = bound.source.qualifiers if bound.source is not None and bound.source.name == bound.name else frozenset()
    return Attribute(bound.name, bound.data_type, bound.nullable, qualifiers, metadata_of(bound))


def metadata_of(bound: Bound) -> dict | None:
    """The metadata of the column ``bound`` makes: an alias's, else that of the column it
    references (Spark keeps a column's metadata through references and aliases only)."""
    if bound.metadata is not None:
        return bound.metadata
    return bound.source.metadata if bound.source is not None else None


class Analyzer:
    """Resolves expressions against one input's columns, in one evaluation mode."""

    def __init__(self, attributes: tuple[Attribute, ...], mode: EvalMode) -> None:
        self.attributes = attributes
        self._mode = mode
        # The parameters of the lambdas whose bodies are being resolved, innermost
        # last: each maps a variable's name to its position, type and nullability.
        self._lambdas: tuple[dict[str, tuple[int, T.DataType, bool]], ...] = ()
        # Inside `outer()`: a name no query in scope has waits for an enclosing query.
        self._lazy = False
        # The EXISTS and IN subqueries (by id, with whether they are negated) that are
        # conditions of a filter, which the engine runs as semi and anti joins; any other
        # is computed as a value.
        self.predicate_subqueries: dict[int, bool] = {}

    @property
    def mode(self) -> EvalMode:
        """ANSI or legacy evaluation, fixed when the analyzer was made."""
        return self._mode

    # -- columns ---------------------------------------------------------------

    def find(self, reference: ColumnReference) -> int:
        """The index of the column a reference names, or an AnalysisException."""
        if reference.plan_id is not None:
            matches = self._matches(split_name(reference.name)[-1], reference.plan_id)
            if not matches:
                raise analysis_error("CANNOT_RESOLVE_DATAFRAME_COLUMN", name=reference.name)
        else:
            parts = split_name(reference.name)
            matches = self._matches(parts[-1], parts[0]) if len(parts) == 2 else []
            if not matches:
                matches = self._matches(".".join(parts), None)
            if not matches:
                raise errors.unresolved_column_error(
                    reference.name, [attribute.name for attribute in self.attributes]
                )
        if len(matches) > 1:
            candidates = ", ".join(_quoted(self.attributes[index].name) for index in matches)
            raise analysis_error("AMBIGUOUS_REFERENCE", name=_quoted(reference.name), referenceNames=f"[{candidates}]")
        return matches[0]

    def _matches(self, name: str, qualifier: object) -> list[int]:
        lowered = name.lower()
        return [
            index
            for index, attribute in enumerate(self.attributes)
            if attribute.name.lower() == lowered and (qualifier is None or qualifier in attribute.qualifiers)
        ]

    def expand_star(self, star: Star) -> list[Bound]:
        """The columns ``*`` (or ``t.*``) stands for."""
        indexes = [
            index
            for index, attribute in enumerate(self.attributes)
            if (star.qualifier is None or star.qualifier in attribute.qualifiers)
            and (star.names is None or attribute.name in star.names)
        ]
        if not indexes and star.names is None:
            fields = self._struct_fields(star.qualifier) if isinstance(star.qualifier, str) else None
            if fields is None:
                raise errors.unresolved_column_error(star.sql(), [attribute.name for attribute in self.attributes])
            return fields
        return [self._column(index) for index in indexes]

    def _struct_fields(self, name: str) -> list[Bound] | None:
        """``s.*`` of a struct column ``s``: its fields; ``None`` when ``name`` is no struct."""
        try:
            struct = self.resolve(ColumnReference(name))
        except errors.AnalysisException:
            return None
        if not isinstance(struct.data_type, T.StructType):
            return None
        return [
            replace(self.resolve(GetField(ColumnReference(name), field.name)), name=field.name)
            for field in struct.data_type.fields
        ]

    def _expand_star_arguments(self, call: Call) -> Call:
        """``f(*)`` (or ``f(t.*)``) as ``f(a, b, ...)``: Spark expands a star among a function's arguments."""
        if not any(isinstance(argument, Star) for argument in call.arguments):
            return call
        expanded: list[Expression] = []
        for argument in call.arguments:
            if isinstance(argument, Star):
                columns = self.expand_star(argument)
                expanded += [FieldIndex(_proto.column_index(column.proto), column.name) for column in columns]
            else:
                expanded.append(argument)
        return replace(call, arguments=tuple(expanded))

    def _column(self, index: int) -> Bound:
        attribute = self.attributes[index]
        return Bound(_proto.field_reference(index), attribute.data_type, attribute.nullable, attribute.name, attribute)

    # -- scalar expressions ----------------------------------------------------

    def resolve(self, expression: Expression) -> Bound:
        """Resolve a scalar expression (aggregates are refused here)."""
        if isinstance(expression, ColumnReference):
            try:
                return self.resolve_local_column(expression)
            except errors.AnalysisException as error:
                return self._enclosing_column(expression, error)
        if isinstance(expression, OuterReference):
            lazy = copy.copy(self)
            lazy._lazy = True
            return lazy.resolve(expression.child)
        if isinstance(expression, SubqueryExpression):
            return _subquery.resolve(self, expression)
        if isinstance(expression, (ExtractValue, GetField, UpdateFields)):
            return _nested.resolve(self, expression)
        if isinstance(expression, FieldIndex):
            return replace(self._column(expression.index), name=expression.name)
        if isinstance(expression, Literal):
            return Bound(
                _proto.literal(expression.value, expression.data_type),
                expression.data_type,
                expression.value is None,
                expression.sql(),
            )
        if isinstance(expression, Alias):
            child = self.resolve(expression.child)
            metadata = expression.metadata if expression.metadata is not None else metadata_of(child)
            return replace(child, name=expression.name, source=None, metadata=metadata)
        if isinstance(expression, Cast):
            child = self.resolve(expression.child)
            if expression.safe:
                converted = cast_to(child, expression.data_type, null_on_failure=True)
                nullable = child.nullable or _cast_may_give_null(child.data_type, expression.data_type)
                return replace(converted, nullable=nullable, name=expression.sql(), source=None)
            return replace(self._cast(child, expression.data_type), name=expression.sql(), source=None)
        if isinstance(expression, CaseWhen):
            return self._case_when(expression)
        if isinstance(expression, Call):
            if _functions.is_aggregate(expression.function):
                raise analysis_error("UNSUPPORTED_EXPR_FOR_OPERATOR", invalidExprSqls=expression.sql())
            return self._call(expression)
        if isinstance(expression, Star):
            raise analysis_error("INVALID_USAGE_OF_STAR_OR_REGEX", elem=f"'{expression.sql()}'", prettyName="expression")
        if isinstance(expression, SortOrder):
            return self.resolve(expression.child)
        if isinstance(expression, WindowExpression):
            return self._window(expression)
        if isinstance(expression, LambdaVariable):
            return self._lambda_variable(expression)
        if isinstance(expression, LambdaFunction):
            # Only a higher-order function's argument is a lambda.
            raise not_implemented(f"the lambda function {expression.sql()} outside a higher-order function")
        raise not_implemented(f"the expression {expression.sql()}")

    def resolve_local_column(self, reference: ColumnReference) -> Bound:
        """A column (or a field of a struct column) of this input, by name."""
        try:
            return self._column(self.find(reference))
        except errors.AnalysisException:
            split = split_name(reference.name)
            nested = _nested.nested_reference(self, reference, split) if len(split) > 1 else None
            if nested is None:
                raise
            return nested

    def _enclosing_column(self, reference: ColumnReference, error: errors.AnalysisException) -> Bound:
        """A name this input lacks, in a subquery: a column of an enclosing query,
        the innermost first (SQL's correlated names). Otherwise ``error``; inside
        ``outer()`` the operation then waits for an enclosing query."""
        scopes = _subquery.enclosing_scopes()
        for steps_out, scope in enumerate(reversed(scopes), start=1):
            found = _subquery.outer_column(reference, steps_out, scope)
            if found is not None:
                return found
        if self._lazy and (error.getCondition() or "").startswith(("UNRESOLVED_COLUMN", "CANNOT_RESOLVE_DATAFRAME")):
            raise _subquery.NeedsEnclosingQuery(error) from error
        raise error

    # -- lambdas -----------------------------------------------------------------

    def resolve_lambda(self, function: LambdaFunction, parameters: list[tuple[T.DataType, bool]]) -> BoundLambda:
        """A lambda's body resolved with its parameters of the given types and
        nullability (one per parameter it declares), the input's columns still
        visible (captured); a Substrait ``Expression.Lambda``."""
        scope = {
            variable.name: (index, data_type, nullable)
            for index, (variable, (data_type, nullable)) in enumerate(zip(function.parameters, parameters))
        }
        inner = copy.copy(self)
        inner._lambdas = (*self._lambdas, scope)
        body = inner.resolve(function.body)
        parameter_types = tuple(to_substrait_type(data_type, nullable) for data_type, nullable in parameters)
        proto = _proto.lambda_function(list(parameter_types), body.proto)
        return BoundLambda(proto, body.data_type, body.nullable, function.sql(), parameters=parameter_types)

    def _lambda_variable(self, variable: LambdaVariable) -> Bound:
        """A parameter of an enclosing lambda, as a reference that many lambdas out."""
        for steps_out, scope in enumerate(reversed(self._lambdas)):
            if variable.name in scope:
                index, data_type, nullable = scope[variable.name]
                return Bound(_proto.lambda_parameter(steps_out, index), data_type, nullable, variable.sql())
        raise not_implemented(f"the lambda variable {variable.name} outside its lambda function")

    def _call(self, call: Call) -> Bound:
        call = self._expand_star_arguments(call)
        if any(isinstance(argument, LambdaFunction) for argument in call.arguments):
            return self._higher_order_call(call)
        arguments = [self.resolve(argument) for argument in call.arguments]
        name = call.sql()
        function = call.function
        if function in _ARITHMETIC:
            return self._arithmetic(function, arguments, name)
        if function == "/":
            return self._divide(arguments, name)
        if function == "div":
            return self._integral_divide(arguments, name)
        if function == "negative":
            _require_numeric(arguments[0], name)
            return self.resolve_negative(arguments[0], name)
        if function in _COMPARISON:
            left, right = _coerce_pair(arguments[0], arguments[1], name)
            nullable = function != "<=>" and (left.nullable or right.nullable)
            return scalar_call(ext.COMPARISON, _COMPARISON[function], [left, right], T.BooleanType(), name, nullable)
        if function == "!=":
            left, right = _coerce_pair(arguments[0], arguments[1], name)
            equal = scalar_call(ext.COMPARISON, "equal", [left, right], T.BooleanType(), name)
            return scalar_call(ext.BOOLEAN, "not", [equal], T.BooleanType(), name)
        if function in ("and", "or"):
            operands = [_require_boolean(argument, name) for argument in arguments]
            return scalar_call(ext.BOOLEAN, function, operands, T.BooleanType(), name)
        if function == "not":
            return scalar_call(ext.BOOLEAN, "not", [_require_boolean(arguments[0], name)], T.BooleanType(), name)
        if function in ("isnull", "isnotnull"):
            substrait_name = "is_null" if function == "isnull" else "is_not_null"
            return scalar_call(ext.COMPARISON, substrait_name, arguments, T.BooleanType(), name, nullable=False)
        # Of binary values, startswith/endswith/contains are the function table's (byte-wise).
        binary = function != "like" and any(isinstance(argument.data_type, T.BinaryType) for argument in arguments)
        # `like` with an escape character is the function table's.
        if function in _STRING_PREDICATES and not binary and not (function == "like" and len(arguments) == 3):
            operands = [_require_string(argument, name) for argument in arguments]
            if function == "like":
                # A constant pattern is checked as Spark does, with its default escape `\`.
                from pyrust.sql._functions.string_functions import check_like_pattern

                check_like_pattern(operands[1], "\\")
            return scalar_call(ext.STRING, _STRING_PREDICATES[function], operands, T.BooleanType(), name)
        if function == "in":
            return self._in(arguments, name)
        declared = _functions.lookup(function)
        if declared is not None and declared.kind is _functions.Kind.WINDOW:
            raise analysis_error("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", funcName=f'"{name}"')
        if declared is None or declared.kind is not _functions.Kind.SCALAR:
            raise _unresolved_routine(function)
        return declared.resolve_scalar(self, call, arguments, name)

    def _higher_order_call(self, call: Call) -> Bound:
        """A call with lambda arguments: its value arguments are resolved here,
        its lambdas by the function's resolver, which knows their parameters' types."""
        declared = _functions.lookup(call.function)
        if declared is None or declared.kind is not _functions.Kind.SCALAR:
            raise _unresolved_routine(call.function)
        if declared.resolve is None:
            raise not_implemented(f"lambda arguments to {call.function}")
        values = [self.resolve(argument) for argument in call.arguments if not isinstance(argument, LambdaFunction)]
        return declared.resolve_scalar(self, call, values, call.sql())

    def resolve_arithmetic(self, operator: str, arguments: list[Bound], name: str) -> Bound:
        """``left <operator> right`` (``+ - * / %``) with Spark's types, in this analyzer's mode."""
        if operator == "/":
            return self._divide(arguments, name)
        return self._arithmetic(operator, arguments, name)

    def resolve_negative(self, argument: Bound, name: str) -> Bound:
        """``-argument`` in this analyzer's mode."""
        data_type = argument.data_type
        if isinstance(data_type, T.DecimalType):
            return scalar_call(_SPARK_MATH, "negative", [argument], data_type, name)
        options = self._mode.options("overflow") if is_integral(data_type) else None
        return scalar_call(ext.ARITHMETIC, "negate", [argument], data_type, name, options=options)

    def resolve_try_arithmetic(self, operator: str, arguments: list[Bound], name: str) -> Bound:
        """Spark's ``try_add``, ``try_subtract``, ``try_multiply``, ``try_divide``,
        ``try_mod``: the operator's result, null where it overflows or divides by zero.

        Integers are computed as decimals (exact, null when the result does not
        fit 38 digits) and brought back to their type with a cast that gives
        null when the value does not fit.
        """
        for argument in arguments:
            _require_numeric(argument, name)
        left, right = arguments
        target = _arithmetic_type(left.data_type, right.data_type)
        if operator == "/" and not isinstance(target, T.DecimalType):
            operands = [cast_to(argument, T.DoubleType()) for argument in arguments]
            options = EvalMode(ansi=False).options("divide")
            return scalar_call(ext.ARITHMETIC, "divide", operands, T.DoubleType(), name, nullable=True, options=options)
        if isinstance(target, T.DecimalType):
            return self._decimal_arithmetic(operator, left, right, name, ansi=False)
        if is_integral(target):
            wide = [cast_to(argument, _as_decimal(target)) for argument in (left, right)]
            exact = self._decimal_arithmetic(operator, wide[0], wide[1], name, ansi=False)
            return replace(cast_to(exact, target, null_on_failure=True), name=name, nullable=True)
        # Floating point: only a zero divisor of `%` gives null.
        legacy = Analyzer(self.attributes, EvalMode(ansi=False))
        return replace(legacy._arithmetic(operator, [left, right], name), nullable=True)

    def _divide(self, arguments: list[Bound], name: str) -> Bound:
        for argument in arguments:
            _require_numeric(argument, name)
        left, right = arguments
        if isinstance(_arithmetic_type(left.data_type, right.data_type), T.DecimalType):
            return self._decimal_arithmetic("/", left, right, name, ansi=self._mode.ansi)
        operands = [cast_to(argument, T.DoubleType()) for argument in arguments]
        options = self._mode.options("divide")
        return scalar_call(ext.ARITHMETIC, "divide", operands, T.DoubleType(), name, nullable=True, options=options)

    def _integral_divide(self, arguments: list[Bound], name: str) -> Bound:
        """Spark's ``a div b``: both sides as bigint, the quotient truncated toward zero;
        a zero divisor is DIVIDE_BY_ZERO in ANSI mode, null otherwise."""
        operands = []
        for index, argument in enumerate(arguments):
            if isinstance(argument.data_type, T.DecimalType):
                raise not_implemented(f"{name} of decimal values")
            if not is_integral(argument.data_type) and not isinstance(argument.data_type, T.NullType):
                raise type_mismatch(name, '("BIGINT" or "DECIMAL")', argument.name, argument.data_type, index)
            operands.append(cast_to(argument, T.LongType()))
        options = {**self._mode.options("divide"), **self._mode.options("overflow")}
        return scalar_call(ext.ARITHMETIC, "divide", operands, T.LongType(), name, nullable=True, options=options)

    def _decimal_arithmetic(self, operator: str, left: Bound, right: Bound, name: str, ansi: bool) -> Bound:
        """Spark's decimal ``+ - * / %``: result precision and scale by Spark's
        ``DecimalPrecision`` rules (``allowPrecisionLoss``, Spark's default),
        rounded HALF_UP; a result that does not fit is
        ``NUMERIC_VALUE_OUT_OF_RANGE`` (and a zero divisor an error) when
        ``ansi``, null otherwise."""
        left, right = _decimal_operand(left, right), _decimal_operand(right, left)
        result = _decimal_result_type(operator, left.data_type, right.data_type)
        flag = Bound(_proto.literal(ansi, T.BooleanType()), T.BooleanType(), False, str(ansi).lower())
        # In ANSI mode only division and remainder (a zero divisor aside) can give null.
        nullable = (not ansi) or operator in "/%" or left.nullable or right.nullable
        function = _DECIMAL_FUNCTIONS[operator]
        return scalar_call(_SPARK_MATH, function, [left, right, flag], result, name, nullable)

    def _arithmetic(self, operator: str, arguments: list[Bound], name: str) -> Bound:
        for argument in arguments:
            _require_numeric(argument, name)
        left, right = arguments
        target = _arithmetic_type(left.data_type, right.data_type)
        if isinstance(target, T.DecimalType):
            return self._decimal_arithmetic(operator, left, right, name, ansi=self._mode.ansi)
        operands = [cast_to(left, target), cast_to(right, target)]
        if operator == "%" and isinstance(target, (T.FloatType, T.DoubleType)):
            options = self._mode.options("fractional_modulus")
            return scalar_call(ext.SPARK, "modulus", operands, target, name, nullable=True, options=options)
        options = None
        if is_integral(target):
            options = self._mode.options("integral_modulus" if operator == "%" else "overflow")
        # Spark declares `%` nullable in both modes (DivModLike: a zero divisor gives null in legacy mode).
        nullable = True if operator == "%" else None
        return scalar_call(ext.ARITHMETIC, _ARITHMETIC[operator], operands, target, name, nullable, options)

    def _in(self, arguments: list[Bound], name: str) -> Bound:
        target = common_type_or_error([argument.data_type for argument in arguments], name)
        value, *options = [cast_to(argument, target) for argument in arguments]
        nullable = any(argument.nullable for argument in arguments)
        return Bound(_proto.in_list(value.proto, [option.proto for option in options]), T.BooleanType(), nullable, name)

    def _case_when(self, case: CaseWhen) -> Bound:
        conditions = [_require_boolean(self.resolve(condition), case.sql()) for condition, _ in case.branches]
        values = [self.resolve(value) for _, value in case.branches]
        otherwise = (
            self.resolve(case.otherwise)
            if case.otherwise is not None
            else Bound(_proto.literal(None, T.NullType()), T.NullType(), True, "NULL")
        )
        target = common_type_or_error([value.data_type for value in [*values, otherwise]], case.sql())
        branches = [
            (condition.proto, cast_to(value, target).proto) for condition, value in zip(conditions, values)
        ]
        nullable = any(value.nullable for value in [*values, otherwise])
        # No ELSE: a null of the result type (a cast of an untyped null does not reach nested types).
        fallback = cast_to(otherwise, target).proto if case.otherwise is not None else _proto.literal(None, target)
        return Bound(_proto.if_then(branches, fallback), target, nullable, case.sql())

    # -- casts -------------------------------------------------------------------

    def _cast(self, value: Bound, target: T.DataType) -> Bound:
        """An explicit ``CAST``: ANSI mode fails where the value does not fit;
        legacy mode gives null, except for numbers cast to integers, which
        follow Java's conversions (integers keep their low bits, floating
        point saturates). (The engine parses strings into integers in legacy
        mode as Spark does: ``'12.5'`` is 12.)"""
        source = value.data_type
        if source == target:
            return cast_to(value, target)
        if self._mode.ansi:
            # Spark's Cast.nullable uses forceNullable in both modes.
            return replace(cast_to(value, target), nullable=value.nullable or _cast_may_give_null(source, target))
        if not is_integral(target):
            converted = cast_to(value, target, null_on_failure=True)
        elif isinstance(source, (T.FloatType, T.DoubleType)):
            converted = self._saturating_cast(value, target)
        elif is_integral(source) and _INTEGER_BITS[type(source)] > _INTEGER_BITS[type(target)]:
            converted = self._wrapping_cast(value, target)
        elif isinstance(source, T.DecimalType):
            # Spark truncates, then wraps what does not fit.
            feature = f"CAST from {source.simpleString()} to {target.simpleString()} with spark.sql.ansi.enabled=false"
            raise not_implemented(feature)
        else:
            converted = cast_to(value, target, null_on_failure=True)
        return replace(converted, nullable=value.nullable or _cast_may_give_null(source, target))

    def _wrapping_cast(self, value: Bound, target: T.DataType) -> Bound:
        """Java's narrowing of an integer: its low bits, read as signed.

        In bigint, where nothing here overflows:
        ``((v % 2^k) + 2^k + 2^(k-1)) % 2^k - 2^(k-1)``.
        """
        modulus = 1 << _INTEGER_BITS[type(target)]
        half = modulus >> 1
        wide = cast_to(value, T.LongType())
        remainder = self._arithmetic("%", [wide, _long(modulus)], "")
        shifted = self._arithmetic("+", [remainder, _long(modulus + half)], "")
        low_bits = self._arithmetic("-", [self._arithmetic("%", [shifted, _long(modulus)], ""), _long(half)], "")
        # Whatever `%` says about nullability, only a null input gives null here.
        return cast_to(replace(low_bits, nullable=value.nullable), target)

    def _saturating_cast(self, value: Bound, target: T.DataType) -> Bound:
        """Java's conversion of a floating-point number to an integer:
        truncated, held at the type's bounds, NaN is 0; to tinyint and
        smallint through int (then wrapped)."""
        through = T.LongType() if isinstance(target, T.LongType) else T.IntegerType()
        bits = _INTEGER_BITS[type(through)]
        low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        # Null for nulls, NaN and values out of range; those are settled below.
        in_range = cast_to(value, through, null_on_failure=True)
        source = value.data_type
        zero = Bound(_proto.literal(0.0, source), source, False, "0")
        nan = Bound(_proto.literal(float("nan"), source), source, False, "NaN")
        # NaN first: it compares above every number, as in Spark.
        limits = [
            (scalar_call(ext.COMPARISON, "equal", [value, nan], T.BooleanType(), ""), 0),
            (scalar_call(ext.COMPARISON, "gt", [value, zero], T.BooleanType(), ""), high),
            (scalar_call(ext.COMPARISON, "lt", [value, zero], T.BooleanType(), ""), low),
        ]
        branches = [(condition.proto, _proto.literal(limit, through)) for condition, limit in limits]
        out_of_range = Bound(_proto.if_then(branches, _proto.literal(None, through)), through, True, "")
        coalesced = scalar_call(ext.COMPARISON, "coalesce", [in_range, out_of_range], through, "", value.nullable)
        return self._wrapping_cast(coalesced, target) if through != target else coalesced

    # -- windows -------------------------------------------------------------------

    def _window(self, window: WindowExpression) -> Bound:
        """A window function, or an aggregate, evaluated over a window (a Substrait
        ``WindowFunction``), with Spark's frame: the function's own for ranking
        and offset functions, else the window's, else Spark's default."""
        function = window.function
        declared = _functions.lookup(function.function) if isinstance(function, Call) else None
        if declared is None or declared.kind not in (_functions.Kind.WINDOW, _functions.Kind.AGGREGATE):
            if isinstance(function, Call) and declared is None and function.function.isidentifier():
                raise _unresolved_routine(function.function)
            raise analysis_error("UNSUPPORTED_EXPR_FOR_WINDOW", sqlExpr=f'"{function.sql()}"')
        frame = window.effective_frame()
        if declared.kind is _functions.Kind.WINDOW:
            if not window.order:
                raise analysis_error(
                    "WINDOW_FUNCTION_FRAME_NOT_ORDERED", wf_name=declared.name.lower(), wf_expr=function.sql()
                )
            if window.frame is not None and window.frame != frame:
                raise analysis_error(
                    "_LEGACY_ERROR_TEMP_1036", wf=_frame_text(window.frame), required=_frame_text(frame)
                )
            arguments = [self.resolve(argument) for argument in function.arguments]
            call = declared.resolve_window(self, function, arguments, function.sql())
            result_type = declared.result if isinstance(declared.result, T.DataType) else call.data_type
            nullable = declared.nullable if isinstance(declared.nullable, bool) else call.nullable
        else:
            if function.distinct:
                raise analysis_error("DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", windowExpr=f'"{window.sql()}"')
            call = self.resolve_aggregate(function)
            result_type, nullable = call.data_type, call.nullable
        self._check_frame(window, frame, call)
        partitions = [self.resolve(expression).proto for expression in window.partition]

        sorts = [(self.resolve(order.child).proto, order.ascending, order.nulls_first) for order in window.order]
        proto = _proto.window_function(call.proto, partitions, sorts, frame.kind == "ROWS", frame.start, frame.end)
        if declared.kind is _functions.Kind.WINDOW and declared.result is not None:
            # The engine's ranking functions give unsigned integers; Spark's type is int.
            proto = _proto.cast(proto, to_substrait_type(result_type, nullable))
        return Bound(proto, result_type, nullable, window.sql())

    def _check_frame(self, window: WindowExpression, frame: WindowFrame, call: BoundAggregate) -> None:
        """What Spark refuses, and what the engine would not compute as Spark does."""
        if frame.start is not None and frame.end is not None and frame.start > frame.end:
            raise analysis_error(
                "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON",
                comparison="less than or equal",
                sqlExpr=f'"{frame.sql()}"',
            )
        if frame.kind == "RANGE" and not (frame.start in (None, 0) and frame.end in (None, 0)):
            self._check_range_frame(window, frame)
        if frame.start is not None and not _is_python_udf(window) and any(
            isinstance(argument.data_type, (T.FloatType, T.DoubleType)) for argument in _aggregate_arguments(self, window)
        ):
            # The engine slides such frames by adding and subtracting values: rounding
            # drifts and a NaN never leaves; Spark aggregates each frame afresh.
            raise not_implemented(f"{window.sql()} (a sliding frame over floating-point values)")

    def _check_range_frame(self, window: WindowExpression, frame: WindowFrame) -> None:
        """A ``RANGE`` frame with offsets needs one ordering of a numeric type (or a
        date, with SQL's int offsets in days), as in Spark; the engine compares
        the key with the current row's plus the offset (`consumer/window_function.rs`)."""
        spec = window.sql().split(" OVER ", 1)[1]
        if not window.order:
            raise analysis_error("DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER", sqlExpr=f'"{spec}"')
        if len(window.order) > 1:
            order_spec = ", ".join(order.sql() for order in window.order)
            raise analysis_error(
                "DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER", sqlExpr=f'"{spec}"', orderSpec=order_spec
            )
        key = self.resolve(window.order[0].child).data_type
        offset_type = frame.offset_type_name()
        if isinstance(key, (T.StringType, T.BooleanType, T.BinaryType)):
            # Spark casts the offsets to the key's type first, then finds that type unfit.
            raise analysis_error(
                "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
                location="lower" if frame.start else "upper",
                exprType=f'"{key.simpleString().upper()}"',
                expectedType='("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")',
                sqlExpr=f'"{frame.sql()}"',
            )
        if isinstance(key, T.DateType) and offset_type == "INT":
            # A date plus a number of days (the engine counts the key in days).
            return
        if not is_numeric(key):
            raise analysis_error(
                "DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE",
                orderSpecType=f'"{key.simpleString().upper()}"',
                valueBoundaryType=f'"{offset_type}"',
                sqlExpr=f'"{spec}"',
            )
        for offset in (frame.start, frame.end):
            if offset:
                self._check_range_offset(offset, offset_type, key, window)

    def _check_range_offset(self, offset: int, offset_type: str, key: T.DataType, window: WindowExpression) -> None:
        """Spark casts a ``RANGE`` offset to the ordering's type: one that does not
        fit overflows (an error in ANSI mode)."""
        if is_integral(key):
            bits = _INTEGER_BITS[type(key)]
            fits = -(1 << (bits - 1)) <= offset < (1 << (bits - 1))
        elif isinstance(key, T.DecimalType):
            fits = abs(offset) < 10 ** (key.precision - key.scale)
        else:
            fits = True
        if fits:
            return
        if self._mode.ansi and is_integral(key):
            raise errors.ArithmeticException(
                errorClass="CAST_OVERFLOW",
                messageParameters={
                    "value": f"{offset}L" if offset_type == "BIGINT" else str(offset),
                    "sourceType": f'"{offset_type}"',
                    "targetType": f'"{key.simpleString().upper()}"',
                    "ansiConfig": '"spark.sql.ansi.enabled"',
                },
            )
        raise not_implemented(f"{window.sql()} (an offset that does not fit the ordering's type)")

    # -- aggregates --------------------------------------------------------------

    def resolve_aggregate(self, call: Call) -> BoundAggregate:
        """Resolve one aggregate call (``sum(x)``, ``count(DISTINCT y)``...)."""
        declared = _functions.lookup(call.function)
        if declared is None or declared.kind is not _functions.Kind.AGGREGATE:
            raise _unresolved_routine(call.function)
        arguments = [self.resolve(argument) for argument in call.arguments]
        return declared.resolve_aggregate(self, call, arguments, call.sql())


# -- helpers shared by the resolution rules -----------------------------------


# The width of each integer type, for Java's narrowing conversions.
_INTEGER_BITS = {T.ByteType: 8, T.ShortType: 16, T.IntegerType: 32, T.LongType: 64}


def _is_python_udf(window: WindowExpression) -> bool:
    """Whether the window's function is a Python UDF (which sees each frame whole)."""
    function = window.function
    declared = _functions.lookup(function.function) if isinstance(function, Call) else None
    return declared is not None and declared.urn == "extension:dev.pyrust:udf"


def _aggregate_arguments(analyzer: Analyzer, window: WindowExpression) -> list[Bound]:
    """The resolved arguments of an aggregate over a window (none for window functions)."""
    function = window.function
    if not isinstance(function, Call) or not _functions.is_aggregate(function.function):
        return []
    return [analyzer.resolve(argument) for argument in function.arguments]


def _frame_text(frame: WindowFrame) -> str:
    """A frame as Spark's plan prints it: ``specifiedwindowframe(RowFrame, -1, 1)``."""

    def bound(offset: int | None, unbounded: str) -> str:
        if offset is None:
            return f"{unbounded}$()"
        return "currentrow$()" if offset == 0 else str(offset)

    kind = "RowFrame" if frame.kind == "ROWS" else "RangeFrame"
    start, end = bound(frame.start, "unboundedpreceding"), bound(frame.end, "unboundedfollowing")
    return f"specifiedwindowframe({kind}, {start}, {end})"


def _cast_may_give_null(source: T.DataType, target: T.DataType) -> bool:
    """Whether a legacy ``CAST`` can turn a value into null (Spark's ``Cast.forceNullable``)."""
    if isinstance(source, T.VariantType):
        # A variant's cast is a variant_get, which finds null in a variant null.
        return True
    if isinstance(source, T.NullType) or isinstance(target, T.StringType):
        return False
    if isinstance(source, T.StringType):
        return not isinstance(target, T.BinaryType)
    if isinstance(source, (T.FloatType, T.DoubleType, T.DecimalType)) and is_integral(target):
        # Fractions to integers (Spark says so although NaN becomes 0 and the rest saturates).
        return True
    if isinstance(target, T.DateType):
        return not isinstance(source, (T.TimestampType, T.TimestampNTZType))
    if isinstance(source, T.DateType):
        return not isinstance(target, (T.TimestampType, T.TimestampNTZType))
    if isinstance(target, T.DecimalType):
        return not _fits_decimal(source, target)
    return False


def _fits_decimal(source: T.DataType, target: T.DecimalType) -> bool:
    """Whether every value of ``source`` fits ``target`` (Spark's ``canNullSafeCastToDecimal``)."""
    if isinstance(source, T.BooleanType):
        return target.precision - target.scale >= 1
    if isinstance(source, T.DecimalType):
        return target.precision - target.scale >= source.precision - source.scale and target.scale >= source.scale
    if is_integral(source):
        digits = {T.ByteType: 3, T.ShortType: 5, T.IntegerType: 10, T.LongType: 20}[type(source)]
        return target.precision - target.scale >= digits
    return False


def _long(value: int) -> Bound:
    return Bound(_proto.literal(value, T.LongType()), T.LongType(), False, str(value))












_SPARK_MATH = "extension:dev.pyrust:functions_spark_math"
_DECIMAL_FUNCTIONS = {
    "+": "decimal_add",
    "-": "decimal_subtract",
    "*": "decimal_multiply",
    "/": "decimal_divide",
    "%": "decimal_remainder",
}
_MAX_DECIMAL_PRECISION = 38
# The fewest fractional digits allowPrecisionLoss keeps when it must cut some.
_MINIMUM_ADJUSTED_SCALE = 6


def _as_decimal(data_type: T.DataType) -> T.DecimalType:
    """The decimal an integer type is promoted to (``int`` → ``decimal(10,0)``)."""
    if isinstance(data_type, T.DecimalType):
        return data_type
    digits = {T.ByteType: 3, T.ShortType: 5, T.IntegerType: 10, T.LongType: 20}[type(data_type)]
    return T.DecimalType(digits, 0)


def _decimal_operand(operand: Bound, other: Bound) -> Bound:
    """An operand of decimal arithmetic as a decimal: a null as the other
    side's type, an integer column as the decimal its type fits, an integer
    constant as the fewest digits that hold it (Spark's
    ``literalPickMinimumPrecision``; the cast may give null, so Spark calls the
    result nullable)."""
    data_type = operand.data_type
    if isinstance(data_type, T.DecimalType):
        return operand
    if isinstance(data_type, T.NullType):
        return cast_to(operand, other.data_type if isinstance(other.data_type, T.DecimalType) else T.DecimalType(10, 0))
    proto = operand.proto
    if proto.WhichOneof("rex_type") == "literal" and is_integral(data_type):
        value = getattr(proto.literal, proto.literal.WhichOneof("literal_type"))
        target = T.DecimalType(max(1, len(str(abs(int(value))))), 0)
        return replace(cast_to(operand, target), nullable=not _fits_decimal(data_type, target))
    return cast_to(operand, _as_decimal(data_type))


def _decimal_result_type(operator: str, left: T.DecimalType, right: T.DecimalType) -> T.DecimalType:
    """Spark's ``DecimalPrecision`` result type (the engine computes the same,
    ``runtime/src/functions/math/decimal.rs``)."""
    p1, s1, p2, s2 = left.precision, left.scale, right.precision, right.scale
    if operator in "+-":
        scale = max(s1, s2)
        precision = max(p1 - s1, p2 - s2) + scale + 1
    elif operator == "*":
        precision, scale = p1 + p2 + 1, s1 + s2
    elif operator == "/":
        scale = max(_MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1)
        precision = p1 - s1 + s2 + scale
    else:
        scale = max(s1, s2)
        precision = min(p1 - s1, p2 - s2) + scale
    if precision > _MAX_DECIMAL_PRECISION:
        integral_digits = precision - scale
        minimum_scale = min(scale, _MINIMUM_ADJUSTED_SCALE)
        precision, scale = _MAX_DECIMAL_PRECISION, max(_MAX_DECIMAL_PRECISION - integral_digits, minimum_scale)
    return T.DecimalType(precision, scale)


def _arithmetic_type(left: T.DataType, right: T.DataType) -> T.DataType:
    if isinstance(left, T.NullType):
        return right if not isinstance(right, T.NullType) else T.DoubleType()
    if isinstance(right, T.NullType):
        return left
    return wider_numeric(left, right)






def _coerce_pair(left: Bound, right: Bound, name: str) -> tuple[Bound, Bound]:
    target = common_type(left.data_type, right.data_type)
    if target is None:
        raise analysis_error(
            "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
            sqlExpr=f'"{name}"',
            left=f'"{left.data_type.simpleString().upper()}"',
            right=f'"{right.data_type.simpleString().upper()}"',
        )
    return cast_to(left, target), cast_to(right, target)






def _unresolved_routine(name: str) -> errors.AnalysisException:
    """Spark's error for an unknown function; the closest known names are suggested."""
    error = analysis_error("UNRESOLVED_ROUTINE", routineName=_quoted(name), searchPath=_SEARCH_PATH)
    suggestions = _functions.closest(name)
    if suggestions:
        error.add_note("Did you mean " + " or ".join(_quoted(suggestion) for suggestion in suggestions) + "?")
    return error


def _require_numeric(argument: Bound, name: str) -> None:
    if not (is_numeric(argument.data_type) or isinstance(argument.data_type, T.NullType)):
        raise type_mismatch(name, "numeric", argument.name, argument.data_type)


def _require_boolean(argument: Bound, name: str) -> Bound:
    if isinstance(argument.data_type, T.NullType):
        return cast_to(argument, T.BooleanType())
    if not isinstance(argument.data_type, T.BooleanType):
        raise type_mismatch(name, "boolean", argument.name, argument.data_type)
    return argument


def _require_string(argument: Bound, name: str) -> Bound:
    if isinstance(argument.data_type, T.StringType):
        return argument
    if isinstance(argument.data_type, T.BinaryType):
        # Spark's string predicates take binary values too; pyrust's do not (yet).
        raise not_implemented(f"{name} on binary values")
    if isinstance(argument.data_type, T.NullType) or is_numeric(argument.data_type):
        return cast_to(argument, T.StringType())
    raise type_mismatch(name, "string", argument.name, argument.data_type)
