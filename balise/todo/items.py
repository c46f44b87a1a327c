"""What waits for a user: values missing for periods already over, evaluations to act on,
reports overdue. Above monitoring and finance, which each know one part of it."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from balise import clock
from balise.accounts.rules import is_federal_analyst, organisations_with
from balise.accounts.users import Visitor
from balise.domain.periods import periods_of_year
from balise.finance.models import ReportDeadline
from balise.monitoring.models import OPEN_STATES, Evaluation, Measurement
from balise.monitoring.rules import MUNICIPAL_WRITE_ROLES
from balise.monitoring.validation import implied_granularity
from balise.plans.models import Indicator, Plan, PlanStatus
from balise.plans.selectors import current_versions


@dataclass(frozen=True)
class DueItem:
    kind: str  # "values" (values missing) or "evaluation" (an evaluation waits for this user)
    plan: Plan
    year: int
    indicator: Indicator | None = None
    periods: tuple[str, ...] = ()
    state: str = ""


def _plans_recorded_by(user: Visitor) -> list[Plan]:
    municipalities = organisations_with(user, MUNICIPAL_WRITE_ROLES)
    if not municipalities:
        return []
    # Each plan once, as its version in force (not once more for an amendment in draft).
    return list(
        current_versions(Plan.objects.filter(municipality_id__in=municipalities))
        .exclude(status=PlanStatus.SUPERSEDED)
        .select_related("municipality")
    )


def due_items(user: Visitor, today: date | None = None) -> list[DueItem]:
    """What waits for ``user``: values missing for periods already over (this year and last
    year, unless that year's evaluation is submitted), and evaluations to act on."""
    today = today or clock.today()
    items: list[DueItem] = []
    if is_federal_analyst(user):
        submitted = list(Evaluation.objects.filter(state=Evaluation.State.SUBMITTED))
        # The evaluation follows the plan's identity: shown on the version in force.
        current = {
            p.lineage: p
            for p in current_versions(
                Plan.objects.filter(lineage__in={e.lineage for e in submitted})
            ).select_related("municipality")
        }
        for evaluation in submitted:
            plan = current.get(evaluation.lineage)
            if plan is not None:
                items.append(DueItem("evaluation", plan, evaluation.year, state=evaluation.state))
    items += due_reports(user, today)  # reports whose deadline passed (finance calendar)
    plans = _plans_recorded_by(user)
    if not plans:
        return items
    years = (today.year - 1, today.year)
    evaluations = Evaluation.objects.filter(lineage__in={p.lineage for p in plans}).filter(
        Q(year__in=years) | Q(state=Evaluation.State.RETURNED)
    )
    states = {(e.lineage, e.year): e.state for e in evaluations}
    by_lineage = {p.lineage: p for p in plans}
    for (lineage, year), state in sorted(states.items(), key=lambda kv: kv[0][1]):
        if year < years[0] and state == Evaluation.State.RETURNED:  # an older year sent back
            items.append(DueItem("evaluation", by_lineage[lineage], year, state=state))
    indicators = list(
        Indicator.objects.filter(strategic_objective__module__plan__in=plans)
        .exclude(target_kind="")
        .select_related("strategic_objective__module")
        .order_by("strategic_objective__module__plan_id", "strategic_objective__module__order", "order", "id")
    )
    spans: dict[uuid.UUID, list[tuple[date, date]]] = defaultdict(list)
    for m in Measurement.objects.filter(
        indicator_key__in=[i.key for i in indicators], period_end__gte=date(years[0], 1, 1)
    ).only("indicator_key", "period_start", "period_end"):
        spans[m.indicator_key].append((m.period_start, m.period_end))
    by_plan = {p.pk: p for p in plans}
    for year in years:
        for plan in plans:
            state = states.get((plan.lineage, year), Evaluation.State.DRAFT)
            last_year_open = (
                year == today.year - 1 and state == Evaluation.State.DRAFT and _covers(plan, year)
            )
            if last_year_open or state == Evaluation.State.RETURNED:
                items.append(DueItem("evaluation", plan, year, state=state))
        for indicator in indicators:
            plan = by_plan[indicator.strategic_objective.module.plan_id]
            if states.get((plan.lineage, year), Evaluation.State.DRAFT) not in OPEN_STATES:
                continue
            missing = _missing_periods(indicator, plan, year, today, spans.get(indicator.key, []))
            if missing:
                items.append(DueItem("values", plan, year, indicator=indicator, periods=missing))
    return items


def _covers(plan: Plan, year: int) -> bool:
    return (plan.period_start is None or plan.period_start.year <= year) and (
        plan.period_end is None or plan.period_end.year >= year
    )


def _missing_periods(
    indicator: Indicator, plan: Plan, year: int, today: date, spans: list[tuple[date, date]]
) -> tuple[str, ...]:
    granularity = implied_granularity(indicator.target)
    missing = []
    for period in periods_of_year(year, granularity):
        if period.end >= today:
            break
        if (plan.period_start and period.start < plan.period_start) or (
            plan.period_end and period.end > plan.period_end
        ):
            continue
        if not any(start <= period.end and period.start <= end for start, end in spans):
            missing.append(period.label)
    return tuple(missing)


def due_reports(user: Visitor, today: date | None = None) -> list[DueItem]:
    """Reports overdue (deadline passed, not sent) for the plans of the municipalities where
    ``user`` records values (editors, internal evaluators): `DueItem` of kind "report", with the
    report kind as ``state``. Two queries."""
    today = today or clock.today()
    municipalities = organisations_with(user, MUNICIPAL_WRITE_ROLES)
    if not municipalities:
        return []
    overdue = list(
        ReportDeadline.objects.filter(
            plan__municipality_id__in=municipalities, sent_on__isnull=True, due_on__lt=today
        )
    )
    if not overdue:
        return []
    # Shown on the version in force of the plan (a deadline may have been set on an older one).
    current = {
        p.lineage: p
        for p in current_versions(Plan.objects.filter(lineage__in={d.lineage for d in overdue}))
        .exclude(status=PlanStatus.SUPERSEDED)
        .select_related("municipality")
    }
    return [
        DueItem("report", current[d.lineage], d.year, state=d.kind) for d in overdue if d.lineage in current
    ]


@dataclass
class PlanDue:
    """What is due for one plan: evaluations to act on, values missing per indicator."""

    plan: Plan
    evaluations: list[DueItem] = field(default_factory=list)
    values: list[DueItem] = field(default_factory=list)
    reports: list[DueItem] = field(default_factory=list)  # overdue reports (balise.finance)

    @property
    def missing_count(self) -> int:
        return sum(len(item.periods) for item in self.values)


def due_by_plan(user: Visitor, today: date | None = None) -> list[PlanDue]:
    today = today or clock.today()
    grouped: dict[int, PlanDue] = {}
    for item in due_items(user, today):
        entry = grouped.setdefault(item.plan.pk, PlanDue(item.plan))
        kinds = {"evaluation": entry.evaluations, "report": entry.reports}
        kinds.get(item.kind, entry.values).append(item)
    return list(grouped.values())
