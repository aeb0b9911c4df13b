"""Hash, JSON/CSV/XML, URL and miscellaneous functions."""

from __future__ import annotations
