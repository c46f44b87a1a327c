"""Downloads of a plan's documents, for whoever may read the plan."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from balise.accounts.users import AuthenticatedRequest
from balise.exports.convention import FORMATS, ConventionError, build_convention, render
from balise.exports.convention.wording import LANGUAGES
from balise.exports.opendata.tables import Tables, category_row, to_csv
from balise.monitoring.breakdowns import year_by_category
from balise.monitoring.selectors import plan_indicators
from balise.plans.access import plan_for


@login_required
@require_GET
def convention(request: AuthenticatedRequest, plan_id: int, format: str) -> HttpResponse:
    """``?year=2023`` fills the evaluation columns, ``?lang=nl`` chooses the language."""
    plan = plan_for(request.user, plan_id)
    year, language = request.GET.get("year", ""), request.GET.get("lang") or None
    if (year and not year.isdigit()) or (language is not None and language not in LANGUAGES):
        raise Http404
    try:
        document = build_convention(plan.pk, year=int(year) if year else None, language=language)
    except ConventionError as exc:  # a year the plan has no evaluation for
        raise Http404(str(exc)) from None
    response = HttpResponse(render(document, format), content_type=FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{document.file_stem}.{format}"'
    return response


@login_required
@require_GET
def values_by_category(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """``?year=2024``: the year's figures of the plan's disaggregated indicators per category, with
    the columns of the open-data table ``values_by_category`` (docs/opendata.md), whether or not
    the plan publishes anything: it is for whoever may read the plan."""
    plan = plan_for(request.user, plan_id)
    year = request.GET.get("year", "")
    if not (year.isdigit() and len(year) == 4):
        raise Http404
    indicators = list(plan_indicators(plan))
    figures = year_by_category(indicators, [int(year)])
    rows = [
        category_row(plan.pk, indicator.key, int(year), c)
        for indicator in indicators  # in the plan's order
        for c in figures.get((str(indicator.key), int(year)), ())
    ]
    response = HttpResponse(to_csv(Tables({"values_by_category": rows}), "values_by_category"))
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="values-by-category-{plan.pk}-{year}.csv"'
    return response
