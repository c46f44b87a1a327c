"""Response time of the analyst's worklist: 109 municipalities × 2 years.

    .venv/bin/python benchmarks/worklist.py [--repeat 15] [--plans 109] [--indicators 49]

Generates 109 plans × 49 indicators × 24 months of values (2021-2022) with
benchmarks/generate_monitoring_data.py, adds the report deadlines of both years (half of them
sent late), logs a federal analyst in with Django's test client, and prints the median time and
the number of SQL queries of the worklist page (both years), a filtered page and the XLSX export.
The goal is < 300 ms for the page.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import measure_get, setup_scratch_django  # noqa: E402


def _deadlines(years: tuple[int, ...]) -> int:
    from balise.finance.models import ReportDeadline
    from balise.plans.models import Plan

    rows = []
    for n, plan in enumerate(Plan.objects.order_by("pk")):
        for year in years:
            for kind, month in (("activity", 3), ("financial", 6)):
                due = date(year + 1, month, 30)
                sent = due - timedelta(days=5) if n % 2 else due + timedelta(days=12)
                rows.append(
                    ReportDeadline(
                        plan=plan, lineage=plan.lineage, year=year, kind=kind, due_on=due, sent_on=sent
                    )
                )
    ReportDeadline.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--plans", type=int, default=109)
    parser.add_argument("--indicators", type=int, default=49)
    args = parser.parse_args()
    folder = setup_scratch_django("worklist")
    from django.test import Client
    from django.utils import timezone

    from balise.accounts.roles import Role
    from benchmarks import generate_monitoring_data
    from tests.factories import user_with_role

    started = time.perf_counter()
    # The two years before this one: the years the worklist shows by default.
    this_year = timezone.localdate().year
    generate_monitoring_data.FIRST_YEAR = this_year - 2
    counts = generate_monitoring_data.generate(args.plans, args.indicators, 24)
    years = (this_year - 1, this_year - 2)
    counts["report deadlines"] = _deadlines(years)
    rows = ", ".join(f"{n} {k}" for k, n in counts.items())
    print(f"data: {rows} ({time.perf_counter() - started:.1f} s)")

    analyst = user_with_role(f"bench-analyst-{os.getpid()}", Role.FEDERAL_ANALYST, "IBZ")
    client = Client(headers={"Accept-Language": "fr"})
    client.force_login(analyst)
    pages = [
        ("trivial page (login form)", "/accounts/login/"),
        ("worklist, both years (the default)", "/worklist/"),
        (f"worklist {years[0]}", f"/worklist/?year={years[0]}"),
        (f"worklist {years[1]}", f"/worklist/?year={years[1]}"),
        (f"worklist {years[0]}, analysed only", f"/worklist/?year={years[0]}&state=analysed"),
        (f"worklist {years[0]}, XLSX export", f"/worklist/?year={years[0]}&format=xlsx"),
    ]
    print(f"{'page':<48}{'median ms':>10}{'first ms':>10}{'queries':>9}")
    for label, url in pages:
        median, queries, first = measure_get(client, url, args.repeat)
        print(f"{label:<48}{median * 1000:>10.0f}{first * 1000:>10.0f}{queries:>9}")
    print(f"(median of {args.repeat} requests; database in {folder})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
