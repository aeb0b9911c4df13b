"""Window (ranking and offset) functions."""

from __future__ import annotations
