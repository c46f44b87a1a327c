"""Rebuild the rows of a 3-column table whose cells were extracted wrapped, line by line.

The PDF extraction of seed 002 gives each table row as the lines of its cells, mostly one cell
after the other, with blank lines wherever the layout had vertical space::

    1. Assurer  la  présence            ← operational objective: "N." starts a row
                                        ← a blank line inside a cell
    dissuasive  des  Gardiens
    - Présence  dissuasive              ← "- " starts an item (an expected result or an indicator)
    quotidienne des Gardiens de …
    - Nombre  d'heures  de …            ← an item whose text carries a target is an indicator
    risques  :  >/=  3
    heures/jour

Heuristics, in the order they are tried (each one is needed by the seed):

1. A line ending with a target and running straight into the next row ("… : Oui/Non2. Assurer
   des permanences") is split before the row number.
2. "N. text" starts a row; a bare "N." is an empty numbered row of the blank template: furniture.
3. "- text" starts an item; which column it belongs to is decided at the end of the row by its
   content: an item carrying a target (": Oui/Non", ">/= 10/an") is an indicator, else a result.
   The columns cannot be told apart by position, only by wording.
4. Any other line continues a cell:
   a. an indented line while the objective's text is still cut after an article ("… en lien avec
      la" | " problématique de la") goes back to the objective: the PDF put the end of the first
      column after the start of the third;
   b. a line right after another continues the same cell;
   c. after a blank line, it continues the objective while the row has no item yet, else the
      last item if that item is not complete (an indicator is complete once its target is
      written), else the objective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from balise.domain.outline import OperationalObjectiveOutline
from balise.domain.targets import parse_target
from balise.imports.css_common import (
    indicators_from,
    is_closed,
    is_dangling,
    join_parts,
    tidy_item,
)
from balise.imports.report import LineFate, LineLedger

_ROW = re.compile(r"^\s*(\d{1,2})\.(?:\s+(\S.*))?\s*$")
_ITEM = re.compile(r"^\s*[-–•]\s+(\S.*)$")
# "… : Oui/Non2. Assurer …": a target end glued to the next row's number.
_GLUED_ROW = re.compile(r"(?<=[^\W\d_])(?=\d{1,2}\.\s+[A-ZÀ-Ý])")


@dataclass
class _Row:
    title: list[str] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)

    def objective(self, words: frozenset[str]) -> OperationalObjectiveOutline:
        oo = OperationalObjectiveOutline(title=join_parts(self.title, words))
        for parts in self.items:
            text = tidy_item(join_parts(parts, words))
            if parse_target(text) is not None:
                oo.indicators.extend(indicators_from(text))
            elif text:
                oo.results.append(text)
        return oo


def fragments(block: list[int], lines: list[str]) -> list[tuple[int, str | None]]:
    """The table's lines as (index, text) with glued rows split; ``None`` stands for a blank line."""
    out: list[tuple[int, str | None]] = []
    for index in block:
        raw = lines[index].replace("\u00a0", " ").rstrip()
        if not raw.strip():
            out.append((index, None))
            continue
        pieces = _GLUED_ROW.split(raw)
        if len(pieces) > 1 and not is_closed(pieces[0]):
            pieces = [raw]  # only a complete indicator can run into the next row
        out.extend((index, piece) for piece in pieces)
    return out


def parse_rows(
    block: list[int], lines: list[str], ledger: LineLedger, words: frozenset[str]
) -> list[OperationalObjectiveOutline]:
    rows: list[_Row] = []
    row: _Row | None = None
    last: list[str] | None = None  # the cell that took the previous line
    after_blank = False
    for index, text in fragments(block, lines):
        if text is None:
            after_blank = True
            continue
        numbered, item = _ROW.match(text), _ITEM.match(text)
        if numbered and not numbered.group(2):
            ledger.skip(index, LineFate.FURNITURE, "empty numbered row (no operational objective)")
            after_blank = False
            continue
        if numbered:
            row = _Row(title=[numbered.group(2)])
            rows.append(row)
            last = row.title
        elif item:
            if row is None:
                row = _Row()
                rows.append(row)
            row.items.append([item.group(1)])
            last = row.items[-1]
        else:
            if row is None:
                row = _Row()
                rows.append(row)
            last = _continued_cell(row, last, text, after_blank)
            last.append(text)
        ledger.place(index)
        after_blank = False
    return [r.objective(words) for r in rows]


def _continued_cell(row: _Row, last: list[str] | None, text: str, after_blank: bool) -> list[str]:
    """The cell a continuation line belongs to (heuristic 4 of the module docstring)."""
    title_cut = is_dangling(join_parts(row.title))
    if text[:1].isspace() and row.items and title_cut:
        return row.title
    if not after_blank and last is not None:
        return last
    if not row.items:
        return row.title
    if not is_closed(join_parts(row.items[-1])):
        return row.items[-1]
    return row.title
