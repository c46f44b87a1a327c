"""The annual implementation report: HTML page, DOCX, PDF. For readers of the whole region (a
partner sees only their own projects, the report shows everyone's)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from balise.regional.report.data import build_report
from balise.regional.report.docx import report_docx
from balise.regional.report.pdf import report_pdf
from balise.regional.views.common import read_filters, regional_for

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _report(request, regional_id: int):
    regional, scope = regional_for(request.user, regional_id, full=True)
    filters, _partner = read_filters(request.GET, regional, scope)
    return regional, build_report(regional, filters.year_from, filters.year_to)


@login_required
def report_page(request, regional_id: int):
    regional, report = _report(request, regional_id)
    return render(request, "regional/report.html", {"regional": regional, "report": report})


@login_required
def report_file(request, regional_id: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    _regional, report = _report(request, regional_id)
    content = report_docx(report) if fmt == "docx" else report_pdf(report)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = slugify(f"{report.title} {report.years}") or "report"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
