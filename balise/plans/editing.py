"""Editing plan content node by node: create, update, delete, move.

Shared by the web pages and the API. Every write is atomic, validated by the node's form,
recorded in the history with its author, and refused when:
- the plan is not a draft (a signed plan is amended through a new version) → `PlanLocked`;
- the node changed since the editor loaded it (optimistic locking on ``revision``) → `StaleEdit`;
- the data is invalid → `Invalid` with messages per field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms as django_forms
from django.db import models, transaction
from django.utils.translation import gettext as _

from balise import errors
from balise.accounts.history import set_author
from balise.accounts.users import User
from balise.domain.targets import Target, parse_target, target_problems
from balise.plans import forms
from balise.plans.models import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    Module,
    OperationalObjective,
    Plan,
    PlanKind,
    PlanMeasure,
    PlanStatus,
    PlanThematic,
    StrategicObjective,
)
from balise.plans.models.tree import Node
from balise.plans.signals import announce
from balise.plans.targets import target_columns


class EditError(errors.BaliseError):
    pass


class PlanLocked(errors.Locked, EditError):
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        super().__init__(
            _("Plan “%(title)s” is %(status)s: create a new version to change it.")
            % {"title": plan.title, "status": plan.get_status_display()}
        )


class StaleEdit(errors.StaleEdit, EditError):
    """Someone else saved this node first; ``current`` is their version."""

    def __init__(self, current: models.Model, submitted: dict[str, Any]) -> None:
        super().__init__(
            current,
            submitted,
            _("This item was changed by someone else while you were editing it. Review their version."),
        )


class Invalid(errors.Invalid, EditError):
    """Invalid values of a node's form, by field name."""


@dataclass(frozen=True)
class NodeKind:
    name: str
    model: type[Node]
    form: type[django_forms.ModelForm[Any]]
    parents: tuple[str, ...]  # kinds this node can be created under
    plan_path: str  # lookup from the node to its plan
    text_field: str = "title"
    extra: dict[str, Any] = field(default_factory=dict)


NODE_KINDS: dict[str, NodeKind] = {
    kind.name: kind
    for kind in (
        NodeKind("module", Module, forms.ModuleForm, ("plan",), "plan"),
        NodeKind(
            "general_objective",
            GeneralObjective,
            forms.GeneralObjectiveForm,
            ("module",),
            "module__plan",
            "text",
        ),
        NodeKind(
            "strategic_objective",
            StrategicObjective,
            forms.StrategicObjectiveForm,
            ("module",),
            "module__plan",
        ),
        NodeKind(
            "operational_objective",
            OperationalObjective,
            forms.OperationalObjectiveForm,
            ("strategic_objective",),
            "strategic_objective__module__plan",
        ),
        NodeKind(
            "result",
            ExpectedResult,
            forms.ExpectedResultForm,
            ("operational_objective",),
            "operational_objective__strategic_objective__module__plan",
            "text",
        ),
        NodeKind(
            "indicator",
            Indicator,
            forms.IndicatorForm,
            ("operational_objective", "strategic_objective"),
            "strategic_objective__module__plan",
            "text",
        ),
        NodeKind("thematic", PlanThematic, forms.ThematicForm, ("plan",), "plan"),
        NodeKind("measure", PlanMeasure, forms.MeasureForm, ("thematic",), "thematic__plan", "text"),
    )
}
# Fields only a zonal security plan has (its sheets and action tables): a pilot, an approach, a
# reference value. Other plans never show them nor take them.
ZONAL_FIELDS: dict[str, frozenset[str]] = {
    "strategic_objective": frozenset({"pilot"}),
    "operational_objective": frozenset({"approach", "pilot"}),
    "indicator": frozenset({"reference_value"}),
}


def field_names(kind: NodeKind, plan: Plan) -> tuple[str, ...]:
    """The fields a node of ``kind`` has in ``plan``, in the form's order."""
    hidden = frozenset() if plan.kind == PlanKind.PZS else ZONAL_FIELDS.get(kind.name, frozenset())
    return tuple(name for name in kind.form.base_fields if name not in hidden)


PARENT_MODELS: dict[str, type[models.Model]] = {
    "plan": Plan,
    **{name: kind.model for name, kind in NODE_KINDS.items()},
}


def node_kind(name: str) -> NodeKind:
    try:
        return NODE_KINDS[name]
    except KeyError:
        raise Invalid({"kind": [_("Unknown kind of item: %(kind)s.") % {"kind": name}]}) from None


def plan_of(kind: NodeKind, node: Node) -> Plan:
    obj: Any = node
    for part in kind.plan_path.split("__"):
        obj = getattr(obj, part)
    return obj


def get_node(kind_name: str, node_id: int) -> tuple[NodeKind, Node]:
    kind = node_kind(kind_name)
    related = kind.plan_path.replace("__", "__") if "__" in kind.plan_path else kind.plan_path
    return kind, kind.model._default_manager.select_related(related).get(pk=node_id)


def _ensure_draft(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise PlanLocked(plan)
    # Every caller goes on to change the tree: invalidate rendered copies of it (same transaction).
    Plan.objects.filter(pk=plan.pk).update(content_revision=models.F("content_revision") + 1)


def _validated(kind: NodeKind, instance: Node, data: dict[str, Any], plan: Plan) -> Node:
    """``data`` checked by the node's form; fields the plan's kind does not have are ignored."""
    names = field_names(kind, plan)
    form_data = {name: value for name, value in data.items() if name in names}
    # Fields not submitted keep their current value (partial updates).
    if instance.pk:
        initial = django_forms.model_to_dict(instance, fields=list(kind.form.base_fields))
        form_data = {**initial, **form_data}
    form = kind.form(data=form_data, instance=instance)
    if not form.is_valid():
        raise Invalid({name: [str(m) for m in messages] for name, messages in form.errors.items()})
    text_changed = "text" in form.changed_data or not instance.pk
    node = form.save(commit=False)
    # The target is read from the text when the text changes; a target set in the structured
    # editor survives edits of the other fields.
    if isinstance(node, Indicator) and text_changed:
        for column, value in target_columns(parse_target(node.text)).items():
            setattr(node, column, value)
    return node


def _siblings(kind: NodeKind, node: Node) -> models.QuerySet[Node]:
    if isinstance(node, Indicator):
        if node.operational_objective_id:
            return Indicator.objects.filter(operational_objective_id=node.operational_objective_id)
        return Indicator.objects.filter(
            strategic_objective_id=node.strategic_objective_id, operational_objective=None
        )
    parent_field = {
        "module": "plan",
        "general_objective": "module",
        "strategic_objective": "module",
        "operational_objective": "strategic_objective",
        "result": "operational_objective",
        "thematic": "plan",
        "measure": "thematic",
    }[kind.name]
    return kind.model._default_manager.filter(**{f"{parent_field}_id": getattr(node, f"{parent_field}_id")})


@transaction.atomic
def create_node(kind_name: str, parent_kind: str, parent_id: int, data: dict[str, Any], user: User) -> Node:
    kind = node_kind(kind_name)
    if parent_kind not in kind.parents:
        raise Invalid(
            {"parent": [_("A %(kind)s cannot be placed there.") % {"kind": kind.model._meta.verbose_name}]}
        )
    parent = PARENT_MODELS[parent_kind]._default_manager.filter(pk=parent_id).first()
    if parent is None:
        raise Invalid({"parent": [_("The parent item does not exist.")]})
    node = kind.model()
    if isinstance(node, Indicator):
        if isinstance(parent, OperationalObjective):
            node.operational_objective = parent
            node.strategic_objective_id = parent.strategic_objective_id
        elif isinstance(parent, StrategicObjective):
            node.strategic_objective = parent
    else:
        setattr(node, parent_kind, parent)
    plan = plan_of(kind, node)
    _ensure_draft(plan)
    node = _validated(kind, node, data, plan)
    last = _siblings(kind, node).aggregate(models.Max("order"))["order__max"]
    node.order = 0 if last is None else last + 1
    set_author(node, user)
    node.save()
    if kind.name == "indicator":
        announce(plan.pk, [node.pk])
    return node


@transaction.atomic
def update_node(
    kind_name: str, node_id: int, data: dict[str, Any], expected_revision: int, user: User
) -> Node:
    kind = node_kind(kind_name)
    node = kind.model._default_manager.select_for_update().get(pk=node_id)
    plan = plan_of(kind, node)
    _ensure_draft(plan)
    if node.revision != expected_revision:
        raise StaleEdit(node, data)
    node = _validated(kind, node, data, plan)
    node.revision += 1
    set_author(node, user)
    node.save()
    _announce_change(kind, node)
    return node


def _announce_change(kind: NodeKind, node: Node) -> None:
    """An indicator's target or a module's phenomenon may have changed: their progress follows."""
    if kind.name == "indicator":
        announce(plan_of(kind, node).pk, [node.pk])
    elif isinstance(node, Module):
        ids = list(Indicator.objects.filter(strategic_objective__module=node).values_list("pk", flat=True))
        announce(node.plan_id, ids)


@transaction.atomic
def delete_node(kind_name: str, node_id: int, expected_revision: int, user: User) -> Plan:
    kind = node_kind(kind_name)
    node = kind.model._default_manager.select_for_update().get(pk=node_id)
    plan = plan_of(kind, node)
    _ensure_draft(plan)
    if node.revision != expected_revision:
        raise StaleEdit(node, {})
    set_author(node, user)
    node.delete()
    announce(plan.pk, [])  # the indicators gone with it leave the plan's counts
    return plan


@transaction.atomic
def move_node(kind_name: str, node_id: int, position: int, user: User) -> Node:
    """Move a node to ``position`` (0-based) among its siblings; the others keep their order."""
    kind = node_kind(kind_name)
    node = kind.model._default_manager.select_for_update().get(pk=node_id)
    _ensure_draft(plan_of(kind, node))
    siblings = [s for s in _siblings(kind, node).order_by("order", "id") if s.pk != node.pk]
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, node)
    for order, sibling in enumerate(siblings):
        if sibling.order != order:
            sibling.order = order
            set_author(sibling, user)
            sibling.save(update_fields=["order"])
    return node


@transaction.atomic
def update_plan_header(plan_id: int, data: dict[str, Any], expected_revision: int, user: User) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan_id)
    _ensure_draft(plan)
    if plan.revision != expected_revision:
        raise StaleEdit(plan, data)
    initial = django_forms.model_to_dict(plan, fields=list(forms.PlanHeaderForm.base_fields))
    form = forms.PlanHeaderForm(data={**initial, **data}, instance=plan)
    if not form.is_valid():
        raise Invalid({name: [str(m) for m in messages] for name, messages in form.errors.items()})
    plan = form.save(commit=False)
    plan.revision += 1
    set_author(plan, user)
    plan.save()
    announce(plan.pk)  # its period (the years and windows of progress) or municipality may have changed
    return plan


@transaction.atomic
def set_target(indicator_id: int, target: Target | None, expected_revision: int, user: Any) -> Indicator:
    """Set an indicator's typed target from the structured editor; its text, and the target as
    written in it (``target_raw``), stay as they are. Refused like any edit of the node
    (`PlanLocked`, `StaleEdit`) and with `Invalid` by field when the target does not hold
    together (see `balise.domain.targets.target_problems`). Progress follows."""
    node = Indicator.objects.select_for_update().filter(pk=indicator_id).first()
    if node is None:
        raise Indicator.DoesNotExist
    kind = NODE_KINDS["indicator"]
    _ensure_draft(plan_of(kind, node))
    if node.revision != expected_revision:
        raise StaleEdit(node, {})
    if target is not None:
        problems = target_problems(target)
        if problems:
            raise Invalid(_problem_messages(problems))
    raw = node.target_raw
    for column, value in target_columns(target).items():
        setattr(node, column, value)
    node.target_raw = raw
    node.revision += 1
    set_author(node, user)
    node.save()
    _announce_change(kind, node)
    return node


def _problem_messages(problems: list[tuple[str, str]]) -> dict[str, list[str]]:
    words = {
        "required": _("This value is required for this kind of target."),
        "negative": _("Enter a number that is 0 or more."),
        "over_100": _("A percentage is at most 100."),
        "below_lower": _("The upper bound cannot be below the lower one."),
        "no_comparator": _("This kind of target has no comparator."),
    }
    messages: dict[str, list[str]] = {}
    for name, reason in problems:
        messages.setdefault(name, []).append(words[reason])
    return messages
