"""Write pages: projects and their measures, partners, subsidies, links from municipal plans (a
project's outputs: `views.outputs`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balise.accounts.rules import can_view_plan
from balise.accounts.users import AuthenticatedRequest
from balise.plans.models import OperationalObjective, Plan, StrategicObjective
from balise.regional import actions, forms, selectors
from balise.regional.models import ObjectiveLink, Partner, Project, RegionalPlan
from balise.regional.rules import links_objectives_of
from balise.regional.views.common import regional_for


def _project(regional: RegionalPlan, project_id: int) -> Project:
    return get_object_or_404(
        Project.objects.select_related("partner", "regional_plan"), pk=project_id, regional_plan=regional
    )


@login_required
def project_form(
    request: AuthenticatedRequest, regional_id: int, project_id: int | None = None
) -> HttpResponse:
    regional, _scope = regional_for(request.user, regional_id, edit=True)
    project = _project(regional, project_id) if project_id else None
    form = forms.ProjectForm(regional, request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            if project is None:
                project = actions.create_project(regional, form.project_data(), request.user)
            else:
                project = actions.update_project(project, form.project_data(), request.user)
        except actions.Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Project saved."))
            return redirect("regional-project", regional.pk, project.pk)
    status = 422 if form.errors else 200
    context = {"regional": regional, "project": project, "form": form}
    return render(request, "regional/project_form.html", context, status=status)


@login_required
def partners(request: AuthenticatedRequest, regional_id: int) -> HttpResponse:
    regional, scope = regional_for(request.user, regional_id, full=True)
    form = forms.PartnerForm(regional, request.POST or None) if scope.edits else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        elif form.is_valid():
            data = form.cleaned_data
            actions.create_partner(
                regional, data["name"], data["category"], request.user, data["organisation"]
            )
            messages.success(request, _("Partner added."))
            return redirect("regional-partners", regional.pk)
    rows = selectors.partners_of(regional).prefetch_related("subsidies")
    context = {"regional": regional, "scope": scope, "partners": rows, "form": form}
    return render(request, "regional/partners.html", context, status=422 if form and form.errors else 200)


@login_required
def subsidy_form(request: AuthenticatedRequest, regional_id: int, partner_id: int) -> HttpResponse:
    regional, _scope = regional_for(request.user, regional_id, edit=True)
    partner = get_object_or_404(Partner, pk=partner_id, region_id=regional.region_id)
    form = forms.SubsidyForm(partner, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.grant_subsidy(
            partner,
            data["year"],
            data["amount"],
            request.user,
            legal_basis=data["legal_basis"],
            call=data["call"],
            project=data["project"],
        )
        messages.success(request, _("Subsidy recorded."))
        return redirect("regional-partners", regional.pk)
    context = {"regional": regional, "partner": partner, "form": form}
    return render(request, "regional/subsidy_form.html", context, status=422 if form.errors else 200)


def _objectives(plan: Plan) -> list[tuple[str, str]]:
    choices = []
    for so in StrategicObjective.objects.filter(module__plan=plan).select_related("module"):
        choices.append((f"so:{so.pk}", f"{so.module.title} · {so.title}"))
        for oo in so.operational_objectives.all():
            choices.append((f"oo:{oo.pk}", f"{so.module.title} · {so.title} › {oo.title}"))
    return choices


def _objective(value: str, plan: Plan) -> StrategicObjective | OperationalObjective:
    kind, _sep, pk = value.partition(":")
    if kind == "so":
        return StrategicObjective.objects.select_related("module__plan").get(pk=pk, module__plan=plan)
    return OperationalObjective.objects.select_related("strategic_objective__module__plan").get(
        pk=pk, strategic_objective__module__plan=plan
    )


@login_required
def links(request: AuthenticatedRequest, regional_id: int, plan_id: int) -> HttpResponse:
    """The links of one municipal plan's objectives to the region's measures."""
    regional, _scope = regional_for(request.user, regional_id, full=True)
    plan = get_object_or_404(Plan.objects.select_related("municipality"), pk=plan_id)
    if not can_view_plan(request.user, plan) or plan.municipality_id is None:
        raise Http404
    editable = links_objectives_of(request.user, regional, plan)
    form = forms.ObjectiveLinkForm(regional, _objectives(plan), request.POST or None) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        elif form.is_valid():
            data = form.cleaned_data
            actions.link_objective(
                regional,
                data["measure"],
                _objective(data["objective"], plan),
                request.user,
                primary=data["primary"],
            )
            messages.success(request, _("Link saved."))
            return redirect("regional-links", regional.pk, plan.pk)
    found = ObjectiveLink.objects.filter(
        plan=plan, measure__thematic__plan_id=regional.plan_id
    ).select_related("measure", "strategic_objective", "operational_objective")
    context = {"regional": regional, "plan": plan, "links": found, "form": form, "editable": editable}
    return render(request, "regional/links.html", context, status=422 if form and form.errors else 200)


@login_required
@require_POST
def unlink(request: AuthenticatedRequest, regional_id: int, link_id: int) -> HttpResponse:
    regional, _scope = regional_for(request.user, regional_id, full=True)
    link = get_object_or_404(
        ObjectiveLink.objects.select_related("plan__municipality"),
        pk=link_id,
        measure__thematic__plan_id=regional.plan_id,
    )
    if not can_view_plan(request.user, link.plan):
        raise Http404
    if not links_objectives_of(request.user, regional, link.plan):
        raise PermissionDenied
    actions.unlink_objective(link, request.user)
    messages.success(request, _("Link removed."))
    return redirect("regional-links", regional.pk, link.plan_id)
