"""What ``/readyz`` checks: the database answers, every migration is applied, a worker was seen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max
from django.utils import timezone

from balise.jobs.models import WorkerBeat

_migrated = False  # once true for this process, it stays true (migrations are not undone live)


@dataclass(frozen=True)
class Readiness:
    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return all(value == "ok" for value in self.checks.values())


def readiness() -> Readiness:
    checks = {"database": "ok", "migrations": "ok", "worker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return Readiness(
            {**checks, "database": f"unreachable: {type(exc).__name__}", "migrations": "?", "worker": "?"}
        )
    checks["migrations"] = _migrations()
    last = WorkerBeat.objects.aggregate(last=Max("seen_at"))["last"]
    stale = timedelta(seconds=settings.BALISE_WORKER_STALE_SECONDS)
    if last is None:
        checks["worker"] = "no worker seen"
    elif timezone.now() - last > stale:
        checks["worker"] = f"no worker seen since {last.isoformat(timespec='seconds')}"
    return Readiness(checks)


def _migrations() -> str:
    global _migrated
    if _migrated:
        return "ok"
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        return f"{len(pending)} migration(s) not applied: run `balise migrate`"
    _migrated = True
    return "ok"
