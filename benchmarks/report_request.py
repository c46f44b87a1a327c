"""How long asking for a regional report of 10 000 projects takes, now that a job writes it.

    .venv/bin/python benchmarks/report_request.py [--projects 10000] [--repeat 15] [--run]

Generates the regional dataset of benchmarks/regional_coverage.py into a SQLite file in a
temporary folder, logs a regional coordinator in with Django's test client and prints the median
time and the SQL queries of the request that asks for the PDF (it answers with the job's page),
and of one poll of that page. With ``--run`` a worker then runs one of the jobs and the time it
took is printed (the report itself: see benchmarks/regional_coverage.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import setup_scratch_django  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--run", action="store_true", help="also run one job with a worker and time it")
    args = parser.parse_args()
    setup_scratch_django("report-request")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from balise.accounts.roles import Role
    from balise.jobs.models import Job
    from balise.reference.loader import load_reference
    from benchmarks.regional_coverage import generate
    from tests.factories import user_with_role
    from tests.jobs import run_jobs

    load_reference()
    started = time.perf_counter()
    regional_id, counts = generate(args.projects, args.links)
    print(f"data: {', '.join(f'{n} {k}' for k, n in counts.items())} ({time.perf_counter() - started:.0f} s)")
    coordinator = user_with_role(f"bench-coordinator-{os.getpid()}", Role.REGIONAL_COORDINATOR, "BE-BRU")
    client = Client(headers={"Accept-Language": "fr"})
    client.force_login(coordinator)
    url = f"/regional/{regional_id}/report.pdf"

    def ask():
        return client.post(url, {"from": 2021, "to": 2022})

    with CaptureQueriesContext(connection) as queries:
        job_page = ask()["Location"]
    asked = len(queries)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        assert ask().status_code == 302
        timings.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        client.get(job_page, headers={"HX-Request": "true"})
    polled = len(queries)
    polls = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        client.get(job_page, headers={"HX-Request": "true"})
        polls.append(time.perf_counter() - started)
    print(f"{'request':<52}{'median ms':>10}{'queries':>9}")
    label = f"ask for the PDF ({args.projects} projects)"
    print(f"{label:<52}{statistics.median(timings) * 1000:>10.1f}{asked:>9}")
    print(f"{'poll the job page (htmx fragment)':<52}{statistics.median(polls) * 1000:>10.1f}{polled:>9}")
    if args.run:
        Job.objects.exclude(pk=Job.objects.order_by("pk").first().pk).delete()
        started = time.perf_counter()
        run_jobs()
        job = Job.objects.get()
        print(f"the job ({job.state}): {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
