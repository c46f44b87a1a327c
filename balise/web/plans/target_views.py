"""The structured target editor of one indicator: kind, comparator, value, upper bound, period and
deadline, beside the target as written in the indicator's text (which stays as it is).

Writes go through `balise.plans.editing.set_target` (draft plans only, revision checked).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balise.plans import editing
from balise.plans.access import plan_for
from balise.plans.forms import TargetForm
from balise.plans.models import Indicator, Plan, PlanStatus

TEMPLATE = "web/plans/target_edit.html"


def _page(
    request: HttpRequest,
    plan: Plan,
    indicator: Indicator,
    form: TargetForm,
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = {
        "plan": plan,
        "indicator": indicator,
        "form": form,
        "revision": indicator.revision,
        "locked": plan.status != PlanStatus.DRAFT,
        "back": reverse("plan-detail", args=[plan.pk]) + f"#node-indicator-{indicator.pk}",
        **extra,
    }
    return render(request, TEMPLATE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, plan_id: int, indicator_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id, edit=True, content_only=True)
    indicator = get_object_or_404(Indicator, pk=indicator_id, strategic_objective__module__plan=plan)
    if request.method == "GET":
        return _page(request, plan, indicator, TargetForm(initial=TargetForm.initial_of(indicator)))
    form = TargetForm(request.POST)
    if not form.is_valid():
        return _page(request, plan, indicator, form, status=422)
    try:
        revision = int(request.POST.get("revision") or -1)
        editing.set_target(indicator.pk, form.target(indicator.target_raw), revision, request.user)
    except editing.Invalid as exc:
        for name, problems in exc.errors.items():
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)
        return _page(request, plan, indicator, form, status=422)
    except editing.StaleEdit:
        indicator.refresh_from_db()
        conflict = _("This indicator was changed by someone else meanwhile: its target is shown again.")
        fresh = TargetForm(initial=TargetForm.initial_of(indicator))
        return _page(request, plan, indicator, fresh, status=409, conflict=conflict)
    except editing.PlanLocked as exc:
        return _page(request, plan, indicator, form, status=409, conflict=str(exc))
    messages.success(request, _("Target saved."))
    return redirect(reverse("plan-detail", args=[plan.pk]) + f"#node-indicator-{indicator.pk}")
