"""Versions of a plan: the list (with amend and sign), and the differences between two versions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from balise.accounts.rules import can_edit_plan, can_view_plan
from balise.accounts.users import AuthenticatedRequest
from balise.domain.diff import Change, PlanDiff
from balise.plans.access import plan_for
from balise.plans.models import Plan, PlanStatus
from balise.plans.versioning import (
    VersionError,
    amend_plan,
    compare,
    sign_plan,
    version_authors,
    versions_of,
)
from balise.web.versions.forms import CompareForm, SignForm

KIND_LABELS = {
    "plan": _("Plan"),
    "contingent": _("Contingent"),
    "module": _("Module"),
    "general_objective": _("General objective"),
    "strategic_objective": _("Strategic objective"),
    "operational_objective": _("Operational objective"),
    "result": _("Expected result"),
    "indicator": _("Indicator"),
    "thematic": _("Thematic"),
    "measure": _("Measure"),
}
CHANGE_LABELS = {Change.ADDED: _("added"), Change.REMOVED: _("removed"), Change.CHANGED: _("changed")}
FIELD_LABELS = {
    "period_start": _("start of period"),
    "period_end": _("end of period"),
    "annual_amount_eur": _("annual allocation (EUR)"),
    "description": _("description"),
    "service": _("service"),
    "domain": _("domain"),
    "number": _("number"),
    "code": _("code"),
    "fte": _("FTE"),
    "monthly_rate_eur": _("monthly intervention per FTE (EUR)"),
    "months": _("months"),
    "equipment_eur": _("equipment and training (EUR)"),
    "equipment_cap_per_fte_eur": _("equipment cap per FTE (EUR)"),
}


@login_required
def versions_list(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    return _list_page(request, plan_for(request.user, plan_id))


@login_required
@require_POST
def amend(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id, edit=True)
    try:
        draft = amend_plan(plan, request.user)
    except VersionError as error:
        return _list_page(request, plan, error=str(error), status=409)
    return redirect("plan-detail", draft.pk)


@login_required
@require_POST
def sign(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id, edit=True)
    form = SignForm(request.POST)
    if not form.is_valid():
        return _list_page(request, plan, sign_form=form, status=400)
    try:
        sign_plan(plan, request.user, form.cleaned_data["signed_on"])
    except VersionError as error:
        return _list_page(request, plan, error=str(error), status=409)
    return redirect("plan-versions", plan.pk)


@login_required
def versions_compare(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """``?a=&b=`` (plan ids of the same lineage); by default, the previous version against this one."""
    plan = plan_for(request.user, plan_id)
    versions = versions_of(plan)
    by_id = {v.pk: v for v in versions}
    previous = [v for v in versions if v.version < plan.version]
    old = _pick(request, "a", by_id, previous[-1] if previous else plan)
    new = _pick(request, "b", by_id, plan)
    diff = compare(old, new)
    form = CompareForm(versions=versions, initial={"a": old.pk, "b": new.pk})
    context = {"plan": plan, "old": old, "new": new, "diff": diff, "groups": _present(diff), "form": form}
    return render(request, "web/versions/compare.html", context)


def _pick(request: HttpRequest, name: str, by_id: dict[int, Plan], default: Plan) -> Plan:
    value = request.GET.get(name, "")
    if not value:
        return default
    try:
        chosen = by_id[int(value)]
    except (ValueError, KeyError):
        raise Http404 from None  # not a version of this plan
    if not can_view_plan(request.user, chosen):
        raise Http404
    return chosen


def _list_page(
    request: HttpRequest, plan: Plan, *, error: str = "", sign_form: SignForm | None = None, status: int = 200
) -> HttpResponse:
    versions = versions_of(plan)
    authors = version_authors(versions)
    latest = versions[-1].pk == plan.pk
    editable = can_edit_plan(request.user, plan)
    previous = [v for v in versions if v.version < plan.version]
    context = {
        "plan": plan,
        "rows": [(v, authors.get(v.pk)) for v in versions],
        "error": error,
        "can_amend": editable and latest and plan.status == PlanStatus.SIGNED,
        "can_sign": editable and latest and plan.status == PlanStatus.DRAFT,
        "sign_form": sign_form or SignForm(),
        "compare_form": CompareForm(
            versions=versions, initial={"a": (previous[-1] if previous else plan).pk, "b": plan.pk}
        ),
    }
    return render(request, "web/versions/list.html", context, status=status)


def _present(diff: PlanDiff) -> list[dict[str, Any]]:
    """The groups of changes with their labels, ready for the template."""
    return [
        {
            "title": group.title,
            "kind_label": KIND_LABELS.get(group.kind, group.kind),
            "changes": [
                {
                    "diff": change,
                    "kind_label": KIND_LABELS.get(change.kind, change.kind),
                    "change_label": CHANGE_LABELS[change.change],
                    "fields": [
                        (FIELD_LABELS.get(name, name), old, new)
                        for name, (old, new) in change.extra_changes.items()
                    ],
                }
                for change in group.changes
            ],
        }
        for group in diff.groups
    ]
