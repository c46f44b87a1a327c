"""The plan list (home page) and the plan page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from balise.accounts.models import Organisation
from balise.accounts.rules import can_create_plans, can_edit_plan, can_follow_plan, restrict_plans
from balise.accounts.users import AuthenticatedRequest
from balise.domain.languages import base_language
from balise.plans.access import plan_for
from balise.plans.models import Plan, PlanKind
from balise.plans.selectors import other_version_note, plans_list
from balise.web.plans.filters import PlanFilterForm
from balise.web.plans.nodes import editable
from balise.web.plans.responses import is_htmx
from balise.web.plans.translation_views import IN_SENTENCE
from balise.web.plans.tree_cache import tree_html

PAGE_SIZE = 50


@login_required
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    visible = restrict_plans(request.user, plans_list())
    form = PlanFilterForm(request.GET, visible)
    page = Paginator(form.filter(visible), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_create": can_create_plans(request.user)}
    # Live filtering swaps the results only; the full page is the same URL without JavaScript.
    template = "web/plans/_results.html" if is_htmx(request) else "web/plans/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def plan_detail(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id, content_only=True)
    can_edit = editable(request.user, plan)
    context = {
        "plan": plan,
        "can_edit": can_edit,
        "may_edit_plan": bool(can_edit_plan(request.user, plan)),
        "other_version": other_version_note(plan),
        "may_follow": bool(can_follow_plan(request.user, plan)),  # partners: the content only
        "tree_html": tree_html(request, plan, can_edit=can_edit),
        "read_by_phenomenon": _municipalities_to_compare(plan),
        "content_language": content_language_note(plan),
    }
    return render(request, "web/plans/detail.html", context)


def content_language_note(plan: Plan) -> dict[str, object] | None:
    """What the page says about the language of the plan's texts when the reader's differs:
    whether a translation into theirs is shown (None: the reader reads the plan's language)."""
    reader, written = base_language(get_language()), base_language(plan.language)
    if reader == written:
        return None
    return {
        "written_in": IN_SENTENCE[written],
        "reader": IN_SENTENCE[reader],
        "translated": reader in (plan.translations or {}),
    }


def _municipalities_to_compare(plan: Plan) -> list[Organisation]:
    """Whose phenomenon pages put this plan beside the other: the plan's municipality, or every
    municipality of a zonal plan's police zone."""
    owner = plan.municipality
    if owner is None:
        return []
    if plan.kind == PlanKind.PZS:
        return list(
            Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, police_zone=owner).order_by(
                "name_fr"
            )
        )
    return [owner] if owner.kind == Organisation.Kind.MUNICIPALITY else []
