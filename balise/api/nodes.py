"""/api/nodes/{kind}: read, create, change, delete and move the items of a plan's tree.

Every write goes through `balise.plans.editing` (validation, optimistic locking, history). Access:
an item of a plan the caller may not read is a 404; one they may read but not change, a 403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from ninja import Router, Status

from balise.accounts.users import User
from balise.api import schemas
from balise.api.auth import ApiRequest
from balise.api.errors import check_fields
from balise.api.serialize import node_out
from balise.plans import editing
from balise.plans.access import plan_for
from balise.plans.models import Plan
from balise.plans.models.tree import Node

router = Router(tags=["nodes"])

READ_ERRORS = {401: schemas.Detail, 404: schemas.Detail, 422: schemas.ValidationErrors}
WRITE_ERRORS = {**READ_ERRORS, 413: schemas.Detail, 403: schemas.Detail, 409: schemas.Conflict}


def _plan_id_of(kind_name: str, node_id: int) -> int:
    try:
        kind, node = editing.get_node(kind_name, node_id)
    except ObjectDoesNotExist:
        raise Http404 from None
    return editing.plan_of(kind, node).pk


def _authorized(user: User, kind_name: str, node_id: int, *, edit: bool) -> tuple[editing.NodeKind, Plan]:
    plan = plan_for(user, _plan_id_of(kind_name, node_id), edit=edit)
    return editing.node_kind(kind_name), plan


def _out(kind: editing.NodeKind, node: Node, plan: Plan) -> dict[str, Any]:
    return node_out(kind, node, plan.pk)


@router.get("/{kind}/{int:node_id}", response={200: schemas.NodeOut, **READ_ERRORS})
def get_node(request: ApiRequest, kind: schemas.NodeKindName, node_id: schemas.Id) -> dict[str, Any]:
    """One item with its editable values and its revision (send it back when changing the item)."""
    node_kind, plan = _authorized(request.auth, kind, node_id, edit=False)
    _kind, node = editing.get_node(kind, node_id)
    return _out(node_kind, node, plan)


@router.post("/{kind}", response={201: schemas.NodeOut, **WRITE_ERRORS})
def create_node(request: ApiRequest, kind: schemas.NodeKindName, payload: schemas.NodeCreateIn) -> Status:
    """Add an item at the end of its parent's children (``parent_kind`` "plan" for a module or thematic)."""
    if payload.parent_kind == "plan":
        parent_plan_id = payload.parent_id
    else:
        parent_plan_id = _plan_id_of(payload.parent_kind, payload.parent_id)
    plan = plan_for(request.auth, parent_plan_id, edit=True)
    check_fields(payload.values, editing.field_names(editing.node_kind(kind), plan))
    node = editing.create_node(kind, payload.parent_kind, payload.parent_id, payload.values, request.auth)
    return Status(201, _out(editing.node_kind(kind), node, plan))


@router.patch("/{kind}/{int:node_id}", response={200: schemas.NodeOut, **WRITE_ERRORS})
def update_node(
    request: ApiRequest, kind: schemas.NodeKindName, node_id: schemas.Id, payload: schemas.NodeUpdateIn
) -> dict[str, Any]:
    """Change some values; refused with 409 if the item changed since ``revision``."""
    node_kind, plan = _authorized(request.auth, kind, node_id, edit=True)
    check_fields(payload.values, editing.field_names(node_kind, plan))
    node = editing.update_node(kind, node_id, payload.values, payload.revision, request.auth)
    return _out(node_kind, node, plan)


@router.delete("/{kind}/{int:node_id}", response={204: None, **WRITE_ERRORS})
def delete_node(
    request: ApiRequest, kind: schemas.NodeKindName, node_id: schemas.Id, revision: int
) -> Status:
    """Delete an item and everything under it; refused with 409 if it changed since ``revision``."""
    _authorized(request.auth, kind, node_id, edit=True)
    editing.delete_node(kind, node_id, revision, request.auth)
    return Status(204, None)


@router.post("/{kind}/{int:node_id}/move", response={200: schemas.NodeOut, **WRITE_ERRORS})
def move_node(
    request: ApiRequest, kind: schemas.NodeKindName, node_id: schemas.Id, payload: schemas.MoveIn
) -> dict[str, Any]:
    """Move an item to ``position`` among its siblings."""
    node_kind, plan = _authorized(request.auth, kind, node_id, edit=True)
    node = editing.move_node(kind, node_id, payload.position, request.auth)
    return _out(node_kind, node, plan)
