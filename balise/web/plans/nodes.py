"""What the editing views need to know about plan nodes: finding one with the access rules
applied, the form fields to show, and where a node sits among its siblings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.http import Http404, QueryDict

from balise.accounts.rules import can_edit_plan
from balise.accounts.users import Visitor
from balise.plans.access import plan_for
from balise.plans.editing import NODE_KINDS, NodeKind, plan_of
from balise.plans.models import Indicator, Plan, PlanStatus
from balise.plans.models.tree import Node

# The fields asked for when adding a node (the others can be filled in by editing it).
ADD_FIELDS: dict[str, tuple[str, ...]] = {
    "module": ("title", "kind"),
    "strategic_objective": ("title", "domain"),
    "thematic": ("number", "title"),
    "measure": ("code", "text"),
}


@dataclass(frozen=True)
class FieldRow:
    field: forms.BoundField
    errors: list[str]


def kind_or_404(name: str) -> NodeKind:
    kind = NODE_KINDS.get(name)
    if kind is None:
        raise Http404
    return kind


def node_for(user: Visitor, kind_name: str, node_id: int, *, edit: bool) -> tuple[NodeKind, Node, Plan]:
    """The node and its plan if ``user`` may read it (404) — and change it with ``edit`` (403)."""
    kind = kind_or_404(kind_name)
    node = kind.model._default_manager.select_related(kind.plan_path).filter(pk=node_id).first()
    if node is None:
        raise Http404
    return kind, node, plan_for(user, plan_of(kind, node).pk, edit=edit, content_only=True)


def parent_for(user: Visitor, kind: NodeKind, parent_kind: str, parent_id: int) -> tuple[models.Model, Plan]:
    """The parent a new node goes under, and its plan, if ``user`` may change that plan."""
    if parent_kind not in kind.parents:
        raise Http404
    if parent_kind == "plan":
        plan = plan_for(user, parent_id, edit=True)
        return plan, plan
    of_parent = NODE_KINDS[parent_kind]
    parent = of_parent.model._default_manager.select_related(of_parent.plan_path).filter(pk=parent_id).first()
    if parent is None:
        raise Http404
    return parent, plan_for(user, plan_of(of_parent, parent).pk, edit=True)


def submitted(kind: NodeKind, post: QueryDict) -> dict[str, Any]:
    """The posted values of the node's own fields (anything else is ignored)."""
    return {name: post.get(name) for name in kind.form.base_fields if name in post}


def revision_of(post: QueryDict) -> int:
    try:
        return int(post.get("revision", ""))
    except ValueError:
        return 0  # never matches a stored revision: reported as a conflict, not a crash


def form_rows(
    form_class: type[forms.ModelForm],
    dom_id: str,
    *,
    instance: models.Model | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    names: tuple[str, ...] | None = None,
) -> tuple[list[FieldRow], list[str]]:
    """Rows (field, its messages) for a form shown in place, and the messages of no field.

    The form is not validated here: ``editing`` did that, and its messages (``Invalid.errors``)
    are put back next to their fields. ``auto_id`` keeps ids unique when several forms are open."""
    errors = errors or {}
    form = form_class(instance=instance, initial=values or None, auto_id=f"{dom_id}-%s", label_suffix="")
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = 3  # texts are a sentence or two, not pages
    rows = [FieldRow(form[name], errors.get(name, [])) for name in (names or tuple(form.fields))]
    shown = {row.field.name for row in rows}
    general = [m for name, messages in errors.items() if name not in shown for m in messages]
    return rows, general


def readable_values(form_class: type[forms.ModelForm], values: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value as the user chose it) of submitted values, to show "your version"."""
    form = form_class()
    rows = []
    for name, value in values.items():
        field = form.fields.get(name)
        if field is None:
            continue
        shown = value or ""
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None and str(value).isdigit():
            shown = field.queryset.filter(pk=value).first() or value
        elif isinstance(field, forms.ChoiceField):
            # django-stubs types the getter as any choices input; ChoiceField keeps them as pairs.
            shown = str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
        rows.append((str(field.label), str(shown)))
    return rows


def sibling_ids(kind: NodeKind, node: Node) -> list[int]:
    """Ids of the node and its siblings in their order (an indicator's siblings are those of
    its operational objective, or of its strategic objective when it has none)."""
    filters: dict[str, Any]
    if isinstance(node, Indicator):
        if node.operational_objective_id:
            filters = {"operational_objective_id": node.operational_objective_id}
        else:
            filters = {"strategic_objective_id": node.strategic_objective_id, "operational_objective": None}
    else:
        parent = kind.parents[0]
        filters = {f"{parent}_id": getattr(node, f"{parent}_id")}
    return list(
        kind.model._default_manager.filter(**filters).order_by("order", "id").values_list("pk", flat=True)
    )


def parent_key(kind: NodeKind, node: Node) -> tuple[str, int]:
    """(parent kind, parent id) of a node: where it is listed on the plan page."""
    if isinstance(node, Indicator) and not node.operational_objective_id:
        return "strategic_objective", node.strategic_objective_id
    parent = kind.parents[0]
    return parent, getattr(node, f"{parent}_id")


def editable(user: Visitor, plan: Plan) -> bool:
    """Whether ``user`` sees the editing tools: only drafts change in place; a signed plan is
    amended through a new version."""
    return plan.status == PlanStatus.DRAFT and bool(can_edit_plan(user, plan))


def tree_template(kind_name: str) -> str:
    """The template that renders a whole node (with its children) on the plan page."""
    if kind_name in {"module", "strategic_objective", "operational_objective", "thematic"}:
        return f"web/plans/tree/{kind_name}.html"
    return "web/plans/tree/leaf.html"
