"""Monitoring in templates: statuses, periods and numbers the Belgian way, and the two partials
other pages include (an indicator's status badge, the user's due items)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from balise.domain.cells import CellShape
from balise.domain.money import format_number
from balise.domain.periods import Granularity
from balise.domain.progress import Status
from balise.monitoring.models import Measurement
from balise.monitoring.period_names import period_name, period_title, short_period_name
from balise.monitoring.statuses import IndicatorStatus, indicator_statuses
from balise.plans.models import Indicator, Plan

register = template.Library()


def status_label(status: str | None) -> str:
    labels: dict[str, str] = {
        Status.MET: _("met"),
        Status.PARTLY_MET: _("partly met"),
        Status.NOT_MET: _("not met"),
        Status.NO_DATA: _("no data"),
    }
    return labels.get(status or Status.NO_DATA, str(status))


register.filter("status_label", status_label)


@register.filter
def status_class(status: str | None) -> str:
    """A CSS class per status, stable whatever the language: ``progress-partly_met``."""
    return f"progress-{status or Status.NO_DATA}"


@register.filter
def number(value: Decimal | int | None) -> str:
    """``Decimal("7.50")`` → ``"7,5"``; ``Decimal("1234")`` → ``"1 234"``; ``None`` → ``"—"``."""
    return format_number(value)


@register.filter
def percent(ratio: Decimal | None) -> str:
    """A ratio (1 = the target) as a percentage: ``Decimal("0.85")`` → ``"85 %"``."""
    if ratio is None:
        return "—"
    return number((Decimal(ratio) * 100).quantize(Decimal(1))) + "\u202f%"


register.filter("period_label", period_title)
register.filter("short_period", short_period_name)
register.filter("period_name", period_name)


@register.filter
def lookup(mapping: Mapping[str, object] | None, key: str) -> object:
    """``{{ errors|lookup:"amount" }}``: a dictionary entry by a variable key."""
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def value_text(measurement: Measurement | None, kind: str = "") -> str:
    """A stored value as people read it, by the target kind: "12", "7,5 h in 20 days",
    "18 / 60", "yes", "done on 15/03/2024"."""
    if measurement is None:
        return ""
    if kind == "percent" and measurement.denominator is not None:
        return f"{number(measurement.numerator)} / {number(measurement.denominator)}"
    if kind == "deadline":
        if measurement.done and measurement.done_on:
            return _("done on %(date)s") % {"date": date_format(measurement.done_on, "d/m/Y")}
        return _("done") if measurement.done else _("not done")
    if measurement.done is not None and measurement.amount is None:
        return _("yes") if measurement.done else _("no")
    if kind == "hours" and measurement.days is not None:
        return _("%(hours)s h in %(days)s days") % {
            "hours": number(measurement.amount),
            "days": number(measurement.days),
        }
    return number(measurement.amount)


# --- partials for the plan page and the home page ---------------------------------------------


@register.simple_tag
def plan_statuses(plan: Plan, year: int | str | None = None) -> dict[int, IndicatorStatus]:
    """``{% plan_statuses plan as statuses %}``: every indicator's status, in a fixed number of
    queries (call it once per page, then ``{% indicator_status statuses indicator %}``)."""

    return indicator_statuses(plan, int(year) if year else None)


@register.inclusion_tag("monitoring/_indicator_status.html")
def indicator_status(
    statuses: dict[int, IndicatorStatus] | None, indicator: Indicator | int
) -> dict[str, object]:
    """The badge of one indicator: computed status of the year and the latest analysed colour."""
    key = indicator if isinstance(indicator, int) else indicator.pk
    return {"st": (statuses or {}).get(key), "indicator": indicator}


# --- the data-entry grid ------------------------------------------------------------------------


@register.filter
def cell_hint(shape: str, kind: str = "") -> str:
    """What a grid cell takes, said once beside the indicator: "a whole number", "count / total"."""
    if shape == CellShape.NUMBER:
        return _("a whole number") if kind == "count" else _("a number")
    hints: dict[str, str] = {
        CellShape.HOURS_IN_DAYS: _("hours / days worked, e.g. 140 / 20"),
        CellShape.RATIO: _("count / total, e.g. 18 / 60"),
        CellShape.YES_NO: _("yes or no"),
        CellShape.DONE_ON: _("the date it was done (dd/mm/yyyy), or no"),
        CellShape.NUMBER_OR_YES_NO: _("a number, or yes or no"),
    }
    return hints.get(shape, "")


@register.filter
def grid_heading(granularity: str) -> str:
    headings: dict[str, str] = {
        Granularity.YEAR: _("Indicators entered per year"),
        Granularity.QUARTER: _("Indicators entered per quarter"),
        Granularity.MONTH: _("Indicators entered per month"),
        Granularity.WEEK: _("Indicators entered per week"),
    }
    return headings.get(granularity, "")
