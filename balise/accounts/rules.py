"""Who may do what: `rules` predicates over the named roles.

A user's roles come from memberships (role × organisation); they are read once per request and
cached on the user object. Superusers are administrators and pass every check.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Protocol, TypeVar

import rules
from django.db.models import Model, Q, QuerySet

from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.accounts.users import Visitor

_M = TypeVar("_M", bound=Model)
_MEMBERSHIPS = "_balise_memberships"
_ZONES = "_balise_zones"


class PlanScope(Protocol):
    """What the rules read of a plan (``plans.models.Plan``, a layer above)."""

    @property
    def kind(self) -> str: ...
    @property
    def municipality_id(self) -> int | None: ...
    @property
    def municipality(self) -> Organisation | None: ...


MUNICIPAL_READ_ROLES = {Role.MUNICIPALITY_EDITOR, Role.MUNICIPALITY_VIEWER, Role.INTERNAL_EVALUATOR}


def memberships(user: Visitor | None) -> list[tuple[str, int, int | None]]:
    """(role, organisation id, organisation's region id) of the user, cached on the user."""
    if not user or not user.is_authenticated:
        return []
    cached: list[tuple[str, int, int | None]] | None = getattr(user, _MEMBERSHIPS, None)
    if cached is None:
        # Values, not model instances: read on every page, where building the instances (the
        # membership's and its organisation's) cost more than the query.
        rows = list(
            user.memberships.values_list(
                "role", "organisation_id", "organisation__region_id", "organisation__police_zone_id"
            )
        )
        cached = [(role, organisation, region) for role, organisation, region, _zone in rows]
        zones = {zone for role, _org, _region, zone in rows if role in MUNICIPAL_READ_ROLES and zone}
        setattr(user, _MEMBERSHIPS, cached)  # cached on the user object, read once per request
        setattr(user, _ZONES, zones)
    return cached


def member_of(user: Visitor | None) -> set[int]:
    """Every organisation the user holds any role in."""
    return {org for _role, org, _region in memberships(user)}


def zones_of_own_municipalities(user: Visitor | None) -> set[int]:
    """Police zones of the municipalities whose plans the user reads (cached with the memberships)."""
    memberships(user)
    zones: set[int] = getattr(user, _ZONES, set())
    return zones


def organisations_with(user: Visitor | None, roles: AbstractSet[str]) -> set[int]:
    return {org for role, org, _region in memberships(user) if role in roles}


def has_role(user: Visitor | None, role: str) -> bool:
    return any(r == role for r, _org, _region in memberships(user))


@rules.predicate
def is_administrator(user: Visitor | None) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_federal_analyst(user: Visitor | None) -> bool:
    return has_role(user, Role.FEDERAL_ANALYST)


@rules.predicate
def is_regional_coordinator(user: Visitor | None) -> bool:
    return has_role(user, Role.REGIONAL_COORDINATOR)


def _region_of_plan(plan: PlanScope) -> int | None:
    return plan.municipality.region_id if plan.municipality is not None else None


@rules.predicate
def reads_plan(user: Visitor | None, plan: PlanScope | None) -> bool:
    if plan is None:
        return False
    if plan.municipality_id and plan.municipality_id in organisations_with(user, MUNICIPAL_READ_ROLES):
        return True
    if (
        plan.kind == "pzs"
        and plan.municipality_id
        and (
            plan.municipality_id in member_of(user)
            or plan.municipality_id in zones_of_own_municipalities(user)
        )
    ):
        return True  # a police zone's plan: its members and the municipalities of the zone
    coordinator_regions = organisations_with(user, {Role.REGIONAL_COORDINATOR})
    if coordinator_regions and (plan.kind == "pgsp" or _region_of_plan(plan) in coordinator_regions):
        return True
    return plan.kind == "pgsp" and has_role(user, Role.PARTNER)


@rules.predicate
def reads_plan_as_member(user: Visitor | None, plan: PlanScope | None) -> bool:
    """Reads the plan for another reason than being a partner of the regional plan: partners
    read the regional plan's content (its thematics and measures), not its pages of values,
    evaluation, money, reports or history, which are its members' (see `plans.access`)."""
    if plan is None:
        return False
    if plan.municipality_id and plan.municipality_id in organisations_with(user, MUNICIPAL_READ_ROLES):
        return True
    coordinator_regions = organisations_with(user, {Role.REGIONAL_COORDINATOR})
    return bool(coordinator_regions and (plan.kind == "pgsp" or _region_of_plan(plan) in coordinator_regions))


@rules.predicate
def edits_plan_of_own_municipality(user: Visitor | None, plan: PlanScope | None) -> bool:
    return bool(
        plan is not None
        and plan.municipality_id
        and plan.municipality_id in organisations_with(user, {Role.MUNICIPALITY_EDITOR})
    )


@rules.predicate
def coordinates_regional_plan(user: Visitor | None, plan: PlanScope | None) -> bool:
    return plan is not None and plan.kind == "pgsp" and is_regional_coordinator(user)


can_view_plan = is_administrator | is_federal_analyst | reads_plan
can_follow_plan = is_administrator | is_federal_analyst | reads_plan_as_member
can_edit_plan = is_administrator | edits_plan_of_own_municipality | coordinates_regional_plan

rules.add_perm("plans.view_plan", can_view_plan)
rules.add_perm("plans.change_plan", can_edit_plan)


def can_create_plans(user: Visitor | None) -> bool:
    return bool(
        is_administrator(user)
        or organisations_with(user, {Role.MUNICIPALITY_EDITOR})
        or is_regional_coordinator(user)
    )


def visible_plans_filter(user: Visitor | None) -> Q | None:
    """A filter on Plan for what ``user`` may read; ``None`` means everything."""
    if is_administrator(user) or is_federal_analyst(user):
        return None
    condition = Q(pk__in=[])
    municipal = organisations_with(user, MUNICIPAL_READ_ROLES)
    if municipal:
        condition |= Q(municipality_id__in=municipal)
    regions = organisations_with(user, {Role.REGIONAL_COORDINATOR})
    if regions:
        condition |= Q(municipality__region_id__in=regions) | Q(kind="pgsp")
    if has_role(user, Role.PARTNER):
        condition |= Q(kind="pgsp")
    zones = {*member_of(user), *zones_of_own_municipalities(user)}
    if zones:
        condition |= Q(kind="pzs", municipality_id__in=zones)
    return condition


def restrict_plans(user: Visitor | None, queryset: QuerySet[_M]) -> QuerySet[_M]:
    if not user or not user.is_authenticated:
        return queryset.none()
    condition = visible_plans_filter(user)
    return queryset if condition is None else queryset.filter(condition)
