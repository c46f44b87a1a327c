"""The federal analyst's worklist: municipalities × years, what each submitted and how far the
analysis went. A fixed number of queries whatever the number of municipalities: one per year for
the plans in force, then one per kind of fact (indicators, values, evaluations, submissions,
colours, report deadlines) for every row at once.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet

from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.accounts.rules import is_administrator, is_federal_analyst, organisations_with
from balise.accounts.users import Visitor
from balise.domain.money import ReportStatus, report_status
from balise.finance.models import ReportDeadline, ReportKind
from balise.monitoring.models import Assessment, Evaluation, IndicatorYearProgress, Transition
from balise.monitoring.rollups import plans_in_force
from balise.plans.models import Indicator, Module, Plan


@dataclass(frozen=True)
class Filters:
    years: tuple[int, ...]
    region: int | None = None
    phenomenon: int | None = None
    state: str = ""  # an evaluation state, "" for any
    colour: str = ""  # a colour code: rows where at least one indicator got it


@dataclass
class WorklistRow:
    plan: Plan
    year: int
    state: str  # the evaluation's state; "draft" when none was started
    submitted_at: datetime | None
    indicators: int  # indicators with a target: the ones that need values
    with_values: int  # ... of which have at least one value labelled in the year
    total: int  # every indicator: what the analyst assesses
    assessed: int  # indicators with a colour
    colours: dict[str, int] = field(default_factory=dict)
    reports: dict[str, ReportStatus | None] = field(default_factory=dict)  # by ReportKind

    @property
    def municipality(self) -> Organisation:
        municipality = self.plan.municipality
        if municipality is None:  # worklist_plans keeps municipalities' plans only
            raise ValueError(f"plan {self.plan.pk} has no municipality")
        return municipality

    @property
    def region(self) -> Organisation | None:
        return self.municipality.region

    @property
    def completeness(self) -> Decimal | None:
        return percent(self.with_values, self.indicators)

    @property
    def state_label(self) -> str:
        return str(Evaluation.State(self.state).label)


@dataclass(frozen=True)
class Rates:
    label: str
    rows: int
    completeness: Decimal | None  # % of the indicators that need values and have some
    timeliness: Decimal | None  # % of the reports due that were sent in time
    reports_due: int


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def worklist_plans(user: Visitor, year: int) -> QuerySet[Plan]:
    """The municipal plans in force in ``year`` that ``user`` follows: every one for federal
    analysts and administrators, their region's for regional coordinators, none otherwise."""
    # Municipalities' plans only: a police zone's zonal plan is not evaluated in this cycle.
    plans = (
        plans_in_force(year)
        .filter(municipality__kind=Organisation.Kind.MUNICIPALITY)
        .select_related("municipality__region")
    )
    if is_administrator(user) or is_federal_analyst(user):
        return plans
    regions = organisations_with(user, {Role.REGIONAL_COORDINATOR})
    return plans.filter(municipality__region_id__in=regions) if regions else plans.none()


def may_use_worklist(user: Visitor) -> bool:
    return bool(
        is_administrator(user)
        or is_federal_analyst(user)
        or organisations_with(user, {Role.REGIONAL_COORDINATOR})
    )


def worklist(user: Visitor, filters: Filters, *, today: date) -> list[WorklistRow]:
    pairs: list[tuple[Plan, int]] = []
    for year in filters.years:
        plans = worklist_plans(user, year)
        if filters.region:
            plans = plans.filter(municipality__region_id=filters.region)
        if filters.phenomenon:
            plans = plans.filter(
                Exists(Module.objects.filter(plan=OuterRef("pk"), phenomenon_id=filters.phenomenon))
            )
        pairs += [(plan, year) for plan in plans]
    rows = _rows(pairs, today)
    if filters.state:
        rows = [r for r in rows if r.state == filters.state]
    if filters.colour:
        rows = [r for r in rows if r.colours.get(filters.colour)]
    rows.sort(key=lambda r: (r.region.name if r.region else "", r.municipality.name, -r.year, r.plan.title))
    return rows


def _rows(pairs: list[tuple[Plan, int]], today: date) -> list[WorklistRow]:
    if not pairs:
        return []
    plan_ids = {plan.pk for plan, _year in pairs}
    lineages = {plan.lineage for plan, _year in pairs}
    years = {year for _plan, year in pairs}
    plan_indicators = Indicator.objects.filter(strategic_objective__module__plan_id__in=plan_ids)
    counts = {
        row["plan_id"]: row
        for row in plan_indicators.values(plan_id=F("strategic_objective__module__plan_id")).annotate(
            total=Count("id"), targeted=Count("id", filter=~Q(target_kind=""))
        )
    }
    valued = {year: _indicators_with_values(plan_indicators, year) for year in years}
    evaluations = {
        (e.lineage, e.year): e for e in Evaluation.objects.filter(lineage__in=lineages, year__in=years)
    }
    submitted = dict(
        Transition.objects.filter(evaluation__in=evaluations.values(), to_state=Evaluation.State.SUBMITTED)
        .values("evaluation_id")
        .annotate(at=Max("at"))
        .values_list("evaluation_id", "at")
    )
    colours: dict[int, dict[str, int]] = defaultdict(dict)
    for evaluation_id, code, n in (
        Assessment.objects.filter(
            evaluation__in=evaluations.values(),
            subject=Assessment.Target.INDICATOR,
            colour__isnull=False,
        )
        .values("evaluation_id", "colour__code")
        .annotate(n=Count("id"))
        .values_list("evaluation_id", "colour__code", "n")
    ):
        colours[evaluation_id][code] = n
    reports: dict[tuple[uuid.UUID, int], dict[str, ReportStatus]] = defaultdict(dict)
    for d in ReportDeadline.objects.filter(lineage__in=lineages, year__in=years):
        reports[d.lineage, d.year][d.kind] = report_status(d.due_on, d.sent_on, today)
    rows = []
    for plan, year in pairs:
        evaluation = evaluations.get((plan.lineage, year))
        count = counts.get(plan.pk, {"total": 0, "targeted": 0})
        by_colour = colours[evaluation.pk] if evaluation else {}
        rows.append(
            WorklistRow(
                plan=plan,
                year=year,
                state=evaluation.state if evaluation else Evaluation.State.DRAFT,
                submitted_at=submitted.get(evaluation.pk) if evaluation else None,
                indicators=count["targeted"],
                with_values=valued[year].get(plan.pk, 0),
                total=count["total"],
                assessed=sum(by_colour.values()),
                colours=dict(by_colour),
                reports={kind: reports[plan.lineage, year].get(kind) for kind in ReportKind.values},
            )
        )
    return rows


def _indicators_with_values(indicators: QuerySet[Indicator], year: int) -> dict[int, int]:
    """By plan: how many indicators with a target have at least one value labelled in ``year``,
    read from the progress table maintained on write (its ``values`` counts the values labelled in
    the year, every version of the indicator included): one grouped query, no value read."""
    rows = (
        IndicatorYearProgress.objects.filter(
            year=year, values__gt=0, indicator__in=indicators.exclude(target_kind="")
        )
        .values("plan_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["plan_id"]: row["n"] for row in rows}


def rates(rows: Iterable[WorklistRow], label: str) -> Rates:
    rows = list(rows)
    statuses = [s for r in rows for s in r.reports.values() if s is not None and s != ReportStatus.TO_DO]
    on_time = sum(1 for s in statuses if s == ReportStatus.ON_TIME)
    return Rates(
        label=label,
        rows=len(rows),
        completeness=percent(sum(r.with_values for r in rows), sum(r.indicators for r in rows)),
        timeliness=percent(on_time, len(statuses)),
        reports_due=len(statuses),
    )


def rates_by_region(rows: list[WorklistRow], national: str, no_region: str) -> list[Rates]:
    """The national rates first, then one line per region (by name)."""
    grouped: dict[str, list[WorklistRow]] = defaultdict(list)
    for row in rows:
        grouped[row.region.name if row.region else no_region].append(row)
    return [rates(rows, national), *(rates(group, name) for name, group in sorted(grouped.items()))]
