"""The data-entry grid of a plan's year (a shared read): every indicator × the periods it is
entered for, grouped in one table per kind of period (a yearly target gets one yearly cell, a
monthly one twelve), each cell as the text the grid shows and the revision it was read at.

An indicator broken down by categories (sex × age band…) gets one sub-row per category under its
row: its values are typed there, cell by cell, and its own row shows the total, computed by the
target kind's rules and never typed. A category cell carries the revision of the period's value
it belongs to, so that a write checks it as any other cell's.

A fixed number of queries whatever the number of indicators (`plan_progress`, the declared
dimensions, the values per category, and the year's evaluation).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from balise import clock
from balise.domain.cells import CellShape, CellValues, join_cell, shape_of
from balise.domain.disaggregation import Cell, cell_label
from balise.domain.periods import Granularity, ReportingPeriod, parse_period, periods_of_year
from balise.monitoring.actions import category_key, cell_key
from balise.monitoring.dimensions import DeclaredDimension, all_cells, cell_names, dimensions_of, parts_of
from balise.monitoring.models import Evaluation, Measurement, MeasurementPart, ValueFields
from balise.monitoring.selectors import IndicatorRow, PlanProgress, plan_progress
from balise.monitoring.workflow import evaluation_for
from balise.plans.models import Plan

# Granularities shown as columns; days would be 365 of them (entered on the values page).
GRID = (Granularity.YEAR, Granularity.QUARTER, Granularity.MONTH, Granularity.WEEK)


def cells_granularity(row: IndicatorRow) -> Granularity:
    """The period of an indicator's cells: the one its values were entered with (values entered
    monthly for a yearly count are shown month by month), else the one its target implies."""
    if not row.measurements:
        return row.granularity
    counts = Counter(parse_period(m.period).granularity for m in row.measurements)
    return counts.most_common(1)[0][0]


def cell_text(shape: CellShape, measurement: ValueFields | None) -> str:
    """A stored value (or the value of one category) as the grid writes it, yes/no in the
    reader's language."""
    if measurement is None:
        return ""
    values = CellValues(
        amount=measurement.amount,
        numerator=measurement.numerator,
        denominator=measurement.denominator,
        days=measurement.days,
        done=measurement.done,
        done_on=measurement.done_on,
    )
    return join_cell(shape, values, yes=_("yes"), no=_("no"))


@dataclass(frozen=True)
class GridCell:
    key: str  # "<indicator id>:<period>", what the page and the write name the cell by
    period: str
    text: str
    revision: int  # 0: no value yet
    due: bool  # the period is over


@dataclass(frozen=True)
class CategoryRow:
    """One category of a disaggregated indicator (one category of each of its dimensions)."""

    label: str  # "age_band=18-25|sex=female", the cell's stable name
    name: str  # "Femme · 18 à 25 ans", in the reader's language
    cells: list[GridCell]


@dataclass(frozen=True)
class GridRow:
    row: IndicatorRow
    shape: CellShape
    cells: list[GridCell]  # of a disaggregated indicator: its totals, read-only
    others: list[Measurement]  # values of periods that are not this row's cells
    categories: list[CategoryRow] = field(default_factory=list)  # the cells typed, if disaggregated


@dataclass(frozen=True)
class GridSection:
    granularity: Granularity
    periods: list[ReportingPeriod]
    rows: list[GridRow]


@dataclass(frozen=True)
class PlanGrid:
    plan: Plan
    year: int
    progress: PlanProgress
    sections: list[GridSection]
    elsewhere: list[IndicatorRow]  # entered per day: on the values page
    evaluation: Evaluation | None

    @property
    def locked(self) -> bool:
        return self.evaluation is not None and self.evaluation.is_locked


def _category_rows(
    dimensions: tuple[DeclaredDimension, ...],
    indicator_id: int,
    periods: list[ReportingPeriod],
    shape: CellShape,
    stored: dict[str, Measurement],
    parts: dict[int, dict[Cell, MeasurementPart]],
    today: date,
) -> list[CategoryRow]:
    rows = []
    for cell in all_cells(dimensions):
        label = cell_label(cell)
        cells = []
        for period in periods:
            measurement = stored.get(period.label)
            part = parts.get(measurement.pk, {}).get(cell) if measurement else None
            cells.append(
                GridCell(
                    key=category_key(indicator_id, period.label, label),
                    period=period.label,
                    text=cell_text(shape, part),
                    revision=measurement.revision if measurement else 0,
                    due=period.end < today,
                )
            )
        rows.append(CategoryRow(label, cell_names(dimensions, cell), cells))
    return rows


def plan_grid(plan: Plan, year: int, *, today: date | None = None) -> PlanGrid:
    today = today or clock.today()
    progress = plan_progress(plan, year, today=today)
    periods = {
        g: [p for p in periods_of_year(year, g) if progress.start <= p.start and p.end <= progress.end]
        for g in GRID
    }
    rows: dict[Granularity, list[GridRow]] = {g: [] for g in GRID}
    elsewhere = []
    declared = dimensions_of([r.indicator.pk for r in progress.rows])
    parts: dict[int, dict[Cell, MeasurementPart]] = parts_of(
        m for r in progress.rows if r.indicator.pk in declared for m in r.measurements
    )
    for row in progress.rows:
        granularity = cells_granularity(row)
        if granularity not in rows:
            elsewhere.append(row)
            continue
        shape = shape_of(row.target)
        by_label = {m.period: m for m in row.measurements}
        categories = []
        if row.indicator.pk in declared:
            categories = _category_rows(
                declared[row.indicator.pk],
                row.indicator.pk,
                periods[granularity],
                shape,
                by_label,
                parts,
                today,
            )
        cells = []
        for period in periods[granularity]:
            measurement = by_label.pop(period.label, None)
            cells.append(
                GridCell(
                    key=cell_key(row.indicator.pk, period.label),
                    period=period.label,
                    text=cell_text(shape, measurement),
                    revision=measurement.revision if measurement else 0,
                    due=period.end < today,
                )
            )
        rows[granularity].append(GridRow(row, shape, cells, list(by_label.values()), categories))
    return PlanGrid(
        plan=plan,
        year=year,
        progress=progress,
        sections=[GridSection(g, periods[g], rows[g]) for g in GRID if rows[g]],
        elsewhere=elsewhere,
        evaluation=evaluation_for(plan, year, create=False),
    )
