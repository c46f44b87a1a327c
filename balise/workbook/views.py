"""The evaluation workbook of a plan: download it for a year (anyone who reads the plan), upload
it filled in (those who record values). A refused upload lists every bad cell (status 400).
The upload page shows readers the download form only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from balise.accounts.users import AuthenticatedRequest
from balise.monitoring.rules import can_record_values
from balise.monitoring.selectors import plan_years
from balise.monitoring.views.common import chosen_year
from balise.monitoring.views.values import values_url
from balise.plans.access import plan_for
from balise.workbook.apply import WorkbookOutcome, export_workbook, import_workbook
from balise.workbook.read import CellError, WorkbookRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_PAGE = "monitoring/workbook_upload.html"
MAX_BYTES = 10 * 1024 * 1024  # a year of a large plan is well under 1 MB


@login_required
@require_GET
def workbook_download(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    year = chosen_year(request.GET.get("year"), plan_years(plan))
    response = HttpResponse(export_workbook(plan, year), content_type=XLSX)
    name = f"balise-plan-{plan.pk}-v{plan.version}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _rows(errors: list[CellError | str]) -> list[tuple[str, str]]:
    return [(f"{e.sheet}!{e.cell}", e.reason) if isinstance(e, CellError) else ("", str(e)) for e in errors]


@login_required
@require_http_methods(["GET", "POST"])
def workbook_upload(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    may_record = can_record_values(request.user, plan)
    years = plan_years(plan)
    context = {
        "plan": plan,
        "years": years,
        "year": chosen_year(request.GET.get("year"), years),
        "may_record": may_record,
    }
    if request.method == "GET":  # readers see the download form only
        return render(request, UPLOAD_PAGE, context)
    if not may_record:
        raise PermissionDenied
    upload = request.FILES.get("workbook")
    dry_run = bool(request.POST.get("dry_run"))
    try:
        if upload is None:
            raise WorkbookRefused([_("Choose the workbook (.xlsx) to upload.")])
        if (upload.size or 0) > MAX_BYTES:
            raise WorkbookRefused([_("This file is too large for a workbook (at most 10 MB).")])
        outcome = import_workbook(upload, request.user, plan=plan, dry_run=dry_run)
    except WorkbookRefused as exc:
        return render(request, UPLOAD_PAGE, {**context, "errors": _rows(exc.problems)}, status=400)
    if dry_run:
        return render(request, UPLOAD_PAGE, {**context, "year": outcome.year, "outcome": outcome})
    messages.success(request, summary(outcome))
    return redirect(values_url(plan.pk, outcome.year))


def summary(outcome: WorkbookOutcome) -> str:
    return _(
        "Workbook of %(year)s applied. Values created: %(created)d, updated: %(updated)d, "
        "unchanged: %(unchanged)d."
    ) % {
        "year": outcome.year,
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
    }
