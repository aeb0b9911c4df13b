"""The seed table's claimed speed-ups (PySpark time / pyrust time) and our goal.

The seed claims are ranges; our target is TARGET_FACTOR times each end. A
measured ratio is judged against the low end of each range.
"""

TARGET_FACTOR = 3

# operation name (as in workload.OPERATIONS) -> (low, high) claimed speed-up
SEED_CLAIMS = {
    "csv_read": (2, 3),
    "filter": (3, 5),
    "filter_column": (3, 5),  # same claim as filter: it is the same query
    "groupBy": (2, 4),
    "join": (2, 3),
}


def claim(operation: str) -> tuple[float, float] | None:
    return SEED_CLAIMS.get(operation)


def target(operation: str) -> tuple[float, float] | None:
    seed = claim(operation)
    return None if seed is None else (seed[0] * TARGET_FACTOR, seed[1] * TARGET_FACTOR)


def verdict(operation: str, speedup: float) -> str:
    """'target' if the target's low end is reached, 'claim' if only the seed
    claim's low end is, 'below' otherwise."""
    seed, goal = claim(operation), target(operation)
    if seed is None:
        return ""
    if speedup >= goal[0]:
        return "target"
    if speedup >= seed[0]:
        return "claim"
    return "below"


def format_range(bounds: tuple[float, float] | None) -> str:
    return "" if bounds is None else f"{bounds[0]:g}-{bounds[1]:g}x"
