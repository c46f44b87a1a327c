"""The financial report of a year (XLSX or PDF, written by a background job) and the overview
across municipalities."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balise import charts, clock
from balise.accounts.users import AuthenticatedRequest
from balise.finance.jobs import CONTENT_TYPES
from balise.finance.models import Category
from balise.finance.overview import overview
from balise.finance.rules import sees_overview
from balise.finance.views import plan_and_year
from balise.jobs.actions import request_job
from balise.jobs.models import Job


@login_required
@require_POST
def report_file(request: AuthenticatedRequest, plan_id: int, year: int, fmt: str) -> HttpResponse:
    """Starts the job that writes the financial report; its page offers the file when ready."""
    plan = plan_and_year(request.user, plan_id, year)
    if fmt not in CONTENT_TYPES:
        raise Http404
    job = request_job(request.user, Job.Kind.FINANCIAL_REPORT, {"year": year, "format": fmt}, plan=plan)
    return redirect("job", job_id=job.pk)


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    default = clock.today().year
    return int(raw) if raw.isdigit() and 1990 <= int(raw) <= 2100 else default


@login_required
def overview_page(request: AuthenticatedRequest) -> HttpResponse:
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
