"""The status of each indicator of a plan, for the plan page (web) and its partials: a fixed
number of queries whatever the plan's size."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from balise.domain.progress import Progress
from balise.monitoring.models import Assessment, ColourCode, Evaluation
from balise.monitoring.selectors import default_year, plan_progress, plan_years
from balise.plans.models import Plan


@dataclass(frozen=True)
class IndicatorStatus:
    progress: Progress  # computed for ``year``
    year: int
    colour: ColourCode | None = None  # of the latest analysed (or closed) evaluation
    colour_year: int | None = None


def indicator_statuses(
    plan: Plan, year: int | None = None, modules: Collection[int] | None = None
) -> dict[int, IndicatorStatus]:
    """Status of every indicator of ``plan`` (or of its ``modules``) by indicator id: the computed
    progress of ``year`` (default: this year, or the plan's last year) and the colour the federal
    administration gave it in the latest analysed evaluation."""
    year = year or default_year(plan_years(plan))
    progress = plan_progress(plan, year, modules=modules)
    latest = (
        Evaluation.objects.filter(
            lineage=plan.lineage, state__in=(Evaluation.State.ANALYSED, Evaluation.State.CLOSED)
        )
        .order_by("-year")
        .first()
    )
    colours: dict[uuid.UUID, ColourCode | None] = {}
    if latest is not None:
        colours = {
            a.subject_key: a.colour
            for a in Assessment.objects.filter(
                evaluation=latest, subject=Assessment.Target.INDICATOR, colour__isnull=False
            ).select_related("colour")
        }
    result = {}
    for row in progress.rows:
        colour = colours.get(row.indicator.key)
        result[row.indicator.pk] = IndicatorStatus(
            row.progress, year, colour, latest.year if colour is not None and latest is not None else None
        )
    return result
