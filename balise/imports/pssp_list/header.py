"""The convention around the objectives: title, municipality, period, parties and money before
the first module; the signature block after the last one.

    Plan stratégique de sécurité et de prévention
    MOLENBEEK ST JEAN : PSSP Molenbeek-Saint -Jean
    periode : 01-01-2020 - 31-12-2022
    Entre d'une part :
    L'Etat représenté par la Ministre de l'Intérieur, …
    Et d'autre part :
    La Commune de MOLENBEEK ST JEAN, représentée par le Conseil communal, …
    …
    Ce plan stratégique de sécurité et de prévention a été signé à Bruxelles
    le 16/12/2022 .
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from balise.domain.outline import FinanceOutline
from balise.imports.pssp_list.finance import FinanceReader
from balise.imports.pssp_list.words import BULLET, SIGNATURE_START
from balise.imports.report import LineFate, LineLedger
from balise.imports.text import clean, fold
from balise.reference.data import BRUSSELS_MUNICIPALITIES

_MUNICIPALITY_LINE = re.compile(r"^(?P<name>[^:]+?)\s*:\s*(?:PSSP|SVPP|PSSP/SVPP)\b", re.IGNORECASE)
_DATE = r"(?P<{0}d>\d{{1,2}})[-/.](?P<{0}m>\d{{1,2}})[-/.](?P<{0}y>\d{{4}})"
_PERIOD = re.compile(rf"^p[ée]riode\s*:\s*{_DATE.format('a')}\s*[-–]\s*{_DATE.format('b')}", re.IGNORECASE)
_SIGNED_DATE = re.compile(_DATE.format("s"))

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("janvier", "januari"),
            ("fevrier", "februari"),
            ("mars", "maart"),
            ("avril", "april"),
            ("mai", "mei"),
            ("juin", "juni"),
            ("juillet", "juli"),
            ("aout", "augustus"),
            ("septembre", "september"),
            ("octobre", "oktober"),
            ("novembre", "november"),
            ("decembre", "december"),
        ),
        start=1,
    )
    for name in names
}
# "entre en vigueur le 1^{er} janvier 2020 et se termine le 31 décembre 2022" once folded.
_IN_FORCE = re.compile(
    r"(?:entre en vigueur|treedt in werking)\D*?(?P<ad>\d{1,2})(?: er)? (?P<am>[a-z]+) (?P<ay>\d{4})"
    r".*?(?:termine|eindigt)\D*?(?P<bd>\d{1,2}) (?P<bm>[a-z]+) (?P<by>\d{4})"
)

_PARTY_HEADINGS = re.compile(r"^(?:entre d'une part|et d'autre part|tussen enerzijds|en anderzijds)$")
_SECTION_HEADINGS = ("dispositions generales", "algemene bepalingen")
# Legal clauses that carry no data for the outline (folded text, matched anywhere in the line).
_BOILERPLATE = (
    "agissant en execution",
    "handelend in uitvoering",
    "est convenu",
    "wordt overeengekomen",
    "annule et remplace",
    "vernietigt en vervangt",
    "annuleert en vervangt",
    "autorites locales s'engagent",
    "lokale overheden verbinden zich",
    "lokale besturen verbinden zich",
)
# "L'Etat représenté par…", "De gemeente X, vertegenwoordigd door…": the party is what comes first.
_PARTY_END = re.compile(r",|\s+(?:repr[ée]sent[ée]e?|vertegenwoordigd)\b", re.IGNORECASE)
_PARTICLES = {"de", "den", "der", "la", "le", "les", "lez", "sur", "ten", "op", "aan", "en"}


@dataclass
class Header:
    title: str = ""
    municipality: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    parties: list[str] = field(default_factory=list)
    finance: FinanceOutline | None = None


def _date(match: re.Match[str], prefix: str) -> date | None:
    day, month, year = (match[f"{prefix}{part}"] for part in "dmy")
    number = int(month) if month.isdigit() else _MONTHS.get(month)
    try:
        return date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def match_municipality(name: str, language: str = "fr") -> str | None:
    """Official name of a Brussels municipality: ``"MOLENBEEK ST JEAN"`` → ``"Molenbeek-Saint-Jean"``."""
    key = fold(name)
    for organisation in BRUSSELS_MUNICIPALITIES:
        if key in (fold(organisation.fr), fold(organisation.nl)):
            return organisation.nl if language == "nl" else organisation.fr
    return None


def normalise_name(name: str) -> str:
    """Name as written, re-cased when shouted: ``"ZONNEDAAL"`` → ``"Zonnedaal"``."""
    name = re.sub(r"\s*-\s*", "-", clean(name))
    if name != name.upper():
        return name
    words = re.split(r"([\s-])", name.lower())
    return "".join(w if w in _PARTICLES and i else w.capitalize() for i, w in enumerate(words))


def _short_party(text: str, raw_municipality: str | None, municipality: str | None) -> str:
    party = _PARTY_END.split(text, maxsplit=1)[0].strip()
    if raw_municipality and municipality and raw_municipality in party:
        party = party.replace(raw_municipality, municipality)
    return party


def read_header(lines: list[str], end: int, ledger: LineLedger, language: str) -> Header:
    """Read lines ``[0, end)``; what is neither data, heading nor boilerplate stays unplaced."""
    header = Header()
    finance = FinanceReader(ledger)
    raw_municipality: str | None = None
    party_lines: list[int] = []
    expect_party = False
    in_force: tuple[date | None, date | None, int] | None = None
    for index in range(end):
        text = clean(lines[index])
        if not text:
            continue
        key = fold(text)
        if (found := _MUNICIPALITY_LINE.match(text)) and raw_municipality is None:
            raw_municipality = found["name"]
            header.municipality = match_municipality(raw_municipality, language) or normalise_name(
                raw_municipality
            )
            ledger.place(index)
        elif period := _PERIOD.match(text):
            header.period_start, header.period_end = _date(period, "a"), _date(period, "b")
            ledger.place(index)
        elif not header.title:
            header.title = text
            ledger.place(index)
        elif _PARTY_HEADINGS.match(key):
            ledger.skip(index, LineFate.HEADING, "parties")
            expect_party = True
        elif expect_party:
            party_lines.append(index)
            expect_party = False
        elif key in _SECTION_HEADINGS:
            ledger.skip(index, LineFate.HEADING)
        elif finance.feed(index, lines[index]):
            pass
        elif force := _IN_FORCE.search(key):
            in_force = (_date(force, "a"), _date(force, "b"), index)
        elif any(phrase in key for phrase in _BOILERPLATE):
            ledger.skip(index, LineFate.FURNITURE, "boilerplate")
    for index in party_lines:
        header.parties.append(_short_party(clean(lines[index]), raw_municipality, header.municipality))
        ledger.place(index)
    if in_force is not None:
        start, stop, index = in_force
        if header.period_start is None and start and stop:
            header.period_start, header.period_end = start, stop
            ledger.place(index)
        else:
            ledger.skip(index, LineFate.FURNITURE, "boilerplate: period stated again")
    header.finance = finance.result
    return header


def signature_start(lines: list[str], begin: int) -> int:
    """Index of the first line of the closing signature block, or ``len(lines)``."""
    for index in range(begin, len(lines)):
        # A bullet is an item of the tree, even when it mentions a signature.
        if SIGNATURE_START.search(clean(lines[index])) and not BULLET.match(lines[index]):
            return index
    return len(lines)


def read_signature(lines: list[str], begin: int, ledger: LineLedger) -> date | None:
    """The signing date of the block starting at ``begin``; every other line is furniture."""
    signed_on: date | None = None
    opening = True  # the sentence "… a été signé à Bruxelles / le 16/12/2022 ." may wrap
    for index in range(begin, len(lines)):
        text = clean(lines[index])
        if not text:
            continue
        found = _SIGNED_DATE.search(text) if signed_on is None else None
        if found and (signed := _date(found, "s")):
            signed_on = signed
            ledger.place(index)
            if opening and index > begin:
                ledger.place(begin)
        else:
            ledger.skip(index, LineFate.FURNITURE, "signature")
        opening = opening and index == begin
    return signed_on
