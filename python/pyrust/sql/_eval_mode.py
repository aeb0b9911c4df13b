"""Spark's evaluation mode: what arithmetic and casts do with values they cannot represent.

``spark.sql.ansi.enabled`` (true by default in Spark 4) picks one of two modes:

=================================  ==============================  ============================
                                   ANSI                            legacy (ANSI off)
=================================  ==============================  ============================
integer ``+ - *``, unary ``-``     ARITHMETIC_OVERFLOW             wraps, as Java's ``int``
``/`` and ``%`` by zero            DIVIDE_BY_ZERO /                NULL (``1.0 / 0.0`` too)
                                   REMAINDER_BY_ZERO
``sum`` of integers                ARITHMETIC_OVERFLOW             wraps
``CAST`` of a malformed string     CAST_INVALID_INPUT              NULL (``'12.5'`` as an integer
                                                                   is 12)
``CAST`` of an out-of-range value  CAST_OVERFLOW / NUMERIC_...     wraps (integers), saturates
                                                                   (floating point), NULL
                                                                   (decimals)
=================================  ==============================  ============================

Spark binds the mode when it analyses an expression, i.e. when the DataFrame
is built (``Add(..., evalMode = EvalMode.fromSQLConf(conf))``), so the
analyzer reads the setting once, at creation, and writes it into the plan as
Substrait function options and cast failure behaviours; the engine honours
those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from pyrust.sql.session import RuntimeConfig

ANSI_ENABLED = "spark.sql.ansi.enabled"

# Substrait function options per rule, in each mode
# (https://substrait.io/extensions/functions_arithmetic/).
_ANSI_OPTIONS = {
    # add, subtract, multiply and negate on integers
    "overflow": {"overflow": "ERROR"},
    "divide": {"on_division_by_zero": "ERROR"},
    # the standard modulus (integers) calls a zero divisor a domain error
    "integral_modulus": {"division_type": "TRUNCATE", "overflow": "ERROR", "on_domain_error": "ERROR"},
    # ours (functions_spark.yaml), for floating point
    "fractional_modulus": {"on_division_by_zero": "ERROR"},
}
_LEGACY_OPTIONS = {
    "overflow": {"overflow": "SILENT"},
    "divide": {"on_division_by_zero": "NULL"},
    "integral_modulus": {"division_type": "TRUNCATE", "overflow": "SILENT", "on_domain_error": "NULL"},
    "fractional_modulus": {"on_division_by_zero": "NULL"},
}


@dataclass(frozen=True)
class EvalMode:
    """ANSI or legacy evaluation, as ``spark.sql.ansi.enabled`` was when a DataFrame was built."""

    ansi: bool = True

    @staticmethod
    def from_conf(conf: RuntimeConfig) -> EvalMode:
        return EvalMode(ansi=conf.value(ANSI_ENABLED))

    def options(self, rule: str) -> dict[str, str]:
        """The Substrait function options of ``rule`` (a key of the tables above) in this mode."""
        return (_ANSI_OPTIONS if self.ansi else _LEGACY_OPTIONS)[rule]
