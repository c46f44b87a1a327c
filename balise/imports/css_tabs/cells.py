"""Rebuild the rows of a tab-separated 3-column table damaged by PDF extraction (seed 003).

Most rows are clean (``objective\\tresults\\tindicators``), but some blocks of lines were
extracted with a tab between every word, sometimes inside a word, and a row's cells continue
over several lines::

    1\\t. Sensibiliser\\tautour\\tdu\\t-\\tDéveloppement\\tde\\t1\\tNombre\\tde
    \\tphénomène\\tde\\tla\\t\\tformation/sensibilisation\\t\\t\\tformations/ser\\tnsibilisation
    \\t\\t\\t\\t\\tprofessionnels de te\\trrain\\t-\\tNombre de\\tpersonne

Heuristics, per *segment* (a run of non-blank lines, i.e. one stretch of the table):

1. Column starts. A segment whose lines have at most three fields is plain: field n is column
   n. Otherwise the columns start where a bullet stands alone in a field ("-" at field 4 and
   7 above); if that gives fewer than three starts, a field that follows an empty one also
   starts a column. Fields between two starts belong to the same cell.
2. Inside a cell, a field of digits only is the row number at field 0, a misread bullet at a
   column start ("1" for "-"), and a page number anywhere else (dropped).
3. Two fields are glued without a space when the tab fell inside a word: the two halves make a
   word used elsewhere in the document ("te" + "rrain" → "terrain"); otherwise the tab stood
   between words. Misread words stay as read ("formations/ser nsibilisation").
4. A segment with fewer than three columns continues the current row after a page break: its
   cells fill, in order, the columns still open (an objective not ended by a full stop, the
   results, indicators not yet complete).
5. A row starts with a numbered objective ("2. Assurer …", "1" + ". Sensibiliser"), or, in a
   three-column segment, with an objective starting with a capital (numbers are sometimes lost).
   A result or indicator starts with a bullet, on the row's first line, or (indicators) after
   a complete indicator; otherwise the cell continues the column's last item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from balise.domain.outline import OperationalObjectiveOutline
from balise.imports.css_common import (
    indicators_from,
    is_closed,
    join_parts,
    rejoins,
    tidy_item,
)
from balise.imports.report import LineFate, LineLedger
from balise.imports.text import clean

_BULLETS = frozenset("-–•")
_DIGITS = re.compile(r"^\d{1,3}\.?$")
_BULLETED = re.compile(r"^[-–•]\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2})\s*\.(?:\s+|$)(.*)$")


@dataclass
class Cell:
    text: str = ""
    bullet: bool = False
    number: bool = False


@dataclass
class _Row:
    title: list[str] = field(default_factory=list)
    results: list[list[str]] = field(default_factory=list)
    indicators: list[list[str]] = field(default_factory=list)

    def objective(self, words: frozenset[str]) -> OperationalObjectiveOutline:
        oo = OperationalObjectiveOutline(title=join_parts(self.title, words))
        oo.results = [t for t in (tidy_item(join_parts(parts, words)) for parts in self.results) if t]
        for parts in self.indicators:
            oo.indicators.extend(indicators_from(tidy_item(join_parts(parts, words))))
        return oo

    def open_columns(self) -> list[int]:
        """Columns that can still take text: see heuristic 4."""
        columns = [] if join_parts(self.title).endswith(".") else [0]
        columns.append(1)
        if not self.indicators or not is_closed(join_parts(self.indicators[-1])):
            columns.append(2)
        return columns


def glue(fragments: list[str], words: frozenset[str]) -> str:
    """Join the fields of one cell, without a space where the tab split a word (heuristic 3)."""
    text = ""
    for fragment in fragments:
        text = text + fragment if rejoins(text, fragment, words) else f"{text} {fragment}".strip()
    return clean(text)


def fields(raw: str) -> list[str]:
    parts = [clean(part) for part in raw.split("\t")]
    while parts and not parts[-1]:
        parts.pop()
    return parts


def column_starts(rows: list[list[str]]) -> list[int]:
    """Where the columns of a segment start (heuristic 1)."""
    if all(len(row) <= 3 for row in rows):
        return [0, 1, 2]
    starts = {0} | {
        p for row in rows for p, f in enumerate(row) if p and (f in _BULLETS or _BULLETED.match(f))
    }
    if len(starts) < 3:
        starts |= {p for row in rows for p in range(1, len(row)) if row[p] and not row[p - 1]}
    return sorted(starts)[:3]


def cells(row: list[str], starts: list[int], words: frozenset[str]) -> list[Cell]:
    out = []
    bounds = [*starts, max(len(row), starts[-1] + 1)]
    for column, (begin, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        cell = Cell()
        fragments: list[str] = []
        for position in range(begin, end):
            value = row[position] if position < len(row) else ""
            if not value:
                continue
            if not fragments and (value in _BULLETS or (_DIGITS.match(value) and position == begin > 0)):
                cell.bullet = True  # heuristic 2: "1" standing where "-" stands on other lines
            elif _DIGITS.match(value) and position == 0:
                cell.number = True
            elif not _DIGITS.match(value):
                fragments.append(value)
        cell.text = glue(fragments, words)
        if cell.number:
            cell.text = re.sub(r"^\.\s*", "", cell.text)
        elif column == 0 and (numbered := _NUMBERED.match(cell.text)):
            cell.number, cell.text = True, numbered.group(2)
        if bulleted := _BULLETED.match(cell.text):
            cell.bullet, cell.text = True, bulleted.group(1)
        out.append(cell)
    return out


def segments(block: list[int], lines: list[str]) -> list[list[int]]:
    runs: list[list[int]] = [[]]
    for index in block:
        if lines[index].strip():
            runs[-1].append(index)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def parse_cells(
    block: list[int], lines: list[str], ledger: LineLedger, words: frozenset[str]
) -> list[OperationalObjectiveOutline]:
    rows: list[_Row] = []
    for segment in segments(block, lines):
        table = [fields(lines[index]) for index in segment]
        starts = column_starts(table)
        continuation = len(starts) < 3
        for index, line_fields in zip(segment, table, strict=True):
            found = cells(line_fields, starts, words)
            if continuation:  # heuristic 4
                open_columns = rows[-1].open_columns() if rows else [0, 1, 2]
                slots = [*open_columns, *range(3)][: len(found)]
                placed = [Cell(), Cell(), Cell()]
                for slot, cell in zip(slots, found, strict=True):
                    placed[slot] = cell
                found = placed
            objective, result, indicator = found
            if objective.number and not (objective.text or result.text or indicator.text):
                ledger.skip(index, LineFate.FURNITURE, "empty numbered row (no operational objective)")
                continue
            if not (objective.text or result.text or indicator.text):
                ledger.skip(index, LineFate.FURNITURE, "no cell text (bullets or page number only)")
                continue
            starts_row = objective.number or (not continuation and objective.text[:1].isupper())
            if starts_row or not rows:
                rows.append(_Row())
            row = rows[-1]
            if objective.text:
                row.title.append(objective.text)
            if result.text:
                if result.bullet or starts_row or not row.results:
                    row.results.append([])
                row.results[-1].append(result.text)
            if indicator.text:
                complete = bool(row.indicators) and is_closed(join_parts(row.indicators[-1]))
                if indicator.bullet or starts_row or not row.indicators or complete:
                    row.indicators.append([])
                row.indicators[-1].append(indicator.text)
            ledger.place(index)
    return [row.objective(words) for row in rows]
