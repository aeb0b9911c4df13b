"""Spark's generators in a SELECT: ``explode``, ``posexplode``, ``inline``
(each also ``_outer``) and ``stack``, which turn one row into zero or more.

A generator is not an expression over a row but a relation of its own
(``_plan.Generate``, a Substrait ``ExtensionSingleRel`` described in
``docs/substrait.md``): its output is the input's columns, then the generated
ones. ``DataFrame.select`` (and ``withColumn``, and SQL's SELECT) finds the
generator calls among its outputs, adds one ``Generate`` per call, each over
the previous (Spark 4 allows several: their rows multiply), and projects the
outputs with each call replaced by its generated columns. ``stack(n, ...)`` is
``inline`` of an array of ``n`` structs ``col0, col1, ...``, as Spark rewrites it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, type_mismatch
from pyrust.sql._expressions import Alias, Call, Cast, Expression, Literal, MultiAlias

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer

# Spark name: (the Generate relation's generator, outer).
GENERATORS = {
    "explode": ("explode", False),
    "explode_outer": ("explode", True),
    "posexplode": ("posexplode", False),
    "posexplode_outer": ("posexplode", True),
    "inline": ("inline", False),
    "inline_outer": ("inline", True),
    "stack": ("inline", False),
}


@dataclass(frozen=True)
class GeneratedColumn:
    name: str
    data_type: T.DataType
    nullable: bool


@dataclass(frozen=True)
class BoundGenerator:
    """A generator call resolved: what the ``Generate`` relation needs and the columns it adds."""

    generator: str
    outer: bool
    argument: Bound
    columns: tuple[GeneratedColumn, ...]


def generator_call(expression: Expression) -> tuple[Call, tuple[str, ...] | None] | None:
    """The generator call ``expression`` is (under its aliases), with the
    names given to its columns; None when it is no generator call."""
    names = None
    while isinstance(expression, (Alias, MultiAlias)):
        if names is None:
            names = (expression.name,) if isinstance(expression, Alias) else expression.names
        expression = expression.child
    if isinstance(expression, Call) and expression.function in GENERATORS:
        return expression, names
    return None


def contains_generator(expression: Expression) -> bool:
    """Whether a generator call is anywhere in ``expression``."""
    if isinstance(expression, Call) and expression.function in GENERATORS:
        return True
    return any(contains_generator(child) for child in expression.children())


def nested_error(expression: Expression) -> Exception:
    """Spark's error for a generator inside another expression."""
    while isinstance(expression, (Alias, MultiAlias)):
        expression = expression.child
    return analysis_error("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS", expression=f'"{expression.sql()}"')


def bind_generator(analyzer: Analyzer, call: Call, names: tuple[str, ...] | None) -> BoundGenerator:
    """Resolve a generator call over the analyzer's columns; ``names`` are the
    aliases given to its columns (Spark's when None)."""
    generator, outer = GENERATORS[call.function]
    if call.function == "stack":
        argument, columns = _stack(analyzer, call)
    else:
        if len(call.arguments) != 1:
            raise analysis_error(
                "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                functionName=f"`{call.function}`",
                expectedNum="1",
                actualNum=str(len(call.arguments)),
                docroot="https://spark.apache.org/docs/latest",
            )
        argument = analyzer.resolve(call.arguments[0])
        columns = _generated_columns(generator, outer, argument, call)
    if names is not None:
        if len(names) != len(columns):
            raise analysis_error(
                "UDTF_ALIAS_NUMBER_MISMATCH", aliasesSize=str(len(columns)), aliasesNames=",".join(names)
            )
        columns = tuple(GeneratedColumn(name, c.data_type, c.nullable) for name, c in zip(names, columns))
    return BoundGenerator(generator, outer, argument, columns)


def _generated_columns(generator: str, outer: bool, argument: Bound, call: Call) -> tuple[GeneratedColumn, ...]:
    data_type = argument.data_type
    input_sql = call.arguments[0].sql()
    if generator == "inline":
        if not (isinstance(data_type, T.ArrayType) and isinstance(data_type.elementType, T.StructType)):
            raise type_mismatch(call.sql(), '"ARRAY<STRUCT>"', input_sql, data_type)
        contains_null = data_type.containsNull
        return tuple(
            GeneratedColumn(field.name, field.dataType, field.nullable or contains_null or outer)
            for field in data_type.elementType.fields
        )
    columns = [GeneratedColumn("pos", T.IntegerType(), outer)] if generator == "posexplode" else []
    if isinstance(data_type, T.ArrayType):
        columns.append(GeneratedColumn("col", data_type.elementType, data_type.containsNull or outer))
    elif isinstance(data_type, T.MapType):
        columns.append(GeneratedColumn("key", data_type.keyType, outer))
        columns.append(GeneratedColumn("value", data_type.valueType, data_type.valueContainsNull or outer))
    else:
        raise type_mismatch(call.sql(), '("ARRAY" or "MAP")', input_sql, data_type)
    return tuple(columns)


def _stack(analyzer: Analyzer, call: Call) -> tuple[Bound, tuple[GeneratedColumn, ...]]:
    """``stack(n, v1, v2...)``: an array of ``n`` structs of the values, row by
    row, missing values null; each column takes the type of its first
    non-null value, and every other value must be of that type or null."""
    column_name = call.sql()
    if len(call.arguments) < 2:
        raise analysis_error(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            functionName="`stack`",
            expectedNum="> 1",
            actualNum=str(len(call.arguments)),
            docroot="https://spark.apache.org/docs/latest",
        )
    count = analyzer.resolve(call.arguments[0])
    if not isinstance(count.data_type, T.IntegerType):
        raise type_mismatch(column_name, "INT", call.arguments[0].sql(), count.data_type)
    first = call.arguments[0]
    while isinstance(first, Alias):
        first = first.child
    if not isinstance(first, Literal):
        raise analysis_error(
            "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
            sqlExpr=f'"{column_name}"',
            inputName="`n`",
            inputType='"INT"',
            inputExpr=f'"{first.sql()}"',
        )
    rows = first.value
    if rows is None or rows <= 0:
        raise analysis_error(
            "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
            exprName="`n`",
            valueRange="(0, 2147483647]",
            currentValue=str(rows),
            sqlExpr=f'"{column_name}"',
        )
    values = list(call.arguments[1:])
    width = -(-len(values) // rows)
    types: list[T.DataType] = [T.NullType()] * width
    first_index: list[int] = [0] * width
    for index, value in enumerate(values):
        data_type = analyzer.resolve(value).data_type
        column = index % width
        if isinstance(data_type, T.NullType):
            continue
        if isinstance(types[column], T.NullType):
            types[column], first_index[column] = data_type, index
        elif types[column].simpleString() != data_type.simpleString():
            raise analysis_error(
                "DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES",
                sqlExpr=f'"{column_name}"',
                columnIndex=str(column),
                leftParamIndex=str(first_index[column] + 1),
                leftType=f'"{types[column].simpleString().upper()}"',
                rightParamIndex=str(index + 1),
                rightType=f'"{data_type.simpleString().upper()}"',
            )
    structs = []
    for row in range(rows):
        fields: list[Expression] = []
        for column in range(width):
            index = row * width + column
            value = values[index] if index < len(values) else Literal(None, T.NullType())
            fields.extend([Literal(f"col{column}", T.StringType()), Cast(value, types[column])])
        structs.append(Call("named_struct", tuple(fields)))
    argument = analyzer.resolve(Call("array", tuple(structs)))
    columns = tuple(GeneratedColumn(f"col{column}", types[column], True) for column in range(width))
    return argument, columns
