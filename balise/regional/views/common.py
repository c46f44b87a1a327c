"""What every regional view does first: fetch the regional plan with the user's scope, read filters."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from balise import clock
from balise.accounts.users import Visitor
from balise.regional.models import PartnerCategory, Project, RegionalPlan
from balise.regional.rules import Scope, scope_for, sees_project
from balise.regional.selectors import Filters


def regional_for(
    user: Visitor, regional_id: int, *, edit: bool = False, full: bool = False
) -> tuple[RegionalPlan, Scope]:
    """404 when the user has nothing to see there (existence not leaked); 403 when they may look
    but not do this (``edit``: coordinators; ``full``: not limited to a partner's own projects)."""
    regional = RegionalPlan.objects.select_related("plan", "region").filter(pk=regional_id).first()
    scope = scope_for(user, regional) if regional is not None else None
    if regional is None or scope is None:
        raise Http404
    if (edit and not scope.edits) or (full and not scope.full):
        raise PermissionDenied
    return regional, scope


def project_for(user: Visitor, regional_id: int, project_id: int) -> tuple[RegionalPlan, Scope, Project]:
    """The regional plan, the user's scope and one of its projects: 404 for a project the user
    may not see (another partner's: not even its existence), as for the regional plan."""
    regional, scope = regional_for(user, regional_id)
    project = get_object_or_404(
        Project.objects.select_related("partner", "regional_plan"), pk=project_id, regional_plan=regional
    )
    if not sees_project(scope, project):
        raise Http404
    return regional, scope, project


def _int(value: str | None, low: int = 0, high: int = 10**9) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    number = int(value)
    return number if low <= number <= high else None


def read_filters(
    params: Mapping[str, str], regional: RegionalPlan, scope: Scope
) -> tuple[Filters, int | None]:
    """Filters from a query string (``year`` or ``from``/``to``, ``thematic``, ``category``,
    ``partner``) and the partner asked for; a partner user never gets beyond their own projects."""
    default = regional.years or (clock.today().year,) * 2
    year = _int(params.get("year"), 1990, 2100)
    year_from = year or _int(params.get("from"), 1990, 2100) or default[0]
    year_to = year or _int(params.get("to"), 1990, 2100) or default[1]
    if year_to < year_from:
        year_from, year_to = year_to, year_from
    category = params.get("category") or None
    if category not in PartnerCategory.values:
        category = None
    partner = _int(params.get("partner"))
    partners = scope.partners
    if partner is not None:
        partners = frozenset({partner}) if partners is None else partners & {partner}
    filters = Filters(year_from, year_to, _int(params.get("thematic"), 1, 99), category, partners)
    return filters, partner
