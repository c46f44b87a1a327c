from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from balise.plans.models import Plan
from balise.plans.selectors import plan_with_tree, plans_list


@login_required
def home(request):
    return render(request, "web/home.html", {"plans": plans_list()})


@login_required
def plan_detail(request, plan_id: int):
    try:
        plan = plan_with_tree(plan_id)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "web/plan_detail.html", {"plan": plan})
