"""Writes to import drafts: named, atomic, each taking the acting user.

``create_draft`` reads an uploaded file into blocks and a first reading, ``correct_draft``
records a correction, ``confirm_draft`` writes the plan through ``plans.actions.import_plan`` and
keeps what the corrections taught about the template, ``attach_draft`` keeps the document as the
translation of a stored plan instead (`plans.translation.attach_translation`), ``discard_draft``
forgets it,
``purge_drafts`` deletes the drafts nobody touched for `DRAFT_LIFETIME`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balise import errors
from balise.accounts.models import Organisation
from balise.accounts.rules import can_edit_plan
from balise.domain.interchange import outline_to_dict
from balise.domain.outline import PlanOutline
from balise.drafts import files
from balise.drafts.models import DRAFT_LIFETIME, ImportDraft, TemplateMapping
from balise.drafts.review import CHOICES, Review, corrections_of, review_of
from balise.drafts.rules import can_manage_draft, editable_municipalities, may_import
from balise.drafts.serial import document_from_dict, document_to_dict
from balise.drafts.templates import as_mapping, fingerprint, template_for
from balise.imports.document.model import Document, Kind
from balise.imports.pipeline import parse_file
from balise.imports.readings import GENERIC, read_model
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.vocabulary import Role
from balise.imports.report import DocumentRefused, ImportResult
from balise.imports.sources import read_document
from balise.jobs.actions import request_job
from balise.jobs.models import Job
from balise.plans.actions import ImportOutcome, import_plan
from balise.plans.matching import find_owner
from balise.plans.models import Plan, PlanKind
from balise.plans.translation import Attached, attach_translation, translation_candidates


class DraftChanged(errors.Refused):
    """A correction made on an outdated view of the draft (someone corrected it meanwhile)."""


class NotAPlan(errors.Invalid):
    """The file cannot be read, or what it holds is not a plan; one sentence says which."""

    def __init__(self, message: str):
        super().__init__({"file": [message]})
        self.message = message

    def __str__(self) -> str:
        return self.message


def plan_shaped(document: Document) -> bool:
    """A document laid out like a plan even if no reading recognised it: headings or lists, or
    tables that are mostly words. A letter (paragraphs) or a sheet of figures is not."""
    structured = sum(
        1 for b in document.blocks if b.kind in (Kind.HEADING, Kind.LIST_ITEM) and not b.furniture
    )
    cells = [
        u.text
        for b in document.blocks
        if b.is_table
        for r in b.rows
        for c in r.cells
        for u in c.blocks
        if u.text
    ]
    worded = [t for t in cells if sum(ch.isalpha() for ch in t) > len(t) / 2]
    return structured >= 3 or (len(worded) >= 6 and len(worded) >= len(cells) / 2)


def _check_municipality(user: Any, municipality: Organisation | None) -> None:
    if not may_import(user):
        raise PermissionDenied
    if municipality is not None and not editable_municipalities(user).filter(pk=municipality.pk).exists():
        raise PermissionDenied


def _read(path: Path, name: str, mapping: Mapping | None) -> tuple[Document, ImportResult | None]:
    """The document's blocks and its best reading (``None``: no reading found a plan in it)."""
    try:
        result = parse_file(path, mapping=mapping)
    except DocumentRefused as exc:
        refusal = str(exc)
        result = None
    if result is not None and result.reading is not None:
        return result.reading.document, result
    try:
        document = read_model(read_document(path, name=name))
    except DocumentRefused as exc:
        raise NotAPlan(str(exc)) from None
    if result is None and not plan_shaped(document):
        raise NotAPlan(refusal)
    return document, result


@transaction.atomic
def create_draft(
    user: Any,
    path: Path,
    *,
    name: str,
    municipality: Organisation | None = None,
    kind: str = "",
    translation_of: Plan | None = None,
) -> ImportDraft:
    """Read the file at ``path`` (the upload; the caller deletes it) into a draft.

    Refuses (``NotAPlan``) a file that cannot be read or is not a plan; a plan no reading
    recognises becomes a draft of its blocks and the best guess. The municipality's mapping for
    the document's template is applied. A file larger than ``BALISE_IMPORT_BACKGROUND_BYTES`` is
    kept and read by a worker: the draft is returned at once, in state READING.
    ``translation_of``: the document is that plan in another language (the user must edit it);
    the draft is for it, of its municipality and kind."""
    if translation_of is not None:
        if not can_edit_plan(user, translation_of):
            raise PermissionDenied
        municipality, kind = translation_of.municipality, translation_of.kind
    _check_municipality(user, municipality)
    purge_drafts()
    if kind and kind not in PlanKind.values:
        raise errors.Invalid({"kind": [_("Unknown kind of plan.")]})
    draft = ImportDraft(
        created_by=user,
        municipality=municipality,
        kind=kind,
        source_name=name[:255],
        translation_of=translation_of,
    )
    if path.stat().st_size > settings.BALISE_IMPORT_BACKGROUND_BYTES:
        draft.state = ImportDraft.State.READING
        draft.save()
        files.keep(path, draft.pk)
        request_job(user, Job.Kind.PLAN_IMPORT, {"draft": draft.pk})
        return draft
    _fill(draft, path)
    draft.save()
    return draft


def _fill(draft: ImportDraft, path: Path) -> None:
    """Read the file into the draft's blocks and first reading (``NotAPlan`` when it is none)."""
    first, _result = _read(path, draft.source_name, None)
    template = template_for(draft.municipality, first)
    document, result = (
        (first, _result) if template is None else _read(path, draft.source_name, as_mapping(template))
    )
    draft.layout, draft.specialised = GENERIC, None
    if result is not None and result.reading is None:
        draft.layout = result.layout
        draft.specialised = {
            "outline": outline_to_dict(result.outline),
            "lines": [
                {"number": line.number, "text": line.text, "fate": line.fate.value, "note": line.note}
                for line in result.lines
            ],
        }
    draft.fingerprint = fingerprint(document)
    draft.document = document_to_dict(document)
    draft.template = template
    draft.state = ImportDraft.State.READY


def read_kept_upload(draft_id: int) -> str:
    """The worker's part: read a large upload into its draft, then delete the file. A file that
    is not a plan leaves the draft FAILED with the sentence saying why."""
    draft = ImportDraft.objects.select_related("municipality").filter(pk=draft_id).first()
    path = files.kept(draft_id)
    if draft is None or path is None or draft.state != ImportDraft.State.READING:
        files.forget(draft_id)
        return "gone"
    try:
        _fill(draft, path)
    except NotAPlan as exc:
        draft.state, draft.error = ImportDraft.State.FAILED, exc.message
    finally:
        files.forget(draft_id)
    draft.save()
    return draft.state


class NotReady(errors.Refused):
    """The draft is still being read, or was found not to be a plan."""


def _ready(draft: ImportDraft) -> None:
    if draft.state == ImportDraft.State.READING:
        raise NotReady(_("The document is still being read: wait a moment."))
    if draft.state == ImportDraft.State.FAILED:
        raise NotReady(draft.error)


def draft_for(user: Any, draft_id: int, *, lock: bool = False) -> ImportDraft:
    """The draft, if ``user`` may handle it: 404 for a draft that does not exist, 403 otherwise."""
    drafts = ImportDraft.objects.select_related("municipality", "template")
    if lock:
        drafts = drafts.select_for_update(of=("self",))
    draft = drafts.filter(pk=draft_id).first()
    if draft is None:
        raise errors.NotFound(_("This import draft does not exist (any more)."))
    if not can_manage_draft(user, draft):
        raise PermissionDenied
    return draft


@dataclasses.dataclass(frozen=True)
class Correction:
    """One change made in the review step. ``role`` ``None`` gives the unit back to the recogniser."""

    roles: dict[str, Role | None] = dataclasses.field(default_factory=dict)
    join: list[str] | None = None  # units glued onto the first
    split: tuple[str, int] | None = None  # unit, character offset
    unjoin: str | None = None  # the first unit of a join to undo
    unsplit: str | None = None
    kind: str | None = None
    municipality: Organisation | None = None
    reset: bool = False


@transaction.atomic
def correct_draft(
    draft_id: int, user: Any, correction: Correction, revision: int | None = None
) -> ImportDraft:
    """Record a correction; refuses unit ids the document does not have (by field path) and an
    edit made on an outdated page (``revision``)."""
    draft = draft_for(user, draft_id, lock=True)
    _ready(draft)
    if revision is not None and revision != draft.revision:
        raise DraftChanged(_("Someone else corrected this draft meanwhile: reload it."))
    review = review_of_generic(draft)
    known = {u.id for u in review.document.units()}
    problems: dict[str, list[str]] = {}
    for unit_id, role in correction.roles.items():
        if unit_id not in known:
            problems.setdefault(f"roles.{unit_id}", []).append(_("No such unit in this document."))
        elif role is not None and role not in CHOICES:
            problems.setdefault(f"roles.{unit_id}", []).append(_("This role cannot be given here."))
    if correction.join is not None:
        if len(correction.join) < 2 or any(u not in known for u in correction.join):
            problems.setdefault("join", []).append(_("Name at least two units of this document."))
    if correction.split is not None:
        unit = review.document.unit(correction.split[0])
        if unit is None:
            problems.setdefault("split.unit", []).append(_("No such unit in this document."))
        elif not 0 < correction.split[1] < len(unit.text):
            problems.setdefault("split.offset", []).append(
                _("Cut inside the text: between 1 and %(n)d.") % {"n": max(len(unit.text) - 1, 1)}
            )
    if correction.kind is not None and correction.kind not in ("", *PlanKind.values):
        problems.setdefault("kind", []).append(_("Unknown kind of plan."))
    if problems:
        raise errors.Invalid(problems)
    if correction.municipality is not None:
        _check_municipality(user, correction.municipality)
        draft.municipality = correction.municipality
    if correction.kind is not None:
        draft.kind = correction.kind
    own = corrections_of(draft) if not correction.reset else Mapping()
    roles = dict(own.roles)
    for unit_id, role in correction.roles.items():
        if role is None:
            roles.pop(unit_id, None)
        else:
            roles[unit_id] = role
    joins = [g for g in own.joins if g[0] != correction.unjoin]
    if correction.join:
        joins.append(list(correction.join))
    splits = {k: v for k, v in own.splits.items() if k != correction.unsplit}
    if correction.split is not None:
        unit_id, offset = correction.split
        root = unit_id.split("#")[0]
        if root != unit_id:  # a piece of a unit already cut: offsets count in the unit's text
            piece = review.document.unit(unit_id)
            offset += _offset_of(draft, root, piece.text if piece else "")
        splits[root] = sorted({*splits.get(root, []), offset})
    draft.corrections = json.loads(Mapping(roles=roles, joins=joins, splits=splits).to_json())
    draft.revision += 1
    draft.save()
    return draft


def _offset_of(draft: ImportDraft, root: str, piece: str) -> int:
    """Where a split piece starts in its unit's original text."""
    original = document_from_dict(draft.document or {}).unit(root)
    return max(original.text.find(piece), 0) if original is not None else 0


def review_of_generic(draft: ImportDraft) -> Review:
    """The generic reading, which the corrections apply to (a specialised layout has no roles)."""
    if draft.corrections or draft.specialised is None:
        return review_of(draft)
    copy = ImportDraft(
        pk=draft.pk,
        document=draft.document,
        corrections={"roles": {}},
        template=draft.template,
        layout=GENERIC,
    )
    return review_of(copy)


def _outline_to_write(draft: ImportDraft, review: Review) -> PlanOutline:
    """The reviewed outline with the draft's kind; its municipality is the one the document
    names when Balise knows it, else the draft's."""
    outline = review.outline
    if draft.kind:
        outline.kind = draft.kind
    named = find_owner(outline.kind, outline.municipality)
    if named is None and draft.municipality is not None and outline.kind != "pzs":
        outline.municipality = draft.municipality.name_fr
    return outline


class LooksLikeTranslation(errors.Refused):
    """The document is a stored plan in another language: the user says whether to attach it as
    that plan's translation or to import it as a plan of its own."""

    def __init__(self, plans: list[Plan]) -> None:
        super().__init__(
            _(
                "This document has the structure of plan %(plans)s in another language: attach it as "
                "its translation, or say that it is a plan of its own."
            )
            % {"plans": ", ".join(f"{plan.pk} “{plan.title}”" for plan in plans)}
        )
        self.plans = plans


def _reviewed_outline(draft: ImportDraft) -> tuple[Review, PlanOutline]:
    review = review_of(draft)
    if not review.is_plan:
        raise errors.Refused(
            _("Nothing in this reading is an objective or an indicator yet: give the items their roles.")
        )
    return review, _outline_to_write(draft, review)


def offered_translations(draft: ImportDraft, review: Review) -> list[Plan]:
    """The stored plans the draft's document may be the translation of: the one it was uploaded
    for, else those of its municipality and kind in another language with the same tree
    (`plans.translation.translation_candidates`)."""
    if draft.translation_of is not None:
        return [draft.translation_of]
    if not review.is_plan:
        return []
    return translation_candidates(_outline_to_write(draft, review))


@transaction.atomic
def confirm_draft(
    draft_id: int, user: Any, *, replace: bool = False, not_a_translation: bool = False
) -> ImportOutcome:
    """Write the plan the review shows, in one transaction, and keep what the corrections
    taught about the municipality's template; the draft is deleted. Refuses a reading with no
    objective or indicator, and a plan of a municipality the user does not edit; refuses
    (`LooksLikeTranslation`) a document that translates a stored plan unless
    ``not_a_translation``."""
    draft = draft_for(user, draft_id, lock=True)
    _ready(draft)
    review, outline = _reviewed_outline(draft)
    if not not_a_translation and (offered := offered_translations(draft, review)):
        raise LooksLikeTranslation(offered)
    owner = find_owner(outline.kind, outline.municipality)
    if not can_edit_plan(user, Plan(kind=outline.kind, municipality=owner)):
        raise errors.Refused(
            _("This document is a plan of “%(place)s”: you may only import plans of your own municipality.")
            % {"place": outline.municipality or _("an unknown municipality")}
        )
    outcome = import_plan(
        outline, user=user, source_name=draft.source_name, layout=review.layout, replace=replace
    )
    if draft.municipality is not None and review.reading is not None:
        remember_template(draft, review, user)
    draft.delete()
    return outcome


@transaction.atomic
def attach_draft(draft_id: int, user: Any, plan_id: int) -> Attached:
    """Keep the reviewed document as the translation of plan ``plan_id`` (which the user must
    edit; refused as a whole, naming the file and the place, when its tree differs from the
    plan's) and delete the draft. Nothing of it becomes a plan."""
    draft = draft_for(user, draft_id, lock=True)
    _ready(draft)
    _review, outline = _reviewed_outline(draft)
    attached = attach_translation(user, plan_id, outline, source_name=draft.source_name)
    draft.delete()
    return attached


def remember_template(draft: ImportDraft, review: Review, user: Any) -> TemplateMapping | None:
    """Keep the labels and styles this draft's reading used (the template's, those learned from the
    corrections, the heading styles that all took one role) for the next document."""
    assert review.reading is not None
    known = review.reading.learned(Mapping(labels=review.mapping.labels, styles=review.mapping.styles))
    if not known.labels and not known.styles:
        return None
    data = json.loads(Mapping(labels=known.labels, styles=known.styles).to_json())
    template = draft.template
    if template is None or template.municipality_id != draft.municipality_id:
        template, _created = TemplateMapping.objects.get_or_create(
            municipality=draft.municipality,
            fingerprint=draft.fingerprint,
            defaults={"name": draft.source_name[:200], "updated_by": user},
        )
    template.labels, template.styles, template.updated_by = data["labels"], data["styles"], user
    template.save()
    return template


@transaction.atomic
def discard_draft(draft_id: int, user: Any) -> None:
    draft_for(user, draft_id, lock=True).delete()
    transaction.on_commit(lambda: files.forget(draft_id))


def purge_drafts(now: Any = None) -> int:
    """Delete the drafts nobody touched for `DRAFT_LIFETIME`; returns how many."""
    limit = (now or timezone.now()) - DRAFT_LIFETIME
    stale = ImportDraft.objects.filter(updated_at__lt=limit)
    for pk in stale.filter(state=ImportDraft.State.READING).values_list("pk", flat=True):
        files.forget(pk)
    deleted, _by_model = stale.delete()
    return deleted
