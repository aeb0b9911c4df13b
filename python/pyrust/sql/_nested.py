"""Values inside structs, arrays and maps: ``col[key]``, ``getField``, ``withField``,
``dropFields`` and dotted column names (``col("a.b")``).

A struct field is a Substrait field reference rooted at the struct expression
(<https://substrait.io/expressions/field_references/>); an array element or
map value is a call of the collection functions; an updated struct is a new
``named_struct`` of the old fields (null where the struct is null).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from substrait import algebra_pb2 as stalg

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql import _extensions as ext
from pyrust.sql import _proto
from pyrust.sql._bound import Bound, scalar_call
from pyrust.sql._expressions import (
    CaseWhen,
    Call,
    ColumnReference,
    Expression,
    ExtractValue,
    GetField,
    Literal,
    UpdateFields,
)

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer


def _field_index(struct: T.StructType, name: str, owner: str) -> int:
    matches = [index for index, field in enumerate(struct.fields) if field.name.lower() == name.lower()]
    if len(matches) != 1:
        fields = ", ".join(f"`{field.name}`" for field in struct.fields)
        raise errors.AnalysisException(
            errorClass="FIELD_NOT_FOUND" if not matches else "AMBIGUOUS_REFERENCE_TO_FIELDS",
            messageParameters={"fieldName": f"`{name}`", "fields": fields, "field": f"`{name}`", "count": str(len(matches))},
        )
    return matches[0]


def struct_field(value: Bound, name: str, shown: str) -> Bound:
    """Field ``name`` of the struct ``value``, named ``shown``."""
    if not isinstance(value.data_type, T.StructType):
        raise errors.AnalysisException(
            errorClass="INVALID_EXTRACT_BASE_FIELD_TYPE",
            messageParameters={"base": f'"{value.name}"', "other": f'"{value.data_type.simpleString().upper()}"'},
        )
    index = _field_index(value.data_type, name, value.name)
    field = value.data_type.fields[index]
    proto = _field_of(value.proto, index)
    nullable = value.nullable or field.nullable
    if value.nullable:
        # Under a null struct the engine's field values are whatever its arrays hold: null
        # them. A struct field is rebuilt, so that both branches have the engine's names.
        if isinstance(field.dataType, T.StructType):
            proto = _rebuilt_proto(proto, field.dataType, field.nullable)
        proto = _proto.if_then([(_present(value.proto, value.data_type), proto)], _proto.literal(None, field.dataType))
    return Bound(proto, field.dataType, nullable, shown)


def _field_of(struct: stalg.Expression, index: int) -> stalg.Expression:
    proto = stalg.Expression()
    proto.selection.expression.CopyFrom(struct)
    proto.selection.direct_reference.struct_field.field = index
    return proto


def _present(value: stalg.Expression, data_type: T.DataType) -> stalg.Expression:
    bound = Bound(value, data_type, True, "")
    return scalar_call(ext.COMPARISON, "is_not_null", [bound], T.BooleanType(), "", nullable=False).proto


def _rebuilt_proto(value: stalg.Expression, data_type: T.StructType, nullable: bool) -> stalg.Expression:
    """The struct ``value`` built anew from its fields (null where it is null)."""
    fields = []
    for index, field in enumerate(data_type.fields):
        item = _field_of(value, index)
        if isinstance(field.dataType, T.StructType):
            item = _rebuilt_proto(item, field.dataType, field.nullable)
        fields.append(item)
    built = _proto.struct(fields)
    if not nullable:
        return built
    return _proto.if_then([(_present(value, data_type), built)], _proto.literal(None, data_type))


def get_field(analyzer: Analyzer, expression: GetField) -> Bound:
    return struct_field(analyzer.resolve(expression.child), expression.field, expression.sql())


def extract_value(analyzer: Analyzer, expression: ExtractValue) -> Bound:
    child = analyzer.resolve(expression.child)
    name = expression.sql()
    key = expression.key
    if isinstance(child.data_type, T.StructType):
        if not (isinstance(key, Literal) and isinstance(key.value, str)):
            raise errors.AnalysisException(
                errorClass="INVALID_EXTRACT_FIELD_TYPE", messageParameters={"extraction": f'"{key.sql()}"'}
            )
        return struct_field(child, key.value, f"{child.name}.{key.value}")
    if isinstance(child.data_type, T.ArrayType):
        literal_index = key.value if isinstance(key, Literal) and isinstance(key.value, int) else None
        if not analyzer.mode.ansi:
            return replace(analyzer.resolve(Call("get", (expression.child, key))), name=name)
        if literal_index is None or literal_index < 0:
            raise errors.PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": f"{name} with a negative or non-constant index in ANSI mode"},
            )
        one_based = Literal(literal_index + 1, T.IntegerType())
        return replace(analyzer.resolve(Call("element_at", (expression.child, one_based))), name=name)
    if isinstance(child.data_type, T.MapType):
        return replace(analyzer.resolve(Call("try_element_at", (expression.child, key))), name=name)
    raise errors.AnalysisException(
        errorClass="INVALID_EXTRACT_BASE_FIELD_TYPE",
        messageParameters={"base": f'"{child.name}"', "other": f'"{child.data_type.simpleString().upper()}"'},
    )


def nested_reference(analyzer: Analyzer, reference: ColumnReference, split: list[str]) -> Bound | None:
    """``a.b.c`` as field ``b.c`` of column ``a`` (or of ``t.a``), when no column has that name."""
    for length in range(len(split) - 1, 0, -1):
        prefix = ColumnReference(".".join(f"`{part}`" for part in split[:length]), reference.plan_id)
        try:
            value = analyzer.resolve(prefix)
        except errors.AnalysisException:
            continue
        for part in split[length:]:
            if not isinstance(value.data_type, T.StructType):
                return None
            value = struct_field(value, part, part)
        return value
    return None


def update_fields(analyzer: Analyzer, expression: UpdateFields) -> Bound:
    child = analyzer.resolve(expression.child)
    if not isinstance(child.data_type, T.StructType):
        raise errors.AnalysisException(
            errorClass="DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            messageParameters={
                "sqlExpr": f'"{expression.sql()}"',
                "paramIndex": "first",
                "requiredType": '"STRUCT"',
                "inputSql": f'"{child.name}"',
                "inputType": f'"{child.data_type.simpleString().upper()}"',
            },
        )
    updated = _updated(analyzer, expression.child, child.data_type, expression.operations)
    if child.nullable:
        updated = CaseWhen(((Call("isnotnull", (expression.child,)), updated),))
    return replace(analyzer.resolve(updated), name=expression.sql(), source=None)


def _rebuilt(value: Expression, data_type: T.DataType, nullable: bool) -> Expression:
    """A struct value rebuilt field by field (nulls kept), so that all structs of the
    result are built the same way: the engine names the fields of built structs
    positionally, and cannot unify them with structs read from the input."""
    if not isinstance(data_type, T.StructType):
        return value
    arguments: list[Expression] = []
    for field in data_type.fields:
        arguments += [Literal(field.name, T.StringType()), _rebuilt(GetField(value, field.name), field.dataType, field.nullable)]
    built: Expression = Call("named_struct", tuple(arguments))
    return CaseWhen(((Call("isnotnull", (value,)), built),)) if nullable else built


def _updated(
    analyzer: Analyzer,
    struct: Expression,
    data_type: T.StructType,
    operations: tuple[tuple[str, Expression | None], ...],
) -> Expression:
    """A ``named_struct`` of ``struct``'s fields after ``operations``."""
    # Each field: its name, its value, and the operations on its own fields still to apply
    # (None once the field has been given a new value: nested paths then fail).
    fields: list[tuple[str, Expression, list[tuple[str, Expression | None]] | None]] = [
        (field.name, _rebuilt(GetField(struct, field.name), field.dataType, field.nullable), [])
        for field in data_type.fields
    ]
    for path, value in operations:
        head, _, rest = path.partition(".")
        position = next((i for i, (name, _, _) in enumerate(fields) if name.lower() == head.lower()), None)
        if rest:
            if position is None:
                if value is None:
                    continue
                msg = f"[FIELD_NOT_FOUND] No such struct field `{head}`."
                raise errors.AnalysisException(msg)
            pending = fields[position][2]
            original = next((f for f in data_type.fields if f.name == fields[position][0]), None)
            if pending is None or original is None or not isinstance(original.dataType, T.StructType):
                msg = f"[INVALID_EXTRACT_BASE_FIELD_TYPE] Can't extract a value from `{head}`: not a struct."
                raise errors.AnalysisException(msg)
            pending.append((rest, value))
        elif value is None:
            fields = [field for field in fields if field[0].lower() != head.lower()]
        else:
            bound = analyzer.resolve(value)
            item = _rebuilt(value, bound.data_type, bound.nullable)
            if position is None:
                fields.append((head, item, None))
            else:
                fields[position] = (fields[position][0], item, None)
    if not fields:
        msg = "[DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS] Cannot drop all fields in struct."
        raise errors.AnalysisException(msg)
    arguments: list[Expression] = []
    for name, item, pending in fields:
        if pending:
            original = next(f for f in data_type.fields if f.name == name)
            inner = GetField(struct, name)
            item = _updated(analyzer, inner, original.dataType, tuple(pending))
            if original.nullable:
                item = CaseWhen(((Call("isnotnull", (inner,)), item),))
        arguments += [Literal(name, T.StringType()), item]
    return Call("named_struct", tuple(arguments))


def resolve(analyzer: Analyzer, expression: Expression) -> Bound:
    """Resolve one of this module's expressions."""
    if isinstance(expression, ExtractValue):
        return extract_value(analyzer, expression)
    if isinstance(expression, GetField):
        return get_field(analyzer, expression)
    if isinstance(expression, UpdateFields):
        return update_fields(analyzer, expression)
    msg = f"not a nested-value expression: {expression.sql()}"
    raise TypeError(msg)
