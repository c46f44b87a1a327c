"""Reporting periods: a year, quarter, month, ISO week or day, written as text.

"2024" · "2024-Q2" · "2024-03" · "2024-W05" · "2024-03-15"
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Granularity(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"


class PeriodError(ValueError):
    pass


# The years Balise deals with: plans, values, evaluations and budgets from 1990 to 2100. Every
# entry (page, API, CLI, workbook, interchange) refuses a year outside this window before any
# work, so that "year 0" or "year -101" never reaches `date()` (which raises on them).
FIRST_YEAR = 1990
LAST_YEAR = 2100


def plausible_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


@dataclass(frozen=True, order=True)
class ReportingPeriod:
    start: date
    end: date  # inclusive
    granularity: Granularity
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def within(self, start: date, end: date) -> bool:
        return start <= self.start and self.end <= end


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_period(text: str) -> ReportingPeriod:
    """Read a period label; raises `PeriodError` with a message saying what is expected."""
    label = (text or "").strip().upper()
    try:
        if m := _YEAR.match(label):
            year = int(m[1])
            return ReportingPeriod(date(year, 1, 1), date(year, 12, 31), Granularity.YEAR, label)
        if m := _QUARTER.match(label):
            year, quarter = int(m[1]), int(m[2])
            first = 3 * (quarter - 1) + 1
            last = first + 2
            end = date(year, last, calendar.monthrange(year, last)[1])
            return ReportingPeriod(date(year, first, 1), end, Granularity.QUARTER, label)
        if m := _MONTH.match(label):
            year, month = int(m[1]), int(m[2])
            end = date(year, month, calendar.monthrange(year, month)[1])
            return ReportingPeriod(date(year, month, 1), end, Granularity.MONTH, label)
        if m := _WEEK.match(label):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return ReportingPeriod(start, start + timedelta(days=6), Granularity.WEEK, label)
        if m := _DAY.match(label):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return ReportingPeriod(day, day, Granularity.DAY, label)
    except ValueError as exc:
        raise PeriodError(f"{text!r} is not a valid period: {exc}") from exc
    raise PeriodError(f"{text!r} is not a period: write 2024, 2024-Q2, 2024-03, 2024-W05 or 2024-03-15")


def year_period(year: int) -> ReportingPeriod:
    return parse_period(str(year))


def periods_of_year(year: int, granularity: Granularity) -> list[ReportingPeriod]:
    """Every period of ``granularity`` whose start lies in ``year``."""
    if granularity is Granularity.YEAR:
        return [year_period(year)]
    if granularity is Granularity.QUARTER:
        return [parse_period(f"{year}-Q{q}") for q in range(1, 5)]
    if granularity is Granularity.MONTH:
        return [parse_period(f"{year}-{m:02d}") for m in range(1, 13)]
    if granularity is Granularity.WEEK:
        weeks = date(year, 12, 28).isocalendar()[1]
        return [parse_period(f"{year}-W{w:02d}") for w in range(1, weeks + 1)]
    start = date(year, 1, 1)
    return [
        parse_period((start + timedelta(days=n)).isoformat())
        for n in range((date(year, 12, 31) - start).days + 1)
    ]
