"""The annual implementation report: the HTML page, and the DOCX and PDF through a background job.
For readers of the whole region (a partner sees only their own projects, the report shows
everyone's)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from balise.accounts.users import AuthenticatedRequest
from balise.jobs.actions import request_job
from balise.jobs.models import Job
from balise.regional.models import RegionalPlan
from balise.regional.report.data import RegionalAnnualReport, build_report
from balise.regional.report.jobs import CONTENT_TYPES
from balise.regional.views.common import read_filters, regional_for


def _report(request: AuthenticatedRequest, regional_id: int) -> tuple[RegionalPlan, RegionalAnnualReport]:
    regional, scope = regional_for(request.user, regional_id, full=True)
    filters, _partner = read_filters(request.GET, regional, scope)
    return regional, build_report(regional, filters.year_from, filters.year_to)


@login_required
def report_page(request: AuthenticatedRequest, regional_id: int) -> HttpResponse:
    regional, report = _report(request, regional_id)
    return render(request, "regional/report.html", {"regional": regional, "report": report})


@login_required
@require_POST
def report_file(request: AuthenticatedRequest, regional_id: int, fmt: str) -> HttpResponse:
    """Starts the job that writes the DOCX or PDF (thousands of projects take minutes) and sends
    the user to its page, which offers the file when it is ready."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    regional, scope = regional_for(request.user, regional_id, full=True)
    filters, _partner = read_filters(request.POST, regional, scope)
    params = {"regional": regional.pk, "from": filters.year_from, "to": filters.year_to, "format": fmt}
    job = request_job(request.user, Job.Kind.REGIONAL_REPORT, params, plan=regional.plan)
    return redirect("job", job_id=job.pk)
