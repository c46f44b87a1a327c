"""The regional implementation report (DOCX, PDF) as a background job."""

from __future__ import annotations

from django.utils import translation
from django.utils.text import slugify

from balise.accounts.users import Visitor
from balise.jobs.models import Job
from balise.jobs.registry import Output, Progress, register
from balise.regional.models import RegionalPlan
from balise.regional.views.common import regional_for

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def regional_report(job: Job, progress: Progress) -> Output:
    """Parameters: ``regional`` (id), ``from``, ``to`` (years), ``format``, ``lang``."""
    params, fmt = job.params, job.params.get("format", "pdf")
    regional = RegionalPlan.objects.select_related("plan", "region").get(pk=params["regional"])
    progress(5)
    # Late: matplotlib, python-docx and WeasyPrint, through balise.regional.report's data (its
    # charts), docx and pdf: only the job that writes the report needs them, not every process
    # that registers it (each `balise` command).
    from balise.regional.report.data import build_report
    from balise.regional.report.docx import report_docx
    from balise.regional.report.pdf import report_pdf

    with translation.override(params.get("lang") or translation.get_language()):
        report = build_report(regional, int(params["from"]), int(params["to"]))
        progress(40)
        content = report_docx(report) if fmt == "docx" else report_pdf(report)
    name = slugify(f"{report.title} {report.years}") or "report"
    return Output(content, f"{name}.{fmt}", CONTENT_TYPES[fmt])


def may_read(user: Visitor, job: Job) -> None:
    """As the report page: readers of the whole region (a partner sees only their projects)."""
    regional_for(user, job.params["regional"], full=True)


def register_jobs() -> None:
    register(Job.Kind.REGIONAL_REPORT, regional_report, may_read)
