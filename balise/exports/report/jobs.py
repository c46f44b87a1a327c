"""The annual evaluation report as a background job (``Job.Kind.ANNUAL_REPORT``)."""

from __future__ import annotations

from balise.jobs.models import Job
from balise.jobs.registry import JobRefused, Output, Progress, register


def annual_report(job: Job, progress: Progress) -> Output:
    """Parameters: ``year``, ``format`` (pdf, docx), ``lang`` (fr, nl or None: the plan's)."""
    params = job.params
    progress(10)
    if job.plan is None:  # request_job always names the plan of a report; a bug otherwise
        raise ValueError(f"job {job.pk}: an annual report without a plan")
    # Late: matplotlib, python-docx and WeasyPrint, through balise.exports.report.document: only the job
    # that writes the report needs them, not every process that registers it (each `balise`
    # command).
    from balise.exports.report.data import ReportError
    from balise.exports.report.document import produce

    try:
        document = produce(job.plan, int(params["year"]), params.get("format", "pdf"), params.get("lang"))
    except ReportError as exc:
        raise JobRefused(str(exc)) from exc
    return Output(document.content, document.filename, document.content_type)


def register_jobs() -> None:
    register(Job.Kind.ANNUAL_REPORT, annual_report)
