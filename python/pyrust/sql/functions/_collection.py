"""Array, map and struct (and generators) functions."""

from __future__ import annotations

__all__: list[str] = []
