"""The convention before the first module: title, municipality, period, parties and money.

The blank template leaves "(nom)", "xxx EUR" and "xx xx 2023" to be filled in: those become
missing values and their lines are marked PLACEHOLDER, never read as data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from balise.domain.outline import ContingentOutline, FinanceOutline
from balise.imports.pssp_table import vocabulary as vocab
from balise.imports.report import LineFate, LineLedger
from balise.imports.text import clean, fold, strip_bullet
from balise.reference.data import BRUSSELS_MUNICIPALITIES

_PERIOD = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*[-–]\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MUNICIPALITY = re.compile(r"^(?:la\s+|de\s+)?(?:commune|gemeente)\b(?:\s+(?:de|d'|van)\b)?\s*(.*)$", re.I)
_DESIGNATION = re.compile(
    r"(?:ci-apr[eè]s\s+d[ée]nomm[ée]e?|hierna\s+(?:genoemd|te\s+noemen))\s+"
    r"(?:'([^']+)'|‘([^’]+)’|\"([^\"]+)\"|([^,]+?))\s*(?:,|$)",
    re.I,
)
_AMOUNT = r"(xxx+|\d[\d .\u00a0\u202f]*(?:,\d{1,2})?)\s*(?:EUR|€)"
_ANNUAL = re.compile(r"(?:montant annuel de|jaarlijks bedrag van)\s+" + _AMOUNT, re.I)
_EXTRA = re.compile(
    r"(?:montant suppl[ée]mentaire annuel de|bijkomend jaarlijks bedrag van)\s+" + _AMOUNT, re.I
)
_CONTINGENT_NAME = re.compile(
    r"(?:contingent compl[ée]mentaire|dispositif|aanvullend contingent|dispositief|contingent)\s+(.+?)\s*,",
    re.I,
)
_CAP = re.compile(r"maximum\s+(\d[\d .\u202f]*(?:,\d{1,2})?)\s*(?:€|EUR)\s*(?:par|per)\s+(?:ETP|VTE)", re.I)
# "420 x 2 x 12 mois" in the template; Balise writes "420,00 € × 2 ETP × 12 mois".
_RATE = re.compile(
    r"(\d[\d. \u202f]*(?:,\d+)?)\s*(?:€|EUR)?\s*[x×]\s*(\d+(?:,\d+)?)\s*(?:ETP|VTE)?\s*[x×]\s*(\d+)\s*"
    r"(?:mois|maanden)",
    re.I,
)
_FTE = re.compile(r"(\d+(?:,\d+)?)\s*(?:ETP|VTE)\b", re.I)
_CELL_AMOUNT = re.compile(r"(\d[\d .\u00a0\u202f]*,\d{2})\s*(?:€|EUR)?")
_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
_MONTHS_NL = "januari februari maart april mei juni juli augustus september oktober november december".split()
_LONG_DATE = re.compile(r"(\d{1,2})(?:er|e|ste|de)?\s+([a-zéû]+)\s+(\d{4})", re.I)

_HEADINGS = (
    "entre d'une part", "et d'autre part", "tussen enerzijds", "en anderzijds",
    "dispositions generales", "algemene bepalingen",
)  # fmt: skip
_BOILERPLATE = (
    "agissant en execution", "handelend in uitvoering", "est convenu", "wordt overeengekomen",
    "annule et remplace", "vernietigt en vervangt", "s'engagent a", "verbinden zich",
)  # fmt: skip
_CONTINGENT_ROWS = (
    "frais de personnel", "frais d'equipement", "personeelskosten", "uitrusting", "total", "totaal",
)  # fmt: skip


@dataclass
class Preamble:
    title: str = ""
    kind: str = "pssp"
    municipality: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    parties: list[str] = field(default_factory=list)
    finance: FinanceOutline = field(default_factory=FinanceOutline)


def amount(text: str) -> Decimal | None:
    """``"592.354,64"`` → ``Decimal("592354.64")``; placeholders and garbage → ``None``."""
    if vocab.PLACEHOLDER.search(text):
        return None
    digits = re.sub(r"[\s.\u00a0]", "", text).replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _long_date(day: str, month: str, year: str) -> date | None:
    name = month.lower()
    number = (_MONTHS.index(name) + 1) if name in _MONTHS else None
    if number is None and name in _MONTHS_NL:
        number = _MONTHS_NL.index(name) + 1
    try:
        return date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def _municipality_name(written: str) -> str:
    key = fold(written)
    for municipality in BRUSSELS_MUNICIPALITIES:
        if key in (fold(municipality.fr), fold(municipality.nl)):
            return municipality.fr if key == fold(municipality.fr) else municipality.nl
    return written


def _party(text: str) -> str | None:
    """The name the convention gives a party: the last "ci-après dénommé(e) …" of its line."""
    designations = _DESIGNATION.findall(text)
    if designations:
        return clean(next(part for part in designations[-1] if part))
    before = re.split(r",?\s*(?:repr[ée]sent|vertegenwoordigd)", text, maxsplit=1)[0]
    return None if vocab.PLACEHOLDER.search(before) else clean(before)


class PreambleReader:
    def __init__(self, lines: list[str], end: int, ledger: LineLedger) -> None:
        self.lines = lines
        self.end = end
        self.ledger = ledger
        self.result = Preamble()
        self.contingent: ContingentOutline | None = None

    def read(self) -> Preamble:
        for index in range(self.end):
            text = clean(self.lines[index])
            if text:
                self._line(index, self.lines[index], text)
        return self.result

    def _line(self, index: int, raw: str, text: str) -> None:
        mark, result = self.ledger.mark, self.result
        key = fold(strip_bullet(text))
        if not result.title:
            result.title = text
            result.kind = vocab.KIND_HEADINGS.get(fold(text), "pssp")
            mark(index, LineFate.PLACED)
        elif vocab.PAGE_NUMBER.match(text):
            mark(index, LineFate.FURNITURE, "page number")
        elif titled := vocab.TITLE_LABEL.match(text):
            result.title = titled.group(1)  # the plan's own title, under the template's heading
            mark(index, LineFate.PLACED)
        elif vocab.EVALUATION_LABEL.match(text):
            mark(index, LineFate.HEADING, "year of the evaluation shown in the indicator tables")
        elif party := vocab.PARTY_LINE.match(text):
            # "Entre d'une part : <party>" on one line: the party as written, whole.
            result.parties.append(party.group(1))
            mark(index, LineFate.PLACED)
        elif "\t" in raw:
            self._contingent_row(index, raw)
        elif (period := _PERIOD.search(text)) and key.startswith("periode"):
            self._period([int(g) for g in period.groups()], index)
        elif (municipality := _MUNICIPALITY.match(text)) and len(text) < 80:
            self._municipality(index, municipality.group(1))
        elif key.startswith(_HEADINGS):
            mark(index, LineFate.HEADING, "convention heading")
        elif re.search(r"repr[ée]sent|vertegenwoordigd", text, re.I):
            self._party(index, text)
        elif extra := _EXTRA.search(text):
            self._extra(index, text, extra.group(1))
        elif annual := _ANNUAL.search(text):
            value = amount(annual.group(1))
            self.result.finance.annual_amount_eur = value
            if value is None:
                mark(index, LineFate.PLACEHOLDER, "annual amount left blank (xxx EUR)")
            else:
                mark(index, LineFate.PLACED)
        elif cap := _CAP.search(text):
            if self.contingent is not None:
                self.contingent.equipment_cap_per_fte_eur = amount(cap.group(1))
                mark(index, LineFate.PLACED)
            else:
                mark(index, LineFate.UNPLACED, "equipment cap outside any contingent")
        elif re.search(r"entre en vigueur|treedt in werking", text, re.I):
            self._validity(index, text)
        elif any(phrase in key for phrase in _BOILERPLATE):
            mark(index, LineFate.FURNITURE, "standard clause of the convention")
        elif key in ("total", "totaal"):
            mark(index, LineFate.FURNITURE, "stray table cell")
        else:
            mark(index, LineFate.UNPLACED, "unrecognised line of the convention")

    def _period(self, d: list[int], index: int) -> None:
        try:
            start, end = date(d[2], d[1], d[0]), date(d[5], d[4], d[3])
        except ValueError:
            self.ledger.mark(index, LineFate.UNPLACED, "period with an impossible date")
            return
        self.result.period_start, self.result.period_end = start, end
        self.ledger.place(index)

    def _municipality(self, index: int, written: str) -> None:
        if not written.strip() or vocab.PLACEHOLDER.search(written):
            self.ledger.mark(index, LineFate.PLACEHOLDER, "municipality left blank ((nom))")
            return
        self.result.municipality = _municipality_name(clean(written))
        self.ledger.place(index)

    def _party(self, index: int, text: str) -> None:
        name = _party(text)
        if name:
            self.result.parties.append(name)
        if vocab.PLACEHOLDER.search(text):
            note = f"party {name!r} kept; names and dates left blank" if name else "party left blank"
            self.ledger.mark(index, LineFate.PLACEHOLDER, note)
        elif name:
            self.ledger.place(index)
        else:
            self.ledger.mark(index, LineFate.UNPLACED, "party without a name")

    def _extra(self, index: int, text: str, written: str) -> None:
        named = _CONTINGENT_NAME.search(text)
        name = clean(named.group(1)) if named else "contingent"
        self.contingent = ContingentOutline(name=name, annual_amount_eur=amount(written))
        self.result.finance.contingents.append(self.contingent)
        if self.contingent.annual_amount_eur is None:
            self.ledger.mark(index, LineFate.PLACEHOLDER, f"contingent {name!r} kept; amount left blank")
        else:
            self.ledger.place(index)

    def _contingent_row(self, index: int, raw: str) -> None:
        row = vocab.cells(raw)
        label, values = fold(row[0]), [cell for cell in row[1:] if cell]
        contingent = self.contingent
        if not label:
            self.ledger.mark(index, LineFate.HEADING, "contingent table header")
        elif contingent is None or not label.startswith(_CONTINGENT_ROWS):
            self.ledger.mark(index, LineFate.UNPLACED, "table row outside the contingent tables")
        elif not values or all(vocab.PLACEHOLDER.search(v) for v in values):
            self.ledger.mark(index, LineFate.PLACEHOLDER, "contingent cells left blank")
        else:
            amounts = [amount(m) for v in values for m in _CELL_AMOUNT.findall(v)]
            last = next((a for a in reversed(amounts) if a is not None), None)
            if label.startswith(("frais de personnel", "personeelskosten")):
                if rate := _RATE.search(" ".join(values)):
                    contingent.monthly_rate_eur = amount(rate.group(1))
                    contingent.fte = amount(rate.group(2))
                    contingent.months = int(rate.group(3))
                elif fte := _FTE.search(" ".join(values)):
                    contingent.fte = amount(fte.group(1))
                contingent.personnel_eur = last
            elif label.startswith(("frais d'equipement", "uitrusting")):
                contingent.equipment_eur = last
            elif contingent.annual_amount_eur is None:
                contingent.annual_amount_eur = last
            self.ledger.place(index)

    def _validity(self, index: int, text: str) -> None:
        dates = [_long_date(*found) for found in _LONG_DATE.findall(text.replace("1er", "1"))]
        dates = [d for d in dates if d is not None]
        if len(dates) == 2:
            # The "période" line wins; this clause only fills a period the header left out.
            self.result.period_start = self.result.period_start or dates[0]
            self.result.period_end = self.result.period_end or dates[1]
            self.ledger.place(index)
        else:
            self.ledger.mark(index, LineFate.FURNITURE, "standard clause of the convention")


def read_preamble(lines: list[str], end: int, ledger: LineLedger) -> Preamble:
    return PreambleReader(lines, end, ledger).read()
