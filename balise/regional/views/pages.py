"""Read pages: the list of regional plans, the dashboard, a coverage cell's drill-down, a project."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from balise.accounts.users import AuthenticatedRequest
from balise.plans.models import PlanThematic
from balise.regional import selectors
from balise.regional.coverage import TABLEAU_1, columns_with
from balise.regional.figures import coverage_chart, funding_chart
from balise.regional.models import PartnerCategory, Project
from balise.regional.rules import sees_project, updates_outputs
from balise.regional.views.common import read_filters, regional_for

PROJECTS_SHOWN = 100


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "regional/index.html", {"plans": selectors.visible_regional_plans(request.user)})


@login_required
def dashboard(request: AuthenticatedRequest, regional_id: int) -> HttpResponse:
    regional, scope = regional_for(request.user, regional_id)
    filters, partner = read_filters(request.GET, regional, scope)
    table = selectors.coverage_table(regional, filters, columns_with(filters.category))
    projects = selectors.projects(regional, filters)
    funding = selectors.funding_by_category(regional, filters)
    partners = selectors.partners_of(regional)
    if scope.partners is not None:
        partners = partners.filter(pk__in=scope.partners)
    context = {
        "regional": regional,
        "scope": scope,
        "filters": filters,
        "partner": partner,
        "table": table,
        "projects": projects[:PROJECTS_SHOWN],
        "project_count": projects.count(),
        "funding": [(label, funding[key]) for key, label in PartnerCategory.choices],
        "funding_total": sum(funding.values()),
        "coverage_chart": coverage_chart(table) if table.rows else None,
        "funding_chart": funding_chart(funding),
        "thematics": PlanThematic.objects.filter(plan_id=regional.plan_id),
        "partners": partners,
        "categories": PartnerCategory.choices,
        "municipal_plans": selectors.municipal_plans(regional, request.user) if scope.full else [],
        "years": range(filters.year_from - 3, filters.year_to + 4),
        "awaiting": list(selectors.awaiting_approval(regional)[:50]) if scope.edits else [],
    }
    return render(request, "regional/dashboard.html", context)


@login_required
def coverage_cell(
    request: AuthenticatedRequest, regional_id: int, thematic: int, column: str
) -> HttpResponse:
    regional, scope = regional_for(request.user, regional_id)
    filters, _partner = read_filters(request.GET, regional, scope)
    chosen = next((c for c in TABLEAU_1 if c.key == column), None)
    thematic_row = PlanThematic.objects.filter(plan_id=regional.plan_id, number=thematic).first()
    if chosen is None or thematic_row is None:
        raise Http404
    detail = selectors.coverage_detail(regional, thematic, chosen, filters)
    context = {
        "regional": regional,
        "filters": filters,
        "column": chosen,
        "thematic": thematic_row,
        "detail": detail,
        "covered": sum(1 for d in detail if d.covered),
    }
    return render(request, "regional/cell.html", context)


@login_required
def project_detail(request: AuthenticatedRequest, regional_id: int, project_id: int) -> HttpResponse:
    regional, scope = regional_for(request.user, regional_id)
    try:
        project = selectors.project_detail(project_id, regional)
    except Project.DoesNotExist as error:
        raise Http404 from error
    if not sees_project(scope, project):
        raise Http404
    context = {
        "regional": regional,
        "scope": scope,
        "project": project,
        "outputs": selectors.project_outputs(project),
        "may_update": updates_outputs(scope, project),
        "subsidies": project.subsidies.all() if scope.full else [],
    }
    return render(request, "regional/project.html", context)
