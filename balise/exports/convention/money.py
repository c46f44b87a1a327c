"""The table of a supplementary contingent: personnel (FTE × monthly rate × months), equipment
and training, total; amounts computed with `balise.domain.money` and written the Belgian way."""

from __future__ import annotations

from decimal import Decimal

from balise.domain.money import contingent_total, format_eur, format_number, personnel_amount
from balise.domain.outline import ContingentOutline
from balise.exports.convention.model import Cell, Row, Table
from balise.exports.convention.wording import tr


def personnel(contingent: ContingentOutline) -> Decimal | None:
    """The personnel amount as stored, else computed from its factors when all are known."""
    c = contingent
    if c.personnel_eur is not None:
        return c.personnel_eur
    if c.fte is not None and c.monthly_rate_eur is not None and c.months is not None:
        return personnel_amount(c.fte, c.monthly_rate_eur, c.months)
    return None


def contingent_table(contingent: ContingentOutline) -> Table:
    c = contingent
    fte = tr("%(fte)s FTE", fte=format_number(c.fte)) if c.fte is not None else ""
    rate = ""
    if c.fte is not None and c.monthly_rate_eur is not None and c.months is not None:
        rate = tr(
            "%(rate)s × %(fte)s FTE × %(months)s months",
            rate=format_eur(c.monthly_rate_eur),
            fte=format_number(c.fte),
            months=c.months,
        )
    staff = personnel(c)
    # The total row restates the annual amount of the paragraph above; with that amount left
    # blank ("xxx EUR") it stays blank too, since a reader would take it for the amount.
    total = contingent_total(staff, c.equipment_eur) if c.annual_amount_eur is not None else None

    def money(value: Decimal | None) -> Cell:
        return Cell(format_eur(value) if value is not None else "")

    rows = (
        Row((Cell(tr("Personnel costs")), Cell(fte), Cell(rate), money(staff))),
        Row((Cell(tr("Equipment and training costs *")), Cell(fte), Cell(""), money(c.equipment_eur))),
        Row((Cell(tr("TOTAL")), Cell(""), Cell(""), money(total))),
    )
    header = ("", tr("Number/Working hours"), tr("Financial contribution"), tr("Total"))
    return Table(header, rows, (34, 20, 28, 18), "contingent")
