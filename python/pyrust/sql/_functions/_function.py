"""One Spark function as the analyzer knows it: a declaration.

Every field but ``name`` and ``urn`` has a default that fits most functions,
so a typical declaration is one line::

    scalar("upper", ext.STRING, inputs=(STRING,))

- ``urn`` and ``substrait_name``: the signature in an extension YAML the call
  becomes (the substrait name defaults to Spark's name);
- ``inputs``: Spark's implicit casts of the arguments (``_inputs.py``; a
  trailing ``...`` repeats the last); without them, the YAML's signatures are
  tried in order (``_signature.py``);
- ``result`` / ``nullable``: Spark's result type and nullability when the
  YAML's declared ones are not Spark's (decimal precision, a null result for a
  bad input...);
- ``column_name``: the name Spark prints, when it is not ``name(a, b)``;
- ``defaults``: values of trailing optional arguments, by position, which
  Spark fills in (and prints in column names) when a call leaves them out
  (``locate(a, b)`` is ``locate(a, b, 1)``);
- ``options``: Substrait function options, per evaluation mode;
- ``frame``: for window functions whose frame Spark fixes (ranking and
  offset functions), that frame, from the call's arguments; such functions
  need an ordered window;
- ``resolve``: for the few functions that are rewrites of others (``nvl`` is
  ``coalesce``) or need the raw call (lambdas), the whole resolution.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyrust.sql import types as T
from pyrust.sql._bound import Bound, BoundAggregate, aggregate_call, cast_to, not_implemented, scalar_call, type_mismatch
from pyrust.sql._functions import _inputs, _signature
from pyrust.sql._substrait_types import from_substrait_type

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._eval_mode import EvalMode
    from pyrust.sql._expressions import Call, Expression, WindowFrame


class Kind(enum.Enum):
    SCALAR = "scalar"
    AGGREGATE = "aggregate"
    WINDOW = "window"
    GENERATOR = "generator"


# What a declaration's callables receive: the resolved arguments (after implicit casts).
ResultRule = Callable[[list[Bound]], T.DataType]
NullableRule = Callable[[list[Bound]], bool]
# The analyzer, the unresolved call, its resolved arguments and its column name;
# a Bound for scalar functions, a BoundAggregate for aggregates.
Resolver = Callable[["Analyzer", "Call", list[Bound], str], Any]


@dataclass(frozen=True)
class Function:
    name: str
    urn: str
    substrait_name: str
    kind: Kind = Kind.SCALAR
    inputs: tuple[Any, ...] | None = None
    result: T.DataType | ResultRule | None = None
    nullable: bool | NullableRule | None = None
    column_name: str | Callable[[list[str]], str] | None = None
    options: Callable[[EvalMode], dict[str, str]] | None = None
    frame: Callable[[tuple[Expression, ...]], WindowFrame] | None = None
    resolve: Resolver | None = None
    defaults: dict[int, tuple[object, T.DataType]] | None = None

    # -- naming ------------------------------------------------------------------

    def _missing_defaults(self, given: int) -> list[tuple[object, T.DataType]]:
        """The default values of the optional arguments after the ``given`` ones."""
        missing = []
        position = given
        while self.defaults and position in self.defaults:
            missing.append(self.defaults[position])
            position += 1
        return missing

    def sql(self, arguments: list[str], distinct: bool = False) -> str:
        """The column name Spark gives a call with arguments named ``arguments``."""
        if self.defaults:
            from pyrust.sql._expressions import literal_text

            arguments = [*arguments, *(literal_text(value) for value, _ in self._missing_defaults(len(arguments)))]
        if callable(self.column_name):
            return self.column_name(arguments)
        if isinstance(self.column_name, str):
            return self.column_name.format(*arguments)
        prefix = "DISTINCT " if distinct else ""
        return f"{self.name}({prefix}{', '.join(arguments)})"

    # -- resolution ----------------------------------------------------------------

    def cast_inputs(self, arguments: list[Bound], column_name: str) -> list[Bound]:
        """The arguments cast as Spark's ``inputTypes`` ask; as they are without ``inputs``."""
        if self.inputs is None:
            return arguments
        declared = list(self.inputs)
        if declared and declared[-1] is Ellipsis:
            declared = declared[:-1]
            declared += [declared[-1]] * max(0, len(arguments) - len(declared))
        if len(declared) < len(arguments):
            raise not_implemented(f"{column_name} with {len(arguments)} arguments")
        cast = []
        for index, (argument, wanted) in enumerate(zip(arguments, declared)):
            expected = _inputs.expected(wanted)
            target = expected.cast_target(argument.data_type)
            if target is None:
                raise type_mismatch(column_name, expected.describe(), argument.name, argument.data_type, index)
            cast.append(cast_to(argument, target))
        return cast

    def _bind(self, arguments: list[Bound], column_name: str) -> tuple[list[Bound], T.DataType, bool]:
        arguments = self.cast_inputs(arguments, column_name)
        arguments, declared = _signature.bind(self.urn, self.substrait_name, arguments, column_name)
        kind = declared.WhichOneof("kind")
        declared_nullable = getattr(declared, kind).nullability != declared.NULLABILITY_REQUIRED
        if self.result is None:
            result_type = from_substrait_type(declared)
        elif isinstance(self.result, T.DataType):
            result_type = self.result
        else:
            result_type = self.result(arguments)
        if self.nullable is None:
            nullable = declared_nullable
        elif isinstance(self.nullable, bool):
            nullable = self.nullable
        else:
            nullable = self.nullable(arguments)
        return arguments, result_type, nullable

    def with_defaults(self, arguments: list[Bound]) -> list[Bound]:
        """``arguments`` with the defaults of the optional ones left out."""
        from pyrust.sql._bound import literal
        from pyrust.sql._expressions import literal_text

        missing = self._missing_defaults(len(arguments))
        return [*arguments, *(literal(value, data_type, literal_text(value)) for value, data_type in missing)]

    def resolve_scalar(self, analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        if self.defaults:
            arguments = self.with_defaults(arguments)
        if self.resolve is not None:
            return self.resolve(analyzer, call, arguments, column_name)
        arguments, result_type, nullable = self._bind(arguments, column_name)
        options = self.options(analyzer.mode) if self.options else None
        return scalar_call(self.urn, self.substrait_name, arguments, result_type, column_name, nullable, options)

    def resolve_window(self, analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> BoundAggregate:
        """A window function's call, typed as its YAML declares it (the analyzer casts it to ``result``)."""
        if self.resolve is not None:
            return self.resolve(analyzer, call, arguments, column_name)
        arguments = self.cast_inputs(arguments, column_name)
        arguments, declared = _signature.bind(self.urn, self.substrait_name, arguments, column_name)
        options = self.options(analyzer.mode) if self.options else None
        engine_type = from_substrait_type(declared)
        return aggregate_call(self.urn, self.substrait_name, arguments, engine_type, column_name, False, True, options)

    def resolve_aggregate(self, analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> BoundAggregate:
        if self.resolve is not None:
            return self.resolve(analyzer, call, arguments, column_name)
        arguments, result_type, nullable = self._bind(arguments, column_name)
        options = self.options(analyzer.mode) if self.options else None
        return aggregate_call(
            self.urn, self.substrait_name, arguments, result_type, column_name, call.distinct, nullable, options
        )
