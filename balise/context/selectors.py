"""Reads of context statistics: the trend of each phenomenon for a municipality and its zone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Max, QuerySet
from django.utils.translation import get_language

from balise.context.models import Figure
from balise.domain.languages import pick
from balise.reference.models import Phenomenon

NO_FIGURES = "-"


@dataclass(frozen=True)
class Series:
    category: str  # its name in the active language
    source: str  # "police" or "monitor"
    unit: str
    place: str  # the municipality or police zone the figures are for
    points: tuple[tuple[int, Decimal], ...]  # (year, value), oldest first

    @property
    def change(self) -> Decimal | None:
        """Relative change from the first to the last year, in percent (None without a base)."""
        if len(self.points) < 2 or not self.points[0][1]:
            return None
        first, last = self.points[0][1], self.points[-1][1]
        return ((last - first) / first * 100).quantize(Decimal("1"))

    @property
    def rising(self) -> bool:
        return len(self.points) >= 2 and self.points[-1][1] > self.points[-2][1]


def stamp() -> str:
    """Changes with every import (for caches of pages that show trends)."""
    last = Figure.objects.aggregate(last=Max("imported_at"))["last"]
    return last.isoformat() if last else NO_FIGURES


def trends(organisation_ids: list[int], phenomenon_ids: list[int]) -> dict[int, list[Series]]:
    """For each phenomenon, the series of the categories that inform it, for the given places
    (a municipality and its police zone): one query."""
    rows = (
        Figure.objects.filter(
            organisation_id__in=organisation_ids, category__phenomena__id__in=phenomenon_ids
        )
        .values_list(
            "category__phenomena__id",
            "category_id",
            "category__name_fr",
            "category__name_nl",
            "category__name_de",
            "category__source",
            "category__unit",
            "organisation_id",
            "organisation__name_fr",
            "organisation__name_nl",
            "organisation__name_de",
            "year",
            "value",
        )
        .order_by("category__source", "category__code", "organisation_id", "year")
    )
    language = get_language()
    grouped: dict[tuple, list[tuple[int, Decimal]]] = defaultdict(list)
    labels: dict[tuple, tuple[str, str, str, str]] = {}
    for phenomenon, category, cfr, cnl, cde, source, unit, org, ofr, onl, ode, year, value in rows:
        key = (phenomenon, category, org)
        grouped[key].append((year, value))
        labels[key] = (pick(language, cfr, cnl, cde), source, unit, pick(language, ofr, onl, ode))
    result: dict[int, list[Series]] = defaultdict(list)
    for key, points in grouped.items():
        name, source, unit, place = labels[key]
        result[key[0]].append(Series(name, source, unit, place, tuple(points)))
    return dict(result)


def phenomena_context(organisation_ids: list[int]) -> list[tuple[str, list[Series]]]:
    """Every phenomenon with published figures for these places, by name, with its series."""
    by_phenomenon = trends(organisation_ids, list(Phenomenon.objects.values_list("pk", flat=True)))
    names = {p.pk: p.name for p in Phenomenon.objects.filter(pk__in=by_phenomenon)}
    return sorted(((names[pk], series) for pk, series in by_phenomenon.items()), key=lambda item: item[0])


def rising_places(organisation_ids: Collection[int] | QuerySet[Any]) -> dict[str, set[int]]:
    """For each phenomenon code, the places among ``organisation_ids`` (ids, or a query of them:
    ten thousand ids written into the SQL took seconds to compile) whose latest police figure of
    a category informing it is above the year before (one query)."""
    rows = (
        Figure.objects.filter(organisation_id__in=organisation_ids, category__source="police")
        .values_list("category__phenomena__code", "category_id", "organisation_id", "year", "value")
        .order_by("category_id", "organisation_id", "year")
    )
    last_two: dict[tuple, list[tuple[int, Decimal]]] = defaultdict(list)
    for code, category, place, year, value in rows:
        if code:
            last_two[(code, category, place)] = [*last_two[(code, category, place)][-1:], (year, value)]
    rising: dict[str, set[int]] = defaultdict(set)
    for (code, _category, place), points in last_two.items():
        if len(points) == 2 and points[1][0] == points[0][0] + 1 and points[1][1] > points[0][1]:
            rising[code].add(place)
    return dict(rising)
