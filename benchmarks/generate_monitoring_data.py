"""Fill a database with monitoring data at national scale: 109 plans × 150 indicators × 48 months.

    .venv/bin/python benchmarks/generate_monitoring_data.py --database sqlite:////tmp/big.sqlite3

Plans run 2021-2024; each has Coordination and four phenomena, 3 strategic objectives per module and
10 indicators per objective (counts per year or month, percentages, hours per day, yes/no); every
indicator has a value for each of the 48 months; the 2024 evaluations are analysed, with a colour
for about 70 % of the indicators and for every strategic objective. Rows are written with
``bulk_create`` (no history rows: this is a load test, not a record of who entered what), then the
progress table is rebuilt from them.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (kind, comparator, value, per, raw) cycled over each objective's 10 indicators
TARGETS = [
    ("count", ">=", Decimal(50), "year", "≥ 50/an"),
    ("count", ">=", Decimal(12), "year", ">/= à 12 par an"),
    ("count", ">=", Decimal(2), "month", "≥ 2/mois"),
    ("percent", ">=", Decimal(30), "", "≥ 30 %"),
    ("hours", ">=", Decimal(7), "day", "≥ 7 h/jour"),
    ("boolean", "", None, "", "Oui/Non"),
    ("count", ">=", Decimal(100), "year", "≥ 100/an"),
    ("count", "<=", Decimal(3), "year", "≤ 3/an"),
    ("percent", ">=", Decimal(80), "", "≥ 80 %"),
    ("count", ">=", Decimal(30), "year", "30x/an"),
]
FIRST_YEAR = 2021


def _months(count: int) -> list[tuple[str, date, date]]:
    import calendar

    months = []
    for n in range(count):
        year, month = FIRST_YEAR + n // 12, n % 12 + 1
        last = calendar.monthrange(year, month)[1]
        months.append((f"{year}-{month:02d}", date(year, month, 1), date(year, month, last)))
    return months


def _values(kind: str, rng: random.Random) -> dict:
    if kind == "count":
        return {"amount": Decimal(rng.randint(0, 9))}
    if kind == "percent":
        denominator = rng.randint(5, 40)
        return {"numerator": Decimal(rng.randint(0, denominator)), "denominator": Decimal(denominator)}
    if kind == "hours":
        days = rng.randint(15, 22)
        return {"amount": Decimal(days * rng.randint(5, 8)), "days": Decimal(days)}
    return {"done": rng.random() < 0.7}


def generate(plans: int = 109, indicators: int = 150, months: int = 48, seed: int = 2024) -> dict[str, int]:
    """Write the data into the configured database (Django must be set up); returns row counts."""
    from django.db import connection

    from balise.accounts.models import Organisation
    from balise.monitoring.defaults import load_colour_scale
    from balise.monitoring.models import Assessment, ColourCode, Evaluation, Measurement
    from balise.plans.models import Indicator, Module, Plan, StrategicObjective
    from balise.reference.loader import load_reference
    from balise.reference.models import Phenomenon

    if connection.vendor == "sqlite":  # a throw-away benchmark file: no need to survive a power cut
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
    rng = random.Random(seed)
    load_reference()
    load_colour_scale()
    colours = list(ColourCode.objects.order_by("order"))
    phenomena = list(Phenomenon.objects.order_by("order"))
    region = Organisation.objects.get(code="BE-BRU")
    per_objective = 10
    objectives_per_module = 3
    modules_per_plan = max(1, indicators // (per_objective * objectives_per_module))
    periods = _months(months)
    last_year = FIRST_YEAR + (months - 1) // 12
    counts = {"plans": 0, "indicators": 0, "measurements": 0, "assessments": 0}
    municipalities = Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.MUNICIPALITY,
            code=f"B{n:04d}",
            name_fr=f"Commune {n:03d}",
            name_nl=f"Gemeente {n:03d}",
            region=region if n % 5 == 0 else None,
        )
        for n in range(plans)
    )
    for number, municipality in enumerate(municipalities):
        plan = Plan.objects.create(
            kind="pssp",
            title=f"PSSP {FIRST_YEAR}-{last_year} {municipality.name_fr}",
            municipality=municipality,
            period_start=date(FIRST_YEAR, 1, 1),
            period_end=date(last_year, 12, 31),
            status="signed",
        )
        modules = Module.objects.bulk_create(
            Module(
                plan=plan,
                order=m,
                kind="coordination" if m == 0 else "phenomenon",
                title="Coordination" if m == 0 else phenomena[(number + m) % len(phenomena)].name_fr,
                phenomenon=None if m == 0 else phenomena[(number + m) % len(phenomena)],
            )
            for m in range(modules_per_plan)
        )
        objectives = StrategicObjective.objects.bulk_create(
            StrategicObjective(
                module=module, order=o, title=f"Objectif {o + 1} — {module.title}", key=uuid.uuid4()
            )
            for module in modules
            for o in range(objectives_per_module)
        )
        rows = []
        for objective in objectives:
            for i in range(per_objective):
                kind, comparator, value, per, raw = TARGETS[i % len(TARGETS)]
                rows.append(
                    Indicator(
                        strategic_objective=objective,
                        order=i,
                        key=uuid.uuid4(),
                        text=f"Indicateur {i + 1} : {raw}",
                        target_kind=kind,
                        target_comparator=comparator,
                        target_value=value,
                        target_per=per,
                        target_raw=raw,
                    )
                )
        created = Indicator.objects.bulk_create(rows[:indicators])
        measurements = [
            Measurement(
                indicator_key=indicator.key,
                indicator=indicator,
                period=label,
                period_start=start,
                period_end=end,
                **_values(indicator.target_kind, rng),
            )
            for indicator in created
            for label, start, end in periods
        ]
        Measurement.objects.bulk_create(measurements, batch_size=2000)
        evaluation = Evaluation.objects.create(
            plan=plan, lineage=plan.lineage, year=last_year, state=Evaluation.State.ANALYSED
        )
        assessments = [
            Assessment(
                evaluation=evaluation, subject="indicator", subject_key=i.key, colour=rng.choice(colours)
            )
            for i in created
            if rng.random() < 0.7
        ]
        assessments += [
            Assessment(
                evaluation=evaluation,
                subject="strategic_objective",
                subject_key=o.key,
                colour=rng.choice(colours),
            )
            for o in objectives
        ]
        Assessment.objects.bulk_create(assessments, batch_size=2000)
        counts["plans"] += 1
        counts["indicators"] += len(created)
        counts["measurements"] += len(measurements)
        counts["assessments"] += len(assessments)
    # The rows above went around the actions (bulk, no history): recompute the progress table as
    # `balise rebuild-progress` does after a restore.
    from balise.monitoring.progress_store import rebuild

    counts["progress rows"] = rebuild()
    if connection.vendor == "postgresql":
        # What autovacuum does in production after a bulk load (it is off on the test server):
        # without statistics the planner took the 109 plans for one and nested its loops.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", required=True, help="a DATABASE_URL, e.g. sqlite:////tmp/big.sqlite3")
    parser.add_argument("--plans", type=int, default=109)
    parser.add_argument("--indicators", type=int, default=150)
    parser.add_argument("--months", type=int, default=48)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counts = generate(args.plans, args.indicators, args.months)
    print(
        ", ".join(f"{n} {name}" for name, n in counts.items()) + f" in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
