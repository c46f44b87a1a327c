"""The history of a plan's content: who changed what, when, with old → new values.

`plan_history` reads every historical table once (one query per kind of content, whatever the
size of the history), computes the changes by comparing each record with the previous record of
the same node in memory, then filters. Filters on the person and the start date are applied after
the comparison because the previous record of a change may itself fall outside them.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balise.accounts.rules import restrict_plans
from balise.accounts.users import Visitor
from balise.domain.money import format_number
from balise.plans.models import Plan
from balise.plans.versioning import AMENDMENT_COPY
from balise.web.audit.sources import NOT_SHOWN, SOURCES, in_plans, plan_of_row

PAGE_SIZE = 100
SYSTEM = "system"  # the person filter value for records without a user (imports, scripts)

CREATED, CHANGED, DELETED, AMENDED = "created", "changed", "deleted", "amended"
TYPES = {"+": CREATED, "~": CHANGED, "-": DELETED}
TYPE_LABELS = {
    CREATED: _("created"),
    CHANGED: _("changed"),
    DELETED: _("deleted"),
    AMENDED: _("created by amendment"),
}


@dataclass(frozen=True)
class HistoryFilter:
    person: str | None = None  # a user id as text, or SYSTEM
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None  # inclusive
    kind: str | None = None
    node: uuid.UUID | int | None = None  # a node's key (across versions) or its id


@dataclass
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    kind: str
    node_id: int
    key: uuid.UUID | None
    text: str
    plan_id: int | None
    type: str
    date: datetime.datetime
    user: Any  # the user, or None for imports and scripts
    reason: str
    history_id: int
    changes: list[FieldChange] = field(default_factory=list)
    version: int | None = None

    @property
    def kind_label(self) -> str:
        return str(SOURCES[self.kind].label)

    @property
    def type_label(self) -> str:
        return str(TYPE_LABELS[self.type])

    @property
    def node_filter(self) -> str:
        """The value of the ``node`` filter showing this node's whole history."""
        return str(self.key or self.node_id)


@dataclass
class PlanHistory:
    entries: list[HistoryEntry]
    people: list[tuple[str, str]]  # (filter value, name) of everyone who changed something
    across_versions: bool


def history_scope(plan: Plan, filters: HistoryFilter, viewer: Visitor) -> dict[int, int]:
    """{plan id: version} searched: the plan itself, or, when following a node by its key, every
    version of the plan the viewer may read (a key survives amendments)."""
    if isinstance(filters.node, uuid.UUID):
        versions = restrict_plans(viewer, Plan.objects.filter(lineage=plan.lineage))
        return dict(versions.values_list("id", "version"))
    return {plan.pk: plan.version}


def plan_history(scope: dict[int, int], filters: HistoryFilter = HistoryFilter()) -> PlanHistory:
    """Every recorded change to the content of the plans in ``scope``, newest first."""
    kinds = [filters.kind] if filters.kind in SOURCES else list(SOURCES)
    if isinstance(filters.node, uuid.UUID):
        kinds = [kind for kind in kinds if SOURCES[kind].has_key]
    entries: list[HistoryEntry] = []
    for kind in kinds:
        entries += _entries_of(kind, _records(kind, list(scope), filters))
    people = _people(entries)
    entries = [entry for entry in entries if _kept(entry, filters)]
    entries.sort(key=lambda e: (e.date, e.history_id), reverse=True)
    for entry in entries:
        entry.version = scope.get(entry.plan_id) if entry.plan_id is not None else None
    return PlanHistory(entries, people, across_versions=len(scope) > 1)


def history_page(history: PlanHistory, number: str | int | None) -> Page[HistoryEntry]:
    """One page of entries, with the related objects of its changes named (one query per related
    model met on the page)."""
    page = Paginator(history.entries, PAGE_SIZE).get_page(number)
    _name_related(page)
    return page


def _records(kind: str, plan_ids: list[int], filters: HistoryFilter) -> models.QuerySet:
    rows = (
        SOURCES[kind]
        .historical.filter(in_plans(kind, plan_ids))
        .annotate(plan_ref=plan_of_row(kind))
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    if isinstance(filters.node, uuid.UUID):
        rows = rows.filter(key=filters.node)
    elif isinstance(filters.node, int):
        rows = rows.filter(id=filters.node)
    if filters.date_to is not None:
        # Later records are never needed to describe earlier ones, so this filter can go to SQL.
        rows = rows.filter(history_date__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    return rows


def _entries_of(kind: str, records: models.QuerySet) -> list[HistoryEntry]:
    source = SOURCES[kind]
    entries = []
    previous = None
    for record in records:
        same_node = previous is not None and previous.id == record.id
        copied = record.history_type == "+" and record.history_change_reason == AMENDMENT_COPY
        if copied and kind != "plan":
            # Copied by an amendment: the plan's own entry says it once; later records are
            # compared with this one, so only real changes follow.
            previous = record
            continue
        entry = HistoryEntry(
            kind=kind,
            node_id=record.id,
            key=getattr(record, "key", None),
            text=source.text(record),
            plan_id=record.plan_ref,
            type=TYPES.get(record.history_type, CHANGED),
            date=record.history_date,
            user=record.history_user,
            reason=record.history_change_reason or "",
            history_id=record.history_id,
        )
        if copied:
            entry.type = AMENDED
            entry.reason = str(_("from version %(version)s") % {"version": record.version - 1})
        if entry.type == CHANGED and same_node:
            entry.changes = _changes(record, previous)
            if not entry.changes:  # saved without changing anything a reader can see
                previous = record
                continue
        entries.append(entry)
        previous = record
    return entries


def _changes(record: Any, previous: Any) -> list[FieldChange]:  # historical rows (simple-history)
    delta = record.diff_against(previous, excluded_fields=NOT_SHOWN)
    changes = []
    for change in delta.changes:
        model_field = record.instance_type._meta.get_field(change.field)
        old, new = _plain(change.old), _plain(change.new)
        if model_field.choices:
            labels = dict(model_field.flatchoices)
            old, new = labels.get(old, old), labels.get(new, new)
        changes.append(FieldChange(change.field, str(model_field.verbose_name), old, new))
    return changes


def _plain(value: Any) -> Any:
    """An empty text reads as nothing; 50.0000 (a column with 4 decimals) reads as 50."""
    if value == "":
        return None
    if isinstance(value, Decimal):
        return format_number(value)  # Belgian: 1 250,5
    return value


def _people(entries: list[HistoryEntry]) -> list[tuple[str, str]]:
    people = {}
    for entry in entries:
        if entry.user is None:
            people[SYSTEM] = str(_("system/import"))
        else:
            people[str(entry.user.pk)] = entry.user.get_full_name() or entry.user.get_username()
    return sorted(people.items(), key=lambda item: (item[0] != SYSTEM, item[1].casefold()))


def _kept(entry: HistoryEntry, filters: HistoryFilter) -> bool:
    if filters.person == SYSTEM and entry.user is not None:
        return False
    if filters.person not in (None, SYSTEM) and (entry.user is None or str(entry.user.pk) != filters.person):
        return False
    return filters.date_from is None or entry.date >= _start_of(filters.date_from)


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight in Brussels (the dates the reader types are local dates)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _name_related(entries: Iterable[HistoryEntry]) -> None:
    """Replace the raw ids of foreign keys in changes by the related objects' names."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    fk_changes = []
    for entry in entries:
        model = SOURCES[entry.kind].model
        for change in entry.changes:
            model_field = model._meta.get_field(change.name)
            if isinstance(model_field, models.ForeignKey):
                related = model_field.related_model
                wanted[related] |= {v for v in (change.old, change.new) if v is not None}
                fk_changes.append((related, change))
    names = {
        related: {obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=ids)}
        for related, ids in wanted.items()
    }
    gone = _("#%(id)s (deleted)")
    for related, change in fk_changes:
        known = names[related]
        if change.old is not None:
            change.old = known.get(change.old) or gone % {"id": change.old}
        if change.new is not None:
            change.new = known.get(change.new) or gone % {"id": change.new}
