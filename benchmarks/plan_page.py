"""Server time of the plan page and of the plan tree API for a plan of 9 modules and 150
indicators on SQLite, next to trivial views measured in the same run: /healthz (no database) and
an authenticated trivial view (session, user, one query: benchmarks/trivial_urls.py).

    .venv/bin/python benchmarks/plan_page.py [--runs N] [--cache db://|locmem://|redis://…]

"warm": the same page again (its tree cached); "cold": the page right after a value is entered
through the action (the monitoring data changed, so the cached tree no longer applies). The cache
is the one a deployment gets (CACHE_URL, the database by default), shared by every worker. The
database, the cache table and the collected static files (DEBUG off: templates name the hashed
files of the manifest) go to a temporary folder.

Each request is timed twice: wall time and the CPU time of this process (SQLite runs inside it,
so the queries count), the figure that a loaded machine disturbs least; the ratios to the
trivial view are given for both, with the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import compare_with  # noqa: E402


def build_outline():
    from balise.domain.outline import (
        IndicatorOutline,
        ModuleOutline,
        OperationalObjectiveOutline,
        PlanOutline,
        StrategicObjectiveOutline,
    )
    from balise.domain.targets import parse_target
    from balise.reference.data import PHENOMENA

    targets = ["≥ 50 /an", "Oui/Non", "≥ 7 h/jour", "30%", ">/= à 12 par an", "2x/an", "d'ici fin 2024"]
    modules, n = [], 0
    titles = ["Coordination"] + [p.fr for p in PHENOMENA[:8]]
    for m, title in enumerate(titles):
        sos = []
        for s in range(2):
            oos = []
            for o in range(2):
                indicators = []
                for _ in range(4):
                    text = f"Indicateur {n + 1} du module {m + 1} : {targets[n % len(targets)]}"
                    indicators.append(IndicatorOutline(text=text, target=parse_target(text)))
                    n += 1
                oos.append(
                    OperationalObjectiveOutline(
                        title=f"Objectif opérationnel {m + 1}.{s + 1}.{o + 1}",
                        results=[f"Résultat {m + 1}.{s + 1}.{o + 1}.{r + 1}" for r in range(2)],
                        indicators=indicators,
                    )
                )
            sos.append(
                StrategicObjectiveOutline(
                    title=f"Objectif stratégique {m + 1}.{s + 1}", operational_objectives=oos
                )
            )
        modules.append(
            ModuleOutline(
                title=title,
                kind="coordination" if m == 0 else "phenomenon",
                general_objectives=[f"Objectif général {m + 1}"],
                strategic_objectives=sos,
            )
        )
    extra = 150 - n
    for i in range(extra):
        text = f"Indicateur transversal {i + 1} : ≥ 10/an"
        modules[i].strategic_objectives[0].indicators.append(
            IndicatorOutline(text=text, target=parse_target(text))
        )
    return PlanOutline(kind="pssp", title="Plan de mesure", municipality="Ixelles", modules=modules)


def timed(client, url: str, runs: int) -> tuple[float, float, int, int]:
    """Median wall and CPU milliseconds of ``url``, its queries and its size in bytes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up (templates compiled, caches filled)
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return ms(walls), ms(cpus), len(ctx.captured_queries), len(response.content)


def ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def cold(client, url: str, runs: int, indicator) -> tuple[float, float, int, int]:
    """Median wall and CPU time of ``url`` requested right after a value of ``indicator`` is
    recorded (the recording itself not timed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from balise.accounts.actors import SYSTEM
    from balise.monitoring.actions import record_measurement

    walls, cpus, queries, size = [], [], 0, 0
    for n in range(runs + 1):
        record_measurement(indicator, f"2024-{n % 12 + 1:02d}", {"amount": str(n + 1)}, SYSTEM)
        with CaptureQueriesContext(connection) as ctx:
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert response.status_code == 200, (url, response.status_code)
        if n:  # the first one also compiles what the warm runs compiled
            walls.append(wall)
            cpus.append(cpu)
        queries, size = len(ctx.captured_queries), len(response.content)
    return ms(walls), ms(cpus), queries, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--cache", default=None, help="CACHE_URL (default: the settings' default)")
    parser.add_argument("--save", type=Path, help="write this run's figures to a JSON file")
    parser.add_argument(
        "--baseline", type=Path, help="a JSON file of an earlier run (--save): print after / before"
    )
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="balise-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["BALISE_VAR_DIR"] = tmp  # STATIC_ROOT: the static files are collected there below
    if args.cache:
        os.environ["CACHE_URL"] = args.cache
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ROOT_URLCONF = "benchmarks.trivial_urls"
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # DEBUG off: templates name the hashed files of the manifest, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)
    from balise.accounts.actors import SYSTEM
    from balise.accounts.models import Membership, Organisation
    from balise.accounts.roles import Role
    from balise.plans.actions import import_plan
    from balise.reference.loader import load_reference

    load_reference()
    plan = import_plan(build_outline(), user=SYSTEM).plan
    counts = plan.modules.count(), sum(1 for _ in build_outline().iter_indicators())
    from django.contrib.auth import get_user_model

    ixelles = Organisation.objects.get(code="21009")
    load_before = os.getloadavg()[0]
    rows = []
    for role in (Role.MUNICIPALITY_VIEWER, Role.MUNICIPALITY_EDITOR):
        user = get_user_model().objects.create_user(role.value, password="x")
        Membership.objects.create(user=user, organisation=ixelles, role=role)
        client = Client()
        client.force_login(user)
        label = "viewer" if role == Role.MUNICIPALITY_VIEWER else "editor"
        rows.append((f"/healthz, no database ({label})", *timed(client, "/healthz", args.runs)))
        rows.append((f"trivial authenticated ({label})", *timed(client, "/bench/trivial/", args.runs)))
        rows.append((f"plan page warm ({label})", *timed(client, f"/plans/{plan.pk}/", args.runs)))
        indicator = plan_indicator(plan)
        rows.append((f"plan page cold ({label})", *cold(client, f"/plans/{plan.pk}/", args.runs, indicator)))
        rows.append((f"plan tree API ({label})", *timed(client, f"/api/plans/{plan.pk}", args.runs)))
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"plan: {counts[0]} modules, {counts[1]} indicators; median of {args.runs} requests (test client)")
    print(f"cache: {backend}; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} at the end")
    head = f"{'request':<38}{'wall ms':>9}{'× triv':>8}{'CPU ms':>9}{'× triv':>8}{'queries':>9}{'KiB':>6}"
    print(head)
    trivial: dict[str, tuple[float, float]] = {}
    figures = {}
    for name, wall, cpu, queries, size in rows:
        label = name.split("(")[-1]
        if name.startswith("trivial"):
            trivial[label] = wall, cpu
        floor = trivial.get(label)
        ratios = (f"{wall / floor[0]:.1f}", f"{cpu / floor[1]:.1f}") if floor else ("-", "-")
        print(f"{name:<38}{wall:>9.2f}{ratios[0]:>8}{cpu:>9.2f}{ratios[1]:>8}{queries:>9}{size / 1024:>6.0f}")
        if floor and not name.startswith("trivial"):
            figures[f"{name} × trivial"] = wall / floor[0]
            figures[f"{name} CPU × trivial"] = cpu / floor[1]
        figures[f"{name} ms"] = wall
        figures[f"{name} CPU ms"] = cpu
    compare_with(figures, args.baseline, args.save)
    return 0


def plan_indicator(plan):
    """An indicator counted per year (any month of 2024 may be entered for it)."""
    from balise.plans.models import Indicator

    return (
        Indicator.objects.filter(strategic_objective__module__plan=plan, target_kind="count")
        .order_by("pk")
        .first()
    )


if __name__ == "__main__":
    sys.exit(main())
