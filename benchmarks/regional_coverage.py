"""Coverage table on 10 000 projects × 3 measure links, next to a trivial page; report generation.

    .venv/bin/python benchmarks/regional_coverage.py [--projects 10000] [--links 3] [--repeat 15]

Builds a SQLite file in a temporary folder: the 77-measure PGSP, 60 partners over the six
categories, N projects of 1-3 years in 2021-2024 each linked to ``--links`` measures (the first
primary), one output per project-year and a subsidy per partner and year. Logs a regional
coordinator in with Django's test client and prints the median time of each request and the
number of SQL queries it runs, then the time to build the annual report and write it as HTML,
DOCX and PDF: wall and CPU milliseconds, with the load average (the load multiplies the wall).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import measure_get, setup_scratch_django, timed  # noqa: E402

CATEGORIES = (
    "police_zone",
    "municipality",
    "lisa_antenna",
    "regional_body",
    "association_call",
    "association_other",
)


def generate(projects: int, links: int, seed: int = 4) -> tuple[int, dict[str, int]]:
    """The dataset; returns the regional plan's id and the row counts."""
    from balise.accounts.actors import SYSTEM
    from balise.accounts.models import Organisation
    from balise.plans.actions import import_plan
    from balise.plans.models import PlanMeasure
    from balise.regional import actions
    from balise.regional.demo import _placeholder_outline
    from balise.regional.models import (
        OutputDefinition,
        OutputReport,
        OutputValue,
        Partner,
        Project,
        ProjectMeasure,
        Subsidy,
    )

    rng = random.Random(seed)
    plan = import_plan(_placeholder_outline(), user=SYSTEM).plan
    regional = actions.attach_regional_plan(plan, Organisation.objects.get(code="BE-BRU"), SYSTEM)
    measures = list(PlanMeasure.objects.filter(thematic__plan=plan).values_list("pk", flat=True))
    partners = Partner.objects.bulk_create(
        Partner(
            region_id=regional.region_id, name=f"Partenaire {n}", category=CATEGORIES[n % len(CATEGORIES)]
        )
        for n in range(60)
    )
    rows = []
    for n in range(projects):
        start = rng.randint(2021, 2024)
        rows.append(
            Project(
                regional_plan=regional,
                partner=rng.choice(partners),
                title=f"Projet {n}",
                year_start=start,
                year_end=min(2024, start + rng.randint(0, 2)),
            )
        )
    made = Project.objects.bulk_create(rows, batch_size=2000)
    ProjectMeasure.objects.bulk_create(
        (
            ProjectMeasure(project=p, measure_id=m, primary=i == 0)
            for p in made
            for i, m in enumerate(rng.sample(measures, links))
        ),
        batch_size=5000,
    )
    # One output per project, its figures approved one year in two (the others wait for approval).
    definitions = OutputDefinition.objects.bulk_create(
        (OutputDefinition(project=p, label="bénéficiaires", unit="personnes") for p in made), batch_size=5000
    )
    reports = OutputReport.objects.bulk_create(
        (
            OutputReport(project=p, year=y, state="approved" if rng.random() < 0.5 else "submitted")
            for p in made
            for y in range(p.year_start, p.year_end + 1)
        ),
        batch_size=5000,
    )
    by_project = {d.project_id: d for d in definitions}
    OutputValue.objects.bulk_create(
        (
            OutputValue(report=r, definition=by_project[r.project_id], value=Decimal(rng.randint(1, 500)))
            for r in reports
        ),
        batch_size=5000,
    )
    Subsidy.objects.bulk_create(
        Subsidy(partner=p, year=y, amount_eur=Decimal(rng.randint(5_000, 200_000)))
        for p in partners
        for y in range(2021, 2025)
    )
    counts = {
        "projects": Project.objects.count(),
        "measure links": ProjectMeasure.objects.count(),
        "output figures": OutputValue.objects.count(),
        "subsidies": Subsidy.objects.count(),
    }
    return regional.pk, counts


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF (the slowest part)")
    args = parser.parse_args()
    setup_scratch_django("regional")
    from django.test import Client

    from balise.accounts.roles import Role
    from balise.reference.loader import load_reference
    from balise.regional.models import RegionalPlan
    from balise.regional.report.data import build_report
    from balise.regional.report.docx import report_docx
    from balise.regional.report.pdf import report_html, report_pdf
    from tests.factories import user_with_role

    load_reference()
    started = time.perf_counter()
    regional_id, counts = generate(args.projects, args.links)
    print(
        "data: "
        + ", ".join(f"{n} {k}" for k, n in counts.items())
        + f" ({time.perf_counter() - started:.1f} s)"
    )

    coordinator = user_with_role(f"bench-coordinator-{os.getpid()}", Role.REGIONAL_COORDINATOR, "BE-BRU")
    client = Client(headers={"Accept-Language": "fr"})
    client.force_login(coordinator)
    rp = regional_id
    pages = [
        ("trivial page (login form)", "/accounts/login/"),
        ("coverage table (API, 2021-2022)", f"/api/regional/{rp}/coverage?from=2021&to=2022"),
        ("coverage table (API, one partner)", f"/api/regional/{rp}/coverage?partner=1"),
        ("regional dashboard (table, charts, projects)", f"/regional/{rp}/?from=2021&to=2022"),
        (
            "coverage cell drill-down (thematic 4, local)",
            f"/regional/{rp}/coverage/4/local/?from=2021&to=2022",
        ),
    ]
    print(f"{'request':<52}{'median ms':>10}{'first ms':>10}{'queries':>9}")
    for label, url in pages:
        median, queries, first = measure_get(client, url, args.repeat)
        print(f"{label:<52}{median * 1000:>10.0f}{first * 1000:>10.0f}{queries:>9}")
    print(f"(median of {args.repeat} requests after a first one that also draws the charts)")

    regional = RegionalPlan.objects.select_related("plan", "region").get(pk=rp)
    print(f"\n{'annual report 2021-2022':<52}{'wall ms':>10}{'cpu ms':>10}{'load':>8}")
    report = timed("build (queries + charts)", lambda: build_report(regional, 2021, 2022))
    html = timed("HTML", lambda: report_html(report))
    docx = timed("DOCX (python-docx)", lambda: report_docx(report))
    sizes = f"HTML {len(html) / 1e6:.1f} MB, DOCX {len(docx) / 1e6:.1f} MB"
    if not args.no_pdf:
        pdf = timed("PDF (WeasyPrint)", lambda: report_pdf(report))
        sizes += f", PDF {len(pdf) / 1e6:.1f} MB"
    print(sizes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
