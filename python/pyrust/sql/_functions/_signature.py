"""Matching call arguments to a function's signatures in its extension YAML.

The YAMLs are the source of truth for signatures (ARCHITECTURE.md, contract 3).
Arguments that match a signature exactly are taken as they are; otherwise the
signatures are tried in the YAML's order, each argument cast implicitly as
Spark would (``_inputs.py``), and the first signature every argument can be
cast to wins. The YAML's order is therefore the order of preference.
"""

from __future__ import annotations

import re

from substrait import type_pb2 as stt

from pyrust.sql import _extensions as ext
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, argument_types, cast_to, type_mismatch
from pyrust.sql._functions import _inputs as inputs

# YAML parameter types (without parameters or `?`) → what an argument must be.
_PARAMETER_TYPES: dict[str, inputs.Expected] = {
    "boolean": inputs.BOOLEAN,
    "i8": inputs.Exactly(T.ByteType()),
    "i16": inputs.Exactly(T.ShortType()),
    "i32": inputs.INT,
    "i64": inputs.LONG,
    "fp32": inputs.Exactly(T.FloatType()),
    "fp64": inputs.DOUBLE,
    "string": inputs.STRING,
    "varchar": inputs.STRING,
    "fixedchar": inputs.STRING,
    "binary": inputs.BINARY,
    "fixedbinary": inputs.BINARY,
    "date": inputs.DATE,
    "timestamp": inputs.Exactly(T.TimestampNTZType()),
    "precision_timestamp": inputs.Exactly(T.TimestampNTZType()),
    "timestamp_tz": inputs.TIMESTAMP,
    "precision_timestamp_tz": inputs.TIMESTAMP,
    "decimal": inputs.DECIMAL,
    "list": inputs.ARRAY,
    "map": inputs.MAP,
    "struct": inputs.STRUCT,
}


def _parameter(value: str) -> inputs.Expected:
    base = re.split(r"[<?]", value.strip().lower(), maxsplit=1)[0]
    if base.startswith("any"):
        return inputs.ANY
    return _PARAMETER_TYPES.get(base, inputs.ANY)


def _signatures(urn: str, name: str) -> list[tuple[list[inputs.Expected], bool]]:
    """Each implementation's value parameters, and whether the last one repeats."""
    result = []
    for entry in ext.implementations(urn, name):
        parameters = [_parameter(argument) for argument in entry.arguments if isinstance(argument, str)]
        result.append((parameters, entry.variadic))
    return result


def bind(urn: str, name: str, arguments: list[Bound], column_name: str) -> tuple[list[Bound], stt.Type]:
    """``arguments``, cast to the first signature of ``name`` that takes them,
    and that signature's declared output type."""
    found = ext.lookup(urn, name, argument_types(arguments))
    if found is not None:
        return arguments, found[1]
    signatures = _signatures(urn, name)
    for parameters, variadic in signatures:
        if variadic and parameters:
            parameters = parameters[:-1] + [parameters[-1]] * (len(arguments) - len(parameters) + 1)
        if len(parameters) != len(arguments):
            continue
        targets = [parameter.cast_target(argument.data_type) for parameter, argument in zip(parameters, arguments)]
        if any(target is None for target in targets):
            continue
        cast = [cast_to(argument, target) for argument, target in zip(arguments, targets)]
        found = ext.lookup(urn, name, argument_types(cast))
        if found is not None:
            return cast, found[1]
    raise _mismatch(signatures, arguments, column_name)


def _mismatch(signatures, arguments: list[Bound], column_name: str) -> Exception:
    """Spark's error for the first argument no signature of its arity takes."""
    same_arity = [parameters for parameters, variadic in signatures if variadic or len(parameters) == len(arguments)]
    for index, argument in enumerate(arguments):
        options = []
        for parameters in same_arity:
            parameter = parameters[min(index, len(parameters) - 1)] if parameters else inputs.ANY
            if parameter not in options:
                options.append(parameter)
        if options and not any(option.cast_target(argument.data_type) is not None for option in options):
            required = options[0] if len(options) == 1 else inputs.OneOf(tuple(options))
            return type_mismatch(column_name, required.describe(), argument.name, argument.data_type, index)
    from pyrust.sql._bound import not_implemented

    types = ", ".join(argument.data_type.simpleString() for argument in arguments)
    return not_implemented(f"{column_name} with arguments ({types})")
