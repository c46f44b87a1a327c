"""Who may do what in the regional layer.

- read everything: administrators, federal analysts, the region's coordinators, and the members
  (editor, viewer, evaluator) of a municipality of the region;
- edit (projects, partners, subsidies, links): administrators and the region's coordinators;
- partners (role "partner" on the organisation of a `Partner`) see their own projects, enter and
  submit their outputs; the coverage they see counts their own projects only;
- the coordinators define each project's outputs and approve or return what partners submit;
- a municipal plan's editor may also link their plan's objectives to the region's measures.
"""

from __future__ import annotations

from dataclasses import dataclass

from balise.accounts.roles import Role
from balise.accounts.rules import (
    MUNICIPAL_READ_ROLES,
    can_edit_plan,
    is_administrator,
    is_federal_analyst,
    memberships,
    organisations_with,
)
from balise.accounts.users import Visitor
from balise.plans.models import Plan
from balise.regional.models import Partner, Project, RegionalPlan


def coordinated_regions(user: Visitor) -> set[int]:
    """A coordinator's membership is of the region itself (or of an organisation inside it)."""
    regions = set()
    for role, org, region in memberships(user):
        if role == Role.REGIONAL_COORDINATOR:
            regions.add(region or org)
    return regions


def reads_region(user: Visitor, region_id: int) -> bool:
    if is_administrator(user) or is_federal_analyst(user):
        return True
    if region_id in coordinated_regions(user):
        return True
    return any(r in MUNICIPAL_READ_ROLES and region == region_id for r, _org, region in memberships(user))


def edits_region(user: Visitor, region_id: int) -> bool:
    return bool(is_administrator(user) or region_id in coordinated_regions(user))


def partner_organisations(user: Visitor) -> set[int]:
    return organisations_with(user, {Role.PARTNER})


@dataclass(frozen=True)
class Scope:
    """What a user may see and do in one regional plan; ``partners`` limits a partner's view to
    the projects of the given `Partner` ids (None: everything)."""

    edits: bool
    partners: frozenset[int] | None

    @property
    def full(self) -> bool:
        return self.partners is None


def scope_for(user: Visitor, regional_plan: RegionalPlan) -> Scope | None:
    """None when the user has nothing to see in this regional plan."""
    if reads_region(user, regional_plan.region_id):
        return Scope(edits=edits_region(user, regional_plan.region_id), partners=None)
    organisations = partner_organisations(user)
    if not organisations:
        return None

    ids = frozenset(
        Partner.objects.filter(
            region_id=regional_plan.region_id, organisation_id__in=organisations
        ).values_list("pk", flat=True)
    )
    return Scope(edits=False, partners=ids) if ids else None


def sees_project(scope: Scope, project: Project) -> bool:
    return scope.partners is None or project.partner_id in scope.partners


def updates_outputs(scope: Scope, project: Project) -> bool:
    return scope.edits or (scope.partners is not None and project.partner_id in scope.partners)


def links_objectives_of(user: Visitor, regional_plan: RegionalPlan, plan: Plan) -> bool:
    """The region's coordinator, or the editor of that municipal plan (of a municipality of the region)."""
    if plan.municipality is None or plan.municipality.region_id != regional_plan.region_id:
        return False
    return edits_region(user, regional_plan.region_id) or bool(can_edit_plan(user, plan))


def edits_regional_plan(user: Visitor, regional_plan: RegionalPlan) -> bool:
    """Changes the projects, partners, subsidies of the regional plan: its region's coordinators."""
    return edits_region(user, regional_plan.region_id)


# --- a project's outputs: the rules the actions check (`accounts.actors.require`) --------------------


def _project_scope(user: Visitor | None, project: Project) -> Scope | None:
    if user is None or not user.is_authenticated:
        return None
    return scope_for(user, project.regional_plan)


def updates_outputs_of(user: Visitor | None, project: Project) -> bool:
    """Enters a year's figures, narrative and evidence, and submits them: the project's partner,
    or the region's coordinators on its behalf."""
    scope = _project_scope(user, project)
    return scope is not None and updates_outputs(scope, project)


def reviews_outputs_of(user: Visitor | None, project: Project) -> bool:
    """Defines what a project reports and approves or returns its figures: the region's coordinators."""
    scope = _project_scope(user, project)
    return scope is not None and scope.edits
