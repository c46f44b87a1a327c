"""/api/plans: list, read, export, import, edit the header."""

from __future__ import annotations

import json
from math import ceil
from typing import Any, Literal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Status
from ninja.files import UploadedFile

from balise.accounts.rules import can_create_plans, can_edit_plan, restrict_plans
from balise.api import schemas
from balise.api.auth import ApiRequest
from balise.api.errors import InvalidInput
from balise.api.serialize import plan_summary, plan_tree
from balise.domain import interchange
from balise.drafts import files
from balise.imports.pipeline import parse_file
from balise.imports.sources import MAX_BYTES
from balise.plans import editing
from balise.plans.access import plan_for
from balise.plans.actions import import_plan
from balise.plans.matching import find_municipality
from balise.plans.models import Plan, PlanKind, PlanStatus
from balise.plans.selectors import dimension_codes, plan_outline, plan_with_tree, plans_list
from balise.plans.translation import attach_translation

router = Router(tags=["plans"])

READ_ERRORS = {401: schemas.Detail, 404: schemas.Detail}
WRITE_ERRORS = {
    **READ_ERRORS,
    403: schemas.Detail,
    409: schemas.Detail,
    413: schemas.Detail,
    422: schemas.ValidationErrors,
}
MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000  # far past the last page of any register, far below an offset overflow


class PlanFilters(schemas.Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    kind: PlanKind | None = None
    status: PlanStatus | None = None
    municipality: str | None = Field(
        None, max_length=20, description="NIS code of the municipality, e.g. 21009"
    )
    q: str | None = Field(None, max_length=200, description="Words of the title")


@router.get("", response={200: schemas.PlanPage, 401: schemas.Detail, 422: schemas.ValidationErrors})
def list_plans(request: ApiRequest, filters: Query[PlanFilters]) -> dict[str, Any]:
    """The plans the caller may read, newest period first."""
    plans = restrict_plans(request.auth, plans_list())
    if filters.kind:
        plans = plans.filter(kind=filters.kind)
    if filters.status:
        plans = plans.filter(status=filters.status)
    if filters.municipality:
        plans = plans.filter(municipality__code=filters.municipality)
    for word in (filters.q or "").split():
        plans = plans.filter(title__icontains=word)
    count = plans.count()
    start = (filters.page - 1) * filters.page_size
    page = plans[start : start + filters.page_size]
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": ceil(count / filters.page_size),
        "items": [plan_summary(p) for p in page],
    }


@router.get("/{int:plan_id}", response={200: schemas.PlanTree, **READ_ERRORS})
def get_plan(request: ApiRequest, plan_id: schemas.Id) -> HttpResponse:
    """The whole plan: every node with its id, kind, revision and, for indicators, the typed target."""
    plan = plan_for(request.auth, plan_id, content_only=True)
    # The tree is serialised once per state of the plan (content and header revisions, status)
    # and served from the cache as JSON; the response schema documents it.
    key = f"api-plan-tree:{plan.pk}:{plan.content_revision}:{plan.revision}:{plan.status}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(plan_tree(plan_with_tree(plan.pk)), cls=DjangoJSONEncoder, ensure_ascii=False)
        cache.set(key, body, 24 * 3600)
    return HttpResponse(body, content_type="application/json")


@router.get(
    "/{int:plan_id}/export", response={200: dict[str, Any], **READ_ERRORS, 422: schemas.ValidationErrors}
)
def export_plan(
    request: ApiRequest,
    plan_id: schemas.Id,
    language: Literal["fr", "nl", "de"] | None = Query(
        None, description="The content in its translation into this language, where one is attached"
    ),
) -> dict[str, Any]:
    """The plan in the `balise.plan/1` interchange format (what `POST /api/plans` accepts)."""
    plan = plan_for(request.auth, plan_id, content_only=True)
    return interchange.outline_to_dict(plan_outline(plan_with_tree(plan.pk), language, dimension_codes(plan)))


@router.post("/{int:plan_id}/translation", response={200: schemas.TranslationOut, **WRITE_ERRORS})
def attach_plan_translation(
    request: ApiRequest, plan_id: schemas.Id, file: File[UploadedFile]
) -> dict[str, Any] | Status:
    """Attach a document of this plan in another language (.txt, .md, .docx, .pdf, .odt, .ods,
    .xlsx or .json, at most 50 MB) as its translation: read like an import, matched node by node
    to the plan. A document whose structure differs is refused (422, ``loc: "file"``, naming the
    first place where they differ); nothing is attached then."""
    plan = plan_for(request.auth, plan_id, edit=True, content_only=True)
    if file.size and file.size > MAX_BYTES:
        return Status(413, {"detail": _("The file is larger than 50 MB.")})
    with files.on_disk(file) as path:
        document = parse_file(path).outline
    attached = attach_translation(request.auth, plan.pk, document, source_name=path.name)
    return {"plan_id": attached.plan.pk, "language": attached.language, "texts": attached.texts}


@router.post(
    "",
    response={200: schemas.ImportOut, 201: schemas.ImportOut, **WRITE_ERRORS},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    # The interchange format's JSON Schema (balise/schemas/plan-1.schema.json).
                    "schema": {"$ref": "#/components/schemas/PlanDocument"}
                }
            },
        }
    },
)
def create_plan(request: ApiRequest, replace: bool = False) -> Status:
    """Store a plan sent in the interchange format; the same content twice is not duplicated.

    With ``replace``, a plan that already exists for that period gets this as its new version."""
    if not can_create_plans(request.auth):
        raise PermissionDenied
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput([("", _("The body must be UTF-8 JSON."))]) from None
    outline = interchange.loads(text)
    # The same rule as editing: could this user edit a plan of that kind and municipality?
    if not can_edit_plan(
        request.auth, Plan(kind=outline.kind, municipality=find_municipality(outline.municipality))
    ):
        raise PermissionDenied
    outcome = import_plan(outline, user=request.auth, source_name="api", replace=replace)
    body = {"plan": plan_summary(outcome.plan), "created": outcome.created, "message": outcome.message}
    return Status(201 if outcome.created else 200, body)


@router.patch("/{int:plan_id}", response={200: schemas.PlanSummary, **WRITE_ERRORS, 409: schemas.Conflict})
def update_plan(request: ApiRequest, plan_id: schemas.Id, payload: schemas.PlanHeaderIn) -> dict[str, Any]:
    """Change the header (title, period, signature date, allocation) of a draft plan."""
    plan = plan_for(request.auth, plan_id, edit=True)
    values = payload.values.dict(exclude_unset=True)
    plan = editing.update_plan_header(plan.pk, values, payload.revision, request.auth)
    return plan_summary(plan)
