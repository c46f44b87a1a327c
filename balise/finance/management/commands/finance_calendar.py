"""``manage.py finance_calendar [--plan ID] [--transmissions YEAR]``: set the usual report
deadlines of every plan in force (existing deadlines are kept), and optionally fill the
Coordination "transmission … dans les délais" indicators of a year from the calendar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balise.accounts.actors import SYSTEM
from balise.finance.calendar import ensure_calendar, record_transmissions
from balise.monitoring.errors import MonitoringError
from balise.plans.models import Plan, PlanKind, PlanStatus


class Command(BaseCommand):
    help = "Set the usual report deadlines of the plans; optionally fill the transmission indicators."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", type=int, help="only this plan (id)")
        parser.add_argument(
            "--transmissions", type=int, metavar="YEAR", help="also record the indicators of YEAR"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plans = Plan.objects.filter(municipality__isnull=False).exclude(kind=PlanKind.PGSP)
        plans = plans.exclude(status=PlanStatus.SUPERSEDED).order_by("pk")
        if options["plan"]:
            plans = plans.filter(pk=options["plan"])
            if not plans.exists():
                raise CommandError(f"no municipal plan in force with id {options['plan']}")
        created = recorded = 0
        for plan in plans:
            created += len(ensure_calendar(plan, SYSTEM))
            year = options["transmissions"]
            if year is not None and plan.period_start and plan.period_start.year <= year:
                try:
                    recorded += len(record_transmissions(plan, year, SYSTEM))
                except MonitoringError as exc:  # e.g. the evaluation of that year is submitted
                    self.stderr.write(f"plan {plan.pk}: {exc}")
        self.stdout.write(f"{created} deadline(s) created; {recorded} transmission value(s) recorded")
