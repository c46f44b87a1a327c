"""Many people recording values at once: no 5xx, no lost update.

    .venv/bin/python benchmarks/concurrent_writers.py [--writers 50] [--seconds 120]
        [--database-url postgresql://postgres@127.0.0.1:5432/h_security]

Each writer is a thread with its own database connection and its own logged-in client, sending
``PUT /api/indicators/{id}/measurements`` through Django's whole request stack (middleware, API,
action, database) on a few indicators, so that writers collide all the time: first values of the
same indicator and period at the same moment, updates with optimistic locking (``revision``).
Default database: a fresh SQLite file (WAL, IMMEDIATE transactions, busy timeout).

Prints the answers by status, the 5xx count, and the lost updates: an accepted write (200) whose
revision and amount are not in the value's history, or a final value that is not the last
accepted write. Exit 1 if there is any 5xx or lost update.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INDICATORS = 5  # few, so that writers collide


def setup(url: str):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("flush", interactive=False, verbosity=0) if "postgresql" in url else None
    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    from balise.accounts.actors import SYSTEM
    from balise.accounts.models import Membership, Organisation
    from balise.accounts.roles import Role
    from balise.domain.outline import IndicatorOutline, ModuleOutline, PlanOutline, StrategicObjectiveOutline
    from balise.domain.targets import parse_target
    from balise.plans.actions import import_plan
    from balise.reference.loader import load_reference

    load_reference()
    indicators = [
        IndicatorOutline(f"Nombre d'actions n° {n} : ≥ 12/an", parse_target("≥ 12/an"))
        for n in range(INDICATORS)
    ]
    plan = import_plan(
        PlanOutline(
            kind="pssp",
            title="Plan des écrivains simultanés",
            municipality="Ixelles",
            period_start=date(2023, 1, 1),
            period_end=date(2025, 12, 31),
            signed_on=date(2023, 3, 1),
            modules=[
                ModuleOutline(
                    title="Cambriolage",
                    strategic_objectives=[StrategicObjectiveOutline(title="Réduire", indicators=indicators)],
                )
            ],
        ),
        user=SYSTEM,
    ).plan
    user = get_user_model().objects.create_user(f"writer-{random.randrange(10**9)}", password="x")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(code="21009"), role=Role.MUNICIPALITY_EDITOR
    )
    from balise.plans.models import Indicator

    return user, list(Indicator.objects.filter(strategic_objective__module__plan=plan).order_by("pk"))


def writer(
    user, indicators, deadline: float, statuses: Counter, accepted: list, lock: threading.Lock, seed: int
):
    from django.db import connection
    from django.test import Client

    rnd = random.Random(seed)
    client = Client()
    client.force_login(user)
    known: dict[tuple[int, str], int] = {}
    try:
        while time.monotonic() < deadline:
            indicator = rnd.choice(indicators)
            period = rnd.choice(["2023", "2024", "2025"])
            amount = rnd.randrange(1, 10**6)
            revision = known.get((indicator.pk, period), 0)
            response = client.put(
                f"/api/indicators/{indicator.pk}/measurements",
                {"period": period, "amount": str(amount), "revision": revision},
                content_type="application/json",
            )
            body = response.json() if response["Content-Type"].startswith("application/json") else {}
            with lock:
                statuses[response.status_code] += 1
                if response.status_code == 200:
                    accepted.append((indicator.key, period, body["revision"], amount))
            if response.status_code == 200:
                known[(indicator.pk, period)] = body["revision"]
            elif response.status_code == 409:
                current = body.get("current") or {}
                known[(indicator.pk, period)] = current.get("revision", 0) if current else 0
    finally:
        connection.close()


def check(accepted: list) -> list[str]:
    from balise.monitoring.models import Measurement

    lost = []
    history = {
        (h.indicator_key, h.period, h.revision): h.amount
        for h in Measurement.history.all().only("indicator_key", "period", "revision", "amount")
    }
    last: dict[tuple, tuple[int, int]] = {}
    for key, period, revision, amount in accepted:
        if history.get((key, period, revision)) != amount:
            lost.append(f"{key} {period} r{revision}: {amount} not in the history")
        if revision > last.get((key, period), (0, 0))[0]:
            last[(key, period)] = (revision, amount)
    for (key, period), (revision, amount) in last.items():
        final = Measurement.objects.get(indicator_key=key, period=period)
        if (final.revision, final.amount) != (revision, amount):
            lost.append(
                f"{key} {period}: final r{final.revision} {final.amount}, last accepted r{revision} {amount}"
            )
    return lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='balise-writers-')}/writers.sqlite3"
    user, indicators = setup(url)
    statuses: Counter = Counter()
    accepted: list = []
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=writer, args=(user, indicators, deadline, statuses, accepted, lock, n))
        for n in range(args.writers)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    lost = check(accepted)
    errors = sum(n for status, n in statuses.items() if status >= 500)
    engine = "PostgreSQL" if "postgresql" in url else "SQLite"
    print(f"{engine}: {args.writers} writers for {elapsed:.0f} s, {sum(statuses.values())} requests")
    print("  answers: " + ", ".join(f"{status} × {n}" for status, n in sorted(statuses.items())))
    print(f"  5xx: {errors}")
    print(f"  accepted writes: {len(accepted)}, lost updates: {len(lost)}")
    for line in lost[:10]:
        print("   ", line)
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
