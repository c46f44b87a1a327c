"""Money rules: Decimal amounts rounded half-up to the cent, never floats."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
THIN_SPACE = "\u202f"  # Belgian thousands separator (narrow no-break space)


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def personnel_amount(fte: Decimal, monthly_rate: Decimal, months: int) -> Decimal:
    """FTE × monthly intervention × months: 2 × 420 × 12 = 10 080,00."""
    return to_cents(fte * monthly_rate * months)


def equipment_cap(fte: Decimal, cap_per_fte: Decimal) -> Decimal:
    """The equipment-and-training ceiling: 2 FTE × 366,86 = 733,72."""
    return to_cents(fte * cap_per_fte)


def contingent_total(personnel: Decimal | None, equipment: Decimal | None) -> Decimal | None:
    if personnel is None and equipment is None:
        return None
    return to_cents((personnel or Decimal(0)) + (equipment or Decimal(0)))


def parse_amount(text: str) -> Decimal | None:
    """Read a Belgian-written amount: ``"592.354,64"`` / ``"10 080,00 €"`` → Decimal; else None."""
    cleaned = text.replace("€", "").replace("EUR", "").replace("\u00a0", " ").replace("\u202f", " ").strip()
    cleaned = cleaned.replace(" ", "")
    if not cleaned or not any(ch.isdigit() for ch in cleaned):
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        cleaned = cleaned.replace(".", "")
    try:
        return to_cents(Decimal(cleaned))
    except ArithmeticError:
        return None


def format_number(value: Decimal | int | None, places: int | None = None) -> str:
    """Belgian format: ``Decimal("1234.5")`` → ``"1 234,5"``; with ``places=2`` → ``"1 234,50"``.

    Thousands are grouped with a narrow no-break space, decimals follow a comma.
    """
    if value is None:
        return "—"
    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(value):f}" if places is not None else f"{abs(value.normalize()):f}"
    whole, _dot, decimals = text.partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    sign = "-" if value < 0 else ""
    return f"{sign}{THIN_SPACE.join(groups) or '0'}" + (f",{decimals}" if decimals else "")


def format_eur(amount: Decimal | None) -> str:
    """Belgian format: ``Decimal("1234.5")`` → ``"1 234,50 €"`` (narrow no-break space)."""
    if amount is None:
        return "—"
    return f"{format_number(to_cents(amount), places=2)} €"


# --- reading amounts typed by people -------------------------------------------------------------


class AmountError(ValueError):
    """An amount that cannot be accepted; ``reason`` is "not_a_number" or "negative"."""

    def __init__(self, reason: str, text: str = "") -> None:
        self.reason = reason
        self.text = text
        super().__init__(f"{reason}: {text!r}")


def read_amount(value: Decimal | int | str | None, *, allow_negative: bool = False) -> Decimal:
    """An amount from a form or an API call: ``"1.234,56"``, ``"1234.56"``, ``Decimal`` → Decimal
    to the cent. Refuses blanks, words, NaN/infinity and (unless allowed) negative amounts."""
    if isinstance(value, bool) or value is None:
        raise AmountError("not_a_number", str(value))
    if isinstance(value, Decimal | int):
        amount = Decimal(value)
    else:
        text = str(value).strip()
        negative = text.startswith("-")
        parsed = parse_amount(text.lstrip("-"))
        if parsed is None or any(ch.isalpha() for ch in text.replace("EUR", "")):
            raise AmountError("not_a_number", text)
        amount = -parsed if negative else parsed
    if not amount.is_finite():
        raise AmountError("not_a_number", str(value))
    if amount < 0 and not allow_negative:
        raise AmountError("negative", str(value))
    return to_cents(amount)


def total(amounts: Iterable[Decimal | None]) -> Decimal:
    """The sum to the cent; missing amounts count as nothing."""
    return to_cents(sum((a for a in amounts if a is not None), Decimal(0)))


# --- contingents: rates and caps per period -------------------------------------------------------


@dataclass(frozen=True)
class RateRule:
    """The monthly intervention per FTE and the equipment cap per FTE in force over a period.
    ``contingent`` is a contingent code ("346", "90") or "" for every contingent."""

    valid_from: date
    valid_to: date | None
    monthly_rate: Decimal
    equipment_cap_per_fte: Decimal
    contingent: str = ""

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


# The 2020-2022 values of the PSSP conventions (seed 000): 420 € per FTE and month, 366,86 € per FTE.
DEFAULT_RATE_RULES = (RateRule(date(2020, 1, 1), date(2022, 12, 31), Decimal("420.00"), Decimal("366.86")),)


def rule_for(rules: Iterable[RateRule], day: date, contingent: str = "") -> RateRule | None:
    """The rule in force on ``day``: one for this contingent wins over a general one, and among
    equals the one that started last."""
    matching = [r for r in rules if r.covers(day) and r.contingent in ("", contingent)]
    if not matching:
        return None
    return max(matching, key=lambda r: (r.contingent != "", r.valid_from))


_CODE = re.compile(r"\b(\d{2,4})\b\s*$")


def contingent_code(name: str) -> str:
    """The code a contingent is known by: "Gardiens de la paix 346" → "346"; else ""."""
    found = _CODE.search(name.strip())
    return found.group(1) if found else ""


def personnel_due(
    planned_fte: Decimal, monthly_rate: Decimal, months: int, employed: Mapping[int, Decimal]
) -> Decimal:
    """The personnel intervention actually due: each month of the contingent counts the FTE
    employed that month (vacancy 0, part-time 0,5…), never more than the contingent's FTE; a
    month with no occupation recorded counts the planned FTE.

    With nothing recorded it equals `personnel_amount` (2 × 420 × 12 = 10 080,00)."""
    fte_months = sum(
        (min(employed.get(month, planned_fte), planned_fte) for month in range(1, months + 1)), Decimal(0)
    )
    return to_cents(fte_months * monthly_rate)


# --- budget lines and their overruns ---------------------------------------------------------------


@dataclass(frozen=True)
class Overrun:
    line: str  # a category ("personnel") or a contingent line ("contingent:346:equipment")
    allowed: Decimal
    spent: Decimal

    @property
    def excess(self) -> Decimal:
        return to_cents(self.spent - self.allowed)


def overruns(allowed: Mapping[str, Decimal | None], spent: Mapping[str, Decimal]) -> list[Overrun]:
    """Lines whose spending passes what they allow; a line without a budget (None) is not checked."""
    result = []
    for line, limit in allowed.items():
        used = spent.get(line, Decimal(0))
        if limit is not None and used > limit:
            result.append(Overrun(line, to_cents(limit), to_cents(used)))
    return result


def balance(allocated: Decimal | None, spent: Decimal) -> Decimal | None:
    return None if allocated is None else to_cents(allocated - spent)


# --- reporting deadlines ----------------------------------------------------------------------------


class ReportStatus(StrEnum):
    TO_DO = "to_do"
    ON_TIME = "on_time"
    LATE = "late"


def report_status(due_on: date, sent_on: date | None, today: date) -> ReportStatus:
    """Sent on or before the deadline: on time; sent after it, or still not sent once it has
    passed: late; otherwise still to do."""
    if sent_on is not None:
        return ReportStatus.ON_TIME if sent_on <= due_on else ReportStatus.LATE
    return ReportStatus.LATE if today > due_on else ReportStatus.TO_DO


def is_overdue(due_on: date, sent_on: date | None, today: date) -> bool:
    return sent_on is None and today > due_on
