"""One set of extension YAMLs (``pyrust/extensions/``), read by the analyzer and the compiler.

The analyzer must know exactly the files of that folder (not the ``substrait``
package's own copies of the standard ones), and the compiler, which embeds the
same files, must know exactly the same functions: ``pyrust-compile functions``
lists what the compiler knows.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import yaml

from pyrust.sql import _extensions as ext


def _declared_urns() -> dict[str, str]:
    """The ``urn`` of every YAML of ``pyrust/extensions/``, by file name, read without the registry."""
    urns = {}
    for entry in files("pyrust.extensions").iterdir():
        if entry.name.endswith(".yaml"):
            with entry.open("rb") as stream:
                urns[entry.name] = yaml.safe_load(stream)["urn"]
    return urns


def test_the_analyzer_knows_exactly_the_urns_of_the_extension_files():
    declared = _declared_urns()
    assert "functions_spark.yaml" in declared
    assert "functions_arithmetic.yaml" in declared
    assert ext.registry().urns() == sorted(declared.values())
    assert ext.urn_by_file() == declared


def test_older_producers_uris_name_the_files_urns():
    uri = "https://github.com/substrait-io/substrait/blob/main/extensions/functions_arithmetic.yaml"
    assert ext.urn_of_uri(uri) == "extension:io.substrait:functions_arithmetic"
    assert ext.urn_of_uri("/extensions/functions_spark.yaml") == ext.SPARK
    assert ext.urn_of_uri("https://example.com/functions_other.yaml") == "https://example.com/functions_other.yaml"


def test_the_analyzer_and_the_compiler_know_the_same_functions():
    listed = subprocess.run(
        [sys.executable, "-m", "pyrust._compile_cli", "functions", "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr.decode()
    compiler = {
        (function["urn"], function["name"], function["kind"])
        for function in json.loads(listed.stdout)["functions"]
    }
    analyzer = {(urn, name, kind.value) for urn, name, kind in ext.registry().iter_functions()}
    assert ("extension:io.substrait:functions_arithmetic", "add", "scalar") in analyzer
    assert (ext.SPARK, "modulus", "scalar") in analyzer
    assert sorted(analyzer - compiler) == []
    assert sorted(compiler - analyzer) == []
