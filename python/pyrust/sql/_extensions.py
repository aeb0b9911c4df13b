"""Function signatures and anchors, from the Substrait extension YAMLs.

The YAMLs are the one source of truth for function signatures (ARCHITECTURE.md,
contract 3): every ``*.yaml`` in ``pyrust/extensions/``, i.e. Substrait's
standard extensions, pinned (see the README there), plus ours. The compiler
embeds the same files, so both know the same functions. Output types of the
functions we emit come from their declared return types, derived by
``substrait``'s function registry.

Anchors are numbered once per process, so that expressions built for different
DataFrames can be combined into one plan without renumbering; each plan
declares only the anchors it uses.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
import threading
from dataclasses import dataclass
from typing import Any
from importlib.resources import files

from substrait import type_pb2 as stt
from substrait.extension_registry import ExtensionRegistry
from substrait.extensions import extensions_pb2 as ste

ARITHMETIC = "extension:io.substrait:functions_arithmetic"
COMPARISON = "extension:io.substrait:functions_comparison"
BOOLEAN = "extension:io.substrait:functions_boolean"
STRING = "extension:io.substrait:functions_string"
AGGREGATE_GENERIC = "extension:io.substrait:functions_aggregate_generic"
SPARK = "extension:dev.pyrust:functions_spark"


def registry() -> ExtensionRegistry:
    """The function registry: every YAML of ``pyrust/extensions/``.

    Not the ``substrait`` package's own copies of the standard YAMLs, which
    follow that package's version rather than ours.
    """
    return _load()[0]


def urn_by_file() -> dict[str, str]:
    """The URN each YAML of ``pyrust/extensions/`` declares, by file name."""
    return dict(_load()[1])


@functools.cache
def _load() -> tuple[ExtensionRegistry, dict[str, str]]:
    loaded = ExtensionRegistry(load_default_extensions=False)
    urns: dict[str, str] = {}
    for yaml_file in sorted(files("pyrust.extensions").iterdir(), key=lambda entry: entry.name):
        if not yaml_file.name.endswith(".yaml"):
            continue
        known = set(loaded.urns())
        loaded.register_extension_yaml(yaml_file)
        added = set(loaded.urns()) - known
        if len(added) != 1:
            msg = f"pyrust/extensions/{yaml_file.name} must declare a URN of its own"
            raise RuntimeError(msg)
        urns[yaml_file.name] = added.pop()
    return loaded, urns


class _Anchors:
    """Process-wide numbering of (URN, compound function name) pairs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_function: dict[tuple[str, str], int] = {}
        self._by_anchor: dict[int, tuple[str, str]] = {}

    def anchor(self, urn: str, compound_name: str) -> int:
        with self._lock:
            key = (urn, compound_name)
            if key not in self._by_function:
                number = len(self._by_function) + 1
                self._by_function[key] = number
                self._by_anchor[number] = key
            return self._by_function[key]

    def function(self, anchor: int) -> tuple[str, str]:
        return self._by_anchor[anchor]


_ANCHORS = _Anchors()


def lookup(urn: str, name: str, argument_types: list[stt.Type]) -> tuple[int, stt.Type] | None:
    """The anchor and declared output type of ``name`` for these argument types.

    ``None`` when no signature in ``urn`` accepts the arguments.
    """
    match = registry().lookup_function(urn, name, argument_types) or _lookup_returning_time(urn, name, argument_types)
    if match is None:
        return None
    entry, output_type = match
    return _ANCHORS.anchor(urn, repr(entry)), output_type


_DERIVED_RETURN = re.compile(r"(precision_time|interval_compound)<(\d+)>")


def _lookup_returning_time(urn: str, name: str, argument_types: list[stt.Type]) -> tuple[Any, stt.Type] | None:
    """A signature returning ``precision_time<N>`` or ``interval_compound<N>``, which the
    ``substrait`` package cannot derive (its type evaluator has no case for them): matched
    with an integer return in its place, then given the declared type (for times variation
    1, DataFusion's ``Time64``)."""
    for entry in registry()._function_mapping.get(urn, {}).get(name, []):  # noqa: SLF001 - no listing API
        declared = _DERIVED_RETURN.fullmatch(str(entry.impl.return_).strip())
        if declared is None:
            continue
        probe = copy.copy(entry)
        probe.impl = dataclasses.replace(entry.impl, return_="i64")
        derived = probe.satisfies_signature(argument_types)
        if derived is None:
            continue
        kind, precision = declared.group(1), int(declared.group(2))
        nullability = derived.i64.nullability
        if kind == "interval_compound":
            compound = stt.Type.IntervalCompound(precision=precision, nullability=nullability)
            return entry, stt.Type(interval_compound=compound)
        time = stt.Type.PrecisionTime(precision=precision, nullability=nullability, type_variation_reference=1)
        return entry, stt.Type(precision_time=time)
    return None


def anchor(urn: str, compound_name: str) -> int:
    """The process-wide anchor of a function another producer's plan declares."""
    return _ANCHORS.anchor(urn, compound_name)


def urn_of_uri(uri: str) -> str:
    """The URN of the extension YAML an (older producers') extension URI names.

    The YAMLs of ``pyrust/extensions/`` (Substrait's standard ones and ours) are
    recognised by their file name (``.../functions_arithmetic.yaml`` →
    ``extension:io.substrait:functions_arithmetic``); any other URI is kept as
    it is.
    """
    file_name = uri.rsplit("/", 1)[-1].removesuffix(".yaml") + ".yaml"
    return urn_by_file().get(file_name, uri)


def function_name(anchor: int) -> str:
    """The compound name (``add:i32_i32``) behind an anchor."""
    return _ANCHORS.function(anchor)[1]


def declarations(anchors: set[int]) -> tuple[list[ste.SimpleExtensionURN], list[ste.SimpleExtensionDeclaration]]:
    """The URN and function declarations a plan using ``anchors`` must carry."""
    urn_anchors: dict[str, int] = {}
    functions = []
    for anchor in sorted(anchors):
        urn, compound_name = _ANCHORS.function(anchor)
        urn_anchor = urn_anchors.setdefault(urn, len(urn_anchors) + 1)
        functions.append(
            ste.SimpleExtensionDeclaration(
                extension_function=ste.SimpleExtensionDeclaration.ExtensionFunction(
                    extension_urn_reference=urn_anchor, function_anchor=anchor, name=compound_name
                )
            )
        )
    urns = [ste.SimpleExtensionURN(extension_urn_anchor=number, urn=urn) for urn, number in urn_anchors.items()]
    return urns, functions


@dataclass(frozen=True)
class Implementation:
    """One signature (``impls`` item) of a function, as its YAML declares it."""

    # Value parameters as declared types (``i32``, ``decimal<P1,S1>``), enumerations as their options.
    arguments: tuple[str | tuple[str, ...], ...]
    variadic: bool


def implementations(urn: str, name: str) -> list[Implementation]:
    """The signatures of ``name`` in ``urn``, in the YAML's order."""
    entries = registry()._function_mapping.get(urn, {}).get(name, [])  # noqa: SLF001 - the registry has no listing API
    result = []
    for entry in entries:
        arguments: list[str | tuple[str, ...]] = []
        for argument in entry.impl.args or []:
            value = getattr(argument, "value", None)
            arguments.append(str(value) if value is not None else tuple(getattr(argument, "options", ()) or ()))
        result.append(Implementation(tuple(arguments), entry.impl.variadic is not None))
    return result
