"""Recording a full year of monthly values for a 150-indicator plan through the API.

    .venv/bin/python benchmarks/monitoring_api.py [--indicators 150]

Prints, for 12 bulk requests of 150 rows (one per month) and for 1 800 single PUTs (one per
indicator and month, another year), the total time and the SQL queries per request; then the same
12 bulk requests again, updating the values (optimistic locking on each row's revision).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def outline(size: int):
    from balise.domain.outline import (
        IndicatorOutline,
        ModuleOutline,
        OperationalObjectiveOutline,
        PlanOutline,
        StrategicObjectiveOutline,
    )
    from balise.domain.targets import parse_target

    indicators = [
        IndicatorOutline(f"Nombre d'actions n° {n} : ≥ 2/mois", parse_target("≥ 2/mois")) for n in range(size)
    ]
    # 10 operational objectives per strategic objective, 5 indicators each: a realistic shape.
    sos, chunk = [], 50
    for s in range(0, size, chunk):
        part = indicators[s : s + chunk]
        oos = [
            OperationalObjectiveOutline(f"Objectif opérationnel {s + o}", indicators=part[o : o + 5])
            for o in range(0, len(part), 5)
        ]
        sos.append(
            StrategicObjectiveOutline(f"Objectif stratégique {s // chunk}", operational_objectives=oos)
        )
    return PlanOutline(
        kind="pssp",
        title="Plan de mesure",
        municipality="Ixelles",
        period_start=date(2023, 1, 1),
        period_end=date(2025, 12, 31),
        signed_on=date(2023, 1, 15),
        modules=[ModuleOutline("Cambriolage", strategic_objectives=sos)],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=150)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="balise-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # lets the test client in (ALLOWED_HOSTS)
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from balise.accounts.actors import SYSTEM
    from balise.accounts.models import Membership, Organisation
    from balise.accounts.roles import Role
    from balise.accounts.tokens import issue_token
    from balise.monitoring.models import Measurement
    from balise.plans.actions import import_plan
    from balise.plans.models import Indicator
    from balise.reference.loader import load_reference

    load_reference()
    plan = import_plan(outline(args.indicators), user=SYSTEM).plan
    user = get_user_model().objects.create_user("bench", password="x")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(code="21009"), role=Role.MUNICIPALITY_EDITOR
    )
    _token, secret = issue_token(user, "bench")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    ids = list(Indicator.objects.filter(strategic_objective__module__plan=plan).values_list("pk", flat=True))

    def run(requests) -> tuple[float, float, list[int]]:
        queries, started, cpu = [], time.perf_counter(), time.process_time()
        for url, body in requests:
            connection.queries_log.clear()  # the log keeps 9 000 queries: count each request alone
            with CaptureQueriesContext(connection) as ctx:
                response = client.generic(
                    "POST" if url.endswith("bulk") else "PUT",
                    url,
                    json.dumps(body),
                    content_type="application/json",
                )
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code} {response.content[:300]!r}")
            queries.append(len(ctx.captured_queries))
        return time.perf_counter() - started, time.process_time() - cpu, queries

    def report(name: str, seconds: float, cpu: float, queries: list[int]) -> None:
        print(
            f"{name:<44}{len(queries):>6}{seconds:>9.2f}{cpu:>7.2f}{1000 * seconds / len(queries):>9.1f}"
            f"{min(queries):>6}{statistics.median(queries):>6.0f}{max(queries):>6}"
        )

    print(f"plan of {len(ids)} indicators, SQLite, token authentication")
    print(f"{'':<44}{'reqs':>6}{'total s':>9}{'cpu s':>7}{'ms/req':>9}{'min q':>6}{'med q':>6}{'max q':>6}")
    bulk = [
        (
            f"/api/plans/{plan.pk}/measurements/bulk",
            {"period": f"2024-{m:02d}", "rows": {str(pk): {"amount": 2} for pk in ids}},
        )
        for m in range(1, 13)
    ]
    report(f"bulk, 12 months × {len(ids)} rows (create)", *run(bulk))
    update = [
        (url, {"period": body["period"], "rows": {k: {"amount": 3, "revision": 1} for k in body["rows"]}})
        for url, body in bulk
    ]
    if os.environ.get("PROFILE"):
        import cProfile

        cProfile.runctx("run(update[:2])", globals(), locals(), sort="cumtime")
        return 0
    report(f"bulk, 12 months × {len(ids)} rows (update)", *run(update))
    single = [
        (f"/api/indicators/{pk}/measurements", {"period": f"2025-{m:02d}", "amount": 2})
        for m in range(1, 13)
        for pk in ids
    ]
    report(f"single PUT, {len(single)} values (create)", *run(single))
    print(f"stored: {Measurement.objects.count()} measurements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
