"""The error-condition table (pyrust/error_conditions.py) is one dict literal
written by many hands: a condition written twice would silently lose the
first entry's subclasses (it happened when two function families both added
INVALID_PARAMETER_VALUE)."""

import ast
import collections
from pathlib import Path

import pyrust.error_conditions


def test_no_condition_is_written_twice():
    source = Path(pyrust.error_conditions.__file__).read_text(encoding="utf-8")
    repeated = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys = [key.value for key in node.keys if isinstance(key, ast.Constant)]
            repeated += [key for key, count in collections.Counter(keys).items() if count > 1]
    assert not repeated, f"written twice in error_conditions.py (the later one wins): {repeated}"
