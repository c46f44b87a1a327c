"""Progress of an indicator against its typed target over an evaluation window.

- a count per year is met by the sum of the year's values (a count per month or week is scaled
  to the window: "≥ 2/mois" over a year expects 24);
- hours per day by the average over the days worked (total hours ÷ days: the days are needed);
  hours per week or month by the total over the number of weeks or months measured;
- a percentage by the ratio of the summed numerators and denominators;
- a boolean by the last value of the window;
- a deadline by the date it was done, compared with the deadline;
- a range ("entre 20 et 40 jours par an") by the sum of the window's values, its two bounds
  scaled to the window like a count: met inside the bounds (both included), partly met when
  the sum reaches ``partly`` of the lower bound, or the upper bound is at least ``partly`` of
  the sum (a little too much), not met further out.

Status is met, partly met (at least ``partly`` of the target, default 80 %), not met, or no data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from balise.domain.targets import Period, Target, TargetKind

DEFAULT_PARTLY = Decimal("0.80")
HUNDRED = Decimal(100)
_DAYS_PER = {
    Period.DAY: Decimal(1),
    Period.WEEK: Decimal(7),
    Period.MONTH: Decimal("30.4375"),
    Period.YEAR: Decimal("365.25"),
}


class Status(StrEnum):
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Value:
    """One measurement. Which fields are used depends on the target kind:
    count → ``amount``; hours → ``amount`` (hours) and ``days`` for per-day targets;
    percent → ``numerator``/``denominator``; boolean and deadline → ``done``."""

    start: date
    end: date
    amount: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    days: Decimal | None = None
    done: bool | None = None
    done_on: date | None = None


@dataclass(frozen=True)
class Progress:
    status: Status
    actual: Decimal | None = None  # aggregated value, in the unit of the target's value
    expected: Decimal | None = None  # the target's value scaled to the window
    ratio: Decimal | None = None  # how much of the target is reached (1 = exactly)
    needs: str | None = None  # what is missing to compute it ("days", "denominator")
    values: int = 0
    # Added last so that the fields before it keep their places.
    upper: Decimal | None = None  # a range's upper bound scaled to the window


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _status_for(
    actual: Decimal, expected: Decimal, comparator: str | None, partly: Decimal
) -> tuple[Status, Decimal | None]:
    lower_is_better = comparator in ("<", "<=")
    if comparator == ">":
        met = actual > expected
    elif comparator == "<":
        met = actual < expected
    elif comparator == "<=":
        met = actual <= expected
    elif comparator == "=":
        met = actual == expected
    else:  # ">=" or a plain value: reach at least the value
        met = actual >= expected
    if lower_is_better:
        ratio = (expected / actual) if actual else None
    elif comparator == "=":
        ratio = min(actual, expected) / max(actual, expected) if max(actual, expected) else Decimal(1)
    else:
        ratio = (actual / expected) if expected else None
    if met:
        return Status.MET, ratio
    if ratio is not None and ratio >= partly:
        return Status.PARTLY_MET, ratio
    return Status.NOT_MET, ratio


def _window_units(per: Period, start: date, end: date) -> Decimal:
    """How many target periods fit in the window: 12 months in a year, 366/7 weeks in 2024."""
    days = Decimal((end - start).days + 1)
    if per is Period.MONTH:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        whole = start.day == 1 and (end + timedelta(days=1)).day == 1
        return Decimal(months) if whole else days / _DAYS_PER[per]
    if per is Period.YEAR and days >= 365:
        return (days / _DAYS_PER[per]).to_integral_value(rounding=ROUND_HALF_UP)
    return days / _DAYS_PER[per]


def compute(
    target: Target | None,
    values: Iterable[Value],
    window_start: date,
    window_end: date,
    *,
    partly: Decimal = DEFAULT_PARTLY,
    today: date | None = None,
) -> Progress:
    """Progress of ``target`` from the ``values`` whose period lies in the window."""
    inside = sorted(
        (v for v in values if window_start <= v.start and v.end <= window_end), key=lambda v: (v.end, v.start)
    )
    if target is None or not inside and target.kind is not TargetKind.DEADLINE:
        return Progress(Status.NO_DATA, values=len(inside))
    kind = target.kind
    if kind is TargetKind.BOOLEAN:
        return _boolean(inside)
    if kind is TargetKind.DEADLINE:
        return _deadline(target, inside, window_end, today)
    if target.value is None:
        return Progress(Status.NO_DATA, values=len(inside))
    if kind is TargetKind.RANGE:
        return _range(target, inside, window_start, window_end, partly)
    expected = target.value
    if kind is TargetKind.PERCENT:
        actual = _percent_actual(inside)
    elif kind is TargetKind.HOURS:
        actual = _hours_actual(target.per, inside)
    else:  # COUNT
        actual = _count_actual(inside)
        if target.per is not None:
            expected = _q(target.value * _window_units(target.per, window_start, window_end))
    if isinstance(actual, Progress):  # what is missing to compute it
        return actual
    status, ratio = _status_for(actual, expected, target.comparator, partly)
    return Progress(
        status,
        actual=actual,
        expected=expected,
        ratio=None if ratio is None else _q(ratio),
        values=len(inside),
    )


def _boolean(inside: list[Value]) -> Progress:
    """The last answer given decides."""
    answered = [v for v in inside if v.done is not None]
    if not answered:
        return Progress(Status.NO_DATA, values=len(inside))
    done = bool(answered[-1].done)
    return Progress(Status.MET if done else Status.NOT_MET, actual=Decimal(int(done)), values=len(inside))


def _percent_actual(inside: list[Value]) -> Decimal | Progress:
    """Sum of numerators over sum of denominators, in percent (values without both are left out)."""
    pairs = [
        (v.numerator, v.denominator) for v in inside if v.numerator is not None and v.denominator is not None
    ]
    denominator = sum((d for _n, d in pairs), Decimal(0))
    if not pairs or denominator == 0:
        return Progress(Status.NO_DATA, needs="denominator", values=len(inside))
    return _q(sum((n for n, _d in pairs), Decimal(0)) * HUNDRED / denominator)


def _hours_actual(per: Period | None, inside: list[Value]) -> Decimal | Progress:
    """Hours per day (needs the days worked), per week or month (over the days covered), or in total."""
    amounts = [v for v in inside if v.amount is not None]
    if not amounts:
        return Progress(Status.NO_DATA, values=len(inside))
    total = sum((v.amount for v in amounts if v.amount is not None), Decimal(0))
    if per is Period.DAY:
        days = sum((v.days for v in amounts if v.days is not None), Decimal(0))
        if days == 0 or any(v.days is None for v in amounts):
            return Progress(Status.NO_DATA, needs="days", values=len(inside))
        return _q(total / days)
    if per in (Period.WEEK, Period.MONTH):
        covered = sum(
            (Decimal(v.days if v.days is not None else (v.end - v.start).days + 1) for v in amounts),
            Decimal(0),
        )
        return _q(total / (covered / _DAYS_PER[per])) if covered else total
    return _q(total)


def _count_actual(inside: list[Value]) -> Decimal | Progress:
    counted = [v.amount for v in inside if v.amount is not None]
    if not counted:
        return Progress(Status.NO_DATA, values=len(inside))
    return _q(sum(counted, Decimal(0)))


def _range(target: Target, inside: list[Value], start: date, end: date, partly: Decimal) -> Progress:
    counted = [v.amount for v in inside if v.amount is not None]
    if not counted or target.value is None or target.upper is None:
        return Progress(Status.NO_DATA, values=len(inside))
    units = _window_units(target.per, start, end) if target.per is not None else Decimal(1)
    low, high = _q(target.value * units), _q(target.upper * units)
    actual = _q(sum(counted, Decimal(0)))
    if low <= actual <= high:
        status, ratio = Status.MET, Decimal(1)
    else:
        ratio = (actual / low if low else Decimal(0)) if actual < low else high / actual
        status = Status.PARTLY_MET if ratio >= partly else Status.NOT_MET
    return Progress(status, actual=actual, expected=low, upper=high, ratio=_q(ratio), values=len(inside))


def _deadline(target: Target, inside: list[Value], window_end: date, today: date | None) -> Progress:
    deadline = target.deadline or window_end
    done = [v for v in inside if v.done]
    if done:
        done_on = min((v.done_on or v.end) for v in done)
        return Progress(
            Status.MET if done_on <= deadline else Status.NOT_MET, actual=Decimal(1), values=len(inside)
        )
    reference = today or window_end
    if reference > deadline and (inside or (today is not None and today > deadline)):
        return Progress(Status.NOT_MET, actual=Decimal(0), values=len(inside))
    return Progress(Status.NO_DATA, values=len(inside))


def due_date(target: Target | None, progress: Progress, window_end: date) -> date | None:
    """The day after which a deadline target still without a "done" value becomes not met.

    Of all the rules above, only this one depends on ``today``: a progress computed without
    ``today`` (or stored) stays true until that day. None when the status cannot change by itself.
    """
    if target is None or target.kind is not TargetKind.DEADLINE or progress.status is not Status.NO_DATA:
        return None
    return target.deadline or window_end


def status_on(stored: Status, due: date | None, today: date) -> Status:
    """A status computed with ``today`` unknown, as it stands on ``today`` (see `due_date`)."""
    if due is not None and today > due:
        return Status.NOT_MET
    return stored
