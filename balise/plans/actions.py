"""Writes to plans: named, atomic, with history recorded."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from balise import errors
from balise.accounts.actors import Actor, require
from balise.accounts.history import set_author
from balise.accounts.models import Organisation
from balise.accounts.rules import can_edit_plan
from balise.accounts.users import signed_in
from balise.domain.interchange import outline_to_dict
from balise.domain.outline import IndicatorOutline, PlanOutline, StrategicObjectiveOutline
from balise.domain.text import fold
from balise.domain.translations import place_key
from balise.finance.models import Contingent
from balise.plans.bulk import insert_rows, insert_rows_with_history
from balise.plans.matching import ReferenceIndex, find_owner
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
    Service,
    StrategicObjective,
)
from balise.plans.selectors import nodes_by_path, plan_with_tree
from balise.plans.signals import announce
from balise.plans.targets import target_columns
from balise.plans.versioning import retire_older_versions
from balise.reference.models import Dimension


class PlanConflict(errors.Refused):
    """The import would clash with ``existing``, the plan for the same place and period. Storing
    the document as its new version is the caller's choice (``replace``): each entry point says
    how in its own terms (``--replace``, ``?replace=true``, a tick box), never this message."""

    def __init__(self, existing: Plan):
        self.existing = existing
        super().__init__(
            _("Plan %(id)s (%(title)s) already exists for this period.")
            % {"id": existing.pk, "title": existing.title}
        )


@dataclass(frozen=True)
class ImportOutcome:
    plan: Plan
    created: bool
    message: str


def fingerprint(outline: PlanOutline) -> str:
    """The plan's content as written: its translations are not part of it (a document and the
    same document exported with its translations are the same plan)."""
    data = outline_to_dict(outline)
    data.pop("translations", None)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _same_plan(outline: PlanOutline, municipality: Organisation | None) -> Plan | None:
    """The latest version of the plan this outline is a version of (same kind, place, period, title)."""
    candidates = Plan.objects.filter(
        kind=outline.kind, period_start=outline.period_start, period_end=outline.period_end
    ).order_by("-version")
    if municipality is not None:
        candidates = candidates.filter(municipality=municipality)
    else:
        candidates = candidates.filter(
            municipality__isnull=True, municipality_name=outline.municipality or ""
        )
    title = fold(outline.title)
    for plan in candidates:
        if fold(plan.title) == title and not plan.superseded_by.filter(lineage=plan.lineage).exists():
            return plan
    return None


def _previous_period_plan(outline: PlanOutline, municipality: Organisation | None) -> Plan | None:
    if municipality is None or outline.period_start is None:
        return None
    return (
        Plan.objects.filter(
            kind=outline.kind, municipality=municipality, period_start__lt=outline.period_start
        )
        .exclude(status=PlanStatus.SUPERSEDED)
        .order_by("-period_start", "-version")
        .first()
    )


@transaction.atomic
def import_plan(
    outline: PlanOutline, *, user: Actor, source_name: str = "", layout: str = "", replace: bool = False
) -> ImportOutcome:
    """Store an outline as a plan, for ``user``: whoever could edit a plan of that kind and place
    (the plan's history names them as the author of the import).

    The same content twice is not duplicated; ``replace`` stores it as a new version of the same
    plan (identities of surviving nodes kept); a later period of the same municipality creates a
    new plan that supersedes the previous one.
    """
    digest = fingerprint(outline)
    municipality = find_owner(outline.kind, outline.municipality)
    require(can_edit_plan, user, Plan(kind=outline.kind, municipality=municipality))
    existing = _same_plan(outline, municipality)
    if existing is not None and not replace:
        if existing.content_hash == digest:
            return ImportOutcome(existing, False, f"already imported as plan {existing.pk}; nothing changed")
        raise PlanConflict(existing)
    plan = Plan(
        kind=outline.kind,
        title=outline.title,
        municipality=municipality,
        municipality_name="" if municipality else (outline.municipality or ""),
        period_start=outline.period_start,
        period_end=outline.period_end,
        signed_on=outline.signed_on,
        status=PlanStatus.SIGNED if outline.signed_on else PlanStatus.DRAFT,
        language=outline.language,
        parties=list(outline.parties),
        annual_amount_eur=outline.finance.annual_amount_eur if outline.finance else None,
        source_name=source_name,
        source_layout=layout,
        content_hash=digest,
    )
    keys: dict[tuple, object] = {}
    if existing is not None:
        plan.lineage = existing.lineage
        plan.version = existing.version + 1
        plan.supersedes = existing
        keys = _node_keys(existing)
        message = f"stored as version {plan.version} of plan {existing.pk}"
    else:
        previous = _previous_period_plan(outline, municipality)
        plan.supersedes = previous
        message = "created" + (f"; supersedes plan {previous.pk}" if previous else "")
    set_author(plan, user)
    plan.save()
    if existing is not None:
        # Same rule as amend/sign: a signed version stays in force until its replacement is signed.
        retire_older_versions(plan, signed_in(user))
    _create_tree(plan, outline, keys)
    if outline.translations:
        _keep_translations(plan, outline, user)
    # A new version keeps its predecessor's identities (their values, colours); a new plan has none.
    announce(plan.pk, new_plan=existing is None)
    return ImportOutcome(plan, True, message)


def _keep_translations(plan: Plan, outline: PlanOutline, user: Actor) -> None:
    """Store the translations an interchange document carries beside the texts just created
    (one UPDATE and one history INSERT per kind of node)."""
    changed: dict[type[models.Model], list[Any]] = {}
    for path, node in nodes_by_path(plan_with_tree(plan.pk)):
        key = place_key(path)
        kept: Any = node
        found = {
            language: dict(by_place[key])
            for language, by_place in outline.translations.items()
            if by_place.get(key)
        }
        if found:
            kept.translations = found
            changed.setdefault(type(node), []).append(kept)
    for model, nodes in changed.items():
        bulk_update_with_history(
            nodes,
            model,
            ["translations"],
            default_user=signed_in(user),
            default_change_reason=_("translations imported with the plan"),
        )


def _node_keys(plan: Plan) -> dict[tuple, object]:
    """Identity keys of the previous version's nodes, by their texts, so survivors keep them."""
    keys: dict[tuple, object] = {}
    for m in Module.objects.filter(plan=plan):
        keys[("module", fold(m.title))] = m.key
    for so in StrategicObjective.objects.filter(module__plan=plan).select_related("module"):
        keys[("so", fold(so.module.title), fold(so.title))] = so.key
    for oo in OperationalObjective.objects.filter(strategic_objective__module__plan=plan):
        keys.setdefault(("oo", fold(oo.title)), oo.key)
    for ind in Indicator.objects.filter(strategic_objective__module__plan=plan):
        keys.setdefault(("indicator", fold(ind.text)), ind.key)
    return keys


def _identity(keys: dict, name: tuple) -> uuid.UUID:
    """The identity (``key``) a new node takes: its namesake's in the previous version, else a
    new one. pop, not get: an identity goes to one node at most, even when two share a text."""
    return keys.pop(name, None) or uuid.uuid4()


def _pk(row: models.Model | None) -> int | None:
    return row.pk if row is not None else None


def _indicator_row(item: IndicatorOutline, so_id: int, oo_id: int | None, order: int, keys: dict) -> dict:
    return {
        "strategic_objective_id": so_id,
        "operational_objective_id": oo_id,
        "order": order,
        "key": _identity(keys, ("indicator", fold(item.text))),
        "text": item.text,
        "imported_analysis": item.analysis or "",
        "imported_colour": item.colour or "",
        "imported_motivation": item.motivation or "",
        "reference_value": item.reference_value or "",
        **target_columns(item.target),
    }


def _create_tree(plan: Plan, outline: PlanOutline, keys: dict) -> None:
    """Every row of the outline, level by level (one bulk insert per level, history included,
    the rows written as values: no model instance per node); a node keeps the identity
    (``key``) of its namesake in ``keys``, the previous version's."""
    refs = ReferenceIndex()
    _create_contingents(plan, outline)
    modules = _create_modules(plan, outline, keys, refs)
    sos, so_sources = _create_strategic_objectives(plan, outline, modules, keys, refs)
    indicators = _create_operational_objectives_and_indicators(sos, so_sources, keys)
    _link_dimensions(plan, indicators)
    _create_thematics(plan, outline)


def _create_contingents(plan: Plan, outline: PlanOutline) -> None:
    if outline.finance:
        insert_rows_with_history(
            Contingent,
            [
                {
                    "plan_id": plan.pk,
                    "order": n,
                    "name": c.name,
                    "fte": c.fte,
                    "monthly_rate_eur": c.monthly_rate_eur,
                    "months": c.months,
                    "equipment_eur": c.equipment_eur,
                    "equipment_cap_per_fte_eur": c.equipment_cap_per_fte_eur,
                }
                for n, c in enumerate(outline.finance.contingents)
            ],
        )


def _create_modules(plan: Plan, outline: PlanOutline, keys: dict, refs: ReferenceIndex) -> list[int]:
    """The modules' primary keys, in the outline's order."""
    return insert_rows_with_history(
        Module,
        [
            {
                "plan_id": plan.pk,
                "order": n,
                "key": _identity(keys, ("module", fold(m.title))),
                "kind": m.kind,
                "title": m.title,
                "description": m.description or "",
                "phenomenon_id": _pk(refs.phenomenon(m.title)) if m.kind == "phenomenon" else None,
                "sector_id": _pk(refs.sector(m.title)) if m.kind == "sector" else None,
            }
            for n, m in enumerate(outline.modules)
        ],
    )


def _create_strategic_objectives(
    plan: Plan, outline: PlanOutline, modules: list[int], keys: dict, refs: ReferenceIndex
) -> tuple[list[int], list[StrategicObjectiveOutline]]:
    """The modules' general and strategic objectives; the latter's keys with the outline each
    came from."""
    services: dict[str, int] = {}
    generals, sos, so_sources = [], [], []
    for module_id, m in zip(modules, outline.modules, strict=True):
        generals += [
            {"module_id": module_id, "order": n, "text": t} for n, t in enumerate(m.general_objectives)
        ]
        for n, so in enumerate(m.strategic_objectives):
            if so.service and so.service not in services:
                service, _created = Service.objects.get_or_create(
                    organisation=plan.municipality, name=so.service
                )
                services[so.service] = service.pk
            sos.append(
                {
                    "module_id": module_id,
                    "order": n,
                    "key": _identity(keys, ("so", fold(m.title), fold(so.title))),
                    "title": so.title,
                    "domain": so.domain or "",
                    "service_id": services[so.service] if so.service else None,
                    "catalogue_entry_id": _pk(refs.catalogue_entry(so.title)),
                    "pilot": so.pilot or "",
                }
            )
            so_sources.append(so)
    insert_rows_with_history(GeneralObjective, generals)
    return insert_rows_with_history(StrategicObjective, sos), so_sources


def _create_operational_objectives_and_indicators(
    sos: list[int], so_sources: list[StrategicObjectiveOutline], keys: dict
) -> list[tuple[int, tuple[str, ...]]]:
    """Under each strategic objective: its operational objectives with their expected results,
    and the indicators of both levels (their keys with the dimensions each declares)."""
    oos, oo_sources, indicators = [], [], []
    oo_parents: list[int] = []
    dimensions: list[tuple[str, ...]] = []
    for so_id, so in zip(sos, so_sources, strict=True):
        for n, oo in enumerate(so.operational_objectives):
            oos.append(
                {
                    "strategic_objective_id": so_id,
                    "order": n,
                    "key": _identity(keys, ("oo", fold(oo.title))),
                    "title": oo.title,
                    "approach": oo.approach or "",
                    "pilot": oo.pilot or "",
                }
            )
            oo_sources.append(oo)
            oo_parents.append(so_id)
        indicators += [_indicator_row(item, so_id, None, n, keys) for n, item in enumerate(so.indicators)]
        dimensions += [item.dimensions for item in so.indicators]
    oo_ids = insert_rows_with_history(OperationalObjective, oos)
    results = []
    for parent, oo_id, oo in zip(oo_parents, oo_ids, oo_sources, strict=True):
        results += [
            {"operational_objective_id": oo_id, "order": n, "text": t} for n, t in enumerate(oo.results)
        ]
        indicators += [_indicator_row(item, parent, oo_id, n, keys) for n, item in enumerate(oo.indicators)]
        dimensions += [item.dimensions for item in oo.indicators]
    insert_rows_with_history(ExpectedResult, results)
    created = insert_rows_with_history(Indicator, indicators)
    return list(zip(created, dimensions, strict=True))


def _link_dimensions(plan: Plan, indicators: list[tuple[int, tuple[str, ...]]]) -> None:
    """The dimensions each indicator declares, by code: shared ones or the plan's municipality's."""
    wanted = {code for _i, codes in indicators for code in codes}
    if not wanted:
        return
    known = {
        d.code: d.pk
        for d in Dimension.objects.filter(
            Q(organisation=None) | Q(organisation_id=plan.municipality_id), code__in=wanted
        )
    }
    unknown = sorted(wanted - set(known))
    if unknown:
        raise errors.Invalid(
            _("Unknown dimension of an indicator: %(codes)s.") % {"codes": ", ".join(unknown)},
            field="dimensions",
        )
    insert_rows(
        IndicatorDimension,
        [
            {"indicator_id": indicator_id, "dimension_id": known[code], "order": n}
            for indicator_id, codes in indicators
            for n, code in enumerate(codes)
        ],
    )


def _create_thematics(plan: Plan, outline: PlanOutline) -> None:
    thematics = insert_rows_with_history(
        PlanThematic,
        [
            {"plan_id": plan.pk, "order": n, "number": t.number, "title": t.title}
            for n, t in enumerate(outline.thematics)
        ],
    )
    insert_rows_with_history(
        PlanMeasure,
        [
            {"thematic_id": thematic_id, "order": n, "code": x.code, "text": x.text}
            for thematic_id, t in zip(thematics, outline.thematics, strict=True)
            for n, x in enumerate(t.measures)
        ],
    )
