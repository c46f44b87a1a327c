"""Money in templates: report statuses and budget lines in words."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from balise.domain.money import format_number
from balise.finance.contingents import contingent_label
from balise.finance.models import Category, FinanceYear
from balise.finance.reports import status_label

register = template.Library()

register.filter("report_status", status_label)
register.filter("contingent", contingent_label)


@register.filter
def line_label(line: str) -> str:
    """A budget line key in words: "functioning" → "functioning", "allocation" → "the allocation",
    "contingent:Gardiens de la paix 346:cap" → "Gardiens de la paix 346: equipment budget above the cap"."""
    if line == "allocation":
        return _("the allocation")
    if line in Category.values:
        return str(Category(line).label)
    _prefix, _sep, rest = line.partition(":")
    name, _sep, part = rest.rpartition(":")
    parts = {
        "personnel": _("personnel (after occupation)"),
        "equipment": _("equipment and training"),
        "cap": _("equipment budget above the cap"),
    }
    return f"{contingent_label(name)}: {parts.get(part, part)}"


@register.filter
def month_of(employed: dict[int, Decimal] | None, month: int) -> Decimal | None:
    """``{{ line.employed|month_of:3 }}``: the FTE recorded for a month, or None."""
    return (employed or {}).get(month)


@register.filter
def category_budget(finance_year: FinanceYear | None, category: str) -> Decimal | None:
    return finance_year.budget_of(category) if finance_year is not None else None


@register.filter
def input_amount(amount: Decimal | None) -> str:
    """An amount to put back in a form field: "1 234,56", or "" when there is none."""
    return "" if amount is None else format_number(amount, places=2)
