"""Which values and which periods an indicator accepts, decided by its typed target (no database).

- boolean → ``done`` (yes/no); deadline → ``done``, and ``done_on`` when done;
- count → ``amount``, a whole number ≥ 0; range → ``amount`` ≥ 0;
- hours → ``amount`` ≥ 0, plus ``days`` > 0 for a per-day target;
- percent → ``numerator`` ≥ 0 and ``denominator`` > 0, the numerator not above the denominator;
- no target → ``amount`` or ``done``.
Periods: a target per year takes years, quarters, months or weeks; per month, months, weeks or
days; per week, weeks or days; per day, days, weeks or months (with the days worked).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from balise.domain.cells import NO_WORDS, YES_WORDS
from balise.domain.periods import Granularity, ReportingPeriod
from balise.domain.targets import Period, Target, TargetKind
from balise.monitoring.period_names import period_name

VALUE_FIELDS = ("amount", "numerator", "denominator", "days", "done", "done_on")
TEXT_FIELDS = ("comment", "source")
_MAX = Decimal("999999999999.99")  # what the columns (14 digits, 2 decimals) can hold

ALLOWED: dict[Period | None, tuple[Granularity, ...]] = {
    Period.YEAR: (Granularity.YEAR, Granularity.QUARTER, Granularity.MONTH, Granularity.WEEK),
    Period.MONTH: (Granularity.MONTH, Granularity.WEEK, Granularity.DAY),
    Period.WEEK: (Granularity.WEEK, Granularity.DAY),
    Period.DAY: (Granularity.DAY, Granularity.WEEK, Granularity.MONTH),
    None: tuple(Granularity),
}
# The period a value is naturally entered for (a per-day target is entered monthly, with the days).
IMPLIED: dict[Period | None, Granularity] = {
    Period.YEAR: Granularity.YEAR,
    Period.MONTH: Granularity.MONTH,
    Period.WEEK: Granularity.WEEK,
    Period.DAY: Granularity.MONTH,
    None: Granularity.YEAR,
}
_TRUE = YES_WORDS
_FALSE = NO_WORDS


def implied_granularity(target: Target | None) -> Granularity:
    return IMPLIED[target.per if target else None]


def allowed_granularities(target: Target | None) -> tuple[Granularity, ...]:
    return ALLOWED[target.per if target else None]


def needs_days(target: Target | None) -> bool:
    return target is not None and target.per is Period.DAY


def period_errors(
    target: Target | None, period: ReportingPeriod, plan_start: date | None, plan_end: date | None
) -> list[str]:
    """Why ``period`` cannot carry a value of this target (empty when it can)."""
    errors = []
    allowed = allowed_granularities(target)
    if period.granularity not in allowed:
        errors.append(
            _("A target “%(target)s” is measured per %(allowed)s, not per %(given)s.")
            % {
                "target": target.raw if target else "",
                "allowed": ", ".join(str(_granularity_name(g)) for g in allowed),
                "given": _granularity_name(period.granularity),
            }
        )
    if (plan_start and period.start < plan_start) or (plan_end and period.end > plan_end):
        errors.append(
            _("%(period)s lies outside the plan's period (%(start)s – %(end)s).")
            % {"period": period_name(period.label), "start": plan_start or "…", "end": plan_end or "…"}
        )
    return errors


def _granularity_name(granularity: Granularity) -> str:
    return {
        Granularity.YEAR: _("year"),
        Granularity.QUARTER: _("quarter"),
        Granularity.MONTH: _("month"),
        Granularity.WEEK: _("week"),
        Granularity.DAY: _("day"),
    }[granularity]


def is_blank(data: dict[str, Any]) -> bool:
    """No value, no text and no value per category (``parts``, see `monitoring.dimensions`)."""
    return not data.get("parts") and all(_empty(data.get(name)) for name in (*VALUE_FIELDS, *TEXT_FIELDS))


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite() or abs(number) > _MAX:
        raise ValueError
    return number


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


class _Cleaner:
    """Collects cleaned values and messages per field."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.values: dict[str, Any] = dict.fromkeys(VALUE_FIELDS)
        self.errors: dict[str, list[str]] = {}

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def present(self, name: str) -> bool:
        return not _empty(self.data.get(name))

    def number(self, name: str, *, required: bool, positive: bool = False, whole: bool = False) -> None:
        if not self.present(name):
            if required:
                self.error(name, _("This value is required."))
            return
        try:
            number = _decimal(self.data[name])
        except ValueError:
            self.error(name, _("Enter a number."))
            return
        if whole and number != number.to_integral_value():
            self.error(name, _("Enter a whole number."))
        elif positive and number <= 0:
            self.error(name, _("Enter a number greater than 0."))
        elif number < 0:
            self.error(name, _("Enter a number that is 0 or more."))
        else:
            self.values[name] = number.quantize(Decimal("0.01"))

    def boolean(self, name: str, *, required: bool) -> None:
        if not self.present(name):
            if required:
                self.error(name, _("Answer yes or no."))
            return
        try:
            self.values[name] = _boolean(self.data[name])
        except ValueError:
            self.error(name, _("Answer yes or no."))

    def day(self, name: str, *, required: bool) -> None:
        if not self.present(name):
            if required:
                self.error(name, _("Give the date."))
            return
        try:
            self.values[name] = _date(self.data[name])
        except (TypeError, ValueError):
            self.error(name, _("Enter a date as YYYY-MM-DD."))


def clean_values(
    target: Target | None, data: dict[str, Any], period: ReportingPeriod | None = None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The values to store for ``target`` (fields it does not use are None) and the errors."""
    c = _Cleaner(data)
    kind = target.kind if target else None
    if kind is TargetKind.BOOLEAN:
        c.boolean("done", required=True)
    elif kind is TargetKind.DEADLINE:
        c.boolean("done", required=True)
        c.day("done_on", required=bool(c.values["done"]))
        if c.values["done"] is False:
            c.values["done_on"] = None
    elif kind is TargetKind.RANGE:
        c.number("amount", required=True)
    elif kind in (TargetKind.COUNT, TargetKind.HOURS):
        c.number("amount", required=True, whole=kind is TargetKind.COUNT)
        # A per-day target needs the days worked, except for a single day (then it is 1).
        one_day = period is not None and period.granularity is Granularity.DAY
        c.number("days", required=needs_days(target) and not one_day, positive=True)
        if needs_days(target) and one_day and c.values["days"] is None and "days" not in c.errors:
            c.values["days"] = Decimal(1)
    elif kind is TargetKind.PERCENT:
        c.number("numerator", required=True)
        c.number("denominator", required=True, positive=True)
        numerator, denominator = c.values["numerator"], c.values["denominator"]
        if numerator is not None and denominator is not None and numerator > denominator:
            c.error("numerator", _("The numerator cannot exceed the denominator."))
    else:  # no target yet: a number or a yes/no
        c.number("amount", required=False)
        c.boolean("done", required=False)
        if c.values["amount"] is None and c.values["done"] is None and not c.errors:
            c.error("amount", _("Enter a number or answer yes or no."))
    for name in TEXT_FIELDS:
        text = data.get(name)
        c.values[name] = "" if text is None else str(text).strip()
    if len(c.values["source"]) > 300:
        c.error("source", _("At most 300 characters."))
    return c.values, c.errors
