"""The `pyrust-compile` console script installed with the package, and the
compiler's view in `DataFrame.explain`. (The command's full behaviour is
snapshot-tested in cli/tests; this checks the Python entry point reaches it.)
"""

import shutil
import subprocess
import sys

import pytest

from pyrust.sql import SparkSession
from pyrust.sql import functions as F


@pytest.fixture(scope="module")
def spark():
    return SparkSession.builder.master("local[2]").getOrCreate()


@pytest.fixture(scope="module")
def frame(spark):
    people = spark.createDataFrame([(1, "ann", 30), (2, "bob", 17)], "id long, name string, age int")
    return people.filter(F.col("age") > 18).select("name")


def _compile(*arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    script = shutil.which("pyrust-compile")
    command = [script] if script else [sys.executable, "-m", "pyrust._compile_cli"]
    return subprocess.run([*command, *arguments], input=stdin, capture_output=True, check=False)


def test_the_script_inspects_a_dataframes_plan(frame):
    result = _compile("-", stdin=frame._substrait())
    assert result.returncode == 0, result.stderr.decode()
    tree = result.stdout.decode()
    assert tree.startswith("relations[0]: root\n│ names: [name]")
    assert "condition: gt(field#2, 18:i32)" in tree


def test_the_script_converts_to_json_and_validates_it(frame, tmp_path):
    json_plan = tmp_path / "plan.json"
    assert _compile("convert", "-", "-o", str(json_plan), stdin=frame._substrait()).returncode == 0
    assert json_plan.read_text().lstrip().startswith("{")
    result = _compile("validate", str(json_plan))
    assert (result.returncode, result.stdout.decode()) == (0, "valid plan (0 warning(s))\n")


def test_exit_codes_tell_invalid_plans_from_usage_errors(tmp_path):
    assert _compile("validate", "-", stdin=b"\xff\x00 not a plan").returncode == 1
    assert _compile("validate", str(tmp_path / "missing.json")).returncode == 2
    assert _compile("--no-such-option").returncode == 2


def test_explain_extended_shows_the_compilers_view(frame, capsys):
    frame.explain(True)
    printed = capsys.readouterr().out
    titles = [line for line in printed.splitlines() if line.startswith("== ")]
    assert titles == [
        "== Parsed Logical Plan ==",
        "== Analyzed Logical Plan ==",
        "== Optimized Logical Plan ==",
        "== Physical Plan ==",
    ]
    assert "└─ filter" in printed

    frame.explain()
    assert capsys.readouterr().out.startswith("== Physical Plan ==\n")
