"""Math, bitwise and decimal functions."""

from __future__ import annotations

__all__: list[str] = []
