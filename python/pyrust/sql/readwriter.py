"""``DataFrameReader``: ``spark.read.csv/json/parquet`` with Spark's options.

Reading registers the files as a table in the engine's catalog (the engine
infers the schema with Spark's rules, as Spark does when the DataFrame is
created) and returns a DataFrame whose plan reads that table by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import types as T

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession


def _option_text(value: Any) -> str:
    """Spark options are strings; Python booleans become ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class DataFrameReader:
    """Loads DataFrames from files: ``spark.read``."""

    def __init__(self, session: SparkSession) -> None:
        self._session = session
        self._format = "parquet"
        self._options: dict[str, str] = {}
        self._schema: T.StructType | None = None

    def format(self, source: str) -> DataFrameReader:
        """The data source: ``csv``, ``json`` or ``parquet``."""
        self._format = source
        return self

    def option(self, key: str, value: Any) -> DataFrameReader:
        """One reader option, e.g. ``option("header", True)``."""
        self._options[key] = _option_text(value)
        return self

    def options(self, **options: Any) -> DataFrameReader:
        """Several reader options."""
        for key, value in options.items():
            if value is not None:
                self.option(key, value)
        return self

    def schema(self, schema: T.StructType | str) -> DataFrameReader:
        """The schema to read with (a StructType or a DDL string such as ``"a INT, b STRING"``)."""
        if isinstance(schema, str):
            schema = T._parse_datatype_string(schema)
        if not isinstance(schema, T.StructType):
            raise errors.PySparkTypeError(
                errorClass="NOT_STR_OR_STRUCT",
                messageParameters={"arg_name": "schema", "arg_type": type(schema).__name__},
            )
        self._schema = schema
        return self

    def load(self, path: str | list[str] | None = None, format: str | None = None, schema: Any = None, **options: Any) -> DataFrame:  # noqa: A002
        """Read ``path`` (a file, a directory or a list of them)."""
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        if path is None:
            raise errors.PySparkValueError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "load() without a path"})
        paths = [path] if isinstance(path, str) else list(path)
        return self._session._read_files(self._format, paths, self._options, self._schema)

    def csv(self, path: str | list[str], schema: Any = None, sep: str | None = None, header: Any = None, inferSchema: Any = None, **options: Any) -> DataFrame:
        """Read CSV files (``header``, ``inferSchema``, ``sep`` as in Spark)."""
        return self.load(path, "csv", schema, sep=sep, header=header, inferSchema=inferSchema, **options)

    def json(self, path: str | list[str], schema: Any = None, **options: Any) -> DataFrame:
        """Read JSON Lines files; fields come back sorted by name, as Spark infers them."""
        return self.load(path, "json", schema, **options)

    def parquet(self, *paths: str, **options: Any) -> DataFrame:
        """Read Parquet files."""
        return self.load(list(paths), "parquet", None, **options)
