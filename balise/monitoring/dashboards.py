"""Aggregate reads for the dashboards: statuses of many plans' indicators in a bounded number of queries.

The federal overview cannot call `plan_progress` per plan (109 plans × 150 indicators). Instead one
SQL query sums each indicator's values of the year (amounts, numerators and denominators, days,
the last yes/no, the first date done), then `progress_from_totals` applies the rules of
`balise.domain.progress.compute` to those sums in Python. The result is the same as `plan_progress`
(the tests compare both on the demo plan).
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Least
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise.domain.languages import pick
from balise.domain.periods import parse_period, periods_of_year
from balise.domain.progress import Progress, Status, compute
from balise.domain.progress import Value as Measured
from balise.domain.targets import Period, Target, TargetKind
from balise.monitoring.models import Assessment, ColourCode, Evaluation, Measurement
from balise.monitoring.selectors import partly_threshold, plan_progress, year_window
from balise.plans.models import Indicator, Module, Plan, StrategicObjective
from balise.plans.selectors import current_versions
from balise.plans.targets import target_of

# --- the pure part: progress from the sums of a window -------------------------------------------


@dataclass(frozen=True)
class Totals:
    """The values of one indicator inside a window, summed (what `compute` needs, nothing more)."""

    values: int = 0  # measurements in the window
    amounts: int = 0  # … with an amount
    amount: Decimal | None = None
    pairs: int = 0  # … with both a numerator and a denominator
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    days: Decimal | None = None  # days worked, over the measurements with an amount
    missing_days: int = 0  # measurements with an amount but no days
    span_days: int = 0  # calendar days covered by those measurements
    last_done: bool | None = None  # the yes/no of the latest answered period
    first_done_on: date | None = None  # earliest date done (or end of period) among "done" values


def progress_from_totals(
    target: Target | None,
    totals: Totals,
    start: date,
    end: date,
    *,
    partly: Decimal,
    today: date | None = None,
) -> Progress:
    """`compute` fed with one synthetic value per quantity: the sums give the same aggregates."""
    zero = Decimal(0)
    value: Measured | None = None
    kind = target.kind if target else None
    if totals.values == 0:
        value = None
    elif kind is TargetKind.BOOLEAN:
        value = Measured(start, end, done=totals.last_done)
    elif kind is TargetKind.DEADLINE:
        done = totals.first_done_on is not None
        value = Measured(start, end, done=done or None, done_on=totals.first_done_on)
    elif kind is TargetKind.PERCENT:
        if totals.pairs:
            value = Measured(
                start, end, numerator=totals.numerator or zero, denominator=totals.denominator or zero
            )
        else:
            value = Measured(start, end)
    elif kind is TargetKind.HOURS and totals.amounts:
        days: Decimal | None = totals.days or zero
        if target.per is Period.DAY and totals.missing_days:
            days = None
        elif target.per in (Period.WEEK, Period.MONTH):
            days = (totals.days or zero) + totals.span_days
        value = Measured(start, end, amount=totals.amount or zero, days=days)
    elif totals.amounts:
        value = Measured(start, end, amount=totals.amount or zero)
    else:
        value = Measured(start, end)
    progress = compute(target, [value] if value else [], start, end, partly=partly, today=today)
    return replace(progress, values=totals.values)


# --- the SQL part ------------------------------------------------------------------------------


def plans_in_force(year: int) -> QuerySet[Plan]:
    """The version in force of each municipal plan whose period overlaps ``year``: the newest
    signed one covering the year (a draft amendment does not replace it); a plan never signed
    counts by its newest draft, which pages label as a draft."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    covers = Q(period_start__lte=end) & (Q(period_end__isnull=True) | Q(period_end__gte=start))
    municipal = Plan.objects.filter(covers, municipality__isnull=False).exclude(kind="pgsp")
    return current_versions(municipal, among=covers)


def year_totals(keys: QuerySet | Iterable[uuid.UUID], year: int, span_keys=()) -> dict[uuid.UUID, Totals]:
    """Two queries: the sums of each indicator's measurements labelled in ``year`` and, for the
    indicators in ``span_keys`` (hours per week or month), the days covered by values without days.

    Like `plan_progress`, a value counts for the year of its label, its dates cut to the year
    (an ISO week may start in December).
    """
    last = Value(date(year, 12, 31))
    end = Least(F("period_end"), last)
    # The label decides the year; the date range (week 1 may start on 29 December) lets the
    # database walk the (indicator_key, period_start) index instead of every value of the key.
    in_year = Measurement.objects.filter(
        period__startswith=str(year), period_start__gte=date(year - 1, 12, 28), period_start__lte=last.value
    )
    both = Q(numerator__isnull=False, denominator__isnull=False)
    no_days = Q(amount__isnull=False, days__isnull=True)
    # The latest yes/no without a correlated subquery: the greatest "end start answer" string.
    answer = Case(When(done=True, then=Value("1")), default=Value("0"))
    dated_answer = Concat(
        Cast("period_end", CharField()), Cast("period_start", CharField()), answer, output_field=CharField()
    )
    rows = (
        in_year.filter(indicator_key__in=keys)
        .values("indicator_key")
        .annotate(
            n=Count("id"),
            amounts=Count("amount"),
            amount_sum=Sum("amount"),
            pairs=Count("id", filter=both),
            numerator_sum=Sum("numerator", filter=both),
            denominator_sum=Sum("denominator", filter=both),
            days_sum=Sum("days", filter=Q(amount__isnull=False)),
            missing_days=Count("id", filter=no_days),
            last_answer=Max(dated_answer, filter=Q(done__isnull=False)),
            first_done_on=Min(Coalesce(F("done_on"), end), filter=Q(done=True)),
        )
        .order_by()
    )
    spans: Counter[uuid.UUID] = Counter()
    first = date(year, 1, 1)
    for key, start_, end_ in in_year.filter(no_days, indicator_key__in=span_keys).values_list(
        "indicator_key", "period_start", "period_end"
    ):
        spans[key] += (min(end_, last.value) - max(start_, first)).days + 1
    return {
        row["indicator_key"]: Totals(
            values=row["n"],
            amounts=row["amounts"],
            amount=row["amount_sum"],
            pairs=row["pairs"],
            numerator=row["numerator_sum"],
            denominator=row["denominator_sum"],
            days=row["days_sum"],
            missing_days=row["missing_days"],
            span_days=spans[row["indicator_key"]],
            last_done=None if row["last_answer"] is None else row["last_answer"].endswith("1"),
            first_done_on=row["first_done_on"],
        )
        for row in rows
    }


@dataclass(frozen=True)
class IndicatorStatus:
    key: uuid.UUID
    plan_id: int
    municipality_id: int
    municipality: str
    group: str  # "coordination", "phenomenon:<code>", "sector:<code>", "other"
    group_label: str
    group_order: tuple
    status: Status
    colour: str  # the colour code of the year's assessment, "" when not assessed


def indicator_statuses(
    plans: QuerySet[Plan], year: int, *, today: date | None = None
) -> list[IndicatorStatus]:
    """The status and colour of every indicator of ``plans`` in ``year``: four queries."""
    today = today or timezone.localdate()
    partly = partly_threshold()
    module = "strategic_objective__module__"
    indicators = list(
        Indicator.objects.filter(strategic_objective__module__plan__in=plans).values(
            "key",
            "target_kind",
            "target_comparator",
            "target_value",
            "target_per",
            "target_deadline",
            "target_raw",
            f"{module}kind",
            f"{module}order",
            f"{module}phenomenon__code",
            f"{module}phenomenon__name_fr",
            f"{module}phenomenon__name_nl",
            f"{module}phenomenon__name_de",
            f"{module}phenomenon__order",
            f"{module}sector__code",
            f"{module}sector__name_fr",
            f"{module}sector__name_nl",
            f"{module}sector__name_de",
            f"{module}plan_id",
            f"{module}plan__lineage",
            f"{module}plan__period_start",
            f"{module}plan__period_end",
            f"{module}plan__municipality_id",
            f"{module}plan__municipality__name_fr",
            f"{module}plan__municipality__name_nl",
            f"{module}plan__municipality__name_de",
        )
    )
    scope = Indicator.objects.filter(strategic_objective__module__plan__in=plans)
    spanned = scope.filter(target_kind=TargetKind.HOURS, target_per__in=(Period.WEEK, Period.MONTH))
    totals = year_totals(scope.values("key"), year, spanned.values("key"))
    colours = {
        (a["evaluation__lineage"], a["subject_key"]): a["colour__code"] or ""
        for a in Assessment.objects.filter(
            evaluation__year=year,
            evaluation__lineage__in=plans.values("lineage"),
            subject=Assessment.Target.INDICATOR,
        ).values("evaluation__lineage", "subject_key", "colour__code")
    }
    language = get_language() or "fr"
    windows: dict[int, tuple[date, date]] = {}
    result = []
    for row in indicators:
        plan_id = row[f"{module}plan_id"]
        if plan_id not in windows:
            dates = SimpleNamespace(
                period_start=row[f"{module}plan__period_start"], period_end=row[f"{module}plan__period_end"]
            )
            windows[plan_id] = year_window(dates, year)
        start, end = windows[plan_id]
        target = target_of(_Columns(row))
        progress = progress_from_totals(
            target, totals.get(row["key"], Totals()), start, end, partly=partly, today=today
        )
        group, label, order = _group(row, module, language)
        result.append(
            IndicatorStatus(
                key=row["key"],
                plan_id=plan_id,
                municipality_id=row[f"{module}plan__municipality_id"],
                municipality=_name(row, f"{module}plan__municipality__", language),
                group=group,
                group_label=label,
                group_order=order,
                status=progress.status,
                colour=colours.get((row[f"{module}plan__lineage"], row["key"]), ""),
            )
        )
    return result


class _Columns:
    """An indicator's target columns read from a ``values()`` row, for `target_of`."""

    def __init__(self, row: dict) -> None:
        for name in ("kind", "comparator", "value", "per", "deadline", "raw"):
            setattr(self, f"target_{name}", row[f"target_{name}"])


def _name(row: dict, prefix: str, language: str) -> str:
    return pick(language, row[f"{prefix}name_fr"] or "", row[f"{prefix}name_nl"], row[f"{prefix}name_de"])


def _group(row: dict, module: str, language: str) -> tuple[str, str, tuple]:
    if row[f"{module}kind"] == Module.Kind.COORDINATION:
        return "coordination", _("Coordination"), (0, 0)
    if row[f"{module}phenomenon__code"]:
        code = row[f"{module}phenomenon__code"]
        return (
            f"phenomenon:{code}",
            _name(row, f"{module}phenomenon__", language),
            (1, row[f"{module}phenomenon__order"]),
        )
    if row[f"{module}sector__code"]:
        return f"sector:{row[f'{module}sector__code']}", _name(row, f"{module}sector__", language), (2, 0)
    return "other", _("Other modules"), (3, 0)


# --- the federal overview ------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    key: str  # the group (phenomenon) or the municipality id
    label: str
    statuses: dict[str, int]
    colours: dict[str, int]  # colour code → indicators; "" = not assessed
    columns: tuple[int, ...] = ()  # the counts in the order of the table: statuses, then colours

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


@dataclass(frozen=True)
class FederalOverview:
    year: int
    phenomenon: str  # "" for all, else the group key ("phenomenon:<code>", "coordination"…)
    rows: list[OverviewRow]
    totals: OverviewRow
    scale: list[ColourCode]
    groups: list[tuple[str, str]]  # every group present, for the picker
    plans: int


def federal_overview(plans: QuerySet[Plan], year: int, phenomenon: str = "", *, today: date | None = None):
    """Counts by status and colour per phenomenon (or, for one phenomenon, per municipality)."""
    statuses = indicator_statuses(plans, year, today=today)
    scale = list(ColourCode.objects.all())
    groups = sorted({(s.group_order, s.group, s.group_label) for s in statuses})
    selected = [s for s in statuses if not phenomenon or s.group == phenomenon]
    if phenomenon:
        row_of: Callable[[IndicatorStatus], tuple] = lambda s: (s.municipality, str(s.municipality_id))  # noqa: E731
    else:
        row_of = lambda s: (s.group_order, s.group, s.group_label)  # noqa: E731
    by_row: dict[tuple, list[IndicatorStatus]] = defaultdict(list)
    for item in selected:
        by_row[row_of(item)].append(item)
    rows = [
        _counts(key[-1] if phenomenon else key[1], key[0] if phenomenon else key[2], items, scale)
        for key, items in sorted(by_row.items())
    ]
    return FederalOverview(
        year=year,
        phenomenon=phenomenon,
        rows=rows,
        totals=_counts("total", _("Total"), selected, scale),
        scale=scale,
        groups=[(group, label) for _order, group, label in groups],
        plans=len({s.plan_id for s in selected}),
    )


def _counts(key: str, label: str, items: list[IndicatorStatus], scale=()) -> OverviewRow:
    statuses = Counter(s.status.value for s in items)
    colours = Counter(s.colour for s in items)
    by_status = {s.value: statuses.get(s.value, 0) for s in Status}
    columns = (*by_status.values(), *(colours.get(c.code, 0) for c in scale), colours.get("", 0))
    return OverviewRow(key, label, by_status, dict(colours), columns)


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


def plan_years(plan: Plan, today: date | None = None) -> list[int]:
    """The years of the plan's period up to this year (at least its first year)."""
    today = today or timezone.localdate()
    first = (plan.period_start or today).year
    last = min((plan.period_end or today).year, max(today.year, first))
    return list(range(first, last + 1))


NUMERIC = (TargetKind.COUNT, TargetKind.HOURS, TargetKind.PERCENT)


def plan_dashboard(plan: Plan, year: int, indicator_id: int | None = None) -> PlanDashboard:
    """The data of the three plan charts: five queries whatever the size of the plan."""

    progress = plan_progress(plan, year)
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
        chosen and chosen.target.kind is TargetKind.COUNT and chosen.target.per in (Period.YEAR, None)
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
    )


def _value(measurement: Measurement, target: Target) -> Decimal | None:
    if target.kind is TargetKind.PERCENT:
        if measurement.numerator is None or not measurement.denominator:
            return None
        return (measurement.numerator * 100 / measurement.denominator).quantize(Decimal("0.01"))
    if target.kind is TargetKind.HOURS and target.per is Period.DAY:
        if measurement.amount is None or not measurement.days:
            return None
        return (measurement.amount / measurement.days).quantize(Decimal("0.01"))
    return measurement.amount


def trend_rows(row, start: date, end: date, cumulative: bool) -> list[TrendRow]:

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


# --- one municipality across years and plan versions ----------------------------------------------


@dataclass(frozen=True)
class MunicipalityYear:
    year: int
    plan: Plan
    counts: dict[str, int]
    colours: dict[str, int]
    evaluation_state: str
    columns: tuple[int, ...] = ()  # statuses then colours of the scale, then "not assessed"


def municipality_years(municipality_id: int, *, today: date | None = None) -> list[MunicipalityYear]:
    """Per year and plan in force that year: statuses and colours; four queries per year."""

    today = today or timezone.localdate()
    plans = list(
        Plan.objects.filter(municipality_id=municipality_id, period_start__isnull=False).exclude(kind="pgsp")
    )
    if not plans:
        return []
    first = min(p.period_start.year for p in plans)
    last = min(max((p.period_end or today).year for p in plans), max(today.year, first))
    by_id = {p.pk: p for p in plans}
    scale = list(ColourCode.objects.all())
    states = {
        (e.lineage, e.year): e.get_state_display()
        for e in Evaluation.objects.filter(lineage__in={p.lineage for p in plans})
    }
    result = []
    for year in range(first, last + 1):
        in_force = plans_in_force(year).filter(municipality_id=municipality_id)
        by_plan: dict[int, list[IndicatorStatus]] = defaultdict(list)
        for item in indicator_statuses(in_force, year, today=today):
            by_plan[item.plan_id].append(item)
        for plan_id, items in sorted(by_plan.items(), key=lambda kv: (by_id[kv[0]].kind, kv[0])):
            plan = by_id[plan_id]
            counts = _counts("", "", items, scale)
            result.append(
                MunicipalityYear(
                    year,
                    plan,
                    counts.statuses,
                    counts.colours,
                    states.get((plan.lineage, year), ""),
                    counts.columns,
                )
            )
    return result


def addressing(plans: QuerySet[Plan]) -> dict[str, set[int]]:
    """For each phenomenon code, the municipalities whose plan among ``plans`` has a module on it."""
    result: dict[str, set[int]] = defaultdict(set)
    rows = Module.objects.filter(plan__in=plans, phenomenon__isnull=False, plan__municipality__isnull=False)
    for code, municipality in rows.values_list("phenomenon__code", "plan__municipality_id").distinct():
        result[code].add(municipality)
    return dict(result)
