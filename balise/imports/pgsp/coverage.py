"""Tableau 1 of the report: per thematic and actor category, how many measures were funded.

    Tableau 1. Nombre de mesures par thématique auxquelles une contribution financière a été …
    Thématiques du PGSP 2021-2024<TAB>Zones de police<TAB>Communes (…)<TAB>…
     <b>Thématique 1 :</b> Intégrité physique et psychique des personnes<TAB>5/9<TAB>6/9<TAB>…
    <b>TOTAL</b><TAB><b>37/77</b><TAB>…

The header row repeats after a page break. The regional layer reads this table; the PGSP
importer itself treats it as narrative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from balise.imports.pgsp.cells import cell_text, split_row
from balise.imports.pgsp.thematics import thematic_mention
from balise.imports.text import fold

_CAPTION = re.compile(r"^\W*Tableau\s+1\b", re.IGNORECASE)
_FRACTION = re.compile(r"^(\d+)\s*/\s*(\d+)$")


@dataclass(frozen=True)
class Coverage:
    covered: int  # measures with at least one funded contribution
    total: int  # measures of the thematic (77 on the TOTAL row)

    def __str__(self) -> str:
        return f"{self.covered}/{self.total}"


@dataclass(frozen=True)
class CoverageRow:
    thematic: int | None  # None on the TOTAL row
    label: str
    cells: tuple[Coverage, ...]  # one per category, in table order


@dataclass(frozen=True)
class CoverageTable:
    caption: str
    categories: tuple[str, ...]
    rows: tuple[CoverageRow, ...]  # thematic rows, in table order
    total: CoverageRow | None

    def cell(self, thematic: int, category: str) -> Coverage:
        """``table.cell(6, "Acteurs régionaux")`` → ``Coverage(9, 9)``; ``KeyError`` if absent."""
        keys = [fold(c) for c in self.categories]
        if fold(category) not in keys:
            raise KeyError(category)
        column = keys.index(fold(category))
        for row in self.rows:
            if row.thematic == thematic:
                return row.cells[column]
        raise KeyError(thematic)

    def discrepancies(self) -> list[str]:
        """Where the TOTAL row disagrees with the sum of the thematic rows (empty when it adds up)."""
        if self.total is None:
            return []
        problems = []
        for column, category in enumerate(self.categories):
            covered = sum(row.cells[column].covered for row in self.rows)
            total = sum(row.cells[column].total for row in self.rows)
            stated = self.total.cells[column]
            if (covered, total) != (stated.covered, stated.total):
                problems.append(f"{category}: rows add up to {covered}/{total}, TOTAL says {stated}")
        return problems


def _fractions(cells: list[str]) -> tuple[Coverage, ...] | None:
    found = [_FRACTION.match(cell) for cell in cells]
    if not found or any(m is None for m in found):
        return None
    return tuple(Coverage(int(m.group(1)), int(m.group(2))) for m in found if m is not None)


def parse_coverage_table(lines: list[str]) -> CoverageTable | None:
    """Read "Tableau 1" from the report's lines; ``None`` when there is no such table."""
    start = next((i for i, line in enumerate(lines) if _CAPTION.match(line)), None)
    if start is None:
        return None
    categories: tuple[str, ...] | None = None
    rows: list[CoverageRow] = []
    total: CoverageRow | None = None
    for line in lines[start + 1 :]:
        if not line.strip():
            continue
        cells = split_row(line)
        if len(cells) < 2:
            if categories is not None:
                break  # the first paragraph or heading after the table ends it
            continue
        values = _fractions(cells[1:])
        if values is None:
            if categories is None or [fold(c) for c in cells[1:]] == [fold(c) for c in categories]:
                categories = tuple(cells[1:])  # the header row, repeated after page breaks
                continue
            break
        if categories is None or len(values) != len(categories):
            break
        mention = thematic_mention(line)
        if mention is not None:
            rows.append(CoverageRow(mention[0], mention[1], values))
        elif fold(cells[0]) == "total":
            total = CoverageRow(None, cells[0], values)
            break
        else:
            break
    if categories is None or not rows:
        return None
    return CoverageTable(cell_text(lines[start]), categories, tuple(rows), total)
