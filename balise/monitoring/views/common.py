"""What the monitoring pages share: the year asked for, and answers for htmx or a plain browser."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from balise.plans.models import Plan
from balise.web.plans.responses import is_htmx


def plan_years(plan: Plan) -> list[int]:
    """The calendar years the plan covers (this year alone when its period is unknown)."""
    today = timezone.localdate()
    first = plan.period_start.year if plan.period_start else today.year
    last = plan.period_end.year if plan.period_end else max(first, today.year)
    return list(range(first, last + 1))


def default_year(years: list[int], today: date | None = None) -> int:
    """The year being lived if the plan covers it, else the plan's last year before today."""
    today = today or timezone.localdate()
    if today.year in years:
        return today.year
    past = [y for y in years if y < today.year]
    return past[-1] if past else years[0]


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
