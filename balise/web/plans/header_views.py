"""Editing the plan header in place (title, period, signature date, annual allocation)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balise.accounts.users import AuthenticatedRequest
from balise.domain.money import parse_amount
from balise.plans import editing
from balise.plans.access import plan_for
from balise.plans.forms import PlanHeaderForm
from balise.plans.models import Plan, PlanStatus
from balise.web.plans.nodes import editable, form_rows, revision_of
from balise.web.plans.responses import back_to_plan, is_htmx, respond

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HeaderFields(PlanHeaderForm):
    """The header form as shown: date pickers, and an amount typed the Belgian way."""

    class Meta(PlanHeaderForm.Meta):
        widgets = {"period_start": _DATE, "period_end": _DATE, "signed_on": _DATE}
        localized_fields = ("annual_amount_eur",)


def _values(post: QueryDict) -> dict[str, str]:
    values = {name: post.get(name, "") for name in PlanHeaderForm.base_fields if name in post}
    amount = values.get("annual_amount_eur")
    if amount:
        # "592.354,64 €" or "592354,64" as people write it; left as is when unreadable so that
        # the form reports it next to the field.
        parsed = parse_amount(amount)
        values["annual_amount_eur"] = str(parsed) if parsed is not None else amount
    return values


def _form_context(
    plan: Plan, *, values: dict | None = None, errors: dict | None = None, revision: int | None = None
) -> dict:
    dom_id = f"head-plan-{plan.pk}"
    rows, general = form_rows(HeaderFields, dom_id, instance=plan, values=values, errors=errors)
    return {
        "rows": rows,
        "general_errors": general,
        "revision": plan.revision if revision is None else revision,
        "form_id": dom_id,
        "action": reverse("plan-header-edit", args=[plan.pk]),
        "hx_target": f"#{dom_id}",
        "hx_swap": "outerHTML",
        "cancel_url": reverse("plan-header", args=[plan.pk]),
        "cancel_target": f"#{dom_id}",
        "anchor": dom_id,
        "submit_label": _("Save"),
    }


@login_required
def plan_header(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id, content_only=True)
    if not is_htmx(request):
        return back_to_plan(plan)
    context = {"plan": plan, "can_edit": editable(request.user, plan)}
    return render(request, "web/plans/_header.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_header_edit(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id, edit=True)
    title = _("Edit the plan header")
    if plan.status != PlanStatus.DRAFT:
        message = str(editing.PlanLocked(plan))
        return respond(
            request, plan, "web/plans/nodes/_locked.html", {"message": message}, title=title, status=409
        )
    if request.method == "GET":
        return respond(request, plan, "web/plans/nodes/_form.html", _form_context(plan), title=title)
    values, revision = _values(request.POST), revision_of(request.POST)
    try:
        plan = editing.update_plan_header(plan.pk, values, revision, request.user)
    except editing.Invalid as exc:
        context = _form_context(plan, values=values, errors=exc.errors, revision=revision)
        return respond(request, plan, "web/plans/nodes/_form.html", context, title=title, status=422)
    except editing.StaleEdit as exc:
        current = Plan.objects.select_related("municipality").get(pk=exc.current.pk)
        context = {
            **_form_context(current, values=values, revision=current.revision),
            "form_id": "",
            "kind": "plan",
            "theirs": current,
            "yours": _readable(values),
            "submit_label": _("Save my version over theirs"),
            "cancel_label": _("Keep their version"),
        }
        return respond(request, current, "web/plans/nodes/_conflict.html", context, title=title, status=409)
    except editing.PlanLocked as exc:
        return respond(
            request, plan, "web/plans/nodes/_locked.html", {"message": str(exc)}, title=title, status=409
        )
    if not is_htmx(request):
        messages.success(request, _("Saved."))
        return back_to_plan(plan)
    context = {"plan": plan, "can_edit": True, "oob_title": True}
    return render(request, "web/plans/_header.html", context)


def _readable(values: dict[str, str]) -> list[tuple[str, str]]:
    fields = HeaderFields.base_fields
    return [(str(fields[name].label), value or "—") for name, value in values.items() if name in fields]
