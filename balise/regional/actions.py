"""Writes to the regional layer: named, atomic, history recorded by simple_history. Each takes
the acting user and checks it through the rules the pages use (`balise.regional.rules`). A
project's outputs (definitions, yearly figures, evidence, approval) are written by `output_actions`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from balise import errors
from balise.accounts.actors import Actor, require
from balise.accounts.models import Organisation
from balise.plans.models import OperationalObjective, Plan, PlanKind, PlanMeasure, StrategicObjective
from balise.regional.models import (
    ObjectiveLink,
    Partner,
    Project,
    ProjectMeasure,
    RegionalPlan,
    Subsidy,
)
from balise.regional.rules import edits_region, edits_regional_plan, links_objectives_of


class Refused(errors.Invalid):
    """A write that breaks a rule of the regional layer; the message says which, ``field`` where
    (the name of the form's or the API's field, ``""`` for the whole request)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message, field=field)


@dataclass(frozen=True)
class ProjectData:
    partner: Partner
    title: str
    year_start: int
    year_end: int
    description: str = ""
    primary: PlanMeasure | None = None
    secondary: Sequence[PlanMeasure] = ()


def attach_regional_plan(
    plan: Plan, region: Organisation, user: Actor, catalogue: str = "pgsp-2021-2024"
) -> RegionalPlan:
    """Make an imported PGSP the plan of ``region`` (idempotent; the region's coordinators)."""
    require(edits_region, user, region.pk)
    if plan.kind != PlanKind.PGSP:
        raise Refused(_("Only a regional plan (PGSP) can carry the regional layer."))
    if region.kind != Organisation.Kind.REGION:
        raise Refused(_("A regional plan belongs to a region."))
    regional, _created = RegionalPlan.objects.get_or_create(
        plan=plan, defaults={"region": region, "catalogue": catalogue}
    )
    return regional


def _check(regional_plan: RegionalPlan, data: ProjectData) -> None:
    if data.partner.region_id != regional_plan.region_id:
        raise Refused(_("The partner is not a partner of this region."), "partner_id")
    if data.year_end < data.year_start:
        raise Refused(_("The last year comes before the first year."), "year_end")
    measures = [m for m in (data.primary, *data.secondary) if m is not None]
    if any(m.thematic.plan_id != regional_plan.plan_id for m in measures):
        raise Refused(_("A measure does not belong to this regional plan."))


def _set_measures(project: Project, data: ProjectData) -> None:
    ProjectMeasure.objects.filter(project=project).delete()
    links = []
    if data.primary is not None:
        links.append(ProjectMeasure(project=project, measure=data.primary, primary=True))
    seen = {data.primary.pk} if data.primary is not None else set()
    for measure in data.secondary:
        if measure.pk not in seen:
            seen.add(measure.pk)
            links.append(ProjectMeasure(project=project, measure=measure, primary=False))
    ProjectMeasure.objects.bulk_create(links)


@transaction.atomic
def create_project(regional_plan: RegionalPlan, data: ProjectData, user: Actor) -> Project:
    require(edits_regional_plan, user, regional_plan)
    _check(regional_plan, data)
    project = Project.objects.create(
        regional_plan=regional_plan,
        partner=data.partner,
        title=data.title,
        description=data.description,
        year_start=data.year_start,
        year_end=data.year_end,
    )
    _set_measures(project, data)
    return project


@transaction.atomic
def update_project(project: Project, data: ProjectData, user: Actor) -> Project:
    require(edits_regional_plan, user, project.regional_plan)
    _check(project.regional_plan, data)
    for name in ("partner", "title", "description", "year_start", "year_end"):
        setattr(project, name, getattr(data, name))
    project.save()
    _set_measures(project, data)
    return project


@transaction.atomic
def create_partner(
    regional_plan: RegionalPlan,
    name: str,
    category: str,
    user: Actor,
    organisation: Organisation | None = None,
) -> Partner:
    require(edits_regional_plan, user, regional_plan)
    return Partner.objects.create(
        region_id=regional_plan.region_id, name=name, category=category, organisation=organisation
    )


@transaction.atomic
def grant_subsidy(
    partner: Partner,
    year: int,
    amount_eur: Decimal,
    user: Actor,
    *,
    legal_basis: str = "",
    call: str = "",
    project: Project | None = None,
) -> Subsidy:
    require(edits_region, user, partner.region_id)
    if amount_eur < 0:
        raise Refused(_("A subsidy cannot be negative."), "amount_eur")
    if project is not None and project.partner_id != partner.pk:
        raise Refused(_("The project is not this partner's."), "project_id")
    return Subsidy.objects.create(
        partner=partner, year=year, amount_eur=amount_eur, legal_basis=legal_basis, call=call, project=project
    )


@transaction.atomic
def link_objective(
    regional_plan: RegionalPlan,
    measure: PlanMeasure,
    objective: StrategicObjective | OperationalObjective,
    user: Actor,
    *,
    primary: bool = False,
) -> ObjectiveLink:
    """Link a municipal plan's strategic or operational objective to a regional measure
    (idempotent): the region's coordinators, or the editors of that municipal plan."""
    if measure.thematic.plan_id != regional_plan.plan_id:
        raise Refused(_("The measure does not belong to this regional plan."))
    if isinstance(objective, StrategicObjective):
        plan, field = objective.module.plan, "strategic_objective"
    else:
        plan, field = objective.strategic_objective.module.plan, "operational_objective"
    if plan.kind == PlanKind.PGSP or plan.municipality_id is None:
        raise Refused(_("Only the objectives of a municipal plan can be linked to a regional measure."))
    require(links_objectives_of, user, regional_plan, plan)
    link, created = ObjectiveLink.objects.get_or_create(
        measure=measure, **{field: objective}, defaults={"plan": plan, "primary": primary}
    )
    if not created and link.primary != primary:
        link.primary = primary
        link.save(update_fields=["primary"])
    return link


@transaction.atomic
def unlink_objective(link: ObjectiveLink, user: Actor) -> None:
    regional_plan = RegionalPlan.objects.get(plan_id=link.measure.thematic.plan_id)
    require(links_objectives_of, user, regional_plan, link.plan)
    link.delete()
