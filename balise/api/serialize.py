"""Plain dicts for the API responses, built from already-fetched objects (no queries here,
except `node_values` which reads only the node's own row)."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms

from balise.domain.disaggregation import parse_cell_label
from balise.domain.interchange import target_to_dict
from balise.domain.translations import readable
from balise.monitoring.models import Assessment, Measurement, MeasurementPart
from balise.plans.editing import NodeKind
from balise.plans.models import Indicator, Plan
from balise.plans.models.tree import Node


def plan_summary(plan: Plan) -> dict[str, Any]:
    municipality = plan.municipality
    return {
        "id": plan.pk,
        "kind": plan.kind,
        "title": plan.title,
        "status": plan.status,
        "version": plan.version,
        "revision": plan.revision,
        "lineage": plan.lineage,
        "municipality": (
            {"id": municipality.pk, "code": municipality.code, "name": municipality.name}
            if municipality
            else None
        ),
        "municipality_name": plan.municipality_name,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "signed_on": plan.signed_on,
    }


def _node(kind: str, node: Node, **fields: Any) -> dict[str, Any]:
    return {
        "id": node.pk,
        "key": node.key,
        "kind": kind,
        "revision": node.revision,
        "order": node.order,
        "translations": readable(getattr(node, "translations", None) or {}),
        **fields,
    }


def _indicator(indicator: Indicator) -> dict[str, Any]:
    return _node(
        "indicator",
        indicator,
        text=indicator.text,
        target=target_to_dict(indicator.target),
        reference_value=indicator.reference_value,
    )


def plan_tree(plan: Plan) -> dict[str, Any]:
    """The whole plan, from `selectors.plan_with_tree` (prefetched: no further queries)."""
    modules = [
        _node(
            "module",
            m,
            title=m.title,
            module_kind=m.kind,
            description=m.description,
            general_objectives=[
                _node("general_objective", g, text=g.text) for g in m.general_objectives.all()
            ],
            strategic_objectives=[
                _node(
                    "strategic_objective",
                    so,
                    title=so.title,
                    domain=so.domain,
                    service=so.service.name if so.service else None,
                    pilot=so.pilot,
                    operational_objectives=[
                        _node(
                            "operational_objective",
                            oo,
                            title=oo.title,
                            approach=oo.approach,
                            pilot=oo.pilot,
                            results=[_node("result", r, text=r.text) for r in oo.results.all()],
                            indicators=[_indicator(i) for i in oo.indicators.all()],
                        )
                        for oo in so.operational_objectives.all()
                    ],
                    indicators=[_indicator(i) for i in so.own_indicators],
                )
                for so in m.strategic_objectives.all()
            ],
        )
        for m in plan.modules.all()
    ]
    thematics = [
        _node(
            "thematic",
            t,
            number=t.number,
            title=t.title,
            measures=[_node("measure", x, code=x.code, text=x.text) for x in t.measures.all()],
        )
        for t in plan.thematics.all()
    ]
    amount = plan.annual_amount_eur
    return {
        **plan_summary(plan),
        "language": plan.language,
        "translations": readable(plan.translations or {}),
        "parties": list(plan.parties),
        "annual_amount_eur": None if amount is None else f"{amount:.2f}",
        "modules": modules,
        "thematics": thematics,
    }


def parent_of(kind: NodeKind, node: Node) -> tuple[str, int]:
    """(parent kind, parent id); an indicator's parent is its operational objective if it has one."""
    for parent in kind.parents:
        parent_id = getattr(node, f"{parent}_id")
        if parent_id is not None:
            return parent, parent_id
    raise ValueError(f"{kind.name} {node.pk} has no parent")  # the schema forbids it


def node_out(kind: NodeKind, node: Node, plan_id: int) -> dict[str, Any]:
    parent_kind, parent_id = parent_of(kind, node)
    data: dict[str, Any] = {
        "id": node.pk,
        "kind": kind.name,
        "plan_id": plan_id,
        "parent_kind": parent_kind,
        "parent_id": parent_id,
        "revision": node.revision,
        "order": node.order,
        "values": django_forms.model_to_dict(node, fields=list(kind.form.base_fields)),
    }
    if isinstance(node, Indicator):
        data["target"] = target_to_dict(node.target)
    return data


def text(value: Any) -> str | None:
    return None if value is None else str(value)


def measurement_out(m: Measurement, parts: list[MeasurementPart] | None = None) -> dict[str, Any]:
    """A value; with ``parts``, its values per category (the value is then their total)."""
    written: dict[str, Any] = {
        "id": m.pk,
        "indicator_key": str(m.indicator_key),
        "indicator_id": m.indicator_id,
        "period": m.period,
        "period_start": m.period_start.isoformat(),
        "period_end": m.period_end.isoformat(),
        **{name: text(getattr(m, name)) for name in ("amount", "numerator", "denominator", "days")},
        "done": m.done,
        "done_on": m.done_on.isoformat() if m.done_on else None,
        "comment": m.comment,
        "source": m.source,
        "revision": m.revision,
    }
    if parts:
        written["parts"] = [
            {
                "categories": dict(parse_cell_label(p.cell)),
                **{name: text(getattr(p, name)) for name in ("amount", "numerator", "denominator", "days")},
                "done": p.done,
                "done_on": p.done_on.isoformat() if p.done_on else None,
            }
            for p in parts
        ]
    return written


def assessment_out(a: Assessment) -> dict[str, Any]:
    return {
        "subject": a.subject,
        "key": str(a.subject_key),
        "self_evaluation": a.self_evaluation,
        "analysis": a.analysis,
        "colour": a.colour.code if a.colour is not None else None,  # no query when there is none
        "motivation": a.motivation,
        "suggested_status": a.suggested_status,
        "revision": a.revision,
    }
