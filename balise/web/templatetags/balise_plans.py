"""Small helpers for the plan templates."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise.accounts.rules import can_create_plans
from balise.accounts.users import Visitor
from balise.imports.registry import describe_layout
from balise.plans.editing import NODE_KINDS
from balise.plans.models.tree import Node

register = template.Library()

BRANCHES = frozenset({"module", "strategic_objective", "operational_objective", "thematic"})


@register.filter
def kind_label(kind_name: str) -> str:
    """``"operational_objective"`` → "operational objective" (translated)."""
    kind = NODE_KINDS.get(kind_name)
    return str(kind.model._meta.verbose_name) if kind else kind_name


@register.filter
def layout_description(name: str) -> str:
    """``"pssp_list"`` → what that layout reads, in the user's language."""
    return describe_layout(name)


@register.filter
def may_create_plans(user: Visitor) -> bool:
    return can_create_plans(user)


@lru_cache(maxsize=64)
def _labels(language: str, kind: str) -> dict[str, str]:
    # The same few words are shown next to every node of a plan (hundreds of them): translated
    # once per language and kind rather than once per node.
    item = kind_label(kind)
    if kind in BRANCHES:
        question = _("Delete this %(item)s and everything under it?") % {"item": item}
    else:
        question = _("Delete this %(item)s?") % {"item": item}
    return {
        "edit": _("Edit"),
        "up": _("Move up"),
        "down": _("Move down"),
        "delete": _("Delete"),
        "question": question,
    }


@register.inclusion_tag("web/plans/nodes/_tools.html")
def node_tools(kind: str, node: Node) -> dict[str, object]:
    """Edit, move up/down and delete buttons of a node."""
    return {
        "kind": kind,
        "node": node,
        "url": reverse("plan-node", args=[kind, node.pk]),
        "labels": _labels(get_language() or "", kind),
    }
