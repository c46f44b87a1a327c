"""One response for both kinds of request: htmx gets the fragment to swap in place, a plain
browser (no JavaScript) gets the same fragment inside a full page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from balise.plans.models import Plan


def is_htmx(request: HttpRequest) -> bool:
    # A history restore wants the whole page, not a fragment.
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def respond(
    request: HttpRequest, plan: Plan, template: str, context: dict, *, title: str, status: int = 200
) -> HttpResponse:
    context = {"plan": plan, **context}
    if is_htmx(request):
        return render(request, template, context, status=status)
    # Validation messages are a 422 for htmx only: a browser posting a form expects a page.
    status = 200 if status == 422 else status
    return render(
        request,
        "web/plans/node_page.html",
        {**context, "fragment": template, "page_title": title},
        status=status,
    )


def back_to_plan(plan: Plan, anchor: str = "") -> HttpResponse:
    url = reverse("plan-detail", args=[plan.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)
