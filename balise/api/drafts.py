"""/api/import-drafts: the review step of an import, for scripts.

Upload a file (``POST``, multipart), read its units with their roles and fates and the outline
built from them (``GET``), correct roles, joins and splits (``PATCH``), then write the plan
(``POST …/confirm``) or forget it (``DELETE``). Nothing is in the plan tables before confirming.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from balise import errors
from balise.accounts.models import Organisation
from balise.api import schemas
from balise.api.auth import ApiRequest
from balise.api.serialize import plan_summary
from balise.domain.interchange import outline_to_dict
from balise.drafts import files
from balise.drafts.actions import (
    Correction,
    attach_draft,
    confirm_draft,
    correct_draft,
    create_draft,
    discard_draft,
    draft_for,
    offered_translations,
)
from balise.drafts.models import ImportDraft
from balise.drafts.review import CHOICES, review_of
from balise.drafts.rules import editable_municipalities, may_import, visible_drafts
from balise.imports.recognise.vocabulary import Role
from balise.imports.sources import MAX_BYTES
from balise.plans.models import PlanKind

router = Router(tags=["import drafts"])

ERRORS = {
    401: schemas.Detail,
    403: schemas.Detail,
    404: schemas.Detail,
    409: schemas.Detail,
    413: schemas.Detail,
    422: schemas.ValidationErrors,
}

# Literals built from the roles and plan kinds when the module runs (pydantic validates and
# documents them); mypy cannot read a Literal built at run time: to it they are strings.
if TYPE_CHECKING:
    RoleName: TypeAlias = str
    KindName: TypeAlias = str
else:
    RoleName = Literal[tuple(r.value for r in CHOICES)]
    KindName = Literal[tuple(["", *PlanKind.values])]
UnitId = Annotated[
    str, Field(min_length=1, max_length=40, description="A unit id as GET shows it: b12, t2.r3.c1.p0")
]


class ItemOut(Schema):
    id: str
    text: str
    kind: str
    where: str = Field(description="page, line, table, row, cell or sheet it comes from")
    role: str | None
    fate: str = Field(description="placed, heading, furniture, reference, placeholder or unplaced")
    rule: str = Field(description="what decided the role")
    note: str
    corrected: bool


class LineOut(Schema):
    number: int
    text: str
    fate: str
    note: str


class TranslatedPlan(Schema):
    id: int
    title: str
    language: str


class DraftOut(Schema):
    id: int
    state: str = Field(
        description="“reading” while a worker reads a large upload (GET it again), “ready”, or “failed”"
    )
    error: str = Field(description="When failed: why the file is not a plan")
    revision: int = Field(
        description="Send it back with PATCH to be told when someone corrected the draft meanwhile"
    )
    source_name: str
    municipality: str | None = Field(description="NIS code of the municipality the plan is for")
    kind: str = Field(description="Kind of plan chosen for it; empty: as the document says")
    reading: str = Field(description="“generic”, or the known layout that read the document")
    template: str | None = Field(description="Name of the municipality's template mapping applied")
    expires_at: str
    is_plan: bool = Field(
        description="Whether confirming would write a plan (an objective or indicator was found)"
    )
    fates: dict[str, int]
    items: list[ItemOut] = Field(description="The document's units in order (generic reading)")
    lines: list[LineOut] = Field(
        description="The lines and their fates (known layout, before any correction)"
    )
    outline: dict[str, Any] = Field(
        description="The plan that confirming writes, in the balise.plan/1 format"
    )
    translation_of: list[TranslatedPlan] = Field(
        default_factory=list,
        description="Stored plans this document is a version of in another language (same municipality "
        "and kind, same structure): attach it with POST …/attach-translation, or confirm with "
        "?not_a_translation=true to import it as a plan of its own",
    )


class DraftSummary(Schema):
    id: int
    source_name: str
    municipality: str | None
    updated_at: str


class SplitIn(Schema):
    unit: UnitId
    offset: int = Field(ge=1, le=MAX_BYTES, description="Character offset in the unit's text to cut at")


class CorrectionIn(Schema):
    revision: int | None = Field(
        None, ge=1, description="The revision the client saw; refused (409) if outdated"
    )
    roles: dict[UnitId, RoleName | None] = Field(
        default_factory=dict,
        max_length=5000,
        description="Role of each unit named; null gives it back to the recogniser",
    )
    join: list[UnitId] | None = Field(
        None, min_length=2, max_length=50, description="Units glued onto the first"
    )
    unjoin: UnitId | None = Field(None, description="First unit of a join to undo")
    split: SplitIn | None = None
    unsplit: UnitId | None = Field(None, description="Unit whose cuts are undone")
    kind: KindName | None = Field(None, description="Kind of plan; empty: as the document says")
    reset: bool = Field(False, description="Forget every correction first")


def _out(draft: ImportDraft) -> dict[str, Any]:
    base = {
        "id": draft.pk,
        "state": draft.state,
        "error": draft.error,
        "revision": draft.revision,
        "source_name": draft.source_name,
        "municipality": draft.municipality.code if draft.municipality else None,
        "kind": draft.kind,
        "expires_at": draft.expires_at.isoformat(),
    }
    if draft.state != ImportDraft.State.READY:
        empty: dict[str, Any] = {
            "reading": "",
            "template": None,
            "is_plan": False,
            "fates": {},
            "items": [],
            "lines": [],
        }
        return {**base, **empty, "outline": {}}
    review = review_of(draft)
    return {
        **base,
        "reading": review.layout,
        "template": draft.template.name if draft.template else None,
        "is_plan": review.is_plan,
        "fates": review.counts(),
        "items": [
            {
                "id": i.id,
                "text": i.text,
                "kind": i.kind,
                "where": i.where,
                "role": i.role.value if i.role else None,
                "fate": i.fate.value,
                "rule": i.rule,
                "note": i.note,
                "corrected": i.corrected,
            }
            for i in review.items
        ],
        "lines": review.lines,
        "outline": outline_to_dict(review.outline),
        "translation_of": [
            {"id": plan.pk, "title": plan.title, "language": plan.language}
            for plan in offered_translations(draft, review)
        ],
    }


@router.get("", response={200: list[DraftSummary], **ERRORS})
def list_drafts(request: ApiRequest) -> list[dict[str, Any]]:
    """The drafts the user may review: their municipalities' (an administrator: all)."""
    drafts = visible_drafts(request.auth).select_related("municipality")[:200]
    return [
        {
            "id": d.pk,
            "source_name": d.source_name,
            "municipality": d.municipality.code if d.municipality else None,
            "updated_at": d.updated_at.isoformat(),
        }
        for d in drafts
    ]


@router.post("", response={201: DraftOut, **ERRORS})
def create(
    request: ApiRequest,
    file: File[UploadedFile],
    municipality: str = Form("", max_length=20, description="NIS code of the municipality"),
    kind: Form[KindName] = "",
) -> Status:
    """Read an uploaded plan (.txt, .md, .docx, .pdf, .odt, .ods, .xlsx or .json, at most 50 MB)
    into a draft; a large file is read by a worker (``state`` “reading”). ``municipality`` is a
    NIS code; without it, an editor of one municipality imports for that one. A file that is
    not a plan is refused (422, ``loc: "file"``)."""
    if not may_import(request.auth):
        raise PermissionDenied
    if file.size and file.size > MAX_BYTES:
        return Status(413, {"detail": _("The file is larger than 50 MB.")})
    own = editable_municipalities(request.auth)
    chosen: Organisation | None
    if municipality:
        chosen = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, code=municipality).first()
        if chosen is None:
            raise errors.Invalid({"municipality": [_("No municipality has this NIS code.")]})
    else:
        chosen = own.first() if own.count() == 1 else None
    with files.on_disk(file) as path:
        draft = create_draft(
            request.auth, path, name=Path(file.name or "document").name, municipality=chosen, kind=kind
        )
    return Status(201, _out(draft))


@router.get("/{int:draft_id}", response={200: DraftOut, **ERRORS})
def get_draft(request: ApiRequest, draft_id: schemas.Id) -> dict[str, Any]:
    """The draft's units with their roles and fates, and the outline built from them."""
    return _out(draft_for(request.auth, draft_id))


@router.patch("/{int:draft_id}", response={200: DraftOut, **ERRORS})
def correct(request: ApiRequest, draft_id: schemas.Id, payload: CorrectionIn) -> dict[str, Any]:
    """Correct roles, join or split units, change the kind; the outline is rebuilt. Unknown unit
    ids are refused by field path (``roles.b999``)."""
    correction = Correction(
        roles={unit: Role(role) if role else None for unit, role in payload.roles.items()},
        join=payload.join,
        unjoin=payload.unjoin,
        split=(payload.split.unit, payload.split.offset) if payload.split else None,
        unsplit=payload.unsplit,
        kind=payload.kind,
        reset=payload.reset,
    )
    return _out(correct_draft(draft_id, request.auth, correction, payload.revision))


@router.post("/{int:draft_id}/confirm", response={201: schemas.ImportOut, 200: schemas.ImportOut, **ERRORS})
def confirm(
    request: ApiRequest, draft_id: schemas.Id, replace: bool = False, not_a_translation: bool = False
) -> Status:
    """Write the plan the draft shows (201; 200 when that plan was already imported) and keep
    what the corrections taught about the municipality's template. 409 when a plan of that
    period exists: send ``?replace=true`` to store it as its new version. 409 as well when the
    document is a stored plan in another language (``translation_of``): attach it, or send
    ``?not_a_translation=true`` to import it as a plan of its own."""
    outcome = confirm_draft(draft_id, request.auth, replace=replace, not_a_translation=not_a_translation)
    body = {"plan": plan_summary(outcome.plan), "created": outcome.created, "message": outcome.message}
    return Status(201 if outcome.created else 200, body)


@router.post("/{int:draft_id}/attach-translation", response={200: schemas.TranslationOut, **ERRORS})
def attach_translation(request: ApiRequest, draft_id: schemas.Id, plan: schemas.Id) -> dict[str, Any]:
    """Keep the draft's document as the translation of plan ``plan`` (its document in another
    language, matched node by node; the plan itself does not change) and forget the draft. A
    document whose structure differs is refused (422, ``loc: "file"``, naming the file and the
    first place where they differ); nothing is attached then."""
    attached = attach_draft(draft_id, request.auth, plan)
    return {"plan_id": attached.plan.pk, "language": attached.language, "texts": attached.texts}


@router.delete("/{int:draft_id}", response={204: None, **ERRORS})
def delete(request: ApiRequest, draft_id: schemas.Id) -> HttpResponse:
    """Forget the draft; nothing was written."""
    discard_draft(draft_id, request.auth)
    return HttpResponse(status=204)
