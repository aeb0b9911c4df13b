"""PySpark parity: every case of the parity corpus (parity_corpus.py), run on pyrust, must give what
real PySpark gave when expected/parity*.json were recorded (record_parity.py).

Checked per case: schema string, nullability, columns, dtypes, rows (in order
where Spark fixes the order, observed several times to catch races, else as a
multiset; floats within a small relative tolerance), the exact df.show() text, or — for error cases — the
exception's class name, error condition and the first line of its message.

PYRUST_PARITY_LIVE=1 runs each case on real PySpark too (when importable in
this interpreter) and compares against that instead of the recording: for
investigating, not for CI.

pyrust not being importable is a failure of every case, on purpose: a parity
suite that silently skips proves nothing.
"""

import json
import os
import sys
import tempfile
import warnings
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import parity_corpus  # noqa: E402
import parity_harness  # noqa: E402


def _recording() -> dict:
    """Every module's recording, merged (case names are unique across modules);
    the settings all were recorded under are the main module's."""
    recordings = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in map(parity_corpus.expected_path, parity_corpus.modules())
        if path.exists()
    ]
    meta = recordings[0]["meta"]
    for recording in recordings[1:]:
        assert recording["meta"]["settings"] == meta["settings"], "re-record: the recordings' settings differ"
    return {"meta": meta, "cases": {name: case for recording in recordings for name, case in recording["cases"].items()}}


RECORDING = _recording()
CORPUS = {name: fn for name, (fn, _module) in parity_corpus.all_cases().items()}
LIVE = os.environ.get("PYRUST_PARITY_LIVE") == "1"

# Recorded mode checks what was recorded; live mode whatever the corpus holds now.
CASE_NAMES = sorted(CORPUS) if LIVE else sorted(RECORDING["cases"])


@pytest.fixture(scope="session")
def pyrust_session():
    """(spark, F, T) for pyrust, or the ImportError that prevents it."""
    try:
        import pyrust.sql as ps
        from pyrust.sql import functions as F
        from pyrust.sql import types as T
    except ImportError as exc:
        yield exc
        return
    builder = ps.SparkSession.builder.master("local[2]").appName("pyrust-parity")
    # The settings PySpark was recorded with (time zone, ANSI, ...).
    for key, value in RECORDING["meta"]["settings"].items():
        builder = builder.config(key, value)
    # Tables the cases create go to a warehouse of their own, not the working directory.
    builder = builder.config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="parity-warehouse-"))
    spark = builder.getOrCreate()
    yield spark, F, T
    stop = getattr(spark, "stop", None)
    if callable(stop):
        stop()


@pytest.fixture(scope="session")
def live_pyspark_session():
    """A real PySpark session set up like the recorder's, or None when live
    mode is off or PySpark can't be imported here."""
    if not LIVE:
        yield None
        return
    try:
        import record_parity  # imports pyspark
    except ImportError as exc:
        warnings.warn(f"PYRUST_PARITY_LIVE=1 but PySpark is not importable ({exc}); using the recording")
        yield None
        return
    spark = record_parity.build_spark_session()
    yield spark
    spark.stop()


def _expected_record(name, live_spark):
    if live_spark is not None:
        import record_parity

        return record_parity.record_case(name, CORPUS[name], live_spark)
    return RECORDING["cases"][name]


ORDERED_REPEATS = 5

# Cases pyrust does not pass yet, with the reason. Strict: once a case passes,
# its entry must go, so this list only ever shrinks.
KNOWN_GAPS = {
    "error_column_get_item_out_of_range": "col[i] past an array's end fails as element_at does "
    "(INVALID_ARRAY_INDEX_IN_ELEMENT_AT), not with GetArrayItem's INVALID_ARRAY_INDEX",
    "error_bad_select_expr": "Spark's ANTLR parser adds a hint (\": extra input '1'\") that sqlglot's errors do not give",
    "error_ansi_cast_decimal_out_of_range": "a decimal that does not fit its new precision fails inside Arrow, "
    "not with Spark's NUMERIC_VALUE_OUT_OF_RANGE",
    "math_randn_many_values": "randn's logarithm is libm's port of fdlibm, and one value in this case still "
    "differs from Java's StrictMath.log in its last bit",
    "asof_timestamps": "a timestamp minus a day-time interval (the as-of tolerance) is refused by the "
    "analyzer's `-` (UNEXPECTED_INPUT_TYPE), which Spark computes",
    "error_asof_string_keys": "the analyzer's `-` of two strings fails with UNEXPECTED_INPUT_TYPE where "
    "Spark gives BINARY_OP_WRONG_TYPE",
    "misc_zeroifnull_of_a_string": "Spark's ANSI coercion widens a string and an int to bigint (findWiderTypeForString); "
    "_coercion.common_type_or_error gives int",
    "foreach_partition_calls_empty_partitions": "pyrust's engine calls a Python map function only for partitions "
    "with rows (host_functions.rs, HostRelationExec), Spark for every partition",
}


def _case_param(name):
    if name in KNOWN_GAPS:
        return pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_GAPS[name], strict=True))
    return name


@pytest.mark.parametrize("name", [_case_param(name) for name in CASE_NAMES])
def test_parity(name, pyrust_session, live_pyspark_session):
    if isinstance(pyrust_session, ImportError):
        pytest.fail(f"pyrust is not importable: {pyrust_session!r}. Build and install it "
                    f"(e.g. maturin develop) before running the parity suite.", pytrace=False)
    if name not in CORPUS:
        pytest.fail(f"case {name!r} is recorded but no longer in the corpus: re-run record_parity.py",
                    pytrace=False)
    expected = _expected_record(name, live_pyspark_session)
    spark, F, T = pyrust_session
    # A row order that holds only when partitions happen to finish in order is
    # a race: ordered results are observed several times.
    for _ in range(ORDERED_REPEATS if expected.get("ordered") else 1):
        actual = parity_harness.observe(CORPUS[name], spark, F, T)
        problems = parity_harness.compare(expected, actual)
        if problems:
            pytest.fail(f"case {name} differs from PySpark:\n" + "\n".join(problems), pytrace=False)


def test_every_case_is_recorded():
    """A case added to the corpus without re-recording would go unchecked."""
    missing = sorted(set(CORPUS) - set(RECORDING["cases"]))
    assert not missing, f"not in expected/parity*.json, run record_parity.py --case NAME: {missing}"
