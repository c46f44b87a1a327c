"""Words of the PSSP/SVPP 2023-2024 table template, French and Dutch, compared through `fold`.

Every heading is recognised by its folded form, so "Objectifs stratégiques", "OBJECTIFS
STRATEGIQUES" and "Strategische doelstellingen" are the same signal.
"""

from __future__ import annotations

import re

from balise.imports.text import clean, fold
from balise.reference.data import COORDINATION, PHENOMENA, Named

GENERAL_HEADINGS = frozenset({"objectifs generaux", "algemene doelstellingen"})
STRATEGIC_HEADINGS = frozenset({"objectifs strategiques", "strategische doelstellingen"})
COORDINATION_TITLES = frozenset({fold(COORDINATION.fr), fold(COORDINATION.nl)})
# The fourth column header of the evaluation table, often extracted as a loose paragraph.
MOTIVATION_HEADINGS = frozenset({"evaluation motivation", "evaluatie motivatie"})

OO_HEADERS = (
    ("objectifs operationnels", "resultats attendus"),
    ("operationele doelstellingen", "verwachte resultaten"),
)
INDICATOR_FIRST = frozenset({"indicateurs", "indicatoren"})

_PHENOMENON_MARK = re.compile(r"^(?:phenomene|fenomeen)\s*\d+$")
_SEPARATOR = re.compile(r"^[\s\-–—_]*[-–—_][\s\-–—_]*$")
# "(nom)", "xxx EUR", "xx xx 2023", "__ / __ / ____": values the template leaves to be filled in.
PLACEHOLDER = re.compile(r"\((?:nom|naam)\)|(?<!\w)x{2,}(?!\w)|_{2,}", re.IGNORECASE)

_PHENOMENA_BY_KEY: dict[str, tuple[Named, str]] = {}
for _named in PHENOMENA:
    _PHENOMENA_BY_KEY[fold(_named.fr)] = (_named, "fr")
    _PHENOMENA_BY_KEY[fold(_named.nl)] = (_named, "nl")


def cells(line: str) -> list[str]:
    """Cells of a tab-separated row, trailing empty cells kept (they say the row's width)."""
    return [clean(cell) for cell in line.split("\t")]


def is_separator(text: str) -> bool:
    """``"---"``, ``"--\\t--"``, ``"-----\\t-----"``: table borders left by the extraction."""
    return bool(_SEPARATOR.match(text))


def is_oo_header(row: list[str]) -> bool:
    filled = tuple(fold(c) for c in row if c)
    return filled in OO_HEADERS


def is_indicator_header(row: list[str]) -> bool:
    filled = [fold(c) for c in row if c]
    return len(filled) >= 2 and filled[0] in INDICATOR_FIRST and filled[1].startswith("analyse")


def indicator_columns(row: list[str]) -> dict[str, int]:
    """Position of the analysis, colour and motivation columns in an indicator-table header."""
    columns: dict[str, int] = {}
    for position, cell in enumerate(row):
        key = fold(cell)
        if key.startswith("analyse"):
            columns["analysis"] = position
        elif "couleur" in key or "kleurcode" in key:
            columns["colour"] = position
        elif "motivation" in key or "motivatie" in key:
            columns["motivation"] = position
    return columns


def is_phenomenon_mark(text: str) -> bool:
    return bool(_PHENOMENON_MARK.match(fold(text)))


def phenomenon(text: str) -> tuple[Named, str] | None:
    """The national phenomenon named by ``text`` and the language of the name, else ``None``."""
    return _PHENOMENA_BY_KEY.get(fold(text))


def language_of(lines: list[str]) -> str:
    """``"nl"`` when the Dutch table headings outnumber the French ones."""
    french = dutch = 0
    for line in lines:
        if "\t" not in line:
            continue
        row = cells(line)
        if is_oo_header(row) or is_indicator_header(row):
            first = fold(next(c for c in row if c))
            if first.startswith(("operationele", "indicatoren")):
                dutch += 1
            else:
                french += 1
    return "nl" if dutch > french else "fr"
