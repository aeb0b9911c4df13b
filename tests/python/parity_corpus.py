"""Where the parity corpus lives: `parity_cases.py` and one `parity_cases_<family>.py`
per function family (so that families are written and recorded side by side),
each with its own recording, `expected/parity.json` and `expected/parity_<family>.json`.

All modules follow the rules at the top of parity_cases.py; their `settings`
decorator is parity_cases.settings. Case names are unique across modules.
"""

from __future__ import annotations

import importlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTED_DIR = HERE / "expected"


def modules() -> list[str]:
    """The case modules, the main one first."""
    families = sorted(path.stem for path in HERE.glob("parity_cases_*.py"))
    return ["parity_cases", *families]


def expected_path(module: str) -> Path:
    """The recording of one case module."""
    return EXPECTED_DIR / (module.replace("parity_cases", "parity") + ".json")


def cases_of(module: str) -> dict:
    """A module's cases, by name without the `case_` prefix, in definition order."""
    loaded = importlib.import_module(module)
    return {
        name[len("case_"):]: fn
        for name, fn in vars(loaded).items()
        if name.startswith("case_") and callable(fn)
    }


def all_cases() -> dict:
    """Every case of every module: name → (function, module)."""
    result = {}
    for module in modules():
        for name, fn in cases_of(module).items():
            if name in result:
                raise ValueError(f"case {name} is defined in {result[name][1]} and {module}")
            result[name] = (fn, module)
    return result
