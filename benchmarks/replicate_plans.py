"""Scale a generated PostgreSQL database up to many plans for the federal overview benchmark.

    .venv/bin/python benchmarks/replicate_plans.py --database postgresql://…/h_me --plans 10000

benchmarks/generate_monitoring_data.py writes plans one by one through Python (minutes per hundred
plans on a shared machine). This copies what the federal overview reads, in SQL, until there are
``--plans`` plans: each copy of a plan gets its own municipality, lineage and module identities,
its modules and its counts per group, status and colour (`ProgressTally`). The indicators, values
and progress rows are NOT copied: the overview never reads them (that is the point of the counts),
and the DuckDB side of the benchmark replicates the exported values the same number of times
(benchmarks/duckdb_overview.py ``copies``). Copies are marked by a code suffix ``~k``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OFFSET = 10_000_000  # ids of copy k are the original's + k × OFFSET


def _columns(model, remap: dict[str, str]) -> tuple[str, str]:
    """(target columns, select expressions) of every concrete column of ``model``."""
    names = [f.column for f in model._meta.concrete_fields]
    return ", ".join(f'"{n}"' for n in names), ", ".join(remap.get(n, f'"{n}"') for n in names)


def copy(k: int, original_plans: int) -> None:
    from django.db import connection

    from balise.accounts.models import Organisation
    from balise.monitoring.models import ProgressTally
    from balise.plans.models import Module, Plan

    shift = f"+ {k} * {OFFSET}"
    uuid = "md5({col}::text || '~{k}')::uuid"
    statements = []
    plans = Plan._meta.db_table
    towns = Organisation._meta.db_table
    cols, select = _columns(
        Organisation, {"id": f"id {shift}", "code": f"code || '~{k}'", "name_fr": f"name_fr || ' ~{k}'"}
    )
    statements.append(
        f"INSERT INTO {towns} ({cols}) SELECT {select} FROM {towns} "
        f"WHERE id IN (SELECT municipality_id FROM {plans} WHERE id < {OFFSET})"
    )
    cols, select = _columns(
        Plan,
        {
            "id": f"id {shift}",
            "municipality_id": f"municipality_id {shift}",
            "lineage": uuid.format(col="lineage", k=k),
            "supersedes_id": f"supersedes_id {shift}",
        },
    )
    statements.append(f"INSERT INTO {plans} ({cols}) SELECT {select} FROM {plans} WHERE id < {OFFSET}")
    modules = Module._meta.db_table
    cols, select = _columns(
        Module, {"id": f"id {shift}", "plan_id": f"plan_id {shift}", "key": uuid.format(col="key", k=k)}
    )
    statements.append(f"INSERT INTO {modules} ({cols}) SELECT {select} FROM {modules} WHERE id < {OFFSET}")
    tallies = ProgressTally._meta.db_table
    cols, select = _columns(
        ProgressTally,
        {"id": f"id {shift}", "plan_id": f"plan_id {shift}", "municipality_id": f"municipality_id {shift}"},
    )
    statements.append(f"INSERT INTO {tallies} ({cols}) SELECT {select} FROM {tallies} WHERE id < {OFFSET}")
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", required=True, help="a PostgreSQL DATABASE_URL")
    parser.add_argument("--plans", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection, transaction

    from balise.plans.models import Plan

    assert connection.vendor == "postgresql", "copies are written in PostgreSQL's SQL"
    original = Plan.objects.filter(pk__lt=OFFSET).count()
    copies = -(-args.plans // original)  # ceiling: at least --plans plans
    made = Plan.objects.count() // original  # an earlier run may have made some copies already
    started = time.perf_counter()
    for k in range(made, copies):
        with transaction.atomic():
            copy(k, original)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{original} plans × {copies} = {Plan.objects.count()} plans "
        f"({time.perf_counter() - started:.1f} s); copies = {copies}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
