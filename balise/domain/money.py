"""Money rules: Decimal amounts rounded half-up to the cent, never floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

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
    groups = []
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
