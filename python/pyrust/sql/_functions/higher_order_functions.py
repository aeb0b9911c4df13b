"""Higher-order (lambda) functions."""

from __future__ import annotations
