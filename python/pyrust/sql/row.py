"""``Row``: the tuple type of collected DataFrame rows, as in ``pyspark.sql``.

A Row is a tuple whose items can also be read by field name, either as an
attribute (``row.age``) or as a key (``row["age"]``)::

    >>> row = Row(name="Alice", age=1)
    >>> row
    Row(name='Alice', age=1)
    >>> row.name, row["age"], row[0]
    ('Alice', 1, 'Alice')

Keyword order is kept (PySpark stopped sorting field names in 3.0).  Called
with positional arguments only, ``Row`` builds a "row class" instead, which
makes rows when called::

    >>> Person = Row("name", "age")
    >>> Person("Bob", 2)
    Row(name='Bob', age=2)

Field names live in the ``__fields__`` attribute; a row without it (a row
class, or a row built positionally) has no names.
"""

from __future__ import annotations

from typing import Any

from pyrust.errors import (
    PySparkAttributeError,
    PySparkKeyError,
    PySparkRuntimeError,
    PySparkTypeError,
    PySparkValueError,
)

__all__ = ["Row", "_create_row"]


def _create_row(fields: Any, values: Any) -> Row:
    """A Row holding ``values`` under the names ``fields``.

    This is how collected rows are built, skipping keyword handling: names
    may repeat, as in a DataFrame with duplicate column names.
    """
    row = Row(*values)
    row.__fields__ = fields
    return row


class Row(tuple):
    """A row of data whose items can be read by position or by field name.

    Parameters
    ----------
    *args
        Positional values.  Without keywords this makes a nameless row, used
        as a row class: calling it with values gives a named Row.
    **kwargs
        Field names and values, in the given order.

    Raises
    ------
    PySparkValueError
        ``CANNOT_SET_TOGETHER`` when both positional and keyword arguments
        are given.
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Row:
        if args and kwargs:
            raise PySparkValueError(
                errorClass="CANNOT_SET_TOGETHER", messageParameters={"arg_list": "args and kwargs"}
            )
        if kwargs:
            row = tuple.__new__(cls, list(kwargs.values()))
            row.__fields__ = list(kwargs)
            return row
        return tuple.__new__(cls, args)

    # -- conversion ---------------------------------------------------------------

    def asDict(self, recursive: bool = False) -> dict[str, Any]:
        """This row as a dict from field name to value.

        Parameters
        ----------
        recursive : bool, default False
            Also convert nested Rows, including Rows inside lists and dict
            values (not inside tuples, as in PySpark).

        Raises
        ------
        PySparkTypeError
            ``CANNOT_CONVERT_TYPE`` if the row has no field names.
        """
        if not hasattr(self, "__fields__"):
            raise PySparkTypeError(
                errorClass="CANNOT_CONVERT_TYPE", messageParameters={"from_type": "Row", "to_type": "dict"}
            )
        if not recursive:
            return dict(zip(self.__fields__, self))

        def convert(value: Any) -> Any:
            if isinstance(value, Row):
                return value.asDict(True)
            if isinstance(value, list):
                return [convert(item) for item in value]
            if isinstance(value, dict):
                return {key: convert(item) for key, item in value.items()}
            return value

        return {key: convert(value) for key, value in zip(self.__fields__, self)}

    # -- access -------------------------------------------------------------------

    def __contains__(self, item: Any) -> bool:
        # A named row answers for its field names; a nameless one for values.
        if hasattr(self, "__fields__"):
            return item in self.__fields__
        return super().__contains__(item)

    def __call__(self, *args: Any) -> Row:
        """Make a row with this row's items as field names and ``args`` as values."""
        if len(args) > len(self):
            raise PySparkValueError(
                errorClass="TOO_MANY_VALUES",
                messageParameters={"expected": str(len(self)), "item": "fields", "actual": str(len(args))},
            )
        return _create_row(self, args)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, (int, slice)):
            return super().__getitem__(item)
        try:
            # With duplicate names, the first one wins (as in PySpark).
            index = self.__fields__.index(item)
            return super().__getitem__(index)
        except IndexError:
            raise PySparkKeyError(errorClass="KEY_NOT_EXISTS", messageParameters={"key": str(item)}) from None
        except ValueError:
            # PySpark raises a bare PySparkValueError carrying the key.
            raise PySparkValueError(str(item)) from None

    def __getattr__(self, item: str) -> Any:
        # Only called when normal lookup fails.  Dunder names are never
        # fields; refusing them also stops copy/pickle probing for hooks,
        # and makes a nameless row report the missing `__fields__`.
        if item.startswith("__"):
            raise PySparkAttributeError(errorClass="ATTRIBUTE_NOT_SUPPORTED", messageParameters={"attr_name": item})
        try:
            index = self.__fields__.index(item)
            return self[index]
        except (IndexError, ValueError):
            raise PySparkAttributeError(
                errorClass="ATTRIBUTE_NOT_SUPPORTED", messageParameters={"attr_name": item}
            ) from None

    def __setattr__(self, key: str, value: Any) -> None:
        if key != "__fields__":
            raise PySparkRuntimeError(errorClass="READ_ONLY", messageParameters={"object": "Row"})
        self.__dict__[key] = value

    # -- representation -------------------------------------------------------------

    def __reduce__(self) -> tuple:
        if hasattr(self, "__fields__"):
            return (_create_row, (self.__fields__, tuple(self)))
        return (Row, tuple(self))

    def __repr__(self) -> str:
        if hasattr(self, "__fields__"):
            return "Row(" + ", ".join(f"{key}={value!r}" for key, value in zip(self.__fields__, tuple(self))) + ")"
        return "<Row(" + ", ".join(repr(value) for value in self) + ")>"
