"""Disaggregated values: one period's value of an indicator split by the categories of its dimensions.

An indicator may declare dimensions (sex, age band, district, channel, or one a municipality
defines), each with its categories. Values are then entered per *cell*: one category of every
dimension (sex × age band: "female, 18-24", "male, 65+" …). The period's total is never typed:
it is computed from the cells by the rule of the target's kind, and progress reads that total.

- count, range, no target: the sum of the amounts (a cell without an amount adds nothing);
- hours: the sum of the hours, and the sum of the days worked (a per-day target then averages
  the hours over all the days of all the cells; a cell without days leaves the total without
  days, so a per-day target says which figure is missing instead of guessing);
- percent: recomputed from the cells' numerators and denominators (sum of numerators ÷ sum of
  denominators): each cell weighs by its denominator, so "2 of 4" cannot count as much as
  "90 of 100" the way an average of percentages would;
- boolean (yes/no): yes when every answered cell says yes, no as soon as one says no;
  no answered cell, no answer;
- deadline: done when every answered cell is done, on the latest of their dates (the indicator
  is done when the last category is); not done as soon as one cell is not done.

A breakdown by one dimension groups the cells by that dimension's category and applies the same
rule to each group: the total of the breakdown's figures is the total of the cells, whatever the
dimension (the property tests pin it for every kind).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from itertools import product

from balise.domain.cells import CellValues
from balise.domain.targets import TargetKind

Cell = tuple[tuple[str, str], ...]  # ((dimension code, category code), …) sorted by dimension code


@dataclass(frozen=True)
class Dimension:
    """A dimension an indicator is broken down by, with its category codes in their order."""

    code: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Figures(CellValues):
    """The value fields of one cell or of a total (which are used depends on the target kind):
    those of a grid's cell, `balise.domain.cells.CellValues`."""

    def as_dict(self) -> dict[str, Decimal | bool | date | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Part:
    """The figures of one cell."""

    cell: Cell
    figures: Figures


class CellError(ValueError):
    """A cell that does not fit the indicator's dimensions (the message says which and why)."""

    def __init__(self, code: str, cell: Cell, detail: str = "") -> None:
        self.code = code  # "unknown_dimension", "unknown_category", "missing_dimension", "repeated"
        self.cell = cell
        self.detail = detail
        super().__init__(f"{code}: {cell_label(cell)} {detail}".strip())


def make_cell(pairs: Mapping[str, str] | Iterable[tuple[str, str]]) -> Cell:
    """The cell of these (dimension, category) pairs, in its canonical order."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    return tuple(sorted((str(d), str(c)) for d, c in items))


def cell_label(cell: Cell) -> str:
    """``age_band=18-24|sex=female``: the cell as one stable text (a key in files and forms)."""
    return "|".join(f"{d}={c}" for d, c in cell)


def parse_cell_label(text: str) -> Cell:
    """The inverse of `cell_label`; raises `CellError` on a malformed label."""
    pairs = []
    for piece in (p.strip() for p in text.split("|")):
        dimension, sep, category = piece.partition("=")
        if not sep or not dimension.strip() or not category.strip():
            raise CellError("malformed", (), text)
        pairs.append((dimension.strip(), category.strip()))
    return make_cell(pairs)


def cells_of(dimensions: Sequence[Dimension]) -> list[Cell]:
    """Every cell of these dimensions (their cross product), in the dimensions' order."""
    if not dimensions:
        return []
    axes = [[(d.code, c) for c in d.categories] for d in dimensions]
    return [make_cell(combination) for combination in product(*axes)]


def check_cell(dimensions: Sequence[Dimension], cell: Cell) -> None:
    """Raise `CellError` unless ``cell`` names exactly one known category of every dimension."""
    known = {d.code: d for d in dimensions}
    seen = set()
    for dimension, category in cell:
        if dimension not in known:
            raise CellError("unknown_dimension", cell, dimension)
        if dimension in seen:
            raise CellError("repeated", cell, dimension)
        if category not in known[dimension].categories:
            raise CellError("unknown_category", cell, f"{dimension}={category}")
        seen.add(dimension)
    missing = [d.code for d in dimensions if d.code not in seen]
    if missing:
        raise CellError("missing_dimension", cell, ",".join(missing))


def _sum(numbers: Iterable[Decimal | None]) -> Decimal | None:
    present = [n for n in numbers if n is not None]
    return sum(present, Decimal(0)) if present else None


def total(kind: TargetKind | None, figures: Iterable[Figures]) -> Figures:
    """The total of ``figures`` by the rule of ``kind`` (see the module's docstring)."""
    figures = list(figures)
    if kind in (TargetKind.BOOLEAN, TargetKind.DEADLINE):
        answered = [f for f in figures if f.done is not None]
        if not answered:
            return Figures()
        if not all(f.done for f in answered):
            return Figures(done=False)
        if kind is TargetKind.BOOLEAN:
            return Figures(done=True)
        dates = [f.done_on for f in answered if f.done_on is not None]
        return Figures(done=True, done_on=max(dates) if dates else None)
    if kind is TargetKind.PERCENT:
        pairs = [f for f in figures if f.numerator is not None and f.denominator is not None]
        return Figures(
            numerator=_sum(f.numerator for f in pairs), denominator=_sum(f.denominator for f in pairs)
        )
    if kind is TargetKind.HOURS:
        amounts = [f for f in figures if f.amount is not None]
        days = None if any(f.days is None for f in amounts) else _sum(f.days for f in amounts)
        return Figures(amount=_sum(f.amount for f in amounts), days=days)
    if kind is None:  # no target yet: a number, or a yes/no when no cell has a number
        amount = _sum(f.amount for f in figures)
        if amount is not None:
            return Figures(amount=amount)
        return total(TargetKind.BOOLEAN, figures)
    return Figures(amount=_sum(f.amount for f in figures))  # count, range


def breakdown(kind: TargetKind | None, parts: Iterable[Part], dimension: str) -> dict[str, Figures]:
    """The total per category of ``dimension`` (categories without a cell are left out)."""
    grouped: dict[str, list[Figures]] = {}
    for part in parts:
        category = dict(part.cell).get(dimension)
        if category is not None:
            grouped.setdefault(category, []).append(part.figures)
    return {category: total(kind, figures) for category, figures in grouped.items()}


def ratio(figures: Figures) -> Decimal | None:
    """A percentage's figure (numerator ÷ denominator × 100), None without a denominator."""
    if figures.numerator is None or not figures.denominator:
        return None
    return figures.numerator * Decimal(100) / figures.denominator
