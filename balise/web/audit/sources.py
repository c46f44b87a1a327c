"""Where the history of a plan lives: one historical table per content model, and how each
historical row reaches its plan.

Rows of deleted nodes must still be found, so the path to the plan never joins the live tables
(a deleted parent has no live row): it goes through the parents' *historical* rows, whose ids are
kept for ever. Each kind's scope is therefore a nested ``IN (SELECT id FROM historical parent …)``
and costs no extra query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_history_manager_for_model

from balise.finance.models import Contingent
from balise.plans.models import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    Module,
    OperationalObjective,
    Plan,
    PlanMeasure,
    PlanThematic,
    StrategicObjective,
)


@dataclass(frozen=True)
class HistorySource:
    """One kind of plan content with a history. ``fk`` is the column leading to ``parent`` (another
    kind) or, when ``parent`` is None, holding the plan id itself."""

    kind: str
    model: type[models.Model]
    label: Promise
    fk: str
    parent: str | None
    text: Callable[[Any], str]

    @property
    def historical(self) -> models.QuerySet[Any]:
        return get_history_manager_for_model(self.model).all()

    @property
    def has_key(self) -> bool:
        return any(f.name == "key" for f in self.model._meta.fields)


def _attr(name: str) -> Callable[[Any], str]:
    return lambda record: str(getattr(record, name) or "")


# Kind names are those of `balise.plans.editing.NODE_KINDS`, plus the plan and its contingents.
SOURCES: dict[str, HistorySource] = {
    source.kind: source
    for source in (
        HistorySource("plan", Plan, _("plan"), "id", None, _attr("title")),
        HistorySource("module", Module, _("module"), "plan_id", None, _attr("title")),
        HistorySource(
            "general_objective",
            GeneralObjective,
            _("general objective"),
            "module_id",
            "module",
            _attr("text"),
        ),
        HistorySource(
            "strategic_objective",
            StrategicObjective,
            _("strategic objective"),
            "module_id",
            "module",
            _attr("title"),
        ),
        HistorySource(
            "operational_objective",
            OperationalObjective,
            _("operational objective"),
            "strategic_objective_id",
            "strategic_objective",
            _attr("title"),
        ),
        HistorySource(
            "result",
            ExpectedResult,
            _("expected result"),
            "operational_objective_id",
            "operational_objective",
            _attr("text"),
        ),
        HistorySource(
            "indicator",
            Indicator,
            _("indicator"),
            "strategic_objective_id",
            "strategic_objective",
            _attr("text"),
        ),
        HistorySource(
            "thematic", PlanThematic, _("thematic"), "plan_id", None, lambda r: f"{r.number}. {r.title}"
        ),
        HistorySource(
            "measure", PlanMeasure, _("measure"), "thematic_id", "thematic", lambda r: f"{r.code} {r.text}"
        ),
        HistorySource("contingent", Contingent, _("contingent"), "plan_id", None, _attr("name")),
    )
}

# Bookkeeping columns that change on every save and say nothing to a reader.
NOT_SHOWN = frozenset({"revision", "content_hash"})


def ids_ever_in(kind: str, plan_ids: Iterable[int] | models.QuerySet) -> models.QuerySet:
    """A subquery of the ids of every ``kind`` node that ever belonged to one of ``plan_ids``."""
    return SOURCES[kind].historical.filter(in_plans(kind, plan_ids)).values("id")


def in_plans(kind: str, plan_ids: Iterable[int] | models.QuerySet) -> Q:
    source = SOURCES[kind]
    if source.parent is None:
        return Q(**{f"{source.fk}__in": plan_ids})
    return Q(**{f"{source.fk}__in": ids_ever_in(source.parent, plan_ids)})


def plan_of_row(kind: str) -> F | Subquery[Any]:
    """The plan id of a historical row of ``kind``, read through the parents' historical rows
    (a correlated subquery per level, so a node of a deleted parent still has its plan)."""
    source = SOURCES[kind]
    if source.parent is None:
        return F(source.fk)
    parent_rows = (
        SOURCES[source.parent]
        .historical.filter(id=OuterRef(source.fk))
        .annotate(plan_ref=plan_of_row(source.parent))
        .values("plan_ref")[:1]
    )
    return Subquery(parent_rows)
