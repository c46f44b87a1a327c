"""The data of one plan's dashboard: status shares by module, the trend of an indicator, colours by
objective, the figures of disaggregated indicators per category. Roll-ups of many plans are in
`balise.monitoring.rollups`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet

from balise import clock
from balise.domain.periods import parse_period, periods_of_year
from balise.domain.targets import Period, Target, TargetKind
from balise.monitoring.breakdowns import CategoryFigure, year_by_category
from balise.monitoring.models import Assessment, ColourCode, Measurement
from balise.monitoring.selectors import IndicatorRow, plan_progress
from balise.plans.models import Indicator, Module, Plan, StrategicObjective

# --- one plan: status shares by module, the trend of an indicator, colours by objective ---------


@dataclass(frozen=True)
class ModuleRow:
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class TrendRow:
    period: str
    value: Decimal | None
    running: Decimal | None


@dataclass(frozen=True)
class ObjectiveRow:
    label: str
    colours: dict[int, str | None]  # year → colour code
    cells: tuple[str, ...] = ()  # the colour's label per year, "" when not assessed


@dataclass
class PlanDashboard:
    plan: Plan
    year: int
    years: list[int]
    modules: list[ModuleRow]
    choices: list[tuple[int, str]]  # indicators that have a numeric target, for the trend picker
    indicator: Indicator | None
    target: Target | None
    expected: Decimal | None
    cumulative: bool
    trend: list[TrendRow]
    objectives: list[ObjectiveRow]
    scale: list[ColourCode]
    # The indicators broken down by categories that have values this year, with their figures
    # per category of each dimension over the year.
    by_category: list[tuple[Indicator, list[CategoryFigure]]] = field(default_factory=list)


def plan_years(plan: Plan, today: date | None = None) -> list[int]:
    """The years of the plan's period up to this year (at least its first year)."""
    today = today or clock.today()
    first = (plan.period_start or today).year
    last = min((plan.period_end or today).year, max(today.year, first))
    return list(range(first, last + 1))


NUMERIC = (TargetKind.COUNT, TargetKind.HOURS, TargetKind.PERCENT)


def plan_dashboard(plan: Plan, year: int, indicator_id: int | None = None) -> PlanDashboard:
    """The data of the three plan charts and of the figures per category: eight queries whatever
    the size of the plan."""
    progress = plan_progress(plan, year)
    split = year_by_category([r.indicator for r in progress.rows], [year])
    modules: dict[int, str] = {}
    for row in progress.rows:
        modules.setdefault(row.module.pk, row.module.title)
    numeric = [r for r in progress.rows if r.target is not None and r.target.kind in NUMERIC]
    chosen = next((r for r in numeric if r.indicator.pk == indicator_id), None)
    chosen = chosen or next((r for r in numeric if r.measurements), numeric[0] if numeric else None)
    scale = list(ColourCode.objects.all())
    years = plan_years(plan)
    if year not in years:
        years = sorted({*years, year})
    cumulative = bool(
        chosen
        and chosen.target is not None
        and chosen.target.kind is TargetKind.COUNT
        and chosen.target.per in (Period.YEAR, None)
    )
    return PlanDashboard(
        plan=plan,
        year=year,
        years=years,
        modules=[
            ModuleRow(title, {s.value: n for s, n in progress.by_module[pk].items()})
            for pk, title in modules.items()
        ],
        choices=[(r.indicator.pk, r.indicator.text) for r in numeric],
        indicator=chosen.indicator if chosen else None,
        target=chosen.target if chosen else None,
        expected=chosen.progress.expected if chosen else None,
        cumulative=cumulative,
        trend=trend_rows(chosen, progress.start, progress.end, cumulative) if chosen else [],
        objectives=_objective_rows(plan, years, scale),
        scale=scale,
        by_category=[
            (r.indicator, split[(str(r.indicator.key), year)])
            for r in progress.rows
            if (str(r.indicator.key), year) in split
        ],
    )


def _value(measurement: Measurement, target: Target | None) -> Decimal | None:
    if target is None:
        return measurement.amount
    if target.kind is TargetKind.PERCENT:
        if measurement.numerator is None or not measurement.denominator:
            return None
        return (measurement.numerator * 100 / measurement.denominator).quantize(Decimal("0.01"))
    if target.kind is TargetKind.HOURS and target.per is Period.DAY:
        if measurement.amount is None or not measurement.days:
            return None
        return (measurement.amount / measurement.days).quantize(Decimal("0.01"))
    return measurement.amount


def trend_rows(row: IndicatorRow, start: date, end: date, cumulative: bool) -> list[TrendRow]:
    measured = {m.period: _value(m, row.target) for m in row.measurements}
    parsed = [parse_period(label) for label in measured]
    # The finest period the values were entered for: monthly values of a yearly count are shown monthly.
    granularity = min(parsed, key=lambda p: p.days).granularity if parsed else row.granularity
    labels = [p.label for p in periods_of_year(start.year, granularity) if p.end >= start and p.start <= end]
    labels += sorted(set(measured) - set(labels))
    rows, total = [], Decimal(0)
    for label in labels:
        value = measured.get(label)
        total += value or 0
        rows.append(TrendRow(label, value, total if cumulative else None))
    return rows


def _objective_rows(plan: Plan, years: list[int], scale: list[ColourCode]) -> list[ObjectiveRow]:
    objectives = list(
        StrategicObjective.objects.filter(module__plan=plan)
        .order_by("module__order", "module_id", "order", "id")
        .values_list("key", "title")
    )
    colours = {
        (a["subject_key"], a["evaluation__year"]): a["colour__code"]
        for a in Assessment.objects.filter(
            evaluation__lineage=plan.lineage,
            evaluation__year__in=years,
            subject=Assessment.Target.STRATEGIC_OBJECTIVE,
        ).values("subject_key", "evaluation__year", "colour__code")
    }
    labels = {c.code: c.label for c in scale}
    rows = []
    for key, title in objectives:
        codes = {y: colours.get((key, y)) for y in years}
        rows.append(ObjectiveRow(title, codes, tuple(labels.get(codes[y] or "", "") for y in years)))
    return rows


def _addressing_modules(plans: QuerySet[Plan]) -> QuerySet[Module]:
    return Module.objects.filter(
        plan__in=plans, phenomenon__isnull=False, plan__municipality__isnull=False
    ).order_by()  # the modules' own order would make every module distinct


def addressing(plans: QuerySet[Plan]) -> dict[str, set[int]]:
    """For each phenomenon code, the municipalities whose plan among ``plans`` has a module on it."""
    result: dict[str, set[int]] = defaultdict(set)
    rows = _addressing_modules(plans).values_list("phenomenon__code", "plan__municipality_id").distinct()
    for code, municipality in rows:
        result[code].add(municipality)
    return dict(result)


def addressing_counts(plans: QuerySet[Plan]) -> dict[str, int]:
    """For each phenomenon code, how many municipalities have a plan among ``plans`` with a module
    on it: one grouped query, a row per phenomenon whatever the number of plans."""
    rows = _addressing_modules(plans).values("phenomenon__code")
    counted = rows.annotate(n=Count("plan__municipality_id", distinct=True))
    return {row["phenomenon__code"]: row["n"] for row in counted}
