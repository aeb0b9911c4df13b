"""Generates the seed benchmark's input: people.csv and cities.csv.

Only numpy and pyarrow are used, so the orchestrator can run under either
interpreter (the pyenv one with pyrust, or the PySpark venv). The output is a
pure function of (rows, seed): the same arguments give byte-identical files,
so timings from different runs are over the same data.

people.csv  id,name,age,city,salary    `rows` rows; ~3% of ages are empty
                                        (CSV null), salary has two decimals.
cities.csv  city,country,population    a few hundred rows; a few of the cities
                                        in people.csv are missing here, so the
                                        inner join really drops rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

# Bump when the generated content changes, so a cached --data-dir is rebuilt.
GENERATOR_VERSION = 1

PEOPLE_FILE = "people.csv"
CITIES_FILE = "cities.csv"
META_FILE = "meta.json"

FIRST_NAMES = [
    "Ada", "Alan", "Alice", "Amara", "Anna", "Arjun", "Ben", "Carla", "Chen",
    "Clara", "Daniel", "Diego", "Elena", "Emil", "Emma", "Farah", "Felix",
    "Grace", "Hana", "Hugo", "Ines", "Isaac", "Ivan", "Jonas", "Julia", "Kai",
    "Kenji", "Lara", "Leo", "Lina", "Lucas", "Maya", "Mei", "Mila", "Nadia",
    "Noah", "Nora", "Omar", "Oscar", "Priya", "Rafael", "Rosa", "Sami",
    "Sara", "Sofia", "Tariq", "Theo", "Uma", "Vera", "Yusuf", "Zoe",
]
LAST_NAMES = [
    "Adams", "Ahmed", "Baker", "Becker", "Costa", "Dubois", "Eriksen",
    "Fischer", "Garcia", "Gupta", "Hansen", "Ito", "Jensen", "Kim", "Kowalski",
    "Lopez", "Martin", "Meyer", "Moreau", "Nakamura", "Novak", "Okafor",
    "Olsen", "Patel", "Petrov", "Rossi", "Santos", "Schmidt", "Silva", "Singh",
    "Smith", "Tanaka", "Torres", "Wagner", "Wang", "Weber", "Wilson", "Yilmaz",
    "Zhang",
]
# City names are composed (Oak + field = Oakfield) so there are a few hundred
# plausible, distinct names without shipping a gazetteer.
CITY_PREFIXES = [
    "Ash", "Bright", "Cedar", "Clear", "Deer", "East", "Elm", "Fair", "Glen",
    "Green", "High", "Lake", "Maple", "Mill", "North", "Oak", "Pine", "River",
    "Rock", "Silver", "South", "Spring", "Stone", "West", "Wood",
]
CITY_SUFFIXES = [
    "bury", "dale", "field", "ford", "haven", "ton", "ville", "wood", "port",
    "ridge", "brook", " Falls", " Harbor",
]
COUNTRIES = [
    "Argentina", "Australia", "Brazil", "Canada", "Chile", "Denmark", "Egypt",
    "Finland", "France", "Germany", "India", "Indonesia", "Ireland", "Italy",
    "Japan", "Kenya", "Mexico", "Netherlands", "New Zealand", "Nigeria",
    "Norway", "Poland", "Portugal", "South Africa", "Spain", "Sweden",
    "Turkey", "United Kingdom", "United States", "Vietnam",
]

CITIES_IN_PEOPLE = 320   # distinct cities people live in
CITIES_MISSING = 20      # of those, how many have no row in cities.csv
AGE_NULL_FRACTION = 0.03


def generate(directory: Path, rows: int, seed: int = 42) -> dict:
    """Writes both CSV files into `directory` (reusing them when a previous
    call with the same arguments left them there) and returns their meta."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = {"generator_version": GENERATOR_VERSION, "rows": rows, "seed": seed}
    meta_path = directory / META_FILE
    if meta_path.exists() and all((directory / f).exists() for f in (PEOPLE_FILE, CITIES_FILE)):
        meta = json.loads(meta_path.read_text())
        if {k: meta.get(k) for k in wanted} == wanted:
            meta["reused"] = True
            return meta

    rng = np.random.default_rng(seed)
    city_names = _city_names(rng)
    cities = _cities_table(rng, city_names)
    people = _people_table(rng, rows, city_names)

    _write_csv(people, directory / PEOPLE_FILE)
    _write_csv(cities, directory / CITIES_FILE)

    meta = dict(wanted)
    meta.update(
        people_rows=people.num_rows,
        cities_rows=cities.num_rows,
        people_bytes=(directory / PEOPLE_FILE).stat().st_size,
        cities_bytes=(directory / CITIES_FILE).stat().st_size,
    )
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    meta["reused"] = False
    return meta


def _write_csv(table: pa.Table, path: Path) -> None:
    """Unquoted CSV with a plain header, as a person or a typical export writes
    it (none of the generated strings contains a comma or a quote). Arrow
    always quotes the header it writes, so the header is written by hand."""
    with pa.OSFile(str(path), "wb") as sink:
        sink.write((",".join(table.column_names) + "\n").encode())
        options = pacsv.WriteOptions(include_header=False, quoting_style="none")
        pacsv.write_csv(table, sink, options)


def _city_names(rng: np.random.Generator) -> list[str]:
    names = [p + s for p in CITY_PREFIXES for s in CITY_SUFFIXES]
    order = rng.permutation(len(names))[:CITIES_IN_PEOPLE]
    return [names[i] for i in order]


def _cities_table(rng: np.random.Generator, city_names: list[str]) -> pa.Table:
    # Drop evenly spread cities (not just the rarest) so the join removes a
    # noticeable share of people.
    step = len(city_names) // CITIES_MISSING
    kept = [name for i, name in enumerate(city_names) if i % step != step - 1]
    countries = rng.choice(np.array(COUNTRIES, dtype=object), size=len(kept))
    population = np.round(rng.lognormal(mean=11.5, sigma=1.3, size=len(kept))).astype(np.int64) + 1000
    return pa.table({
        "city": pa.array(kept, pa.string()),
        "country": pa.array(countries.tolist(), pa.string()),
        "population": pa.array(population),
    })


def _people_table(rng: np.random.Generator, rows: int, city_names: list[str]) -> pa.Table:
    ids = np.arange(1, rows + 1, dtype=np.int64)

    # Full names: index into all first x last combinations, then `take`,
    # which is far faster than building millions of Python strings.
    full_names = pa.array([f"{f} {l}" for f in FIRST_NAMES for l in LAST_NAMES])
    name_idx = rng.integers(0, len(full_names), size=rows)
    names = full_names.take(pa.array(name_idx))

    # Ages 0-95, adults most common; a few missing (written as empty fields).
    ages = np.clip(np.round(rng.normal(40, 18, size=rows)), 0, 95).astype(np.int64)
    age_missing = rng.random(rows) < AGE_NULL_FRACTION
    age = pa.array(ages, mask=age_missing)

    # Skewed city sizes (Zipf-like), as in real populations: groupBy and join
    # keys are then not uniformly distributed.
    weights = 1.0 / np.arange(1, len(city_names) + 1) ** 0.8
    city_idx = rng.choice(len(city_names), size=rows, p=weights / weights.sum())
    city = pa.array(city_names).take(pa.array(city_idx))

    # Salaries with cents, formatted as text with exactly two decimals (so
    # 52000.00 stays a double for schema inference instead of reading as "52000").
    cents = np.round(rng.lognormal(mean=10.8, sigma=0.45, size=rows) * 100).astype(np.int64)
    dollars = pc.cast(pa.array(cents // 100), pa.string())
    fraction = pc.utf8_lpad(pc.cast(pa.array(cents % 100), pa.string()), width=2, padding="0")
    salary = pc.binary_join_element_wise(dollars, fraction, ".")

    return pa.table({"id": ids, "name": names, "age": age, "city": city, "salary": salary})


if __name__ == "__main__":
    # Handy for inspecting the data by hand: python benchmarks/datagen.py DIR [ROWS]
    import sys

    target = Path(sys.argv[1])
    print(json.dumps(generate(target, int(sys.argv[2]) if len(sys.argv) > 2 else 1000), indent=2))
