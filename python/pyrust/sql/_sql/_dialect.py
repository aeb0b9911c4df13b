"""Spark SQL text → a syntax tree, with sqlglot as a parser only.

sqlglot's Spark dialect parses what Spark's grammar accepts (measured in
docs/sql.md), but it also *rewrites* while parsing: functions become its own
typed nodes (``ucase`` → ``Upper``), ``1L`` becomes a cast. Meaning is ours to
give (the analyzer's function table and Spark's typing), so this dialect keeps
the text as written:

- every ordinary call stays ``Anonymous(name, args)``; only calls with their own
  grammar (``CAST(x AS t)``, ``TRIM(BOTH ...)``, ``EXTRACT(f FROM x)``, ...)
  keep sqlglot's nodes;
- a typed number (``1L``, ``2S``, ``1.5BD``, ``1D``) stays one number token,
  whose suffix the binder reads (sqlglot's tokenizer splits it into a cast).

Syntax errors become Spark's ``ParseException`` (``PARSE_SYNTAX_ERROR`` with
line, position and the ``== SQL ==`` excerpt).
"""

from __future__ import annotations

import logging

import sqlglot
from sqlglot import exp
from sqlglot.dialects.spark import Spark
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import Token, TokenType

from pyrust.errors import ParseException

# sqlglot logs a warning when it keeps a statement as text (SHOW ...); the binder decides.
logging.getLogger("sqlglot").setLevel(logging.ERROR)

# Calls whose arguments have their own grammar; every other name is a plain call.
_SPECIAL_SYNTAX = ("CAST", "TRY_CAST", "EXTRACT", "TRIM", "POSITION", "SUBSTRING", "SUBSTR", "OVERLAY")


class PySparkSQL(Spark):
    """Spark's grammar, without sqlglot's semantic rewrites."""

    class Tokenizer(Spark.Tokenizer):
        # `RESET key` is kept as text, like SHOW, for the statement table.
        KEYWORDS = {**Spark.Tokenizer.KEYWORDS, "RESET": TokenType.COMMAND}

        def tokenize(self, sql: str) -> list[Token]:
            tokens = super().tokenize(sql)
            kept: list[Token] = []
            index = 0
            while index < len(tokens):
                token = tokens[index]
                # sqlglot writes `1L` as NUMBER `1`, DCOLON, BIGINT `L`, all at the number's
                # position; `1::bigint` has its own DCOLON position. Keep `1L` as one number.
                typed_number = (
                    token.token_type == TokenType.NUMBER
                    and index + 2 < len(tokens)
                    and tokens[index + 1].token_type == TokenType.DCOLON
                    and tokens[index + 1].start == token.start
                )
                if typed_number:
                    token.text += tokens[index + 2].text
                    index += 3
                else:
                    index += 1
                kept.append(token)
            return kept

    class Parser(Spark.Parser):
        FUNCTIONS: dict = {}
        FUNCTION_PARSERS = {name: parser for name, parser in Spark.Parser.FUNCTION_PARSERS.items() if name in _SPECIAL_SYNTAX}


def parse_statements(text: str) -> list[exp.Expr]:
    """The statements of ``text``, or a ParseException pointing into it."""
    return [statement for statement in _parse(text, text, 0) if statement is not None]


def parse_expression(text: str) -> exp.Expr:
    """One expression (``F.expr``, ``selectExpr``, ``filter`` strings)."""
    prefix = "SELECT "
    statements = _parse(prefix + text, text, len(prefix))
    select = statements[0] if len(statements) == 1 else None
    clauses = [key for key, value in select.args.items() if value] if isinstance(select, exp.Select) else []
    if clauses != ["expressions"] or len(select.expressions) != 1:
        raise ParseException(
            errorClass="PARSE_SYNTAX_ERROR",
            messageParameters={"error": _first_word(text), "hint": ""},
            query=text,
            line=1,
            pos=0,
        )
    return select.expressions[0]


def _parse(source: str, text: str, shift: int) -> list[exp.Expr | None]:
    """Parse ``source``, whose part the user wrote (``text``) starts at ``shift``."""
    try:
        return sqlglot.parse(source, read=PySparkSQL, error_level=sqlglot.ErrorLevel.RAISE)
    except ParseError as error:
        raise _parse_exception(text, error, shift) from None
    except TokenError:
        raise ParseException(
            errorClass="PARSE_SYNTAX_ERROR",
            messageParameters={"error": "end of input", "hint": ""},
            query=text,
            line=1,
            pos=0,
        ) from None


def _parse_exception(text: str, error: ParseError, shift: int) -> ParseException:
    detail = error.errors[0] if error.errors else {}
    line = int(detail.get("line") or 1)
    highlight = detail.get("highlight") or ""
    end_column = int(detail.get("col") or 0)
    missing = "missing" in (detail.get("description") or "") or not highlight.strip()
    at_end = missing and not (detail.get("end_context") or "").strip()
    near = "end of input" if at_end else f"'{highlight}'"
    return ParseException(
        errorClass="PARSE_SYNTAX_ERROR",
        messageParameters={"error": near, "hint": ""},
        query=text,
        line=line,
        pos=max(end_column - len(highlight) - (shift if line == 1 else 0), 0),
    )


def _first_word(text: str) -> str:
    words = text.split()
    return f"'{words[0]}'" if words else "end of input"
