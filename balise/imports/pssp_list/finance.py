"""Money in the "Dispositions générales": the annual allocation and the Gardiens de la paix
contingents with their tab-separated breakdown table.

    1. … un montant annuel de 592.354,64 EUR est attribué à la Commune de …
    Un montant supplémentaire annuel de 10.813,72 EUR est alloué au contingent complémentaire
    Gardiens de la paix 346, suivant la répartition suivante :
    <tab>Nombre/Régime horaire<tab>Intervention financière<tab>Total
    Frais de personnel<tab>2 I/I ETP Total : 2 ETP<tab>420 x 2 x 12 mois<tab>10.080,00 €
    Frais d'équipement et de formation *<tab><tab>733,72 €
    TOTAL<tab><tab>10.813,72 €
    - Maximum 366,86 € par ETP
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from balise.domain.outline import ContingentOutline, FinanceOutline
from balise.imports.report import LineFate, LineLedger
from balise.imports.text import clean, fold

# "592.354,64", "10 080,00", "733,72", "420": dots or spaces group thousands, comma for cents.
_AMOUNT = r"\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?"
_MONEY = re.compile(rf"(?P<amount>{_AMOUNT})\s*(?:EUR|€|euros?)", re.IGNORECASE)
_PLACEHOLDER_MONEY = re.compile(r"\bx{2,}\s*(?:EUR|€)", re.IGNORECASE)

_SUPPLEMENT = re.compile(r"montant suppl[ée]mentaire annuel|bijkomend jaarlijks bedrag", re.IGNORECASE)
_ANNUAL = re.compile(r"montant annuel de|jaarlijks bedrag van", re.IGNORECASE)
_CONTINGENT_NAME = re.compile(
    r"(?:contingent(?:\s+compl[ée]mentaire)?|dispositif)\s+(?P<name>[^,;:]+?)\s*(?:[,;:]|$)",
    re.IGNORECASE,
)
# "420 x 2 x 12 mois": monthly intervention × FTE × months.
_FORMULA = re.compile(
    rf"(?P<rate>{_AMOUNT})\s*[x×]\s*(?P<fte>\d+(?:,\d+)?)\s*[x×]\s*(?P<months>\d+)\s*(?:mois|maanden)",
    re.IGNORECASE,
)
_FTE_TOTAL = re.compile(r"tota(?:l|al)\s*:\s*(?P<fte>\d+(?:,\d+)?)\s*(?:ETP|VTE)", re.IGNORECASE)
_CAP = re.compile(rf"maximum\s+(?P<amount>{_AMOUNT})\s*(?:EUR|€)\s*(?:par|per)\s*(?:ETP|VTE)", re.IGNORECASE)

_PERSONNEL_ROW = ("frais de personnel", "personeelskosten")
_EQUIPMENT_ROW = ("frais d'equipement", "uitrustings")
_TOTAL_ROW = ("total", "totaal")
_TABLE_HEADER = ("nombre regime horaire", "aantal uurrooster", "intervention financiere", "financiele")


def parse_amount(text: str) -> Decimal | None:
    """French/Belgian amount → Decimal: ``"592.354,64"`` → ``Decimal("592354.64")``; ``"xxx"`` → None."""
    digits = re.sub(r"[.\s\u00a0\u202f]", "", text.strip()).replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _money(text: str) -> Decimal | None:
    found = _MONEY.findall(text)
    return parse_amount(found[-1]) if found else None


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


class FinanceReader:
    """Fed line by line with the header lines; keeps the money it recognises."""

    def __init__(self, ledger: LineLedger) -> None:
        self.ledger = ledger
        self.finance = FinanceOutline()
        self._seen = False

    @property
    def result(self) -> FinanceOutline | None:
        return self.finance if self._seen else None

    def _current(self) -> ContingentOutline | None:
        return self.finance.contingents[-1] if self.finance.contingents else None

    def feed(self, index: int, raw: str) -> bool:
        """Consume line ``index`` if it carries money; returns whether it did."""
        text = clean(raw)
        if _SUPPLEMENT.search(text):
            return self._contingent(index, text)
        if _ANNUAL.search(text):
            return self._annual(index, text)
        cells = [clean(cell) for cell in raw.split("\t") if clean(cell)]
        key = fold(cells[0]) if cells else ""
        if "\t" in raw and any(word in fold(raw) for word in _TABLE_HEADER):
            self.ledger.skip(index, LineFate.HEADING, "contingent table header")
            return True
        contingent = self._current()
        if contingent is None:
            return False
        if key.startswith(_PERSONNEL_ROW):
            return self._personnel(index, text, contingent)
        if key.startswith(_EQUIPMENT_ROW):
            return self._row_amount(index, text, contingent, "equipment_eur")
        if key in _TOTAL_ROW or key.startswith(tuple(w + " " for w in _TOTAL_ROW)):
            return self._row_amount(index, text, contingent, "total")
        cap = _CAP.search(text)
        if cap:
            contingent.equipment_cap_per_fte_eur = parse_amount(cap["amount"])
            self.ledger.place(index)
            return True
        return False

    def _annual(self, index: int, text: str) -> bool:
        self._seen = True
        amount = _money(text)
        if amount is None and _PLACEHOLDER_MONEY.search(text):
            self.ledger.skip(index, LineFate.PLACEHOLDER, "annual amount not filled in")
            return True
        self.finance.annual_amount_eur = amount
        self.ledger.place(index)
        return True

    def _contingent(self, index: int, text: str) -> bool:
        self._seen = True
        name = _CONTINGENT_NAME.search(text)
        label = clean(name["name"]) if name else "Contingent"
        contingent = ContingentOutline(name=label[:1].upper() + label[1:], annual_amount_eur=_money(text))
        self.finance.contingents.append(contingent)
        if contingent.annual_amount_eur is None and _PLACEHOLDER_MONEY.search(text):
            self.ledger.skip(index, LineFate.PLACEHOLDER, "contingent amount not filled in")
        else:
            self.ledger.place(index)
        return True

    def _personnel(self, index: int, text: str, contingent: ContingentOutline) -> bool:
        formula = _FORMULA.search(text)
        if formula:
            contingent.monthly_rate_eur = parse_amount(formula["rate"])
            contingent.fte = _number(formula["fte"])
            contingent.months = int(formula["months"])
        fte_total = _FTE_TOTAL.search(text)
        if fte_total and contingent.fte is None:
            contingent.fte = _number(fte_total["fte"])
        contingent.personnel_eur = _money(text)
        return self._mark_row(index, formula is not None or contingent.personnel_eur is not None)

    def _row_amount(self, index: int, text: str, contingent: ContingentOutline, what: str) -> bool:
        amount = _money(text)
        if what == "equipment_eur":
            contingent.equipment_eur = amount
        elif contingent.annual_amount_eur is None:
            contingent.annual_amount_eur = amount
        return self._mark_row(index, amount is not None)

    def _mark_row(self, index: int, filled: bool) -> bool:
        # An empty row of the blank template is a placeholder, not data.
        if filled:
            self.ledger.place(index)
        else:
            self.ledger.skip(index, LineFate.PLACEHOLDER, "empty contingent row")
        return True
