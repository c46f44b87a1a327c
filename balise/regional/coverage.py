"""The coverage table, as data: per thematic and actor category, how many measures received at least
one contribution ("5/9"; totals "37/77"). Pure: the counting itself is SQL (`selectors`).

The columns group partner categories; the default is the grouping of the PGSP report's "Tableau 1",
where municipalities and LISA antennas share a column. Another region passes its own columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from balise.domain.text import fold
from balise.imports.pgsp.coverage import CoverageTable as ReportTable


@dataclass(frozen=True)
class Column:
    key: str
    label: StrOrPromise
    categories: tuple[str, ...]  # PartnerCategory values counted in this column


TABLEAU_1: tuple[Column, ...] = (
    Column("police", _("Police zones"), ("police_zone",)),
    Column("local", _("Municipalities (local plans and LISA antennas)"), ("municipality", "lisa_antenna")),
    Column("regional", _("Regional bodies"), ("regional_body",)),
    Column("call", _("Associations: call for projects"), ("association_call",)),
    Column("other", _("Associations: outside the call for projects"), ("association_other",)),
)
# Municipal plans' objectives linked to measures count as the municipalities' work.
OBJECTIVE_CATEGORY = "municipality"


def columns_with(category: str | None, columns: Sequence[Column] = TABLEAU_1) -> tuple[Column, ...]:
    """The columns that show ``category`` (all of them without a category)."""
    if not category:
        return tuple(columns)
    return tuple(c for c in columns if category in c.categories)


@dataclass(frozen=True)
class Fraction:
    covered: int
    total: int

    def __str__(self) -> str:
        return f"{self.covered}/{self.total}"

    def __add__(self, other: Fraction) -> Fraction:
        return Fraction(self.covered + other.covered, self.total + other.total)

    @property
    def share(self) -> float:
        return self.covered / self.total if self.total else 0.0


@dataclass(frozen=True)
class CoverageRow:
    number: int
    title: str
    cells: tuple[Fraction, ...]  # one per column
    overall: Fraction  # measures with a contribution from any category
    reported: Fraction = Fraction(0, 0)  # measures with a project whose figures are approved


@dataclass(frozen=True)
class CoverageTable:
    columns: tuple[Column, ...]
    rows: tuple[CoverageRow, ...]
    year_from: int
    year_to: int

    @property
    def totals(self) -> tuple[Fraction, ...]:
        totals = [Fraction(0, 0)] * len(self.columns)
        for row in self.rows:
            totals = [a + b for a, b in zip(totals, row.cells, strict=True)]
        return tuple(totals)

    @property
    def overall(self) -> Fraction:
        return sum((row.overall for row in self.rows), Fraction(0, 0))

    @property
    def reported(self) -> Fraction:
        return sum((row.reported for row in self.rows), Fraction(0, 0))

    def row(self, number: int) -> CoverageRow:
        for row in self.rows:
            if row.number == number:
                return row
        raise KeyError(number)

    def cell(self, number: int, column_key: str) -> Fraction:
        keys = [c.key for c in self.columns]
        return self.row(number).cells[keys.index(column_key)]

    def as_strings(self) -> dict[int, list[str]]:
        """``{1: ["5/9", "6/9", …], …}``: what a reader of the report sees."""
        return {row.number: [str(c) for c in row.cells] for row in self.rows}


def build_table(
    columns: Sequence[Column], counts: Sequence[dict], year_from: int, year_to: int
) -> CoverageTable:
    """From one aggregate row per thematic: ``{"number", "title", "total", "any", "c0", "c1", …}``
    and ``"reported"`` (measures with approved figures; 0 when not counted)."""
    rows = tuple(
        CoverageRow(
            number=row["number"],
            title=row["title"],
            cells=tuple(Fraction(row[f"c{i}"], row["total"]) for i in range(len(columns))),
            overall=Fraction(row["any"], row["total"]),
            reported=Fraction(row.get("reported", 0), row["total"]),
        )
        for row in counts
    )
    return CoverageTable(tuple(columns), rows, year_from, year_to)


def differences(table: CoverageTable, report: ReportTable) -> list[str]:
    """Where ``table`` disagrees with a table read from a report (columns matched by position,
    thematics by number); empty when every cell and total agree."""
    problems = []
    if len(report.categories) != len(table.columns):
        return [f"{len(report.categories)} categories in the report, {len(table.columns)} columns here"]
    for row in report.rows:
        try:
            ours = table.row(row.thematic or 0).cells
        except KeyError:
            problems.append(f"thematic {row.thematic}: missing")
            continue
        for category, theirs, mine in zip(report.categories, row.cells, ours, strict=True):
            if str(theirs) != str(mine):
                problems.append(f"thematic {row.thematic}, {category}: report {theirs}, computed {mine}")
    if report.total is not None:
        for category, theirs, mine in zip(report.categories, report.total.cells, table.totals, strict=True):
            if str(theirs) != str(mine):
                problems.append(f"TOTAL, {category}: report {theirs}, computed {mine}")
    return problems


def column_for(report_category: str, columns: Sequence[Column] = TABLEAU_1) -> Column | None:
    """The column of a report's category heading ("Zones de police" → police), by its words."""
    key = fold(report_category)
    hints = {
        "police": ("zones de police", "politiezones"),
        "local": ("communes", "gemeenten"),
        "regional": ("acteurs regionaux", "gewestelijke"),
        "other": ("hors appel", "buiten de projectoproep"),
        "call": ("appel a projets", "projectoproep"),
    }
    # "hors appel à projets" also contains "appel à projets": the more specific hint is tried first.
    for column_key, words in hints.items():
        if any(word in key for word in words):
            return next((c for c in columns if c.key == column_key), None)
    return None
