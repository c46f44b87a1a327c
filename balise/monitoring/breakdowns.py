"""Figures broken down by a shared dimension across many plans (the federal overview by sex).

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
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise.domain.disaggregation import Figures, ratio, total
from balise.domain.targets import TargetKind
from balise.monitoring.models import IndicatorYearProgress, PartCategory
from balise.monitoring.rollups import GROUP_COLUMNS, group_names, in_group
from balise.plans.models import Plan
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
    where: dict[Any, tuple[tuple, TargetKind]] = {}
    for row in in_force.values("indicator_key", *GROUP_COLUMNS, "indicator__target_kind"):
        summed = SUMMED_KINDS.get(TargetKind(row["indicator__target_kind"] or TargetKind.COUNT))
        if summed is not None:
            where[row["indicator_key"]] = (tuple(row[c] for c in GROUP_COLUMNS), summed)
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
    # (group columns, kind) → category id → the figures of every indicator in it
    cells: dict[tuple[tuple, TargetKind], dict[int, list[Figures]]] = defaultdict(lambda: defaultdict(list))
    counted: dict[tuple[tuple, TargetKind], set] = defaultdict(set)
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
    names = group_names({group for group, _kind in cells}, get_language() or "fr")
    merged: dict[tuple[tuple, str, str, TargetKind], dict[int, list[Figures]]] = defaultdict(
        lambda: defaultdict(list)
    )
    indicators: dict[tuple[tuple, str, str, TargetKind], set] = defaultdict(set)
    for (group, kind), by_category in cells.items():
        order, group_key, label = names[group]
        for category_id, listed in by_category.items():
            merged[(order, group_key, label, kind)][category_id].extend(listed)
        indicators[(order, group_key, label, kind)] |= counted[(group, kind)]
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


def kind_label(kind: TargetKind) -> str:
    return {
        TargetKind.COUNT: _("numbers (sum)"),
        TargetKind.HOURS: _("hours (sum)"),
        TargetKind.PERCENT: _("percentages (from the summed numerators and denominators)"),
    }.get(kind, str(kind))
