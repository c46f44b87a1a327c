"""The reporting calendar: when the activity and financial reports of a year are due, when they
were sent, and what that says to the Coordination indicators "transmission … dans les délais".

Deadlines are created from `balise.finance.defaults.report_deadlines()` (configurable) and can
then be moved one by one. A report's status is `balise.domain.money.report_status`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from balise import clock
from balise.accounts.actors import Actor, require
from balise.accounts.history import set_author
from balise.domain.money import ReportStatus
from balise.domain.text import fold
from balise.finance import validation as read
from balise.finance.actions import check_year, ensure_year_open
from balise.finance.defaults import default_due_on
from balise.finance.errors import Invalid
from balise.finance.models import ReportDeadline, ReportKind
from balise.finance.rules import can_close_finance_year, can_edit_finance
from balise.finance.selectors import plan_years
from balise.monitoring.actions import record_measurement
from balise.monitoring.models import Measurement
from balise.plans.models import Indicator, Module, Plan


@transaction.atomic
def ensure_calendar(plan: Plan, user: Actor) -> list[ReportDeadline]:
    """The deadlines of every year of the plan and both reports, created where missing (a moved
    deadline is kept). Returns the rows created. For those who send the reports (the
    municipality's editors) or move their deadlines (federal analysts)."""
    require(can_edit_finance | can_close_finance_year, user, plan)
    existing = set(ReportDeadline.objects.filter(lineage=plan.lineage).values_list("year", "kind"))
    created = []
    for year in plan_years(plan):
        for kind in ReportKind.values:
            if (year, kind) in existing:
                continue
            row = ReportDeadline(
                plan=plan, lineage=plan.lineage, year=year, kind=kind, due_on=default_due_on(kind, year)
            )
            set_author(row, user)
            row.save()
            created.append(row)
    return created


@transaction.atomic
def set_deadline(
    plan: Plan, year: int, kind: str, data: dict[str, Any], user: Actor, *, today: date | None = None
) -> ReportDeadline:
    """Move a deadline (``due_on``) and/or record when the report was sent (``sent_on``, blank:
    not sent). A report cannot be sent in the future nor before the year it reports on began.
    The municipality's editors record the sending; federal analysts move the deadline."""
    if "sent_on" in data:
        require(can_edit_finance, user, plan)
    if "due_on" in data:
        require(can_close_finance_year, user, plan)
    if not data:
        require(can_edit_finance | can_close_finance_year, user, plan)
    today = today or clock.today()
    check_year(plan, year)
    if kind not in ReportKind.values:
        raise Invalid({"kind": [_("Unknown report.")]})
    errors: read.Errors = {}
    row = (
        ReportDeadline.objects.select_for_update().filter(lineage=plan.lineage, year=year, kind=kind).first()
    )
    due_on: date | None = row.due_on if row else default_due_on(kind, year)
    if "due_on" in data:
        due_on = read.day(errors, "due_on", data.get("due_on"))
    sent_on = row.sent_on if row else None
    if "sent_on" in data:
        sent_on = read.day(errors, "sent_on", data.get("sent_on"), required=False)
    if sent_on is not None and sent_on > today:
        errors.setdefault("sent_on", []).append(_("A report cannot be sent in the future."))
    if sent_on is not None and sent_on < date(year, 1, 1):
        errors.setdefault("sent_on", []).append(
            _("A report on %(year)s cannot be sent before %(year)s.") % {"year": year}
        )
    if errors or due_on is None:  # a missing due date is among the errors (required)
        raise Invalid(errors)
    ensure_year_open(plan, year)
    row = row or ReportDeadline(plan=plan, lineage=plan.lineage, year=year, kind=kind)
    row.due_on, row.sent_on = due_on, sent_on
    set_author(row, user)
    row.save()
    return row


def transmission_indicators(plan: Plan) -> dict[str, list[Indicator]]:
    """The Coordination indicators about sending the reports in time, by report kind:
    "Transmission effective des rapports d'activités dans les délais … : Oui/Non"."""
    found: dict[str, list[Indicator]] = {kind: [] for kind in ReportKind.values}
    for indicator in Indicator.objects.filter(
        strategic_objective__module__plan=plan, strategic_objective__module__kind=Module.Kind.COORDINATION
    ).order_by("id"):
        text = fold(indicator.text)
        if "transmi" not in text or "delai" not in text or "rapport" not in text:
            continue
        if "activit" in text or "activiteit" in text:
            found[ReportKind.ACTIVITY].append(indicator)
        elif "financ" in text:
            found[ReportKind.FINANCIAL].append(indicator)
    return found


@transaction.atomic
def record_transmissions(
    plan: Plan, year: int, user: Actor, *, today: date | None = None
) -> list[Measurement]:
    """Record, for each transmission indicator whose report is decided (sent, or late), the
    yes/no value of the year through `balise.monitoring.actions.record_measurement`: yes when
    the report was sent on time. Reports still to do are left alone. For the municipality's
    editors; all the values or none."""
    require(can_edit_finance, user, plan)
    today = today or clock.today()
    deadlines = {d.kind: d for d in ReportDeadline.objects.filter(lineage=plan.lineage, year=year)}
    recorded: list[Measurement] = []
    for kind, indicators in transmission_indicators(plan).items():
        deadline = deadlines.get(kind)
        if deadline is None:
            continue
        status = deadline.status(today)
        if status is ReportStatus.TO_DO:
            continue
        sent = deadline.sent_on.strftime("%d/%m/%Y") if deadline.sent_on else "—"
        data = {
            "done": status is ReportStatus.ON_TIME,
            "source": _("reporting calendar"),
            "comment": _("due on %(due)s, sent on %(sent)s")
            % {"due": deadline.due_on.strftime("%d/%m/%Y"), "sent": sent},
        }
        for indicator in indicators:
            recorded.append(record_measurement(indicator, str(year), data, user))
    return recorded
