"""Formatting for pages: Belgian amounts and readable indicator targets."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from balise.domain.money import format_eur, format_number
from balise.domain.targets import Period, TargetKind
from balise.plans.models import Indicator

register = template.Library()

_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


@register.filter
def eur(amount: Decimal | None) -> str:
    """``Decimal("1234.5")`` → ``"1 234,50 €"``; ``None`` → ``"—"``."""
    return format_eur(amount)


@register.filter
def number(value: Decimal | int | None, places: int | None = None) -> str:
    """Belgian number: ``1234.56`` → ``"1 234,56"`` (``|number:2`` fixes the decimals)."""
    return format_number(value, places)


def _number(value: Decimal) -> str:
    """``Decimal("7.5000")`` → ``"7,5"``; ``Decimal("50.0000")`` → ``"50"`` (Belgian decimal comma)."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _kind_label(kind: str) -> str:
    labels: dict[str, str] = {
        TargetKind.BOOLEAN: pgettext("target kind", "yes/no"),
        TargetKind.COUNT: pgettext("target kind", "count"),
        TargetKind.PERCENT: pgettext("target kind", "percentage"),
        TargetKind.HOURS: pgettext("target kind", "hours"),
        TargetKind.DEADLINE: pgettext("target kind", "deadline"),
        TargetKind.RANGE: pgettext("target kind", "range"),
    }
    return labels.get(kind, kind)


def _per_label(per: str) -> str:
    labels: dict[str, str] = {
        Period.DAY: _("per day"),
        Period.WEEK: _("per week"),
        Period.MONTH: _("per month"),
        Period.YEAR: _("per year"),
    }
    return labels.get(per, per)


@register.filter
def target_kind_label(indicator: Indicator) -> str:
    return _kind_label(indicator.target_kind) if indicator.target_kind else ""


@register.filter
def target_reading(indicator: Indicator) -> str:
    """How Balise understood an indicator's target, from its stored columns (never re-parsed):
    ``≥ 50 per year``, ``30 %``, ``≥ 7 h per day``, ``yes``, ``by 31/12/2020``."""
    kind = indicator.target_kind
    if not kind:
        return ""
    if kind == TargetKind.DEADLINE:
        if indicator.target_deadline:
            return _("by %(date)s") % {"date": date_format(indicator.target_deadline, "d/m/Y")}
        return _("a deadline")
    if kind == TargetKind.BOOLEAN and indicator.target_value is None:
        return _("yes")
    if kind == TargetKind.RANGE and indicator.target_value is not None and indicator.target_upper is not None:
        reading = _("between %(low)s and %(high)s") % {
            "low": _number(indicator.target_value),
            "high": _number(indicator.target_upper),
        }
        return f"{reading} {_per_label(indicator.target_per)}" if indicator.target_per else reading
    parts = []
    if indicator.target_comparator:
        parts.append(_COMPARATOR_SIGNS.get(indicator.target_comparator, indicator.target_comparator))
    if indicator.target_value is not None:
        value = _number(indicator.target_value)
        if kind == TargetKind.PERCENT:
            value += "\u202f%"
        elif kind == TargetKind.HOURS:
            value += "\u202fh"
        parts.append(value)
    if indicator.target_per:
        parts.append(_per_label(indicator.target_per))
    return " ".join(parts)
