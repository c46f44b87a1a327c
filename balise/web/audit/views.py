from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from balise.accounts.users import AuthenticatedRequest
from balise.plans.access import plan_for
from balise.web.audit.forms import HistoryFilterForm
from balise.web.audit.selectors import history_page, history_scope, plan_history


@login_required
def plan_history_view(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    form = HistoryFilterForm(request.GET)
    filters = form.filters()
    history = plan_history(history_scope(plan, filters, request.user), filters)
    page = history_page(history, request.GET.get("page"))
    return render(
        request, "web/audit/history.html", {"plan": plan, "form": form, "history": history, "page": page}
    )
