"""Configurable defaults: the rate rules (loaded with the reference lists) and the reporting
deadlines (``settings.BALISE_REPORT_DEADLINES``, month and day of the year after the reported one)."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from balise.domain.money import DEFAULT_RATE_RULES
from balise.finance.models import RateRule

# Activity reports by 31 March, financial reports by 30 June of the following year.
DEFAULT_REPORT_DEADLINES = {"activity": (3, 31), "financial": (6, 30)}


def load_rate_rules() -> int:
    """The default rules, created once: a rule already there (perhaps changed by an
    administrator) is left as it is. Returns how many were created."""
    created = 0
    for rule in DEFAULT_RATE_RULES:
        _row, new = RateRule.objects.get_or_create(
            contingent_code=rule.contingent,
            valid_from=rule.valid_from,
            defaults={
                "valid_to": rule.valid_to,
                "monthly_rate_eur": rule.monthly_rate,
                "equipment_cap_per_fte_eur": rule.equipment_cap_per_fte,
            },
        )
        created += new
    return created


def report_deadlines() -> dict[str, tuple[int, int]]:
    configured = getattr(settings, "BALISE_REPORT_DEADLINES", None) or {}
    return {**DEFAULT_REPORT_DEADLINES, **{k: tuple(v) for k, v in configured.items()}}


def default_due_on(kind: str, year: int) -> date:
    month, day = report_deadlines()[kind]
    return date(year + 1, month, day)
