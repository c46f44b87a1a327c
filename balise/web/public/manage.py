"""The page where an editor chooses what of a plan the public sees (publish, change, withdraw)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balise.accounts.rules import can_edit_plan
from balise.accounts.users import AuthenticatedRequest
from balise.domain.languages import base_language
from balise.plans.access import plan_for
from balise.publication import actions
from balise.publication.models import Publication


@login_required
def publication(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id, edit=request.method == "POST")
    current = Publication.objects.filter(plan=plan).first()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                actions.withdraw(plan, request.user)
                messages.success(request, _("The plan is no longer public."))
            else:
                actions.publish(
                    plan,
                    request.user,
                    indicators="indicators" in request.POST,
                    values="values" in request.POST,
                    evaluation="evaluation" in request.POST,
                )
                messages.success(request, _("The plan is public."))
        except actions.PublicationError as error:
            messages.error(request, str(error))
        return redirect("plan-publication", plan_id=plan.pk)
    return render(
        request,
        "public/manage.html",
        {
            "plan": plan,
            "publication": current,
            "may_edit_plan": bool(can_edit_plan(request.user, plan)),
            "public_lang": base_language(request.LANGUAGE_CODE),
        },
    )
