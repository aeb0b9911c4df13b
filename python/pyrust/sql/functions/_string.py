"""String functions, string predicates and URL functions."""

from __future__ import annotations

from typing import Any

from pyrust.sql.column import Column
from pyrust.sql.functions._core import call, lit

__all__ = [
    "ascii", "base64", "bit_length", "btrim", "char", "char_length", "character_length", "chr", "collate",
    "collation", "concat_ws", "contains", "decode", "elt", "encode", "endswith", "find_in_set", "format_number",
    "format_string", "from_base32", "ilike", "initcap", "instr", "is_valid_utf8", "jaro_winkler_similarity",
    "lcase", "left", "length", "levenshtein", "like", "locate", "lower", "lpad", "ltrim", "make_valid_utf8", "mask",
    "octet_length", "overlay", "parse_url", "position", "printf", "quote", "randstr", "regexp", "regexp_count",
    "regexp_extract", "regexp_extract_all", "regexp_instr", "regexp_like", "regexp_replace", "regexp_substr",
    "repeat", "replace", "right", "rlike", "rpad", "rtrim", "sentences", "soundex", "split", "split_part",
    "startswith", "substr", "substring", "substring_index", "to_base32", "to_binary", "to_char", "to_number",
    "to_varchar", "translate", "trim", "try_parse_url", "try_to_binary", "try_to_number", "try_url_decode",
    "try_validate_utf8", "ucase", "unbase64", "upper", "url_decode", "url_encode", "validate_utf8",
]  # fmt: skip


def _value(item: Any) -> Column:
    """A Python value as a literal column; a Column as it is (PySpark's ``lit``)."""
    return lit(item)


def _optional(*items: Any) -> list[Any]:
    """The arguments up to the last one given (PySpark leaves trailing ``None`` ones out)."""
    given = list(items)
    while given and given[-1] is None:
        given.pop()
    return given


# -- case, length, characters ------------------------------------------------------


def upper(col: Column | str) -> Column:
    """The string in upper case.

    >>> upper("name")
    Column<'upper(name)'>
    """
    return call("upper", col)


def lower(col: Column | str) -> Column:
    """The string in lower case."""
    return call("lower", col)


def ucase(str: Column | str) -> Column:  # noqa: A002 - PySpark's names
    """``upper`` under its SQL alias."""
    return call("ucase", str)


def lcase(str: Column | str) -> Column:  # noqa: A002
    """``lower`` under its SQL alias."""
    return call("lcase", str)


def initcap(col: Column | str) -> Column:
    """Each space-separated word with an upper-case first letter and the rest in lower case."""
    return call("initcap", col)


def ascii(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The code point of the first character (0 for an empty string)."""
    return call("ascii", col)


def char(col: Column | str) -> Column:
    """The character whose code is the number modulo 256."""
    return call("char", col)


def chr(n: Column | str) -> Column:  # noqa: A001
    """``char`` under another name."""
    return call("chr", n)


def length(col: Column | str) -> Column:
    """The number of characters of a string, or bytes of a binary value.

    >>> length("s")
    Column<'length(s)'>
    """
    return call("length", col)


def char_length(str: Column | str) -> Column:  # noqa: A002
    """``length`` under its SQL alias."""
    return call("char_length", str)


def character_length(str: Column | str) -> Column:  # noqa: A002
    """``length`` under its SQL alias."""
    return call("character_length", str)


def bit_length(col: Column | str) -> Column:
    """The number of bits of the value's bytes."""
    return call("bit_length", col)


def octet_length(col: Column | str) -> Column:
    """The number of bytes of the value."""
    return call("octet_length", col)


# -- searching and slicing ---------------------------------------------------------


def substring(str: Column | str, pos: Column | int, len: Column | int) -> Column:  # noqa: A002 - PySpark's names
    """The ``len`` characters of ``str`` from position ``pos`` (1-based; negative counts from the end).

    >>> substring("s", 1, 3)
    Column<'substring(s, 1, 3)'>
    """
    return call("substring", str, *(_value(item) if isinstance(item, int) else item for item in (pos, len)))


def substr(str: Column | str, pos: Column | str, len: Column | str | None = None) -> Column:  # noqa: A002
    """``substring`` with the position and length given as columns; Spark names it ``substr``.

    >>> substr("s", lit(2), lit(3))
    Column<'substr(s, 2, 3)'>
    """
    if len is None:
        return call("substr", str, pos)
    return call("substr", str, pos, len)


def left(str: Column | str, len: Column | str) -> Column:  # noqa: A002
    """The leftmost ``len`` characters (empty when ``len`` <= 0)."""
    return call("left", str, _value(len) if isinstance(len, int) else len)


def right(str: Column | str, len: Column | str) -> Column:  # noqa: A002
    """The rightmost ``len`` characters (empty when ``len`` <= 0)."""
    return call("right", str, _value(len) if isinstance(len, int) else len)


def instr(str: Column | str, substr: Column | str, start: Column | int | None = None, occurrence: Column | int | None = None) -> Column:  # noqa: A002
    """The 1-based position of the first ``substr`` in ``str``, 0 when absent."""
    return call("instr", str, *(_value(item) for item in _optional(substr, start, occurrence)))


def locate(substr: str, str: Column | str, pos: int = 1) -> Column:  # noqa: A002
    """The 1-based position of the first ``substr`` in ``str`` at or after ``pos``, 0 when absent."""
    return call("locate", _value(substr), str, _value(pos))


def position(substr: Column | str, str: Column | str, start: Column | str | None = None) -> Column:  # noqa: A002
    """The 1-based position of the first ``substr`` in ``str`` (at or after ``start``), 0 when absent."""
    return call("position", *_optional(substr, str, start))


def find_in_set(str: Column | str, str_array: Column | str) -> Column:  # noqa: A002
    """The 1-based position of ``str`` in a comma-separated list, 0 when absent."""
    return call("find_in_set", str, str_array)


def substring_index(str: Column | str, delim: str, count: int) -> Column:  # noqa: A002
    """The part of ``str`` before ``count`` occurrences of ``delim`` (after, from the end, when negative)."""
    return call("substring_index", str, _value(delim), _value(count))


def split_part(src: Column | str, delimiter: Column | str, partNum: Column | str) -> Column:  # noqa: N803
    """The ``partNum``-th field of ``src`` split by ``delimiter`` (negative counts from the end)."""
    return call("split_part", src, delimiter, partNum)


def contains(left: Column | str, right: Column | str) -> Column:
    """Whether ``right`` occurs in ``left``."""
    return call("contains", left, right)


def startswith(str: Column | str, prefix: Column | str) -> Column:  # noqa: A002
    """Whether ``str`` starts with ``prefix``."""
    return call("startswith", str, prefix)


def endswith(str: Column | str, suffix: Column | str) -> Column:  # noqa: A002
    """Whether ``str`` ends with ``suffix``."""
    return call("endswith", str, suffix)


# -- building and changing strings -------------------------------------------------


def concat_ws(sep: str, *cols: Column | str) -> Column:
    """The non-null values joined by ``sep``.

    >>> concat_ws("-", "a", "b")
    Column<'concat_ws(-, a, b)'>
    """
    return call("concat_ws", _value(sep), *cols)


def elt(*inputs: Column | str) -> Column:
    """The n-th of the following values, n given by the first (1-based)."""
    return call("elt", *inputs)


def format_string(format: str, *cols: Column | str) -> Column:  # noqa: A002
    """The values formatted printf-style by ``format``."""
    return call("format_string", _value(format), *cols)


def printf(format: Column | str, *cols: Column | str) -> Column:  # noqa: A002
    """``format_string`` with the format given as a column."""
    return call("printf", format, *cols)


def format_number(col: Column | str, d: int) -> Column:
    """The number rounded to ``d`` decimal places, with thousands separators."""
    return call("format_number", col, _value(d))


def lpad(col: Column | str, len: Column | int, pad: Column | str) -> Column:  # noqa: A002
    """``col`` left-padded with ``pad`` (or cut) to ``len`` characters."""
    return call("lpad", col, _value(len), _value(pad))


def rpad(col: Column | str, len: Column | int, pad: Column | str) -> Column:  # noqa: A002
    """``col`` right-padded with ``pad`` (or cut) to ``len`` characters."""
    return call("rpad", col, _value(len), _value(pad))


def ltrim(col: Column | str, trim: Column | str | None = None) -> Column:
    """``col`` without leading spaces (or characters of ``trim``)."""
    return call("ltrim", *_optional(col, trim))


def rtrim(col: Column | str, trim: Column | str | None = None) -> Column:
    """``col`` without trailing spaces (or characters of ``trim``)."""
    return call("rtrim", *_optional(col, trim))


def trim(col: Column | str, trim: Column | str | None = None) -> Column:
    """``col`` without leading and trailing spaces (or characters of ``trim``)."""
    return call("trim", *_optional(col, trim))


def btrim(str: Column | str, trim: Column | str | None = None) -> Column:  # noqa: A002
    """``str`` without leading and trailing spaces (or characters of ``trim``)."""
    return call("btrim", *_optional(str, trim))


def repeat(col: Column | str, n: Column | str | int) -> Column:
    """``col`` repeated ``n`` times."""
    return call("repeat", col, _value(n) if isinstance(n, int) else n)


def replace(src: Column | str, search: Column | str, replace: Column | str | None = None) -> Column:
    """``src`` with every ``search`` replaced by ``replace`` (removed without it)."""
    return call("replace", *_optional(src, search, replace))


def translate(srcCol: Column | str, matching: str, replace: str) -> Column:  # noqa: N803
    """Each character of ``matching`` in ``srcCol`` replaced by the one of ``replace`` at its position."""
    return call("translate", srcCol, _value(matching), _value(replace))


def overlay(src: Column | str, replace: Column | str, pos: Column | str | int, len: Column | str | int = -1) -> Column:  # noqa: A002
    """``src`` with ``len`` characters from ``pos`` replaced by ``replace``."""
    pos = _value(pos) if isinstance(pos, int) else pos
    len = _value(len) if isinstance(len, int) else len  # noqa: A001
    return call("overlay", src, replace, pos, len)


def mask(
    col: Column | str,
    upperChar: Column | str | None = None,  # noqa: N803
    lowerChar: Column | str | None = None,  # noqa: N803
    digitChar: Column | str | None = None,  # noqa: N803
    otherChar: Column | str | None = None,  # noqa: N803
) -> Column:
    """``col`` with letters and digits replaced by masking characters."""
    return call(
        "mask",
        col,
        lit("X") if upperChar is None else upperChar,
        lit("x") if lowerChar is None else lowerChar,
        lit("n") if digitChar is None else digitChar,
        lit(None) if otherChar is None else otherChar,
    )


def quote(col: Column | str) -> Column:
    """The string in single quotes, quotes and backslashes inside escaped."""
    return call("quote", col)


def soundex(col: Column | str) -> Column:
    """The Soundex code of the string."""
    return call("soundex", col)


def levenshtein(left: Column | str, right: Column | str, threshold: int | None = None) -> Column:
    """The Levenshtein distance of two strings (-1 when above ``threshold``)."""
    if threshold is None:
        return call("levenshtein", left, right)
    return call("levenshtein", left, right, _value(threshold))


def jaro_winkler_similarity(left: Column | str, right: Column | str) -> Column:
    """The Jaro-Winkler similarity of two strings, from 0 to 1."""
    return call("jaro_winkler_similarity", left, right)


def sentences(string: Column | str, language: Column | str | None = None, country: Column | str | None = None) -> Column:
    """The string split into sentences of words (not implemented by pyrust)."""
    return call("sentences", *_optional(string, language, country))


def randstr(length: Column | int, seed: Column | int | None = None) -> Column:
    """A random string of ``length`` characters from 0-9a-zA-Z; with a seed, Spark's
    (where pyrust's partitions are Spark's: over ``spark.range``)."""
    return call("randstr", *(_value(item) for item in _optional(length, seed)))


# -- encodings -----------------------------------------------------------------------


def base64(col: Column | str) -> Column:
    """The bytes as base64 text."""
    return call("base64", col)


def unbase64(col: Column | str) -> Column:
    """Base64 text decoded to bytes."""
    return call("unbase64", col)


def to_base32(col: Column | str) -> Column:
    """The bytes as base32 text."""
    return call("to_base32", col)


def from_base32(col: Column | str) -> Column:
    """Base32 text decoded to bytes."""
    return call("from_base32", col)


def encode(col: Column | str, charset: str) -> Column:
    """The string encoded in ``charset``."""
    return call("encode", col, _value(charset))


def decode(col: Column | str, charset: str) -> Column:
    """The bytes decoded from ``charset``."""
    return call("decode", col, _value(charset))


def to_binary(col: Column | str, format: Column | str | None = None) -> Column:  # noqa: A002
    """The string as bytes, read as ``format`` ('hex' by default, 'utf-8', 'base64')."""
    return call("to_binary", *_optional(col, format))


def try_to_binary(col: Column | str, format: Column | str | None = None) -> Column:  # noqa: A002
    """``to_binary``, null where the input is malformed."""
    return call("try_to_binary", *_optional(col, format))


def to_char(col: Column | str, format: Column | str) -> Column:  # noqa: A002
    """The number written by a constant number format (a date or timestamp by a
    datetime pattern, bytes as 'base64', 'hex' or 'utf-8' text).

    >>> to_char("e", lit("$99.99"))
    Column<'to_char(e, $99.99)'>
    """
    return call("to_char", col, format)


def to_varchar(col: Column | str, format: Column | str) -> Column:  # noqa: A002
    """``to_char`` under another name."""
    return call("to_varchar", col, format)


def to_number(col: Column | str, format: Column | str) -> Column:  # noqa: A002
    """The string read as a decimal by a constant number format such as '$99.99'."""
    return call("to_number", col, format)


def try_to_number(col: Column | str, format: Column | str) -> Column:  # noqa: A002
    """``to_number``, null where the string does not match the format."""
    return call("try_to_number", col, format)


def is_valid_utf8(str: Column | str) -> Column:  # noqa: A002
    """Whether the string is valid UTF-8."""
    return call("is_valid_utf8", str)


def make_valid_utf8(str: Column | str) -> Column:  # noqa: A002
    """The string with invalid UTF-8 sequences replaced."""
    return call("make_valid_utf8", str)


def validate_utf8(str: Column | str) -> Column:  # noqa: A002
    """The string, which must be valid UTF-8."""
    return call("validate_utf8", str)


def try_validate_utf8(str: Column | str) -> Column:  # noqa: A002
    """The string if it is valid UTF-8, else null."""
    return call("try_validate_utf8", str)


def collation(col: Column | str) -> Column:
    """The name of the string's collation."""
    return call("collation", col)


def collate(col: Column | str, collation: str) -> Column:
    """The string under another collation (only UTF8_BINARY, the default, in pyrust)."""
    return call("collate", col, _value(collation))


# -- patterns --------------------------------------------------------------------------


def like(str: Column | str, pattern: Column | str, escapeChar: Column | None = None) -> Column:  # noqa: A002, N803
    """Whether ``str`` matches the SQL LIKE ``pattern`` (``escapeChar``, a one-character
    literal, escapes ``_``, ``%`` and itself; ``\\`` by default)."""
    return call("like", *_optional(str, pattern, escapeChar))


def ilike(str: Column | str, pattern: Column | str, escapeChar: Column | None = None) -> Column:  # noqa: A002, N803
    """``like`` of the lower-cased string and pattern."""
    return call("ilike", *_optional(str, pattern, escapeChar))


def rlike(str: Column | str, regexp: Column | str) -> Column:  # noqa: A002
    """Whether a match of the regular expression occurs in ``str``."""
    return call("rlike", str, regexp)


def regexp(str: Column | str, regexp: Column | str) -> Column:  # noqa: A002
    """``rlike`` under another name."""
    return call("regexp", str, regexp)


def regexp_like(str: Column | str, regexp: Column | str) -> Column:  # noqa: A002
    """``rlike`` under another name."""
    return call("regexp_like", str, regexp)


def regexp_count(str: Column | str, regexp: Column | str) -> Column:  # noqa: A002
    """The number of matches of the regular expression."""
    return call("regexp_count", str, regexp)


def regexp_extract(str: Column | str, pattern: str, idx: int) -> Column:  # noqa: A002
    """Group ``idx`` of the first match of ``pattern`` ('' when none)."""
    return call("regexp_extract", str, _value(pattern), _value(idx))


def regexp_extract_all(str: Column | str, regexp: Column | str, idx: int | Column | None = None) -> Column:  # noqa: A002
    """Group ``idx`` of every match of the regular expression."""
    if idx is None:
        return call("regexp_extract_all", str, regexp)
    return call("regexp_extract_all", str, regexp, _value(idx))


def regexp_instr(str: Column | str, regexp: Column | str, idx: int | Column | None = None) -> Column:  # noqa: A002
    """The 1-based position of the first match of the regular expression, 0 when none."""
    if idx is None:
        return call("regexp_instr", str, regexp)
    return call("regexp_instr", str, regexp, _value(idx))


def regexp_replace(string: Column | str, pattern: str | Column, replacement: str | Column, position: int | Column | None = None) -> Column:
    """Every match of ``pattern`` replaced by ``replacement`` (``$1`` names a group).

    >>> regexp_replace("s", r"(\\d+)", "<$1>")
    Column<'regexp_replace(s, (\\d+), <$1>, 1)'>
    """
    return call("regexp_replace", string, *(_value(item) for item in _optional(pattern, replacement, position)))


def regexp_substr(str: Column | str, regexp: Column | str) -> Column:  # noqa: A002
    """The first match of the regular expression, null when none."""
    return call("regexp_substr", str, regexp)


def split(str: Column | str, pattern: str | Column, limit: Column | str | int = -1) -> Column:  # noqa: A002
    """``str`` split around matches of the regular expression ``pattern``."""
    return call("split", str, _value(pattern), _value(limit) if isinstance(limit, int) else limit)


# -- URLs --------------------------------------------------------------------------------


def parse_url(url: Column | str, partToExtract: Column | str, key: Column | str | None = None) -> Column:  # noqa: N803
    """A part of a URL (HOST, PATH, QUERY...), or the value of a query key."""
    return call("parse_url", *_optional(url, partToExtract, key))


def try_parse_url(url: Column | str, partToExtract: Column | str, key: Column | str | None = None) -> Column:  # noqa: N803
    """``parse_url``, null for an invalid URL."""
    return call("try_parse_url", *_optional(url, partToExtract, key))


def url_encode(str: Column | str) -> Column:  # noqa: A002
    """The string in application/x-www-form-urlencoded form."""
    return call("url_encode", str)


def url_decode(str: Column | str) -> Column:  # noqa: A002
    """application/x-www-form-urlencoded text decoded."""
    return call("url_decode", str)


def try_url_decode(str: Column | str) -> Column:  # noqa: A002
    """``url_decode``, null for malformed input."""
    return call("try_url_decode", str)
