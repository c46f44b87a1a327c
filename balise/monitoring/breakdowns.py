"""Figures broken down by a shared dimension across many plans (the federal overview by sex), and
one indicator's year by the categories of its dimensions (`year_by_category`: open data, dashboard).

Only indicators that declare the dimension take part. Their values per category are summed by
the rule of the target's kind (`balise.domain.disaggregation.total`), per group of the overview
(phenomenon, coordination, sector) and per kind of figure, never across kinds: counts (and
ranges) with counts, hours with hours, percentages recomputed from the summed numerators and
denominators. Yes/no and deadline indicators are not summed across plans (a "yes" of one plan
and a "no" of another make no figure). A fixed number of queries whatever the number of plans:
the dimension and its categories, the indicators in force that declare it, the sums per
indicator and category, the groups' names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise.domain.disaggregation import Figures, Part, parse_cell_label, ratio, total
from balise.domain.disaggregation import breakdown as rule_breakdown
from balise.domain.targets import TargetKind
from balise.monitoring.dimensions import dimensions_of
from balise.monitoring.models import IndicatorYearProgress, MeasurementPart, PartCategory
from balise.monitoring.rollups import GROUP_COLUMNS, group_names, in_group
from balise.monitoring.validation import VALUE_FIELDS
from balise.plans.models import Indicator, Plan
from balise.reference.models import Dimension

SUMMED_KINDS = {
    TargetKind.COUNT: TargetKind.COUNT,
    TargetKind.RANGE: TargetKind.COUNT,  # a range's values are counts too
    TargetKind.HOURS: TargetKind.HOURS,
    TargetKind.PERCENT: TargetKind.PERCENT,
}


@dataclass(frozen=True)
class BreakdownRow:
    group: str  # the overview's group key ("phenomenon:cambriolage", "coordination" …)
    label: str
    kind: TargetKind  # count, hours or percent
    indicators: int  # how many indicators (plans' versions in force) have values in it
    figures: tuple[Decimal | None, ...]  # per category, in the dimension's order
    total: Decimal | None


@dataclass(frozen=True)
class Breakdown:
    year: int
    dimension: str  # its code, "" when it does not exist
    dimension_name: str
    categories: tuple[tuple[str, str], ...]  # (code, name)
    rows: list[BreakdownRow]
    dimensions: list[tuple[str, str]]  # every shared dimension, for the picker


def _figure(kind: TargetKind, figures: Figures) -> Decimal | None:
    """The number a cell of the table shows: a sum, or a percentage."""
    if kind is TargetKind.PERCENT:
        value = ratio(figures)
    else:
        value = figures.amount
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# Where an indicator's figures go: (its overview group's columns, the kind they are summed as).
_Place = tuple[tuple[Any, ...], TargetKind]
# A row of the table: (the group's order, key and label, the kind).
_Row = tuple[tuple[Any, ...], str, str, TargetKind]


def breakdown(plans: QuerySet[Plan], year: int, dimension: str = "sex", phenomenon: str = "") -> Breakdown:
    """The figures of ``year`` of ``plans``' indicators that declare ``dimension``, by category."""
    shared = list(Dimension.objects.filter(organisation=None).prefetch_related("categories"))
    picker = [(d.code, d.name) for d in shared]
    chosen = next((d for d in shared if d.code == dimension), None)
    if chosen is None:
        return Breakdown(year, "", "", (), [], picker)
    categories = list(chosen.categories.all())
    in_force = IndicatorYearProgress.objects.filter(
        year=year, plan__in=plans, indicator__dimension_links__dimension=chosen
    )
    if phenomenon:
        in_force = in_force.filter(in_group(phenomenon))
    where = _summed_places(in_force)
    cells, counted = _category_figures(chosen, in_force, year, where)
    merged, indicators = _by_group_name(cells, counted)
    rows = []
    for place in sorted(merged, key=lambda p: (p[0], p[1], list(SUMMED_KINDS.values()).index(p[3]))):
        _order, group_key, label, kind = place
        per_category = {c: total(kind, f) for c, f in merged[place].items()}
        rows.append(
            BreakdownRow(
                group=group_key,
                label=label,
                kind=kind,
                indicators=len(indicators[place]),
                figures=tuple(
                    _figure(kind, per_category[c.pk]) if c.pk in per_category else None for c in categories
                ),
                total=_figure(kind, total(kind, per_category.values())),
            )
        )
    return Breakdown(
        year=year,
        dimension=chosen.code,
        dimension_name=chosen.name,
        categories=tuple((c.code, c.name) for c in categories),
        rows=rows,
        dimensions=picker,
    )


def _summed_places(in_force: QuerySet[IndicatorYearProgress]) -> dict[Any, _Place]:
    """Each indicator in force whose kind is summed across plans, with its place: one query.
    Yes/no and deadline indicators have none."""
    where: dict[Any, _Place] = {}
    for row in in_force.values("indicator_key", *GROUP_COLUMNS, "indicator__target_kind"):
        summed = SUMMED_KINDS.get(TargetKind(row["indicator__target_kind"] or TargetKind.COUNT))
        if summed is not None:
            where[row["indicator_key"]] = (tuple(row[c] for c in GROUP_COLUMNS), summed)
    return where


def _category_figures(
    chosen: Dimension, in_force: QuerySet[IndicatorYearProgress], year: int, where: dict[Any, _Place]
) -> tuple[dict[_Place, dict[int, list[Figures]]], dict[_Place, set[Any]]]:
    """The year's figures of each indicator per category of ``chosen``, summed in the database
    (one query), gathered by place, and the indicators counted in each place."""
    sums = (
        PartCategory.objects.filter(
            dimension=chosen,
            part__measurement__indicator_key__in=in_force.values("indicator_key"),
            part__measurement__period__startswith=str(year),
        )
        .values("part__measurement__indicator_key", "category_id")
        .annotate(
            amount=Sum("part__amount"),
            numerator=Sum("part__numerator"),
            denominator=Sum("part__denominator"),
            days=Sum("part__days"),
        )
        .order_by()
    )
    cells: dict[_Place, dict[int, list[Figures]]] = defaultdict(lambda: defaultdict(list))
    counted: dict[_Place, set[Any]] = defaultdict(set)
    for row in sums:
        indicator_key = row["part__measurement__indicator_key"]
        if indicator_key not in where:
            continue
        cell_place = where[indicator_key]
        figures = Figures(
            amount=row["amount"], numerator=row["numerator"], denominator=row["denominator"], days=row["days"]
        )
        cells[cell_place][row["category_id"]].append(figures)
        counted[cell_place].add(indicator_key)
    return cells, counted


def _by_group_name(
    cells: dict[_Place, dict[int, list[Figures]]], counted: dict[_Place, set[Any]]
) -> tuple[dict[_Row, dict[int, list[Figures]]], dict[_Row, set[Any]]]:
    """Places merged by their group's name in the active language (one query): groups whose
    columns differ but which the overview names alike make one row per kind."""
    names = group_names({group for group, _kind in cells}, get_language() or "fr")
    merged: dict[_Row, dict[int, list[Figures]]] = defaultdict(lambda: defaultdict(list))
    indicators: dict[_Row, set[Any]] = defaultdict(set)
    for (group, kind), by_category in cells.items():
        order, group_key, label = names[group]
        for category_id, listed in by_category.items():
            merged[(order, group_key, label, kind)][category_id].extend(listed)
        indicators[(order, group_key, label, kind)] |= counted[(group, kind)]
    return merged, indicators


def kind_label(kind: TargetKind) -> str:
    return {
        TargetKind.COUNT: _("numbers (sum)"),
        TargetKind.HOURS: _("hours (sum)"),
        TargetKind.PERCENT: _("percentages (from the summed numerators and denominators)"),
    }.get(kind, str(kind))


# --- one indicator's year, by category ------------------------------------------------------------


@dataclass(frozen=True)
class CategoryFigure:
    """The figures of one category of one of an indicator's dimensions over a year (every
    period of the year, summed by the rule of the target's kind), and its figure in the target's
    unit: a sum for counts and hours, a percentage for percentages, yes/no for the others."""

    dimension: str
    dimension_name: str
    category: str
    category_name: str
    figures: Figures

    @property
    def actual(self) -> Decimal | None:
        if self.figures.numerator is not None or self.figures.denominator is not None:
            return _figure(TargetKind.PERCENT, self.figures)
        return self.figures.amount


def year_by_category(
    indicators: Sequence[Indicator], years: Collection[int]
) -> dict[tuple[str, int], list[CategoryFigure]]:
    """Per (indicator key, year): the figures of every category of every dimension the indicator
    declares, in the dimensions' and categories' order (categories without a value left out).
    Three queries whatever the number of indicators and years: the dimensions, their categories,
    the values per category."""
    declared = dimensions_of([i.pk for i in indicators])
    split = {str(i.key): i for i in indicators if i.pk in declared}
    if not split or not years:
        return {}
    in_years = Q()
    for year in years:
        in_years |= Q(measurement__period__startswith=str(year))
    cells: dict[tuple[str, int], list[Part]] = defaultdict(list)
    for part in MeasurementPart.objects.filter(in_years, measurement__indicator_key__in=list(split)).values(
        "cell", "measurement__indicator_key", "measurement__period", *VALUE_FIELDS
    ):
        place = (str(part["measurement__indicator_key"]), int(part["measurement__period"][:4]))
        cells[place].append(
            Part(parse_cell_label(part["cell"]), Figures(**{n: part[n] for n in VALUE_FIELDS}))
        )
    result: dict[tuple[str, int], list[CategoryFigure]] = {}
    for (key, year), parts in cells.items():
        indicator = split[key]
        kind = indicator.target.kind if indicator.target else None
        listed: list[CategoryFigure] = []
        for dimension in declared[indicator.pk]:
            by_category = rule_breakdown(kind, parts, dimension.code)
            listed += [
                CategoryFigure(dimension.code, dimension.name, code, name, by_category[code])
                for _id, code, name in dimension.categories
                if code in by_category
            ]
        result[(key, year)] = listed
    return result
