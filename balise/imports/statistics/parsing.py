"""Rows → figures and unplaced lines (see the package docstring)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

from balise.domain.text import fold

PLACE_HEADINGS = {
    "commune",
    "gemeente",
    "gemeinde",
    "municipality",
    "nis",
    "code ins",
    "nis code",
    "code nis",
    "refnis",
    "zone de police",
    "politiezone",
    "polizeizone",
    "police zone",
    "zone",
    "lieu",
    "plaats",
}
CATEGORY_HEADINGS = {
    "categorie",
    "kategorie",
    "category",
    "fait",
    "feit",
    "faits",
    "feiten",
    "criminal figure",
    "criminaliteitsfenomeen",
    "phenomene",
    "fenomeen",
    "indicateur",
    "indicator",
    "indikator",
    "question",
    "vraag",
    "frage",
    "sous categorie",
    "subcategorie",
}
YEAR_HEADINGS = {"annee", "jaar", "jahr", "year"}
VALUE_HEADINGS = {"valeur", "waarde", "wert", "value", "nombre", "aantal", "anzahl", "total", "totaal", "%"}
YEAR = re.compile(r"^(19|20)\d\d$")


P = TypeVar("P")  # what `resolve_place` returns
C = TypeVar("C")  # what `resolve_category` returns


@dataclass(frozen=True)
class ParsedFigure(Generic[P, C]):
    line: int
    place: P
    category: C
    year: int
    value: Decimal


@dataclass
class Parsed(Generic[P, C]):
    figures: list[ParsedFigure[P, C]] = field(default_factory=list)
    unplaced: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, reason)
    placed_lines: int = 0


class NoHeader(ValueError):
    pass


def number(text: str) -> Decimal | None:
    """``"1 234"``, ``"1.234"``, ``"12,5 %"`` → Decimal; ``""``, ``"-"``, ``"n.d."`` → None."""
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").rstrip("%")
    if not cleaned or not re.search(r"\d", cleaned):
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # a thousands separator, not a decimal point
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _header(rows: list[list[str]]) -> tuple[int, dict[str, list[int]]]:
    for index, row in enumerate(rows[:30]):
        keys = [fold(cell) for cell in row]
        columns: dict[str, list[int]] = {"place": [], "category": [], "year": [], "value": [], "years": []}
        for n, key in enumerate(keys):
            if key in PLACE_HEADINGS:
                columns["place"].append(n)
            elif key in CATEGORY_HEADINGS:
                columns["category"].append(n)
            elif key in YEAR_HEADINGS:
                columns["year"].append(n)
            elif key in VALUE_HEADINGS or row[n].strip() == "%":
                columns["value"].append(n)
            elif YEAR.match(row[n].strip().split(".")[0]):
                columns["years"].append(n)
        wide = columns["years"]
        long = columns["year"] and columns["value"]
        if columns["place"] and columns["category"] and (wide or long):
            return index, columns
    raise NoHeader(_("no header line with a place, a category and years (or a year and a value) column"))


def parse(
    rows: list[list[str]],
    resolve_place: Callable[[str], P | None],
    resolve_category: Callable[[str], C | None],
) -> Parsed[P, C]:
    """Figures of ``rows``; lines above the header are accounted for as unplaced."""
    start, columns = _header(rows)
    header = rows[start]
    result: Parsed[P, C] = Parsed()
    for n, row in enumerate(rows[:start], start=1):
        if any(row):
            result.unplaced.append((n, " | ".join(c for c in row if c), _("above the header")))
    result.placed_lines += 1  # the header itself
    for n, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in row):
            continue
        text = " | ".join(c for c in row if c)
        row = row + [""] * (len(header) - len(row))
        cell = row.__getitem__
        place_text = next((cell(i) for i in columns["place"] if cell(i)), "")
        category_text = " / ".join(cell(i) for i in columns["category"] if cell(i))
        place = resolve_place(place_text) if place_text else None
        if place is None:
            result.unplaced.append((n, text, _("unknown place “%(place)s”") % {"place": place_text}))
            continue
        category = None
        for i in reversed(columns["category"]):  # the most specific column first
            if cell(i) and (category := resolve_category(cell(i))) is not None:
                break
        if category is None:
            result.unplaced.append(
                (n, text, _("unknown category “%(category)s”") % {"category": category_text})
            )
            continue
        found: list[ParsedFigure[P, C]] = []
        if columns["years"]:
            for i in columns["years"]:
                value = number(cell(i))
                if value is not None:
                    found.append(ParsedFigure(n, place, category, int(header[i].split(".")[0]), value))
        else:
            year_text, value = cell(columns["year"][0]), number(cell(columns["value"][0]))
            if YEAR.match(year_text.split(".")[0]) and value is not None:
                found.append(ParsedFigure(n, place, category, int(year_text.split(".")[0]), value))
        if not found:
            result.unplaced.append((n, text, _("no value")))
            continue
        result.figures += found
        result.placed_lines += 1
    return result
