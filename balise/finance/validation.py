"""Reading what people type for money: amounts, FTE, dates, with the messages they get back.

Each reader appends to ``errors`` (by field) and returns None on bad input, so a form reports
every problem at once and the action saves nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from balise.domain.money import AmountError, read_amount

Errors = dict[str, list[str]]


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def amount(errors: Errors, name: str, value: Any, *, required: bool = True) -> Decimal | None:
    if blank(value):
        if required:
            errors.setdefault(name, []).append(_("This amount is required."))
        return None
    try:
        return read_amount(value)
    except AmountError as exc:
        if exc.reason == "negative":
            message = _("An amount cannot be negative.")
        else:
            message = _("“%(value)s” is not an amount: write it like 1 234,56.") % {"value": value}
        errors.setdefault(name, []).append(message)
        return None


def fte(errors: Errors, name: str, value: Any, *, required: bool = True) -> Decimal | None:
    if blank(value):
        if required:
            errors.setdefault(name, []).append(_("The number of FTE is required."))
        return None
    try:
        return read_amount(value)
    except AmountError as exc:
        if exc.reason == "negative":
            message = _("A number of FTE cannot be negative.")
        else:
            message = _("“%(value)s” is not a number of FTE: write it like 1,5.") % {"value": value}
        errors.setdefault(name, []).append(message)
        return None


def day(errors: Errors, name: str, value: Any, *, required: bool = True) -> date | None:
    """A date as ``2024-03-15`` or ``15/03/2024``."""
    if isinstance(value, date):
        return value
    if blank(value):
        if required:
            errors.setdefault(name, []).append(_("This date is required."))
        return None
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.setdefault(name, []).append(
        _("“%(value)s” is not a date: write it like 15/03/2024.") % {"value": text}
    )
    return None


def text(errors: Errors, name: str, value: Any, *, max_length: int, required: bool = True) -> str:
    cleaned = " ".join(str(value or "").split())
    if required and not cleaned:
        errors.setdefault(name, []).append(_("This field is required."))
    elif len(cleaned) > max_length:
        errors.setdefault(name, []).append(_("At most %(n)s characters.") % {"n": max_length})
    return cleaned
