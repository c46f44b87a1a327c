"""A cell of the data-entry grid: one value written as one piece of text, shaped by the target.

- a count, hours, or a number without target → ``"12"``, ``"7,5"``, ``"1 234"``;
- hours per day → the hours and the days worked: ``"140 / 20"``;
- a percentage → the count and the total: ``"18 / 60"``;
- yes/no → in French, Dutch, German or English: ``"oui"``, ``"nee"``, ``"ja"``, ``"no"``;
- a deadline → the day it was done (``"15/03/2025"`` or ``"2025-03-15"``), or "no" while not done;
- no target yet → a number or yes/no.

`split_cell` only cuts the text into the value fields, as typed; whether they are acceptable is
decided by the same checks as every other entry (forms, API, workbook), so the grid refuses
exactly what they refuse. `join_cell` writes stored values back as a cell's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from balise.domain.targets import Period, Target, TargetKind

YES_WORDS = frozenset({"true", "1", "yes", "oui", "ja", "on", "y", "o", "j"})
NO_WORDS = frozenset({"false", "0", "no", "non", "nee", "nein", "off", "n"})

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")


class CellShape(StrEnum):
    NUMBER = "number"  # count, hours per week/month/year
    HOURS_IN_DAYS = "hours_in_days"  # hours per day: "hours / days worked"
    RATIO = "ratio"  # percentage: "count / total"
    YES_NO = "yes_no"  # boolean
    DONE_ON = "done_on"  # deadline: a date, or "no"
    NUMBER_OR_YES_NO = "number_or_yes_no"  # no target yet


@dataclass(frozen=True)
class CellValues:
    """What a cell shows, from a stored value (fields its shape does not use are ignored)."""

    amount: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    days: Decimal | None = None
    done: bool | None = None
    done_on: date | None = None


def shape_of(target: Target | None) -> CellShape:
    if target is None:
        return CellShape.NUMBER_OR_YES_NO
    if target.kind is TargetKind.BOOLEAN:
        return CellShape.YES_NO
    if target.kind is TargetKind.DEADLINE:
        return CellShape.DONE_ON
    if target.kind is TargetKind.PERCENT:
        return CellShape.RATIO
    if target.kind is TargetKind.HOURS and target.per is Period.DAY:
        return CellShape.HOURS_IN_DAYS
    return CellShape.NUMBER


def is_yes_or_no(text: str) -> bool:
    word = text.strip().lower()
    return word in YES_WORDS or word in NO_WORDS


def split_cell(shape: CellShape, text: str) -> dict[str, str]:
    """The value fields typed in a cell: ``split_cell(RATIO, "18 / 60")`` →
    ``{"numerator": "18", "denominator": "60"}``. An empty cell gives ``{}``."""
    text = text.strip()
    if not text:
        return {}
    if shape in (CellShape.RATIO, CellShape.HOURS_IN_DAYS):
        first, _slash, second = text.partition("/")
        names = ("numerator", "denominator") if shape is CellShape.RATIO else ("amount", "days")
        return {names[0]: first.strip(), names[1]: second.strip()}
    if shape is CellShape.YES_NO:
        return {"done": text}
    if shape is CellShape.DONE_ON:
        if is_yes_or_no(text):
            return {"done": text}
        return {"done": "yes", "done_on": _iso_day(text)}
    if shape is CellShape.NUMBER_OR_YES_NO and is_yes_or_no(text) and not text.isdigit():
        return {"done": text}
    return {"amount": text}


def _iso_day(text: str) -> str:
    """ "15/03/2025" → "2025-03-15"; anything else is left as typed for the checks to refuse."""
    match = _DAY_MONTH_YEAR.match(text)
    if not match:
        return text
    day, month, year = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def number_text(value: Decimal) -> str:
    """A number as typed in a Belgian cell: ``Decimal("7.50")`` → ``"7,5"``, no thousands mark."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def join_cell(shape: CellShape, values: CellValues | None, *, yes: str = "yes", no: str = "no") -> str:
    """The text of a cell holding ``values`` (``yes``/``no`` in the reader's language); the
    inverse of `split_cell` for everything `split_cell` accepts."""
    if values is None:
        return ""

    def num(value: Decimal | None) -> str:
        return "" if value is None else number_text(value)

    if shape is CellShape.RATIO:
        return "" if values.numerator is None else f"{num(values.numerator)} / {num(values.denominator)}"
    if shape is CellShape.HOURS_IN_DAYS:
        if values.amount is None:
            return ""
        return f"{num(values.amount)} / {num(values.days)}" if values.days is not None else num(values.amount)
    if shape is CellShape.DONE_ON and values.done and values.done_on is not None:
        return values.done_on.strftime("%d/%m/%Y")
    if values.amount is not None and shape is not CellShape.YES_NO:
        return num(values.amount)
    if values.done is None:
        return ""
    return yes if values.done else no
