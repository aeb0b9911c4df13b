"""The persistent part of the catalog: databases, tables and views that outlive a session.

Spark without a metastore keeps these in memory; pyrust keeps them in one small
JSON file in the warehouse directory (``spark.sql.warehouse.dir``, default
``./spark-warehouse``), so that a new process sees them. Every read loads the
file (another process may have changed it); every change happens under an
exclusive lock on ``.pyrust_catalog.lock`` and replaces the file atomically,
so two sessions writing at once never corrupt it.

Shape of the file::

    {"version": 1,
     "databases": {"sales": {"description": "...", "location": "/.../sales.db"}},
     "tables": {"default.t": {"kind": "MANAGED" | "EXTERNAL" | "VIEW", "schema": <StructType JSON>,
                              "provider": "parquet", "location": "...", "partitions": [...],
                              "properties": {...}, "view_text": "SELECT ..."}},
     "functions": {"default.f": {"className": "com.example.F"}}}

The ``default`` database always exists and is not stored.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DEFAULT_DATABASE = "default"
_FILE = "_pyrust_catalog.json"
_LOCK = ".pyrust_catalog.lock"


class CatalogStore:
    """The catalog file of one warehouse directory."""

    def __init__(self, warehouse: str) -> None:
        self.warehouse = Path(warehouse.removeprefix("file:")).resolve()

    # -- reading -----------------------------------------------------------------

    def load(self) -> dict[str, Any]:
        try:
            with open(self.warehouse / _FILE, encoding="utf-8") as handle:
                return json.load(handle)
        except FileNotFoundError:
            return {"version": 1, "databases": {}, "tables": {}}

    def databases(self) -> dict[str, dict[str, Any]]:
        stored = self.load()["databases"]
        return {DEFAULT_DATABASE: {"description": "default database", "location": str(self.warehouse)}, **stored}

    def tables(self, database: str) -> dict[str, dict[str, Any]]:
        prefix = database.lower() + "."
        return {key[len(prefix):]: entry for key, entry in self.load()["tables"].items() if key.startswith(prefix)}

    def table(self, database: str, name: str) -> dict[str, Any] | None:
        return self.load()["tables"].get(_key(database, name))

    def functions(self, database: str) -> dict[str, dict[str, Any]]:
        prefix = database.lower() + "."
        stored = self.load().get("functions", {})
        return {key[len(prefix):]: entry for key, entry in stored.items() if key.startswith(prefix)}

    def function(self, database: str, name: str) -> dict[str, Any] | None:
        return self.load().get("functions", {}).get(_key(database, name))

    def table_location(self, database: str, name: str) -> str:
        """Where a managed table's files go: Spark's layout."""
        if database.lower() == DEFAULT_DATABASE:
            return str(self.warehouse / name.lower())
        return str(Path(self.databases()[database.lower()]["location"]) / name.lower())

    # -- changing ----------------------------------------------------------------

    def change(self, edit: Callable[[dict[str, Any]], Any]) -> Any:
        """Apply ``edit`` to the catalog under the lock and write the result."""
        self.warehouse.mkdir(parents=True, exist_ok=True)
        with self._locked():
            catalog = self.load()
            result = edit(catalog)
            descriptor, temporary = tempfile.mkstemp(dir=self.warehouse, prefix=".catalog-", suffix=".json")
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(catalog, handle, indent=1, sort_keys=True)
            os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the catalog from other users
            os.replace(temporary, self.warehouse / _FILE)
            return result

    def put_database(self, name: str, entry: dict[str, Any]) -> None:
        self.change(lambda catalog: catalog["databases"].__setitem__(name.lower(), entry))

    def drop_database(self, name: str) -> None:
        def edit(catalog: dict[str, Any]) -> None:
            catalog["databases"].pop(name.lower(), None)
            prefix = name.lower() + "."
            for key in [key for key in catalog["tables"] if key.startswith(prefix)]:
                del catalog["tables"][key]
            for key in [key for key in catalog.get("functions", {}) if key.startswith(prefix)]:
                del catalog["functions"][key]

        self.change(edit)

    def put_table(self, database: str, name: str, entry: dict[str, Any]) -> None:
        self.change(lambda catalog: catalog["tables"].__setitem__(_key(database, name), entry))

    def drop_table(self, database: str, name: str) -> dict[str, Any] | None:
        return self.change(lambda catalog: catalog["tables"].pop(_key(database, name), None))

    def put_function(self, database: str, name: str, entry: dict[str, Any]) -> None:
        self.change(lambda catalog: catalog.setdefault("functions", {}).__setitem__(_key(database, name), entry))

    def drop_function(self, database: str, name: str) -> dict[str, Any] | None:
        return self.change(lambda catalog: catalog.setdefault("functions", {}).pop(_key(database, name), None))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with open(self.warehouse / _LOCK, "a", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _key(database: str, name: str) -> str:
    return f"{database.lower()}.{name.lower()}"
