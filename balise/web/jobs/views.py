"""A job's page: its progress while it runs (htmx polls the status fragment), then its file or
the reason it failed, with a button to try again."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from balise.accounts.rules import is_administrator
from balise.accounts.users import AuthenticatedRequest, Visitor
from balise.jobs import registry, storage
from balise.jobs.actions import retry_job
from balise.jobs.models import Job
from balise.plans.access import plan_for


def job_for(user: Visitor, job_id: int) -> Job:
    """The job if ``user`` may read its plan (404 otherwise) and whatever else its kind asks
    (the regional report: the whole region); jobs about no plan are for administrators."""
    job = Job.objects.select_related("plan").filter(pk=job_id).first()
    if job is None:
        raise Http404
    if job.plan_id is None:
        if not is_administrator(user):
            raise Http404
    else:
        plan_for(user, job.plan_id)
    may_read = registry.kind(job.kind).may_read
    if may_read is not None:
        may_read(user, job)
    return job


@login_required
def job_page(request: AuthenticatedRequest, job_id: int) -> HttpResponse:
    job = job_for(request.user, job_id)
    template = "web/jobs/_status.html" if request.headers.get("HX-Request") else "web/jobs/job.html"
    response = render(request, template, {"job": job})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def job_file(request: AuthenticatedRequest, job_id: int) -> FileResponse:
    job = job_for(request.user, job_id)
    if job.state != Job.State.DONE or not job.file:
        raise Http404
    try:
        handle = storage.open_path(job.file).open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=job.file_name, content_type=job.content_type or None
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def job_retry(request: AuthenticatedRequest, job_id: int) -> HttpResponse:
    job = retry_job(request.user, job_for(request.user, job_id))
    return redirect("job", job_id=job.pk)
