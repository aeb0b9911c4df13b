"""A DataFrame of the rows a Python function makes of another's: the plan node
(``_plan.HostRelation``) and the function's registration for the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _plan as plan
from pyrust.sql import _udf_dispatch
from pyrust.sql import types as T
from pyrust.sql._analyzer import Attribute

if TYPE_CHECKING:
    from collections.abc import Callable

    from pyrust.sql.dataframe import DataFrame


def output_schema(schema: Any) -> T.StructType:
    """The schema the function's rows have: a ``StructType`` or a DDL string."""
    if isinstance(schema, str):
        schema = T._parse_ddl(schema)
    if not isinstance(schema, T.StructType):
        raise errors.PySparkTypeError(
            errorClass="NOT_DATATYPE_OR_STR", messageParameters={"arg_name": "schema", "arg_type": type(schema).__name__}
        )
    return schema


def host_relation(
    frame: DataFrame,
    kind: str,
    function: Callable[..., Any],
    schema: Any,
    keys: tuple[int, ...] = (),
    with_key: bool = False,
    extra: dict[str, Any] | None = None,
) -> DataFrame:
    """The rows ``function`` (run as ``kind``, see ``_udf_dispatch``) makes of ``frame``'s."""
    if not callable(function):
        raise errors.PySparkTypeError(
            errorClass="NOT_CALLABLE", messageParameters={"arg_name": "func", "arg_type": type(function).__name__}
        )
    schema = output_schema(schema)
    key_names = tuple(frame._attributes[index].name for index in keys)
    # The engine names columns (and struct fields) its own way inside a plan: the
    # dispatcher gives the function the input's names as Spark has them.
    extra = {
        **(extra or {}),
        "input_names": [attribute.name for attribute in frame._attributes],
        "argument_types": [T.to_arrow_type(attribute.data_type) for attribute in frame._attributes],
    }
    name = getattr(function, "__name__", type(function).__name__)
    entry = _udf_dispatch.register(
        name,
        lambda engine_name: _udf_dispatch.HostFunction(
            engine_name, kind, function, None, True, keys=key_names, with_key=with_key, extra=extra
        ),
    )
    root = plan.HostRelation(frame._plan, entry.name, keys, schema)
    attributes = [Attribute(field.name, field.dataType, field.nullable) for field in schema.fields]
    return frame._with_plan(root, attributes)
