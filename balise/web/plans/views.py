"""The plan list (home page) and the plan page."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from balise.accounts.models import Organisation
from balise.accounts.rules import can_create_plans, can_edit_plan, can_follow_plan, restrict_plans
from balise.accounts.users import AuthenticatedRequest
from balise.domain.languages import base_language
from balise.plans.access import plan_for
from balise.plans.models import Plan, PlanKind
from balise.plans.selectors import plans_list
from balise.web.plans.filters import PlanFilterForm
from balise.web.plans.nodes import editable
from balise.web.plans.responses import is_htmx
from balise.web.plans.translation_views import IN_SENTENCE
from balise.web.plans.tree_cache import Fragment, Stamps, page_parts, stamps
from balise.web.typography import typeset

PAGE_SIZE = 50
# Where the cached body goes in the page rendered for the visitor (web/plans/detail.html).
BODY_PLACEHOLDER = "<!--plan-body-placeholder-8a3f5d21-->"


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
    """The plan page. Access is checked on every request (`plan_for`); the body (the head and
    the tree) comes from the shared cache by the state of everything it shows, the page around
    it (top bar, messages, CSRF token) is rendered for the visitor. Warm: the session, the user,
    the plan, the visitor's memberships, the stamps, the contingents and one cache read."""
    plan = plan_for(request.user, plan_id, content_only=True)
    can_edit = editable(request.user, plan)
    rights = {
        "can_edit": can_edit,
        "may_edit_plan": bool(can_edit_plan(request.user, plan)),
        "may_follow": bool(can_follow_plan(request.user, plan)),  # partners: the content only
    }
    state = stamps(plan)
    head = _head(plan, state, rights)
    body = page_parts(plan, state, head, can_edit=can_edit, csrf_token=get_token(request))
    response = render(request, "web/plans/detail.html", {"plan": plan, "body": mark_safe(BODY_PLACEHOLDER)})
    before, after = response.content.split(BODY_PLACEHOLDER.encode(), 1)
    response.content = b"".join((before, *body, after))
    return response


def _head(plan: Plan, state: Stamps, rights: dict[str, bool]) -> Fragment:
    """The page's head (`web/plans/_page_head.html`) and its cache key, which holds everything it
    shows: the plan's row, its municipality's, its contingents' (`stamps`), the municipalities it
    is compared with, its other version, the visitor's rights and the language."""
    compare = _municipalities_to_compare(plan)
    rows = [_row(row) for row in (plan, plan.municipality, *compare)]
    shown = repr([rows, state.contingents, state.other_version, sorted(rights.items())])
    key = (
        f"plan-head:{plan.pk}:{get_language()}:{hashlib.blake2b(shown.encode(), digest_size=16).hexdigest()}"
    )

    def render_head() -> str:
        context = {
            "plan": plan,
            **rights,
            "other_version": state.other_version,
            "read_by_phenomenon": compare,
            "content_language": content_language_note(plan),
        }
        return typeset(render_to_string("web/plans/_page_head.html", context))

    return Fragment(key, render_head)


def _row(instance: Model | None) -> tuple[object, ...]:
    """The values of a row as read (what a page showing it depends on)."""
    if instance is None:
        return ()
    return (type(instance).__name__, *(getattr(instance, f.attname) for f in instance._meta.concrete_fields))


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
