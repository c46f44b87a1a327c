"""What the monitoring pages share: the year asked for, and answers for htmx or a plain browser."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balise.monitoring.selectors import default_year
from balise.web.plans.responses import is_htmx


def chosen_year(raw: str | None, years: list[int]) -> int:
    try:
        year = int(raw or "")
    except ValueError:
        return default_year(years)
    return year if year in years else default_year(years)


def page(request: HttpRequest, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    """A whole page; htmx requests pick their fragment out of it with ``hx-select``. A 422 is
    kept for htmx only (a plain browser posting a form expects a page with a 200)."""
    if status == 422 and not is_htmx(request):
        status = 200
    return render(request, template, context, status=status)
