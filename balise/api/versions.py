"""/api/plans/{id}/versions, /sign, /diff: the versions of a plan (`balise.plans.versioning`)."""

from __future__ import annotations

from typing import Any

from ninja import Router, Status

from balise.api import schemas
from balise.api.auth import ApiRequest
from balise.api.serialize import plan_summary
from balise.plans import versioning
from balise.plans.access import plan_for
from balise.plans.models import Plan

router = Router(tags=["versions"])

READ_ERRORS = {401: schemas.Detail, 404: schemas.Detail, 422: schemas.ValidationErrors}
WRITE_ERRORS = {**READ_ERRORS, 413: schemas.Detail, 403: schemas.Detail, 409: schemas.Detail}


def _version(plan: Plan) -> dict[str, Any]:
    return {**plan_summary(plan), "created_at": plan.created_at, "supersedes_id": plan.supersedes_id}


@router.get("/{int:plan_id}/versions", response={200: list[schemas.VersionOut], **READ_ERRORS})
def list_versions(request: ApiRequest, plan_id: schemas.Id) -> list[dict[str, Any]]:
    """Every version of the plan, oldest first."""
    plan = plan_for(request.auth, plan_id)
    return [_version(v) for v in versioning.versions_of(plan)]


@router.post("/{int:plan_id}/versions", response={201: schemas.VersionOut, **WRITE_ERRORS})
def amend(request: ApiRequest, plan_id: schemas.Id) -> Status:
    """Start the next version of a signed plan: a draft copy of its whole tree, to be edited then signed."""
    plan = plan_for(request.auth, plan_id, edit=True)
    return Status(201, _version(versioning.amend_plan(plan, request.auth)))


@router.post("/{int:plan_id}/sign", response={200: schemas.VersionOut, **WRITE_ERRORS})
def sign(request: ApiRequest, plan_id: schemas.Id, payload: schemas.SignIn) -> dict[str, Any]:
    """Record the signature of a draft; the version it replaces becomes superseded."""
    plan = plan_for(request.auth, plan_id, edit=True)
    signed = versioning.sign_plan(plan, request.auth, payload.signed_on)
    return _version(Plan.objects.select_related("municipality").get(pk=signed.pk))


@router.get("/{int:plan_id}/diff", response={200: dict[str, Any], **READ_ERRORS})
def diff(request: ApiRequest, plan_id: schemas.Id, other: schemas.Id) -> dict[str, Any]:
    """What changed from this plan (old) to plan ``other`` (new); both must be readable."""
    old = plan_for(request.auth, plan_id)
    new = plan_for(request.auth, other)
    return versioning.compare(old, new).to_dict()
