"""SQL expression strings, parsed by the engine and brought back as columns.

``df.filter("age > 18")`` and ``F.expr("a + 1")`` are parsed by DataFusion's
SQL parser (Spark dialect) in the engine, which returns a Substrait
``ExtendedExpression``. This module turns that expression back into our own
unresolved expression tree, so it gets exactly the typing, naming and errors
of the equivalent Column expression.
"""

from __future__ import annotations

import datetime
import decimal
from typing import TYPE_CHECKING

from substrait import algebra_pb2 as stalg
from substrait import extended_expression_pb2 as stee
from substrait import type_pb2 as stt

from pyrust import errors
from pyrust.sql import _functions
from pyrust.sql import types as T
from pyrust.sql._expressions import Alias, CaseWhen, Call, Cast, Expression, FieldIndex, Literal
from pyrust.sql._substrait_types import from_substrait_type

if TYPE_CHECKING:
    import pyarrow as pa

    from pyrust.sql._analyzer import Attribute

# Operators: Substrait function names (as DataFusion's producer writes them) →
# the analyzer's operator names. Functions need no entry: the engine registers
# Spark's functions under their Spark names (runtime/src/functions/), so the
# name DataFusion writes is the name the function table knows.
_FUNCTIONS = {
    "add": "+",
    "subtract": "-",
    "multiply": "*",
    "divide": "/",
    "modulus": "%",
    "equal": "=",
    "not_equal": "!=",
    "lt": "<",
    "lte": "<=",
    "gt": ">",
    "gte": ">=",
    "is_not_distinct_from": "<=>",
    "and": "and",
    "or": "or",
    "not": "not",
    "negate": "negative",
    # DataFusion writes two-argument `log(base, x)` as Substrait's `logb(x, base)`.
    "logb": "log",
    "is_null": "isnull",
    "is_not_null": "isnotnull",
    "is_nan": "isnan",
    "like": "like",
    "starts_with": "startswith",
    "ends_with": "endswith",
    "contains": "contains",
}


def parse(
    text: str,
    attributes: tuple[Attribute, ...],
    engine_parse: callable,
    to_arrow_schema: callable,
) -> Expression:
    """Parse ``text`` over ``attributes`` into an unresolved expression."""
    schema: pa.Schema = to_arrow_schema(attributes)
    extended = stee.ExtendedExpression.FromString(engine_parse(text, schema))
    names = {
        declaration.extension_function.function_anchor: declaration.extension_function.name.split(":")[0]
        for declaration in extended.extensions
        if declaration.HasField("extension_function")
    }
    converter = _Converter(names, [attribute.name for attribute in attributes], text)
    reference = extended.referred_expr[0]
    expression = converter.expression(reference.expression)
    # The engine names the output only for `expression AS alias`.
    alias = reference.output_names[0] if reference.output_names else ""
    return Alias(expression, alias) if alias else expression


class _Converter:
    def __init__(self, function_names: dict[int, str], column_names: list[str], text: str) -> None:
        self._function_names = function_names
        self._column_names = column_names
        self._text = text

    def expression(self, proto: stalg.Expression) -> Expression:
        kind = proto.WhichOneof("rex_type")
        if kind == "selection":
            index = proto.selection.direct_reference.struct_field.field
            return FieldIndex(index, self._column_names[index])
        if kind == "literal":
            return _literal(proto.literal)
        if kind == "scalar_function":
            return self._call(proto.scalar_function.function_reference, proto.scalar_function.arguments)
        if kind == "cast":
            return Cast(self.expression(proto.cast.input), from_substrait_type(proto.cast.type))
        if kind == "if_then":
            branches = tuple(
                (self.expression(clause.__getattribute__("if")), self.expression(clause.then))
                for clause in proto.if_then.ifs
            )
            otherwise = proto.if_then.__getattribute__("else")
            has_else = proto.if_then.HasField("else")
            return CaseWhen(branches, self.expression(otherwise) if has_else else None)
        if kind == "singular_or_list":
            arguments = (
                self.expression(proto.singular_or_list.value),
                *(self.expression(option) for option in proto.singular_or_list.options),
            )
            return Call("in", arguments)
        raise self._unsupported(kind or "an empty expression")

    def _call(self, anchor: int, arguments) -> Expression:
        substrait_name = self._function_names.get(anchor, f"function #{anchor}")
        # Operators by their Substrait names; functions keep their (Spark) names.
        function = _FUNCTIONS.get(substrait_name)
        if function is None and _functions.lookup(substrait_name) is not None:
            function = substrait_name
        if function is None:
            raise self._unsupported(f"the function {substrait_name}")
        values = [self.expression(argument.value) for argument in arguments]
        if substrait_name == "logb":
            values.reverse()
        if function in ("like", "ilike") and len(values) == 3 and _is_null(values[2]):
            values = values[:2]  # no ESCAPE clause: Spark's default is the same backslash
        if function in ("and", "or") and len(values) > 2:
            combined = values[0]
            for value in values[1:]:
                combined = Call(function, (combined, value))
            return combined
        return Call(function, tuple(values))

    def _unsupported(self, what: str) -> errors.PySparkNotImplementedError:
        return errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": f"{what} in the SQL expression {self._text!r}"},
        )


def _is_null(expression: Expression) -> bool:
    return isinstance(expression, Literal) and expression.value is None


# Literal kinds whose value is a plain Python value of the literal's type.
_PLAIN_LITERALS = frozenset({"boolean", "i8", "i16", "i32", "i64", "fp32", "fp64", "string", "var_char", "fixed_char"})


def _literal(proto: stalg.Expression.Literal) -> Literal:
    kind = proto.WhichOneof("literal_type")
    if kind == "null":
        return Literal(None, T.NullType())
    if kind in _PLAIN_LITERALS:
        value = getattr(proto, kind)
        if kind == "var_char":
            value = value.value
        if kind == "i64" and -(2**31) <= value < 2**31:
            # SQL integer literals that fit are Spark ints; DataFusion parses them as i64.
            return Literal(value, T.IntegerType())
        # Literal kinds are named like type kinds, but for these two.
        type_kind = {"boolean": "bool", "var_char": "varchar"}.get(kind, kind)
        return Literal(value, from_substrait_type(stt.Type(**{type_kind: {}})))
    if kind == "decimal":
        unscaled = int.from_bytes(proto.decimal.value, "little", signed=True)
        value = decimal.Decimal(unscaled).scaleb(-proto.decimal.scale)
        return Literal(value, T.DecimalType(proto.decimal.precision, proto.decimal.scale))
    if kind == "date":
        return Literal(datetime.date(1970, 1, 1) + datetime.timedelta(days=proto.date), T.DateType())
    raise errors.PySparkNotImplementedError(
        errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"{kind} literals in SQL expressions"}
    )
