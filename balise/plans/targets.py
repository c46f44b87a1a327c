"""Conversion between the domain `Target` and an indicator's typed columns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from balise.domain.targets import Period, Target, TargetKind


class TargetColumns(Protocol):
    """What ``target_of`` reads: an ``Indicator``, or its target columns read with ``values()``
    (``monitoring.progress_store`` recomputes from rows, not model instances)."""

    @property
    def target_kind(self) -> str: ...
    @property
    def target_raw(self) -> str: ...
    @property
    def target_comparator(self) -> str: ...
    @property
    def target_value(self) -> Decimal | None: ...
    @property
    def target_per(self) -> str: ...
    @property
    def target_deadline(self) -> date | None: ...
    @property
    def target_upper(self) -> Decimal | None: ...


def target_of(indicator: TargetColumns) -> Target | None:
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


def target_columns(target: Target | None) -> dict[str, Any]:
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
