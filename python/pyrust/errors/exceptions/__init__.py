"""PySpark's exception modules: ``base`` (every class) and ``captured`` (the engine's errors)."""
