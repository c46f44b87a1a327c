"""The regional charts, drawn by `balise.charts` from plain values."""

from __future__ import annotations

from decimal import Decimal

from balise import charts
from balise.regional.coverage import CoverageTable
from balise.regional.models import PartnerCategory


def coverage_chart(table: CoverageTable) -> charts.Chart:
    """Per thematic, the measures each actor category contributed to."""
    groups = [charts.GroupValues(f"{r.number}. {r.title}", [c.covered for c in r.cells]) for r in table.rows]
    return charts.measures_by_thematic_and_category(groups, [str(c.label) for c in table.columns])


def funding_chart(funding: dict[str, Decimal]) -> charts.Chart:
    """Subsidies per partner category (every category, in the order of `PartnerCategory`)."""
    labels = dict(PartnerCategory.choices)
    return charts.funding_by_category([(str(labels[key]), amount) for key, amount in funding.items()])
