"""The application's URLs plus the floor the plan page is compared with in benchmarks/plan_page.py:
an authenticated trivial view (the session, the user, one query), as cheap as a logged-in page gets."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def trivial(request: HttpRequest) -> HttpResponse:
    from balise.plans.models import Plan

    if not request.user.is_authenticated:  # reads the session and the user
        return HttpResponse(status=403)
    return HttpResponse(f"{Plan.objects.count()} plans", content_type="text/plain")  # one query


urlpatterns = [path("bench/trivial/", trivial), path("", include("config.urls"))]
