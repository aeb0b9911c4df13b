"""Every public name of PySpark 4.3's ``pyspark.sql.functions`` exists in
``pyrust.sql.functions``, and each function either works or says it is not
implemented (``PySparkNotImplementedError`` with NOT_IMPLEMENTED), never
something else (an unknown routine, a wrong argument list...).

The names are ``data/pyspark_function_names.txt``, written from PySpark by
``scripts/pyspark_function_names.py`` (so this test needs no PySpark). Each
function is called with plausible arguments (by parameter name, below) and the
column it returns is resolved against a small DataFrame: resolution may fail
with a type error (the arguments are generic), not because the function is
unknown. The xfail of ``test_every_name_exists`` lists the names pyrust does
not have yet; run this file with ``-s`` to print the functions that raise
NOT_IMPLEMENTED.
"""

from __future__ import annotations

import inspect
import pathlib

import pytest

from pyrust import errors
from pyrust.sql import SparkSession
from pyrust.sql import functions as F
from pyrust.sql.column import Column

_DATA = pathlib.Path(__file__).parent / "data"
NAMES = [line.strip() for line in (_DATA / "pyspark_function_names.txt").read_text().splitlines() if line and not line.startswith("#")]
# Names no family had declared when this test was written; each family removes
# its names as it adds them (a known gap stays visible, as an xfail).
NOT_YET = {
    line.strip() for line in (_DATA / "function_names_not_yet_in_pyrust.txt").read_text().splitlines() if line and not line.startswith("#")
}

# Plausible values by PySpark's parameter names; any other parameter without a
# default gets the string column ``s``.
_VALUES = {
    "numBits": 256,
    "funcName": "upper",
    "udfName": "f",
    "schema": "a INT",
    "df": None,  # the DataFrame, filled in below
    "f": lambda x: x,
    "merge": lambda accumulator, x: accumulator,
    "returnType": None,
    "cls": None,
}
_INT_PARAMETERS = {
    "pos", "len", "length", "n", "count", "scale", "offset", "numBuckets", "precision", "limit", "idx",
    "index", "start", "stop", "step", "days", "months", "numPartitions", "bits", "numRows", "seed",
}
_STRING_PARAMETERS = {"format", "pattern", "delimiter", "sep", "regex", "replacement", "path", "fmt", "unit", "field"}

# Functions whose parameter names do not say what fits.
_CALLS = {
    "expr": lambda: ["s"],
    "substr": lambda: [F.col("s"), F.lit(1), F.lit(2)],
    # `pos` is a column (PySpark refuses an int).
    "bit_get": lambda: [F.col("i"), F.lit(1)],
    "getbit": lambda: [F.col("i"), F.lit(1)],
    # A UDF is called by the name it was registered under.
    "call_udf": lambda: [_registered_udf(), F.col("s")],
}


def _registered_udf() -> str:
    SparkSession.builder.getOrCreate().udf.register("test_names_udf", lambda value: value, "string")
    return "test_names_udf"

NOT_IMPLEMENTED: list[str] = []


@pytest.fixture(scope="module")
def frame():
    spark = SparkSession.builder.getOrCreate()
    return spark.createDataFrame([(1, 2.5, "a")], "i int, d double, s string")


def _arguments(function, frame) -> list:
    if function.__name__ in _CALLS:
        return _CALLS[function.__name__]()
    arguments = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            arguments += [F.col("s"), F.col("i")] if not arguments else [F.col("s")]
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD or parameter.default is not inspect.Parameter.empty:
            continue
        elif parameter.name == "df":
            arguments.append(frame)
        elif parameter.name in _VALUES:
            arguments.append(_VALUES[parameter.name])
        elif parameter.name in _INT_PARAMETERS:
            arguments.append(1)
        elif parameter.name in _STRING_PARAMETERS:
            arguments.append(F.lit("x"))
        else:
            arguments.append(F.col("s"))
    return arguments


def test_every_name_exists():
    missing = [name for name in NAMES if not hasattr(F, name)]
    assert not set(missing) - NOT_YET, f"pyrust.sql.functions lacks {sorted(set(missing) - NOT_YET)}"
    if missing:
        pytest.xfail(f"{len(missing)} names are not in pyrust.sql.functions yet: {' '.join(missing)}")


@pytest.mark.parametrize("name", [name for name in NAMES if hasattr(F, name)])
def test_the_function_works_or_is_not_implemented(name, frame):
    function = getattr(F, name)
    if not inspect.isfunction(function):
        return  # a class or type (UserDefinedFunction...): it exists
    try:
        result = function(*_arguments(function, frame))
        if isinstance(result, Column):
            frame.select(result)
    except errors.PySparkNotImplementedError as error:
        assert error.getCondition() == "NOT_IMPLEMENTED"
        NOT_IMPLEMENTED.append(name)
    except errors.AnalysisException as error:
        # Generic arguments may be of the wrong type; an unknown function is a gap.
        assert error.getCondition() != "UNRESOLVED_ROUTINE", f"{name}: {error}"


def test_the_names_are_pysparks():
    assert len(NAMES) == 562
    assert "coalesce" in NAMES
    assert NOT_YET <= set(NAMES)


def teardown_module():
    if NOT_IMPLEMENTED:
        print(f"\n{len(NOT_IMPLEMENTED)} functions raise NOT_IMPLEMENTED: {' '.join(sorted(NOT_IMPLEMENTED))}")
