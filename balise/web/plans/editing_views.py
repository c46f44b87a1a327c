"""In-place editing of a draft plan's content with htmx: add, edit, delete and move every kind
of node, and edit the plan header. Every write goes through `balise.plans.editing`; every view
also works without JavaScript (plain POST, then a redirect to the plan page)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balise.accounts.users import AuthenticatedRequest
from balise.plans import editing
from balise.plans.editing import NodeKind
from balise.plans.models import Plan, PlanStatus, StrategicObjective
from balise.plans.models.tree import Node
from balise.web.plans.nodes import (
    ADD_FIELDS,
    editable,
    form_rows,
    kind_or_404,
    node_for,
    parent_for,
    parent_key,
    readable_values,
    revision_of,
    sibling_ids,
    submitted,
    tree_template,
)
from balise.web.plans.responses import back_to_plan, is_htmx, respond


def _locked(request: HttpRequest, plan: Plan) -> HttpResponse:
    return respond(
        request,
        plan,
        "web/plans/nodes/_locked.html",
        {"message": str(editing.PlanLocked(plan))},
        title=_("Read-only plan"),
        status=409,
    )


def _head(
    request: HttpRequest,
    kind: NodeKind,
    node: models.Model,
    plan: Plan,
    *,
    status: int = 200,
    notice: str = "",
    oob_title: bool = False,
) -> HttpResponse:
    context = {"kind": kind.name, "node": node, "can_edit": True, "notice": notice, "oob_title": oob_title}
    return respond(request, plan, "web/plans/nodes/_head.html", context, title=str(node), status=status)


def _edit_context(
    kind: NodeKind,
    node: Node,
    plan: Plan,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    revision: int | None = None,
) -> dict[str, Any]:
    dom_id = f"head-{kind.name}-{node.pk}"
    names = editing.field_names(kind, plan)
    rows, general = form_rows(kind.form, dom_id, instance=node, values=values, errors=errors, names=names)
    return {
        "kind": kind.name,
        "node": node,
        "rows": rows,
        "general_errors": general,
        "revision": node.revision if revision is None else revision,
        "form_id": dom_id,
        "action": reverse("plan-node-edit", args=[kind.name, node.pk]),
        "hx_target": f"#{dom_id}",
        "hx_swap": "outerHTML",
        "cancel_url": reverse("plan-node", args=[kind.name, node.pk]),
        "cancel_target": f"#{dom_id}",
        "anchor": f"node-{kind.name}-{node.pk}",
        "submit_label": _("Save"),
    }


@login_required
def node_view(request: AuthenticatedRequest, kind: str, node_id: int) -> HttpResponse:
    """A node's display: what "Cancel" brings back in place of a form."""
    node_kind, node, plan = node_for(request.user, kind, node_id, edit=False)
    if not is_htmx(request):
        return back_to_plan(plan, f"node-{kind}-{node_id}")
    context = {"kind": node_kind.name, "node": node, "can_edit": editable(request.user, plan)}
    return render(request, "web/plans/nodes/_head.html", {"plan": plan, **context})


@login_required
@require_http_methods(["GET", "POST"])
def node_edit(request: AuthenticatedRequest, kind: str, node_id: int) -> HttpResponse:
    node_kind, node, plan = node_for(request.user, kind, node_id, edit=True)
    if plan.status != PlanStatus.DRAFT:
        return _locked(request, plan)
    title = _("Edit %(item)s") % {"item": node_kind.model._meta.verbose_name}
    if request.method == "GET":
        return respond(
            request, plan, "web/plans/nodes/_form.html", _edit_context(node_kind, node, plan), title=title
        )
    data = submitted(node_kind, request.POST)
    try:
        node = editing.update_node(node_kind.name, node.pk, data, revision_of(request.POST), request.user)
    except editing.Invalid as exc:
        context = _edit_context(
            node_kind, node, plan, values=data, errors=exc.errors, revision=revision_of(request.POST)
        )
        return respond(request, plan, "web/plans/nodes/_form.html", context, title=title, status=422)
    except editing.StaleEdit as exc:
        return _conflict(request, node_kind, exc.current, plan, data)
    except editing.PlanLocked:
        return _locked(request, plan)
    if not is_htmx(request):
        messages.success(request, _("Saved."))
        return back_to_plan(plan, f"node-{kind}-{node.pk}")
    return _head(request, node_kind, node, plan, oob_title=True)


def _conflict(
    request: HttpRequest, kind: NodeKind, current: Node, plan: Plan, data: dict[str, Any]
) -> HttpResponse:
    """Both versions side by side; the form carries the current revision so that the user can
    re-apply theirs on top of what the other person saved."""
    context = {
        **_edit_context(kind, current, plan, values=data, revision=current.revision),
        "form_id": "",  # the conflict block itself is what a retry replaces
        "theirs": current,
        "yours": readable_values(kind.form, data),
        "submit_label": _("Save my version over theirs"),
        "cancel_label": _("Keep their version"),
    }
    return respond(
        request, plan, "web/plans/nodes/_conflict.html", context, title=_("Edit conflict"), status=409
    )


@login_required
@require_http_methods(["GET", "POST"])
def node_add(request: AuthenticatedRequest, kind: str, parent_kind: str, parent_id: int) -> HttpResponse:
    node_kind = kind_or_404(kind)
    parent, plan = parent_for(request.user, node_kind, parent_kind, parent_id)
    if plan.status != PlanStatus.DRAFT:
        return _locked(request, plan)
    title = _("Add %(item)s") % {"item": node_kind.model._meta.verbose_name}
    if request.method == "GET" and request.GET.get("closed"):
        return render(request, "web/plans/nodes/_add.html", _add_context(node_kind, parent_kind, parent))
    if request.method == "GET":
        context = _add_context(node_kind, parent_kind, parent, open_form=True)
        return respond(request, plan, "web/plans/nodes/_add.html", context, title=title)
    data = submitted(node_kind, request.POST)
    try:
        node = editing.create_node(node_kind.name, parent_kind, parent.pk, data, request.user)
    except editing.Invalid as exc:
        context = _add_context(node_kind, parent_kind, parent, open_form=True, values=data, errors=exc.errors)
        response = respond(request, plan, "web/plans/nodes/_add.html", context, title=title, status=422)
        response["HX-Retarget"] = f"#{context['slot_id']}"
        response["HX-Reswap"] = "outerHTML"
        return response
    except editing.PlanLocked:
        return _locked(request, plan)
    if not is_htmx(request):
        messages.success(request, _("Added."))
        return back_to_plan(plan, f"node-{node_kind.name}-{node.pk}")
    if isinstance(node, StrategicObjective):
        node.own_indicators = []  # what `plan_with_tree` prefetches; a new objective has none
    context = {
        **_add_context(node_kind, parent_kind, parent, open_form=True),
        "node": node,
        "can_edit": True,
        "tree_template": tree_template(node_kind.name),
        "oob": True,
    }
    return render(request, "web/plans/nodes/_created.html", {"plan": plan, **context})


def _add_context(
    kind: NodeKind,
    parent_kind: str,
    parent: models.Model,
    *,
    open_form: bool = False,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    slot_id = f"add-{kind.name}-{parent_kind}-{parent.pk}"
    context: dict[str, Any] = {
        "kind": kind.name,
        "parent_kind": parent_kind,
        "parent": parent,
        "slot_id": slot_id,
        "add_url": reverse("plan-node-add", args=[kind.name, parent_kind, parent.pk]),
        "open_form": open_form,
    }
    if open_form:
        names = ADD_FIELDS.get(kind.name, (kind.text_field,))
        rows, general = form_rows(kind.form, slot_id, values=values, errors=errors, names=names)
        context.update(
            rows=rows,
            general_errors=general,
            form_id="",
            action=context["add_url"],
            hx_target=f"#list-{kind.name}-{parent_kind}-{parent.pk}",
            hx_swap="beforeend",
            cancel_url=context["add_url"] + "?closed=1",
            cancel_target=f"#{slot_id}",
            anchor=slot_id,
            submit_label=_("Add"),
        )
    return context


@login_required
@require_http_methods(["GET", "POST"])
def node_delete(request: AuthenticatedRequest, kind: str, node_id: int) -> HttpResponse:
    node_kind, node, plan = node_for(request.user, kind, node_id, edit=True)
    if plan.status != PlanStatus.DRAFT:
        return _locked(request, plan)
    if request.method == "GET":  # the confirmation page, for browsers without JavaScript
        context = {"kind": node_kind.name, "node": node}
        return respond(request, plan, "web/plans/nodes/_delete.html", context, title=_("Delete"))
    try:
        editing.delete_node(node_kind.name, node.pk, revision_of(request.POST), request.user)
    except editing.StaleEdit as exc:
        notice = _("Someone else changed this item since you loaded the page. Check it and delete it again.")
        response = _head(request, node_kind, exc.current, plan, status=409, notice=notice)
        response["HX-Retarget"] = f"#head-{kind}-{node.pk}"
        return response
    except editing.PlanLocked:
        return _locked(request, plan)
    if not is_htmx(request):
        messages.success(request, _("Deleted."))
        parent_kind, parent_id = parent_key(node_kind, node)
        return back_to_plan(plan, "" if parent_kind == "plan" else f"node-{parent_kind}-{parent_id}")
    return HttpResponse("")  # swapped over the node: it disappears from the page


@login_required
@require_POST
def node_move(request: AuthenticatedRequest, kind: str, node_id: int) -> HttpResponse:
    """One step up or down among its siblings; with htmx the page moves the element itself."""
    node_kind, node, plan = node_for(request.user, kind, node_id, edit=True)
    if plan.status != PlanStatus.DRAFT:
        return _locked(request, plan)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if step is None:
        return HttpResponseBadRequest(_("Move up or down."))
    ids = sibling_ids(node_kind, node)
    try:
        editing.move_node(node_kind.name, node.pk, max(0, ids.index(node.pk) + step), request.user)
    except editing.PlanLocked:
        return _locked(request, plan)
    if not is_htmx(request):
        return back_to_plan(plan, f"node-{kind}-{node.pk}")
    return HttpResponse(status=204)
