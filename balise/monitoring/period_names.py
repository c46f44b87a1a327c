"""Periods named for people, in the reader's language, never as ISO labels ("2025-W02"):
pages, workbook headers and messages all name them here.

====== ============= ============= =============
label  fr            nl            de
====== ============= ============= =============
2025   2025          2025          2025
2025-Q1 T1 2025      K1 2025       Q1 2025
2025-01 janv. 2025   jan. 2025     Jan. 2025
2025-W02 semaine 2   week 2        Woche 2
====== ============= ============= =============
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from balise.domain.periods import Granularity, PeriodError, parse_period

# The usual abbreviations (Django's own give "jan." in French, where "janv." is the norm).
MONTH_ABBREVIATIONS = (
    pgettext_lazy("month abbreviation", "Jan."),
    pgettext_lazy("month abbreviation", "Feb."),
    pgettext_lazy("month abbreviation", "Mar."),
    pgettext_lazy("month abbreviation", "Apr."),
    pgettext_lazy("month abbreviation", "May"),
    pgettext_lazy("month abbreviation", "June"),
    pgettext_lazy("month abbreviation", "July"),
    pgettext_lazy("month abbreviation", "Aug."),
    pgettext_lazy("month abbreviation", "Sept."),
    pgettext_lazy("month abbreviation", "Oct."),
    pgettext_lazy("month abbreviation", "Nov."),
    pgettext_lazy("month abbreviation", "Dec."),
)


def period_name(label: str) -> str:
    """A compact name with its year: "janv. 2025", "T1 2025", "semaine 2" (a week is named
    within its year, as in a year's columns), "15/03/2025"; an unknown label is returned as is."""
    try:
        period = parse_period(label)
    except PeriodError:
        return label
    year = period.label[:4]
    if period.granularity is Granularity.YEAR:
        return year
    if period.granularity is Granularity.QUARTER:
        return _("Q%(quarter)s %(year)s") % {"quarter": period.label[-1], "year": year}
    if period.granularity is Granularity.MONTH:
        return f"{MONTH_ABBREVIATIONS[period.start.month - 1]} {period.start.year}"
    if period.granularity is Granularity.WEEK:
        return pgettext("short week", "week %(week)s") % {"week": int(period.label[-2:])}
    return date_format(period.start, "d/m/Y")


def period_title(label: str) -> str:
    """The full name: "2024", "T2 2024", "mars 2024", "semaine 5 de 2024", "15/03/2024"."""
    try:
        period = parse_period(label)
    except PeriodError:
        return label
    year = period.label[:4]
    if period.granularity is Granularity.MONTH:
        return date_format(period.start, "F Y")
    if period.granularity is Granularity.WEEK:
        return _("week %(week)s of %(year)s") % {"week": int(period.label[-2:]), "year": year}
    return period_name(label)


def short_period_name(label: str) -> str:
    """For the columns of one year's grid: as `period_name`, a quarter without its year ("T2"),
    a day without its year ("15/03")."""
    try:
        period = parse_period(label)
    except PeriodError:
        return label
    if period.granularity is Granularity.QUARTER:
        return pgettext("short quarter", "Q%(quarter)s") % {"quarter": period.label[-1]}
    if period.granularity is Granularity.DAY:
        return date_format(period.start, "d/m")
    return period_name(label)
