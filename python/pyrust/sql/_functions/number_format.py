"""Spark's number format strings (``ToNumberParser``) as the analyzer checks them.

``to_number``, ``try_to_number`` and ``to_char`` take a constant format of
``0``/``9`` (digits), ``.``/``D``, ``,``/``G``, ``$``, ``S``, ``MI`` and ``PR``
(case-insensitive). Spark rejects a malformed one while analyzing, with
``INVALID_FORMAT.*``, and derives ``to_number``'s result type from it:
``decimal(digits, digits after the point)``. The engine reads and writes
values by the same tokens (``runtime/src/functions/string/number_format.rs``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pyrust.sql._bound import analysis_error


@dataclass(frozen=True)
class _Token:
    """One token: ``kind`` and, for digit groups, their items (``("exactly"|"at_most", n)`` or ``("separator", 0)``)."""

    kind: str
    items: tuple[tuple[str, int], ...] = ()
    character: str = ""

    def describe(self) -> str:
        """As Spark's ``toString`` shows it in error messages."""
        return {
            "digits": "digit sequence",
            "point": ". or D",
            "dollar": "$",
            "sign": "S",
            "minus": "MI",
            "open": "PR",
            "close": "PR",
        }.get(self.kind, f"character '{self.character}''")


def _tokens(text: str) -> list[_Token]:
    flat: list[_Token] = []
    index = 0
    after_point = False
    while index < len(text):
        character = text[index]
        if character in "09":
            end = index + 1
            while end < len(text) and text[end] in "09":
                end += 1
            kind = "exactly" if character == "0" and not after_point else "at_most"
            flat.append(_Token("digits", ((kind, end - index),)))
            index = end
            continue
        if character in ".D":
            flat.append(_Token("point"))
            after_point = True
        elif character in ",G":
            flat.append(_Token("digits", (("separator", 0),)))
        elif character == "$":
            flat.append(_Token("dollar"))
        elif character == "S":
            flat.append(_Token("sign"))
        elif character == "M" and text[index + 1 : index + 2] == "I":
            flat.append(_Token("minus"))
            index += 1
        elif character == "P" and text[index + 1 : index + 2] == "R":
            flat.insert(0, _Token("open"))
            flat.append(_Token("close"))
            index += 1
        else:
            flat.append(_Token("character", character=character))
        index += 1
    tokens: list[_Token] = []
    for token in flat:
        if token.kind == "digits" and tokens and tokens[-1].kind == "digits":
            tokens[-1] = _Token("digits", tokens[-1].items + token.items)
        else:
            tokens.append(token)
    return tokens


def _sql_string(text: str) -> str:
    """A string as Spark's ``toSQLValue`` shows it."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _index(tokens: list[_Token], kind: str) -> int:
    return next((index for index, token in enumerate(tokens) if token.kind == kind), -1)


def check(format_text: str) -> tuple[int, int]:
    """The precision and scale of ``format_text`` (upper-cased), or Spark's
    ``INVALID_FORMAT`` error for it, checked in Spark's order."""
    tokens = _tokens(format_text)
    shown = _sql_string(format_text)

    def invalid(condition: str, **parameters: str):
        return analysis_error(f"INVALID_FORMAT.{condition}", **parameters, format=shown)

    if not format_text:
        raise invalid("EMPTY")
    first_digits = _index(tokens, "digits")
    if first_digits == -1:
        raise invalid("WRONG_NUM_DIGIT")
    first_dollar = _index(tokens, "dollar")
    if first_digits < first_dollar:
        raise invalid("CUR_MUST_BEFORE_DIGIT")
    first_point = _index(tokens, "point")
    if first_point != -1 and first_point < first_dollar:
        raise invalid("CUR_MUST_BEFORE_DEC")
    for index, token in enumerate(tokens):
        if token.kind != "digits":
            continue
        separators = [kind == "separator" for kind, _ in token.items]
        if first_point == -1 or index < first_point:
            last = len(separators) - 1
            if any(
                separator and (position in (0, last) or separators[position - 1] or separators[position + 1])
                for position, separator in enumerate(separators)
            ):
                raise invalid("CONT_THOUSANDS_SEPS")
        elif index > first_point and any(separators):
            raise invalid("THOUSANDS_SEPS_MUST_BEFORE_DEC")
    for kind in ("point", "sign", "minus", "dollar", "close"):
        matching = [token for token in tokens if token.kind == kind]
        if len(matching) > 1:
            raise invalid("WRONG_NUM_TOKEN", token=matching[0].describe())
    # [PR] [MI | S] [$] [digits] [.] [digits] [$] [PR | MI | S], each optional, in this order.
    allowed = [{"open"}, {"minus", "sign"}, {"dollar"}, {"digits"}, {"point"}, {"digits"}, {"dollar"}, {"minus", "sign", "close"}]
    position = 0
    for kinds in allowed:
        if position < len(tokens) and tokens[position].kind in kinds:
            position += 1
    if position < len(tokens):
        raise invalid("UNEXPECTED_TOKEN", token=tokens[position].describe())
    digits_before = digits_after = 0
    after_point = False
    for token in tokens:
        if token.kind == "point":
            after_point = True
        elif token.kind == "digits":
            count = sum(count for _, count in token.items)
            if after_point:
                digits_after += count
            else:
                digits_before += count
    return digits_before + digits_after, digits_after
