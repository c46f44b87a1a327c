"""Conversion between the domain `Target` and an indicator's typed columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from balise.domain.targets import Period, Target, TargetKind

if TYPE_CHECKING:  # the model imports this module
    from balise.plans.models import Indicator


def target_of(indicator: Indicator) -> Target | None:
    if not indicator.target_kind:
        return None
    return Target(
        kind=TargetKind(indicator.target_kind),
        raw=indicator.target_raw,
        comparator=indicator.target_comparator or None,
        value=indicator.target_value,
        per=Period(indicator.target_per) if indicator.target_per else None,
        deadline=indicator.target_deadline,
        upper=indicator.target_upper,
    )


def target_columns(target: Target | None) -> dict:
    if target is None:
        return {
            "target_kind": "",
            "target_comparator": "",
            "target_value": None,
            "target_per": "",
            "target_deadline": None,
            "target_upper": None,
            "target_raw": "",
        }
    return {
        "target_kind": target.kind.value,
        "target_comparator": target.comparator or "",
        "target_value": target.value,
        "target_per": target.per.value if target.per else "",
        "target_deadline": target.deadline,
        "target_upper": target.upper,
        "target_raw": target.raw,
    }
