"""``manage.py rebuild_progress``: recompute the progress table from the values."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from balise.monitoring.progress_store import rebuild


class Command(BaseCommand):
    help = (
        "Recompute the progress of every indicator and year from the recorded values (after a restore, "
        "a change of the partly-met threshold, or a new year for plans without an end date)."
    )

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        rows = rebuild()
        self.stdout.write(f"{rows} indicator-year rows recomputed in {time.perf_counter() - started:.1f} s")
