"""The financial report of a year (XLSX, PDF) as a background job."""

from __future__ import annotations

from django.utils import translation
from django.utils.text import slugify

from balise.finance.selectors import year_budget
from balise.jobs.models import Job
from balise.jobs.registry import Output, Progress, register
from balise.plans.models import Plan

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def report_name(plan: Plan, year: int, extension: str) -> str:
    stem = slugify(plan.municipality_label or plan.title)[:40] or "plan"
    return f"{stem}-{year}-financial-report.{extension}"


def financial_report(job: Job, progress: Progress) -> Output:
    """Parameters: ``year``, ``format`` (xlsx, pdf), ``lang``."""
    plan, year, fmt = job.plan, int(job.params["year"]), job.params.get("format", "pdf")
    if plan is None:  # request_job always names the plan of a report; a bug otherwise
        raise ValueError(f"job {job.pk}: a financial report without a plan")
    progress(10)
    with translation.override(job.params.get("lang") or translation.get_language()):
        budget = year_budget(plan, year)
        progress(50)
        # Late: openpyxl, matplotlib and WeasyPrint, through balise.finance.reports: only the job
        # that writes the report needs them, not every process that registers it (each `balise`
        # command).
        from balise.finance import reports

        content = reports.to_xlsx(budget) if fmt == "xlsx" else reports.to_pdf(budget)
    return Output(content, report_name(plan, year, fmt), CONTENT_TYPES[fmt])


def register_jobs() -> None:
    register(Job.Kind.FINANCIAL_REPORT, financial_report)
