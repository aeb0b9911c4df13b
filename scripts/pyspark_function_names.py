"""Write the public names of PySpark's ``pyspark.sql.functions`` (its ``__all__``)
to ``tests/python/data/pyspark_function_names.txt``, one a line, for
``tests/python/test_function_names.py`` (so the test needs no PySpark).

Run with the PySpark the names should come from::

    $PYSPARK_PYTHON scripts/pyspark_function_names.py   # the Python that has PySpark
"""

from __future__ import annotations

import pathlib

import pyspark
from pyspark.sql import functions

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "python" / "data" / "pyspark_function_names.txt"


def main() -> None:
    names = sorted(functions.__all__)
    header = f"# pyspark.sql.functions.__all__ of PySpark {pyspark.__version__} ({len(names)} names); scripts/pyspark_function_names.py\n"
    OUTPUT.write_text(header + "".join(f"{name}\n" for name in names))


if __name__ == "__main__":
    main()
