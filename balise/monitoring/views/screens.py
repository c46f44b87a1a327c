"""What the values page shows, built from `plan_progress`: the cells of each indicator for the
year, the periods one can enter values for, and the rows of a bulk entry form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.http import QueryDict
from django.utils.translation import gettext as _

from balise import clock
from balise.domain.periods import Granularity, PeriodError, ReportingPeriod, parse_period, periods_of_year
from balise.monitoring.grid import GRID, cells_granularity
from balise.monitoring.models import Evaluation, Measurement
from balise.monitoring.selectors import IndicatorRow, PlanProgress, plan_progress, plan_years
from balise.monitoring.views.common import chosen_year
from balise.monitoring.views.entry import fields_for, initial_of
from balise.monitoring.workflow import evaluation_for
from balise.plans.models import IndicatorDimension, Module, Plan


def granularity_name(granularity: Granularity) -> str:
    return {
        Granularity.YEAR: _("Year"),
        Granularity.QUARTER: _("Quarters"),
        Granularity.MONTH: _("Months"),
        Granularity.WEEK: _("Weeks"),
        Granularity.DAY: _("Days"),
    }[granularity]


@dataclass
class Cell:
    period: str
    measurement: Measurement | None
    due: bool  # the period is over: a missing value is late


@dataclass
class ValueRow:
    row: IndicatorRow
    granularity: Granularity  # of the cells: the one the values were entered with, else the implied one
    cells: list[Cell]
    others: list[Measurement]  # values of periods that are not cells (another granularity)


@dataclass
class EntryRow:
    row: IndicatorRow
    fields: tuple[str, ...]
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    revision: int = 0
    measurement: Measurement | None = None
    per_category: bool = False  # entered per category on the value page, not in the bulk form

    @property
    def prefix(self) -> str:
        return f"i{self.row.indicator.pk}-"

    @property
    def row_errors(self) -> list[str]:
        """Messages about the row rather than one of its inputs (period, revision)."""
        shown = {*self.fields, "comment", "source"}
        return [m for name, msgs in self.errors.items() if name not in shown for m in msgs]


@dataclass
class ValuesScreen:
    plan: Plan
    years: list[int]
    year: int
    progress: PlanProgress
    modules: list[Module]
    module: Module | None
    rows: list[ValueRow]
    evaluation: Evaluation | None
    period: ReportingPeriod | None
    period_options: list[tuple[str, list[str]]]
    entries: list[EntryRow]

    @property
    def locked(self) -> bool:
        return self.evaluation is not None and self.evaluation.is_locked


def value_row(row: IndicatorRow, progress: PlanProgress, today: date) -> ValueRow:
    granularity = cells_granularity(row)
    by_label = {m.period: m for m in row.measurements}
    cells = []
    if granularity in GRID:
        for period in periods_of_year(progress.year, granularity):
            if period.start < progress.start or period.end > progress.end:
                continue  # outside the plan's period
            cells.append(Cell(period.label, by_label.pop(period.label, None), period.end < today))
    return ValueRow(row, granularity, cells, list(by_label.values()))


def _period(raw: str | None, year: int) -> ReportingPeriod | None:
    try:
        period = parse_period(raw or "")
    except PeriodError:
        return None
    return period if period.label.startswith(str(year)) else None


def build_screen(plan: Plan, query: QueryDict, *, today: date | None = None) -> ValuesScreen:
    """The screen for ``query`` (the GET or POST data: year, module, period)."""
    today = today or clock.today()
    years = plan_years(plan)
    year = chosen_year(query.get("year"), years)
    progress = plan_progress(plan, year, today=today)
    modules = list(plan.modules.all())
    module = next((m for m in modules if str(m.pk) == query.get("module")), modules[0] if modules else None)
    own = [r for r in progress.rows if module is not None and r.module.pk == module.pk]
    rows = [value_row(r, progress, today) for r in own]
    granularities = sorted({vr.granularity for vr in rows if vr.granularity in GRID}, key=GRID.index)
    options = [
        (
            granularity_name(g),
            [
                p.label
                for p in periods_of_year(year, g)
                if progress.start <= p.start and p.end <= progress.end
            ],
        )
        for g in granularities
    ]
    period = _period(query.get("period"), year)
    entries = []
    if period is not None:
        split = set(
            IndicatorDimension.objects.filter(indicator__in=[vr.row.indicator.pk for vr in rows]).values_list(
                "indicator_id", flat=True
            )
        )
        for vr in rows:
            existing = next((m for m in vr.row.measurements if m.period == period.label), None)
            if vr.granularity is period.granularity or existing is not None:
                entries.append(
                    EntryRow(
                        vr.row,
                        fields_for(vr.row.target),
                        initial_of(existing),
                        revision=existing.revision if existing else 0,
                        measurement=existing,
                        per_category=vr.row.indicator.pk in split,
                    )
                )
    return ValuesScreen(
        plan=plan,
        years=years,
        year=year,
        progress=progress,
        modules=modules,
        module=module,
        rows=rows,
        evaluation=evaluation_for(plan, year, create=False),
        period=period,
        period_options=options,
        entries=entries,
    )
