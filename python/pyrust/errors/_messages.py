"""Error messages from Spark's condition templates (:mod:`pyrust.error_conditions`)."""

from __future__ import annotations

import re
from typing import Any

from pyrust.error_conditions import ERROR_CONDITIONS

_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_]+)>")

# PySpark 4.3 folded its many NOT_<TYPE>_OR_<TYPE> conditions into
# NOT_EXPECTED_TYPE.  Code written against older PySpark still uses the old
# names, so they are translated into what PySpark 4.3 reports.
_LEGACY_TYPE_WORDS = {
    "BOOL": "bool",
    "CALLABLE": "callable",
    "COLUMN": "Column",
    "DATAFRAME": "DataFrame",
    "DATATYPE": "DataType",
    "DICT": "dict",
    "FLOAT": "float",
    "INT": "int",
    "LIST": "list",
    "NONE": "None",
    "STR": "str",
    "STRUCT": "struct type",
    "TUPLE": "tuple",
}


def legacy_expected_type(condition: str) -> str | None:
    """The ``expected_type`` wording for an old ``NOT_A_OR_B`` condition name, if it is one."""
    if not condition.startswith("NOT_") or condition in ERROR_CONDITIONS:
        return None
    words = condition[len("NOT_") :].split("_OR_")
    if not all(word in _LEGACY_TYPE_WORDS for word in words):
        return None
    names = [_LEGACY_TYPE_WORDS[word] for word in words]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _lookup(condition: str) -> tuple[dict, dict | None] | None:
    """The main and (for ``MAIN.SUB``) sub-condition entries, or None if unknown."""
    main_name, _, sub_name = condition.partition(".")
    main = ERROR_CONDITIONS.get(main_name)
    if main is None:
        return None
    if not sub_name:
        return main, None
    sub = main.get("subClass", {}).get(sub_name)
    if sub is None:
        return None
    return main, sub


def has_condition(condition: str) -> bool:
    """Whether ``condition`` (``"MAIN"`` or ``"MAIN.SUB"``) has a message template."""
    return _lookup(condition) is not None


def _fill(template: str, parameters: dict[str, Any]) -> str:
    # One pass only, so that parameter values containing "<...>" (such as
    # "ARRAY<INT>") are inserted verbatim rather than substituted again.
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(parameters[name]) if name in parameters else match.group(0)

    return _PLACEHOLDER.sub(replace, template)


def render_message(condition: str, parameters: dict[str, Any] | None = None) -> str:
    """The message text of ``condition`` with its parameters filled in.

    The result carries neither the ``[CONDITION]`` prefix nor the SQL state.
    An unknown condition renders as its parameters, so a missing template
    never hides the error being raised.
    """
    parameters = parameters or {}
    entries = _lookup(condition)
    if entries is None:
        return ", ".join(f"{key}={value}" for key, value in parameters.items())
    main, sub = entries
    text = "\n".join(main["message"])
    if sub is not None:
        text += " " + "\n".join(sub["message"])
    return _fill(text, parameters)


def sql_state(condition: str | None) -> str | None:
    if condition is None:
        return None
    entries = _lookup(condition)
    if entries is None:
        return None
    main, sub = entries
    if sub is not None and "sqlState" in sub:
        return sub["sqlState"]
    return main.get("sqlState")

