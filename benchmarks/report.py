"""Turns the per-engine results into the printed seed table.

Speed-up is PySpark time / pyrust time (above 1: pyrust is faster), shown
next to the seed claim and our target (claims.py) for that operation.
"""

from __future__ import annotations

import claims

BASELINE, CANDIDATE = "pyspark", "pyrust"

COLUMNS = ["operation", "pyspark_s", "pyrust_s", "speedup", "seed_claim", "target", "verdict"]


def summarize(operations: list[str], engines: dict[str, dict]) -> list[dict]:
    """One row per operation (plus session start-up first) with both times,
    the speed-up and each engine's error, if any."""
    rows = [_startup_row(engines)]
    for name in operations:
        row = {"operation": name}
        for engine in (BASELINE, CANDIDATE):
            entry = engines.get(engine, {}).get("operations", {}).get(name)
            row[f"{engine}_s"] = entry.get("best_s") if entry else None
            if entry and "error" in entry:
                row[f"{engine}_error"] = entry["error"]
            elif entry is None and engine in engines:
                row[f"{engine}_error"] = _missing_reason(engines[engine], name)
        _add_ratio(row, name)
        rows.append(row)
    return rows


def _startup_row(engines: dict[str, dict]) -> dict:
    row = {"operation": "session_start"}
    for engine in (BASELINE, CANDIDATE):
        data = engines.get(engine)
        row[f"{engine}_s"] = data.get("startup_s") if data else None
        if data and data.get("status") == "failed":
            row[f"{engine}_error"] = data.get("error", "failed to start")
    _add_ratio(row, None)
    return row


def _missing_reason(data: dict, name: str) -> str:
    if data.get("status") == "failed":
        return "engine did not start: " + data.get("error", "")
    if data.get("current") == name:
        return f"process died during this operation ({data.get('exit', 'no exit status')})"
    return "not run (process ended before this operation)"


def _add_ratio(row: dict, name: str | None) -> None:
    base, cand = row.get(f"{BASELINE}_s"), row.get(f"{CANDIDATE}_s")
    row["speedup"] = base / cand if base and cand else None
    row["seed_claim"] = claims.format_range(claims.claim(name)) if name else ""
    row["target"] = claims.format_range(claims.target(name)) if name else ""
    row["verdict"] = claims.verdict(name, row["speedup"]) if name and row["speedup"] else ""


def format_table(rows: list[dict]) -> str:
    cells = [COLUMNS] + [[_cell(row, column) for column in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = []
    for n, line in enumerate(cells):
        # Operation names left-aligned, numbers right-aligned.
        parts = [line[0].ljust(widths[0])] + [v.rjust(w) for v, w in zip(line[1:], widths[1:])]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def _cell(row: dict, column: str) -> str:
    value = row.get(column)
    if column.endswith("_s"):
        if f"{column[:-2]}_error" in row:
            return "ERROR"
        return "-" if value is None else f"{value:.3f}"
    if column == "speedup":
        return "-" if value is None else f"{value:.2f}x"
    return value or ""


def format_errors(rows: list[dict]) -> str:
    """The error messages verbatim, after the table (too long to fit in it)."""
    lines = []
    for row in rows:
        for engine in (BASELINE, CANDIDATE):
            error = row.get(f"{engine}_error")
            if error:
                lines.append(f"{engine} {row['operation']}: {error}")
    return "\n".join(lines)
