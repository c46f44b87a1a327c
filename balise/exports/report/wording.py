"""How the report words figures: Belgian numbers and dates, values and progress by target kind.

Called while the report's language is active (``translation.override``), so every string here is
already in French or Dutch when it lands in the frozen report.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balise.domain.money import format_number
from balise.domain.progress import Progress
from balise.domain.targets import Period, Target, TargetKind
from balise.monitoring.models import Measurement

NARROW = "\u202f"  # between a number and its unit, never broken across lines


def day(value: date | datetime | None) -> str:
    """Belgian date: 15/03/2024 (a datetime is shown in the local time zone)."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.strftime("%d/%m/%Y")


def _unit(kind: TargetKind) -> str:
    return {TargetKind.PERCENT: f"{NARROW}%", TargetKind.HOURS: f"{NARROW}h"}.get(kind, "")


def ratio_text(ratio: Decimal | None) -> str:
    if ratio is None:
        return ""
    return format_number((ratio * 100).quantize(Decimal(1))) + f"{NARROW}%"


def values_text(target: Target | None, measurements: list[Measurement]) -> str:
    """The year's values aggregated as the target reads them: "Σ 44 (11 values)", "12 / 30",
    "150 h in 20 days", "yes", "done on 15/03/2024"."""
    if not measurements:
        return _("no values")
    count = ngettext("%(n)s value", "%(n)s values", len(measurements)) % {"n": len(measurements)}
    kind = target.kind if target else None
    if kind is TargetKind.BOOLEAN:
        answered = [m.done for m in measurements if m.done is not None]
        return (_("yes") if answered[-1] else _("no")) if answered else count
    if kind is TargetKind.DEADLINE:
        done = [m.done_on or m.period_end for m in measurements if m.done]
        return _("done on %(date)s") % {"date": day(min(done))} if done else _("not done")
    if kind is TargetKind.PERCENT:
        pairs = [
            (m.numerator, m.denominator)
            for m in measurements
            if m.numerator is not None and m.denominator is not None
        ]
        if not pairs:
            return count
        numerator = sum((n for n, _d in pairs), Decimal(0))
        denominator = sum((d for _n, d in pairs), Decimal(0))
        return f"{format_number(numerator)} / {format_number(denominator)} ({count})"
    amounts = [m for m in measurements if m.amount is not None]
    if not amounts:
        return count
    total = format_number(sum((m.amount for m in amounts if m.amount is not None), Decimal(0)))
    if kind is TargetKind.HOURS:
        days = [m.days for m in amounts if m.days is not None]
        if target and target.per is Period.DAY and days:
            return _("%(hours)s h in %(days)s days (%(count)s)") % {
                "hours": total,
                "days": format_number(sum(days, Decimal(0))),
                "count": count,
            }
        return _("%(hours)s h in total (%(count)s)") % {"hours": total, "count": count}
    return _("%(total)s in total (%(count)s)") % {"total": total, "count": count}


def progress_text(target: Target | None, progress: Progress) -> str:
    """Actual against expected: "44 / 50 (88 %)", "yes / yes", "done / by 31/12/2024"."""
    if target is None:
        return _("no target")
    if target.kind is TargetKind.BOOLEAN:
        if progress.actual is None:
            return "—"
        return f"{_('yes') if progress.actual else _('no')} / {_('yes')}"
    if target.kind is TargetKind.DEADLINE:
        by = _("by %(date)s") % {"date": day(target.deadline)} if target.deadline else _("in the year")
        if progress.actual is None:
            return f"— / {by}"
        return f"{_('done') if progress.actual else _('not done')} / {by}"
    if progress.expected is None:
        if progress.needs == "days":
            return _("the days worked are missing")
        if progress.needs == "denominator":
            return _("the total is missing")
        return "—"
    unit = _unit(target.kind)
    text = f"{format_number(progress.actual)}{unit} / {format_number(progress.expected)}{unit}"
    ratio = ratio_text(progress.ratio)
    return f"{text} ({ratio})" if ratio else text
