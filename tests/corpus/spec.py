"""Small builders for writing expected outlines by hand, and the layout-dependent views of them.

An expected outline is written once per plan, with each indicator's text *without* its target and
the target typed by hand (never by ``parse_target``). A document that prints the target at the end
of the indicator ("Nombre de visites : ≥ 50/an") expects `with_inline_targets`; a document that
gives the target its own cell or row ("Streefwaarde") expects the outline as written.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import Period, Target, TargetKind

_PERIODS = {"day": Period.DAY, "week": Period.WEEK, "month": Period.MONTH, "year": Period.YEAR}


# --- targets, typed by hand ---------------------------------------------------------------------


def count(raw: str, value: int | str, per: str | None = None, cmp: str | None = ">=") -> Target:
    return Target(TargetKind.COUNT, raw, cmp, Decimal(str(value)), _PERIODS[per] if per else None)


def percent(raw: str, value: int | str, cmp: str | None = None) -> Target:
    return Target(TargetKind.PERCENT, raw, cmp, Decimal(str(value)))


def hours(raw: str, value: int | str, per: str, cmp: str | None = ">=") -> Target:
    return Target(TargetKind.HOURS, raw, cmp, Decimal(str(value)), _PERIODS[per])


def yes_no(raw: str) -> Target:
    return Target(TargetKind.BOOLEAN, raw)


def deadline(raw: str, on: date) -> Target:
    return Target(TargetKind.DEADLINE, raw, deadline=on)


# --- the tree -----------------------------------------------------------------------------------


def ind(text: str, target: Target | None = None, reference: str | None = None) -> IndicatorOutline:
    return IndicatorOutline(text=text, target=target, reference_value=reference)


def oo(
    title: str,
    results: Iterable[str] = (),
    indicators: Iterable[IndicatorOutline] = (),
    approach: str | None = None,
    pilot: str | None = None,
) -> OperationalObjectiveOutline:
    return OperationalObjectiveOutline(title, list(results), list(indicators), approach, pilot)


def so(
    title: str,
    *operational: OperationalObjectiveOutline,
    indicators: Iterable[IndicatorOutline] = (),
    service: str | None = None,
    pilot: str | None = None,
) -> StrategicObjectiveOutline:
    return StrategicObjectiveOutline(
        title,
        service=service,
        operational_objectives=list(operational),
        indicators=list(indicators),
        pilot=pilot,
    )


def module(
    title: str, *strategic: StrategicObjectiveOutline, kind: str = "phenomenon", general: Iterable[str] = ()
) -> ModuleOutline:
    return ModuleOutline(title, kind, general_objectives=list(general), strategic_objectives=list(strategic))


def plan(
    kind: str,
    title: str,
    municipality: str,
    language: str,
    years: tuple[int, int],
    modules: Iterable[ModuleOutline],
) -> PlanOutline:
    return PlanOutline(
        kind=kind,
        title=title,
        municipality=municipality,
        language=language,
        period_start=date(years[0], 1, 1),
        period_end=date(years[1], 12, 31),
        modules=list(modules),
    )


# --- views of an outline, as a given layout prints it --------------------------------------------


def inline_text(indicator: IndicatorOutline, joiner: str = " : ") -> str:
    """The indicator as a sentence that ends with its target, the way prose plans print it."""
    if indicator.target is None:
        return indicator.text
    return f"{indicator.text}{joiner}{indicator.target.raw}"


def with_inline_targets(outline: PlanOutline, joiner: str = " : ") -> PlanOutline:
    """The expected outline of a document that writes each target at the end of its indicator."""
    result = copy.deepcopy(outline)
    for indicator in result.iter_indicators():
        indicator.text = inline_text(indicator, joiner)
    return result


def all_indicators(outline: PlanOutline) -> list[IndicatorOutline]:
    return list(outline.iter_indicators())
