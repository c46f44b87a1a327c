"""Reading the value forms: which inputs a target kind needs, and what the user typed.

A bulk form names its inputs ``i<indicator id>-<field>``; the single-value form uses the bare
field names. The values go to `balise.monitoring.actions` as typed (strings): validation and the
messages are theirs, so that the pages, the API and the command line refuse the same things.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from balise.domain.targets import Target, TargetKind
from balise.monitoring.models import Measurement, MeasurementPart
from balise.monitoring.validation import TEXT_FIELDS, needs_days


def fields_for(target: Target | None) -> tuple[str, ...]:
    """The value inputs shown for a target (comment and source are always there)."""
    kind = target.kind if target else None
    if kind is TargetKind.BOOLEAN:
        return ("done",)
    if kind is TargetKind.DEADLINE:
        return ("done", "done_on")
    if kind is TargetKind.PERCENT:
        return ("numerator", "denominator")
    if kind is TargetKind.HOURS:
        # Hours per day are averaged over the days worked, so the days are asked for too.
        return ("amount", "days") if needs_days(target) else ("amount",)
    if kind in (TargetKind.COUNT, TargetKind.RANGE):
        return ("amount",)
    return ("amount", "done")  # no target yet: a number or a yes/no


def read_row(post: QueryDict, prefix: str, target: Target | None) -> dict[str, Any]:
    """The submitted inputs of one row; ``prefix`` is "i<id>-" in a bulk form, "" otherwise."""
    return {name: (post.get(prefix + name) or "").strip() for name in (*fields_for(target), *TEXT_FIELDS)}


def _number(value: Decimal | None) -> str:
    # Belgian decimal comma in the inputs; the actions read it back.
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


def initial_of(measurement: Measurement | MeasurementPart | None) -> dict[str, str]:
    """The inputs' values from a stored measurement (empty when there is none)."""
    if measurement is None:
        return {}
    done = measurement.done
    return {
        "amount": _number(measurement.amount),
        "numerator": _number(measurement.numerator),
        "denominator": _number(measurement.denominator),
        "days": _number(measurement.days),
        "done": "" if done is None else ("yes" if done else "no"),
        "done_on": measurement.done_on.isoformat() if measurement.done_on else "",
        "comment": getattr(measurement, "comment", ""),  # a value per category has none
        "source": getattr(measurement, "source", ""),
    }


def unchanged(row: dict[str, str], measurement: Measurement | None) -> bool:
    """A pre-filled row sent back as it was: not written again (its revision stays)."""
    if measurement is None:
        return False
    initial = initial_of(measurement)
    return all(initial.get(name, "") == value for name, value in row.items())


FIELD_LABELS = {
    "amount": _("Value"),
    "numerator": _("Count"),
    "denominator": _("Out of (total)"),
    "days": _("Days worked"),
    "done": _("Yes or no"),
    "done_on": _("Done on"),
    "comment": _("Comment"),
    "source": _("Source"),
}


def readable(values: dict[str, str]) -> list[tuple[str, str]]:
    """Submitted values with their labels, to show "your version" beside someone else's."""
    return [(str(FIELD_LABELS.get(name, name)), value) for name, value in values.items()]
