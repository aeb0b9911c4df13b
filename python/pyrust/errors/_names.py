"""Spark's identifier quoting and the "did you mean" ranking of its unresolved-name errors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pyrust.errors.exceptions.captured import AnalysisException


def quote_identifier(part: str) -> str:
    """``part`` in backticks, with inner backticks doubled, as Spark quotes names."""
    return "`" + part.replace("`", "``") + "`"


def parse_attribute_name(name: str) -> list[str]:
    """Split a column reference such as ``a.`b.c`.d`` into its name parts.

    Dots separate parts except inside backticks, where a doubled backtick
    stands for one backtick.

    Raises
    ------
    AnalysisException
        ``INVALID_ATTRIBUTE_NAME_SYNTAX`` when the backticks are unbalanced
        or a quoted part is followed by more text.
    """

    def invalid() -> AnalysisException:
        return AnalysisException(errorClass="INVALID_ATTRIBUTE_NAME_SYNTAX", messageParameters={"name": name})

    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    i = 0
    while i < len(name):
        char = name[i]
        if in_quotes:
            if char == "`":
                if i + 1 < len(name) and name[i + 1] == "`":
                    current.append("`")
                    i += 1
                else:
                    in_quotes = False
                    # A closing backtick must end the part.
                    if i + 1 < len(name) and name[i + 1] != ".":
                        raise invalid()
            else:
                current.append(char)
        elif char == "`":
            if current:
                raise invalid()
            in_quotes = True
        elif char == ".":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    if in_quotes:
        raise invalid()
    parts.append("".join(current))
    return parts


def _quoted_name(name: str) -> str:
    """The ``objectName`` Spark reports for a reference: each part in backticks."""
    try:
        parts = parse_attribute_name(name)
    except AnalysisException:
        parts = [name]
    return ".".join(quote_identifier(part) for part in parts)


def _levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _display_names(name: str, candidates: Sequence[str | Sequence[str]]) -> list[str]:
    """Quoted candidate names after Spark's qualifier stripping."""
    split = [[c] if isinstance(c, str) else [str(p) for p in c] for c in candidates]
    try:
        base_parts = len(parse_attribute_name(name))
    except AnalysisException:
        base_parts = 1
    # When every candidate shares its qualifier, Spark drops the qualifier;
    # failing that, it drops what precedes the table name if that is shared.
    if base_parts == 1 and len({tuple(parts[:-1]) for parts in split}) == 1:
        split = [parts[-1:] for parts in split]
    elif base_parts <= 2 and len({tuple(parts[:-2]) for parts in split}) == 1:
        split = [parts[-2:] for parts in split]
    return [".".join(quote_identifier(p) for p in parts) for parts in split]


def _ranked(name: str, candidates: Sequence[str | Sequence[str]], limit: int) -> list[int]:
    displays = _display_names(name, candidates)
    # Spark sorts the candidates by name, then stable-sorts them by the edit
    # distance between the *quoted* candidate and the name as written; so
    # ties keep alphabetical order.  Verified against PySpark 4.3.
    order = sorted(range(len(candidates)), key=lambda i: displays[i])
    order.sort(key=lambda i: _levenshtein(displays[i], name))
    return order[: max(limit, 0)]


def suggest_names(name: str, candidates: Iterable[str | Sequence[str]], limit: int = 5) -> list[str]:
    """The candidates Spark would propose for an unresolved ``name``, best first.

    Parameters
    ----------
    name : str
        The reference as the user wrote it, e.g. ``"agee"`` or ``"t.agee"``.
    candidates : iterable of str or of sequences of str
        Available columns.  A string is one column name (dots included); a
        sequence is a qualified name such as ``("t", "age")``.
    limit : int, default 5
        How many suggestions to keep; Spark keeps five.

    Returns
    -------
    list of str
        String candidates are returned unchanged.  Qualified candidates are
        returned quoted, after dropping a qualifier they all share, e.g.
        ``"`t`.`age`"``, since that is how Spark shows them.
    """
    candidates = list(candidates)
    displays = _display_names(name, candidates)
    return [
        candidates[i] if isinstance(candidates[i], str) else displays[i] for i in _ranked(name, candidates, limit)
    ]


def unresolved_column_error(
    name: str,
    candidates: Iterable[str | Sequence[str]],
    *,
    sort: bool = True,
    context: str | None = None,
) -> AnalysisException:
    """The ``UNRESOLVED_COLUMN`` error Spark raises for an unknown column.

    Parameters
    ----------
    name : str
        The reference as written, e.g. ``"agee"``.
    candidates : iterable of str or of sequences of str
        The columns in scope (see :func:`suggest_names`).
    sort : bool, default True
        Rank and cut to five as analysis does (``select``, ``filter``, SQL).
        Pass False for ``df["name"]`` lookups, where Spark lists every column
        in schema order instead.
    context : str, optional
        Appended to ``str()`` of the error (see :class:`PySparkException`).

    Returns
    -------
    AnalysisException
        ``UNRESOLVED_COLUMN.WITH_SUGGESTION``, or ``WITHOUT_SUGGESTION`` when
        there are no candidates.
    """
    candidates = list(candidates)
    object_name = _quoted_name(name)
    if not candidates:
        return AnalysisException(
            errorClass="UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
            messageParameters={"objectName": object_name},
            context=context,
        )
    displays = _display_names(name, candidates)
    if sort:
        displays = [displays[i] for i in _ranked(name, candidates, 5)]
    return AnalysisException(
        errorClass="UNRESOLVED_COLUMN.WITH_SUGGESTION",
        messageParameters={"objectName": object_name, "proposal": ", ".join(displays)},
        context=context,
    )
