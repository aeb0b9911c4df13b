"""Spark's datetime patterns (``yyyy-MM-dd HH:mm:ss``) as chrono formats.

``date_format``, ``to_timestamp``, ``to_date``, ``unix_timestamp`` and
``from_unixtime`` take Spark's pattern letters (Java's ``DateTimeFormatter``
with Spark's restrictions); the engine reads and writes with chrono's
``strftime`` items. A pattern Spark refuses is refused with Spark's error; a
valid one whose letters chrono cannot render exactly raises NOT_IMPLEMENTED.
"""

from __future__ import annotations

from pyrust import errors
from pyrust.sql._bound import not_implemented

# Letters Spark 3+ refuses because they are week-based.
_WEEK_BASED = set("YWwuec")
# Letters Java's formatter knows but Spark refuses.
_UNSUPPORTED = set("AnNpB")
# Every letter Java's formatter knows.
_KNOWN = set("GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZp")

# letter -> {count: chrono item}; counts not listed are not translated.
_ITEMS: dict[str, dict[int, str]] = {
    "y": {1: "%Y", 2: "%y", 3: "%Y", 4: "%Y"},
    "M": {1: "%-m", 2: "%m", 3: "%b", 4: "%B"},
    "L": {1: "%-m", 2: "%m", 3: "%b", 4: "%B"},
    "d": {1: "%-d", 2: "%d"},
    "D": {1: "%-j", 3: "%j"},
    "E": {1: "%a", 2: "%a", 3: "%a", 4: "%A"},
    "a": {1: "%p"},
    "H": {1: "%-H", 2: "%H"},
    "h": {1: "%-I", 2: "%I"},
    "m": {1: "%-M", 2: "%M"},
    "s": {1: "%-S", 2: "%S"},
    "S": {3: "%3f", 6: "%6f", 9: "%9f"},
    "Z": {1: "%z", 2: "%z", 3: "%z"},
}


# Letters Java's legacy ``SimpleDateFormat`` knows. A pattern Spark's formatter
# refuses but the legacy one reads is reported as a change since Spark 3.0.
_LEGACY = set("GyYMLwWDdFEuaHkKhmsSzZX")


def _refused(error: errors.PySparkException, pattern: str) -> errors.PySparkException:
    letters = {character for character in _unquoted(pattern) if character.isascii() and character.isalpha()}
    if letters <= _LEGACY:
        return errors.SparkUpgradeException(
            errorClass="INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
            messageParameters={
                "pattern": f"'{pattern}'",
                "config": '"spark.sql.legacy.timeParserPolicy"',
                "docroot": "https://spark.apache.org/docs/4.3.0",
            },
        )
    return error


def _unquoted(pattern: str) -> str:
    return "".join(part for index, part in enumerate(pattern.split("'")) if index % 2 == 0)


def _illegal(letter: str, pattern: str) -> errors.IllegalArgumentException:
    return errors.IllegalArgumentException(
        errorClass="INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
        messageParameters={"c": letter, "pattern": pattern},
    )


def _week_based(letter: str) -> errors.IllegalArgumentException:
    return errors.IllegalArgumentException(
        errorClass="INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
        messageParameters={"c": letter},
    )


def to_chrono(pattern: str) -> str:
    """The chrono format of a Spark datetime pattern."""
    for character in _unquoted(pattern):
        if character in _WEEK_BASED:
            raise _refused(_week_based(character), pattern)
    for character in _unquoted(pattern):
        if character.isascii() and character.isalpha() and (character in _UNSUPPORTED or character not in _KNOWN):
            raise _refused(_illegal(character, pattern), pattern)
    out: list[str] = []
    index = 0
    while index < len(pattern):
        character = pattern[index]
        if character == "'":
            end = index + 1
            text = []
            while True:
                if end >= len(pattern):
                    raise _illegal("'", pattern)
                if pattern[end] == "'":
                    if end + 1 < len(pattern) and pattern[end + 1] == "'":
                        text.append("'")
                        end += 2
                        continue
                    break
                text.append(pattern[end])
                end += 1
            out.append("'" if end == index + 1 else "".join(text).replace("%", "%%"))
            index = end + 1
            continue
        if character.isascii() and character.isalpha():
            count = 1
            while index + count < len(pattern) and pattern[index + count] == character:
                count += 1
            if character in _WEEK_BASED:
                raise _refused(_week_based(character), pattern)
            if character in _UNSUPPORTED or character not in _KNOWN:
                raise _refused(_illegal(character, pattern), pattern)
            item = _ITEMS.get(character, {}).get(count)
            if item is None:
                raise not_implemented(f"the datetime pattern letter {character * count}")
            out.append(item)
            index += count
            continue
        if character in "[]{}#":
            raise not_implemented(f"the datetime pattern character {character}")
        out.append("%%" if character == "%" else character)
        index += 1
    return "".join(out)


# The date and time pattern options of the JSON, CSV and XML functions, and
# the names the engine reads them under.
_FORMAT_OPTIONS = (
    ("dateformat", "dateFormat"),
    ("timestampformat", "timestampFormat"),
    ("timestampntzformat", "timestampNTZFormat"),
)


def datetime_format_options(options: dict[str, str]) -> dict[str, str]:
    """The given pattern options (keys lower-cased) as the engine reads them: chrono patterns."""
    return {engine_name: to_chrono(options[option]) for option, engine_name in _FORMAT_OPTIONS if option in options}
