"""Date and time functions."""

from __future__ import annotations
