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
_SECTOR_MARK = re.compile(r"^(?:secteur d'activite|activiteitensector)\s*\d+$")
# Labels that Balise's own convention writes where the template has no place for a value; each
# reads "Label : value". Recognised on the cleaned text, French or Dutch.
_LABEL = r"\s*:\s*(\S.*)$"
EVALUATION_LABEL = re.compile(r"^(?:[ée]valuation|evaluatie)" + _LABEL, re.IGNORECASE)
TITLE_LABEL = re.compile(r"^(?:intitul[ée]|titel)" + _LABEL, re.IGNORECASE)
SERVICE_LABEL = re.compile(r"^(?:service|dienst)" + _LABEL, re.IGNORECASE)
DOMAIN_LABEL = re.compile(r"^(?:domaine|domein)" + _LABEL, re.IGNORECASE)
OO_LABEL = re.compile(r"^(?:objectif op[ée]rationnel|operationele doelstelling)" + _LABEL, re.IGNORECASE)
PARTY_LINE = re.compile(
    r"^(?:entre d['’]une part|et d['’]autre part|tussen enerzijds|en anderzijds)" + _LABEL, re.IGNORECASE
)
# "Évaluation 2023": the caption above an indicator table.
EVALUATION_CAPTION = re.compile(r"^(?:[ée]valuation|evaluatie)(?:\s+\d{4})?$", re.IGNORECASE)
# "Page 3 / 12": the footer of a PDF page.
PAGE_NUMBER = re.compile(r"^(?:page|pagina)\s+\d+\s*/\s*\d+$", re.IGNORECASE)
# The heading of the document names the kind of plan; anything else is a PSSP (SVPP).
KIND_HEADINGS = {
    "contrat de securite et de societe": "css",
    "veiligheids en samenlevingscontract": "css",
    "plan global de securite et de prevention": "pgsp",
    "globaal veiligheids en preventieplan": "pgsp",
    "plan local de prevention et de proximite": "plpp",
    "lokaal preventie en nabijheidsplan": "plpp",
    "plan zonal de securite": "pzs",
    "zonaal veiligheidsplan": "pzs",
    "plan de securite et de prevention": "other",
    "veiligheids en preventieplan": "other",
}
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


def module_mark(text: str) -> str | None:
    """The kind of module announced by a mark line: "PHENOMENE 3", "SECTEUR D'ACTIVITE 1", or
    "COORDINATION" in capitals (the template's mark above the module title), else ``None``."""
    key = fold(text)
    if _PHENOMENON_MARK.match(key):
        return "phenomenon"
    if _SECTOR_MARK.match(key):
        return "sector"
    if key in COORDINATION_TITLES and text.isupper():
        return "coordination"
    return None


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
