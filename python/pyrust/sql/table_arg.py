"""``DataFrame.asTable()``: a DataFrame passed as the table argument of a Python
UDTF, as ``pyspark.sql.table_arg.TableArg``.

The UDTF's ``eval`` gets each row of the table as a ``Row``. ``partitionBy``
gives each set of rows with equal partitioning values its own instance of the
UDTF class (``terminate`` runs at the end of each), ``withSinglePartition``
one instance for all rows, and ``orderBy`` the order ``eval`` sees the rows
of a partition in (see ``udtf.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql.column import Column, _to_column

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

__all__ = ["TableArg"]


class TableArg:
    """A table argument of a table-valued function (``df.asTable()``)."""

    def __init__(
        self,
        frame: DataFrame,
        partition_by: tuple[Column, ...] = (),
        order_by: tuple[Column, ...] = (),
        single_partition: bool = False,
    ) -> None:
        self._frame = frame
        self._partition_by = partition_by
        self._order_by = order_by
        self._single_partition = single_partition

    def partitionBy(self, *cols: Any) -> TableArg:  # noqa: N802 - PySpark's name
        """Rows with equal values of ``cols`` go to one instance of the function, together."""
        if self._single_partition or self._partition_by:
            raise _invalid("Cannot call partitionBy() after partitionBy() or withSinglePartition() has been called.")
        return TableArg(self._frame, _columns(cols), self._order_by, False)

    def orderBy(self, *cols: Any) -> TableArg:  # noqa: N802 - PySpark's name
        """The order in which each partition's rows reach the function."""
        if not (self._single_partition or self._partition_by):
            raise _invalid("Please call partitionBy() or withSinglePartition() before orderBy().")
        return TableArg(self._frame, self._partition_by, _columns(cols), self._single_partition)

    def withSinglePartition(self) -> TableArg:  # noqa: N802 - PySpark's name
        """All rows go to one instance of the function."""
        if self._single_partition or self._partition_by:
            raise _invalid("Cannot call withSinglePartition() after partitionBy() or withSinglePartition() has been called.")
        return TableArg(self._frame, (), self._order_by, True)

    def __repr__(self) -> str:
        return "TableArg"


def _columns(cols: tuple[Any, ...]) -> tuple[Column, ...]:
    items = cols[0] if len(cols) == 1 and isinstance(cols[0], (list, tuple)) else cols
    return tuple(_to_column(item) for item in items)


def _invalid(message: str) -> errors.IllegalArgumentException:
    return errors.IllegalArgumentException(message)
