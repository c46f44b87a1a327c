"""Versions of a plan: amend a signed plan into a new draft, sign a draft, compare two versions.

The versions of one plan share ``lineage`` and are numbered 1, 2, 3…; every node of a new version
keeps the ``key`` of the node it was copied from, so an indicator keeps its identity (and its
measurements can follow it) from one version to the next.

Life of a version: DRAFT → (sign) SIGNED → (a newer version is signed) SUPERSEDED. A signed version
stays in force while its amendment is being drafted.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from balise import errors
from balise.accounts.history import set_author, set_change_reason
from balise.accounts.users import User
from balise.domain.diff import NodeSnapshot, PlanDiff, diff_trees
from balise.finance.models import Contingent
from balise.plans.bulk import insert_rows, insert_rows_with_history
from balise.plans.models import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    IndicatorDimension,
    Module,
    OperationalObjective,
    Plan,
    PlanMeasure,
    PlanStatus,
    PlanThematic,
    StrategicObjective,
)
from balise.plans.selectors import plan_with_tree
from balise.plans.signals import announce

_M = TypeVar("_M", bound=models.Model)

# Plan fields that belong to one version rather than to its content: not copied by an amendment.
_VERSION_FIELDS = {
    "id",
    "version",
    "supersedes",
    "status",
    "signed_on",
    "created_at",
    "revision",
    "content_hash",
    "source_name",
    "source_layout",
}


# The change reason of every history record an amendment writes: the history page shows them as
# one "amended from version n" entry, not as one "created" entry per copied node.
AMENDMENT_COPY = "amendment"


class VersionError(errors.Refused):
    """The versioning step is not allowed in the plan's current state; the message says why."""


def versions_of(plan: Plan) -> list[Plan]:
    return list(
        Plan.objects.filter(lineage=plan.lineage)
        .select_related("municipality", "supersedes")
        .order_by("version")
    )


def version_authors(plans: list[Plan]) -> dict[int, Any]:
    """Who created each version (the user of its first history record), when known. One query."""
    records = (
        Plan.history.filter(id__in=[p.pk for p in plans], history_type="+")
        .select_related("history_user")
        .order_by("history_date")
    )
    authors: dict[int, Any] = {}
    for record in records:
        authors.setdefault(record.id, record.history_user)
    return authors


def newer_version(plan: Plan) -> Plan | None:
    return Plan.objects.filter(lineage=plan.lineage, version__gt=plan.version).order_by("-version").first()


def can_be_amended(plan: Plan) -> bool:
    return plan.status == PlanStatus.SIGNED and newer_version(plan) is None


# ---------------------------------------------------------------- amend


@transaction.atomic
def amend_plan(plan: Plan, user: User) -> Plan:
    """A new DRAFT version of a signed plan, with a copy of its whole tree (keys kept).

    A fixed number of queries whatever the plan's size: the tree is read with `plan_with_tree`
    and written with one bulk insert (plus one for its history) per kind of node.
    """
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    if current.status != PlanStatus.SIGNED:
        raise VersionError(
            _("Only a signed plan can be amended; version %(version)s is %(status)s.")
            % {"version": current.version, "status": current.get_status_display()}
        )
    newer = newer_version(current)
    if newer is not None:
        raise VersionError(
            _("Version %(version)s of this plan already exists (%(status)s): change that one.")
            % {"version": newer.version, "status": newer.get_status_display()}
        )
    source = plan_with_tree(current.pk)
    draft = _copy(
        source,
        _VERSION_FIELDS,
        version=current.version + 1,
        supersedes_id=current.pk,
        status=PlanStatus.DRAFT,
        parties=list(source.parties),
    )
    set_author(draft, user)
    set_change_reason(draft, AMENDMENT_COPY)
    draft.save()
    _copy_tree(source, draft, user)
    announce(draft.pk)
    return draft


def _copy(row: _M, skip: Collection[str] = ("id",), **changes: Any) -> _M:
    """An unsaved copy of ``row`` with every concrete field (so new columns are copied too)."""
    return type(row)(**_values(row, skip, **changes))


def _values(row: models.Model, skip: Collection[str] = ("id",), **changes: Any) -> dict[str, Any]:
    """The columns of a copy of ``row``, by attname: every concrete field but the primary key
    and ``skip``, a first revision, then ``changes``."""
    values = {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if f.name not in skip and not f.primary_key
    }
    if "revision" in values:
        values["revision"] = 1
    values.update(changes)
    return values


def _bulk(rows: list[dict[str, Any]], model: type[models.Model], user: User) -> list[int]:
    """The copies (`_values`) stored with their history records: their primary keys, in order."""
    return insert_rows_with_history(model, rows, user=user, reason=AMENDMENT_COPY)


def _copy_tree(source: Plan, draft: Plan, user: User) -> None:
    _bulk([_values(c, plan_id=draft.pk) for c in source.contingents.all()], Contingent, user)
    old_modules = list(source.modules.all())
    modules = _bulk([_values(m, plan_id=draft.pk) for m in old_modules], Module, user)
    module_ids = {old.pk: new for old, new in zip(old_modules, modules, strict=True)}
    _bulk(
        [_values(g, module_id=module_ids[m.pk]) for m in old_modules for g in m.general_objectives.all()],
        GeneralObjective,
        user,
    )
    old_sos = [so for m in old_modules for so in m.strategic_objectives.all()]
    sos = _bulk([_values(so, module_id=module_ids[so.module_id]) for so in old_sos], StrategicObjective, user)
    so_ids = {old.pk: new for old, new in zip(old_sos, sos, strict=True)}
    old_oos = [oo for so in old_sos for oo in so.operational_objectives.all()]
    oos = _bulk(
        [_values(oo, strategic_objective_id=so_ids[oo.strategic_objective_id]) for oo in old_oos],
        OperationalObjective,
        user,
    )
    oo_ids: dict[int | None, int] = {old.pk: new for old, new in zip(old_oos, oos, strict=True)}
    _bulk(
        [_values(r, operational_objective_id=oo_ids[oo.pk]) for oo in old_oos for r in oo.results.all()],
        ExpectedResult,
        user,
    )
    indicators = [i for oo in old_oos for i in oo.indicators.all()]
    indicators += [i for so in old_sos for i in so.own_indicators]
    copies = _bulk(
        [
            _values(
                i,
                strategic_objective_id=so_ids[i.strategic_objective_id],
                operational_objective_id=oo_ids.get(i.operational_objective_id),
            )
            for i in indicators
        ],
        Indicator,
        user,
    )
    indicator_ids = {old.pk: new for old, new in zip(indicators, copies, strict=True)}
    insert_rows(
        IndicatorDimension,
        [
            _values(link, indicator_id=indicator_ids[link.indicator_id])
            for link in IndicatorDimension.objects.filter(indicator_id__in=indicator_ids)
        ],
    )
    old_thematics = list(source.thematics.all())
    thematics = _bulk([_values(t, plan_id=draft.pk) for t in old_thematics], PlanThematic, user)
    _bulk(
        [
            _values(x, thematic_id=new)
            for old, new in zip(old_thematics, thematics, strict=True)
            for x in old.measures.all()
        ],
        PlanMeasure,
        user,
    )


# ---------------------------------------------------------------- sign


@transaction.atomic
def sign_plan(plan: Plan, user: User, signed_on: date) -> Plan:
    """The draft becomes SIGNED (returned, fresh from the database); the signed version it
    replaces becomes SUPERSEDED."""
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    if current.status != PlanStatus.DRAFT:
        raise VersionError(
            _("Only a draft can be signed; version %(version)s is %(status)s.")
            % {"version": current.version, "status": current.get_status_display()}
        )
    if newer_version(current) is not None:
        raise VersionError(_("A newer version of this plan exists; sign that one instead."))
    in_force = current.supersedes if current.supersedes_id else None
    if in_force is not None and in_force.lineage != current.lineage:
        in_force = None  # a plan of an earlier period, not an earlier version
    if in_force is not None and in_force.signed_on and signed_on < in_force.signed_on:
        raise VersionError(
            _("A version cannot be signed before the version it replaces (signed on %(date)s).")
            % {"date": in_force.signed_on.strftime("%d/%m/%Y")}
        )
    current.status = PlanStatus.SIGNED
    current.signed_on = signed_on
    current.revision += 1
    set_author(current, user)
    current.save(update_fields=["status", "signed_on", "revision"])
    retire_older_versions(current, user)
    return current


def retire_older_versions(plan: Plan, user: User | None = None) -> list[Plan]:
    """Mark SUPERSEDED the older versions of ``plan``'s lineage that it replaces: older drafts
    always; older signed versions only once ``plan`` itself is signed."""
    statuses = [PlanStatus.DRAFT]
    if plan.status == PlanStatus.SIGNED:
        statuses.append(PlanStatus.SIGNED)
    retired = list(Plan.objects.filter(lineage=plan.lineage, version__lt=plan.version, status__in=statuses))
    for older in retired:
        older.status = PlanStatus.SUPERSEDED
        older.revision += 1
        set_author(older, user)
        older.save(update_fields=["status", "revision"])
    return retired


# ---------------------------------------------------------------- compare


def compare(plan_a: Plan, plan_b: Plan) -> PlanDiff:
    """What changed from ``plan_a`` (old) to ``plan_b`` (new)."""
    return diff_trees(snapshots(plan_with_tree(plan_a.pk)), snapshots(plan_with_tree(plan_b.pk)))


def snapshots(plan: Plan) -> list[NodeSnapshot]:
    """The nodes of a plan fetched with `plan_with_tree` (no further queries). The plan header is
    a node too (key "plan"), with the contingents under it."""
    nodes = [
        NodeSnapshot(
            "plan",
            "plan",
            None,
            0,
            plan.title,
            None,
            {
                "period_start": plan.period_start,
                "period_end": plan.period_end,
                "annual_amount_eur": plan.annual_amount_eur,
            },
        )
    ]
    for c in plan.contingents.all():
        nodes.append(
            NodeSnapshot(
                # Contingents have no identity of their own: their name is it.
                f"contingent:{' '.join(c.name.lower().split())}",
                "contingent",
                "plan",
                c.order,
                c.name,
                None,
                {
                    "fte": c.fte,
                    "monthly_rate_eur": c.monthly_rate_eur,
                    "months": c.months,
                    "equipment_eur": c.equipment_eur,
                    "equipment_cap_per_fte_eur": c.equipment_cap_per_fte_eur,
                },
            )
        )
    for m in plan.modules.all():
        module = str(m.key)
        nodes.append(
            NodeSnapshot(module, "module", None, m.order, m.title, None, {"description": m.description})
        )
        nodes += [
            NodeSnapshot(str(g.key), "general_objective", module, g.order, g.text)
            for g in m.general_objectives.all()
        ]
        for so in m.strategic_objectives.all():
            nodes += _strategic_objective(so, module)
    for t in plan.thematics.all():
        nodes.append(NodeSnapshot(str(t.key), "thematic", None, t.order, t.title, None, {"number": t.number}))
        nodes += [
            NodeSnapshot(str(x.key), "measure", str(t.key), x.order, x.text, None, {"code": x.code})
            for x in t.measures.all()
        ]
    return nodes


def _strategic_objective(so: StrategicObjective, module: str) -> list[NodeSnapshot]:
    key = str(so.key)
    extra = {"service": so.service.name if so.service else "", "domain": so.domain}
    nodes = [NodeSnapshot(key, "strategic_objective", module, so.order, so.title, None, extra)]
    for oo in so.operational_objectives.all():
        nodes.append(NodeSnapshot(str(oo.key), "operational_objective", key, oo.order, oo.title))
        nodes += [NodeSnapshot(str(r.key), "result", str(oo.key), r.order, r.text) for r in oo.results.all()]
        nodes += [_indicator(i, str(oo.key)) for i in oo.indicators.all()]
    nodes += [_indicator(i, key) for i in so.own_indicators]
    return nodes


def _indicator(indicator: Indicator, parent: str) -> NodeSnapshot:
    return NodeSnapshot(
        str(indicator.key), "indicator", parent, indicator.order, indicator.text, indicator.target
    )
