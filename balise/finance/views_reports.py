"""Downloads (the financial report of a year as XLSX or PDF) and the overview across municipalities."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from balise import charts
from balise.finance import reports
from balise.finance.models import Category
from balise.finance.overview import overview
from balise.finance.rules import sees_overview
from balise.finance.selectors import year_budget
from balise.finance.views import plan_and_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _name(plan, year: int, extension: str) -> str:
    return (
        f"{slugify(plan.municipality_label or plan.title)[:40] or 'plan'}-{year}-financial-report.{extension}"
    )


@login_required
def report_xlsx(request, plan_id: int, year: int):
    plan = plan_and_year(request.user, plan_id, year)
    return _download(reports.to_xlsx(year_budget(plan, year)), XLSX, _name(plan, year, "xlsx"))


@login_required
def report_pdf(request, plan_id: int, year: int):
    plan = plan_and_year(request.user, plan_id, year)
    return _download(reports.to_pdf(year_budget(plan, year)), "application/pdf", _name(plan, year, "pdf"))


def _year(request) -> int:
    raw = request.GET.get("year", "")
    default = timezone.localdate().year
    return int(raw) if raw.isdigit() and 1990 <= int(raw) <= 2100 else default


@login_required
def overview_page(request):
    if not sees_overview(request.user):
        raise PermissionDenied(_("The financial overview is for federal analysts and regional coordinators."))
    year = _year(request)
    result = overview(request.user, year)
    labels = dict(Category.choices)
    chart = charts.allocated_vs_spent(
        [
            charts.BudgetBar(str(labels[c]), result.allocated_by_category[c], result.spent_by_category[c])
            for c in Category.values
        ],
        title=str(year),
    )
    context = {
        "overview": result,
        "chart": chart if result.rows else None,
        "years": range(year - 4, year + 2),
    }
    return render(request, "finance/overview.html", context)
