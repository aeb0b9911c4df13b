"""The DDL reader behind ``pyrust.sql.types._parse_datatype_string``.

PySpark parses a schema string by asking the JVM three times: as a column
list (``"a INT, b STRING"``), as one data type (``"array<int>"``), and as the
inside of a struct (``"a: int, b: string"``).  When all three fail it reports
the error of the first attempt.  The recursive-descent parser here does the
same, and imitates where Spark's ANTLR parser reports syntax errors and which
of them carry an "extra input" or "missing" hint.

:mod:`pyrust.sql.types` re-exports :func:`parse_datatype_string` under
PySpark's name; this module imports the type classes from there.
"""

from __future__ import annotations

import re
from typing import Any

from pyrust.errors import (
    ArithmeticException,
    ParseException,
    PySparkException,
    PySparkNotImplementedError,
    PySparkTypeError,
    PySparkValueError,
)
from pyrust.sql._spatial import GeographyType, GeometryType, SpatialType
from pyrust.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    CalendarIntervalType,
    CharType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    TimeType,
    VarcharType,
    VariantType,
    _MAX_PRECISION,
    _ansi_interval,
)


class _Token:
    __slots__ = ("kind", "text", "value", "start")

    def __init__(self, kind: str, text: str, start: int, value: Any = None) -> None:
        # kind: "word", "quoted" (backticks), "int", "number", "string",
        # "punct", "eof" or "bad" (a character the lexer cannot handle).
        self.kind = kind
        self.text = text
        self.start = start
        self.value = value

    def is_punct(self, text: str) -> bool:
        return self.kind == "punct" and self.text == text

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.lower() in words

    def describe(self) -> str:
        return "end of input" if self.kind == "eof" else f"'{self.text}'"


_PUNCTUATION = ("<=>", "<>", "<=", ">=", "!=", "==", "::", "||", "->", "=>")
_NUMBER = re.compile(r"\d+(\.\d*)?([eE][+-]?\d+)?[LlSsYyDdFf]?|\d+(\.\d*)?([eE][+-]?\d+)?[Bb][Dd]")


def _is_word_char(char: str) -> bool:
    return char == "_" or char.isalnum()


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif text.startswith("--", i):
            newline = text.find("\n", i)
            i = n if newline < 0 else newline + 1
        elif text.startswith("/*", i):
            # Bracketed comments nest in Spark SQL.
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            if depth:
                raise ParseException(errorClass="UNCLOSED_BRACKETED_COMMENT", messageParameters={}, query=text)
        elif char == "`":
            j, parts = i + 1, []
            while j < n:
                if text[j] == "`":
                    if j + 1 < n and text[j + 1] == "`":
                        parts.append("`")
                        j += 2
                        continue
                    break
                parts.append(text[j])
                j += 1
            if j >= n:
                tokens.append(_Token("bad", char, i))
                i += 1
            else:
                tokens.append(_Token("quoted", text[i : j + 1], i, "".join(parts)))
                i = j + 1
        elif char in "'\"":
            j, parts = i + 1, []
            while j < n:
                if text[j] == char:
                    # A doubled quote stands for one quote character.
                    if j + 1 < n and text[j + 1] == char:
                        parts.append(char)
                        j += 2
                        continue
                    break
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                parts.append(text[j])
                j += 1
            if j >= n:
                tokens.append(_Token("bad", char, i))
                i += 1
            else:
                tokens.append(_Token("string", text[i : j + 1], i, "".join(parts)))
                i = j + 1
        elif _is_word_char(char):
            j = i
            while j < n and _is_word_char(text[j]):
                j += 1
            if text[i:j].isdigit() and j < n and text[j] == ".":
                # A decimal literal such as 1.5 or 1.5e3 is one token.
                j += 1
                while j < n and _is_word_char(text[j]):
                    j += 1
            word = text[i:j]
            if word.isascii() and word.isdigit():
                tokens.append(_Token("int", word, i, int(word)))
            elif word.isascii() and _NUMBER.fullmatch(word):
                tokens.append(_Token("number", word, i))
            else:
                tokens.append(_Token("word", word, i))
            i = j
        else:
            for punct in _PUNCTUATION:
                if text.startswith(punct, i):
                    tokens.append(_Token("punct", punct, i))
                    i += len(punct)
                    break
            else:
                tokens.append(_Token("punct", char, i))
                i += 1
    tokens.append(_Token("eof", "<EOF>", n))
    return tokens


class _SyntaxProblem(Exception):
    """Internal: a syntax error at ``token``; turned into a ParseException later."""

    def __init__(self, token: _Token, hint: str = "") -> None:
        super().__init__(token.text)
        self.token = token
        self.hint = hint


_DECIMAL_NAMES = ("decimal", "dec", "numeric")
_CHAR_NAMES = ("char", "character", "varchar")
_SIMPLE_TYPES: dict[str, type[DataType]] = {
    "boolean": BooleanType,
    "tinyint": ByteType,
    "byte": ByteType,
    "smallint": ShortType,
    "short": ShortType,
    "int": IntegerType,
    "integer": IntegerType,
    "bigint": LongType,
    "long": LongType,
    "float": FloatType,
    "real": FloatType,
    "double": DoubleType,
    "date": DateType,
    "timestamp": TimestampType,
    "timestamp_ltz": TimestampType,
    "timestamp_ntz": TimestampNTZType,
    "string": StringType,
    "binary": BinaryType,
    "void": NullType,
    "variant": VariantType,
}
# Types Spark knows but PyRust does not support; naming them is not a typo.
_KNOWN_UNSUPPORTED = ("interval",)
_SPATIAL_TYPES: dict[str, type[SpatialType]] = {"geometry": GeometryType, "geography": GeographyType}
_BUILTIN_TYPE_WORDS = frozenset(_SIMPLE_TYPES) | frozenset(
    (*_DECIMAL_NAMES, *_CHAR_NAMES, *_KNOWN_UNSUPPORTED, *_SPATIAL_TYPES, "time")
)
_INTERVAL_UNITS = ("year", "month", "day", "hour", "minute", "second")
# Operators that, right after a built-in type name, Spark reports without hint.
_OPERATOR_PUNCTUATION = frozenset(
    (";", ")", "]", "[", "=", "*", "+", ".", ":", "<", ">", "-", "/", "&", "^", "%", "==", "<>", "::")
    + ("<=", ">=", "!=", "<=>", "||")
)


class _DDLParser:
    """Recursive-descent parser for one attempt at reading ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0
        # Spark reports semantic problems (unknown type, bad decimal) only
        # when the whole text is syntactically valid, so the first one is
        # kept here and raised after parsing succeeds.
        self.deferred: PySparkException | None = None
        self.complex_depth = 0
        # The '<' of the last complete top-level complex type, which Spark
        # blames for some errors that follow it.
        self.last_complex_open: _Token | None = None

    # -- token helpers ------------------------------------------------------------

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        token = self.peek()
        self.index = min(self.index + 1, len(self.tokens) - 1)
        return token

    def previous(self) -> _Token | None:
        return self.tokens[self.index - 1] if self.index else None

    def expect_punct(self, text: str) -> _Token:
        if not self.peek().is_punct(text):
            raise _SyntaxProblem(self.peek())
        return self.advance()

    def position(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1)

    def parse_exception(self, token: _Token, condition: str, parameters: dict[str, str]) -> ParseException:
        line, pos = self.position(token.start)
        return ParseException(errorClass=condition, messageParameters=parameters, query=self.text, line=line, pos=pos)

    def defer(self, error: PySparkException) -> None:
        if self.deferred is None:
            self.deferred = error

    def finish(self, result: DataType) -> DataType:
        if self.deferred is not None:
            raise self.deferred
        return result

    # -- grammar ----------------------------------------------------------------

    def parse_schema(self) -> StructType:
        """``colName dataType [NOT NULL] [COMMENT 'text'] (, ...)*``"""
        fields: list[StructField] = []
        if self.peek().kind != "eof":
            fields.append(self.column(allow_colon=False))
            while True:
                token = self.peek()
                if token.is_punct(","):
                    self.advance()
                    fields.append(self.column(allow_colon=False))
                elif token.kind == "eof":
                    break
                else:
                    raise self.unexpected_after_column(token)
        return self.finish(StructType(fields))

    def parse_single_type(self) -> DataType:
        result = self.data_type()
        if self.peek().kind != "eof":
            raise _SyntaxProblem(self.peek())
        return self.finish(result)

    def unexpected_after_column(self, token: _Token) -> _SyntaxProblem:
        # Where ANTLR reports a stray token after a column was mapped out by
        # trying many inputs against Spark 4.3.  Broadly: a token that could
        # simply be dropped (it is followed by ',' or the end) is "extra
        # input", except that after a bare built-in type name, words and
        # operators are plain errors, and that literals after a complex type
        # make Spark blame the type's '<'.
        previous = self.previous()
        if token.is_punct("|"):
            return _SyntaxProblem(token)
        if token.is_word("collate") and previous is not None and previous.is_word("string"):
            return self.droppable(token)
        if self.last_complex_open is not None and previous is not None and previous.is_punct(">"):
            if token.kind in ("int", "number", "string") or token.text in ("*", "?", "~"):
                return _SyntaxProblem(self.last_complex_open)
            problem = self.droppable(token)
            return problem if problem.hint else _SyntaxProblem(self.last_complex_open)
        if previous is not None and previous.is_word(*_BUILTIN_TYPE_WORDS):
            if token.kind in ("word", "quoted") or (token.kind == "punct" and token.text in _OPERATOR_PUNCTUATION):
                return _SyntaxProblem(token)
        return self.droppable(token)

    def droppable(self, token: _Token) -> _SyntaxProblem:
        following = self.peek(1) if token is self.peek() else None
        if following is not None and (following.kind == "eof" or following.is_punct(",")):
            return _SyntaxProblem(token, f": extra input '{token.text}'")
        return _SyntaxProblem(token)

    def droppable_paren(self, open_paren: _Token) -> _SyntaxProblem:
        # "int(" at the very end is "extra input '('"; "int()" is plain.
        following = self.peek()
        if following.kind == "eof" or following.is_punct(","):
            return _SyntaxProblem(open_paren, f": extra input '{open_paren.text}'")
        return _SyntaxProblem(open_paren)

    def identifier(self) -> str:
        token = self.peek()
        if token.kind == "quoted":
            self.advance()
            return token.value
        if token.kind != "word":
            raise _SyntaxProblem(token)
        self.advance()
        name = token.text
        # Spark reads "a-b" as an identifier only to reject it clearly.
        if self.peek().is_punct("-") and self.peek(1).kind in ("word", "int"):
            minus = self.peek()
            pieces = [name]
            while self.peek().is_punct("-") and self.peek(1).kind in ("word", "int"):
                self.advance()
                pieces.append(self.advance().text)
            raise self.parse_exception(minus, "INVALID_IDENTIFIER", {"ident": "-".join(pieces)})
        if not name.isascii():
            raise self.parse_exception(token, "INVALID_IDENTIFIER", {"ident": name})
        return name

    def column(self, allow_colon: bool) -> StructField:
        name = self.identifier()
        if allow_colon and self.peek().is_punct(":"):
            self.advance()
        data_type = self.data_type()
        nullable = True
        # Spark's lexer reads '!' as NOT.
        if self.peek().is_word("not") or self.peek().is_punct("!"):
            self.advance()
            token = self.peek()
            if token.is_word("null"):
                self.advance()
            elif token.kind == "eof" or token.is_punct(",") or token.is_punct(">"):
                raise _SyntaxProblem(token, ": missing 'NULL'")
            else:
                raise _SyntaxProblem(token)
            nullable = False
        metadata = None
        if self.peek().is_word("comment"):
            self.advance()
            if self.peek().kind != "string":
                raise _SyntaxProblem(self.peek())
            # Adjacent string literals are concatenated, as in SQL.
            text = ""
            while self.peek().kind == "string":
                text += self.advance().value
            metadata = {"comment": text}
        return StructField(name, data_type, nullable, metadata)

    def data_type(self) -> DataType:
        token = self.peek()
        if token.kind != "word":
            raise _SyntaxProblem(token)
        name = token.text.lower()
        if name in ("array", "map", "struct") and self.peek(1).is_punct("<"):
            return self.complex_type()
        if name == "struct" and self.peek(1).is_punct("<>"):
            # The lexer reads "struct<>" as STRUCT followed by a '<>' operator.
            self.advance()
            self.advance()
            return StructType([])
        self.advance()
        if name == "interval":
            return self.interval_type(token)
        if name in _SPATIAL_TYPES:
            return self.spatial_type(_SPATIAL_TYPES[name])
        if name == "string" and self.peek().is_word("collate") and self.peek(1).kind in ("word", "quoted"):
            self.advance()
            self.identifier()
            self.defer(_not_implemented("Collated string types"))
            return StringType()
        parameters: list[int] | None = None
        if self.peek().is_punct("("):
            open_paren = self.advance()
            if self.peek().kind != "int":
                raise _SyntaxProblem(self.peek()) if name in _DECIMAL_NAMES else self.droppable_paren(open_paren)
            parameters = [self.advance().value]
            while self.peek().is_punct(","):
                self.advance()
                if self.peek().kind != "int":
                    raise _SyntaxProblem(self.peek())
                parameters.append(self.advance().value)
            self.expect_punct(")")
        return self.primitive_type(token, name, parameters)

    def spatial_type(self, kind: type[SpatialType]) -> DataType:
        """``GEOMETRY(srid)`` / ``GEOGRAPHY(srid)``: an SRID Spark knows for the kind, or ``ANY``."""
        open_paren = self.expect_punct("(")
        argument = self.advance()
        self.expect_punct(")")
        if argument.is_word("any"):
            return kind("ANY")
        if argument.kind == "int" and kind._crs_of(argument.value) is not None:
            return kind(argument.value)
        # Spark rejects an SRID it does not know as a syntax error at the '('.
        raise _SyntaxProblem(open_paren)

    def interval_type(self, token: _Token) -> DataType:
        if not self.peek().is_word(*_INTERVAL_UNITS):
            return CalendarIntervalType()
        start = end = self.advance().text.lower()
        if self.peek().is_word("to") and self.peek(1).is_word(*_INTERVAL_UNITS):
            self.advance()
            end = self.advance().text.lower()
        try:
            return _ansi_interval(start, end)
        except (PySparkValueError, PySparkException):
            text = f"INTERVAL {start.upper()}" + ("" if start == end else f" TO {end.upper()}")
            self.defer(_not_implemented(f"Data type {text}"))
            return NullType()

    def primitive_type(self, token: _Token, name: str, parameters: list[int] | None) -> DataType:
        def unsupported() -> DataType:
            shown = token.text.upper()
            if parameters is not None:
                shown += "(" + ",".join(str(p) for p in parameters) + ")"
            self.defer(self.parse_exception(token, "UNSUPPORTED_DATATYPE", {"typeName": f'"{shown}"'}))
            return NullType()

        if name in _SIMPLE_TYPES and parameters is None:
            return _SIMPLE_TYPES[name]()
        if name in _DECIMAL_NAMES:
            if parameters is None:
                return DecimalType()
            if len(parameters) > 2:
                return unsupported()
            precision = parameters[0]
            scale = parameters[1] if len(parameters) > 1 else 0
            if precision > _MAX_PRECISION:
                self.defer(
                    ArithmeticException(
                        errorClass="DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                        messageParameters={"precision": str(precision), "maxPrecision": str(_MAX_PRECISION)},
                    )
                )
            elif scale > precision:
                # Spark reports this one with the text but without a position.
                self.defer(
                    ParseException(
                        errorClass="DECIMAL_SCALE_EXCEEDS_PRECISION",
                        messageParameters={"scale": str(scale), "precision": str(precision)},
                        query=self.text,
                    )
                )
            return DecimalType(precision, scale)
        if name in _CHAR_NAMES:
            if parameters is None:
                self.defer(self.parse_exception(token, "DATATYPE_MISSING_SIZE", {"type": f'"{name.upper()}"'}))
                return StringType()
            if len(parameters) > 1:
                return unsupported()
            # DataFrames hold them as strings: see types._replace_char_varchar.
            return (VarcharType if name == "varchar" else CharType)(parameters[0])
        if name == "time" and parameters in (None, [6]):
            return TimeType()
        if name == "time" and parameters is not None and len(parameters) == 1 and 0 <= parameters[0] < 6:
            self.defer(_not_implemented(f"Data type {token.text.upper()}({parameters[0]})"))
            return NullType()
        if name in _KNOWN_UNSUPPORTED or (name.startswith("timestamp") and parameters is not None):
            self.defer(_not_implemented(f"Data type {token.text.upper()}"))
            return NullType()
        return unsupported()

    def complex_type(self) -> DataType:
        keyword = self.advance().text.lower()
        open_angle = self.advance()
        self.complex_depth += 1
        try:
            if keyword == "array":
                result: DataType = ArrayType(self.data_type())
            elif keyword == "map":
                key = self.data_type()
                self.expect_punct(",")
                result = MapType(key, self.data_type())
            else:
                fields: list[StructField] = []
                if not self.peek().is_punct(">"):
                    fields.append(self.column(allow_colon=True))
                    while self.peek().is_punct(","):
                        self.advance()
                        fields.append(self.column(allow_colon=True))
                result = StructType(fields)
            self.expect_punct(">")
        except _SyntaxProblem:
            # Spark cannot even decide that this is a complex type, so it
            # reports the '<' of the outermost one.
            if self.complex_depth == 1:
                raise _SyntaxProblem(open_angle) from None
            raise
        finally:
            self.complex_depth -= 1
        if self.complex_depth == 0:
            self.last_complex_open = open_angle
        return result


def _not_implemented(feature: str) -> PySparkNotImplementedError:
    return PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


def parse_datatype_string(s: str) -> DataType:
    """Parse ``s`` as :func:`pyrust.sql.types._parse_datatype_string` documents."""
    if not isinstance(s, str):
        raise PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"arg_name": "s", "expected_type": "str", "arg_type": type(s).__name__},
        )
    attempts = (
        lambda: _DDLParser(s).parse_schema(),
        lambda: _DDLParser(s).parse_single_type(),
        lambda: _DDLParser(f"struct<{s.strip()}>").parse_single_type(),
    )
    first_error: Exception | None = None
    not_implemented: PySparkNotImplementedError | None = None
    for attempt in attempts:
        try:
            return attempt()
        except _SyntaxProblem as problem:
            error: Exception = problem
        except PySparkException as exc:
            error = exc
            if isinstance(exc, PySparkNotImplementedError) and not_implemented is None:
                not_implemented = exc
        if first_error is None:
            first_error = error
    # A well-formed type PyRust lacks is more useful to report than the
    # syntax error of the column-list reading.
    if not_implemented is not None:
        raise not_implemented
    if isinstance(first_error, _SyntaxProblem):
        token = first_error.token
        raise _DDLParser(s).parse_exception(
            token, "PARSE_SYNTAX_ERROR", {"error": token.describe(), "hint": first_error.hint}
        ) from None
    raise first_error  # type: ignore[misc]  # every attempt failed, so it is set
