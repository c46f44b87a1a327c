"""What the review step shows for a draft: its blocks, each unit's role and fate, and the outline
built from them, rebuilt from the stored blocks and the corrections on every request."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from balise.domain.interchange import outline_from_dict
from balise.domain.outline import PlanOutline
from balise.drafts.models import ImportDraft
from balise.drafts.serial import document_from_dict
from balise.drafts.templates import as_mapping, learned
from balise.imports.document.model import Block, Document, Position
from balise.imports.readings import GENERIC
from balise.imports.recognise import Reading, recognise
from balise.imports.recognise.build import Fate
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.units import Assignment
from balise.imports.recognise.vocabulary import Role
from balise.imports.report import LineFate

# The roles a user may give in the review step, in the order of the plan tree.
CHOICES = (
    Role.MODULE,
    Role.GENERAL_OBJECTIVE,
    Role.STRATEGIC_OBJECTIVE,
    Role.OPERATIONAL_OBJECTIVE,
    Role.RESULT,
    Role.INDICATOR,
    Role.TARGET,
    Role.SERVICE,
    Role.DOMAIN,
    Role.APPROACH,
    Role.PILOT,
    Role.REFERENCE_VALUE,
    Role.FURNITURE,
    Role.IGNORE,
)

ROLE_LABELS: dict[Role, Promise] = {
    Role.MODULE: _("module"),
    Role.GENERAL_OBJECTIVE: _("general objective"),
    Role.STRATEGIC_OBJECTIVE: _("strategic objective"),
    Role.OPERATIONAL_OBJECTIVE: _("operational objective"),
    Role.RESULT: _("expected result"),
    Role.INDICATOR: _("indicator"),
    Role.TARGET: _("target"),
    Role.SERVICE: _("service"),
    Role.DOMAIN: _("domain"),
    Role.APPROACH: _("approach"),
    Role.PILOT: _("pilot"),
    Role.REFERENCE_VALUE: _("reference value"),
    Role.FURNITURE: _("page furniture"),
    Role.IGNORE: _("ignore"),
}
FATE_LABELS: dict[str, Promise] = {
    LineFate.PLACED.value: _("placed"),
    LineFate.HEADING.value: _("label or heading"),
    LineFate.FURNITURE.value: _("furniture"),
    LineFate.REFERENCE.value: _("reference list"),
    LineFate.PLACEHOLDER.value: _("placeholder"),
    LineFate.UNPLACED.value: _("unplaced"),
}

# What decided a role or a fate, as the recogniser names it (balise.imports.recognise).
NOTES: dict[str, Promise] = {
    "after label": _("after a label"),
    "approach outside an operational objective": _("approach outside an operational objective"),
    "chapter heading without objectives": _("chapter heading without objectives"),
    "column header": _("column header"),
    "column": _("column"),
    "coordination": _("coordination"),
    "first cell of a row": _("first cell of a row"),
    "heading depth": _("heading depth"),
    "ignored": _("ignored"),
    "label in cell": _("label in the cell"),
    "label row": _("label row"),
    "label": _("label"),
    "list level": _("list level"),
    "municipality": _("municipality"),
    "no indicator for this reference value": _("no indicator for this reference value"),
    "no indicator for this target": _("no indicator for this target"),
    "no role": _("no role"),
    "phenomenon": _("phenomenon"),
    "placeholder": _("placeholder"),
    "plan title": _("plan title"),
    "repeated cell": _("repeated cell"),
    "result outside an operational objective": _("result outside an operational objective"),
    "style in mapping": _("style in the mapping"),
    "target not understood": _("target not understood"),
    "the indicator already has a target": _("the indicator already has a target"),
    "title row": _("title row"),
    "unit in mapping": _("your correction"),
    "page number": _("page number"),
    "running header or footer": _("running header or footer"),
    "table of contents": _("table of contents"),
}


def where(position: Position) -> str:
    """Where a unit comes from, in the reader's language: "page 2, table 1, row 3, cell 2"."""
    parts = []
    if position.sheet is not None:
        parts.append(gettext("sheet %(name)s") % {"name": position.sheet})
    for value, label in (
        (position.page, gettext_noop("page %(n)d")),
        (position.line, gettext_noop("line %(n)d")),
        (position.table, gettext_noop("table %(n)d")),
        (position.row, gettext_noop("row %(n)d")),
        (position.cell, gettext_noop("cell %(n)d")),
    ):
        if value is not None:
            parts.append(gettext(label) % {"n": value})
    return ", ".join(parts)


@dataclass(frozen=True)
class Item:
    """One unit of the source as the review shows it."""

    id: str
    text: str
    kind: str
    where: str  # "page 2, table 1, row 3, cell 2"
    role: Role | None
    fate: LineFate
    rule: str
    note: str
    corrected: bool
    next_id: str | None  # the unit it can be joined with

    @property
    def role_label(self) -> Promise | str:
        return ROLE_LABELS[self.role] if self.role is not None else ""

    @property
    def note_label(self) -> Promise | str:
        if self.note.startswith("joined to "):
            return gettext("joined to %(unit)s") % {"unit": self.note.removeprefix("joined to ")}
        return NOTES.get(self.note, self.note)

    @property
    def fate_label(self) -> Promise:
        return FATE_LABELS[self.fate.value]


@dataclass
class Review:
    draft: ImportDraft
    document: Document
    mapping: Mapping
    reading: Reading | None  # None while a specialised layout's reading stands
    outline: PlanOutline
    layout: str
    items: list[Item] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)  # a specialised layout's line fates

    @property
    def is_plan(self) -> bool:
        counts = self.outline.counts()
        return counts["operational_objectives"] + counts["indicators"] > 0

    def counts(self) -> dict[str, int]:
        fates = {fate.value: 0 for fate in LineFate}
        for item in self.items:
            fates[item.fate.value] += 1
        for line in self.lines:
            fates[line["fate"]] += 1
        return fates

    @property
    def confident(self) -> bool:
        return self.reading.confident if self.reading is not None else True


def corrections_of(draft: ImportDraft) -> Mapping:
    """The draft's own corrections: roles by unit id, joins and splits."""
    return Mapping.from_json(json.dumps(draft.corrections)) if draft.corrections else Mapping()


def effective_mapping(draft: ImportDraft, document: Document) -> Mapping:
    """The template's mapping, what the corrections teach about the template, then the corrections."""
    own = corrections_of(draft)
    base = as_mapping(draft.template).merged(Mapping(labels=own.labels, styles=own.styles))
    cut = Mapping(joins=own.joins, splits=own.splits)
    if own.roles:
        pieces = recognise(document, cut).document  # the split pieces have ids of their own
        base = base.merged(learned(pieces, own.roles))
    return base.merged(Mapping(roles=own.roles, joins=own.joins, splits=own.splits))


def review_of(draft: ImportDraft) -> Review:
    document = document_from_dict(draft.document or {})
    if draft.specialised is not None and draft.layout != GENERIC and not draft.corrections:
        outline = outline_from_dict(draft.specialised["outline"])
        return Review(
            draft, document, Mapping(), None, outline, draft.layout, lines=draft.specialised["lines"]
        )
    mapping = effective_mapping(draft, document)
    reading = recognise(document, mapping)
    review = Review(draft, reading.document, mapping, reading, reading.outline, GENERIC)
    review.items = _items(reading, mapping)
    return review


def _items(reading: Reading, mapping: Mapping) -> list[Item]:
    fates: dict[str, Fate] = {f.unit_id: f for f in reading.ledger}
    roles: dict[str, Assignment] = {a.unit.id: a for a in reading.roles}
    units: list[Block] = [u for u in reading.document.units() if u.text or u.id in mapping.roles]
    items = []
    for n, unit in enumerate(units):
        fate = fates.get(unit.id)
        assigned = roles.get(unit.id)
        following = next((u.id for u in units[n + 1 :] if not u.furniture), None)
        items.append(
            Item(
                id=unit.id,
                text=unit.text,
                kind=unit.kind.value,
                where=where(unit.position),
                role=assigned.role if assigned else None,
                fate=fate.fate if fate else LineFate.UNPLACED,
                rule=assigned.rule if assigned else "",
                note=fate.note if fate else "",
                corrected=unit.id in mapping.roles,
                next_id=following,
            )
        )
    return items
