"""Substrait interoperability: plans from several producers run on several consumers.

``python scripts/interop_matrix.py`` runs every producer x consumer x query and writes
``docs/interop.md``; ``pytest tests/interop`` checks the same cells (known failures are
strict xfails recorded in ``expected.json``) and runs TPC-H plans from other producers on
the pyrust runtime.
"""
