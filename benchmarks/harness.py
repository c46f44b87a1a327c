"""What the request benchmarks share: a scratch database set up before Django, and the timing of a GET.

Every benchmark runs on its own database in a temporary folder (or a PostgreSQL URL it is given),
with the test settings (DEBUG off, like production), so that it never touches a developer's data.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def setup_django_without_database() -> None:
    """Set Django up with the test settings for benchmarks that read documents and never touch a
    database (the importer's messages and reference lists are Django's)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def setup_scratch_django(prefix: str, database_url: str | None = None) -> Path:
    """Point Django at a fresh SQLite file (or ``database_url``) in a new temporary folder, set it
    up and apply the migrations; returns the folder."""
    folder = Path(tempfile.mkdtemp(prefix=f"balise-{prefix}-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / f'{prefix}.sqlite3'}"
    os.environ["BALISE_VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"  # DEBUG off, like production
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return folder


def measure_get(client: Any, url: str, repeat: int) -> tuple[float, int, float]:
    """(median seconds, SQL queries, first-call seconds) of GET ``url``; the first call is timed
    apart because it may fill caches (charts)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    first = time.perf_counter() - started
    # Counted now: the next request resets the log that ``queries`` reads lazily.
    count = len(queries)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), count, first


def timed(label: str, work: Callable[[], T]) -> T:
    """Run ``work`` and print after ``label`` its wall and CPU milliseconds and the load average:
    on a shared machine the load multiplies the wall time, while the CPU time is closer to what
    the work costs on a quiet one."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"{label:<52}{wall * 1000:>10.0f}{cpu * 1000:>10.0f}{os.getloadavg()[0]:>8.1f}")
    return result


def compare_with(figures: dict[str, float], baseline: Path | None, save: Path | None) -> None:
    """Print each figure beside the same figure of an earlier run saved with ``--save`` (the ratio
    after / before), then save these figures when asked: a before/after table from two runs."""
    import json

    if baseline is not None and baseline.exists():
        before = json.loads(baseline.read_text())
        print(f"{'figure':<52}{'before':>10}{'after':>10}{'after/before':>14}")
        for name, value in figures.items():
            if name in before and before[name]:
                ratio = value / before[name]
                print(f"{name:<52}{before[name]:>10.4g}{value:>10.4g}{ratio:>14.2f}")
    if save is not None:
        save.write_text(json.dumps(figures, indent=1))
        print(f"figures saved to {save}")
