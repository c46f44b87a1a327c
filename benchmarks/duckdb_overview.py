"""The federal overview's counts computed by DuckDB from the raw values, for comparison.

Benchmark-only: ``pip install -e '.[bench]'`` (or ``.venv/bin/pip install duckdb``). The values,
targets, places and colours are exported from the Django database to CSV files, loaded into an
in-memory DuckDB, then one SQL query applies the progress rules of the generated targets (counts
per year or month, percentages, hours per day, yes/no) and counts statuses and colours per
phenomenon — what a column store does with no table maintained on write. The export and the load
are not timed; the query is.
"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path

QUERY = """
WITH totals AS (
    SELECT indicator_key, count(*) AS n, sum(amount) AS amount, sum(numerator) AS numerator,
           sum(denominator) AS denominator, sum(days) AS days,
           arg_max(done, period_end) FILTER (WHERE done IS NOT NULL) AS last_done
    FROM measurement WHERE year = $year GROUP BY indicator_key
), measured AS (
    SELECT i.grp, i.colour, i.kind, i.comparator, t.n, t.last_done,
        CASE i.kind
            WHEN 'percent' THEN 100 * t.numerator / nullif(t.denominator, 0)
            WHEN 'hours' THEN t.amount / nullif(t.days, 0)
            ELSE t.amount END AS actual,
        CASE WHEN i.kind = 'count' AND i.per = 'month' THEN i.value * 12 ELSE i.value END AS expected
    FROM indicator i LEFT JOIN totals t ON t.indicator_key = i.key
), progress AS (
    SELECT grp, colour, CASE
        WHEN n IS NULL THEN 'no_data'
        WHEN kind = 'boolean' THEN CASE WHEN last_done THEN 'met' ELSE 'not_met' END
        WHEN actual IS NULL THEN 'no_data'
        WHEN comparator = '<=' AND actual <= expected THEN 'met'
        WHEN comparator = '<=' AND actual > 0 AND expected / actual >= 0.8 THEN 'partly_met'
        WHEN comparator <> '<=' AND actual >= expected THEN 'met'
        WHEN comparator <> '<=' AND expected > 0 AND actual / expected >= 0.8 THEN 'partly_met'
        ELSE 'not_met' END AS status
    FROM measured
)
SELECT grp, status, colour, count(*) FROM progress GROUP BY ALL
"""


def export(directory: Path, year: int) -> dict[str, Path]:
    """The rows DuckDB needs, from the configured Django database, as CSV files."""
    from balise.monitoring.models import Assessment, Measurement
    from balise.monitoring.rollups import plans_in_force
    from balise.plans.models import Indicator

    plans = plans_in_force(year)
    colours = {
        key: code
        for key, code in Assessment.objects.filter(
            evaluation__year=year, subject="indicator", evaluation__lineage__in=plans.values("lineage")
        ).values_list("subject_key", "colour__code")
    }
    files = {"indicator": directory / "indicator.csv", "measurement": directory / "measurement.csv"}
    module = "strategic_objective__module__"
    with files["indicator"].open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["key", "kind", "comparator", "value", "per", "grp", "colour"])
        for key, kind, comparator, value, per, module_kind, phenomenon in Indicator.objects.filter(
            **{f"{module}plan__in": plans}
        ).values_list(
            "key",
            "target_kind",
            "target_comparator",
            "target_value",
            "target_per",
            f"{module}kind",
            f"{module}phenomenon__code",
        ):
            group = "coordination" if module_kind == "coordination" else phenomenon or "other"
            writer.writerow([key, kind, comparator, value, per, group, colours.get(key, "")])
    with files["measurement"].open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["indicator_key", "year", "period_end", "amount", "numerator", "denominator", "days", "done"]
        )
        rows = Measurement.objects.values_list(
            "indicator_key", "period", "period_end", "amount", "numerator", "denominator", "days", "done"
        )
        for key, period, end, *values in rows.iterator(chunk_size=20000):
            writer.writerow([key, period[:4], end, *values])
    return files


def measure(directory: Path, year: int, repeat: int, copies: int = 1) -> tuple[float, int]:
    """(median seconds of the overview query, result rows). ``copies``: the database holds copies
    of its plans without their values (benchmarks/replicate_plans.py), so the exported indicators
    and values are replicated as many times, each copy with its own keys."""
    import duckdb

    files = export(directory, year)
    db = duckdb.connect()
    for name, path in files.items():
        db.execute(f"CREATE TABLE raw_{name} AS SELECT * FROM read_csv_auto('{path}', header=true)")
    key = {"indicator": "key", "measurement": "indicator_key"}
    for name in files:
        db.execute(
            f"CREATE TABLE {name} AS SELECT * REPLACE ({key[name]}::VARCHAR || '~' || k AS {key[name]}) "
            f"FROM raw_{name}, range({copies}) AS copies(k)"
        )
    timings, rows = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        rows = db.execute(QUERY, {"year": year}).fetchall()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), len(rows)
